//! Config ingestion on arbitrary text, as TOML and as JSON, and schema inference from a
//! header: never panics; a config that validates builds a matcher and survives a round
//! trip through TOML unchanged.
#![no_main]

use hawiya::{Config, Matcher};
use libfuzzer_sys::fuzz_target;

fn check(cfg: Config) {
    let back = Config::from_toml(&cfg.to_toml()).expect("a valid config's TOML reads back");
    // How an inferred config read its header is a note of the run, not part of the TOML.
    let written = Config {
        inferred: Vec::new(),
        ..cfg.clone()
    };
    assert_eq!(back, written);
    Matcher::new(cfg).expect("a valid config builds a matcher");
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(cfg) = Config::from_toml(text) {
        check(cfg);
    }
    if let Ok(cfg) = Config::from_json(text) {
        check(cfg);
    }
    // The first line as a CSV header.
    let header: Vec<&str> = text.lines().next().unwrap_or("").split(',').collect();
    if let Ok(cfg) = Config::infer(&header) {
        cfg.validate().expect("an inferred config is valid");
        check(cfg);
    }
});
