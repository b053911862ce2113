//! Name screening (`Index::search`): one query at a time against a name-only index built
//! from generated names (`benches/common/search_workload.rs`: Arabic script and Latin
//! spellings mixed; each query another record of an indexed person), and the build.
//!
//! Before timing, the bench checks that the index finds the person: top-5 above 0.6 on
//! this workload (siblings in the generator share father, grandfather and family names,
//! so a name alone often cannot tell them apart). The 1M-name run with memory, QPS and
//! latency percentiles is `examples/bench_search.rs`.

#[path = "common/search_workload.rs"]
mod workload;

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use hawiya::Index;

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("search");
    g.sample_size(10).measurement_time(Duration::from_secs(3));
    {
        let size = 20_000usize;
        let w = workload::build(size, 500, 7);
        let ids: Vec<&str> = w.ids.iter().map(String::as_str).collect();
        let names: Vec<&str> = w.names.iter().map(String::as_str).collect();
        let queries: Vec<&str> = w.queries.iter().map(String::as_str).collect();
        let index = Index::from_names(&ids, &names).expect("unique generated ids");
        let m = index
            .evaluate_search(&queries, &w.answers, 10)
            .expect("search");
        assert!(m.top5 > 0.6, "{m}");

        g.throughput(Throughput::Elements(queries.len() as u64));
        g.bench_with_input(BenchmarkId::new("query", size), &queries, |b, qs| {
            b.iter(|| {
                for q in qs {
                    black_box(index.search(q, 10).expect("search"));
                }
            })
        });
        g.throughput(Throughput::Elements(names.len() as u64));
        g.bench_with_input(BenchmarkId::new("build", size), &names, |b, ns| {
            b.iter(|| black_box(Index::from_names(&ids, ns).expect("build")))
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
