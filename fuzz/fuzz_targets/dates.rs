//! Fuzz the date parser and comparator: never panic, and every parsed date is sane.
#![no_main]

use hawiya::field::{DateComparator, DateConfig, DateOrder, DatePrecision, FieldComparator};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    let day_first = DateComparator::default();
    let month_first = DateComparator::new(DateConfig {
        order: DateOrder::MonthFirst,
        ..DateConfig::default()
    });
    for cmp in [&day_first, &month_first] {
        let cfg = cmp.config();
        let p = cmp.prepare(s);
        assert_eq!(cmp.null_reason(&p).is_none(), p.is_ok());
        if let Ok(v) = &p {
            let self_level = cmp.compare(&p, &p);
            if let Some(parsed) = v.date() {
                let d = parsed.date;
                assert!(d.day_number() <= d.last_day_number());
                assert!(d.year() >= cfg.min_year && d.last_year() <= cfg.max_year);
                if d.precision() == DatePrecision::Day {
                    assert_eq!(d.day_number(), d.last_day_number());
                    assert_eq!(self_level, DateComparator::EXACT);
                    // The ISO form of any parsed day reads back as the same day (as a
                    // Gregorian date: ISO years 1300–1500 would otherwise be read Hijri).
                    let gregorian = DateConfig {
                        hijri_years: (0, -1),
                        ..cfg.clone()
                    };
                    let back = gregorian.parse(&d.to_string()).map(|b| b.date.day_number());
                    assert_eq!(back, Ok(d.day_number()));
                }
            } else {
                // Digits that make no date: no date for `parse`, themselves at `exact`.
                assert_eq!(cfg.parse(s).err(), v.invalid_reason());
                assert_eq!(self_level, DateComparator::EXACT);
            }
        }
        // Comparison: symmetric, null exactly when a side is null.
        let mid = (0..=s.len() / 2)
            .rev()
            .find(|&i| s.is_char_boundary(i))
            .unwrap_or(0);
        let (a, b) = s.split_at(mid);
        let (a, b) = (cmp.prepare(a), cmp.prepare(b));
        let l = cmp.compare(&a, &b);
        assert_eq!(l, cmp.compare(&b, &a));
        assert_eq!(l.is_null(), a.is_err() || b.is_err());
        assert!(l.is_null() || l.index().is_some_and(|i| i < cmp.levels().len()));
    }
});
