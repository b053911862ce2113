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
//! compared digit by digit; anything else unusable becomes a [`NullReason`](super::NullReason).
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
//!
//! Owns: reading a date as written (digit scripts, month names, calendar markers, two
//! writings of one date), the Gregorian and Hijri calendars, the date levels, and what a
//! column teaches (its placeholder day-months, the calendar of its bare years).
//! Must not know: records, names or the other fields, nor the weight a level gets.

mod calendar;
mod compare;
mod learn;
mod parse;
mod value;
mod words;

pub use compare::DateComparator;
pub use learn::{
    DayMonths, PLACEHOLDER_MIN_COUNT, PLACEHOLDER_RATIO, PLACEHOLDER_SIGMAS,
    bare_years_are_gregorian, placeholder_day_months,
};
pub use parse::{DateConfig, DateOrder};
pub use value::{DateFlags, DatePrecision, DateValue, ParsedDate, PartialDate};
