//! `Index::query` latency on a generated registry:
//! `cargo run --release --example index_latency -- [RECORDS] [QUERIES]` (default 20,000
//! records, 1,000 queries; the 1M-record bench is `-- 1000000 2000`).
//!
//! Builds an index (training the model on the indexed records, as `Matcher::index` does),
//! then queries, one at a time on one thread, with held-out records of indexed people
//! (other spellings of them). Prints the build time, peak memory (`VmHWM`), the median and
//! 99th-percentile latency per query, and how often the best hit is the same person.

mod common;

#[path = "common/index_queries.rs"]
mod index_queries;

use std::time::Instant;

use hawiya::{Config, Matcher};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let records: u64 = args.next().map_or(Ok(20_000), |s| s.parse())?;
    let queries: usize = args.next().map_or(Ok(1_000), |s| s.parse())?;
    let split = index_queries::split(records, queries)?;
    let matcher = Matcher::new(Config::infer(&hawiya_synth::COLUMNS)?)?;
    let t0 = Instant::now();
    let index = matcher.index(&split.indexed)?;
    let build = t0.elapsed().as_secs_f64();
    println!(
        "index of {} records built in {build:.1} s (model training included)",
        index.len()
    );
    let mut micros = Vec::with_capacity(split.queries.len());
    let (mut top1, mut candidates) = (0usize, 0usize);
    for (q, cluster) in &split.queries {
        let record: Vec<(&str, &str)> = q.iter().map(|(c, v)| (*c, v.as_str())).collect();
        let t = Instant::now();
        let hits = index.query(&record, 5)?;
        micros.push(t.elapsed().as_secs_f64() * 1e6);
        candidates += hits.len();
        let best = hits
            .first()
            .and_then(|h| split.indexed.value(h.position, "cluster"));
        if best == Some(cluster.as_str()) {
            top1 += 1;
        }
    }
    micros.sort_by(f64::total_cmp);
    let pct = |p: f64| {
        let i = ((micros.len() as f64 - 1.0) * p).round() as usize;
        micros.get(i).copied().unwrap_or(0.0) / 1000.0
    };
    println!(
        "{} queries: p50 {:.3} ms, p99 {:.3} ms, max {:.3} ms; best hit is the same person for {:.1} %",
        micros.len(),
        pct(0.5),
        pct(0.99),
        pct(1.0),
        100.0 * top1 as f64 / micros.len().max(1) as f64
    );
    assert!(candidates > 0, "queries found nothing");
    if let Some(mib) = common::peak_rss_mib() {
        println!("peak memory (VmHWM) {mib:.0} MiB");
    }
    Ok(())
}
