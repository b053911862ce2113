//! Fuzz the identifier parsers (Kuwait civil ID, generic identifiers, phone numbers) and
//! their comparators: never panic, validation agrees with the check digit, normalisation
//! is idempotent, comparison is symmetric.
#![no_main]

use hawiya::field::civil_id::is_valid_kuwait_civil_id;
use hawiya::field::{
    FieldComparator, IdComparator, Identifier, KuwaitCivilId, PhoneComparator, PhoneConfig,
};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(id) = KuwaitCivilId::parse(s) {
        assert!(is_valid_kuwait_civil_id(id.as_str()));
        assert_eq!(KuwaitCivilId::parse(id.as_str()), Ok(id));
        let yy: i32 = id.as_str()[1..3].parse().unwrap_or(-1);
        assert_eq!(id.birth_year() % 100, yy);
    }
    if let Ok(id) = Identifier::parse(s) {
        assert_eq!(Identifier::parse(id.as_str()).as_ref(), Ok(&id));
    }
    let phones = PhoneConfig::default();
    if let Ok(p) = phones.parse(s) {
        assert_eq!(phones.parse(p.as_str()).as_ref(), Ok(&p));
    }
    let mid = (0..=s.len() / 2)
        .rev()
        .find(|&i| s.is_char_boundary(i))
        .unwrap_or(0);
    let (a, b) = s.split_at(mid);
    let ids = IdComparator;
    let (x, y) = (ids.prepare(a), ids.prepare(b));
    assert_eq!(ids.compare(&x, &y), ids.compare(&y, &x));
    let ph = PhoneComparator::default();
    let (x, y) = (ph.prepare(a), ph.prepare(b));
    assert_eq!(ph.compare(&x, &y), ph.compare(&y, &x));
});
