//! Identity fields other than names: dates of birth (Gregorian and Hijri), civil IDs and
//! other identifiers, gender, nationality and phone numbers.
//!
//! Every field kind has a parser that turns a raw cell into a compact value or a null with
//! a [`NullReason`], and a comparator implementing [`FieldComparator`]: `prepare` once per
//! record, `compare` once per candidate pair, giving a comparison [`Level`](crate::Level).
//!
//! Levels are ordered **strongest agreement first**: level 0 is the strongest agreement a
//! field kind can show (`exact`), the last declared level is `else` (disagreement), and a
//! pair where either side is null gets the distinguished [`Level::NULL`](crate::Level::NULL), which is not one
//! of the declared levels (a scoring model gives it weight 0). The names in [`LevelInfo`](crate::LevelInfo)
//! are stable: output columns and saved models use them.
//!
//! Owns: the parsers and comparators of dates, identifiers, gender, nationality and
//! phones, and their tables (months, countries).
//! Must not know: records, blocking or scoring — a comparator gives a level, the `score`
//! stage gives it a weight.
//!
//! | kind | comparator | levels (strongest first) |
//! |---|---|---|
//! | date of birth | [`DateComparator`] | `exact`, `within_2_days`, `swapped_dm`, `one_digit`, `same_ym`, `same_y`, `placeholder`, `year_pm1`, `year_one_digit`, `else` |
//! | identifier | [`IdComparator`] | `exact`, `transposition`, `edit_1`, `else` |
//! | gender | [`GenderComparator`] | `exact`, `else` |
//! | nationality | [`NationalityComparator`] | `exact`, `stateless_one_side`, `else` |
//! | phone | [`PhoneComparator`] | `exact`, `last_7`, `else` |
//!
//! The Kuwait civil ID is also an identifier: [`KuwaitCivilId::parse`] validates it and
//! [`KuwaitCivilId::compare_birth_date`] cross-checks its embedded birth date against the
//! date-of-birth field with the date levels.
//!
//! ```
//! use hawiya::field::{DateComparator, FieldComparator, NullReason};
//! let dob = DateComparator::default();
//! let a = dob.prepare("12/10/1405 هـ"); // Hijri, Umm al-Qura
//! let b = dob.prepare("١٩٨٥/٠٧/٠٢"); // Arabic-Indic digits
//! assert_eq!(dob.compare(&a, &b).name_in(dob.levels()), "within_2_days");
//! // No date, but digits that still carry evidence: one digit from 21 February.
//! let typo = dob.prepare("31/02/1990");
//! assert_eq!(dob.null_reason(&typo), None);
//! let c = dob.prepare("1990-02-21");
//! assert_eq!(dob.compare(&typo, &c).name_in(dob.levels()), "one_digit");
//! assert_eq!(dob.null_reason(&dob.prepare("غير معروف")), Some(NullReason::Unknown));
//! ```

pub mod civil_id;
pub mod date;
mod date_digits;
pub mod gender;
pub mod identifier;
mod months;
pub mod nationality;
pub mod phone;

pub use civil_id::KuwaitCivilId;
pub use date::{
    DateComparator, DateConfig, DateFlags, DateOrder, DatePrecision, DateValue, DayMonths,
    ParsedDate, PartialDate, bare_years_are_gregorian, placeholder_day_months,
};
pub use date_digits::{DateDigits, DigitCloseness};
pub use gender::{Gender, GenderComparator};
pub use identifier::{IdComparator, Identifier};
pub use months::MonthStyle;
pub use nationality::{Nationality, NationalityComparator};
pub use phone::{Phone, PhoneComparator, PhoneConfig};

use std::fmt;

use crate::core::{Level, LevelInfo};

/// Why a field value is null. Parsing never fails: a value it cannot use becomes a null
/// with one of these reasons, which the engine reports (it never prints the value).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum NullReason {
    /// Blank, or only separators and invisible marks.
    Empty,
    /// The value says it is unknown or not applicable (`unknown`, `غير معروف`, `N/A`).
    Unknown,
    /// A dummy value (`0000-00-00`, `9999-12-31`, an ID of all zeros).
    Placeholder,
    /// Not in any recognised form.
    Unparseable,
    /// A year outside the configured range, or outside what the calendar converts.
    OutOfRange,
    /// A month number outside 1–12.
    InvalidMonth,
    /// A day that does not exist in its month (31 April, 29 February 1985, 30 Safar …).
    InvalidDayForMonth,
    /// Well-formed but not in the look-up table (an unknown country name).
    Unrecognised,
    /// The wrong number of digits or characters for the identifier kind.
    WrongLength,
    /// The check digit of an identifier does not match.
    BadCheckDigit,
}

impl NullReason {
    /// Stable machine name (`snake_case`) for reports.
    ///
    /// ```
    /// assert_eq!(hawiya::field::NullReason::InvalidDayForMonth.as_str(), "invalid_day_for_month");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            NullReason::Empty => "empty",
            NullReason::Unknown => "unknown",
            NullReason::Placeholder => "placeholder",
            NullReason::Unparseable => "unparseable",
            NullReason::OutOfRange => "out_of_range",
            NullReason::InvalidMonth => "invalid_month",
            NullReason::InvalidDayForMonth => "invalid_day_for_month",
            NullReason::Unrecognised => "unrecognised",
            NullReason::WrongLength => "wrong_length",
            NullReason::BadCheckDigit => "bad_check_digit",
        }
    }
}

impl fmt::Display for NullReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A comparator for one field kind. `prepare` runs once per record, `compare` once per
/// candidate pair and must be cheap (no allocation, no parsing).
///
/// Contract: `compare` is symmetric, returns [`Level::NULL`](crate::Level::NULL) exactly when either side is
/// null, and otherwise returns an index into [`levels`](FieldComparator::levels), which are
/// ordered strongest agreement first and end with `else`.
pub trait FieldComparator: Send + Sync {
    /// The prepared, compact form of one value (a null carries its [`NullReason`]).
    type Prepared: Send + Sync + Clone + fmt::Debug;

    /// Parse and normalise one raw cell. Never panics; unusable input becomes a null.
    fn prepare(&self, raw: &str) -> Self::Prepared;

    /// The comparison level of two prepared values.
    fn compare(&self, a: &Self::Prepared, b: &Self::Prepared) -> Level;

    /// The declared levels, strongest agreement first, `else` last; [`Level::NULL`](crate::Level::NULL) is not
    /// among them.
    fn levels(&self) -> &'static [LevelInfo];

    /// Why a prepared value is null, or `None` when it holds a value.
    fn null_reason(&self, prepared: &Self::Prepared) -> Option<NullReason>;
}

/// The null reason of a prepared `Result` value.
#[inline]
pub(crate) fn reason_of<T>(p: &Result<T, NullReason>) -> Option<NullReason> {
    p.as_ref().err().copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn null_sorts_after_every_level_and_has_no_index() {
        assert!(Level(0) < Level(7));
        assert!(Level(200) < Level::NULL);
        assert_eq!(Level::NULL.index(), None);
        assert_eq!(Level(3).index(), Some(3));
        assert_eq!(Level(9).name_in(&[]), "null");
    }

    #[test]
    fn comparators_are_send_and_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<DateComparator>();
        assert_send_sync::<IdComparator>();
        assert_send_sync::<GenderComparator>();
        assert_send_sync::<NationalityComparator>();
        assert_send_sync::<PhoneComparator>();
    }
}
