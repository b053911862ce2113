//! Kuwait civil ID numbers: `C YYMMDD SSSS K` (12 digits).
//!
//! `C` is the century of birth (2 = 1900s, 3 = 2000s), `YYMMDD` the birth date, `SSSS`
//! a serial and `K` a check digit: with weights 2,1,6,3,7,9,10,5,8,4,2 on digits 1–11,
//! `K = 11 − (Σ mod 11)`. A result of 10 cannot be written as one digit, so such numbers
//! are never issued; a remainder of 0 (result 11) is treated as check digit 0, the
//! convention of python-stdnum's `kw.cid`.
//!
//! [`KuwaitCivilId::parse`] accepts the number as written (any digit script, spaces,
//! dashes, bidi marks), checks length, century, embedded birth date and check digit, and
//! exposes the birth date so that it can be cross-checked against the date-of-birth field.

use std::fmt;

use super::Level;
use super::NullReason;
use super::date::{DateComparator, ParsedDate, PartialDate};
use crate::text::digits::digit_value;
use crate::text::is_invisible;

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

/// A valid Kuwait civil ID: 12 digits with a known century, an existing birth date and a
/// correct check digit.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct KuwaitCivilId {
    digits: [u8; 12],
    birth: PartialDate,
}

impl KuwaitCivilId {
    /// Parse a civil ID as written: digits of any script, separated or not by spaces,
    /// dashes, dots or slashes, with invisible marks anywhere.
    ///
    /// # Errors
    /// [`NullReason::Empty`] for a blank value, [`NullReason::Unparseable`] when other
    /// characters occur, [`NullReason::WrongLength`] for other than 12 digits,
    /// [`NullReason::Placeholder`] for all zeros, [`NullReason::OutOfRange`] for a century
    /// digit other than 2 or 3, [`NullReason::InvalidMonth`] /
    /// [`NullReason::InvalidDayForMonth`] for an embedded birth date that does not exist,
    /// [`NullReason::BadCheckDigit`] for a wrong check digit.
    ///
    /// ```
    /// use hawiya::field::{KuwaitCivilId, NullReason};
    /// let id = KuwaitCivilId::parse("٢٨٨ ٠٢٠١ ٢٢٥٩٦")?;
    /// assert_eq!(id.as_str(), "288020122596");
    /// assert_eq!(id.birth_date().to_string(), "1988-02-01");
    /// assert_eq!(id.serial(), 2259);
    /// assert_eq!(KuwaitCivilId::parse("288020122597"), Err(NullReason::BadCheckDigit));
    /// # Ok::<(), NullReason>(())
    /// ```
    pub fn parse(raw: &str) -> Result<Self, NullReason> {
        let mut digits = [0u8; 12];
        let mut n = 0usize;
        for c in raw.chars() {
            if let Some(d) = digit_value(c) {
                if n < 12 {
                    digits[n] = b'0' + d;
                }
                n += 1;
            } else if !(c.is_whitespace() || is_invisible(c) || matches!(c, '-' | '.' | '/' | '_'))
            {
                return Err(NullReason::Unparseable);
            }
        }
        if n == 0 {
            return Err(NullReason::Empty);
        }
        if n != 12 {
            return Err(NullReason::WrongLength);
        }
        if digits.iter().all(|&d| d == b'0') {
            return Err(NullReason::Placeholder);
        }
        if !matches!(digits[0], b'2' | b'3') {
            return Err(NullReason::OutOfRange);
        }
        let two = |i: usize| (digits[i] - b'0') * 10 + (digits[i + 1] - b'0');
        let (yy, mm, dd) = (two(1), two(3), two(5));
        if !(1..=12).contains(&mm) {
            return Err(NullReason::InvalidMonth);
        }
        if dd == 0 {
            return Err(NullReason::InvalidDayForMonth);
        }
        let year = 1700 + 100 * i32::from(digits[0] - b'0') + i32::from(yy);
        let birth = PartialDate::gregorian(year, Some(mm), Some(dd))?;
        let id = KuwaitCivilId { digits, birth };
        if !is_valid_kuwait_civil_id(id.as_str()) {
            return Err(NullReason::BadCheckDigit);
        }
        Ok(id)
    }

    /// The 12 ASCII digits.
    pub fn as_str(&self) -> &str {
        // Only ASCII digits are ever stored.
        std::str::from_utf8(&self.digits).unwrap_or_default()
    }

    /// The century digit: 2 for births in the 1900s, 3 for the 2000s.
    pub fn century_digit(&self) -> u8 {
        self.digits[0] - b'0'
    }

    /// The full birth year (century digit and `YY`).
    pub fn birth_year(&self) -> i32 {
        self.birth.year()
    }

    /// The embedded birth date (day precision; flagged as a placeholder when it is
    /// 1 January or 1 July, as for any date).
    pub fn birth_date(&self) -> PartialDate {
        self.birth
    }

    /// The four-digit serial after the birth date.
    pub fn serial(&self) -> u16 {
        self.digits[7..11]
            .iter()
            .fold(0u16, |acc, &d| acc * 10 + u16::from(d - b'0'))
    }

    /// The check digit.
    pub fn check_digit(&self) -> u8 {
        self.digits[11] - b'0'
    }

    /// The date comparison level between the embedded birth date and a parsed
    /// date-of-birth value (see [`DateComparator`] for the levels).
    ///
    /// ```
    /// use hawiya::field::{DateComparator, DateConfig, KuwaitCivilId};
    /// let id = KuwaitCivilId::parse("288020122596")?;
    /// let dob = DateConfig::default().parse("01/02/1988")?;
    /// assert_eq!(id.compare_birth_date(&dob), DateComparator::EXACT);
    /// # Ok::<(), hawiya::field::NullReason>(())
    /// ```
    pub fn compare_birth_date(&self, dob: &ParsedDate) -> Level {
        let date = self.birth_date();
        let (d, m) = (date.day(), date.month());
        let swapped = if d <= 12 && d != m {
            PartialDate::gregorian(date.year(), Some(d), Some(m)).ok()
        } else {
            None
        };
        DateComparator::compare_dates(&ParsedDate { date, swapped }, dob)
    }
}

impl fmt::Debug for KuwaitCivilId {
    /// Civil IDs are personal data: debug output shows only the structure.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("KuwaitCivilId(..)")
    }
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

    #[test]
    fn parsed_id_exposes_its_parts() {
        let id = KuwaitCivilId::parse("323011500429").unwrap();
        assert_eq!(id.century_digit(), 3);
        assert_eq!(id.birth_year(), 2023);
        assert_eq!(id.serial(), 42);
        assert_eq!(id.check_digit(), 9);
        assert_eq!(format!("{id:?}"), "KuwaitCivilId(..)");
    }

    #[test]
    fn embedded_birth_date_cross_checks_the_dob_field() {
        use crate::field::{DateComparator, DateConfig};
        let id = KuwaitCivilId::parse("290011501239").unwrap(); // born 1990-01-15
        let cfg = DateConfig::default();
        let level = |dob: &str| id.compare_birth_date(&cfg.parse(dob).unwrap());
        assert_eq!(level("15/01/1990"), DateComparator::EXACT);
        assert_eq!(level("1990-01-16"), DateComparator::WITHIN_2_DAYS);
        assert_eq!(level("1990-01"), DateComparator::SAME_YM);
        assert_eq!(level("1991-03-02"), DateComparator::YEAR_PM1);
        let id = KuwaitCivilId::parse("288111107770").unwrap(); // born 1988-11-11
        assert_eq!(level_of(&id, "1988-11-11"), DateComparator::EXACT);
        let id = KuwaitCivilId::parse("275123104566").unwrap(); // born 1975-12-31
        // 31 ↔ 13: two neighbouring digits transposed.
        assert_eq!(level_of(&id, "1975-12-13"), DateComparator::ONE_DIGIT);
        assert_eq!(level_of(&id, "1975-12-03"), DateComparator::SAME_YM);
        let id = KuwaitCivilId::parse("299123167897").unwrap(); // born 1999-12-31
        assert_eq!(level_of(&id, "1419 هـ"), DateComparator::SAME_Y); // 1998-04 … 1999-04
        assert_eq!(level_of(&id, "1418 هـ"), DateComparator::YEAR_PM1);
    }

    fn level_of(id: &KuwaitCivilId, dob: &str) -> crate::field::Level {
        id.compare_birth_date(&crate::field::DateConfig::default().parse(dob).unwrap())
    }

    #[test]
    fn swapped_day_and_month_of_the_embedded_date() {
        use crate::field::{DateComparator, DateConfig};
        // Born 1970-01-08; a DOB written 1970-08-01 is the swap.
        let id = KuwaitCivilId::parse("270010805558").unwrap();
        let dob = DateConfig::default().parse("1970-08-01").unwrap();
        assert_eq!(id.compare_birth_date(&dob), DateComparator::SWAPPED_DM);
    }
}
