//! Kuwait civil ID numbers: `C YYMMDD SSSS K` (12 digits).
//!
//! `C` is the century of birth (2 = 1900s, 3 = 2000s), `YYMMDD` the birth date, `SSSS`
//! a serial and `K` a check digit: with weights 2,1,6,3,7,9,10,5,8,4,2 on digits 1–11,
//! `K = 11 − (Σ mod 11)`. A result of 10 cannot be written as one digit, so such numbers
//! are never issued; a remainder of 0 (result 11) is treated as check digit 0, the
//! convention of python-stdnum's `kw.cid`.

/// Weights of the first 11 digits in the check-digit sum.
pub const KUWAIT_CIVIL_ID_WEIGHTS: [u32; 11] = [2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/// The check digit for the first 11 digits of a Kuwait civil ID, or `None` when no valid
/// check digit exists (the computed value is 10) or an input value is not a digit 0–9.
///
/// ```
/// use hawiya::field::civil_id::kuwait_check_digit;
/// // 2 880201 2259 6: weighted sum 148, 148 mod 11 = 5, check = 11 - 5 = 6.
/// assert_eq!(kuwait_check_digit(&[2, 8, 8, 0, 2, 0, 1, 2, 2, 5, 9]), Some(6));
/// ```
pub fn kuwait_check_digit(first11: &[u8; 11]) -> Option<u8> {
    let mut sum = 0u32;
    for (&d, &w) in first11.iter().zip(KUWAIT_CIVIL_ID_WEIGHTS.iter()) {
        if d > 9 {
            return None;
        }
        sum += u32::from(d) * w;
    }
    match 11 - (sum % 11) {
        10 => None,
        11 => Some(0),
        k => Some(k as u8),
    }
}

/// Whether `digits` (exactly 12 ASCII digits, nothing else) is a Kuwait civil ID with a
/// correct check digit. Formatting (separators, Arabic-Indic digits) must be removed first.
///
/// ```
/// use hawiya::field::civil_id::is_valid_kuwait_civil_id;
/// assert!(is_valid_kuwait_civil_id("288020122596"));
/// assert!(!is_valid_kuwait_civil_id("288020122597")); // wrong check digit
/// assert!(!is_valid_kuwait_civil_id("28802012259")); // too short
/// ```
pub fn is_valid_kuwait_civil_id(digits: &str) -> bool {
    let b = digits.as_bytes();
    if b.len() != 12 || !b.iter().all(u8::is_ascii_digit) {
        return false;
    }
    let mut first = [0u8; 11];
    for (dst, &src) in first.iter_mut().zip(b) {
        *dst = src - b'0';
    }
    kuwait_check_digit(&first) == Some(b[11] - b'0')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documented_example_is_valid() {
        // ARABIC_NAMES.md §4: sum 148, mod 11 = 5, check 6.
        let first = [2, 8, 8, 0, 2, 0, 1, 2, 2, 5, 9];
        let sum: u32 = first
            .iter()
            .zip(KUWAIT_CIVIL_ID_WEIGHTS)
            .map(|(&d, w)| u32::from(d) * w)
            .sum();
        assert_eq!(sum, 148);
        assert_eq!(kuwait_check_digit(&first), Some(6));
        assert!(is_valid_kuwait_civil_id("288020122596"));
    }

    #[test]
    fn every_other_last_digit_is_invalid() {
        for k in 0..=9u8 {
            let id = format!("28802012259{k}");
            assert_eq!(is_valid_kuwait_civil_id(&id), k == 6, "{id}");
        }
    }

    /// A prefix (all digits 0–9) whose weighted sum has the given remainder mod 11.
    fn prefix_with_remainder(r: u32) -> [u8; 11] {
        for a in 0..=9u8 {
            for b in 0..=9u8 {
                let f = [2, 9, 0, 0, 1, 0, 1, 0, 0, a, b];
                let sum: u32 = f
                    .iter()
                    .zip(KUWAIT_CIVIL_ID_WEIGHTS)
                    .map(|(&d, w)| u32::from(d) * w)
                    .sum();
                if sum % 11 == r {
                    return f;
                }
            }
        }
        unreachable!("weights 4 and 2 reach every residue")
    }

    #[test]
    fn remainder_one_has_no_valid_check_digit() {
        assert_eq!(kuwait_check_digit(&prefix_with_remainder(1)), None);
    }

    #[test]
    fn remainder_zero_gives_zero() {
        assert_eq!(kuwait_check_digit(&prefix_with_remainder(0)), Some(0));
        assert_eq!(kuwait_check_digit(&prefix_with_remainder(2)), Some(9));
    }

    #[test]
    fn rejects_non_digits_and_wrong_lengths() {
        assert!(!is_valid_kuwait_civil_id(""));
        assert!(!is_valid_kuwait_civil_id("2880201225960"));
        assert!(!is_valid_kuwait_civil_id("28802012259a"));
        assert!(!is_valid_kuwait_civil_id("٢٨٨٠٢٠١٢٢٥٩٦")); // must be folded to ASCII first
        assert_eq!(
            kuwait_check_digit(&[2, 8, 8, 0, 2, 0, 1, 2, 2, 5, 10]),
            None
        );
    }
}
