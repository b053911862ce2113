//! Reading a CSV into a `hawiya::Table` for the examples (the CLI also handles other
//! encodings, delimiters and malformed rows).

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
