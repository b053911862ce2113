//! Small character folding shared by the field parsers: digits from any script to ASCII,
//! invisible marks dropped, Arabic letter variants folded for table look-ups.
//!
//! Kept private and self-contained on purpose: fields need only this much, and the name
//! normaliser has its own, fuller text module.

use std::borrow::Cow;

/// The ASCII digit for a decimal digit of the scripts registries use: ASCII, Arabic-Indic
/// (U+0660–0669), Extended Arabic-Indic / Persian (U+06F0–06F9), fullwidth (U+FF10–FF19).
#[inline]
pub(crate) fn ascii_digit(c: char) -> Option<u8> {
    let v = match c {
        '0'..='9' => c as u32 - '0' as u32,
        '\u{0660}'..='\u{0669}' => c as u32 - 0x0660,
        '\u{06F0}'..='\u{06F9}' => c as u32 - 0x06F0,
        '\u{FF10}'..='\u{FF19}' => c as u32 - 0xFF10,
        _ => return None,
    };
    Some(v as u8)
}

/// Marks with no visible form that copy-paste and bidi editors leave in fields: bidi
/// controls (LRM, RLM, ALM, embeddings, isolates), zero-width characters, BOM, soft hyphen.
#[inline]
pub(crate) fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{061C}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}'
    )
}

/// `s` with every digit folded to ASCII, invisible marks removed and every kind of
/// Unicode space turned into an ASCII space. Borrows when nothing changes.
pub(crate) fn fold_digits_and_marks(s: &str) -> Cow<'_, str> {
    let needs = s.chars().any(|c| {
        !c.is_ascii() && (ascii_digit(c).is_some() || is_invisible(c) || c.is_whitespace())
    });
    if !needs {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if is_invisible(c) {
            continue;
        }
        if let Some(d) = ascii_digit(c) {
            out.push(char::from(b'0' + d));
        } else if c.is_whitespace() {
            out.push(' ');
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A look-up key for a word or phrase in Arabic or Latin script: lower-cased; Arabic
/// harakat, tatweel and invisible marks removed; alef forms (أ إ آ ٱ) → ا, ى → ي, ة → ه,
/// Persian ی/ک → ي/ك; hyphens, apostrophes and dots removed; runs of spaces collapsed.
pub(crate) fn word_key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.chars() {
        let c = match c {
            '\u{064B}'..='\u{0652}' | '\u{0670}' | '\u{0640}' => continue,
            c if is_invisible(c) => continue,
            'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
            'ى' | 'ی' | 'ې' => 'ي',
            'ة' | 'ۃ' => 'ه',
            'ک' => 'ك',
            'ھ' | 'ہ' => 'ه',
            '\'' | '\u{2019}' | '\u{2018}' | '`' | '.' | '\u{02BF}' | '\u{02BE}' => continue,
            c if c.is_whitespace() || matches!(c, '-' | '_' | ',' | '،' | '/') => {
                pending_space = !out.is_empty();
                continue;
            }
            c => c,
        };
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        for l in c.to_lowercase() {
            out.push(l);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_of_every_script_fold() {
        assert_eq!(fold_digits_and_marks("١٩٨٥/٠٧/٠١"), "1985/07/01");
        assert_eq!(fold_digits_and_marks("۱۹۸۵-۰۷-۰۱"), "1985-07-01");
        assert_eq!(
            fold_digits_and_marks("\u{200F}12\u{00A0}34\u{FEFF}"),
            "12 34"
        );
        assert_eq!(fold_digits_and_marks("１２"), "12");
        assert!(matches!(
            fold_digits_and_marks("1985-07-01"),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn word_keys_fold_arabic_variants() {
        assert_eq!(word_key("الكويتيّة"), "الكويتيه");
        assert_eq!(word_key("إيران"), "ايران");
        assert_eq!(word_key("Sri-Lanka"), "sri lanka");
        assert_eq!(word_key("  Côte d'Ivoire "), "côte divoire");
        assert_eq!(word_key("مصـــري"), "مصري");
    }
}
