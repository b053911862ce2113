//! The NameComparator on the shared development pairs (`xscript-dev.tsv`,
//! `xscript-tokens-dev.tsv`): the numbers must stay above the levels reached when the
//! comparator was tuned (issue 5's targets are best F1 ≥ 0.93 overall, ≥ 0.90 per kind,
//! recall ≥ 0.80 at precision 0.99). Skips (passes with a note) where the data is absent.
//! `cargo run --release --example eval_names` prints the full report.

mod common;

use std::collections::BTreeMap;

use hawiya::eval::LabelledScores;
use hawiya::name::NameComparator;

struct Numbers {
    f1: f64,
    r99: f64,
}

fn numbers(scores: impl IntoIterator<Item = (f64, bool)>) -> Numbers {
    let ls = LabelledScores::from_pairs(scores);
    Numbers {
        f1: ls.best_f1().map_or(0.0, |p| p.f1),
        r99: ls.recall_at_precision(0.99).map_or(0.0, |p| p.recall),
    }
}

fn evaluate(file: &str) -> Option<(Numbers, BTreeMap<String, Numbers>)> {
    let rows = common::dev_pairs(file)?;
    let cmp = NameComparator::default();
    let l: Vec<&str> = rows.iter().map(|r| r.left.as_str()).collect();
    let r: Vec<&str> = rows.iter().map(|r| r.right.as_str()).collect();
    let scores = cmp.score_pairs(&l, &r);
    let overall = numbers(scores.iter().zip(&rows).map(|(&s, r)| (s, r.label)));
    let mut by_kind: BTreeMap<String, Vec<(f64, bool)>> = BTreeMap::new();
    for (&s, row) in scores.iter().zip(&rows) {
        by_kind
            .entry(row.get("kind").to_string())
            .or_default()
            .push((s, row.label));
    }
    let kinds = by_kind.into_iter().map(|(k, v)| (k, numbers(v))).collect();
    Some((overall, kinds))
}

#[test]
fn full_names_stay_above_the_reached_levels() {
    let Some((overall, kinds)) = evaluate("xscript-dev.tsv") else {
        return;
    };
    eprintln!(
        "overall: best F1 {:.4}, R@P.99 {:.4}",
        overall.f1, overall.r99
    );
    assert!(overall.f1 >= 0.96, "best F1 {}", overall.f1);
    assert!(
        overall.r99 >= 0.90,
        "recall at precision 0.99 {}",
        overall.r99
    );
    assert_eq!(kinds.len(), 3);
    for (kind, n) in &kinds {
        eprintln!("{kind}: best F1 {:.4}, R@P.99 {:.4}", n.f1, n.r99);
        assert!(n.f1 >= 0.95, "{kind}: best F1 {}", n.f1);
        assert!(n.r99 >= 0.84, "{kind}: recall at precision 0.99 {}", n.r99);
    }
}

#[test]
fn single_tokens_stay_above_the_reached_levels() {
    let Some((overall, kinds)) = evaluate("xscript-tokens-dev.tsv") else {
        return;
    };
    eprintln!(
        "tokens overall: best F1 {:.4}, R@P.99 {:.4}",
        overall.f1, overall.r99
    );
    for (kind, n) in &kinds {
        eprintln!("tokens {kind}: best F1 {:.4}, R@P.99 {:.4}", n.f1, n.r99);
    }
    // Single tokens are ambiguous (`Hala` / `Hali`): no precision target, but the ranking
    // must stay where it was.
    assert!(overall.f1 >= 0.90, "tokens: best F1 {}", overall.f1);
}

#[test]
fn no_score_value_holds_more_than_one_percent_of_a_kind() {
    let Some(rows) = common::dev_pairs("xscript-dev.tsv") else {
        return;
    };
    let cmp = NameComparator::default();
    let mut counts: BTreeMap<(String, u64), usize> = BTreeMap::new();
    let mut totals: BTreeMap<String, usize> = BTreeMap::new();
    for row in &rows {
        let (a, b) = (cmp.prepare(&row.left), cmp.prepare(&row.right));
        let kind = row.get("kind").to_string();
        *totals.entry(kind.clone()).or_default() += 1;
        // Equal after normalisation: 1.0 by right, not a tie to break.
        if a.name().normalized != b.name().normalized {
            *counts
                .entry((kind, cmp.similarity(&a, &b).to_bits()))
                .or_default() += 1;
        }
    }
    for ((kind, bits), n) in counts {
        let share = n as f64 / totals[&kind] as f64;
        assert!(
            share <= 0.01,
            "{kind}: {n} pairs ({share:.4}) score {}",
            f64::from_bits(bits)
        );
    }
}

/// The bound behind `similarity_at_least` on every pair of the development file and on
/// pairs of names from different rows (mostly unrelated names, where it saves the most):
/// whatever it returns equals the full similarity, and it answers `None` only below the
/// floor. Reports how often the bound decided alone.
#[test]
fn the_level_bound_agrees_with_the_full_similarity_on_real_names() {
    let Some(rows) = common::dev_pairs("xscript-dev.tsv") else {
        return;
    };
    let cmp = NameComparator::default();
    let names: Vec<_> = rows
        .iter()
        .flat_map(|r| [cmp.prepare(&r.left), cmp.prepare(&r.right)])
        .collect();
    let n = names.len();
    let (mut checked, mut below) = (0usize, 0usize);
    for (k, a) in names.iter().enumerate().step_by(7) {
        // The row's own partner, and a name far away in the file.
        for b in [&names[k ^ 1], &names[(k * 7919 + 13) % n]] {
            let s = cmp.similarity(a, b);
            for floor in [0.5, 0.75, 0.9] {
                let got = cmp.similarity_at_least(a, b, floor);
                assert_eq!(
                    got,
                    (s >= floor).then_some(s),
                    "{:?} / {:?} at {floor}",
                    a.name().normalized,
                    b.name().normalized
                );
                checked += 1;
                below += usize::from(got.is_none());
            }
        }
    }
    eprintln!("level bound: {checked} checks, {below} below the floor");
    assert!(checked > 1000);
}
