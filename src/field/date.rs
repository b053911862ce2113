//! Dates of birth as registries hold them: ISO, `d/m/Y` and `m/d/Y`, two-digit years,
//! year-only and month-year values, any digit script, English and Arabic month names, and
//! Hijri dates (marked `هـ` / `AH`, named by a Hijri month, or detected by a year in
//! 1300–1500) converted with the Umm al-Qura calendar of `icu_calendar` (which itself falls
//! back to the tabular calendar outside the KACST table, 1300–1600 AH).
//!
//! A parsed date is a [`PartialDate`]: an interval of Gregorian day numbers (one day, one
//! month or one year, Hijri months and years included) with a [`DatePrecision`] and
//! [`DateFlags`]. Anything unusable becomes a [`NullReason`].

use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

use icu_calendar::cal::Hijri;
use icu_calendar::types::RataDie;
use icu_calendar::{Date, Iso};

use super::{FieldComparator, Level, LevelInfo, NullReason, reason_of};
use crate::text::digits::fold_digits;
use crate::text::{is_invisible, word_key};

/// Rata Die (days since 0001-12-31 proleptic Gregorian) of 1970-01-01.
const UNIX_EPOCH_RD: i64 = 719_163;

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
    /// Day and month are a common filler (1 January or 1 July, in the written calendar).
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
    start: i32,
    end: i32,
    year: i16,
    end_year: i16,
    month: u8,
    day: u8,
    precision: DatePrecision,
    flags: DateFlags,
}

/// The calendar a date was written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Cal {
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
fn iso_ymd(rd: i64) -> (i32, u8, u8) {
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
    fn build(cal: Cal, year: i32, month: u8, day: u8) -> Result<PartialDate, NullReason> {
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
        if precision == DatePrecision::Day && day == 1 && (month == 1 || month == 7) {
            flags = flags.union(DateFlags::PLACEHOLDER);
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

    fn with_flags(mut self, f: DateFlags) -> Self {
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
    /// Earliest accepted Gregorian year (after Hijri conversion). Default 1850.
    pub min_year: i32,
    /// Latest accepted Gregorian year. Default 2100.
    pub max_year: i32,
    /// Four-digit years in this range without a calendar marker are read as Hijri.
    /// Default 1300–1500.
    pub hijri_years: (i32, i32),
}

impl Default for DateConfig {
    fn default() -> Self {
        DateConfig {
            order: DateOrder::DayFirst,
            two_digit_pivot: 30,
            min_year: 1850,
            max_year: 2100,
            hijri_years: (1300, 1500),
        }
    }
}

/// What a word in a date means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Word {
    /// A month number, with the calendar the name belongs to.
    Month(u8, Cal),
    /// A calendar marker (`هـ`, `AH`, `م`, `AD`).
    Marker(Cal),
    /// Ignored (`st`, `of`, `T`, `سنة` …).
    Filler,
    /// The cell says the date is unknown.
    Unknown,
}

/// Phrase table, keyed by [`word_key`] of the words joined with one space.
fn words() -> &'static HashMap<String, Word> {
    static TABLE: OnceLock<HashMap<String, Word>> = OnceLock::new();
    TABLE.get_or_init(|| {
        use Cal::{Gregorian as G, Hijri as H};
        let mut t = HashMap::new();
        let months: [(u8, &[&str]); 12] = [
            (1, &["january", "jan", "يناير", "كانون الثاني", "جانفي"]),
            (2, &["february", "feb", "فبراير", "شباط", "فيفري"]),
            (3, &["march", "mar", "مارس", "اذار"]),
            (4, &["april", "apr", "ابريل", "نيسان", "افريل"]),
            (5, &["may", "مايو", "ماي", "ايار"]),
            (6, &["june", "jun", "يونيو", "يونيه", "حزيران", "جوان"]),
            (
                7,
                &["july", "jul", "يوليو", "يوليه", "تموز", "يوليوز", "جويلية"],
            ),
            (8, &["august", "aug", "اغسطس", "اب", "غشت", "اوت"]),
            (9, &["september", "sep", "sept", "سبتمبر", "ايلول", "شتنبر"]),
            (10, &["october", "oct", "اكتوبر", "تشرين الاول"]),
            (11, &["november", "nov", "نوفمبر", "تشرين الثاني", "نونبر"]),
            (12, &["december", "dec", "ديسمبر", "كانون الاول", "دجنبر"]),
        ];
        for (m, names) in months {
            for n in names {
                t.insert(word_key(n), Word::Month(m, G));
            }
        }
        let hijri: [(u8, &[&str]); 12] = [
            (1, &["محرم", "muharram", "muharam", "moharram"]),
            (2, &["صفر", "safar"]),
            (
                3,
                &[
                    "ربيع الاول",
                    "ربيع اول",
                    "ربيع 1",
                    "rabi al awwal",
                    "rabi ul awwal",
                    "rabi al awal",
                    "rabi ul awal",
                    "rabi i",
                    "rabia al awal",
                ],
            ),
            (
                4,
                &[
                    "ربيع الثاني",
                    "ربيع الاخر",
                    "ربيع ثاني",
                    "ربيع 2",
                    "rabi al thani",
                    "rabi al akhir",
                    "rabi ul akhir",
                    "rabi ul thani",
                    "rabi ii",
                    "rabia al thani",
                ],
            ),
            (
                5,
                &[
                    "جمادي الاولي",
                    "جمادي الاول",
                    "جماد اول",
                    "جمادي 1",
                    "jumada al ula",
                    "jumada al awwal",
                    "jumada i",
                    "jumadal ula",
                    "jumada al oula",
                ],
            ),
            (
                6,
                &[
                    "جمادي الاخره",
                    "جمادي الثانيه",
                    "جمادي الاخر",
                    "جمادي الثاني",
                    "جماد ثاني",
                    "جمادي 2",
                    "jumada al akhirah",
                    "jumada al akhira",
                    "jumada al thani",
                    "jumada al thaniyah",
                    "jumada ii",
                    "jumadal akhira",
                ],
            ),
            (7, &["رجب", "rajab"]),
            (8, &["شعبان", "shaban", "shaaban"]),
            (9, &["رمضان", "ramadan", "ramadhan", "ramazan"]),
            (10, &["شوال", "shawwal", "shawal"]),
            (
                11,
                &[
                    "ذو القعده",
                    "ذي القعده",
                    "ذوالقعده",
                    "dhu al qadah",
                    "dhul qadah",
                    "dhu al qida",
                    "dhu al qidah",
                    "dhul qida",
                    "dhul qidah",
                    "dhu al qadah",
                    "zul qadah",
                    "thul qadah",
                ],
            ),
            (
                12,
                &[
                    "ذو الحجه",
                    "ذي الحجه",
                    "ذوالحجه",
                    "dhu al hijjah",
                    "dhul hijjah",
                    "dhu al hijja",
                    "dhul hijja",
                    "zul hijjah",
                    "thul hijjah",
                ],
            ),
        ];
        for (m, names) in hijri {
            for n in names {
                t.insert(word_key(n), Word::Month(m, H));
            }
        }
        for n in [
            "ه",
            "هج",
            "هجري",
            "هجريه",
            "ah",
            "a h",
            "h",
            "hijri",
            "hijra",
            "hijrah",
        ] {
            t.insert(word_key(n), Word::Marker(H));
        }
        for n in [
            "م",
            "ميلادي",
            "ميلاديه",
            "ad",
            "a d",
            "ce",
            "c e",
            "g",
            "gregorian",
        ] {
            t.insert(word_key(n), Word::Marker(G));
        }
        for n in [
            "st", "nd", "rd", "th", "of", "the", "t", "z", "am", "pm", "utc", "year", "sana",
            "سنه", "عام", "يوم", "شهر", "ص", "من", "ل",
        ] {
            t.insert(word_key(n), Word::Filler);
        }
        for n in [
            "unknown",
            "n a",
            "na",
            "none",
            "null",
            "nil",
            "nan",
            "not known",
            "not available",
            "غير معروف",
            "غير معلوم",
            "لا يوجد",
            "مجهول",
            "غير محدد",
        ] {
            t.insert(word_key(n), Word::Unknown);
        }
        t
    })
}

/// A number in a date: its value and how many digits it was written with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Num {
    v: u32,
    len: u8,
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
struct Fields {
    year: Num,
    month: u8,
    day: u8,
    /// The other (swapped) order was also a valid reading of the digits.
    ambiguous: bool,
}

impl DateConfig {
    /// Parse one raw cell.
    ///
    /// # Errors
    /// A [`NullReason`] when the cell is empty, unknown, a placeholder, not a date, or a
    /// date that does not exist or lies outside the configured years.
    ///
    /// ```
    /// use hawiya::field::{DateConfig, DateFlags};
    /// let cfg = DateConfig::default();
    /// assert_eq!(cfg.parse("١٩٨٥/٠٧/٠١")?.date.to_string(), "1985-07-01");
    /// assert_eq!(cfg.parse("12/10/1405 هـ")?.date.to_string(), "1985-07-01");
    /// let amb = cfg.parse("03/04/1985")?;
    /// assert!(amb.date.flags().contains(DateFlags::DAY_MONTH_AMBIGUOUS));
    /// assert_eq!(amb.date.to_string(), "1985-04-03");
    /// assert_eq!(amb.swapped.unwrap().to_string(), "1985-03-04");
    /// # Ok::<(), hawiya::field::NullReason>(())
    /// ```
    pub fn parse(&self, raw: &str) -> Result<ParsedDate, NullReason> {
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
        // `1985-07-01 (1405-10-12 AH)`. Read each part and keep the Gregorian one.
        if let Some((left, right)) = split_two_dates(s) {
            return match (self.parse_one(left), self.parse_one(right)) {
                (Ok(a), Ok(b)) => Ok(
                    if a.date.flags.contains(DateFlags::WAS_HIJRI)
                        && !b.date.flags.contains(DateFlags::WAS_HIJRI)
                    {
                        b
                    } else {
                        a
                    },
                ),
                (Ok(a), Err(_)) => Ok(a),
                (Err(_), Ok(b)) => Ok(b),
                (Err(e), Err(_)) => Err(e),
            };
        }
        self.parse_one(s)
    }

    /// Parse a cell holding one date.
    fn parse_one(&self, s: &str) -> Result<ParsedDate, NullReason> {
        if !s.chars().any(char::is_alphanumeric) {
            return Err(NullReason::Empty);
        }
        let (items, marker) = self.tokenize(s)?;
        let fields = self.shape(&items, marker)?;
        self.resolve(fields, marker)
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
                    if self.plausible_year(head.v, marker) {
                        ymd(head, n.v / 100 % 100, n.v % 100)
                    } else {
                        let tail = Num {
                            v: n.v % 10_000,
                            len: 4,
                        };
                        self.day_month(n.v / 1_000_000, n.v / 10_000 % 100, tail)
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
        let mut flags = DateFlags::default();
        let (y, cal) = if year.len <= 2 {
            flags = flags.union(DateFlags::TWO_DIGIT_YEAR);
            let yy = year.v as i32;
            match marker {
                Some(Cal::Hijri) => (if yy < 50 { 1400 + yy } else { 1300 + yy }, Cal::Hijri),
                _ if yy < i32::from(self.two_digit_pivot) => (2000 + yy, Cal::Gregorian),
                _ => (1900 + yy, Cal::Gregorian),
            }
        } else {
            let y = year.v as i32;
            let cal = match marker {
                Some(c) => c,
                None if (self.hijri_years.0..=self.hijri_years.1).contains(&y) => Cal::Hijri,
                None => Cal::Gregorian,
            };
            (y, cal)
        };
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

/// Compares dates of birth. Levels, strongest first:
///
/// | level | name | meaning |
/// |---|---|---|
/// | 0 | `exact` | same day |
/// | 1 | `within_2_days` | 1–2 days apart (Hijri converters and typos disagree by that much) |
/// | 2 | `swapped_dm` | day and month swapped, or the other reading of an ambiguous date |
/// | 3 | `same_ym` | same year and month (also a month-precision date containing the other) |
/// | 4 | `same_y` | same year (also a year-precision date, Hijri years included, overlapping) |
/// | 5 | `placeholder` | same year, but one side is 1 January / 1 July (weak) |
/// | 6 | `year_pm1` | years one apart |
/// | 7 | `else` | anything else |
#[derive(Clone, Debug, Default)]
pub struct DateComparator {
    config: DateConfig,
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
    /// Level `same_ym`.
    pub const SAME_YM: Level = Level(3);
    /// Level `same_y`.
    pub const SAME_Y: Level = Level(4);
    /// Level `placeholder`.
    pub const PLACEHOLDER: Level = Level(5);
    /// Level `year_pm1`.
    pub const YEAR_PM1: Level = Level(6);
    /// Level `else`.
    pub const ELSE: Level = Level(7);

    /// A comparator parsing with `config`.
    pub fn new(config: DateConfig) -> Self {
        DateComparator { config }
    }

    /// The parser configuration.
    pub fn config(&self) -> &DateConfig {
        &self.config
    }

    /// The level of two parsed dates (never [`Level::NULL`]).
    ///
    /// ```
    /// use hawiya::field::{DateComparator, FieldComparator};
    /// let c = DateComparator::default();
    /// let (a, b) = (c.prepare("2024-03-11"), c.prepare("1 رمضان 1445 هـ"));
    /// assert_eq!(c.compare(&a, &b), DateComparator::EXACT);
    /// let (a, b) = (c.prepare("1985-03-04"), c.prepare("1985-04-03"));
    /// assert_eq!(c.compare(&a, &b), DateComparator::SWAPPED_DM);
    /// ```
    pub fn compare_dates(a: &ParsedDate, b: &ParsedDate) -> Level {
        let (x, y) = (&a.date, &b.date);
        if x.precision == DatePrecision::Day && y.precision == DatePrecision::Day {
            let placeholder = x.flags.contains(DateFlags::PLACEHOLDER)
                || y.flags.contains(DateFlags::PLACEHOLDER);
            if placeholder {
                return match (x.year - y.year).abs() {
                    0 => Self::PLACEHOLDER,
                    1 => Self::YEAR_PM1,
                    _ => Self::ELSE,
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
            return match (x.year - y.year).abs() {
                0 if x.month == y.month => Self::SAME_YM,
                0 => Self::SAME_Y,
                1 => Self::YEAR_PM1,
                _ => Self::ELSE,
            };
        }
        let coarse = x.precision.max(y.precision);
        if x.start <= y.end && y.start <= x.end {
            return if coarse == DatePrecision::Month {
                Self::SAME_YM
            } else {
                Self::SAME_Y
            };
        }
        if x.year <= y.end_year && y.year <= x.end_year {
            return Self::SAME_Y;
        }
        let gap = if x.end_year < y.year {
            y.year - x.end_year
        } else {
            x.year - y.end_year
        };
        if gap == 1 { Self::YEAR_PM1 } else { Self::ELSE }
    }
}

impl FieldComparator for DateComparator {
    type Prepared = Result<ParsedDate, NullReason>;

    fn prepare(&self, raw: &str) -> Self::Prepared {
        self.config.parse(raw)
    }

    fn compare(&self, a: &Self::Prepared, b: &Self::Prepared) -> Level {
        match (a, b) {
            (Ok(a), Ok(b)) => Self::compare_dates(a, b),
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
    fn every_month_name_in_the_table_is_reachable() {
        let cfg = DateConfig::default();
        let mut n = 0;
        for (name, w) in words() {
            let Word::Month(m, cal) = *w else { continue };
            n += 1;
            let (text, want) = match cal {
                Cal::Gregorian => (
                    format!("10 {name} 1990"),
                    PartialDate::gregorian(1990, Some(m), Some(10)),
                ),
                Cal::Hijri => (
                    format!("10 {name} 1420"),
                    PartialDate::hijri(1420, Some(m), Some(10)),
                ),
            };
            let got = cfg.parse(&text).map(|p| p.date.day_number());
            assert_eq!(got, want.map(|d| d.day_number()), "{text}");
        }
        assert!(n > 100, "{n} month names");
    }

    #[test]
    fn hijri_year_spans_two_gregorian_years() {
        let d = p("1405 هـ").unwrap().date;
        assert_eq!(d.precision(), DatePrecision::Year);
        assert_eq!((d.year(), d.last_year()), (1984, 1985));
        assert!(d.day_number() <= p("1985-07-01").unwrap().date.day_number());
    }

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
            ("1985-07-01", "12/10/1405 هـ", "placeholder"),
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
            ("1985-01-01", "1985-06-11", "placeholder"),
            ("1985-01-01", "1985-01-01", "placeholder"),
            ("1985-01-01", "1986-05-11", "year_pm1"),
            ("1985-01-01", "1990-05-11", "else"),
            ("1985-07-15", "1990-07-15", "else"),
            ("1985", "1990", "else"),
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
                "same_ym",
                "same_y",
                "placeholder",
                "year_pm1",
                "else"
            ]
        );
        assert_eq!(DateComparator::ELSE.name_in(c.levels()), "else");
        assert_eq!(
            c.null_reason(&c.prepare("31/02/1990")),
            Some(NullReason::InvalidDayForMonth)
        );
        assert_eq!(c.null_reason(&c.prepare("1990")), None);
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

    #[test]
    fn parsed_date_is_small() {
        assert_eq!(std::mem::size_of::<PartialDate>(), 16);
    }
}
