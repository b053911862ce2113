//! Rendering of the non-name fields of a record: date of birth, civil ID, gender,
//! nationality and phone, each with the formats and noise seen in registries.

use super::calendar::{
    Ymd, civil_from_days, days_from_civil, days_in_month, tabular_hijri_from_days,
};
use super::{DobConfig, DobWritten, FieldConfig, Gender, IdConfig, IdStatus};
use hawiya::SplitMix64;
use hawiya::field::MonthStyle;
use hawiya::field::civil_id::kuwait_check_digit;
use hawiya::text::digits::{DigitScript, to_digit_script};

/// Replace ASCII digits by Arabic-Indic (U+0660…) or, with `persian`, Persian (U+06F0…) digits.
pub(crate) fn eastern_digits(s: &str, persian: bool) -> String {
    let script = if persian {
        DigitScript::Persian
    } else {
        DigitScript::ArabicIndic
    };
    to_digit_script(s, script)
}

fn month_name(style: MonthStyle, month: u8) -> &'static str {
    style.name(month).unwrap_or("")
}

/// The written date of birth and what was written.
pub(crate) fn dob_text(
    truth_days: i64,
    cfg: &DobConfig,
    rng: &mut SplitMix64,
) -> (String, DobWritten) {
    let mut written = DobWritten::default();
    if rng.chance(cfg.missing_share) {
        return (String::new(), written);
    }
    let mut date = civil_from_days(truth_days);
    let hijri = rng.chance(cfg.hijri_share);
    let year_only = rng.chance(cfg.year_only_share);
    if !hijri && !year_only && rng.chance(cfg.placeholder_share) {
        // Unknown day and month recorded as 1 January (or 1 July) of the year.
        date.month = if rng.chance(0.7) { 1 } else { 7 };
        date.day = 1;
        written.placeholder = true;
    }
    if !year_only && rng.chance(cfg.typo_share) {
        date = mistype_date(date, rng);
        written.typo = true;
    }
    let eastern = rng.chance(cfg.eastern_digits_share);
    let text = if hijri {
        written.hijri = true;
        let h = tabular_hijri_from_days(days_from_civil(date));
        hijri_text(h, year_only, rng)
    } else {
        written.gregorian = true;
        let swapped = !year_only && rng.chance(cfg.swapped_share);
        written.day_month_swapped = swapped;
        gregorian_text(
            date,
            year_only,
            swapped,
            rng.chance(cfg.two_digit_year_share),
            rng,
        )
    };
    written.year_only = year_only;
    written.eastern_digits = eastern;
    let text = if eastern {
        eastern_digits(&text, rng.chance(0.15))
    } else {
        text
    };
    (text, written)
}

/// A date as mistyped by a clerk: day off by 1–3, month off by one, or the last two digits
/// of the year swapped. The result is always a real calendar date and never the input.
fn mistype_date(d: Ymd, rng: &mut SplitMix64) -> Ymd {
    let clamp = |year: i32, month: u8, day: u8| Ymd {
        year,
        month,
        day: day.min(days_in_month(year, month)),
    };
    let yy = d.year.rem_euclid(100);
    let swapped_year = d.year - yy + (yy % 10) * 10 + yy / 10;
    let out = match rng.below(3) {
        0 if swapped_year != d.year => clamp(swapped_year, d.month, d.day),
        1 => {
            let month = if d.month == 12 || (d.month > 1 && rng.chance(0.5)) {
                d.month - 1
            } else {
                d.month + 1
            };
            clamp(d.year, month, d.day)
        }
        _ => {
            let k = 1 + rng.below(3) as i64;
            let k = if rng.chance(0.5) { k } else { -k };
            civil_from_days(days_from_civil(d) + k)
        }
    };
    if out == d {
        civil_from_days(days_from_civil(d) + 1)
    } else {
        out
    }
}

fn gregorian_text(
    d: Ymd,
    year_only: bool,
    swapped: bool,
    two_digit_year: bool,
    rng: &mut SplitMix64,
) -> String {
    let Ymd { year, month, day } = d;
    if year_only {
        return year.to_string();
    }
    if swapped {
        // US-style month first.
        return match rng.below(3) {
            0 => format!("{month:02}/{day:02}/{year}"),
            1 => format!("{month}/{day}/{year}"),
            _ => format!("{month:02}-{day:02}-{year}"),
        };
    }
    if two_digit_year {
        let yy = year.rem_euclid(100);
        return match rng.below(2) {
            0 => format!("{day:02}/{month:02}/{yy:02}"),
            _ => format!("{day}/{month}/{yy:02}"),
        };
    }
    match rng.weighted(&[30.0, 25.0, 8.0, 8.0, 8.0, 5.0, 6.0, 4.0, 4.0, 2.0]) {
        0 => format!("{year}-{month:02}-{day:02}"),
        1 => format!("{day:02}/{month:02}/{year}"),
        2 => format!("{day}/{month}/{year}"),
        3 => format!("{day:02}-{month:02}-{year}"),
        4 => format!("{year}/{month:02}/{day:02}"),
        5 => format!("{day:02}.{month:02}.{year}"),
        6 => format!(
            "{day:02}-{}-{year}",
            month_name(MonthStyle::EnglishShort, month)
        ),
        7 => format!("{day} {} {year}", month_name(MonthStyle::English, month)),
        8 => format!("{day} {} {year}", month_name(MonthStyle::Arabic, month)),
        _ => format!("{year}{month:02}{day:02}"),
    }
}

fn hijri_text(h: Ymd, year_only: bool, rng: &mut SplitMix64) -> String {
    let Ymd { year, month, day } = h;
    let suffix = *rng
        .pick(&[" هـ", "هـ", " ه", " AH", "H", ""])
        .unwrap_or(&" هـ");
    if year_only {
        return format!("{year}{suffix}");
    }
    match rng.weighted(&[30.0, 30.0, 10.0, 10.0, 8.0]) {
        0 => format!("{year}/{month:02}/{day:02}{suffix}"),
        1 => format!("{day:02}/{month:02}/{year}{suffix}"),
        2 => format!("{day}-{month}-{year}{suffix}"),
        3 => format!("{year}-{month:02}-{day:02}{suffix}"),
        _ => format!("{day} {} {year} هـ", month_name(MonthStyle::Hijri, month)),
    }
}

/// The 12 digits of a Kuwait civil ID for `dob` and `serial` (0–9999), moving to the next
/// serial (cyclically) when the check digit would be 10. From an even serial one step is
/// always enough: the last digit rises by one without carry, which changes the weighted
/// sum by 2 and so leaves the one residue without a check digit. `None` is unreachable
/// for real dates but keeps the function total.
pub(crate) fn kuwait_civil_id(dob: Ymd, serial: u16) -> Option<[u8; 12]> {
    let century = if dob.year >= 2000 { 3 } else { 2 };
    let yy = dob.year.rem_euclid(100) as u8;
    for k in 0..10_000u32 {
        let s = (u32::from(serial) + k) % 10_000;
        let first: [u8; 11] = [
            century,
            yy / 10,
            yy % 10,
            dob.month / 10,
            dob.month % 10,
            dob.day / 10,
            dob.day % 10,
            (s / 1000) as u8,
            (s / 100 % 10) as u8,
            (s / 10 % 10) as u8,
            (s % 10) as u8,
        ];
        if let Some(k) = kuwait_check_digit(&first) {
            let mut out = [0u8; 12];
            out[..11].copy_from_slice(&first);
            out[11] = k;
            return Some(out);
        }
    }
    None
}

/// Introduce one typing error into the first 11 digits: a substitution or a swap of two
/// unequal neighbours. With the Kuwait weights both always break the check digit (every
/// weight and every difference of neighbouring weights is non-zero mod 11).
pub(crate) fn mistype_id(digits: &mut [u8; 12], rng: &mut SplitMix64) {
    let swappable: Vec<usize> = (0..10).filter(|&i| digits[i] != digits[i + 1]).collect();
    if rng.chance(0.4) && !swappable.is_empty() {
        let i = swappable[rng.index(swappable.len())];
        digits.swap(i, i + 1);
    } else {
        let i = rng.index(11);
        let old = digits[i];
        let new = (old + 1 + rng.below(9) as u8) % 10;
        digits[i] = new;
    }
}

/// The written civil ID and its status.
pub(crate) fn civil_id_text(
    id: Option<[u8; 12]>,
    cfg: &IdConfig,
    rng: &mut SplitMix64,
) -> (String, IdStatus) {
    let Some(mut digits) = id else {
        return (String::new(), IdStatus::NoId);
    };
    if rng.chance(cfg.missing_share) {
        return (String::new(), IdStatus::Missing);
    }
    let status = if rng.chance(cfg.typo_share) {
        mistype_id(&mut digits, rng);
        IdStatus::Mistyped
    } else {
        IdStatus::Valid
    };
    let plain: String = digits.iter().map(|d| char::from(b'0' + d)).collect();
    let text = if rng.chance(cfg.eastern_digits_share) {
        let e = eastern_digits(&plain, false);
        if rng.chance(0.3) {
            format!("\u{200F}{e}")
        } else {
            e
        }
    } else if rng.chance(cfg.formatted_share) {
        match rng.below(3) {
            0 => format!("{} {} {}", &plain[..1], &plain[1..7], &plain[7..]),
            1 => format!("{}-{}", &plain[..6], &plain[6..]),
            _ => format!("{} {} {}", &plain[..4], &plain[4..8], &plain[8..]),
        }
    } else {
        plain
    };
    (text, status)
}

/// The written gender, and whether it is wrong.
pub(crate) fn gender_text(
    gender: Gender,
    cfg: &FieldConfig,
    rng: &mut SplitMix64,
) -> (String, bool) {
    if rng.chance(cfg.gender_missing_share) {
        return (String::new(), false);
    }
    let error = rng.chance(cfg.gender_error_share);
    let male = (gender == Gender::Male) != error;
    let options: &[&str] = if male {
        &["ذكر", "Male", "M", "MALE", "m", "male", "ذ"]
    } else {
        &["أنثى", "انثى", "Female", "F", "FEMALE", "f", "female", "أ"]
    };
    let weights: &[f64] = if male {
        &[35.0, 20.0, 25.0, 8.0, 4.0, 4.0, 4.0]
    } else {
        &[25.0, 10.0, 20.0, 25.0, 8.0, 4.0, 4.0, 4.0]
    };
    let text = options[rng.weighted(weights).min(options.len() - 1)].to_owned();
    (text, error)
}

/// One nationality: ISO alpha-3, alpha-2, English adjective, English country, Arabic
/// masculine adjective (feminine = + ة), ISO numeric.
pub(crate) struct Nationality {
    pub alpha3: &'static str,
    pub alpha2: &'static str,
    /// ISO 3166 numeric code (empty for stateless).
    pub numeric: &'static str,
    pub adjective: &'static str,
    pub country: &'static str,
    pub arabic: &'static str,
}

/// The nationalities the generator writes. Index 0 is Kuwait; the last is stateless.
pub(crate) const NATIONALITIES: [Nationality; 20] = [
    nat("KWT", "KW", "Kuwaiti", "Kuwait", "كويتي", "414"),
    nat("SAU", "SA", "Saudi", "Saudi Arabia", "سعودي", "682"),
    nat("BHR", "BH", "Bahraini", "Bahrain", "بحريني", "048"),
    nat(
        "ARE",
        "AE",
        "Emirati",
        "United Arab Emirates",
        "إماراتي",
        "784",
    ),
    nat("QAT", "QA", "Qatari", "Qatar", "قطري", "634"),
    nat("OMN", "OM", "Omani", "Oman", "عماني", "512"),
    nat("YEM", "YE", "Yemeni", "Yemen", "يمني", "887"),
    nat("IRQ", "IQ", "Iraqi", "Iraq", "عراقي", "368"),
    nat("SYR", "SY", "Syrian", "Syria", "سوري", "760"),
    nat("JOR", "JO", "Jordanian", "Jordan", "أردني", "400"),
    nat("LBN", "LB", "Lebanese", "Lebanon", "لبناني", "422"),
    nat("PSE", "PS", "Palestinian", "Palestine", "فلسطيني", "275"),
    nat("EGY", "EG", "Egyptian", "Egypt", "مصري", "818"),
    nat("MAR", "MA", "Moroccan", "Morocco", "مغربي", "504"),
    nat("DZA", "DZ", "Algerian", "Algeria", "جزائري", "012"),
    nat("TUN", "TN", "Tunisian", "Tunisia", "تونسي", "788"),
    nat("IND", "IN", "Indian", "India", "هندي", "356"),
    nat("PAK", "PK", "Pakistani", "Pakistan", "باكستاني", "586"),
    nat("BGD", "BD", "Bangladeshi", "Bangladesh", "بنغلاديشي", "050"),
    nat("XXA", "", "Stateless", "", "بدون", ""),
];

const fn nat(
    alpha3: &'static str,
    alpha2: &'static str,
    adjective: &'static str,
    country: &'static str,
    arabic: &'static str,
    numeric: &'static str,
) -> Nationality {
    Nationality {
        alpha3,
        alpha2,
        numeric,
        adjective,
        country,
        arabic,
    }
}

/// Index of the stateless entry in [`NATIONALITIES`].
pub(crate) const STATELESS: usize = NATIONALITIES.len() - 1;

/// The written nationality of a person whose nationality is `NATIONALITIES[index]`.
pub(crate) fn nationality_text(
    index: usize,
    gender: Gender,
    cfg: &FieldConfig,
    rng: &mut SplitMix64,
) -> String {
    if rng.chance(cfg.nationality_missing_share) {
        return String::new();
    }
    let mut index = index.min(STATELESS);
    if index == STATELESS {
        if rng.chance(cfg.bidoon_reassigned_share) {
            // Recorded nationality reassigned by an agency: Iraqi, Saudi, Syrian …
            index = *rng.pick(&[7usize, 7, 1, 8, 6]).unwrap_or(&7);
        } else {
            return (*rng
                .pick(&[
                    "بدون",
                    "بدون",
                    "غير محدد الجنسية",
                    "غير كويتي",
                    "Bidoon",
                    "Bedoon",
                    "Stateless",
                    "STATELESS",
                    "Non-Kuwaiti",
                    "XXA",
                ])
                .unwrap_or(&"بدون"))
            .to_owned();
        }
    }
    let n = &NATIONALITIES[index];
    let female = gender == Gender::Female;
    match rng.weighted(&[40.0, 18.0, 10.0, 14.0, 8.0, 5.0, 5.0]) {
        0 => {
            let mut s = n.arabic.to_owned();
            if female {
                s.push('ة');
            }
            s
        }
        1 => {
            // With the article: الكويتي, الأردنية (the hamza stays after ال).
            let mut s = format!("ال{}", n.arabic);
            if female {
                s.push('ة');
            }
            s
        }
        2 => n.adjective.to_uppercase(),
        3 => n.adjective.to_owned(),
        4 if !n.country.is_empty() => n.country.to_owned(),
        5 if !n.alpha2.is_empty() => n.alpha2.to_owned(),
        6 if !n.numeric.is_empty() && rng.chance(0.3) => n.numeric.to_owned(),
        _ => n.alpha3.to_owned(),
    }
}

/// The written phone number: the person's number in one of the usual forms, an older
/// number, or nothing.
pub(crate) fn phone_text(number: u32, cfg: &FieldConfig, rng: &mut SplitMix64) -> String {
    if rng.chance(cfg.phone_missing_share) {
        return String::new();
    }
    let number = if rng.chance(cfg.phone_changed_share) {
        mobile_number(rng)
    } else {
        number
    };
    let n = format!("{number:08}");
    let (a, b) = n.split_at(4);
    let text = match rng.weighted(&[35.0, 15.0, 12.0, 10.0, 10.0, 8.0, 5.0, 5.0]) {
        0 => n.clone(),
        1 => format!("+965{n}"),
        2 => format!("+965 {a} {b}"),
        3 => format!("00965{n}"),
        4 => format!("{a} {b}"),
        5 => format!("{a}-{b}"),
        6 => format!("965{n}"),
        _ => format!("(+965) {n}"),
    };
    if rng.chance(cfg.phone_eastern_digits_share) {
        eastern_digits(&text, false)
    } else {
        text
    }
}

/// A Kuwaiti mobile number: 8 digits starting with 5, 6 or 9.
pub(crate) fn mobile_number(rng: &mut SplitMix64) -> u32 {
    let lead = *rng.pick(&[5u32, 6, 6, 9, 9, 9]).unwrap_or(&9);
    lead * 10_000_000 + rng.below(10_000_000) as u32
}

/// A Kuwaiti landline number: 8 digits starting with 2.
pub(crate) fn landline_number(rng: &mut SplitMix64) -> u32 {
    20_000_000 + rng.below(10_000_000) as u32
}

#[cfg(test)]
mod tests {
    use super::*;
    use hawiya::field::civil_id::is_valid_kuwait_civil_id;

    fn id_string(d: &[u8; 12]) -> String {
        d.iter().map(|x| char::from(b'0' + x)).collect()
    }

    #[test]
    fn civil_ids_are_valid_and_embed_the_birth_date() {
        let mut rng = SplitMix64::new(1);
        for _ in 0..2000 {
            let days = rng.below(40_000) as i64 - 15_000;
            let dob = civil_from_days(days);
            let id = kuwait_civil_id(dob, rng.below(10_000) as u16).unwrap();
            let s = id_string(&id);
            assert!(is_valid_kuwait_civil_id(&s), "{s}");
            let c = if dob.year >= 2000 { '3' } else { '2' };
            assert!(s.starts_with(c));
            assert_eq!(
                &s[1..7],
                format!("{:02}{:02}{:02}", dob.year % 100, dob.month, dob.day)
            );
        }
    }

    #[test]
    fn a_mistyped_id_never_passes_the_check_digit() {
        let mut rng = SplitMix64::new(2);
        for _ in 0..5000 {
            let dob = civil_from_days(rng.below(30_000) as i64 - 10_000);
            let mut id = kuwait_civil_id(dob, rng.below(10_000) as u16).unwrap();
            let before = id;
            mistype_id(&mut id, &mut rng);
            assert_ne!(id, before);
            assert!(!is_valid_kuwait_civil_id(&id_string(&id)));
        }
    }

    #[test]
    fn mistyped_dates_are_real_and_different() {
        let mut rng = SplitMix64::new(8);
        for _ in 0..5000 {
            let d = civil_from_days(rng.below(30_000) as i64 - 10_000);
            let t = mistype_date(d, &mut rng);
            assert_ne!(t, d);
            assert!(
                t.day >= 1 && t.day <= days_in_month(t.year, t.month),
                "{t:?}"
            );
            assert_eq!(civil_from_days(days_from_civil(t)), t);
        }
    }

    #[test]
    fn eastern_digits_map_all_ten() {
        assert_eq!(eastern_digits("0123456789-x", false), "٠١٢٣٤٥٦٧٨٩-x");
        assert_eq!(eastern_digits("1985", true), "۱۹۸۵");
    }

    #[test]
    fn hijri_text_uses_hijri_years() {
        let mut rng = SplitMix64::new(3);
        let cfg = DobConfig {
            missing_share: 0.0,
            hijri_share: 1.0,
            eastern_digits_share: 0.0,
            ..DobConfig::default()
        };
        let d = days_from_civil(Ymd {
            year: 1985,
            month: 7,
            day: 1,
        });
        for _ in 0..50 {
            let (t, w) = dob_text(d, &cfg, &mut rng);
            assert!(w.hijri && t.contains("1405"), "{t}");
        }
    }
}
