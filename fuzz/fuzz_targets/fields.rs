//! The remaining field parsers and comparators — gender, nationality, phone (with and
//! without a default country code) — on arbitrary text: never panic, parsing is
//! idempotent on its own output, comparison is symmetric and null exactly when a side
//! is null.
#![no_main]

use hawiya::field::{
    FieldComparator, Gender, GenderComparator, Nationality, NationalityComparator,
    PhoneComparator, PhoneConfig,
};
use libfuzzer_sys::fuzz_target;

fn symmetric<C: FieldComparator>(cmp: &C, a: &str, b: &str) {
    let (x, y) = (cmp.prepare(a), cmp.prepare(b));
    let l = cmp.compare(&x, &y);
    assert_eq!(l, cmp.compare(&y, &x));
    let null = cmp.null_reason(&x).is_some() || cmp.null_reason(&y).is_some();
    assert_eq!(l.is_null(), null);
    assert!(l.is_null() || l.index().is_some_and(|i| i < cmp.levels().len()));
}

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(g) = Gender::parse(s) {
        assert_eq!(Gender::parse(g.as_str()), Ok(g));
    }
    if let Ok(n) = Nationality::parse(s) {
        assert_eq!(Nationality::parse(n.as_str()), Ok(n));
    }
    let uk = PhoneConfig {
        country_code: 44,
        national_length: 10,
    };
    for phones in [PhoneConfig::default(), uk.clone()] {
        if let Ok(p) = phones.parse(s) {
            assert_eq!(phones.parse(p.as_str()).as_ref(), Ok(&p));
        }
    }
    let mid = (0..=s.len() / 2)
        .rev()
        .find(|&i| s.is_char_boundary(i))
        .unwrap_or(0);
    let (a, b) = s.split_at(mid);
    symmetric(&GenderComparator, a, b);
    symmetric(&NationalityComparator, a, b);
    symmetric(&PhoneComparator::default(), a, b);
    symmetric(&PhoneComparator::new(uk), a, b);
});
