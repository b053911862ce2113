//! Evaluate the name comparator on a labelled TSV of name pairs.
//!
//! ```text
//! cargo run --release --example eval_names -- [PAIRS.tsv] [--worst N] [--options OPTIONS.json]
//!     [--hard K] [--dump SCORES.tsv]
//! ```
//! The TSV needs a header with `left`, `right` and `label` (1 = same person); `kind`, if
//! present, splits the report. Default file: `xscript-dev.tsv` in the shared data folder
//! (`HAWIYA_SHARED_DATA`, else `<crate>/../shared/data`); when it is absent the example
//! prints a note and exits successfully. Prints ROC-AUC, average precision, best F1 and its
//! threshold, recall at precision 0.95 and 0.99, overall and per kind, and the worst errors
//! at the best-F1 threshold. Each line also gives `tie`: the largest share of the line's
//! pairs that hold one single score value (pairs equal after normalisation left out) — a
//! threshold cannot cut inside a tie.
//!
//! `--hard K` runs the harder check of `examples/common/hard_check.rs` instead: every
//! positive of the file, each with the `K` nearest other-person names of a bigger pool
//! (the file's names and the generator's inventory) from each side. Ties always count
//! against: a threshold is placed between distinct scores only. It is reported twice:
//! with every mined negative, and without the namesakes (negatives that are the same name
//! token by token — same phonetic code or variant-table entry — which no name comparator
//! can tell apart). `--dump` writes `id kind label score left right` per pair.

#[path = "common/hard_check.rs"]
mod hard_check;

use std::collections::BTreeMap;
use std::path::PathBuf;

use hawiya::eval::LabelledPair;
use hawiya::eval::LabelledScores;
use hawiya::name::{CompareOptions, NameComparator};

/// The largest share of `scores` holding one score value, and that value.
fn max_tie(scores: &[(f64, bool)]) -> (f64, f64) {
    let mut counts: BTreeMap<u64, usize> = BTreeMap::new();
    for &(s, _) in scores {
        *counts.entry(s.to_bits()).or_default() += 1;
    }
    counts
        .into_iter()
        .max_by_key(|&(_, c)| c)
        .map_or((0.0, 0.0), |(b, c)| {
            (c as f64 / scores.len().max(1) as f64, f64::from_bits(b))
        })
}

fn report(name: &str, scores: &[(f64, bool)], equal: &[bool]) {
    let untied: Vec<(f64, bool)> = scores
        .iter()
        .zip(equal)
        .filter(|(_, e)| !**e)
        .map(|(s, _)| *s)
        .collect();
    let (tie, tie_at) = max_tie(&untied);
    let tie = tie * untied.len() as f64 / scores.len().max(1) as f64;
    let ls = LabelledScores::from_pairs(scores.iter().copied());
    let f = |x: Option<f64>| x.map_or("-".to_string(), |v| format!("{v:.4}"));
    let best = ls.best_f1();
    let r95 = ls.recall_at_precision(0.95);
    let r99 = ls.recall_at_precision(0.99);
    println!(
        "{name:<10} n={:<6} auc={} ap={} bestF1={} @{} R@P.95={} R@P.99={} tie={:.4}@{:.4}",
        ls.len(),
        f(ls.roc_auc()),
        f(ls.average_precision()),
        f(best.as_ref().map(|p| p.f1)),
        f(best.as_ref().map(|p| p.threshold)),
        f(r95.as_ref().map(|p| p.recall)),
        f(r99.as_ref().map(|p| p.recall)),
        tie,
        tie_at,
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
    let mut hard: Option<usize> = None;
    let mut dump: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--hard" => hard = Some(args.next().and_then(|v| v.parse().ok()).unwrap_or(5)),
            "--dump" => dump = args.next().map(PathBuf::from),
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
    let rows = match hard {
        None => rows,
        Some(k) => {
            let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("synth/data/names");
            let inventory = hard_check::inventory(&dir);
            let pairs = match hard_check::build(&rows, &inventory, &cmp, k) {
                Ok(p) => p,
                Err(e) => {
                    eprintln!("error: {e}");
                    std::process::exit(2);
                }
            };
            let text: String =
                std::iter::once("pair_id\tkind\tlabel\tnamesake\tleft\tright".to_string())
                    .chain(pairs.iter().enumerate().map(|(i, p)| {
                        format!(
                            "h{i}\t{}\t{}\t{}\t{}\t{}",
                            p.kind,
                            u8::from(p.label),
                            u8::from(p.namesake),
                            p.left,
                            p.right
                        )
                    }))
                    .collect::<Vec<_>>()
                    .join("\n");
            let rows = match hawiya::eval::parse_labelled_pairs(&text, "hard") {
                Ok(r) => r,
                Err(e) => {
                    eprintln!("error: {e}");
                    std::process::exit(2);
                }
            };
            println!(
                "hard check: {} positives, {} mined negatives ({} nearest per side, {} inventory rows)",
                rows.iter().filter(|r| r.label).count(),
                rows.iter().filter(|r| !r.label).count(),
                k,
                inventory.len()
            );
            rows
        }
    };
    let lefts: Vec<&str> = rows.iter().map(|r| r.left.as_str()).collect();
    let rights: Vec<&str> = rows.iter().map(|r| r.right.as_str()).collect();
    // Tables load on first use: time the steady state.
    cmp.similarity_str("محمد صالح", "Mohamed Saleh");
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
    let equal: Vec<bool> = rows
        .iter()
        .map(|r| cmp.prepare(&r.left).name().normalized == cmp.prepare(&r.right).name().normalized)
        .collect();
    if let Some(p) = &dump {
        let text: String = rows
            .iter()
            .enumerate()
            .map(|(i, r)| {
                format!(
                    "{}\t{}\t{}\t{:.6}\t{}\t{}\n",
                    id_of(r, i),
                    kind_of(r),
                    u8::from(r.label),
                    scores[i],
                    r.left,
                    r.right
                )
            })
            .collect();
        if let Err(e) = std::fs::write(p, text) {
            eprintln!("cannot write {}: {e}", p.display());
        }
    }
    let all: Vec<(f64, bool)> = scores
        .iter()
        .zip(&rows)
        .map(|(&s, r)| (s, r.label))
        .collect();
    report("overall", &all, &equal);
    type Kind = (Vec<(f64, bool)>, Vec<bool>);
    let mut by_kind: BTreeMap<&str, Kind> = BTreeMap::new();
    for ((s, r), e) in scores.iter().zip(&rows).zip(&equal) {
        let k = by_kind.entry(kind_of(r)).or_default();
        k.0.push((*s, r.label));
        k.1.push(*e);
    }
    if by_kind.len() > 1 {
        for (k, (v, e)) in &by_kind {
            report(k, v, e);
        }
    }
    if hard.is_some() {
        // Namesakes (the same name token by token) are beyond any name comparator: the
        // same report without them.
        println!("without namesake negatives:");
        let mut by_kind: BTreeMap<&str, Kind> = BTreeMap::new();
        for ((s, r), e) in scores.iter().zip(&rows).zip(&equal) {
            if r.get("namesake") == "1" {
                continue;
            }
            let k = by_kind.entry(kind_of(r)).or_default();
            k.0.push((*s, r.label));
            k.1.push(*e);
        }
        for (k, (v, e)) in &by_kind {
            report(k, v, e);
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
