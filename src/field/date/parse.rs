//! Reading the written forms of a date: the parser's options ([`DateConfig`]), cutting a
//! cell into numbers and words (one date or two writings of it), and deciding which number
//! is the year, the month and the day.

use super::calendar::Cal;
use super::words::{Word, words};
use super::{DateValue, ParsedDate};
use crate::field::NullReason;
use crate::text::digits::fold_digits;
use crate::text::{is_invisible, word_key};

/// Which of day and month comes first in a numeric date whose year is last.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum DateOrder {
    /// `d/m/Y`, the regional default (Gulf, Levant, Egypt, Europe).
    #[default]
    DayFirst,
    /// `m/d/Y`, as in US exports.
    MonthFirst,
}

/// Options of the date parser.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateConfig {
    /// Order of day and month when both are ≤ 12. Default [`DateOrder::DayFirst`].
    pub order: DateOrder,
    /// Two-digit Gregorian years below this become 20xx, the others 19xx. Default 30.
    pub two_digit_pivot: u8,
    /// Earliest accepted Gregorian year (after Hijri conversion). Default 1000: archives
    /// and genealogy registries hold dates of birth of every century.
    pub min_year: i32,
    /// Latest accepted Gregorian year. Default 2100.
    pub max_year: i32,
    /// Four-digit years in this range without a calendar marker are read as Hijri.
    /// Default 1300–1500 (Gregorian 1882–2077). A column whose other dates show it holds
    /// old Gregorian dates reads them as Gregorian instead
    /// ([`DateComparator::learn_column`](super::DateComparator::learn_column)); an empty
    /// range (`(0, -1)`) never guesses Hijri.
    pub hijri_years: (i32, i32),
}

impl Default for DateConfig {
    fn default() -> Self {
        DateConfig {
            order: DateOrder::DayFirst,
            two_digit_pivot: 30,
            min_year: 1000,
            max_year: 2100,
            hijri_years: (1300, 1500),
        }
    }
}

/// A number in a date: its value and how many digits it was written with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Num {
    pub(super) v: u32,
    pub(super) len: u8,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Item {
    N(Num),
    M(u8),
}

/// At most this many numbers and month names make a date.
const MAX_ITEMS: usize = 6;

/// The interpretation of the year, month, day fields before calendar conversion.
#[derive(Clone, Copy, Debug)]
pub(super) struct Fields {
    pub(super) year: Num,
    pub(super) month: u8,
    pub(super) day: u8,
    /// The other (swapped) order was also a valid reading of the digits.
    pub(super) ambiguous: bool,
}

impl DateConfig {
    /// Parse one raw cell as a date.
    ///
    /// # Errors
    /// A [`NullReason`] when the cell is empty, unknown, a placeholder, not a date, or a
    /// date that does not exist or lies outside the configured years (such a value, when
    /// written with a day, month and year, is still kept by [`read`](Self::read) as digits).
    ///
    /// ```
    /// use hawiya::field::{DateConfig, DateFlags};
    /// let cfg = DateConfig::default();
    /// assert_eq!(cfg.parse("١٩٨٥/٠٧/٠١")?.date.to_string(), "1985-07-01");
    /// assert_eq!(cfg.parse("12/10/1405 هـ")?.date.to_string(), "1985-07-01");
    /// assert_eq!(cfg.parse("1630-08-01")?.date.to_string(), "1630-08-01");
    /// let amb = cfg.parse("03/04/1985")?;
    /// assert!(amb.date.flags().contains(DateFlags::DAY_MONTH_AMBIGUOUS));
    /// assert_eq!(amb.date.to_string(), "1985-04-03");
    /// assert_eq!(amb.swapped.unwrap().to_string(), "1985-03-04");
    /// # Ok::<(), hawiya::field::NullReason>(())
    /// ```
    pub fn parse(&self, raw: &str) -> Result<ParsedDate, NullReason> {
        match self.read(raw)? {
            DateValue::Date { date, .. } => Ok(date),
            DateValue::Digits { reason, .. } => Err(reason),
        }
    }

    /// Read one raw cell: a date, or — for a day, month and year written in digits that
    /// make no valid date (`1861-71-11`, `31/02/1990`, `1985-13-01`, a year outside the
    /// configured range) — the digits as written, which the comparator still compares.
    ///
    /// # Errors
    /// A [`NullReason`] for anything else [`parse`](Self::parse) rejects.
    ///
    /// ```
    /// use hawiya::field::{DateConfig, DateValue, NullReason};
    /// let cfg = DateConfig::default();
    /// let v = cfg.read("1985-02-31")?;
    /// assert_eq!(v.invalid_reason(), Some(NullReason::InvalidDayForMonth));
    /// assert_eq!(v.written().to_string(), "19850231");
    /// assert!(matches!(cfg.read("1985-02-28")?, DateValue::Date { .. }));
    /// assert_eq!(cfg.read("31/02"), Err(NullReason::Unparseable));
    /// # Ok::<(), NullReason>(())
    /// ```
    pub fn read(&self, raw: &str) -> Result<DateValue, NullReason> {
        let folded = fold_digits(raw);
        let s = folded.trim();
        if s.is_empty() || s.chars().all(|c| !c.is_alphanumeric()) {
            return Err(NullReason::Empty);
        }
        if s.chars().any(char::is_alphabetic)
            && let Some(Word::Unknown) = words().get(&word_key(s))
        {
            return Err(NullReason::Unknown);
        }
        // Documents often give both calendars: `12/10/1405 هـ الموافق 1985/07/01 م`,
        // `1985-07-01 (1405-10-12 AH)`. Read each part and keep the Gregorian one (a
        // valid date before digits).
        if let Some((left, right)) = split_two_dates(s) {
            use DateValue::{Date, Digits};
            let hijri = |v: &DateValue| v.written().is_hijri();
            return match (self.read_one(left), self.read_one(right)) {
                (Ok(a @ Date { .. }), Ok(b @ Date { .. })) => {
                    Ok(if hijri(&a) && !hijri(&b) { b } else { a })
                }
                (Ok(a @ Date { .. }), _) | (_, Ok(a @ Date { .. })) => Ok(a),
                (Ok(a @ Digits { .. }), _) | (_, Ok(a @ Digits { .. })) => Ok(a),
                (Err(e), Err(_)) => Err(e),
            };
        }
        self.read_one(s)
    }

    /// Read a cell holding one date.
    fn read_one(&self, s: &str) -> Result<DateValue, NullReason> {
        if !s.chars().any(char::is_alphanumeric) {
            return Err(NullReason::Empty);
        }
        let (items, marker) = self.tokenize(s)?;
        let fields = self.shape(&items, marker)?;
        self.value(fields, marker)
    }

    /// Split into numbers and month names; drop a time of day, calendar markers and
    /// fillers. Returns the items and the calendar a marker or month name asks for.
    fn tokenize(&self, s: &str) -> Result<(Vec<Item>, Option<Cal>), NullReason> {
        let mut items: Vec<Item> = Vec::with_capacity(4);
        let mut words_run: Vec<String> = Vec::new();
        let mut marker: Option<Cal> = None;
        let mut chars = s.char_indices().peekable();
        // Words are gathered into runs (between numbers) so that multi-word month names
        // (`ربيع الأول`, `dhu al-hijjah`, `كانون الثاني`) are looked up as phrases.
        let flush = |run: &mut Vec<String>,
                     items: &mut Vec<Item>,
                     marker: &mut Option<Cal>|
         -> Result<(), NullReason> {
            let mut i = 0;
            while i < run.len() {
                let mut matched = 0;
                for n in (1..=3.min(run.len() - i)).rev() {
                    let key = run[i..i + n].join(" ");
                    if let Some(w) = words().get(&key) {
                        match *w {
                            Word::Month(m, cal) => {
                                items.push(Item::M(m));
                                if cal == Cal::Hijri {
                                    set_marker(marker, cal)?;
                                }
                            }
                            Word::Marker(cal) => set_marker(marker, cal)?,
                            Word::Filler => {}
                            Word::Unknown => return Err(NullReason::Unknown),
                        }
                        matched = n;
                        break;
                    }
                }
                if matched == 0 {
                    return Err(NullReason::Unparseable);
                }
                i += matched;
            }
            run.clear();
            Ok(())
        };
        while let Some((_, c)) = chars.next() {
            if c.is_ascii_digit() {
                let mut v: u64 = u64::from(c as u8 - b'0');
                let mut len: u32 = 1;
                while let Some(&(_, d)) = chars.peek() {
                    if !d.is_ascii_digit() {
                        break;
                    }
                    chars.next();
                    v = v
                        .saturating_mul(10)
                        .saturating_add(u64::from(d as u8 - b'0'));
                    len += 1;
                }
                if len > 8 {
                    return Err(NullReason::Unparseable);
                }
                if chars.peek().map(|&(_, d)| d) == Some(':') {
                    // A time of day starts here: the date is what came before.
                    break;
                }
                // The digits `1`/`2` inside `ربيع 1` / `جمادى 2` belong to the month name.
                if let Some(last) = words_run.last()
                    && (v == 1 || v == 2)
                    && len == 1
                    && (last == "ربيع" || last == "جمادي")
                {
                    let w = words_run.pop().unwrap_or_default();
                    words_run.push(format!("{w} {v}"));
                    continue;
                }
                flush(&mut words_run, &mut items, &mut marker)?;
                items.push(Item::N(Num {
                    v: v as u32,
                    len: len as u8,
                }));
            } else if c.is_alphabetic() || is_word_mark(c) {
                let mut w = String::new();
                w.push(c);
                while let Some(&(_, d)) = chars.peek() {
                    if !(d.is_alphabetic() || is_word_mark(d)) {
                        break;
                    }
                    chars.next();
                    w.push(d);
                }
                let key = word_key(&w);
                if !key.is_empty() {
                    words_run.push(key);
                }
            } else if c == ':' {
                break;
            }
            // Anything else is a separator.
            if items.len() > MAX_ITEMS || words_run.len() > 8 {
                return Err(NullReason::Unparseable);
            }
        }
        flush(&mut words_run, &mut items, &mut marker)?;
        Ok((items, marker))
    }

    /// Assign year, month and day from the sequence of items.
    fn shape(&self, items: &[Item], marker: Option<Cal>) -> Result<Fields, NullReason> {
        use Item::{M, N};
        let ymd = |year: Num, month: u32, day: u32| -> Result<Fields, NullReason> {
            Ok(Fields {
                year,
                month: u8::try_from(month).map_err(|_| NullReason::InvalidMonth)?,
                day: u8::try_from(day).map_err(|_| NullReason::InvalidDayForMonth)?,
                ambiguous: false,
            })
        };
        let is_year = |n: Num| n.len >= 3;
        match *items {
            [] => Err(NullReason::Unparseable),
            [N(n)] => match n.len {
                8 => {
                    let head = Num {
                        v: n.v / 10_000,
                        len: 4,
                    };
                    let tail = Num {
                        v: n.v % 10_000,
                        len: 4,
                    };
                    let (hm, hd) = (n.v / 100 % 100, n.v % 100);
                    let (p, q) = (n.v / 1_000_000, n.v / 10_000 % 100);
                    // `YYYYMMDD` or `DDMMYYYY`: the reading that makes a date, else the one
                    // with a plausible year (kept as digits when it is no date).
                    let head_date = self.plausible_year(head.v, marker)
                        && (1..=12).contains(&hm)
                        && (1..=31).contains(&hd);
                    let tail_date = self.plausible_year(tail.v, marker)
                        && (1..=31).contains(&p.max(q))
                        && (1..=12).contains(&p.min(q));
                    if head_date || (self.plausible_year(head.v, marker) && !tail_date) {
                        ymd(head, hm, hd)
                    } else {
                        self.day_month(p, q, tail)
                    }
                }
                6 => {
                    let head = Num {
                        v: n.v / 100,
                        len: 4,
                    };
                    if self.plausible_year(head.v, marker) && (1..=12).contains(&(n.v % 100)) {
                        ymd(head, n.v % 100, 0)
                    } else {
                        Err(NullReason::Unparseable)
                    }
                }
                4 | 2 => ymd(n, 0, 0),
                _ => Err(NullReason::Unparseable),
            },
            [N(a), N(b)] => match (is_year(a), is_year(b)) {
                (true, false) => ymd(a, b.v, 0),
                (false, true) => ymd(b, a.v, 0),
                _ => Err(NullReason::Unparseable),
            },
            [N(a), N(b), N(c)] => {
                if is_year(a) || (a.len == 2 && a.v > 31 && c.len <= 2 && !is_year(b)) {
                    if is_year(b) || is_year(c) {
                        return Err(NullReason::Unparseable);
                    }
                    ymd(a, b.v, c.v)
                } else if is_year(b) {
                    Err(NullReason::Unparseable)
                } else if c.len == 4 || c.len == 2 {
                    self.day_month(a.v, b.v, c)
                } else {
                    Err(NullReason::Unparseable)
                }
            }
            [N(a), M(m), N(c)] => {
                if is_year(a) && !is_year(c) {
                    ymd(a, u32::from(m), c.v)
                } else if !is_year(a) && c.len != 1 && c.len != 3 {
                    ymd(c, u32::from(m), a.v)
                } else {
                    Err(NullReason::Unparseable)
                }
            }
            [M(m), N(b), N(c)] if !is_year(b) && c.len != 1 && c.len != 3 => {
                ymd(c, u32::from(m), b.v)
            }
            // `July 85` is a month and year, `15 July` / `July 15` a day without a year.
            [M(m), N(y)] if y.len == 4 || (y.len == 2 && y.v > 31) => ymd(y, u32::from(m), 0),
            [N(y), M(m)] if y.len == 4 => ymd(y, u32::from(m), 0),
            _ => Err(NullReason::Unparseable),
        }
    }

    /// Whether a four-digit number can be the year of a date written year first.
    fn plausible_year(&self, v: u32, marker: Option<Cal>) -> bool {
        let v = v as i32;
        match marker {
            Some(Cal::Hijri) => (1200..=1600).contains(&v),
            _ => {
                (self.min_year..=self.max_year).contains(&v)
                    || (self.hijri_years.0..=self.hijri_years.1).contains(&v)
            }
        }
    }

    /// Day and month written before the year, in the configured order when both readings
    /// are possible.
    fn day_month(&self, p: u32, q: u32, year: Num) -> Result<Fields, NullReason> {
        let (d, m) = match self.order {
            DateOrder::DayFirst => (p, q),
            DateOrder::MonthFirst => (q, p),
        };
        let (d, m, ambiguous) = if m > 12 && (1..=12).contains(&d) {
            (m, d, false)
        } else {
            (
                d,
                m,
                (1..=12).contains(&d) && (1..=12).contains(&m) && d != m,
            )
        };
        Ok(Fields {
            year,
            month: u8::try_from(m).map_err(|_| NullReason::InvalidMonth)?,
            day: u8::try_from(d).map_err(|_| NullReason::InvalidDayForMonth)?,
            ambiguous,
        })
    }
}

/// Words joining two writings of one date (`الموافق` = "corresponding to").
/// Longer forms first: `الموافق` is a prefix of `الموافقة`.
const DATE_JOINERS: &[&str] = &["الموافقة", "الموافقه", "الموافق", "=", "corresponding to"];

/// Split a cell holding the same date twice (two calendars) into its two parts.
fn split_two_dates(s: &str) -> Option<(&str, &str)> {
    for j in DATE_JOINERS {
        if let Some(i) = s.find(j) {
            return Some((&s[..i], &s[i + j.len()..]));
        }
    }
    // `1985-07-01 (1405-10-12 AH)`
    let open = s.find('(')?;
    let inner = s[open + 1..].trim_end().strip_suffix(')')?;
    let head = &s[..open];
    head.chars()
        .any(|c| c.is_ascii_digit())
        .then_some((head, inner))
}

fn set_marker(slot: &mut Option<Cal>, cal: Cal) -> Result<(), NullReason> {
    match *slot {
        Some(c) if c != cal => Err(NullReason::Unparseable),
        _ => {
            *slot = Some(cal);
            Ok(())
        }
    }
}

/// Characters that continue a word: combining marks (harakat), tatweel, apostrophes.
fn is_word_mark(c: char) -> bool {
    matches!(
        c,
        '\u{064B}'
            ..='\u{0652}' | '\u{0670}' | '\u{0640}' | '\'' | '\u{2019}' | '\u{02BF}' | '\u{02BE}'
    ) || is_invisible(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Result<ParsedDate, NullReason> {
        DateConfig::default().parse(s)
    }

    #[test]
    fn month_first_order_is_configurable() {
        let us = DateConfig {
            order: DateOrder::MonthFirst,
            ..DateConfig::default()
        };
        let d = us.parse("03/04/1985").unwrap();
        assert_eq!(d.date.to_string(), "1985-03-04");
        assert_eq!(d.swapped.unwrap().to_string(), "1985-04-03");
        // Unambiguous either way.
        assert_eq!(
            us.parse("15/07/1985").unwrap().date.to_string(),
            "1985-07-15"
        );
        assert_eq!(
            us.parse("07/15/1985").unwrap().date.to_string(),
            "1985-07-15"
        );
    }

    #[test]
    fn old_years_are_dates() {
        for (s, want) in [
            ("1630-08-01", "1630-08-01"),
            ("1000-01-01", "1000-01-01"),
            ("1299", "1299"),
            ("1551-02", "1551-02"),
            ("15/07/1785", "1785-07-15"),
            ("15071785", "1785-07-15"),
            ("17850715", "1785-07-15"),
        ] {
            assert_eq!(p(s).map(|d| d.date.to_string()), Ok(want.to_owned()), "{s}");
        }
        assert_eq!(p("0999-12-31"), Err(NullReason::OutOfRange));
    }
}
