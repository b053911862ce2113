//! Learning from a whole date column how to read and compare it: whether its bare years
//! in the Hijri range are Gregorian ([`bare_years_are_gregorian`]) and which day-months are
//! placeholders ([`placeholder_day_months`]).

use std::collections::HashMap;

use super::{DateComparator, DateConfig, DateFlags, DatePrecision, DateValue};
use crate::field::NullReason;

impl DateComparator {
    /// Learn from a whole prepared column how to read it, and apply that to its values
    /// (and to values prepared later, such as search queries):
    ///
    /// 1. the Hijri year range: when [`bare_years_are_gregorian`] says the column holds
    ///    old Gregorian dates, years in [`DateConfig::hijri_years`] without a calendar
    ///    marker are read as Gregorian (`1405-10-12` is then 12 October 1405) and the
    ///    values read as Hijri by their year alone are read again;
    /// 2. the placeholder day-months ([`placeholder_day_months`]), marked
    ///    [`DateFlags::PLACEHOLDER`] on the dates that have them.
    ///
    /// ```
    /// use hawiya::field::{DateComparator, FieldComparator};
    /// let mut c = DateComparator::default();
    /// let mut column: Vec<_> = (0..400)
    ///     .map(|i| format!("{}-{:02}-{:02}", 1700 + i % 150, 1 + i % 12, 1 + i % 28))
    ///     .chain((0..60).map(|i| format!("{}-01-01", 1600 + i)))
    ///     .chain(["1405-10-12".to_owned()])
    ///     .map(|s| c.prepare(&s))
    ///     .collect();
    /// c.learn_column(&mut column);
    /// // Old Gregorian dates around it: 1405 is a Gregorian year here.
    /// assert_eq!(column[460].as_ref().unwrap().date().unwrap().date.to_string(), "1405-10-12");
    /// // 60 of 461 dates on 1 January: a placeholder, compared by year only.
    /// assert_eq!(c.compare(&column[400], &column[400]), DateComparator::PLACEHOLDER);
    /// assert_eq!(c.compare(&column[1], &column[1]), DateComparator::EXACT);
    /// ```
    pub fn learn_column(&mut self, values: &mut [Result<DateValue, NullReason>]) {
        if bare_years_are_gregorian(values, &self.config) {
            self.config.hijri_years = (0, -1);
            for v in values.iter_mut() {
                if let Ok(x) = v
                    && x.written().hijri_by_range()
                {
                    *v = self.config.reread(x);
                }
            }
        }
        self.placeholders = placeholder_day_months(values);
        for v in values.iter_mut().flatten() {
            self.mark(v);
        }
    }

    /// Flag a date whose written day-month is a learned placeholder.
    pub(super) fn mark(&self, v: &mut DateValue) {
        if let DateValue::Date { date, written } = v
            && date.date.precision == DatePrecision::Day
            && self
                .placeholders
                .contains(written.is_hijri(), written.month(), written.day())
        {
            date.date = date.date.with_flags(DateFlags::PLACEHOLDER);
        }
    }
}

/// A set of day-months (1 January, 1 Muharram …), each of the Gregorian or the Hijri
/// calendar: the placeholders of a date column.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DayMonths {
    bits: [u64; 12],
}

impl DayMonths {
    /// Slot of a day-month: 12 × 31 per calendar.
    fn slot(hijri: bool, month: u8, day: u8) -> Option<usize> {
        if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
            return None;
        }
        Some(usize::from(hijri) * 372 + usize::from(month - 1) * 31 + usize::from(day - 1))
    }

    /// Add a day-month (ignored outside months 1–12 and days 1–31).
    pub fn insert(&mut self, hijri: bool, month: u8, day: u8) {
        if let Some(i) = Self::slot(hijri, month, day) {
            self.bits[i / 64] |= 1 << (i % 64);
        }
    }

    /// Whether the set holds day `day` of month `month` of the Hijri (`hijri`) or
    /// Gregorian calendar.
    pub fn contains(&self, hijri: bool, month: u8, day: u8) -> bool {
        Self::slot(hijri, month, day).is_some_and(|i| self.bits[i / 64] & (1 << (i % 64)) != 0)
    }

    /// The day-months, `(hijri, month, day)`, Gregorian first, in calendar order.
    pub fn iter(&self) -> impl Iterator<Item = (bool, u8, u8)> + '_ {
        (0..744usize)
            .filter(|&i| self.bits[i / 64] & (1 << (i % 64)) != 0)
            .map(|i| (i >= 372, (i % 372 / 31 + 1) as u8, (i % 31 + 1) as u8))
    }

    /// How many day-months the set holds.
    pub fn len(&self) -> usize {
        self.bits.iter().map(|b| b.count_ones() as usize).sum()
    }

    /// Whether the set is empty.
    pub fn is_empty(&self) -> bool {
        self.bits.iter().all(|&b| b == 0)
    }
}

/// A day-month is a placeholder when it is at least this many times as frequent as chance.
pub const PLACEHOLDER_RATIO: f64 = 2.0;
/// ... and exceeds the count expected by chance by this many standard deviations, so that
/// small columns, or one person recorded many times, do not flag a day-month by luck ...
pub const PLACEHOLDER_SIGMAS: f64 = 5.0;
/// ... and is held by at least this many values.
pub const PLACEHOLDER_MIN_COUNT: u32 = 10;

/// The placeholder day-months of a column: day-months far more frequent than expected,
/// such as 1 January when unknown days are recorded as "1 January of the year".
///
/// Rule: among the column's day-precision dates of one written calendar (`n` values), a
/// day-month with `c` values is a placeholder when `c ≥` [`PLACEHOLDER_RATIO`]` × e`,
/// `c ≥ e + `[`PLACEHOLDER_SIGMAS`]` × √(e·k)` and `c ≥` [`PLACEHOLDER_MIN_COUNT`], where
/// `e = n / 365.25` (Hijri: `n / 354.37`) is the count expected if birthdays fell on every
/// day alike and `k = Σm² / Σm` over the distinct dates of the *other* day-months (those
/// already found to be placeholders left out, repeated until no more is found), `m` being
/// the values on one date: a person recorded `m` times adds `m` to one day-month at once,
/// which widens the spread of chance counts (`k = 1` when every date is held once). Birthdays vary by season by far less than
/// twice; a recording habit (unknown day written 1 January, 1 July or the 1st of a known
/// month) by far more. Dates written in the Hijri calendar are counted on their Hijri
/// day-month (1 Muharram). Values that are no valid date are not counted.
///
/// ```
/// use hawiya::field::{placeholder_day_months, DateComparator, FieldComparator};
/// let c = DateComparator::default();
/// // 1800 dates spread over days 1–28 of every month, and 200 on 1 January.
/// let column: Vec<_> = (0..2000)
///     .map(|i| if i < 200 {
///         format!("{}-01-01", 1950 + i % 40)
///     } else {
///         format!("{}-{:02}-{:02}", 1950 + i % 40, 1 + i % 12, 1 + i / 12 % 28)
///     })
///     .map(|s| c.prepare(&s))
///     .collect();
/// let p = placeholder_day_months(&column);
/// assert!(p.contains(false, 1, 1));
/// assert_eq!(p.len(), 1);
/// ```
pub fn placeholder_day_months(values: &[Result<DateValue, NullReason>]) -> DayMonths {
    // Values per distinct date (its day number and calendar), with the date's slot.
    let mut dates: HashMap<(i32, bool), (u64, usize)> = HashMap::new();
    for v in values {
        let Ok(DateValue::Date { date, written }) = v else {
            continue;
        };
        if date.date.precision != DatePrecision::Day {
            continue;
        }
        if let Some(i) = DayMonths::slot(written.is_hijri(), written.month(), written.day()) {
            dates
                .entry((date.date.start, written.is_hijri()))
                .or_insert((0, i))
                .0 += 1;
        }
    }
    // Per slot: values and the sum of squared multiplicities of its dates.
    let mut count = [0u64; 744];
    let mut square = [0u64; 744];
    for &(m, i) in dates.values() {
        count[i] += m;
        square[i] += m * m;
    }
    let mut out = DayMonths::default();
    for (cal, days_per_year) in [(0usize, 365.25), (1, 354.37)] {
        let slots = cal * 372..(cal + 1) * 372;
        let n: u64 = count[slots.clone()].iter().sum();
        let e = n as f64 / days_per_year;
        // The multiplicity is measured on the day-months not (yet) found to be
        // placeholders, whose own dates would inflate it: repeat until no more is found.
        let mut flagged = vec![false; 744];
        for _ in 0..8 {
            let (rest_n, rest_n2) = slots
                .clone()
                .filter(|&i| !flagged[i])
                .fold((0, 0), |(a, b), i| (a + count[i], b + square[i]));
            let mut changed = false;
            for i in slots.clone() {
                if flagged[i] {
                    continue;
                }
                let c = count[i];
                let others = (rest_n - c).max(1) as f64;
                let k = ((rest_n2 - square[i]) as f64 / others).max(1.0);
                let need = (PLACEHOLDER_RATIO * e)
                    .max(e + PLACEHOLDER_SIGMAS * (e * k).sqrt())
                    .max(f64::from(PLACEHOLDER_MIN_COUNT));
                if c as f64 >= need {
                    flagged[i] = true;
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
        for i in slots.filter(|&i| flagged[i]) {
            out.insert(cal == 1, (i % 372 / 31 + 1) as u8, (i % 31 + 1) as u8);
        }
    }
    out
}

/// Old Gregorian dates before this year can only be archive dates (or typos) in a
/// registry of living people written in Hijri.
const MODERN_FROM: i32 = 1850;

/// Whether a column's bare four-digit years in [`DateConfig::hijri_years`] should be read
/// as Gregorian: true when the column holds more values that can only be old Gregorian
/// dates (a four-digit year before 1850 outside the Hijri range, not marked Hijri) than
/// values read as Hijri by their year alone, and those old values are at least 2 % of its
/// dated values. A Gulf registry writing `1405-10-12` for a Hijri date holds no
/// Gregorian years before 1850 but its typos; an archive holds them by the thousand.
///
/// ```
/// use hawiya::field::{bare_years_are_gregorian, DateConfig, DateComparator, FieldComparator};
/// let c = DateComparator::default();
/// let col = |v: &[&str]| v.iter().map(|s| c.prepare(s)).collect::<Vec<_>>();
/// let cfg = DateConfig::default();
/// assert!(bare_years_are_gregorian(&col(&["1405-10-12", "1630-08-01", "1790-03-02"]), &cfg));
/// assert!(!bare_years_are_gregorian(&col(&["1405-10-12", "1985-07-01", "1410-01-02"]), &cfg));
/// ```
pub fn bare_years_are_gregorian(
    values: &[Result<DateValue, NullReason>],
    config: &DateConfig,
) -> bool {
    let (lo, hi) = config.hijri_years;
    if lo > hi {
        return false;
    }
    let (mut old, mut by_range, mut dated) = (0u64, 0u64, 0u64);
    for v in values.iter().flatten() {
        let w = v.written();
        if w.year() < 100 {
            continue;
        }
        dated += 1;
        let y = i32::from(w.year());
        if w.hijri_by_range() {
            by_range += 1;
        } else if !w.is_hijri() && y < MODERN_FROM && !(lo..=hi).contains(&y) {
            old += 1;
        }
    }
    old > by_range && old * 50 >= dated
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::field::date::calendar::{UNIX_EPOCH_RD, iso_ymd};
    use crate::field::{FieldComparator, PartialDate};

    /// A column of `n` dates spread over the year, with `extra` more on each given day-month.
    fn column(n: usize, extra: &[(&str, usize)]) -> Vec<String> {
        let mut v: Vec<String> = (0..n)
            .map(|i| {
                let d = PartialDate::gregorian(1970, Some(1), Some(1)).unwrap();
                let (y, m, day) =
                    iso_ymd(i64::from(d.day_number()) + UNIX_EPOCH_RD + (i * 7919 % 18_000) as i64);
                format!("{y:04}-{m:02}-{day:02}")
            })
            .collect();
        for (text, k) in extra {
            v.extend(std::iter::repeat_n((*text).to_owned(), *k));
        }
        v
    }

    fn learned(values: &[String]) -> (DateComparator, Vec<Result<DateValue, NullReason>>) {
        let mut c = DateComparator::default();
        let mut prepared: Vec<_> = values.iter().map(|s| c.prepare(s)).collect();
        c.learn_column(&mut prepared);
        (c, prepared)
    }

    #[test]
    fn uniform_birthdays_have_no_placeholder() {
        for n in [50, 1000, 20_000] {
            let (c, _) = learned(&column(n, &[]));
            assert!(c.placeholders().is_empty(), "{n}: {:?}", c.placeholders());
        }
    }

    #[test]
    fn frequent_day_months_are_learned_as_placeholders() {
        // 5000 spread dates: about 14 a day. 1 January 10×, 1 July 3×, 15 March 1.5×.
        let (c, _) = learned(&column(
            5000,
            &[
                ("1980-01-01", 60),
                ("1981-01-01", 60),
                ("1990-07-01", 10),
                ("1991-07-01", 9),
                ("1992-07-01", 9),
                ("1975-03-15", 7),
            ],
        ));
        let got: Vec<_> = c.placeholders().iter().collect();
        assert_eq!(got, [(false, 1, 1), (false, 7, 1)]);
        // A small column: too few values to tell.
        let (c, _) = learned(&column(200, &[("1980-01-01", 6)]));
        assert!(c.placeholders().is_empty());
        // Everyone recorded three times: three people born on 21 December, five records
        // each, are chance, not a habit.
        let mut people = column(300, &[]);
        people = people
            .iter()
            .flat_map(|d| [d.clone(), d.clone(), d.clone()])
            .collect();
        for y in ["1970", "1981", "1999"] {
            people.extend(std::iter::repeat_n(format!("{y}-12-21"), 5));
        }
        let (c, _) = learned(&people);
        assert!(c.placeholders().is_empty(), "{:?}", c.placeholders());
        // Hijri dates count on their Hijri day-month.
        let hijri: Vec<String> = (0..400)
            .map(|i| format!("{}/{}/{} هـ", 1 + i % 29, 1 + i % 12, 1380 + i % 40))
            .chain((0..40).map(|i| format!("1/1/{} هـ", 1380 + i)))
            .collect();
        let (c, _) = learned(&hijri);
        assert!(c.placeholders().contains(true, 1, 1));
        assert!(!c.placeholders().contains(false, 1, 1));
    }

    #[test]
    fn placeholder_dates_compare_by_year() {
        let (c, v) = learned(&column(2000, &[("1980-01-01", 100), ("1984-01-01", 1)]));
        let find = |s: &str| c.prepare(s);
        assert!(v[2000].as_ref().unwrap().is_placeholder());
        let name = |a: &str, b: &str| {
            let l = c.compare(&find(a), &find(b));
            assert_eq!(l, c.compare(&find(b), &find(a)));
            l.name_in(c.levels())
        };
        assert_eq!(name("1980-01-01", "1980-01-01"), "placeholder");
        assert_eq!(name("1980-01-01", "1980-06-11"), "placeholder");
        assert_eq!(name("1980-01-01", "1980-01-81"), "placeholder");
        assert_eq!(name("1980-01-01", "1981-06-11"), "year_pm1");
        assert_eq!(name("1980-01-01", "1984-01-01"), "year_one_digit");
        assert_eq!(name("1980-01-01", "1994-06-11"), "else");
        assert_eq!(name("1980-06-11", "1980-06-11"), "exact");
        // The learned set marks values prepared later too (search queries).
        assert!(find("01/01/1990").unwrap().is_placeholder());
        assert!(!find("1990-01").unwrap().is_placeholder());
    }

    #[test]
    fn bare_hijri_years_follow_the_column() {
        // A registry of living people: 1405-10-12 is Hijri.
        let modern = column(
            300,
            &[("1405-10-12", 1), ("1410-03-05", 20), ("1765-01-02", 1)],
        );
        let (c, v) = learned(&modern);
        assert_eq!(c.config().hijri_years, (1300, 1500));
        let d = v[300].as_ref().unwrap().date().unwrap().date;
        assert_eq!(d.to_string(), "1985-07-01");
        // An archive: old Gregorian years around it make it 12 October 1405.
        let archive: Vec<String> = (0..300)
            .map(|i| format!("{}-{:02}-{:02}", 1550 + i, 1 + i % 12, 1 + i % 28))
            .chain([
                "1405-10-12".to_owned(),
                "1405-10-31".to_owned(),
                "1450".to_owned(),
            ])
            .collect();
        let (c, v) = learned(&archive);
        assert_eq!(c.config().hijri_years, (0, -1));
        let shown = |i: usize| v[i].as_ref().unwrap().date().unwrap().date.to_string();
        assert_eq!(shown(300), "1405-10-12");
        // Day 31 is no Hijri day but a Gregorian one: a date again, not digits.
        assert_eq!(shown(301), "1405-10-31");
        assert_eq!(shown(302), "1450");
        assert!(!v[300].as_ref().unwrap().written().is_hijri());
        // Marked Hijri dates stay Hijri, and later values are read the same way.
        assert_eq!(
            c.prepare("12/10/1405 هـ")
                .unwrap()
                .date()
                .unwrap()
                .date
                .to_string(),
            "1985-07-01"
        );
        assert_eq!(
            c.prepare("1405-10-12")
                .unwrap()
                .date()
                .unwrap()
                .date
                .to_string(),
            "1405-10-12"
        );
    }
}
