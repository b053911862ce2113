//! The engine end to end on generated registries: accuracy floor, a trained model reused
//! on a tiny table, explanations that add up, and the same clusters whatever the thread
//! count or input order.

use hawiya::eval::ClusterMetrics;
use hawiya::{Config, MatchResult, Matcher, Table};
use hawiya_synth::{COLUMNS, Generator, GeneratorConfig};

fn registry(records: u64, seed: u64) -> Table {
    let config = GeneratorConfig {
        records,
        seed,
        ..GeneratorConfig::default()
    };
    Generator::new(config).unwrap().table().unwrap()
}

fn rows(t: &Table, order: &[usize]) -> Table {
    let mut out = Table::new(t.names().to_vec()).unwrap();
    for &r in order {
        let values: Vec<&str> = t
            .names()
            .iter()
            .map(|c| t.column(c).unwrap().raw(r))
            .collect();
        out.push_row(&values).unwrap();
    }
    out
}

fn matcher() -> Matcher {
    Matcher::new(Config::infer(&COLUMNS).unwrap()).unwrap()
}

/// Dedupe `t` (no row lost) and score the clusters against its `cluster` column.
fn dedupe_scored(m: &Matcher, t: &Table) -> (MatchResult, ClusterMetrics) {
    let result = m.dedupe(t).unwrap();
    assert_eq!(result.records.len() + result.rejects.len(), t.len());
    let predicted: Vec<&str> = result
        .records
        .iter()
        .map(|r| r.cluster_id.as_str())
        .collect();
    let truth: Vec<&str> = result
        .records
        .iter()
        .map(|r| t.value(r.row, "cluster").unwrap())
        .collect();
    let metrics = ClusterMetrics::compute(&predicted, &truth).unwrap();
    (result, metrics)
}

#[test]
fn generated_registry_is_deduplicated_accurately_and_explained() {
    let t = registry(4_000, 3);
    let (result, m) = dedupe_scored(&matcher(), &t);
    assert!(m.pairwise.f1 > 0.95, "{m}");
    for i in 0..result.pairs.len().min(200) {
        let e = result.explain(i).unwrap();
        let sum: f64 = e.prior_weight
            + e.contributions
                .iter()
                .map(|c| c.weight + c.tf_adjustment)
                .sum::<f64>();
        assert!((sum - result.pairs[i].match_weight).abs() < 1e-9);
    }
}

#[test]
fn a_trained_model_matches_a_tiny_table() {
    let big = registry(5_000, 5);
    let (model, _) = matcher().train(&big).unwrap();
    // Two records of one person with two or more records, and one other person.
    let mut by_person: std::collections::BTreeMap<&str, Vec<usize>> = Default::default();
    for r in 0..big.len() {
        by_person
            .entry(big.value(r, "cluster").unwrap())
            .or_default()
            .push(r);
    }
    let (pair, other) = {
        let mut it = by_person.values();
        let pair = it.by_ref().find(|v| v.len() >= 2).unwrap().clone();
        (pair, it.find(|v| v.len() == 1).unwrap()[0])
    };
    let small = rows(&big, &[pair[0], pair[1], other]);
    let result = matcher().with_model(model).unwrap().dedupe(&small).unwrap();
    let c: Vec<&str> = result
        .records
        .iter()
        .map(|r| r.cluster_id.as_str())
        .collect();
    assert_eq!(
        c[0], c[1],
        "the two records of one person are one cluster: {:?}",
        result.pairs
    );
    assert_ne!(c[0], c[2]);
}

#[cfg(feature = "parallel")]
#[test]
fn same_clusters_whatever_the_threads_and_the_order() {
    let t = registry(3_000, 9);
    let run = |table: &Table, threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        let result = pool.install(|| matcher().dedupe(table).unwrap());
        let mut v: Vec<(String, String)> = result
            .records
            .into_iter()
            .map(|r| (r.unique_id, r.cluster_id))
            .collect();
        v.sort();
        v
    };
    let one = run(&t, 1);
    assert_eq!(one, run(&t, 4));
    // Reversed input order: same cluster ids (named by their smallest unique id).
    let reversed: Vec<usize> = (0..t.len()).rev().collect();
    assert_eq!(one, run(&rows(&t, &reversed), 2));
}

/// Pairwise F1 of a dedupe of `t` (config inferred from its header).
fn pairwise_f1(t: &Table) -> f64 {
    let m = Matcher::new(Config::infer(t.names()).unwrap()).unwrap();
    dedupe_scored(&m, t).1.pairwise.f1
}

/// The registry with its name written over other columns by `split(name)`.
fn with_name_columns(t: &Table, names: &[&str], split: impl Fn(&str) -> Vec<String>) -> Table {
    let others: Vec<&String> = t.names().iter().filter(|c| *c != "full_name").collect();
    let mut header: Vec<String> = names.iter().map(|s| s.to_string()).collect();
    header.extend(others.iter().map(|c| c.to_string()));
    let mut out = Table::new(header).unwrap();
    for r in 0..t.len() {
        let mut values = split(t.value(r, "full_name").unwrap_or(""));
        values.extend(
            others
                .iter()
                .map(|c| t.value(r, c).unwrap_or("").to_string()),
        );
        let values: Vec<&str> = values.iter().map(String::as_str).collect();
        out.push_row(&values).unwrap();
    }
    out
}

#[test]
fn names_over_several_columns_match_as_well_as_one_column() {
    let t = registry(3_000, 11);
    let whole = pairwise_f1(&t);
    // Parts: the first token, then the rest.
    let parts = with_name_columns(&t, &["first_name", "family_name"], |n| {
        let n = n.trim();
        match n.split_once(' ') {
            Some((a, b)) => vec![a.to_string(), b.to_string()],
            None => vec![n.to_string(), String::new()],
        }
    });
    let split = pairwise_f1(&parts);
    assert!(
        split >= whole - 0.002,
        "parts {split} vs one column {whole}"
    );
    // One column per script, one of them filled: records still match across them.
    let scripts = with_name_columns(&t, &["name_ar", "name_en"], |n| {
        let arabic = n.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c));
        if arabic {
            vec![n.to_string(), String::new()]
        } else {
            vec![String::new(), n.to_string()]
        }
    });
    let two = pairwise_f1(&scripts);
    assert!(
        two >= whole - 0.002,
        "two scripts {two} vs one column {whole}"
    );
}

#[test]
fn names_are_compared_only_where_they_can_reach_the_pairs_threshold() {
    let table = registry(3000, 5);
    let cfg = Config::infer(&["unique_id", "full_name", "dob", "civil_id", "gender"]).unwrap();
    let lean = Matcher::new(cfg.clone()).unwrap();
    let model = lean.train(&table).unwrap().0;
    let lean = lean.with_model(model.clone()).unwrap();
    let full = Matcher::new(Config {
        full_histogram: true,
        ..cfg
    })
    .unwrap()
    .with_model(model)
    .unwrap();
    let (a, b) = (lean.dedupe(&table).unwrap(), full.dedupe(&table).unwrap());
    // The same clusters and the same kept pairs, to the bit.
    let clusters = |r: &MatchResult| -> Vec<(String, String)> {
        r.records
            .iter()
            .map(|x| (x.unique_id.clone(), x.cluster_id.clone()))
            .collect()
    };
    assert_eq!(clusters(&a), clusters(&b));
    let kept = |r: &MatchResult| -> Vec<(String, String, u64)> {
        r.pairs
            .iter()
            .map(|p| {
                let (l, r) = (p.unique_id_l.clone(), p.unique_id_r.clone());
                (l, r, p.match_weight.to_bits())
            })
            .collect()
    };
    assert!(!a.pairs.is_empty());
    assert_eq!(kept(&a), kept(&b));
    let (ra, rb) = (&a.report, &b.report);
    assert_eq!(ra.pairs_scored, rb.pairs_scored);
    // More names skipped with the lean floor; every skipped pair is in no bin.
    assert!(ra.pairs_cut_short > rb.pairs_cut_short, "{ra:?}");
    let sum = |h: &[u64]| h.iter().sum::<u64>();
    assert_eq!(
        sum(&ra.probability_histogram) + ra.pairs_cut_short,
        ra.pairs_scored
    );
    assert_eq!(sum(&rb.probability_histogram), rb.pairs_scored);
    assert_eq!(ra.histogram_exact_from, lean.pairs_threshold());
    assert_eq!(rb.histogram_exact_from, 0.0);
    // From the pairs threshold up, both histograms are exact: the same counts.
    let bins = hawiya::RunReport::HISTOGRAM_BINS;
    let first = (ra.histogram_exact_from * bins as f64).ceil() as usize;
    assert_eq!(
        ra.probability_histogram[first..],
        rb.probability_histogram[first..]
    );
    // Below it, the lean bins count a part of the full ones.
    for (x, y) in ra
        .probability_histogram
        .iter()
        .zip(&rb.probability_histogram)
    {
        assert!(x <= y);
    }
}
