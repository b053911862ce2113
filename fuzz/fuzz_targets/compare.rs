//! The name comparator on arbitrary input: never panics, scores stay in [0, 1], are
//! symmetric, 1.0 for a name against itself, the explanation agrees with the score, and
//! `similarity_at_least` gives the score exactly when it reaches the floor, else `None`.
#![no_main]

use std::sync::LazyLock;

use hawiya::name::NameComparator;
use libfuzzer_sys::fuzz_target;

static CMP: LazyLock<NameComparator> = LazyLock::new(NameComparator::default);

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    // The first NUL or newline splits the input into two names.
    let (a, b) = match text.find(['\0', '\n']) {
        Some(i) => (&text[..i], &text[i + 1..]),
        None => (&text[..], ""),
    };
    let cmp = &*CMP;
    let (pa, pb) = (cmp.prepare(a), cmp.prepare(b));
    let s = cmp.similarity(&pa, &pb);
    assert!((0.0..=1.0).contains(&s), "{s}");
    assert_eq!(s, cmp.similarity(&pb, &pa));
    assert_eq!(cmp.similarity(&pa, &pa), 1.0);
    assert_eq!(cmp.explain(&pa, &pb).score, s);
    // Floors from the input's length, across the usual level thresholds.
    for floor in [0.3, 0.5, 0.7, 0.8, 0.9, 0.95, 0.05 + (data.len() % 19) as f64 * 0.05] {
        let bounded = cmp.similarity_at_least(&pa, &pb, floor);
        if s >= floor {
            assert_eq!(bounded, Some(s), "floor {floor}");
        } else {
            assert_eq!(bounded, None, "floor {floor}, score {s}");
        }
    }
});
