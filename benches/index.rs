//! `Index::query` latency: one query at a time against an index of a generated registry,
//! with held-out records of indexed people (other spellings) as queries. Before timing, the
//! bench checks that most queries find their person first. The 1M-record figures (build
//! time, peak memory, p50/p99) come from
//! `cargo run --release --example index_latency -- 1000000 2000`.

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use hawiya::{Config, Matcher};

#[path = "../examples/common/index_queries.rs"]
mod index_queries;

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("index_query");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(5));
    for records in [5_000u64, 20_000] {
        let split = index_queries::split(records, 200).expect("generated registry");
        let matcher =
            Matcher::new(Config::infer(&hawiya_synth::COLUMNS).expect("columns")).expect("config");
        let index = matcher.index(&split.indexed).expect("index");
        let queries: Vec<Vec<(&str, &str)>> = split
            .queries
            .iter()
            .map(|(q, _)| q.iter().map(|(c, v)| (*c, v.as_str())).collect())
            .collect();
        let found = split
            .queries
            .iter()
            .zip(&queries)
            .filter(|((_, cluster), q)| {
                let hits = index.query(q, 1).expect("query");
                hits.first()
                    .and_then(|h| split.indexed.value(h.position, "cluster"))
                    == Some(cluster.as_str())
            })
            .count();
        assert!(
            found * 10 >= queries.len() * 8,
            "only {found} of {} queries found their person first",
            queries.len()
        );
        let mut i = 0;
        group.bench_function(BenchmarkId::new("records", records), |b| {
            b.iter(|| {
                let q = &queries[i % queries.len()];
                i += 1;
                black_box(index.query(black_box(q), 5).expect("query"))
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
