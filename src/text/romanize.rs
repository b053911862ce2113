//! Romanisation of letters in scripts other than Arabic and Latin: Cyrillic, Greek,
//! Armenian, Georgian, Hebrew, Syriac, Thaana, the Indic scripts, Thai, Lao, Ethiopic,
//! kana, Hangul, Han ideographs and the rest of Unicode.
//!
//! A registry may hold a Russian or a Nepali worker's name in its own script; it must still
//! be compared with the Latin spelling on a passport. The name parser calls
//! [`romanize_char`] for every letter that [`super::fold_char`] does not know
//! ([`super::CharKind::Other`]) and compares the result as a Latin spelling, flagged as
//! romanised: one romanisation among the several in use (`Сергей` → `sergey`, also spelt
//! Sergei, Serguei), so weaker evidence than a Latin spelling compared with another.
//!
//! The tables are those of the `any_ascii` crate (one fixed ASCII spelling per character,
//! close to the common popular romanisation of each script: BGN/PCGN-like Cyrillic, Hepburn
//! kana, Revised Romanization of Hangul, Hanyu Pinyin). Only ASCII letters of its output
//! are kept, lowercased: apostrophes for soft signs and glottal letters (`ь`, Hebrew
//! `א`), tone digits and punctuation are left out, as the Latin folds leave them out.
//!
//! Arabic-script letters never come here (they have their own folds and phonetic code),
//! nor do Latin letters with diacritics (the Latin folds spell them).

use any_ascii::any_ascii_char;
use unicode_normalization::char::is_combining_mark;

/// What [`romanize_char`] made of a character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Romanized {
    /// One or more lowercase ASCII letters were written.
    Letters,
    /// The character romanises to no letter (a soft sign, a glottal letter written `'`, a
    /// vowel point): nothing was written, the character is deleted like an apostrophe.
    Silent,
    /// Not a letter or mark of a script this module romanises, or a letter its tables do
    /// not cover: nothing was written, the caller keeps the character as it is.
    No,
}

/// Whether `c` is in one of the Arabic-script blocks (Arabic, Arabic Supplement,
/// Arabic Extended-A/B/C, the presentation forms): those letters have their own folds and
/// are never romanised here.
fn is_arabic_block(c: char) -> bool {
    matches!(c as u32,
        0x0600..=0x06FF
        | 0x0750..=0x077F
        | 0x0870..=0x08FF
        | 0xFB50..=0xFDFF
        | 0xFE70..=0xFEFF
        | 0x10EC0..=0x10EFF
    )
}

/// Combining marks that belong to no particular script (accents over Latin, Greek or
/// Cyrillic letters, enclosing marks) or that only annotate pronunciation (Hebrew points
/// and cantillation, Cyrillic titlo): deleted after a romanised letter, so that pointed
/// and unpointed spellings agree.
fn is_annotation_mark(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F
        | 0x0483..=0x0489
        | 0x0591..=0x05C7
        | 0x1AB0..=0x1AFF
        | 0x1DC0..=0x1DFF
        | 0x20D0..=0x20FF
        | 0xFE20..=0xFE2F
    )
}

/// Whether each character of `c`'s script is written as a word of its own: Han
/// ideographs (one syllable each; a Chinese name's family name is its first character, and
/// Latin spellings split it off: `习近平` Xi Jinping) and Hangul syllables (`김정은` Kim
/// Jong-un). Romanised one by one, their syllables can then be aligned with the words of a
/// Latin spelling, joined where the spelling joins them.
///
/// ```
/// use hawiya::text::romanize::is_syllable_word;
/// assert!(is_syllable_word('习'));
/// assert!(is_syllable_word('김'));
/// assert!(!is_syllable_word('た'));
/// ```
pub fn is_syllable_word(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF      // CJK Extension A
        | 0x4E00..=0x9FFF    // CJK Unified Ideographs
        | 0xF900..=0xFAFF    // CJK Compatibility Ideographs
        | 0xAC00..=0xD7A3    // Hangul syllables
        | 0x20000..=0x323AF  // CJK Extensions B–H
    )
}

/// Romanise one character of a script other than Arabic and Latin into `out` as
/// lowercase ASCII letters.
///
/// Meant for the characters [`super::fold_char`] keeps as [`super::CharKind::Other`] and
/// for the combining marks after them: ASCII and Arabic-script characters are refused
/// (`No`), but a Latin letter with a diacritic given here would be romanised too.
///
/// `prev` is the previous character of the word when it was romanised (`None` after
/// anything else): a combining mark is romanised only after such a letter (an Indic or
/// Thai vowel sign, `मो` → `mo`), otherwise left to the Latin folds, which delete it. It
/// also gives the Greek digraphs their usual reading: `ου` → `ou`, `αυ` `ευ` → `av` `ev`
/// (`Παπαδόπουλος` Papadopoulos, `Ευάγγελος` Evangelos).
///
/// ```
/// use hawiya::text::romanize::{romanize_char, Romanized};
/// let mut out = String::new();
/// let mut prev = None;
/// for c in "Сергей".chars() {
///     let r = romanize_char(c, prev, &mut out);
///     prev = (r == Romanized::Letters).then_some(c);
/// }
/// assert_eq!(out, "sergey");
/// assert_eq!(romanize_char('ь', Some('с'), &mut out), Romanized::Silent);
/// assert_eq!(romanize_char('🙂', None, &mut out), Romanized::No);
/// assert_eq!(romanize_char('م', None, &mut out), Romanized::No); // Arabic: its own folds
/// ```
pub fn romanize_char(c: char, prev: Option<char>, out: &mut String) -> Romanized {
    if c.is_ascii() || is_arabic_block(c) || super::is_invisible(c) {
        return Romanized::No;
    }
    let mark = is_combining_mark(c);
    if mark {
        if prev.is_none() {
            return Romanized::No;
        }
        if is_annotation_mark(c) {
            return Romanized::Silent;
        }
    } else if !c.is_alphabetic() {
        return Romanized::No;
    }
    // The Latin folds keep a letter they do not know lowercased: romanise that form, so
    // that the letter kept when there is no romanisation (`꟒`, whose lowercase `ꟓ` the
    // tables have) gets the same answer on a second pass.
    let mut lower = c.to_lowercase();
    let c = match (lower.next(), lower.next()) {
        (Some(l), None) => l,
        _ => c,
    };
    let spelled = greek_digraph(prev, c).unwrap_or_else(|| any_ascii_char(c));
    if spelled.is_empty() && !mark {
        // Not covered by the tables (historic scripts, some rare ideographs).
        return Romanized::No;
    }
    let start = out.len();
    out.extend(
        spelled
            .bytes()
            .filter(u8::is_ascii_alphabetic)
            .map(|b| char::from(b.to_ascii_lowercase())),
    );
    if out.len() > start {
        Romanized::Letters
    } else {
        Romanized::Silent
    }
}

/// The reading of Greek upsilon after a vowel: `ου` is `ou`, `αυ` and `ευ` are `av`, `ev`.
fn greek_digraph(prev: Option<char>, c: char) -> Option<&'static str> {
    if !matches!(c, 'υ' | 'ύ' | 'Υ' | 'Ύ') {
        return None;
    }
    match prev? {
        'ο' | 'ό' | 'Ο' | 'Ό' => Some("u"),
        'α' | 'ά' | 'ε' | 'έ' | 'Α' | 'Ά' | 'Ε' | 'Έ' => Some("v"),
        _ => None,
    }
}

/// Romanise the letters of other scripts in `s` (those [`super::fold_char`] does not
/// know, with their combining marks), leaving everything else (Latin, Arabic script,
/// digits, punctuation) as it is; Han and Hangul syllables become words of their own.
/// For display and tests: the name parser romanises while it folds.
///
/// ```
/// use hawiya::text::romanize::romanize;
/// assert_eq!(romanize("Сергей Иванов"), "sergey ivanov");
/// assert_eq!(romanize("Γιάννης Παπαδόπουλος"), "giannis papadopoulos");
/// assert_eq!(romanize("习近平"), "xi jin ping");
/// assert_eq!(romanize("मोहम्मद"), "mohmmd");
/// assert_eq!(romanize("Ali محمد"), "Ali محمد");
/// ```
pub fn romanize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut scratch = String::new();
    let mut prev = None;
    for c in s.chars() {
        scratch.clear();
        let foreign = match super::fold_char(c, &mut scratch) {
            super::CharKind::Other => true,
            super::CharKind::Dropped => prev.is_some() && is_combining_mark(c),
            _ => false,
        };
        if !foreign {
            out.push(c);
            prev = None;
            continue;
        }
        let syllable = is_syllable_word(c);
        if syllable && !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
        match romanize_char(c, prev, &mut out) {
            Romanized::Letters => prev = Some(c),
            Romanized::Silent => {}
            Romanized::No => {
                out.push(c);
                prev = None;
            }
        }
        if syllable {
            out.push(' ');
            prev = None;
        }
    }
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_romanise_to_letters() {
        for (s, want) in [
            ("Мухаммед", "mukhammed"),
            ("Μωάμεθ", "moameth"),
            ("नेपाल", "nepal"),
            ("สมชาย", "smchay"),
            ("דוד", "dvd"),
            ("Արամ", "aram"),
            ("ქართველი", "kartveli"),
            ("たなか", "tanaka"),
            ("김정은", "gim jeong eun"),
        ] {
            assert_eq!(romanize(s), want, "{s}");
        }
    }

    #[test]
    fn greek_digraphs() {
        assert_eq!(romanize("Ευάγγελος Γεωργίου"), "evaggelos georgiou");
        assert_eq!(romanize("Σταύρος"), "stavros");
        assert_eq!(romanize("Υπατία"), "ypatia");
    }

    #[test]
    fn a_capital_romanises_like_its_lowercase() {
        // Found by the `normalize` fuzz target: the tables have the small double thorn
        // (U+A7D3) but not the capital (U+A7D2), which was kept lowercased and romanised
        // only on a second pass.
        let (mut a, mut b) = (String::new(), String::new());
        assert_eq!(romanize_char('\u{A7D2}', None, &mut a), Romanized::Letters);
        assert_eq!(romanize_char('\u{A7D3}', None, &mut b), Romanized::Letters);
        assert_eq!(a, b);
        assert_eq!(romanize("ДЖ"), romanize("дж"));
    }

    #[test]
    fn hebrew_points_are_deleted() {
        assert_eq!(romanize("דָּוִד"), romanize("דוד"));
    }

    #[test]
    fn other_characters_are_left_alone() {
        let mut out = String::new();
        for c in ['a', 'ب', '٣', '\u{200f}', '🙂', '-', ' '] {
            assert_eq!(
                romanize_char(c, Some('म'), &mut out),
                Romanized::No,
                "{c:?}"
            );
        }
        // A mark after something not romanised is for the Latin folds.
        assert_eq!(romanize_char('\u{094B}', None, &mut out), Romanized::No);
        assert!(out.is_empty());
    }
}
