//! The day, month and year of a date as written, and how close two writings are digit by
//! digit: what is left to compare when a value is written like a date but is not a valid
//! one (`1861-71-11`, `31/02/1990`), and a typo level between two valid dates.

use super::date::{DatePrecision, PartialDate};

/// The year, month and day of a date-shaped value as written (the year completed when it
/// was written with two digits), in the calendar it was read in, before any calendar check.
/// A month or day of 0 means "not written". Read as the eight digits `YYYYMMDD`.
///
/// ```
/// use hawiya::field::{DateConfig, DigitCloseness};
/// let cfg = DateConfig::default();
/// let typo = cfg.read("1861-71-11")?; // no month 71: kept as digits
/// let date = cfg.read("11/11/1861")?;
/// assert_eq!(typo.written().to_string(), "18617111");
/// assert_eq!(typo.written().closeness(&date.written()), DigitCloseness::OneDigit);
/// # Ok::<(), hawiya::field::NullReason>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct DateDigits {
    year: u16,
    month: u8,
    day: u8,
    bits: u8,
}

/// How close two [`DateDigits`] are, from the closest.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DigitCloseness {
    /// The same eight digits in the same calendar.
    Same,
    /// The same year, day and month swapped (`1985-03-17` / `1985-17-03`).
    DayMonthSwapped,
    /// One digit changed (`1985` / `1986`, `07-15` / `07-75`), or two neighbouring digits
    /// transposed (`1985` / `1958`, `07-15` / `07-51`).
    OneDigit,
    /// Anything else, including different calendars and values without a day.
    Different,
}

impl DateDigits {
    const HIJRI: u8 = 1;
    const BY_RANGE: u8 = 2;
    const AMBIGUOUS: u8 = 4;

    /// `None` when a field does not fit eight digits (a year above 9999, a month or day
    /// above 99).
    pub(crate) fn new(year: u32, month: u32, day: u32) -> Option<DateDigits> {
        if year > 9999 || month > 99 || day > 99 {
            return None;
        }
        Some(DateDigits {
            year: year as u16,
            month: month as u8,
            day: day as u8,
            bits: 0,
        })
    }

    /// The Gregorian fields of a date (month and day 0 below their precision).
    pub(crate) fn of(d: &PartialDate) -> DateDigits {
        let (month, day) = match d.precision() {
            DatePrecision::Day => (d.month(), d.day()),
            DatePrecision::Month => (d.month(), 0),
            DatePrecision::Year => (0, 0),
        };
        DateDigits {
            year: d.year().clamp(0, 9999) as u16,
            month,
            day,
            bits: 0,
        }
    }

    /// Read in the Hijri calendar; `by_range` when only the year's range said so (no
    /// marker, no Hijri month name).
    pub(crate) fn hijri(mut self, by_range: bool) -> DateDigits {
        self.bits |= Self::HIJRI;
        if by_range {
            self.bits |= Self::BY_RANGE;
        }
        self
    }

    /// Day and month were written in an order where both readings are possible.
    pub(crate) fn ambiguous(mut self, yes: bool) -> DateDigits {
        if yes {
            self.bits |= Self::AMBIGUOUS;
        }
        self
    }

    /// The year as written (completed when written with two digits).
    pub fn year(&self) -> u16 {
        self.year
    }

    /// The month as written (0 when not written).
    pub fn month(&self) -> u8 {
        self.month
    }

    /// The day as written (0 when not written).
    pub fn day(&self) -> u8 {
        self.day
    }

    /// Whether the value was read in the Hijri calendar.
    pub fn is_hijri(&self) -> bool {
        self.bits & Self::HIJRI != 0
    }

    /// Whether the Hijri reading came from the year's range alone.
    pub(crate) fn hijri_by_range(&self) -> bool {
        self.bits & Self::BY_RANGE != 0
    }

    /// Whether day and month could be read either way round.
    pub(crate) fn is_ambiguous(&self) -> bool {
        self.bits & Self::AMBIGUOUS != 0
    }

    /// Whether a day was written (a date of day precision, or digits whose month may be
    /// a mistyped 0).
    pub fn has_day(&self) -> bool {
        self.day > 0
    }

    fn digits(&self) -> [u8; 8] {
        let n = u32::from(self.year) * 10_000 + u32::from(self.month) * 100 + u32::from(self.day);
        let mut out = [0u8; 8];
        let mut v = n;
        for d in out.iter_mut().rev() {
            *d = (v % 10) as u8;
            v /= 10;
        }
        out
    }

    /// How close two writings are. Symmetric; only values with a day, in the same
    /// calendar, are compared.
    pub fn closeness(&self, other: &DateDigits) -> DigitCloseness {
        if !self.has_day() || !other.has_day() || self.is_hijri() != other.is_hijri() {
            return DigitCloseness::Different;
        }
        let (a, b) = (self.digits(), other.digits());
        if a == b {
            return DigitCloseness::Same;
        }
        if self.year == other.year && self.month == other.day && self.day == other.month {
            return DigitCloseness::DayMonthSwapped;
        }
        if one_digit_apart(&a, &b) {
            DigitCloseness::OneDigit
        } else {
            DigitCloseness::Different
        }
    }
}

/// Whether two digit strings of one length differ by one digit changed or by two
/// neighbouring digits transposed.
fn one_digit_apart(a: &[u8], b: &[u8]) -> bool {
    // Positions of the first two differing digits, and how many differ.
    let (mut first, mut second, mut n) = (0, 0, 0);
    for (i, (x, y)) in a.iter().zip(b).enumerate() {
        if x != y {
            match n {
                0 => first = i,
                1 => second = i,
                _ => {}
            }
            n += 1;
        }
    }
    n == 1 || (n == 2 && second == first + 1 && a[first] == b[second] && a[second] == b[first])
}

/// Whether two four-digit years are one digit changed or two neighbouring digits
/// transposed apart (`1850` / `1858`, `1850` / `1805`).
pub(crate) fn years_one_digit_apart(a: i32, b: i32) -> bool {
    let digits = |y: i32| {
        let y = y.clamp(0, 9999) as u16;
        [y / 1000, y / 100 % 10, y / 10 % 10, y % 10].map(|d| d as u8)
    };
    a != b && one_digit_apart(&digits(a), &digits(b))
}

impl std::fmt::Display for DateDigits {
    /// The eight digits `YYYYMMDD`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}{:02}{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: u32, m: u32, day: u32) -> DateDigits {
        DateDigits::new(y, m, day).unwrap()
    }

    #[test]
    fn closeness_levels() {
        use DigitCloseness::*;
        let cases = [
            (d(1861, 71, 11), d(1861, 11, 11), OneDigit),
            (d(1861, 71, 11), d(1861, 71, 11), Same),
            (d(1985, 2, 31), d(1985, 2, 21), OneDigit),
            (d(1985, 3, 17), d(1985, 17, 3), DayMonthSwapped),
            (d(1985, 7, 15), d(1985, 7, 51), OneDigit),
            (d(1985, 7, 15), d(1895, 7, 15), OneDigit),
            (d(1985, 7, 15), d(1958, 7, 15), OneDigit),
            (d(1985, 7, 15), d(1959, 7, 15), Different),
            (d(1985, 7, 15), d(1986, 7, 25), Different),
            (d(1985, 7, 15), d(1985, 8, 16), Different),
            (d(1985, 7, 0), d(1985, 7, 0), Different),
            (d(1405, 10, 12), d(1405, 10, 12).hijri(true), Different),
            (
                d(1405, 10, 12).hijri(false),
                d(1405, 10, 13).hijri(true),
                OneDigit,
            ),
        ];
        for (a, b, want) in cases {
            assert_eq!(a.closeness(&b), want, "{a} {b}");
            assert_eq!(b.closeness(&a), want, "{b} {a}");
        }
    }

    #[test]
    fn years_one_digit_apart_by_change_or_transposition() {
        assert!(years_one_digit_apart(1850, 1858));
        assert!(years_one_digit_apart(1850, 1805));
        assert!(years_one_digit_apart(1850, 1950));
        assert!(!years_one_digit_apart(1850, 1850));
        assert!(!years_one_digit_apart(1850, 1861));
        assert!(!years_one_digit_apart(1850, 1508));
    }

    #[test]
    fn fields_that_do_not_fit_eight_digits_are_refused() {
        assert!(DateDigits::new(10_000, 1, 1).is_none());
        assert!(DateDigits::new(1985, 100, 1).is_none());
        assert!(DateDigits::new(1985, 1, 100).is_none());
        assert_eq!(d(850, 3, 1).to_string(), "08500301");
    }
}
