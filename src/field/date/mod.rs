//! Dates of birth as registries hold them: ISO, `d/m/Y` and `m/d/Y`, two-digit years,
//! year-only and month-year values, any digit script, English and Arabic month names, and
//! Hijri dates converted with the Umm al-Qura calendar of `icu_calendar` (which itself
//! falls back to the tabular calendar outside the KACST table, 1300–1600 AH). Any year from
//! 1000 to 2100 is a date (archives and genealogy registries hold old dates of birth).
//!
//! A parsed date is a [`PartialDate`]: an interval of Gregorian day numbers (one day, one
//! month or one year, Hijri months and years included) with a [`DatePrecision`] and
//! [`DateFlags`]. A value written with a day, month and year that make no valid date
//! (`1861-71-11`, `19850231`) is kept as its digits ([`DateValue::Digits`]) and still
//! compared digit by digit; anything else unusable becomes a [`NullReason`].
//!
//! Which calendar a date is read in:
//! - a marker (`هـ`, `AH`, `H` / `م`, `AD`) or a Hijri month name decides;
//! - otherwise a four-digit year in [`DateConfig::hijri_years`] (1300–1500) is read as
//!   Hijri — `1405-10-12` is 1 July 1985 —, any other year as Gregorian;
//! - unless the whole column holds old Gregorian dates ([`bare_years_are_gregorian`]):
//!   then [`DateComparator::learn_column`] reads those bare years as Gregorian too.
//!
//! Placeholder day-months (1 January for "year known, day unknown") are not a fixed list:
//! [`placeholder_day_months`] learns them from the column, and a date on one of them is
//! compared by its year only.

use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

use icu_calendar::cal::Hijri;
use icu_calendar::types::RataDie;
use icu_calendar::{Date, Iso};

use super::date_digits::{DateDigits, DigitCloseness, years_one_digit_apart};
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
    /// Day and month are a placeholder of the column the date belongs to (a day-month far
    /// more frequent than chance, such as 1 January for "year known, day unknown"): set by
    /// [`DateComparator::learn_column`] from [`placeholder_day_months`], never by the parser.
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

/// What the date comparator keeps of one cell ([`DateConfig::read`]): a date, or the
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
    fn year_span(&self) -> Option<PartialDate> {
        match self {
            DateValue::Date { date, .. } => Some(date.date),
            DateValue::Digits { year, .. } => *year,
        }
    }
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
    /// Earliest accepted Gregorian year (after Hijri conversion). Default 1000: archives
    /// and genealogy registries hold dates of birth of every century.
    pub min_year: i32,
    /// Latest accepted Gregorian year. Default 2100.
    pub max_year: i32,
    /// Four-digit years in this range without a calendar marker are read as Hijri.
    /// Default 1300–1500 (Gregorian 1882–2077). A column whose other dates show it holds
    /// old Gregorian dates reads them as Gregorian instead
    /// ([`DateComparator::learn_column`]); an empty range (`(0, -1)`) never guesses Hijri.
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

    /// The date of the fields, or their digits when they make no valid date but were
    /// written with a day, month and year.
    fn value(&self, f: Fields, marker: Option<Cal>) -> Result<DateValue, NullReason> {
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
    fn reread(&self, v: &DateValue) -> Result<DateValue, NullReason> {
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
/// [`learn_column`](Self::learn_column), see [`placeholder_day_months`]) is compared by
/// its year only: `placeholder`, `year_pm1` or `else`, even against the same date.
#[derive(Clone, Debug, Default)]
pub struct DateComparator {
    config: DateConfig,
    placeholders: DayMonths,
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
    fn mark(&self, v: &mut DateValue) {
        if let DateValue::Date { date, written } = v
            && date.date.precision == DatePrecision::Day
            && self
                .placeholders
                .contains(written.is_hijri(), written.month(), written.day())
        {
            date.date = date.date.with_flags(DateFlags::PLACEHOLDER);
        }
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

    #[test]
    fn parsed_date_is_small() {
        assert_eq!(std::mem::size_of::<PartialDate>(), 16);
        // What a date column holds per record.
        let size = std::mem::size_of::<Result<DateValue, NullReason>>();
        assert!(size <= 40, "{size} bytes");
    }
}
