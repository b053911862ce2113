//! Deduplicate one registry: `cargo run --release --example dedupe_csv`.
//!
//! Reads `examples/data/registry.csv` (400 generated records, Arabic and Latin spellings, with
//! a `cluster` truth column), infers the schema from the column names, trains a model without
//! labels, clusters, and checks the result against the truth.

mod common;

use hawiya::eval::ClusterMetrics;
use hawiya::{Config, Matcher};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let table = common::read_csv("examples/data/registry.csv")?;
    let config = Config::infer(table.names())?;
    let result = Matcher::new(config)?.dedupe(&table)?;

    // Every row is either clustered or rejected with a reason.
    assert_eq!(result.records.len() + result.rejects.len(), table.len());
    let predicted: Vec<&str> = result
        .records
        .iter()
        .map(|r| r.cluster_id.as_str())
        .collect();
    let truth: Vec<&str> = result
        .records
        .iter()
        .map(|r| table.value(r.row, "cluster").unwrap_or(""))
        .collect();
    let metrics = ClusterMetrics::compute(&predicted, &truth)?;
    println!("{metrics}");
    assert!(
        metrics.pairwise.f1 > 0.8,
        "pairwise F1 {}",
        metrics.pairwise.f1
    );

    // The strongest pair, explained.
    if let Some((i, p)) = result
        .pairs
        .iter()
        .enumerate()
        .max_by(|a, b| a.1.match_weight.total_cmp(&b.1.match_weight))
    {
        println!("\n{} ~ {}", p.unique_id_l, p.unique_id_r);
        if let Some(e) = result.explain(i) {
            println!("{e}");
        }
    }
    Ok(())
}
