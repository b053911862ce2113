//! `hawiya demo`: generate the built-in registry, dedupe it, and show how well it went.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::time::Instant;

use anyhow::Result;
use hawiya::eval::ClusterMetrics;
use hawiya::{Config, Matcher};
use hawiya_synth::{COLUMNS, Generator, GeneratorConfig};

use crate::cmd_match::{Bars, print_report};

/// `hawiya demo [--records N] [--seed S] [--out DIR]`
#[derive(Debug, clap::Args)]
pub struct DemoArgs {
    /// Number of records to generate.
    #[arg(long, default_value_t = 20_000)]
    pub records: u64,
    /// Seed of the generator.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Also write registry.csv, clusters.csv and model.json into this directory.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// No progress bars.
    #[arg(long, short)]
    pub quiet: bool,
}

pub fn run(args: DemoArgs) -> Result<()> {
    let t0 = Instant::now();
    let generator = Generator::new(GeneratorConfig {
        records: args.records,
        seed: args.seed,
        ..GeneratorConfig::default()
    })?;
    let persons = generator.person_count();
    let table = generator.table()?;
    let generated = t0.elapsed().as_secs_f64();
    println!(
        "hawiya demo: {} records of {persons} persons in {} sources (seed {}), generated in {generated:.2}s",
        table.len(),
        generator.config().sources.len(),
        args.seed
    );
    if let Some(dir) = &args.out {
        std::fs::create_dir_all(dir)?;
        crate::cmd_generate::write_csv_file(generator.clone(), &dir.join("registry.csv"))?;
    }

    let config = Config::infer(&COLUMNS)?;
    let matcher = Matcher::new(config)?;
    let t1 = Instant::now();
    let result = matcher.dedupe_with(&table, &Bars::new(args.quiet))?;
    let elapsed = t1.elapsed().as_secs_f64();

    // Accuracy against the generator's truth.
    let truth: Vec<&str> = result
        .records
        .iter()
        .map(|r| table.value(r.row, "cluster").unwrap_or(""))
        .collect();
    let predicted: Vec<&str> = result
        .records
        .iter()
        .map(|r| r.cluster_id.as_str())
        .collect();
    let metrics = ClusterMetrics::compute(&predicted, &truth)?;
    println!(
        "\ndeduplicated in {elapsed:.2}s: {} clusters for {} true persons",
        result.report.clusters, metrics.true_clusters
    );
    println!(
        "pairwise  precision {:.4}  recall {:.4}  F1 {:.4}",
        metrics.pairwise.precision, metrics.pairwise.recall, metrics.pairwise.f1
    );
    println!(
        "b-cubed   precision {:.4}  recall {:.4}  F1 {:.4}",
        metrics.bcubed.precision, metrics.bcubed.recall, metrics.bcubed.f1
    );
    let mut stderr = std::io::stderr().lock();
    print_report(&mut stderr, &result, result.rejects.len(), t1)?;

    // Three example clusters that mix Arabic-script and Latin spellings.
    let mut members: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, r) in result.records.iter().enumerate() {
        members.entry(r.cluster_id.as_str()).or_default().push(i);
    }
    let arabic = |row: usize| {
        table
            .value(row, "full_name")
            .is_some_and(|n| n.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c)))
    };
    let mut pair_of: HashMap<(&str, &str), usize> = HashMap::new();
    for (i, p) in result.pairs.iter().enumerate() {
        pair_of.insert((p.unique_id_l.as_str(), p.unique_id_r.as_str()), i);
    }
    let mut shown = 0;
    for (cid, idx) in &members {
        if shown == 3 {
            break;
        }
        let rows: Vec<usize> = idx.iter().map(|&i| result.records[i].row).collect();
        if rows.len() < 3 || !rows.iter().any(|&r| arabic(r)) || rows.iter().all(|&r| arabic(r)) {
            continue;
        }
        shown += 1;
        println!("\ncluster {cid} ({} records):", rows.len());
        for &i in idx {
            let r = &result.records[i];
            let v = |c: &str| table.value(r.row, c).unwrap_or("-");
            println!(
                "  {:<9} {:<15} {:<40} dob {:<14} id {:<13} {}",
                r.unique_id,
                v("source"),
                v("full_name"),
                v("dob"),
                v("civil_id"),
                v("nationality")
            );
        }
        // Explain the pair of an Arabic-script and a Latin record, when scored.
        let ids: Vec<&str> = idx
            .iter()
            .map(|&i| result.records[i].unique_id.as_str())
            .collect();
        let found = ids.iter().enumerate().find_map(|(x, a)| {
            ids[x + 1..].iter().find_map(|b| {
                let k = pair_of.get(&(a, b)).or_else(|| pair_of.get(&(b, a)))?;
                let p = &result.pairs[*k];
                (arabic(p.left.1) != arabic(p.right.1)).then_some(*k)
            })
        });
        if let Some(k) = found {
            let p = &result.pairs[k];
            println!("  why {} and {} match:", p.unique_id_l, p.unique_id_r);
            if let Some(e) = result.explain(k) {
                for line in e.to_string().lines() {
                    println!("    {line}");
                }
            }
        }
    }
    if let Some(dir) = &args.out {
        let mut w = csv::Writer::from_path(dir.join("clusters.csv"))?;
        w.write_record(["unique_id", "cluster_id"])?;
        for r in &result.records {
            w.write_record([&r.unique_id, &r.cluster_id])?;
        }
        w.flush()?;
        std::fs::write(dir.join("model.json"), result.model.to_json())?;
        println!(
            "\nwrote registry.csv, clusters.csv and model.json to {}",
            dir.display()
        );
    }
    println!("\ntotal {:.2}s", t0.elapsed().as_secs_f64());
    Ok(())
}
