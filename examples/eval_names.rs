//! Evaluate the name comparator on a labelled TSV of name pairs.
//!
//! ```text
//! cargo run --release --example eval_names -- [PAIRS.tsv] [--worst N] [--options OPTIONS.json]
//! ```
//! The TSV needs a header with `left`, `right` and `label` (1 = same person); `kind`, if
//! present, splits the report. Default file: `xscript-dev.tsv` in the shared data folder
//! (`HAWIYA_SHARED_DATA`, else `<crate>/../shared/data`); when it is absent the example
//! prints a note and exits successfully. Prints ROC-AUC, average precision, best F1 and its
//! threshold, recall at precision 0.95 and 0.99, overall and per kind, and the worst errors
//! at the best-F1 threshold.

use std::collections::BTreeMap;
use std::path::PathBuf;

use hawiya::eval::LabelledPair;
use hawiya::eval::LabelledScores;
use hawiya::name::{CompareOptions, NameComparator};

fn report(name: &str, scores: &[(f64, bool)]) {
    let ls = LabelledScores::from_pairs(scores.iter().copied());
    let f = |x: Option<f64>| x.map_or("-".to_string(), |v| format!("{v:.4}"));
    let best = ls.best_f1();
    let r95 = ls.recall_at_precision(0.95);
    let r99 = ls.recall_at_precision(0.99);
    println!(
        "{name:<10} n={:<6} auc={} ap={} bestF1={} @{} R@P.95={} R@P.99={}",
        ls.len(),
        f(ls.roc_auc()),
        f(ls.average_precision()),
        f(best.as_ref().map(|p| p.f1)),
        f(best.as_ref().map(|p| p.threshold)),
        f(r95.as_ref().map(|p| p.recall)),
        f(r99.as_ref().map(|p| p.recall)),
    );
}

/// The pair's `kind` (the report is split by it), `all` when the file has none.
fn kind_of(r: &LabelledPair) -> &str {
    match r.get("kind") {
        "" => "all",
        k => k,
    }
}

/// The pair's `pair_id` or `id`, else its 1-based row number.
fn id_of(r: &LabelledPair, i: usize) -> String {
    [r.get("pair_id"), r.get("id")]
        .into_iter()
        .find(|s| !s.is_empty())
        .map_or_else(|| (i + 1).to_string(), str::to_string)
}

fn main() {
    let mut path: Option<PathBuf> = None;
    let mut worst = 20usize;
    let mut options = CompareOptions::default();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--worst" => worst = args.next().and_then(|v| v.parse().ok()).unwrap_or(20),
            "--options" => {
                let p = args.next().unwrap_or_default();
                let text = std::fs::read_to_string(&p).unwrap_or_default();
                match serde_json::from_str(&text) {
                    Ok(o) => options = o,
                    Err(e) => {
                        eprintln!("bad options file {p}: {e}");
                        std::process::exit(2);
                    }
                }
            }
            _ => path = Some(PathBuf::from(a)),
        }
    }
    let path = path.unwrap_or_else(|| {
        let dir = match std::env::var_os("HAWIYA_SHARED_DATA") {
            Some(d) => PathBuf::from(d),
            None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data"),
        };
        dir.join("xscript-dev.tsv")
    });
    if !path.exists() {
        println!("note: {} not found; nothing to evaluate", path.display());
        return;
    }
    let rows = match hawiya::eval::read_labelled_pairs(&path) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(2);
        }
    };
    let cmp = match NameComparator::new(options) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(2);
        }
    };
    let lefts: Vec<&str> = rows.iter().map(|r| r.left.as_str()).collect();
    let rights: Vec<&str> = rows.iter().map(|r| r.right.as_str()).collect();
    let t = std::time::Instant::now();
    let scores = cmp.score_pairs(&lefts, &rights);
    let secs = t.elapsed().as_secs_f64();
    println!(
        "{}: {} pairs in {:.3}s ({:.0} pairs/s)",
        path.display(),
        rows.len(),
        secs,
        rows.len() as f64 / secs.max(1e-9)
    );
    let all: Vec<(f64, bool)> = scores
        .iter()
        .zip(&rows)
        .map(|(&s, r)| (s, r.label))
        .collect();
    report("overall", &all);
    let mut by_kind: BTreeMap<&str, Vec<(f64, bool)>> = BTreeMap::new();
    for (s, r) in scores.iter().zip(&rows) {
        by_kind.entry(kind_of(r)).or_default().push((*s, r.label));
    }
    if by_kind.len() > 1 {
        for (k, v) in &by_kind {
            report(k, v);
        }
    }
    let threshold = LabelledScores::from_pairs(all.iter().copied())
        .best_f1()
        .map_or(0.5, |p| p.threshold);
    let mut errors: Vec<(f64, usize)> = scores
        .iter()
        .enumerate()
        .filter(|&(i, &s)| (s >= threshold) != rows[i].label)
        .map(|(i, &s)| ((s - threshold).abs(), i))
        .collect();
    errors.sort_by(|a, b| b.0.total_cmp(&a.0));
    println!(
        "{} errors at threshold {threshold:.4}; worst {}:",
        errors.len(),
        worst.min(errors.len())
    );
    let mut shown: Vec<usize> = errors.iter().take(worst).map(|e| e.1).collect();
    // The highest-scoring negatives decide recall at high precision: show some too.
    let mut negs: Vec<usize> = (0..rows.len()).filter(|&i| !rows[i].label).collect();
    negs.sort_by(|&a, &b| scores[b].total_cmp(&scores[a]));
    let extra: Vec<usize> = negs
        .into_iter()
        .take(worst / 2)
        .filter(|i| !shown.contains(i))
        .collect();
    shown.extend(extra);
    for i in shown {
        let r = &rows[i];
        if r.label && scores[i] >= threshold {
            continue;
        }
        println!(
            "  {} {:<7} label={} score={:.4}  {}  |  {}",
            id_of(r, i),
            kind_of(r),
            r.label as u8,
            scores[i],
            r.left,
            r.right
        );
    }
}
