//! Text folding below the level of names: script detection, Arabic orthographic folding,
//! Latin folding and digits.
//!
//! Everything here works one `char` at a time and writes into a caller's buffer, so the
//! name parser can fold, split and classify a name in a single pass without allocating per
//! character. The folds follow `ARABIC_NAMES.md` §1 (Arabic) and §3 (scholarly Latin
//! input): presentation forms go through NFKC first ([`prepare`]), then every character is
//! either folded to its canonical form, dropped (invisible format characters, tashkeel,
//! tatweel, apostrophes, combining marks), treated as a separator, or passed through and
//! flagged as unknown.
//!
//! Owns: script detection and every character fold of the crate (Arabic, Latin, digits,
//! invisible characters, romanisation of other scripts); field parsers and the name parser
//! fold through it.
//! Must not know: names, fields or any stage: it works on characters and strings.

use std::borrow::Cow;

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};

pub mod arabic;
pub mod digits;
pub mod latin;
pub mod romanize;

/// The writing system of a token or a whole name, judged from its letters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Script {
    /// Only Arabic-script letters (Arabic, Persian, Urdu letters included).
    Arabic,
    /// Only Latin letters (after folding to ASCII).
    Latin,
    /// Both Arabic-script and Latin letters.
    Mixed,
    /// Letters of neither script, or no letters at all (digits, symbols, empty input).
    Other,
}

impl Script {
    /// The script name as used in JSON output: `arabic`, `latin`, `mixed`, `other`.
    pub fn as_str(self) -> &'static str {
        match self {
            Script::Arabic => "arabic",
            Script::Latin => "latin",
            Script::Mixed => "mixed",
            Script::Other => "other",
        }
    }

    /// Combine the scripts of two parts of a text (e.g. two tokens of one name).
    pub fn combine(self, other: Script) -> Script {
        match (self, other) {
            (a, b) if a == b => a,
            (Script::Other, b) => b,
            (a, Script::Other) => a,
            _ => Script::Mixed,
        }
    }

    pub(crate) fn from_flags(arabic: bool, latin: bool) -> Script {
        match (arabic, latin) {
            (true, true) => Script::Mixed,
            (true, false) => Script::Arabic,
            (false, true) => Script::Latin,
            (false, false) => Script::Other,
        }
    }
}

/// The script of `s`, judged from its letters after folding.
///
/// ```
/// use hawiya::text::{detect_script, Script};
/// assert_eq!(detect_script("محمد"), Script::Arabic);
/// assert_eq!(detect_script("Muḥammad"), Script::Latin);
/// assert_eq!(detect_script("محمد Ali"), Script::Mixed);
/// assert_eq!(detect_script("١٢٣"), Script::Other);
/// ```
pub fn detect_script(s: &str) -> Script {
    let mut arabic = false;
    let mut latin = false;
    let mut scratch = String::new();
    for c in s.chars() {
        scratch.clear();
        match fold_char(c, &mut scratch) {
            CharKind::Arabic => arabic = true,
            CharKind::Latin => latin = true,
            _ => {}
        }
        if arabic && latin {
            break;
        }
    }
    Script::from_flags(arabic, latin)
}

/// What [`fold_char`] did with one character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CharKind {
    /// An Arabic-script letter, written folded.
    Arabic,
    /// A Latin letter, written as lowercase ASCII (one or more letters).
    Latin,
    /// A digit of any script, written as an ASCII digit.
    Digit,
    /// Removed without a trace: invisible format character, tashkeel, tatweel, apostrophe
    /// or ayn/hamza sign, combining mark, lone hamza.
    Dropped,
    /// White space: ends a token.
    Space,
    /// Punctuation that ends a token (`-`, `.`, `,`, `/`, `<`, Arabic comma …); the
    /// character is returned so the parser can tell commas and MRZ fillers apart.
    Separator(char),
    /// Anything else: written unchanged, and the token is flagged as having unknown
    /// characters.
    Other,
}

/// Fold one character (after [`prepare`]) into `out` and say what it was.
///
/// ```
/// use hawiya::text::{fold_char, CharKind};
/// let mut out = String::new();
/// assert_eq!(fold_char('أ', &mut out), CharKind::Arabic);
/// assert_eq!(fold_char('É', &mut out), CharKind::Latin);
/// assert_eq!(fold_char('\u{200f}', &mut out), CharKind::Dropped);
/// assert_eq!(fold_char('٣', &mut out), CharKind::Digit);
/// assert_eq!(out, "اe3");
/// ```
pub fn fold_char(c: char, out: &mut String) -> CharKind {
    if c.is_ascii() {
        return fold_ascii(c as u8, out);
    }
    // Arabic letters first: the commonest non-ASCII input.
    if ('\u{0621}'..='\u{064A}').contains(&c) {
        return arabic::fold_arabic_char(c, out);
    }
    if let Some(d) = digits::digit_value(c) {
        out.push((b'0' + d) as char);
        return CharKind::Digit;
    }
    if is_invisible(c) {
        return CharKind::Dropped;
    }
    if ('\u{0600}'..='\u{06FF}').contains(&c)
        || ('\u{0750}'..='\u{077F}').contains(&c)
        || ('\u{08A0}'..='\u{08FF}').contains(&c)
    {
        return arabic::fold_arabic_char(c, out);
    }
    if latin::is_apostrophe(c) {
        return CharKind::Dropped;
    }
    if c.is_whitespace() {
        return CharKind::Space;
    }
    if is_separator_punct(c) {
        return CharKind::Separator(c);
    }
    latin::fold_non_ascii(c, out)
}

#[inline]
fn fold_ascii(b: u8, out: &mut String) -> CharKind {
    match b {
        b'a'..=b'z' => {
            out.push(b as char);
            CharKind::Latin
        }
        b'A'..=b'Z' => {
            out.push((b + 32) as char);
            CharKind::Latin
        }
        b'0'..=b'9' => {
            out.push(b as char);
            CharKind::Digit
        }
        b'\'' | b'`' => CharKind::Dropped,
        b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C => CharKind::Space,
        0..=0x1F | 0x7F => CharKind::Dropped,
        b'-' | b'.' | b',' | b'/' | b'<' | b'_' | b';' | b':' | b'(' | b')' | b'[' | b']'
        | b'{' | b'}' | b'"' | b'|' | b'+' | b'&' | b'*' | b'!' | b'?' | b'=' | b'>' | b'\\'
        | b'#' | b'~' | b'^' | b'@' | b'$' | b'%' => CharKind::Separator(b as char),
        _ => CharKind::Separator(b as char),
    }
}

fn is_separator_punct(c: char) -> bool {
    matches!(
        c,
        '\u{2010}'
            ..='\u{2015}' // hyphens and dashes
            | '\u{2212}' // minus
            | '\u{00B7}' // middle dot
            | '\u{2022}' // bullet
            | '\u{2026}' // ellipsis
            | '\u{00AB}' | '\u{00BB}' | '\u{201C}' | '\u{201D}' | '\u{201E}'
            | '\u{3001}' | '\u{3002}'
    )
}

/// Whether `c` is an invisible format character (Unicode category Cf, plus the few
/// look-alikes that behave like one): bidi marks and embeddings, zero-width characters,
/// the byte-order mark, the soft hyphen, Arabic number signs. These are deleted.
///
/// ```
/// assert!(hawiya::text::is_invisible('\u{200c}')); // ZWNJ
/// assert!(!hawiya::text::is_invisible('a'));
/// ```
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{0600}'..='\u{0605}'
            | '\u{061C}'
            | '\u{06DD}'
            | '\u{070F}'
            | '\u{0890}'..='\u{0891}'
            | '\u{08E2}'
            | '\u{115F}'..='\u{1160}'
            | '\u{180B}'..='\u{180F}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'
            | '\u{3164}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{FFF9}'..='\u{FFFB}'
            | '\u{110BD}'
            | '\u{110CD}'
            | '\u{13430}'..='\u{1343F}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0000}'..='\u{E0FFF}'
    )
}

/// Bring `s` to the form the per-character folds expect: drop the two ligatures that
/// NFKC would expand into whole phrases (U+FDFA, U+FDFB) and the invisible and control
/// characters that the folds delete anyway, then apply NFKC (presentation forms,
/// full-width letters, NBSP, ligatures like `ﷲ`). Deleting first lets NFKC compose what
/// they separated (Hangul jamo around a control character), so that folding the result
/// again changes nothing. ASCII input and input that is already NFKC is returned
/// borrowed, without work.
///
/// ```
/// use hawiya::text::prepare;
/// assert_eq!(prepare("ﻣﺤﻤﺪ"), "محمد");
/// assert!(matches!(prepare("Ahmed"), std::borrow::Cow::Borrowed(_)));
/// ```
pub fn prepare(s: &str) -> Cow<'_, str> {
    if s.is_ascii() || s.chars().all(fold_equal_without_nfkc) {
        return Cow::Borrowed(s);
    }
    let has_phrase = s.contains(['\u{FDFA}', '\u{FDFB}']);
    if !has_phrase && is_nfkc_quick(s.chars()) == IsNormalized::Yes {
        return Cow::Borrowed(s);
    }
    let cleaned = s
        .chars()
        .filter(|&c| c != '\u{FDFA}' && c != '\u{FDFB}' && !is_deleted_control(c));
    Cow::Owned(cleaned.nfkc().collect())
}

/// Invisible format characters and the C0 controls (except the white-space ones) and
/// DEL: the characters [`fold_char`] deletes without a trace, whatever surrounds them.
fn is_deleted_control(c: char) -> bool {
    is_invisible(c) || (c.is_ascii_control() && !c.is_ascii_whitespace() && c != '\x0B')
}

/// Whether the folds give the same result for `c` with or without NFKC first: ASCII,
/// Latin-1 and Latin Extended-A letters without compatibility decompositions, combining
/// marks (dropped either way, whatever NFKC composes them into), the Arabic block except
/// the four compatibility high-hamza letters (U+0675–0678; canonical compositions such as
/// `ا`+madda → `آ` fold to the same letter), and bidi / zero-width controls. Text made only
/// of these skips NFKC: most Arabic-script and Latin names.
pub(crate) fn fold_equal_without_nfkc(c: char) -> bool {
    matches!(c as u32,
        0x00..=0x7F
        | 0xC0..=0xFF
        | 0x100..=0x131
        | 0x134..=0x13E
        | 0x141..=0x148
        | 0x14A..=0x17E
        | 0x300..=0x36F
        | 0x600..=0x674
        | 0x679..=0x6FF
        | 0x200B..=0x200F
        | 0x202A..=0x202E
        | 0x2066..=0x2069
        | 0xFEFF
    )
}

/// Fold a whole string: [`prepare`], then [`fold_char`] on each character, with every run
/// of spaces and separators written as one ASCII space and no space at either end.
/// Unknown characters are kept.
///
/// ```
/// use hawiya::text::fold;
/// assert_eq!(fold("  أَحْمَـــد\u{200f}  "), "احمد");
/// assert_eq!(fold("AL-FADHALA, Muḥammad"), "al fadhala muhammad");
/// ```
pub fn fold(s: &str) -> String {
    let prepared = prepare(s);
    let mut out = String::with_capacity(prepared.len());
    let mut pending_space = false;
    for c in prepared.chars() {
        let len_before = out.len();
        match fold_char(c, &mut out) {
            CharKind::Space | CharKind::Separator(_) => pending_space = true,
            CharKind::Dropped => {}
            _ => {
                if pending_space && len_before > 0 {
                    out.insert(len_before, ' ');
                }
                pending_space = false;
            }
        }
    }
    out
}

/// The look-up key of a word or phrase of a field value (a month name, a nationality, a
/// placeholder such as `N/A` or `غير معروف`): every character folded as by [`fold_char`]
/// (invisible characters, tashkeel, tatweel and apostrophes dropped; Arabic letter
/// variants and Latin letters with diacritics folded; lowercase), dots dropped, white
/// space and `-` `_` `,` `،` `/` read as one space (none at either end), and any other
/// punctuation kept as it is, so that `?` stays a key of its own.
pub(crate) fn word_key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.chars() {
        let len_before = out.len();
        match fold_char(c, &mut out) {
            CharKind::Space | CharKind::Separator('-' | '_' | ',' | '،' | '/') => {
                pending_space = !out.is_empty();
                continue;
            }
            CharKind::Dropped | CharKind::Separator('.') => continue,
            CharKind::Separator(p) => out.push(p),
            CharKind::Arabic | CharKind::Latin | CharKind::Digit | CharKind::Other => {}
        }
        if out.len() > len_before && pending_space {
            out.insert(len_before, ' ');
            pending_space = false;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presentation_forms_and_ligatures() {
        assert_eq!(fold("ﻣﺤﻤﺪ"), "محمد");
        assert_eq!(fold("ﻻ"), "لا");
        assert_eq!(fold("ﷲ"), "الله");
        // The honorific ligatures are dropped rather than expanded into a phrase.
        assert_eq!(fold("محمد ﷺ"), "محمد");
    }

    #[test]
    fn invisible_characters_are_deleted() {
        let s = "\u{feff}\u{200f}م\u{200d}ح\u{200c}م\u{061c}د\u{202b}\u{00ad}";
        assert_eq!(fold(s), "محمد");
    }

    #[test]
    fn nbsp_and_whitespace_collapse() {
        assert_eq!(fold("\u{00a0}Ali\u{00a0}\u{2003} Hasan\t"), "ali hasan");
    }

    proptest::proptest! {
        #[test]
        fn skipping_nfkc_never_changes_the_fold(
            v in proptest::collection::vec(
                proptest::char::ranges(std::borrow::Cow::Borrowed(&[
                    'a'..='z', 'A'..='Z', ' '..=' ', '\u{C0}'..='\u{17F}', '\u{300}'..='\u{36F}',
                    '\u{600}'..='\u{6FF}', '\u{200B}'..='\u{200F}', '\u{FEFF}'..='\u{FEFF}',
                ])),
                0..24,
            )
        ) {
            let s: String = v.into_iter().collect();
            let full: String = s.nfkc().collect();
            proptest::prop_assert_eq!(fold(&s), fold(&full));
        }
    }

    #[test]
    fn word_keys_fold_arabic_and_latin_variants() {
        assert_eq!(word_key("الكويتيّة"), "الكويتيه");
        assert_eq!(word_key("إيران"), "ايران");
        assert_eq!(word_key("Sri-Lanka"), "sri lanka");
        assert_eq!(word_key("  Côte d'Ivoire "), "cote divoire");
        assert_eq!(word_key("مصـــري"), "مصري");
        assert_eq!(word_key("جزائري"), word_key("جزايري"));
        assert_eq!(word_key("U.A.E."), "uae");
        assert_eq!(word_key("N/A"), "n a");
        assert_eq!(word_key(" - ذو\u{200F} الحجة ,"), "ذو الحجه");
        assert_eq!(word_key("ʻumān ´"), "uman");
        // Other punctuation is kept: a lone `?` is a key of its own.
        assert_eq!(word_key("?"), "?");
        assert_eq!(word_key("؟"), "؟");
        assert_eq!(word_key("(M)"), "(m)");
    }

    #[test]
    fn script_detection() {
        assert_eq!(detect_script(""), Script::Other);
        assert_eq!(detect_script("علی"), Script::Arabic);
        assert_eq!(detect_script("ÇELİK"), Script::Latin);
        assert_eq!(detect_script("Ivan Иванов"), Script::Latin);
        assert_eq!(detect_script("Иванов"), Script::Other);
        assert_eq!(Script::Arabic.combine(Script::Latin), Script::Mixed);
        assert_eq!(Script::Other.combine(Script::Latin), Script::Latin);
    }
}
