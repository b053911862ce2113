//! Pairs completeness, reduction ratio, time and peak memory of candidate generation with the
//! default blocking rules on a generated registry:
//! `cargo run --release --example blocking_eval -- [RECORDS] [SEED] [CONFIG.toml]`.
//!
//! This is the 1M-record candidate-generation bench (`-- 1000000 1`): the time printed covers
//! preparing the records and streaming every candidate pair (generating the registry is not
//! timed); the peak memory is the whole process's (`VmHWM`), registry included.

mod common;

use hawiya::{Config, Matcher};
use hawiya_synth::{Generator, GeneratorConfig};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let records: u64 = args.next().map_or(Ok(20_000), |s| s.parse())?;
    let seed: u64 = args.next().map_or(Ok(1), |s| s.parse())?;
    let generator = Generator::new(GeneratorConfig {
        records,
        seed,
        ..GeneratorConfig::default()
    })?;
    let header = hawiya_synth::COLUMNS;
    let table = generator.table()?;
    let config = match args.next() {
        Some(path) => Config::from_toml(&std::fs::read_to_string(path)?)?,
        None => Config::infer(&header)?,
    };
    let matcher = Matcher::new(config)?;
    let eval = matcher.evaluate_blocking(&table, "cluster")?;
    println!("{eval}");
    for w in eval.report.warnings() {
        println!("warning: {w}");
    }
    if let Some(mib) = common::peak_rss_mib() {
        println!("peak memory (VmHWM) {mib:.0} MiB");
    }
    Ok(())
}
