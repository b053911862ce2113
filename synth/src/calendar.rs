//! Calendar arithmetic for the generator: proleptic Gregorian day numbers and the
//! tabular (arithmetic) Islamic calendar.
//!
//! The tabular calendar (30-year cycle, leap years 2, 5, 7, 10, 13, 16, 18, 21, 24, 26
//! and 29, civil epoch 16 July 622 Julian) is used only to *write* Hijri text for
//! synthetic dates of birth. Official Hijri dates follow Umm al-Qura, which differs from
//! the tabular calendar by up to two days in the years a registry holds, so the truth
//! date behind a generated Hijri text is within ±2 days of the text read with Umm
//! al-Qura. The exact conversion belongs to the date field parser, not here.

/// A calendar date (year, month 1–12, day 1–31) without a calendar tag.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct Ymd {
    /// Year (Gregorian or Hijri, depending on context).
    pub year: i32,
    /// Month, 1–12.
    pub month: u8,
    /// Day of month, 1–31.
    pub day: u8,
}

/// Whether `year` is a Gregorian leap year.
pub fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Number of days in a Gregorian month (0 for a month outside 1–12).
pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's `days_from_civil`).
pub fn days_from_civil(date: Ymd) -> i64 {
    let m = i64::from(date.month);
    let d = i64::from(date.day);
    let y = i64::from(date.year) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The proleptic Gregorian date of a day number (inverse of [`days_from_civil`]).
pub fn civil_from_days(days: i64) -> Ymd {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
    Ymd { year, month, day }
}

/// Day number (since 1970-01-01) of 1 Muharram 1 AH in the civil tabular calendar.
const HIJRI_EPOCH_DAYS: i64 = 1_948_440 - 2_440_588;

/// Day number of a tabular Hijri date (months of 30/29 days alternating, Dhu al-Hijja 30
/// days in leap years).
pub fn days_from_tabular_hijri(date: Ymd) -> i64 {
    let y = i64::from(date.year);
    let m = i64::from(date.month);
    i64::from(date.day)
        + (59 * (m - 1) + 1) / 2
        + (y - 1) * 354
        + (3 + 11 * y).div_euclid(30)
        + HIJRI_EPOCH_DAYS
        - 1
}

/// The tabular Hijri date of a day number (since 1970-01-01).
pub fn tabular_hijri_from_days(days: i64) -> Ymd {
    let first = |y: i64| {
        days_from_tabular_hijri(Ymd {
            year: y as i32,
            month: 1,
            day: 1,
        })
    };
    let mut y = (30 * (days - HIJRI_EPOCH_DAYS) + 10_646).div_euclid(10_631);
    // The closed form can be off by one near year boundaries; settle it exactly.
    while first(y) > days {
        y -= 1;
    }
    while first(y + 1) <= days {
        y += 1;
    }
    let mut month = 12u8;
    while month > 1
        && days_from_tabular_hijri(Ymd {
            year: y as i32,
            month,
            day: 1,
        }) > days
    {
        month -= 1;
    }
    let start = days_from_tabular_hijri(Ymd {
        year: y as i32,
        month,
        day: 1,
    });
    Ymd {
        year: y as i32,
        month,
        day: (days - start + 1) as u8,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(year: i32, month: u8, day: u8) -> Ymd {
        Ymd { year, month, day }
    }

    #[test]
    fn gregorian_round_trip() {
        assert_eq!(days_from_civil(ymd(1970, 1, 1)), 0);
        assert_eq!(days_from_civil(ymd(2000, 3, 1)), 11_017);
        for d in (-30_000..30_000).step_by(7) {
            assert_eq!(days_from_civil(civil_from_days(d)), d);
        }
    }

    #[test]
    fn hijri_round_trip_and_month_lengths() {
        for d in (-30_000..30_000).step_by(3) {
            let h = tabular_hijri_from_days(d);
            assert!(
                (1..=12).contains(&h.month) && (1..=30).contains(&h.day),
                "{h:?}"
            );
            assert_eq!(days_from_tabular_hijri(h), d);
        }
        // 1 Muharram 1 AH is 16 July 622 Julian = 19 July 622 proleptic Gregorian.
        assert_eq!(
            civil_from_days(days_from_tabular_hijri(ymd(1, 1, 1))),
            ymd(622, 7, 19)
        );
    }

    #[test]
    fn tabular_is_within_two_days_of_umm_al_qura_examples() {
        // ARABIC_NAMES.md §4: 1405-10-12 AH = 1985-07-01; 1445-09-01 AH = 2024-03-11.
        for (h, g) in [
            (ymd(1405, 10, 12), ymd(1985, 7, 1)),
            (ymd(1445, 9, 1), ymd(2024, 3, 11)),
        ] {
            let diff = days_from_tabular_hijri(h) - days_from_civil(g);
            assert!(diff.abs() <= 2, "{h:?} vs {g:?}: {diff}");
        }
    }
}
