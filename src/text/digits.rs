//! Digits of the scripts met in registry data: ASCII, Arabic-Indic (U+0660–0669),
//! Persian/Urdu (U+06F0–06F9), plus full-width and a few other decimal digit blocks.
//! NFKC and `char::to_digit(10)` leave Arabic-Indic and Persian digits alone; civil IDs
//! and dates pasted from Arabic documents use them.

use std::borrow::Cow;

/// The value 0–9 of a decimal digit of any supported script, or `None`.
///
/// ```
/// use hawiya::text::digits::digit_value;
/// assert_eq!(digit_value('٧'), Some(7));
/// assert_eq!(digit_value('۷'), Some(7));
/// assert_eq!(digit_value('7'), Some(7));
/// assert_eq!(digit_value('x'), None);
/// ```
pub fn digit_value(c: char) -> Option<u8> {
    let base = match c {
        '0'..='9' => '0',
        '\u{0660}'..='\u{0669}' => '\u{0660}',
        '\u{06F0}'..='\u{06F9}' => '\u{06F0}',
        '\u{07C0}'..='\u{07C9}' => '\u{07C0}',
        '\u{0966}'..='\u{096F}' => '\u{0966}',
        '\u{09E6}'..='\u{09EF}' => '\u{09E6}',
        '\u{FF10}'..='\u{FF19}' => '\u{FF10}',
        _ => return None,
    };
    Some((c as u32 - base as u32) as u8)
}

/// Replace every digit of a supported script by its ASCII digit, drop invisible format
/// characters ([`super::is_invisible`]; pasted digits often carry RLM) and write every
/// other kind of white space (NBSP, tab, em space …) as an ASCII space; everything else
/// is kept. Borrows when nothing changes. The field parsers (dates, phones, nationality,
/// gender) read their cells through it.
///
/// ```
/// use hawiya::text::digits::fold_digits;
/// assert_eq!(fold_digits("\u{200f}٢٨٨٠٢٠١٢٢٥٩٦"), "288020122596");
/// assert_eq!(fold_digits("۱۹۸۵/07"), "1985/07");
/// assert_eq!(fold_digits("12\u{00A0}34\u{FEFF}"), "12 34");
/// assert!(matches!(fold_digits("1985-07-01"), std::borrow::Cow::Borrowed(_)));
/// ```
pub fn fold_digits(s: &str) -> Cow<'_, str> {
    let changes = |c: char| {
        if c.is_ascii() {
            c != ' ' && c.is_whitespace()
        } else {
            digit_value(c).is_some() || super::is_invisible(c) || c.is_whitespace()
        }
    };
    if !s.chars().any(changes) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if let Some(d) = digit_value(c) {
            out.push(char::from(b'0' + d));
        } else if c.is_whitespace() {
            out.push(' ');
        } else if !super::is_invisible(c) {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// The digit systems a number can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DigitScript {
    /// `0123456789`.
    Ascii,
    /// Arabic-Indic `٠١٢٣٤٥٦٧٨٩` (U+0660…).
    ArabicIndic,
    /// Persian / Urdu `۰۱۲۳۴۵۶۷۸۹` (U+06F0…).
    Persian,
}

/// Write the ASCII digits of `s` in `script` (the inverse of [`fold_digits`] on digits);
/// everything else is kept. For producing data as Arabic documents write it.
///
/// ```
/// use hawiya::text::digits::{DigitScript, fold_digits, to_digit_script};
/// assert_eq!(to_digit_script("1985/07", DigitScript::ArabicIndic), "١٩٨٥/٠٧");
/// assert_eq!(to_digit_script("12", DigitScript::Persian), "۱۲");
/// assert_eq!(fold_digits(&to_digit_script("2859", DigitScript::Persian)), "2859");
/// ```
pub fn to_digit_script(s: &str, script: DigitScript) -> String {
    let zero = match script {
        DigitScript::Ascii => return s.to_string(),
        DigitScript::ArabicIndic => 0x0660,
        DigitScript::Persian => 0x06F0,
    };
    s.chars()
        .map(|c| match c {
            '0'..='9' => char::from_u32(zero + (c as u32 - '0' as u32)).unwrap_or(c),
            _ => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_of_every_script_fold() {
        assert_eq!(fold_digits("١٩٨٥/٠٧/٠١"), "1985/07/01");
        assert_eq!(fold_digits("۱۹۸۵-۰۷-۰۱"), "1985-07-01");
        assert_eq!(fold_digits("১৯৮৫ १२ ߁"), "1985 12 1");
        assert_eq!(fold_digits("\u{200F}12\u{00A0}34\u{FEFF}"), "12 34");
        assert_eq!(fold_digits("\u{0601}1405\u{2066}"), "1405");
        assert_eq!(fold_digits("１２\t3"), "12 3");
        assert!(matches!(fold_digits("1985-07-01"), Cow::Borrowed(_)));
        assert!(matches!(fold_digits("محمد 12"), Cow::Borrowed(_)));
    }
}
