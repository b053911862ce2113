//! The CLI's reading path on arbitrary bytes: decoding (BOMs, `--encoding`, invalid
//! UTF-8), CSV parsing with ragged rows and unbalanced quotes, the rejects list. Never
//! panics, and nothing is lost: every data row is either in the table or rejected, with
//! row numbers 1..=total each used once. Reject reasons never hold the row's values
//! unless values are asked for.
#![no_main]

use hawiya_cli::input::{InputOptions, decode_bytes};
use libfuzzer_sys::fuzz_target;

const ENCODINGS: [Option<&str>; 4] = [None, Some("windows-1256"), Some("utf-16le"), Some("utf-8")];
const DELIMITERS: [u8; 4] = [b',', b';', b'\t', b'|'];

fuzz_target!(|data: &[u8]| {
    let Some((&opt, bytes)) = data.split_first() else {
        return;
    };
    let opts = InputOptions {
        delimiter: DELIMITERS[usize::from(opt & 3)],
        encoding: ENCODINGS[usize::from((opt >> 2) & 3)].map(str::to_string),
        show_values: opt & 16 != 0,
    };
    let Ok(decoded) = decode_bytes(bytes, &opts, "fuzz.csv") else {
        return;
    };
    let id_column = decoded
        .header()
        .ok()
        .and_then(|h| h.into_iter().next())
        .unwrap_or_else(|| "unique_id".into());
    let Ok(loaded) = decoded.parse(&id_column) else {
        return;
    };
    // Every data row is a row of the table; the library then makes each one a record or
    // a reject, once, with unique non-blank ids among the records.
    let config = hawiya::Config {
        id_column: id_column.clone(),
        ..hawiya::Config::new(Vec::new())
    };
    let records = hawiya::Records::new(&config, &[&loaded.table]).expect("the id column exists");
    assert_eq!(
        records.len() + records.rejects().len(),
        loaded.total_rows() as usize
    );
    let mut rows: Vec<usize> = (0..records.len())
        .map(|i| records.origin(i).1)
        .chain(records.rejects().iter().map(|r| r.row))
        .collect();
    rows.sort_unstable();
    assert!(rows.iter().copied().eq(0..loaded.table.len()), "rows {rows:?}");
    for r in records.rejects() {
        assert!(!r.reason.is_empty());
        if !opts.show_values {
            assert!(!r.reason.contains("(value "), "{}", r.reason);
        }
    }
    let mut seen = std::collections::HashSet::new();
    for id in records.ids() {
        assert!(!id.trim().is_empty());
        assert!(seen.insert(id.clone()), "duplicate id kept");
    }
});
