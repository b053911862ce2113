//! The stages of a dedupe on a generated registry of 10,000 records, each timed on its own:
//! `candidates` prepares the records and streams every candidate pair of the default
//! blocking (nothing scored), `train` learns the model (u from random pairs, EM on sampled
//! candidates), `dedupe` runs the whole pipeline with that model given (prepare, block,
//! score, cluster). The 1M-record run is `hawiya dedupe` on `hawiya generate --records
//! 1000000` (README, "Speed").

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use hawiya::{Config, Matcher};
use hawiya_synth::{COLUMNS, Generator, GeneratorConfig};

fn bench(c: &mut Criterion) {
    let table = Generator::new(GeneratorConfig {
        records: 10_000,
        seed: 1,
        ..GeneratorConfig::default()
    })
    .and_then(|g| g.table())
    .expect("generated registry");
    let matcher = Matcher::new(Config::infer(&COLUMNS).expect("columns")).expect("config");
    let (model, _) = matcher.train(&table).expect("training");
    let trained = matcher.clone().with_model(model).expect("model");
    // What is timed must do its work: most true pairs are candidates, most people found.
    let blocking = matcher
        .evaluate_blocking(&table, "cluster")
        .expect("blocking");
    assert!(blocking.completeness() > 0.95, "{blocking}");
    let result = trained.dedupe(&table).expect("dedupe");
    assert!(
        result.report.multi_record_clusters > 1000,
        "{:?}",
        result.report
    );

    let mut group = c.benchmark_group("pipeline_10k");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(10));
    group.bench_function("candidates", |b| {
        b.iter(|| black_box(matcher.evaluate_blocking(black_box(&table), "cluster")))
    });
    group.bench_function("train", |b| {
        b.iter(|| black_box(matcher.train(black_box(&table))))
    });
    group.bench_function("dedupe", |b| {
        b.iter(|| black_box(trained.dedupe(black_box(&table))))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
