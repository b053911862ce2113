//! A service that checks one identity at a time: `cargo run --release --example service_index`.
//!
//! Builds an `Index` once (training the model on the registry), then answers one-record
//! queries — in any script — and takes new registrations, without rescanning the registry.

mod common;

use hawiya::{Config, Matcher};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let registry = common::read_csv("examples/data/registry.csv")?;
    let config = Config::infer(registry.names())?;
    let mut index = Matcher::new(config)?.index(&registry)?;
    println!("indexed {} records", index.len());

    // A clerk types a record of the registry again: the same person must come first.
    let row = (0..registry.len())
        .find(|&r| registry.value(r, "civil_id").is_some() && registry.value(r, "dob").is_some())
        .unwrap_or(0);
    let query: Vec<(&str, &str)> = ["full_name", "dob", "civil_id", "gender", "nationality"]
        .iter()
        .filter_map(|&c| registry.value(row, c).map(|v| (c, v)))
        .collect();
    let hits = index.query(&query, 3)?;
    for h in &hits {
        println!("{:<10} p={:.4}", h.unique_id, h.match_probability);
    }
    let truth = |pos: usize| registry.value(pos, "cluster");
    assert_eq!(
        truth(hits[0].position),
        truth(row),
        "the best hit is the same person"
    );
    println!("{}", hits[0].explanation);

    // A new registration becomes searchable at once.
    index.insert("new-0001", &query)?;
    let again = index.query(&query, 10)?;
    assert!(again.iter().any(|h| h.unique_id == "new-0001"));
    println!("after insert: {} records, new record found", index.len());
    Ok(())
}
