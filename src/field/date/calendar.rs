//! The Gregorian and Hijri calendars: which calendar written fields are read in (marker,
//! Hijri year range, two-digit years), and their conversion to an interval of Gregorian
//! days, checked against the configured years. The only file that calls `icu_calendar`.

use icu_calendar::cal::Hijri;
use icu_calendar::types::RataDie;
use icu_calendar::{Date, Iso};

use super::parse::{Fields, Num};
use super::{DateConfig, DateFlags, DatePrecision, DateValue, ParsedDate, PartialDate};
use crate::field::NullReason;
use crate::field::date_digits::DateDigits;

/// Rata Die (days since 0001-12-31 proleptic Gregorian) of 1970-01-01.
pub(super) const UNIX_EPOCH_RD: i64 = 719_163;

/// The calendar a date was written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Cal {
    Gregorian,
    Hijri,
}

/// First day (Rata Die) and length of a month, or `None` when the calendar rejects it.
fn month_span(cal: Cal, year: i32, month: u8) -> Option<(i64, i64)> {
    match cal {
        Cal::Gregorian => {
            let d = Date::try_new_iso(year, month, 1).ok()?;
            Some((d.to_rata_die().to_i64_date(), i64::from(d.days_in_month())))
        }
        Cal::Hijri => {
            let d =
                Date::try_new_hijri_with_calendar(year, month, 1, Hijri::new_umm_al_qura()).ok()?;
            Some((d.to_rata_die().to_i64_date(), i64::from(d.days_in_month())))
        }
    }
}

/// First day (Rata Die) and length of a year.
fn year_span(cal: Cal, year: i32) -> Option<(i64, i64)> {
    match cal {
        Cal::Gregorian => {
            let d = Date::try_new_iso(year, 1, 1).ok()?;
            Some((d.to_rata_die().to_i64_date(), i64::from(d.days_in_year())))
        }
        Cal::Hijri => {
            let d = Date::try_new_hijri_with_calendar(year, 1, 1, Hijri::new_umm_al_qura()).ok()?;
            Some((d.to_rata_die().to_i64_date(), i64::from(d.days_in_year())))
        }
    }
}

/// Gregorian (year, month, day) of a Rata Die.
pub(super) fn iso_ymd(rd: i64) -> (i32, u8, u8) {
    let d = Date::from_rata_die(RataDie::new(rd), Iso);
    (
        d.year().extended_year(),
        d.month().ordinal,
        d.day_of_month().0,
    )
}

impl PartialDate {
    /// Build from written fields: `month`/`day` of 0 mean "not given". Only the calendar
    /// library does calendar arithmetic.
    pub(super) fn build(
        cal: Cal,
        year: i32,
        month: u8,
        day: u8,
    ) -> Result<PartialDate, NullReason> {
        if month > 12 || (month == 0 && day != 0) {
            return Err(NullReason::InvalidMonth);
        }
        if !(1..=9998).contains(&year) {
            return Err(NullReason::OutOfRange);
        }
        let (start, end, precision) = if month == 0 {
            let (s, n) = year_span(cal, year).ok_or(NullReason::OutOfRange)?;
            (s, s + n - 1, DatePrecision::Year)
        } else {
            let (s, n) = month_span(cal, year, month).ok_or(NullReason::OutOfRange)?;
            if day == 0 {
                (s, s + n - 1, DatePrecision::Month)
            } else if i64::from(day) > n {
                return Err(NullReason::InvalidDayForMonth);
            } else {
                let d = s + i64::from(day) - 1;
                (d, d, DatePrecision::Day)
            }
        };
        let mut flags = DateFlags::default();
        if cal == Cal::Hijri {
            flags = flags.union(DateFlags::WAS_HIJRI);
        }
        let (y, m, d) = iso_ymd(start);
        let (ey, _, _) = iso_ymd(end);
        Ok(PartialDate {
            start: (start - UNIX_EPOCH_RD) as i32,
            end: (end - UNIX_EPOCH_RD) as i32,
            year: y as i16,
            end_year: ey as i16,
            month: m,
            day: d,
            precision,
            flags,
        })
    }
}

impl DateConfig {
    /// The date of the fields, or their digits when they make no valid date but were
    /// written with a day, month and year.
    pub(super) fn value(&self, f: Fields, marker: Option<Cal>) -> Result<DateValue, NullReason> {
        let (year, cal, _) = self.year_and_calendar(f.year, marker);
        let written = DateDigits::new(year as u32, u32::from(f.month), u32::from(f.day));
        let written = written.map(|w| {
            let w = w.ambiguous(f.ambiguous);
            if cal == Cal::Hijri {
                w.hijri(marker.is_none())
            } else {
                w
            }
        });
        match (self.resolve(f, marker), written) {
            (Ok(date), Some(written)) => Ok(DateValue::Date { date, written }),
            (Ok(date), None) => Ok(DateValue::Date {
                date,
                written: DateDigits::of(&date.date),
            }),
            (
                Err(
                    reason @ (NullReason::InvalidMonth
                    | NullReason::InvalidDayForMonth
                    | NullReason::OutOfRange),
                ),
                Some(written),
            ) if written.has_day() => Ok(DateValue::Digits {
                written,
                year: PartialDate::build(cal, year, 0, 0).ok(),
                reason,
            }),
            (Err(e), _) => Err(e),
        }
    }

    /// Read the column's values again from their digits after a change of the Hijri year
    /// range.
    pub(super) fn reread(&self, v: &DateValue) -> Result<DateValue, NullReason> {
        let w = v.written();
        let fields = Fields {
            year: Num {
                v: u32::from(w.year()),
                len: 4,
            },
            month: w.month(),
            day: w.day(),
            ambiguous: w.is_ambiguous(),
        };
        self.value(fields, None)
    }

    /// The completed year and the calendar it is read in, with the two-digit-year flag.
    fn year_and_calendar(&self, year: Num, marker: Option<Cal>) -> (i32, Cal, DateFlags) {
        if year.len <= 2 {
            let yy = year.v as i32;
            let (y, cal) = match marker {
                Some(Cal::Hijri) => (if yy < 50 { 1400 + yy } else { 1300 + yy }, Cal::Hijri),
                _ if yy < i32::from(self.two_digit_pivot) => (2000 + yy, Cal::Gregorian),
                _ => (1900 + yy, Cal::Gregorian),
            };
            (y, cal, DateFlags::TWO_DIGIT_YEAR)
        } else {
            let y = year.v as i32;
            let cal = match marker {
                Some(c) => c,
                None if (self.hijri_years.0..=self.hijri_years.1).contains(&y) => Cal::Hijri,
                None => Cal::Gregorian,
            };
            (y, cal, DateFlags::default())
        }
    }

    /// Complete the year, choose the calendar, convert and check the range.
    fn resolve(&self, f: Fields, marker: Option<Cal>) -> Result<ParsedDate, NullReason> {
        let Fields {
            year,
            month,
            day,
            ambiguous,
        } = f;
        if year.len == 4 && (year.v == 0 || year.v == 9999) {
            return Err(NullReason::Placeholder);
        }
        let (y, cal, flags) = self.year_and_calendar(year, marker);
        // A day or month of 0 (`1985-00-00`, `00/07/1985`) means "not given".
        if month == 0 && day != 0 {
            return Err(NullReason::InvalidMonth);
        }
        let date = PartialDate::build(cal, y, month, day)?.with_flags(flags);
        if date.year() < self.min_year || date.last_year() > self.max_year {
            return Err(NullReason::OutOfRange);
        }
        let swapped = if date.precision == DatePrecision::Day && day <= 12 && day != month {
            PartialDate::build(cal, y, day, month)
                .ok()
                .map(|d| d.with_flags(flags))
        } else {
            None
        };
        let date = if ambiguous && swapped.is_some() {
            date.with_flags(DateFlags::DAY_MONTH_AMBIGUOUS)
        } else {
            date
        };
        Ok(ParsedDate { date, swapped })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Result<ParsedDate, NullReason> {
        DateConfig::default().parse(s)
    }

    #[test]
    fn hijri_anchors_from_the_domain_notes() {
        assert_eq!(
            PartialDate::hijri(1405, Some(10), Some(12)).map(|d| d.to_string()),
            Ok("1985-07-01".to_owned())
        );
        assert_eq!(
            PartialDate::hijri(1445, Some(9), Some(1)).map(|d| d.to_string()),
            Ok("2024-03-11".to_owned())
        );
    }

    #[test]
    fn pivot_and_year_range_are_configurable() {
        let cfg = DateConfig {
            two_digit_pivot: 10,
            min_year: 1900,
            max_year: 2030,
            ..DateConfig::default()
        };
        assert_eq!(cfg.parse("1/2/15").unwrap().date.year(), 1915);
        assert_eq!(cfg.parse("1/2/05").unwrap().date.year(), 2005);
        assert_eq!(cfg.parse("1880").unwrap_err(), NullReason::OutOfRange);
        let no_hijri = DateConfig {
            hijri_years: (0, -1),
            min_year: 1000,
            ..DateConfig::default()
        };
        let d = no_hijri.parse("1405-10-12").unwrap().date;
        assert_eq!(d.to_string(), "1405-10-12");
        assert!(!d.flags().contains(DateFlags::WAS_HIJRI));
    }

    #[test]
    fn hijri_outside_the_umm_al_qura_table_uses_the_tabular_calendar() {
        // 1250 AH precedes the KACST table (1300–1600 AH); icu_calendar falls back to the
        // tabular calendar (type II leap years, Friday epoch) there.
        let cfg = DateConfig {
            min_year: 1800,
            ..DateConfig::default()
        };
        let d = cfg.parse("1 محرم 1250 هـ").unwrap().date;
        assert!(d.flags().contains(DateFlags::WAS_HIJRI));
        assert_eq!(d.year(), 1834);
        // Consecutive Hijri days stay consecutive across the table boundary.
        let last = cfg.parse("29 ذو الحجة 1299 هـ").unwrap().date;
        let first = cfg.parse("1 محرم 1300 هـ").unwrap().date;
        assert!((1..=2).contains(&(first.day_number() - last.day_number())));
        assert_eq!(first.to_string(), "1882-11-12");
    }

    #[test]
    fn hijri_year_spans_two_gregorian_years() {
        let d = p("1405 هـ").unwrap().date;
        assert_eq!(d.precision(), DatePrecision::Year);
        assert_eq!((d.year(), d.last_year()), (1984, 1985));
        assert!(d.day_number() <= p("1985-07-01").unwrap().date.day_number());
    }

    #[test]
    fn extreme_years_are_out_of_range_not_panics() {
        for s in [
            "9998 هـ",
            "29/12/9998 هـ",
            "9999 هـ",
            "1/1/1 AH",
            "0001-01-01",
            "9998-12-31",
            "99999999",
            "1 Muharram 0",
            "0 هـ",
        ] {
            let r = p(s);
            assert!(
                matches!(
                    r,
                    Err(NullReason::OutOfRange | NullReason::Placeholder | NullReason::Unparseable)
                ),
                "{s}: {r:?}"
            );
        }
        let wide = DateConfig {
            min_year: -20_000,
            max_year: 20_000,
            ..DateConfig::default()
        };
        for s in [
            "9998 هـ",
            "29/12/9998 هـ",
            "1/1/1 AH",
            "0001-01-01",
            "9998-12-31",
        ] {
            if let Ok(d) = wide.parse(s) {
                assert!(d.date.day_number() <= d.date.last_day_number(), "{s}");
            }
        }
    }
}
