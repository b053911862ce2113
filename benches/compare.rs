//! NameComparator throughput on prepared names (pairs per second, one thread), and the
//! cost of preparing a name.
//!
//! Inputs: names of a synthetic registry (`hawiya_synth`, fixed seed; Arabic script and
//! Latin spellings mixed); half the pairs are two records of one person, half random
//! pairs. Before timing, the bench checks that the comparator ranks the same-person pairs
//! above the random ones (ROC-AUC > 0.95) and that scores are symmetric.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use hawiya::eval::LabelledScores;
use hawiya::name::NameComparator;
use hawiya_synth::{GeneratorConfig, generate};

const PAIRS: usize = 4000;

fn pairs() -> (Vec<String>, Vec<(usize, usize, bool)>) {
    let config = GeneratorConfig {
        records: 6000,
        seed: 11,
        ..GeneratorConfig::default()
    };
    let records = generate(config).expect("default generator config is valid");
    let names: Vec<String> = records.iter().map(|r| r.full_name.clone()).collect();
    let mut by_cluster: std::collections::HashMap<u64, Vec<usize>> = Default::default();
    for (i, r) in records.iter().enumerate() {
        by_cluster.entry(r.cluster).or_default().push(i);
    }
    let mut groups: Vec<Vec<usize>> = by_cluster.into_values().filter(|v| v.len() > 1).collect();
    groups.sort();
    let mut state = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = move |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    };
    let mut out = Vec::with_capacity(PAIRS);
    while out.len() < PAIRS / 2 {
        let g = &groups[next(groups.len())];
        let (a, b) = (g[next(g.len())], g[next(g.len())]);
        if a != b {
            out.push((a, b, true));
        }
    }
    while out.len() < PAIRS {
        let (a, b) = (next(names.len()), next(names.len()));
        out.push((a, b, records[a].cluster == records[b].cluster));
    }
    (names, out)
}

fn bench(c: &mut Criterion) {
    let cmp = NameComparator::default();
    let (names, pairs) = pairs();
    let prepared: Vec<_> = names.iter().map(|n| cmp.prepare(n)).collect();
    let scores: Vec<(f64, bool)> = pairs
        .iter()
        .map(|&(a, b, same)| {
            let s = cmp.similarity(&prepared[a], &prepared[b]);
            assert_eq!(s, cmp.similarity(&prepared[b], &prepared[a]));
            (s, same)
        })
        .collect();
    let auc = LabelledScores::from_pairs(scores).roc_auc().unwrap_or(0.0);
    assert!(auc > 0.95, "ROC-AUC {auc}");

    let mut g = c.benchmark_group("name_comparator");
    g.measurement_time(Duration::from_secs(3));
    g.throughput(Throughput::Elements(pairs.len() as u64));
    g.bench_function("similarity_prepared", |bch| {
        bch.iter(|| {
            let mut sum = 0.0;
            for &(a, b, _) in &pairs {
                sum += cmp.similarity(black_box(&prepared[a]), black_box(&prepared[b]));
            }
            sum
        })
    });
    g.throughput(Throughput::Elements(1000));
    g.bench_function("prepare", |bch| {
        bch.iter(|| {
            names
                .iter()
                .take(1000)
                .map(|n| cmp.prepare(black_box(n)).token_count())
                .sum::<usize>()
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
