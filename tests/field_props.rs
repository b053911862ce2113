//! Property tests of the field parsers and comparators: format → parse round trips,
//! idempotent normalisation, symmetric comparison, no panics on any input.

use hawiya::Level;
use hawiya::field::civil_id::kuwait_check_digit;
use hawiya::field::{
    DateComparator, DateConfig, DatePrecision, DigitCloseness, FieldComparator, IdComparator,
    Identifier, KuwaitCivilId, MonthStyle, Nationality, NullReason, PartialDate, PhoneComparator,
    PhoneConfig,
};
use hawiya::text::digits::{DigitScript, to_digit_script};
use proptest::prelude::*;

fn digits(s: &str, script: u8) -> String {
    let script = match script {
        1 => DigitScript::ArabicIndic,
        2 => DigitScript::Persian,
        _ => DigitScript::Ascii,
    };
    to_digit_script(s, script)
}

fn month(style: MonthStyle, m: u8) -> &'static str {
    style.name(m).unwrap_or("")
}

fn gregorian_text(y: i32, m: u8, d: u8, style: u8) -> String {
    match style {
        0 => format!("{y:04}-{m:02}-{d:02}"),
        1 => format!("{d:02}/{m:02}/{y}"),
        2 => format!("{d}.{m}.{y}"),
        3 => format!("{y}/{m}/{d}"),
        4 => format!("{d} {} {y}", month(MonthStyle::English, m)),
        5 => format!("{} {d}, {y}", month(MonthStyle::English, m)),
        6 => format!("{d} {} {y}", month(MonthStyle::Arabic, m)),
        7 => format!("{d} {} {y}م", month(MonthStyle::Levant, m)),
        8 => format!("{y:04}{m:02}{d:02}"),
        _ => format!("\u{200F}{d:02}-{m:02}-{y}\u{200F}"),
    }
}

fn hijri_text(y: i32, m: u8, d: u8, style: u8) -> String {
    match style {
        0 => format!("{d}/{m}/{y} هـ"),
        1 => format!("{y}-{m:02}-{d:02}"),
        2 => format!("{d} {} {y}", month(MonthStyle::Hijri, m)),
        _ => format!("{y}/{m}/{d} AH"),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn gregorian_dates_round_trip(
        y in 1900i32..2100, m in 1u8..=12, d in 1u8..=31, style in 0u8..10, script in 0u8..3
    ) {
        let Ok(want) = PartialDate::gregorian(y, Some(m), Some(d)) else {
            return Ok(());
        };
        let text = digits(&gregorian_text(y, m, d, style), script);
        let got = DateConfig::default().parse(&text);
        prop_assert_eq!(got.map(|p| p.date.day_number()), Ok(want.day_number()), "{}", text);
    }

    #[test]
    fn hijri_dates_round_trip(
        y in 1300i32..=1500, m in 1u8..=12, d in 1u8..=30, style in 0u8..4, script in 0u8..3
    ) {
        let Ok(want) = PartialDate::hijri(y, Some(m), Some(d)) else {
            return Ok(());
        };
        let cfg = DateConfig { min_year: 1850, ..DateConfig::default() };
        let text = digits(&hijri_text(y, m, d, style), script);
        let got = cfg.parse(&text);
        prop_assert_eq!(got.map(|p| p.date.day_number()), Ok(want.day_number()), "{}", text);
    }

    #[test]
    fn displayed_dates_parse_back(y in 1000i32..=2100, m in 0u8..=12, d in 0u8..=31) {
        let date = match (m, d) {
            (0, _) => PartialDate::gregorian(y, None, None),
            (_, 0) => PartialDate::gregorian(y, Some(m), None),
            _ => PartialDate::gregorian(y, Some(m), Some(d)),
        };
        let Ok(date) = date else { return Ok(()) };
        // ISO years 1300–1500 are Gregorian once the Hijri guess by year is off.
        let cfg = DateConfig { hijri_years: (0, -1), ..DateConfig::default() };
        let back = cfg.parse(&date.to_string());
        prop_assert_eq!(back.map(|p| p.date), Ok(date));
    }

    #[test]
    fn any_text_parses_to_a_sane_date_or_a_reason(s in "\\PC{0,40}") {
        let cfg = DateConfig::default();
        if let Ok(p) = cfg.parse(&s) {
            let d = p.date;
            prop_assert!(d.day_number() <= d.last_day_number());
            prop_assert!(d.year() >= cfg.min_year && d.last_year() <= cfg.max_year);
            if d.precision() == DatePrecision::Day {
                prop_assert_eq!(d.day_number(), d.last_day_number());
            }
        }
    }

    #[test]
    fn date_like_text_never_panics(
        parts in proptest::collection::vec(
            prop_oneof![
                (0u32..100_000).prop_map(|n| n.to_string()),
                Just("هـ".to_owned()), Just("/".to_owned()), Just("-".to_owned()),
                Just(" ".to_owned()), Just("رمضان".to_owned()), Just("July".to_owned()),
                Just("T".to_owned()), Just(":".to_owned()), Just("٠".to_owned()),
                Just("ربيع".to_owned()), Just("الأول".to_owned()), Just("AD".to_owned()),
            ],
            0..8,
        )
    ) {
        let s: String = parts.concat();
        let c = DateComparator::default();
        let p = c.prepare(&s);
        prop_assert_eq!(c.null_reason(&p).is_none(), p.is_ok());
    }

    #[test]
    fn date_comparison_is_symmetric_and_reflexive(
        a in 0usize..SAMPLES.len(), b in 0usize..SAMPLES.len()
    ) {
        let c = DateComparator::default();
        let (x, y) = (c.prepare(SAMPLES[a]), c.prepare(SAMPLES[b]));
        let l = c.compare(&x, &y);
        prop_assert_eq!(l, c.compare(&y, &x));
        prop_assert_eq!(l.is_null(), x.is_err() || y.is_err());
        prop_assert!(l.is_null() || l.index().is_some_and(|i| i < c.levels().len()));
        if let Ok(p) = &x {
            let self_level = c.compare(&x, &x);
            // A day, or digits that make no date, meet themselves exactly.
            let exact = p.date().is_none_or(|d| d.date.precision() == DatePrecision::Day);
            prop_assert_eq!(self_level == DateComparator::EXACT, exact);
        }
    }

    #[test]
    fn date_like_digits_compare_symmetrically_and_meet_themselves(
        a in (0u32..3000, 0u32..100, 0u32..100), b in (0u32..3000, 0u32..100, 0u32..100),
        sep in 0usize..3
    ) {
        let c = DateComparator::default();
        let text = |(y, m, d): (u32, u32, u32)| match sep {
            0 => format!("{y:04}-{m:02}-{d:02}"),
            1 => format!("{d:02}/{m:02}/{y:04}"),
            _ => format!("{y:04}{m:02}{d:02}"),
        };
        let (x, y) = (c.prepare(&text(a)), c.prepare(&text(b)));
        let l = c.compare(&x, &y);
        prop_assert_eq!(l, c.compare(&y, &x));
        prop_assert_eq!(l.is_null(), x.is_err() || y.is_err());
        for v in [&x, &y] {
            if let Ok(p) = v {
                let day = p.date().is_none_or(|d| d.date.precision() == DatePrecision::Day);
                prop_assert_eq!(c.compare(v, v) == DateComparator::EXACT, day);
                let (wa, wb) = (p.written(), p.written());
                prop_assert_eq!(wa.closeness(&wb) == DigitCloseness::Same, wa.has_day());
            }
        }
        if let (Ok(p), Ok(q)) = (&x, &y) {
            let (wa, wb) = (p.written(), q.written());
            prop_assert_eq!(wa.closeness(&wb), wb.closeness(&wa));
        }
    }

    #[test]
    fn one_digit_changed_meets_at_least_one_digit(
        y in 1000u32..=2100, m in 1u32..=12, d in 1u32..=28, pos in 0usize..8, to in 0u8..10
    ) {
        // Bare years 1300–1500 would be read as Hijri: a column of Gregorian dates.
        let c = DateComparator::new(DateConfig { hijri_years: (0, -1), ..DateConfig::default() });
        let orig = format!("{y:04}{m:02}{d:02}");
        let mut typo: Vec<u8> = orig.clone().into_bytes();
        typo[pos] = b'0' + to;
        let typo = String::from_utf8(typo).unwrap();
        // Day 00 means "no day" (a month-precision date), year 0000 a placeholder.
        prop_assume!(typo != orig && &typo[6..] != "00" && &typo[..4] != "0000");
        let iso = |s: &str| format!("{}-{}-{}", &s[..4], &s[4..6], &s[6..]);
        let (a, b) = (c.prepare(&iso(&orig)), c.prepare(&iso(&typo)));
        let l = c.compare(&a, &b);
        prop_assert!(!l.is_null() && l <= DateComparator::ONE_DIGIT, "{} {}: {}", orig, typo, l.name_in(c.levels()));
        // Two neighbouring digits transposed likewise.
        let mut t: Vec<u8> = orig.clone().into_bytes();
        let i = pos.min(6);
        t.swap(i, i + 1);
        let t = String::from_utf8(t).unwrap();
        if t != orig && &t[6..] != "00" && &t[..4] != "0000" {
            let l = c.compare(&a, &c.prepare(&iso(&t)));
            prop_assert!(!l.is_null() && l <= DateComparator::ONE_DIGIT, "{} {}: {}", orig, t, l.name_in(c.levels()));
        }
    }

    #[test]
    fn kuwait_civil_ids_round_trip(
        c in 2u8..=3, yy in 0u8..100, mm in 1u8..=12, dd in 1u8..=28, serial in 0u16..10_000,
        sep in 0u8..3, script in 0u8..3
    ) {
        let prefix = format!("{c}{yy:02}{mm:02}{dd:02}{serial:04}");
        let mut first = [0u8; 11];
        for (dst, b) in first.iter_mut().zip(prefix.bytes()) {
            *dst = b - b'0';
        }
        let Some(k) = kuwait_check_digit(&first) else {
            // No valid check digit exists: every completion is rejected.
            for k in 0..=9 {
                prop_assert_eq!(
                    KuwaitCivilId::parse(&format!("{prefix}{k}")),
                    Err(NullReason::BadCheckDigit)
                );
            }
            return Ok(());
        };
        let id = format!("{prefix}{k}");
        let written = match sep {
            0 => id.clone(),
            1 => format!("{} {} {}", &id[..3], &id[3..7], &id[7..]),
            _ => format!("{}-{}", &id[..6], &id[6..]),
        };
        let parsed = KuwaitCivilId::parse(&digits(&written, script));
        prop_assert!(parsed.is_ok(), "{}", written);
        let Ok(parsed) = parsed else { return Ok(()) };
        prop_assert_eq!(parsed.as_str(), id.as_str());
        let year = 1700 + 100 * i32::from(c) + i32::from(yy);
        prop_assert_eq!(parsed.birth_year(), year);
        prop_assert_eq!(parsed.birth_date(), PartialDate::gregorian(year, Some(mm), Some(dd)).unwrap());
        prop_assert_eq!(parsed.serial(), serial);
        for other in (0..=9u8).filter(|&o| o != k) {
            prop_assert_eq!(
                KuwaitCivilId::parse(&format!("{prefix}{other}")),
                Err(NullReason::BadCheckDigit)
            );
        }
    }

    #[test]
    fn identifier_normalisation_is_idempotent(s in "[ -~٠-٩]{0,20}") {
        if let Ok(id) = Identifier::parse(&s) {
            let again = Identifier::parse(id.as_str());
            prop_assert_eq!(again.as_ref().map(Identifier::as_str), Ok(id.as_str()));
        }
    }

    #[test]
    fn id_comparison_is_symmetric(a in "[0-9A-C]{3,8}", b in "[0-9A-C]{3,8}") {
        let c = IdComparator;
        let (x, y) = (c.prepare(&a), c.prepare(&b));
        prop_assert_eq!(c.compare(&x, &y), c.compare(&y, &x));
        if x.is_ok() {
            prop_assert_eq!(c.compare(&x, &x), IdComparator::EXACT);
        }
    }

    #[test]
    fn phone_normalisation_is_idempotent(s in "[+]?[0-9 ()-]{0,20}") {
        let cfg = PhoneConfig::default();
        if let Ok(p) = cfg.parse(&s) {
            let again = cfg.parse(p.as_str());
            prop_assert_eq!(again, Ok(p.clone()));
            let c = PhoneComparator::default();
            let x = c.prepare(&s);
            prop_assert_eq!(c.compare(&x, &x), PhoneComparator::EXACT);
        }
    }

    #[test]
    fn nationality_codes_round_trip(i in 0usize..249) {
        let row = include_str!("../data/countries.tsv")
            .lines()
            .filter(|l| !l.starts_with('#'))
            .nth(i)
            .unwrap_or_default();
        let cols: Vec<&str> = row.split('\t').collect();
        for input in [cols[0], cols[1], cols[2], &cols[1].to_lowercase()] {
            if input == "NA" {
                continue; // read as "not available", not Namibia
            }
            let got = Nationality::parse(input).map(|n| n.to_string());
            prop_assert_eq!(got.as_deref(), Ok(cols[1]), "{}", input);
        }
        let back = Nationality::parse(cols[1]).map(|n| Nationality::parse(n.as_str()));
        prop_assert!(matches!(back, Ok(Ok(_))));
    }
}

/// Date cells mixing every form, for comparison properties.
const SAMPLES: &[&str] = &[
    "1985-07-15",
    "15/07/1985",
    "03/04/1985",
    "1985-03-04",
    "1985-04-03",
    "١٩٨٥/٠٧/٠١",
    "12/10/1405 هـ",
    "12 شوال 1405",
    "1985",
    "07/1985",
    "1405 هـ",
    "1984",
    "1986-01-01",
    "1985-07-16",
    "1985-07-17",
    "1985-07-18",
    "15 July 1985",
    "1 رمضان 1445",
    "2024-03-11",
    "2024-03",
    "",
    "unknown",
    "31/02/1990",
    "garbage",
    "1985-01-01",
    "85",
];

#[test]
fn null_level_is_distinguished() {
    let c = DateComparator::default();
    let l = c.compare(&c.prepare(""), &c.prepare("1985"));
    assert_eq!(l, Level::NULL);
    assert_eq!(l.name_in(c.levels()), "null");
}
