//! Reading a CSV into a `hawiya::Table` for the examples (the CLI also handles other
//! encodings, delimiters and malformed rows), and the peak memory of a run.

// Each example uses only some of these helpers.
#![allow(dead_code)]

use hawiya::Table;

/// Read `path` (relative to the crate root) into a table.
pub fn read_csv(path: &str) -> Result<Table, Box<dyn std::error::Error>> {
    let full = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    let mut reader = csv::Reader::from_path(full)?;
    let header: Vec<String> = reader.headers()?.iter().map(str::to_string).collect();
    let mut table = Table::new(header)?;
    for row in reader.records() {
        let row = row?;
        let values: Vec<&str> = row.iter().collect();
        table.push_row(&values)?;
    }
    Ok(table)
}

/// Peak resident memory of this process so far (`VmHWM` of `/proc/self/status`, Linux), in
/// MiB; `None` elsewhere.
pub fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}
