//! The value types of a date: a [`PartialDate`] (an interval of Gregorian days with its
//! [`DatePrecision`] and [`DateFlags`]), a [`ParsedDate`] with its day/month-swapped
//! reading, and the [`DateValue`] the comparator keeps of one cell (a date, or the digits of
//! a value that makes no valid date).

use std::fmt;

use super::calendar::{Cal, UNIX_EPOCH_RD, iso_ymd};
use crate::field::NullReason;
use crate::field::date_digits::DateDigits;

/// How the precision of a [`PartialDate`] was given.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DatePrecision {
    /// A full date.
    Day,
    /// A year and a month (`1985-07`, `تموز 1985`, `رجب 1405`).
    Month,
    /// A year only (`1985`, `1405 هـ`).
    Year,
}

/// Facts about how a date was written, kept for comparison and reporting.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct DateFlags(u8);

impl DateFlags {
    /// The date was written in the Hijri calendar and converted.
    pub const WAS_HIJRI: DateFlags = DateFlags(1);
    /// Day and month were both ≤ 12 in a `d/m/Y`-or-`m/d/Y` order: both readings are valid.
    pub const DAY_MONTH_AMBIGUOUS: DateFlags = DateFlags(2);
    /// Day and month are a placeholder of the column the date belongs to (a day-month far
    /// more frequent than chance, such as 1 January for "year known, day unknown"): set by
    /// [`DateComparator::learn_column`](super::DateComparator::learn_column) from
    /// [`placeholder_day_months`](super::placeholder_day_months), never by the parser.
    pub const PLACEHOLDER: DateFlags = DateFlags(4);
    /// The year was written with two digits and completed with the configured pivot.
    pub const TWO_DIGIT_YEAR: DateFlags = DateFlags(8);

    /// Whether every flag of `other` is set.
    pub fn contains(self, other: DateFlags) -> bool {
        self.0 & other.0 == other.0
    }

    /// Both sets of flags.
    pub fn union(self, other: DateFlags) -> DateFlags {
        DateFlags(self.0 | other.0)
    }
}

/// A possibly partial Gregorian date: the interval of days `[day_number, last_day_number]`
/// it covers (in days since 1970-01-01), its precision and flags. 16 bytes, `Copy`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct PartialDate {
    pub(super) start: i32,
    pub(super) end: i32,
    pub(super) year: i16,
    pub(super) end_year: i16,
    pub(super) month: u8,
    pub(super) day: u8,
    pub(super) precision: DatePrecision,
    pub(super) flags: DateFlags,
}

impl PartialDate {
    /// A Gregorian date; `month` and `day` may be omitted for a month or year precision.
    ///
    /// # Errors
    /// [`NullReason::InvalidMonth`], [`NullReason::InvalidDayForMonth`], or
    /// [`NullReason::OutOfRange`] for a year outside 1–9998.
    ///
    /// ```
    /// use hawiya::field::{DatePrecision, PartialDate, NullReason};
    /// let d = PartialDate::gregorian(1985, Some(7), Some(1))?;
    /// assert_eq!(d.to_string(), "1985-07-01");
    /// assert_eq!(PartialDate::gregorian(1985, Some(7), None)?.precision(), DatePrecision::Month);
    /// assert_eq!(PartialDate::gregorian(1985, Some(2), Some(29)), Err(NullReason::InvalidDayForMonth));
    /// # Ok::<(), NullReason>(())
    /// ```
    pub fn gregorian(year: i32, month: Option<u8>, day: Option<u8>) -> Result<Self, NullReason> {
        if month == Some(0) || (month.is_none() && day.is_some()) {
            return Err(NullReason::InvalidMonth);
        }
        if day == Some(0) {
            return Err(NullReason::InvalidDayForMonth);
        }
        Self::build(Cal::Gregorian, year, month.unwrap_or(0), day.unwrap_or(0))
    }

    /// A Hijri (Umm al-Qura) date converted to Gregorian; the result has
    /// [`DateFlags::WAS_HIJRI`]. A Hijri month or year covers its whole Gregorian interval.
    ///
    /// # Errors
    /// As [`PartialDate::gregorian`], with day 30 invalid in 29-day Hijri months.
    ///
    /// ```
    /// use hawiya::field::PartialDate;
    /// assert_eq!(PartialDate::hijri(1405, Some(10), Some(12))?.to_string(), "1985-07-01");
    /// assert_eq!(PartialDate::hijri(1445, Some(9), Some(1))?.to_string(), "2024-03-11");
    /// # Ok::<(), hawiya::field::NullReason>(())
    /// ```
    pub fn hijri(year: i32, month: Option<u8>, day: Option<u8>) -> Result<Self, NullReason> {
        if month == Some(0) || (month.is_none() && day.is_some()) {
            return Err(NullReason::InvalidMonth);
        }
        if day == Some(0) {
            return Err(NullReason::InvalidDayForMonth);
        }
        Self::build(Cal::Hijri, year, month.unwrap_or(0), day.unwrap_or(0))
    }

    /// First day covered, in days since 1970-01-01.
    pub fn day_number(&self) -> i32 {
        self.start
    }

    /// Last day covered (equal to [`day_number`](Self::day_number) at day precision).
    pub fn last_day_number(&self) -> i32 {
        self.end
    }

    /// Gregorian year of the first day.
    pub fn year(&self) -> i32 {
        i32::from(self.year)
    }

    /// Gregorian year of the last day (differs from [`year`](Self::year) for a Hijri year
    /// or month that straddles 1 January).
    pub fn last_year(&self) -> i32 {
        i32::from(self.end_year)
    }

    /// Gregorian month 1–12 of the first day.
    pub fn month(&self) -> u8 {
        self.month
    }

    /// Gregorian day of month of the first day.
    pub fn day(&self) -> u8 {
        self.day
    }

    /// Day, month or year precision.
    pub fn precision(&self) -> DatePrecision {
        self.precision
    }

    /// How the date was written.
    pub fn flags(&self) -> DateFlags {
        self.flags
    }

    pub(super) fn with_flags(mut self, f: DateFlags) -> Self {
        self.flags = self.flags.union(f);
        self
    }
}

impl fmt::Display for PartialDate {
    /// ISO 8601: `1985-07-01`, `1985-07`, `1985`; a Hijri month or year as the Gregorian
    /// interval it covers, `1984-09-27/1985-09-15`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let hijri = self.flags.contains(DateFlags::WAS_HIJRI);
        match self.precision {
            DatePrecision::Day => write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day),
            DatePrecision::Month if !hijri => write!(f, "{:04}-{:02}", self.year, self.month),
            DatePrecision::Year if !hijri => write!(f, "{:04}", self.year),
            _ => {
                let (ey, em, ed) = iso_ymd(i64::from(self.end) + UNIX_EPOCH_RD);
                write!(
                    f,
                    "{:04}-{:02}-{:02}/{ey:04}-{em:02}-{ed:02}",
                    self.year, self.month, self.day
                )
            }
        }
    }
}

/// A parsed date: the reading chosen by the configured order, and the day/month-swapped
/// reading when one exists (day ≤ 12 and day ≠ month). For an ambiguous `03/04/1985`
/// ([`DateFlags::DAY_MONTH_AMBIGUOUS`]) the swapped reading is the other interpretation;
/// for any other full date it is what a day/month typing swap would give.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ParsedDate {
    /// The preferred reading.
    pub date: PartialDate,
    /// The day/month-swapped reading, when valid.
    pub swapped: Option<PartialDate>,
}

/// What the date comparator keeps of one cell ([`DateConfig::read`](super::DateConfig::read)): a date, or the
/// digits of a value written with a day, month and year that make no valid date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DateValue {
    /// A valid date.
    Date {
        /// The date and its swapped reading.
        date: ParsedDate,
        /// How its year, month and day were written (in the calendar it was written in).
        written: DateDigits,
    },
    /// A day, month and year in digits that make no valid date (`1861-71-11`,
    /// `31/02/1990`, a year outside the configured range): compared digit by digit with
    /// other values, and by year when the year is one.
    Digits {
        /// The digits as written.
        written: DateDigits,
        /// The written year as a year-precision date, when the calendar converts it.
        year: Option<PartialDate>,
        /// Why the digits are no date.
        reason: NullReason,
    },
}

impl DateValue {
    /// The year, month and day as written.
    pub fn written(&self) -> DateDigits {
        match self {
            DateValue::Date { written, .. } | DateValue::Digits { written, .. } => *written,
        }
    }

    /// The date, when the value is a valid one.
    pub fn date(&self) -> Option<&ParsedDate> {
        match self {
            DateValue::Date { date, .. } => Some(date),
            DateValue::Digits { .. } => None,
        }
    }

    /// Why the value is no valid date (`None` for a date).
    pub fn invalid_reason(&self) -> Option<NullReason> {
        match self {
            DateValue::Date { .. } => None,
            DateValue::Digits { reason, .. } => Some(*reason),
        }
    }

    /// The dates the value can stand for, for blocking keys: a date and its swapped
    /// reading, or the year of digits that make no date.
    pub fn readings(&self) -> impl Iterator<Item = PartialDate> + '_ {
        let (first, second) = match self {
            DateValue::Date { date, .. } => (Some(date.date), date.swapped),
            DateValue::Digits { year, .. } => (*year, None),
        };
        first.into_iter().chain(second)
    }

    /// Whether the value is a date whose day and month were learned to be a placeholder.
    pub fn is_placeholder(&self) -> bool {
        matches!(self, DateValue::Date { date, .. } if date.date.flags.contains(DateFlags::PLACEHOLDER))
    }

    /// The year interval the value stands for, for year-level comparison.
    pub(super) fn year_span(&self) -> Option<PartialDate> {
        match self {
            DateValue::Date { date, .. } => Some(date.date),
            DateValue::Digits { year, .. } => *year,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_count_from_1970() {
        let d = PartialDate::gregorian(1970, Some(1), Some(1)).unwrap();
        assert_eq!(d.day_number(), 0);
        let d = PartialDate::gregorian(1969, Some(12), Some(31)).unwrap();
        assert_eq!(d.day_number(), -1);
        let y = PartialDate::gregorian(1970, None, None).unwrap();
        assert_eq!((y.day_number(), y.last_day_number()), (0, 364));
    }

    #[test]
    fn zero_fields_are_rejected_by_the_constructors() {
        assert_eq!(
            PartialDate::gregorian(1985, Some(0), None),
            Err(NullReason::InvalidMonth)
        );
        assert_eq!(
            PartialDate::gregorian(1985, Some(1), Some(0)),
            Err(NullReason::InvalidDayForMonth)
        );
        assert_eq!(
            PartialDate::hijri(1405, None, Some(3)),
            Err(NullReason::InvalidMonth)
        );
        assert_eq!(
            PartialDate::gregorian(0, None, None),
            Err(NullReason::OutOfRange)
        );
    }

    #[test]
    fn parsed_date_is_small() {
        assert_eq!(std::mem::size_of::<PartialDate>(), 16);
        // What a date column holds per record.
        let size = std::mem::size_of::<Result<DateValue, NullReason>>();
        assert!(size <= 40, "{size} bytes");
    }
}
