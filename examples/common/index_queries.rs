//! An index and its queries from a generated registry, shared by the `index_latency`
//! example and the `index` bench: the queries are records held out of the index whose
//! person has another record in it, so each query is another spelling (script, order,
//! typos, date format) of an indexed person.

use hawiya::Table;
use hawiya_synth::{COLUMNS, Generator, GeneratorConfig};

/// Columns a query gives (every compared column of the registry).
pub const QUERY_COLUMNS: [&str; 6] = [
    "full_name",
    "dob",
    "civil_id",
    "gender",
    "nationality",
    "phone",
];

/// The registry to index (`records` generated minus the held-out queries) and up to
/// `queries` held-out records with the cluster each belongs to.
pub struct Split {
    /// Records to index (with the `cluster` column).
    pub indexed: Table,
    /// Held-out records: `(column, value)` pairs and the true cluster.
    pub queries: Vec<(Vec<(&'static str, String)>, String)>,
}

/// Generate `records` records (seed 7) and hold out up to `queries` of them: every
/// `step`-th record whose cluster has more than one record, at most one per cluster.
pub fn split(records: u64, queries: usize) -> Result<Split, Box<dyn std::error::Error>> {
    let table = Generator::new(GeneratorConfig {
        records,
        seed: 7,
        ..GeneratorConfig::default()
    })?
    .table()?;
    let cluster = |r: usize| table.value(r, "cluster").unwrap_or("").to_string();
    let mut size: std::collections::HashMap<String, usize> = Default::default();
    for r in 0..table.len() {
        *size.entry(cluster(r)).or_default() += 1;
    }
    let candidates: Vec<usize> = (0..table.len())
        .filter(|&r| size[&cluster(r)] > 1)
        .collect();
    let step = (candidates.len() / queries.max(1)).max(1);
    let mut held = std::collections::HashSet::new();
    let mut used = std::collections::HashSet::new();
    for &r in candidates.iter().step_by(step) {
        if held.len() == queries {
            break;
        }
        if used.insert(cluster(r)) {
            held.insert(r);
        }
    }
    let header: Vec<String> = COLUMNS.iter().map(|c| c.to_string()).collect();
    let mut indexed = Table::new(header)?;
    let mut out = Vec::new();
    for r in 0..table.len() {
        let row: Vec<&str> = COLUMNS
            .iter()
            .map(|c| table.value(r, c).unwrap_or(""))
            .collect();
        if held.contains(&r) {
            let q = QUERY_COLUMNS
                .iter()
                .filter_map(|&c| table.value(r, c).map(|v| (c, v.to_string())))
                .collect();
            out.push((q, cluster(r)));
        } else {
            indexed.push_row(&row)?;
        }
    }
    Ok(Split {
        indexed,
        queries: out,
    })
}
