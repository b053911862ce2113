//! Name screening quality on the shared development pairs (see
//! `examples/common/xscript_search.rs` for how queries, index and answers are built).
//!
//! ```text
//! cargo run --release --example eval_search -- [FILE.tsv] [--errors N]
//! ```
//!
//! Prints top-1, top-5, MRR@10, the share of answers lost by candidate retrieval
//! (separately from ranking errors) and candidates per query, strict (the pair's own
//! string) and over every spelling of the person; then up to N (default 0) ranking
//! errors. Without a FILE the shared development set is used; when it is missing the
//! example says so and exits successfully.

#[path = "common/xscript_search.rs"]
mod xscript_search;

use std::path::PathBuf;

use hawiya::Index;
use hawiya::name::NameComparator;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut file = None;
    let mut errors = 0usize;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--errors" => errors = args.next().ok_or("--errors needs a number")?.parse()?,
            _ => file = Some(PathBuf::from(a)),
        }
    }
    let path = file.unwrap_or_else(xscript_search::dev_file);
    if !path.exists() {
        println!("note: {} not found, nothing to evaluate", path.display());
        return Ok(());
    }
    let check = xscript_search::build(&hawiya::eval::read_labelled_pairs(&path)?);
    let ids: Vec<String> = (0..check.names.len()).map(|i| format!("n{i}")).collect();
    let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
    let names: Vec<&str> = check.names.iter().map(String::as_str).collect();
    let index = Index::from_names(&ids, &names)?;
    let q: Vec<&str> = check.queries.iter().map(String::as_str).collect();
    println!("index {} Arabic-script names", names.len());
    let m = index.evaluate_search(&q, &check.strict, 10)?;
    println!("strict (the pair's own string):   {m}");
    let m = index.evaluate_search(&q, &check.answers, 10)?;
    println!("any spelling of the same person:  {m}");

    let cmp = NameComparator::default();
    let mut shown = 0;
    for (query, answer) in q.iter().zip(&check.answers) {
        if shown >= errors {
            break;
        }
        let hits = index.search(query, 3)?;
        if hits.first().is_some_and(|h| answer.contains(&h.position)) {
            continue;
        }
        shown += 1;
        let gold = names[answer[0]];
        let candidates = index.name_candidates(query)?;
        let retrieved = answer.iter().any(|a| candidates.binary_search(a).is_ok());
        println!(
            "{query}  answer {gold} ({:.3}, retrieved {retrieved})",
            cmp.similarity_str(query, gold)
        );
        for h in hits {
            println!("    {:.3} {}", h.score, names[h.position]);
        }
    }
    Ok(())
}
