//! Arabic-script orthographic folding (`ARABIC_NAMES.md` §1).
//!
//! Applied after NFKC (see [`super::prepare`]), one character at a time:
//! tashkeel, Quranic marks, the dagger alef and tatweel are deleted; alef variants
//! `أ إ آ ٱ` become `ا`; hamza carriers `ؤ ئ` become `و ي` and a lone `ء` is deleted;
//! taa marbuta `ة` becomes `ه`; alef maqsura `ى` becomes `ي`; Persian, Urdu and Kurdish
//! letters with an Arabic twin become that twin (`ک`→`ك`, `ی`→`ي`, `ۀ ہ ھ`→`ه`, `ے`→`ي`,
//! Urdu `ٹ ڈ ڑ`→`ت د ر`).
//! Letters without a twin (`پ چ ژ گ ڤ`) are kept: the phonetic keys merge them.

use super::CharKind;

/// Fold one Arabic-block character (U+0600–06FF, 0750–077F, 08A0–08FF) into `out`.
///
/// Digits and invisible characters are handled by the caller before this is reached;
/// called with them anyway, it deletes them (`Dropped`).
///
/// ```
/// use hawiya::text::{arabic::fold_arabic_char, CharKind};
/// let mut s = String::new();
/// for c in "إِبْرَاهِيمُ".chars() {
///     fold_arabic_char(c, &mut s);
/// }
/// assert_eq!(s, "ابراهيم");
/// ```
pub fn fold_arabic_char(c: char, out: &mut String) -> CharKind {
    let folded = match c {
        // Tashkeel, Quranic annotation signs, dagger alef, tatweel, honorific signs.
        '\u{0610}'..='\u{061A}'
        | '\u{064B}'..='\u{065F}'
        | '\u{0670}'
        | '\u{06D6}'..='\u{06ED}'
        | '\u{08D3}'..='\u{08FF}'
        | '\u{0640}' => return CharKind::Dropped,
        // Lone hamza (loose fold).
        '\u{0621}' => return CharKind::Dropped,
        // Arabic punctuation that separates words.
        '\u{060C}' | '\u{061B}' | '\u{061F}' | '\u{066A}'..='\u{066D}' | '\u{06D4}' => {
            return CharKind::Separator(c);
        }
        // Alef variants.
        '\u{0622}' | '\u{0623}' | '\u{0625}' | '\u{0671}' | '\u{0672}' | '\u{0673}'
        | '\u{0675}' => 'ا',
        // Hamza carriers.
        '\u{0624}' | '\u{0676}' | '\u{0677}' => 'و',
        '\u{0626}' | '\u{0678}' => 'ي',
        // Taa marbuta (Arabic and Urdu forms) and heh variants.
        '\u{0629}' | '\u{06C3}' | '\u{06C0}' | '\u{06C1}' | '\u{06C2}' | '\u{06BE}'
        | '\u{06D5}' | '\u{06FF}' => 'ه',
        // Alef maqsura and Persian/Urdu/Kurdish yeh forms.
        '\u{0649}'
        | '\u{06CC}'
        | '\u{06D0}'
        | '\u{06D2}'
        | '\u{06D3}'
        | '\u{06CE}'
        | '\u{06CD}'
        | '\u{0620}'
        | '\u{063D}'..='\u{063F}' => 'ي',
        // Keheh and swash kaf.
        '\u{06A9}' | '\u{06AA}' | '\u{063B}' | '\u{063C}' | '\u{06AB}' => 'ك',
        // Kurdish/Uyghur waw forms.
        '\u{06C4}'..='\u{06CB}' | '\u{06CF}' => 'و',
        // Kurdish and Pashto letter forms with an Arabic twin.
        '\u{06B5}'..='\u{06B7}' => 'ل',
        '\u{0695}' | '\u{0692}' | '\u{0693}' => 'ر',
        '\u{06BA}' | '\u{06BB}' | '\u{06BC}' => 'ن',
        // Urdu/Pashto/Sindhi retroflex and dotted letters: tteh, ddal, rreh and kin.
        '\u{0679}' | '\u{067A}' | '\u{067B}' | '\u{067C}' | '\u{067D}' | '\u{067F}' => 'ت',
        '\u{0688}'..='\u{0690}' => 'د',
        '\u{0691}' | '\u{0694}' | '\u{0697}' | '\u{0699}' => 'ر',
        // Algerian qaf-with-three-dots (a "g") and gaf variants.
        '\u{06A8}' | '\u{06B0}' | '\u{06B3}' => 'گ',
        // Pashto/Sindhi letters used for ch / zh.
        '\u{0685}' | '\u{0683}' | '\u{0684}' => 'چ',
        '\u{0696}' => 'ژ',
        // Digits: normally caught earlier.
        '\u{0660}'..='\u{0669}' | '\u{06F0}'..='\u{06F9}' => {
            out.push(super::digits::digit_value(c).map_or('0', |d| (b'0' + d) as char));
            return CharKind::Digit;
        }
        // Base letters and the letters without an Arabic twin are kept.
        '\u{0627}'..='\u{063A}' | '\u{0641}'..='\u{064A}' => c,
        '\u{067E}' | '\u{0686}' | '\u{0698}' | '\u{06AF}' | '\u{06A4}' => c,
        // Other letters of the Arabic blocks: kept as they are (still Arabic script).
        _ if is_arabic_letter(c) => c,
        _ => return CharKind::Dropped,
    };
    out.push(folded);
    CharKind::Arabic
}

/// Whether `c` is a letter of the Arabic blocks (not a mark, digit or punctuation).
pub fn is_arabic_letter(c: char) -> bool {
    matches!(c,
        '\u{0620}'..='\u{063F}'
        | '\u{0641}'..='\u{064A}'
        | '\u{066E}'..='\u{066F}'
        | '\u{0671}'..='\u{06D3}'
        | '\u{06D5}'
        | '\u{06EE}'..='\u{06EF}'
        | '\u{06FA}'..='\u{06FC}'
        | '\u{06FF}'
        | '\u{0750}'..='\u{077F}'
        | '\u{08A0}'..='\u{08C9}'
    )
}

/// Fold a whole Arabic-script string with [`fold_arabic_char`], keeping every
/// non-Arabic character as it is. A convenience for tests and tools; the name parser
/// folds character by character.
///
/// ```
/// use hawiya::text::arabic::fold_arabic;
/// assert_eq!(fold_arabic("مُحَمَّـــد"), "محمد");
/// assert_eq!(fold_arabic("فاطمة"), "فاطمه");
/// assert_eq!(fold_arabic("مصطفى"), "مصطفي");
/// assert_eq!(fold_arabic("کریم"), "كريم");
/// ```
pub fn fold_arabic(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if ('\u{0600}'..='\u{06FF}').contains(&c)
            || ('\u{0750}'..='\u{077F}').contains(&c)
            || ('\u{08A0}'..='\u{08FF}').contains(&c)
        {
            fold_arabic_char(c, &mut out);
        } else {
            out.push(c);
        }
    }
    out
}

/// The dotless (rasm) form of a folded Arabic letter: letters that differ only by their
/// dots map to one skeleton letter (`ب ت ث ن ي پ`→`ٮ`, `ج ح خ چ`→`ح`, `د ذ`→`د`,
/// `ر ز ژ`→`ر`, `س ش`→`س`, `ص ض`→`ص`, `ط ظ`→`ط`, `ع غ`→`ع`, `ف ق ڤ`→`ڡ`, `ك گ`→`ك`).
/// Other characters are returned unchanged. A key of these catches dot typos and OCR
/// errors (`حسن`/`خسن`) that the phonetic keys keep apart.
///
/// ```
/// use hawiya::text::arabic::rasm_char;
/// assert_eq!(rasm_char('خ'), rasm_char('ح'));
/// assert_ne!(rasm_char('خ'), rasm_char('س'));
/// ```
pub fn rasm_char(c: char) -> char {
    match c {
        'ب' | 'ت' | 'ث' | 'ن' | 'ي' | 'پ' => '\u{066E}',
        'ج' | 'ح' | 'خ' | 'چ' => 'ح',
        'د' | 'ذ' => 'د',
        'ر' | 'ز' | 'ژ' => 'ر',
        'س' | 'ش' => 'س',
        'ص' | 'ض' => 'ص',
        'ط' | 'ظ' => 'ط',
        'ع' | 'غ' => 'ع',
        'ف' | 'ق' | 'ڤ' => '\u{06A1}',
        'ك' | 'گ' => 'ك',
        _ => c,
    }
}

/// The rasm (dotless) skeleton of folded Arabic text, spaces removed; see [`rasm_char`].
///
/// ```
/// use hawiya::text::arabic::rasm;
/// assert_eq!(rasm("حسن"), rasm("خسن"));
/// assert_eq!(rasm("ثابت"), rasm("نابت"));
/// ```
pub fn rasm(folded: &str) -> String {
    folded
        .chars()
        .filter(|&c| c != ' ')
        .map(rasm_char)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alef_hamza_and_marbuta() {
        assert_eq!(fold_arabic("أحمد"), "احمد");
        assert_eq!(fold_arabic("إبراهيم"), "ابراهيم");
        assert_eq!(fold_arabic("آمنة"), "امنه");
        assert_eq!(fold_arabic("ٱلله"), "الله");
        assert_eq!(fold_arabic("مؤمن"), "مومن");
        assert_eq!(fold_arabic("عائشة"), "عايشه");
        assert_eq!(fold_arabic("وفاء"), "وفا");
        assert_eq!(fold_arabic("على"), "علي");
    }

    #[test]
    fn tashkeel_and_tatweel() {
        assert_eq!(fold_arabic("عَلِيّ"), "علي");
        assert_eq!(fold_arabic("محـــمد"), "محمد");
        assert_eq!(fold_arabic("رحمٰن"), "رحمن");
    }

    #[test]
    fn urdu_retroflex_letters() {
        assert_eq!(fold_arabic("پٹيل"), "پتيل");
        assert_eq!(fold_arabic("گنڈاپور"), "گنداپور");
        assert_eq!(fold_arabic("بڑا"), "برا");
    }

    #[test]
    fn persian_letters() {
        assert_eq!(fold_arabic("یوسف"), "يوسف");
        assert_eq!(fold_arabic("زادۀ"), "زاده");
        assert_eq!(fold_arabic("پرویز"), "پرويز");
        assert_eq!(fold_arabic("چ"), "چ");
    }
}
