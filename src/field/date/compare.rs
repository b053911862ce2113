//! Comparing two dates of birth: the levels of [`DateComparator`], strongest agreement
//! first, on dates, on the digits of values that make no date, and on the years of partial
//! and placeholder dates.

use super::{DateConfig, DateFlags, DatePrecision, DateValue, DayMonths, ParsedDate, PartialDate};
use crate::core::{Level, LevelInfo};
use crate::field::date_digits::{DateDigits, DigitCloseness, years_one_digit_apart};
use crate::field::{FieldComparator, NullReason, reason_of};

/// Compares dates of birth. Levels, strongest first:
///
/// | level | name | meaning |
/// |---|---|---|
/// | 0 | `exact` | same day (or the same digits of two values that are no valid date) |
/// | 1 | `within_2_days` | 1–2 days apart (Hijri converters and typos disagree by that much) |
/// | 2 | `swapped_dm` | day and month swapped, or the other reading of an ambiguous date |
/// | 3 | `one_digit` | one digit changed or two neighbouring digits transposed in `YYYYMMDD` as written (`1985-07-15` / `1985-07-25`, `1861-71-11` / `1861-11-11`) |
/// | 4 | `same_ym` | same year and month (also a month-precision date containing the other) |
/// | 5 | `same_y` | same year (also a year-precision date, Hijri years included, overlapping) |
/// | 6 | `placeholder` | same year, one side a placeholder day-month of its column (weak) |
/// | 7 | `year_pm1` | years one apart |
/// | 8 | `year_one_digit` | years one digit apart (`1850` / `1858`), one side without a real day: a year or month only, or a placeholder day |
/// | 9 | `else` | anything else |
///
/// Values written with a day, month and year that make no valid date (`1861-71-11`,
/// `19850231`) are not null: they meet `exact`, `swapped_dm` and `one_digit` digit by
/// digit, then `same_ym` (same written year and valid month) and the year levels by their
/// written year. A date whose day and month are a placeholder of its column (learned by
/// [`learn_column`](Self::learn_column), see
/// [`placeholder_day_months`](super::placeholder_day_months)) is compared by its year only:
/// `placeholder`, `year_pm1` or `else`, even against the same date.
#[derive(Clone, Debug, Default)]
pub struct DateComparator {
    pub(super) config: DateConfig,
    pub(super) placeholders: DayMonths,
}

const DATE_LEVELS: &[LevelInfo] = &[
    LevelInfo {
        name: "exact",
        description: "same day",
    },
    LevelInfo {
        name: "within_2_days",
        description: "one or two days apart",
    },
    LevelInfo {
        name: "swapped_dm",
        description: "day and month swapped",
    },
    LevelInfo {
        name: "one_digit",
        description: "one digit changed or two neighbouring digits transposed",
    },
    LevelInfo {
        name: "same_ym",
        description: "same year and month",
    },
    LevelInfo {
        name: "same_y",
        description: "same year",
    },
    LevelInfo {
        name: "placeholder",
        description: "same year, one side a placeholder day and month",
    },
    LevelInfo {
        name: "year_pm1",
        description: "years one apart",
    },
    LevelInfo {
        name: "year_one_digit",
        description: "years one digit apart, one side without a real day",
    },
    LevelInfo {
        name: "else",
        description: "different dates",
    },
];

impl DateComparator {
    /// Level `exact`.
    pub const EXACT: Level = Level(0);
    /// Level `within_2_days`.
    pub const WITHIN_2_DAYS: Level = Level(1);
    /// Level `swapped_dm`.
    pub const SWAPPED_DM: Level = Level(2);
    /// Level `one_digit`.
    pub const ONE_DIGIT: Level = Level(3);
    /// Level `same_ym`.
    pub const SAME_YM: Level = Level(4);
    /// Level `same_y`.
    pub const SAME_Y: Level = Level(5);
    /// Level `placeholder`.
    pub const PLACEHOLDER: Level = Level(6);
    /// Level `year_pm1`.
    pub const YEAR_PM1: Level = Level(7);
    /// Level `year_one_digit`.
    pub const YEAR_ONE_DIGIT: Level = Level(8);
    /// Level `else`.
    pub const ELSE: Level = Level(9);

    /// A comparator parsing with `config`.
    pub fn new(config: DateConfig) -> Self {
        DateComparator {
            config,
            placeholders: DayMonths::default(),
        }
    }

    /// The parser configuration (after [`learn_column`](Self::learn_column), with the
    /// Hijri year range it chose).
    pub fn config(&self) -> &DateConfig {
        &self.config
    }

    /// The placeholder day-months learned by [`learn_column`](Self::learn_column) (empty
    /// before), which [`prepare`](FieldComparator::prepare) marks.
    pub fn placeholders(&self) -> &DayMonths {
        &self.placeholders
    }

    /// The level of two parsed dates (never [`Level::NULL`]). The digit-level closeness
    /// is read on the Gregorian digits of dates that were not written in Hijri.
    ///
    /// ```
    /// use hawiya::field::{DateComparator, FieldComparator};
    /// let c = DateComparator::default();
    /// let (a, b) = (c.prepare("2024-03-11"), c.prepare("1 رمضان 1445 هـ"));
    /// assert_eq!(c.compare(&a, &b), DateComparator::EXACT);
    /// let (a, b) = (c.prepare("1985-03-04"), c.prepare("1985-04-03"));
    /// assert_eq!(c.compare(&a, &b), DateComparator::SWAPPED_DM);
    /// let (a, b) = (c.prepare("1985-07-15"), c.prepare("1995-07-15"));
    /// assert_eq!(c.compare(&a, &b), DateComparator::ONE_DIGIT);
    /// ```
    pub fn compare_dates(a: &ParsedDate, b: &ParsedDate) -> Level {
        let digits = |p: &ParsedDate| {
            (!p.date.flags.contains(DateFlags::WAS_HIJRI)).then(|| DateDigits::of(&p.date))
        };
        Self::compare_parsed(a, b, digits(a).zip(digits(b)))
    }

    /// The level of two dates, with their written digits when both are known.
    fn compare_parsed(
        a: &ParsedDate,
        b: &ParsedDate,
        digits: Option<(DateDigits, DateDigits)>,
    ) -> Level {
        let (x, y) = (&a.date, &b.date);
        if x.precision == DatePrecision::Day && y.precision == DatePrecision::Day {
            let placeholder = x.flags.contains(DateFlags::PLACEHOLDER)
                || y.flags.contains(DateFlags::PLACEHOLDER);
            if placeholder {
                return match Self::coarse_year_level(x, y, digits) {
                    Self::SAME_Y => Self::PLACEHOLDER,
                    l => l,
                };
            }
            let diff = (i64::from(x.start) - i64::from(y.start)).abs();
            if diff == 0 {
                return Self::EXACT;
            }
            if diff <= 2 {
                return Self::WITHIN_2_DAYS;
            }
            if a.swapped.is_some_and(|s| s.start == y.start)
                || b.swapped.is_some_and(|s| s.start == x.start)
            {
                return Self::SWAPPED_DM;
            }
            if digits.is_some_and(|(p, q)| p.closeness(&q) == DigitCloseness::OneDigit) {
                return Self::ONE_DIGIT;
            }
            return match (x.year - y.year).abs() {
                0 if x.month == y.month => Self::SAME_YM,
                _ => Self::year_level(x, y),
            };
        }
        let coarse = x.precision.max(y.precision);
        if x.start <= y.end && y.start <= x.end && coarse == DatePrecision::Month {
            return Self::SAME_YM;
        }
        Self::coarse_year_level(x, y, digits)
    }

    /// [`year_level`](Self::year_level) of two dates of which one has no real day (a year
    /// or month only, or a placeholder day), where a mistyped year digit is all that can
    /// differ: `year_one_digit` when the written years (the Gregorian ones when not
    /// written) are one digit apart.
    fn coarse_year_level(
        x: &PartialDate,
        y: &PartialDate,
        digits: Option<(DateDigits, DateDigits)>,
    ) -> Level {
        let l = Self::year_level(x, y);
        if l != Self::ELSE {
            return l;
        }
        let near = match digits {
            Some((p, q)) => {
                p.is_hijri() == q.is_hijri()
                    && years_one_digit_apart(i32::from(p.year()), i32::from(q.year()))
            }
            None => {
                let gregorian = |d: &PartialDate| {
                    !d.flags.contains(DateFlags::WAS_HIJRI) && d.year == d.end_year
                };
                gregorian(x) && gregorian(y) && years_one_digit_apart(x.year(), y.year())
            }
        };
        if near {
            Self::YEAR_ONE_DIGIT
        } else {
            Self::ELSE
        }
    }

    /// `same_y` when the years of two dates (of any precision) overlap, `year_pm1` when
    /// they are one apart, else `else`.
    fn year_level(x: &PartialDate, y: &PartialDate) -> Level {
        if x.start <= y.end && y.start <= x.end || x.year <= y.end_year && y.year <= x.end_year {
            return Self::SAME_Y;
        }
        let gap = if x.end_year < y.year {
            y.year - x.end_year
        } else {
            x.year - y.end_year
        };
        if gap == 1 { Self::YEAR_PM1 } else { Self::ELSE }
    }

    /// The level of two prepared values, dates or digits.
    fn compare_values(a: &DateValue, b: &DateValue) -> Level {
        if let (
            DateValue::Date {
                date: x,
                written: p,
            },
            DateValue::Date {
                date: y,
                written: q,
            },
        ) = (a, b)
        {
            return Self::compare_parsed(x, y, Some((*p, *q)));
        }
        // At least one side is digits that make no date.
        let (p, q) = (a.written(), b.written());
        let years = a.year_span().zip(b.year_span());
        if a.is_placeholder() || b.is_placeholder() {
            return match years.map(|(x, y)| Self::coarse_year_level(&x, &y, Some((p, q)))) {
                Some(Self::SAME_Y) => Self::PLACEHOLDER,
                Some(l) => l,
                None => Self::ELSE,
            };
        }
        match p.closeness(&q) {
            DigitCloseness::Same => return Self::EXACT,
            DigitCloseness::DayMonthSwapped => return Self::SWAPPED_DM,
            DigitCloseness::OneDigit => return Self::ONE_DIGIT,
            DigitCloseness::Different => {}
        }
        if p.is_hijri() == q.is_hijri()
            && p.year() == q.year()
            && p.month() == q.month()
            && (1..=12).contains(&p.month())
        {
            return Self::SAME_YM;
        }
        let coarse = |v: &DateValue| {
            v.date()
                .is_some_and(|d| d.date.precision != DatePrecision::Day)
        };
        match years {
            Some((x, y)) if coarse(a) || coarse(b) => Self::coarse_year_level(&x, &y, Some((p, q))),
            Some((x, y)) => Self::year_level(&x, &y),
            None => Self::ELSE,
        }
    }
}

impl FieldComparator for DateComparator {
    type Prepared = Result<DateValue, NullReason>;

    fn prepare(&self, raw: &str) -> Self::Prepared {
        let mut v = self.config.read(raw)?;
        if !self.placeholders.is_empty() {
            self.mark(&mut v);
        }
        Ok(v)
    }

    fn compare(&self, a: &Self::Prepared, b: &Self::Prepared) -> Level {
        match (a, b) {
            (Ok(a), Ok(b)) => Self::compare_values(a, b),
            _ => Level::NULL,
        }
    }

    fn levels(&self) -> &'static [LevelInfo] {
        DATE_LEVELS
    }

    fn null_reason(&self, prepared: &Self::Prepared) -> Option<NullReason> {
        reason_of(prepared)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn level(a: &str, b: &str) -> &'static str {
        let c = DateComparator::default();
        let l = c.compare(&c.prepare(a), &c.prepare(b));
        let back = c.compare(&c.prepare(b), &c.prepare(a));
        assert_eq!(l, back, "asymmetric on {a:?} / {b:?}");
        l.name_in(c.levels())
    }

    #[test]
    fn comparison_levels() {
        let cases = [
            ("1985-07-15", "15/07/1985", "exact"),
            ("1985-07-01", "12/10/1405 هـ", "exact"),
            ("1985-07-02", "12 شوال 1405", "within_2_days"),
            ("1985-07-03", "12 شوال 1405", "within_2_days"),
            ("1985-07-04", "12 شوال 1405", "same_ym"),
            ("1985-07-15", "1985-07-17", "within_2_days"),
            ("1985-03-04", "1985-04-03", "swapped_dm"),
            ("03/04/1985", "1985-03-04", "swapped_dm"),
            ("03/04/1985", "03/04/1985", "exact"),
            ("1985-07-15", "1985-07-28", "same_ym"),
            ("1985-07-15", "1985-07", "same_ym"),
            ("1985-07-15", "1985", "same_y"),
            ("1985-07-15", "1985-09-20", "same_y"),
            ("1985-07-15", "1405 هـ", "same_y"),
            ("1984-10-15", "1405 هـ", "same_y"),
            ("1985-07", "1985-08", "same_y"),
            ("1985-07-15", "1986-02-11", "year_pm1"),
            ("1985", "1986", "year_pm1"),
            ("1985-07-15", "1984", "year_pm1"),
            // Without a learned column no day-month is a placeholder.
            ("1985-01-01", "1985-06-11", "same_y"),
            ("1985-01-01", "1985-01-01", "exact"),
            ("1985-01-01", "1986-05-11", "year_pm1"),
            ("1985-01-01", "1990-05-11", "else"),
            ("1985-07-15", "1990-07-15", "else"),
            // Old dates compare like recent ones.
            ("1630-08-01", "01/08/1630", "exact"),
            ("1630-08-01", "1630-08-03", "within_2_days"),
            ("1630-08-01", "1630-01-08", "swapped_dm"),
            ("1630-08-01", "1630-08-21", "one_digit"),
            ("1630-08-01", "1630-08", "same_ym"),
            ("1630-08-01", "1630", "same_y"),
            ("1630-08-01", "1631-02-01", "year_pm1"),
            ("1066-10-14", "1066-10-14", "exact"),
            // One digit changed or two neighbouring digits transposed.
            ("1985-07-15", "1985-07-25", "one_digit"),
            ("1985-07-15", "1985-01-15", "one_digit"),
            ("1985-07-15", "1995-07-15", "one_digit"),
            ("1985-07-15", "1958-07-15", "one_digit"),
            ("15/07/1985", "1985-07-51", "one_digit"),
            ("1405-10-12", "1405-10-22", "one_digit"),
            ("12/10/1405 هـ", "1985-07-11", "same_ym"),
            // Digits that make no date.
            ("1861-71-11", "1861-11-11", "one_digit"),
            ("1861-71-11", "1861-71-11", "exact"),
            ("19850231", "1985-02-31", "exact"),
            ("19850231", "1985-02-21", "one_digit"),
            ("1985-13-01", "1985-01-13", "swapped_dm"),
            ("1985-13-01", "1985-05-20", "same_y"),
            ("1985-07-45", "1985-07-03", "same_ym"),
            ("1985-07-45", "1985-07", "same_ym"),
            ("1985-07-45", "1986-03-03", "year_pm1"),
            ("1985-02-31", "1985", "same_y"),
            ("1985-02-31", "1990-06-12", "else"),
            ("1985-02-31", "1995-06-12", "else"),
            ("1985-02-31", "1995", "year_one_digit"),
            ("0850-03-01", "0850-03-01", "exact"),
            ("0850-03-01", "0850-05-07", "same_y"),
            ("1985-00-15", "1985-01-15", "one_digit"),
            ("1985", "1990", "else"),
            ("1985", "1995", "year_one_digit"),
            ("1985-07", "1958-02", "year_one_digit"),
            ("1985-07-15", "1995", "year_one_digit"),
            ("1985-07-15", "1995-02-11", "else"),
            ("1405 هـ", "1415 هـ", "year_one_digit"),
            ("1405 هـ", "1995", "else"),
            ("1985-07-15", "", "null"),
            ("garbage", "1985-07-15", "null"),
            ("", "", "null"),
        ];
        for (a, b, want) in cases {
            assert_eq!(level(a, b), want, "{a:?} vs {b:?}");
        }
    }

    #[test]
    fn levels_are_declared_strongest_first() {
        let c = DateComparator::default();
        let names: Vec<_> = c.levels().iter().map(|l| l.name).collect();
        assert_eq!(
            names,
            [
                "exact",
                "within_2_days",
                "swapped_dm",
                "one_digit",
                "same_ym",
                "same_y",
                "placeholder",
                "year_pm1",
                "year_one_digit",
                "else"
            ]
        );
        assert_eq!(DateComparator::ELSE.name_in(c.levels()), "else");
        // Not a date, but not null: its digits are compared.
        assert_eq!(c.null_reason(&c.prepare("31/02/1990")), None);
        assert_eq!(
            c.prepare("31/02/1990").map(|v| v.invalid_reason()),
            Ok(Some(NullReason::InvalidDayForMonth))
        );
        assert_eq!(
            c.null_reason(&c.prepare("31/02")),
            Some(NullReason::Unparseable)
        );
        assert_eq!(c.null_reason(&c.prepare("1990")), None);
    }
}
