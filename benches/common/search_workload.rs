//! The name-screening workload shared by `benches/search.rs` and
//! `examples/bench_search.rs`: a generated registry (`hawiya_synth`, fixed seed, Arabic
//! script and Latin spellings mixed) split into indexed names and queries. Each query is
//! one record of a person who has other records in the index (another spelling, often in
//! the other script); its answers are the index positions of those records.

use std::collections::HashMap;

use hawiya_synth::{Generator, GeneratorConfig};

/// Indexed names with ids, queries, and each query's answers (index positions).
pub struct Workload {
    pub ids: Vec<String>,
    pub names: Vec<String>,
    pub queries: Vec<String>,
    pub answers: Vec<Vec<usize>>,
}

/// About `index` indexed names and `queries` queries from a registry of
/// `index + queries` generated records (`seed`).
pub fn build(index: usize, queries: usize, seed: u64) -> Workload {
    let config = GeneratorConfig {
        records: (index + queries) as u64,
        seed,
        ..GeneratorConfig::default()
    };
    let generator = Generator::new(config).expect("valid generator config");
    let records = generator.records(0..generator.record_count());
    let mut by_cluster: HashMap<u64, Vec<usize>> = HashMap::new();
    for (i, r) in records.iter().enumerate() {
        by_cluster.entry(r.cluster).or_default().push(i);
    }
    // The last record of every person with several records is a query, in record order,
    // until there are enough.
    let mut is_query = vec![false; records.len()];
    let mut taken = 0;
    for (i, r) in records.iter().enumerate() {
        if taken == queries {
            break;
        }
        let members = &by_cluster[&r.cluster];
        if members.len() >= 2 && *members.last().unwrap_or(&usize::MAX) == i {
            is_query[i] = true;
            taken += 1;
        }
    }
    let mut w = Workload {
        ids: Vec::new(),
        names: Vec::new(),
        queries: Vec::new(),
        answers: Vec::new(),
    };
    let mut position = vec![usize::MAX; records.len()];
    for (i, r) in records.iter().enumerate() {
        if !is_query[i] {
            position[i] = w.ids.len();
            w.ids.push(r.unique_id.clone());
            w.names.push(r.full_name.clone());
        }
    }
    for (i, r) in records.iter().enumerate() {
        if is_query[i] {
            w.queries.push(r.full_name.clone());
            w.answers.push(
                by_cluster[&r.cluster]
                    .iter()
                    .filter(|&&m| !is_query[m])
                    .map(|&m| position[m])
                    .collect(),
            );
        }
    }
    w
}
