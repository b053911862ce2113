//! Fuzz the name normaliser: any input gives a result, and the result is stable
//! (normalising the normalised text changes neither it nor the keys).
#![no_main]

use std::sync::LazyLock;

use hawiya::name::Normalizer;
use libfuzzer_sys::fuzz_target;

static NORMALIZER: LazyLock<Normalizer> = LazyLock::new(Normalizer::default);

fuzz_target!(|data: &[u8]| {
    let s = String::from_utf8_lossy(data);
    let n = &*NORMALIZER;
    let once = n.normalize(&s);
    assert_eq!(once.original, s);
    let key = once.key();
    let strict = once.strict_key();
    for t in &once.tokens {
        assert!(t.code().is_ascii());
        assert!(t.loose_key().chars().all(|c| !c.is_whitespace()));
    }
    let twice = n.normalize(&once.normalized);
    assert_eq!(once.normalized, twice.normalized);
    assert_eq!(key, twice.key());
    assert_eq!(strict, twice.strict_key());
});
