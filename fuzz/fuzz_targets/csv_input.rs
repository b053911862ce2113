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
    assert_eq!(loaded.row_numbers.len(), loaded.table.len());
    let mut rows: Vec<u64> = loaded
        .row_numbers
        .iter()
        .copied()
        .chain(loaded.rejects.iter().map(|r| r.row))
        .collect();
    rows.sort_unstable();
    assert!(
        rows.iter().copied().eq(1..=loaded.total_rows),
        "rows {rows:?} of {}",
        loaded.total_rows
    );
    for r in &loaded.rejects {
        assert!(!r.reason.is_empty());
        if !opts.show_values {
            assert!(!r.reason.contains("(value "), "{}", r.reason);
        }
    }
    // Unique ids of the usable rows are distinct and not blank.
    if let Some(ids) = loaded.table.column(&id_column) {
        let mut seen = std::collections::HashSet::new();
        for i in 0..loaded.table.len() {
            let id = ids.raw(i).trim();
            assert!(!id.is_empty());
            assert!(seen.insert(id.to_string()), "duplicate id kept");
        }
    }
});
