//! Link two ministries' datasets: `cargo run --release --example link_two`.
//!
//! Pairs are only formed across the two files; a person may have several records on each
//! side, so clusters can hold more than two records.

mod common;

use hawiya::{Config, Matcher};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let left = common::read_csv("examples/data/ministry_a.csv")?;
    let right = common::read_csv("examples/data/ministry_b.csv")?;
    let matcher = Matcher::new(Config::infer(left.names())?)?;
    let result = matcher.link(&left, &right)?;
    assert_eq!(
        result.records.len() + result.rejects.len(),
        left.len() + right.len()
    );
    // Link pairs never join two records of the same side.
    assert!(result.pairs.iter().all(|p| p.left.0 == 0 && p.right.0 == 1));
    let linked = result
        .pairs
        .iter()
        .filter(|p| p.match_probability >= matcher.config().threshold)
        .count();
    println!(
        "{} + {} records, {} cross-dataset links above {}, {} clusters",
        left.len(),
        right.len(),
        linked,
        matcher.config().threshold,
        result.report.clusters
    );
    for p in result.pairs.iter().take(5) {
        let l = left.value(p.left.1, "full_name").unwrap_or("-");
        let r = right.value(p.right.1, "full_name").unwrap_or("-");
        println!("  {:.3}  {l}  ~  {r}", p.match_probability);
    }
    Ok(())
}
