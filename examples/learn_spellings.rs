//! Learn which Arabic names a Latin spelling denotes, and how often: writes
//! `src/name/data/spelling_senses.tsv`, the table behind the comparator's sense evidence
//! (see `hawiya::name::senses`).
//!
//! ```text
//! cargo run --release --example learn_spellings -- [--tokens TOKENS.tsv] [--out FILE]
//! ```
//!
//! Sources, each a list of (Arabic-script name, Latin spelling, weight):
//! 1. the synthetic generator's inventory (`synth/data/names/*.tsv`): every Latin spelling
//!    listed for a row (English, French and Gulf columns; an empty column falls back to
//!    English) with weight `1/(rank+1)` in its column, normalised over the row to a share
//!    of the row, times `2 + ln(1 + freq)` — a common name claims an ambiguous spelling
//!    more often than a rare one, though less than in proportion (freq is a judgement);
//! 2. the variant table (`data/name_variants.tsv`): each Latin spelling of an entry, under
//!    each of its Arabic-script forms, weight 1;
//! 3. the single-token development pairs (`xscript-tokens-dev.tsv`, default
//!    `$HAWIYA_SHARED_DATA` or `<crate>/../shared/data`; skipped when absent): each
//!    `ar-lat` positive whose sides are one name token each, weight 1.
//!
//! Rows are summed per (Arabic, Latin) pair as written and sorted; the runtime groups them
//! by phonetic code. The table is data: rerun this example when a source changes.

use std::collections::BTreeMap;
use std::path::PathBuf;

use hawiya::name::Normalizer;
use hawiya::text::{Script, detect_script};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let shared = std::env::var_os("HAWIYA_SHARED_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("../shared/data"));
    let mut tokens = shared.join("xscript-tokens-dev.tsv");
    let mut out = root.join("src/name/data/spelling_senses.tsv");
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--tokens" => tokens = PathBuf::from(args.next().ok_or("--tokens needs a file")?),
            "--out" => out = PathBuf::from(args.next().ok_or("--out needs a file")?),
            other => return Err(format!("unknown argument {other}").into()),
        }
    }
    let norm = Normalizer::default();
    // One name token with a code, else None.
    let one_token = |s: &str| -> bool {
        let p = norm.normalize(s);
        p.tokens
            .iter()
            .filter(|t| t.role().is_name() && !t.code().is_empty())
            .count()
            == 1
    };
    let mut weights: BTreeMap<(String, String), f64> = BTreeMap::new();
    let mut add = |ar: &str, lat: &str, w: f64| {
        if w > 0.0 && one_token(ar) && one_token(lat) {
            *weights
                .entry((ar.trim().to_string(), lat.trim().to_string()))
                .or_default() += w;
        }
    };
    let mut counts = [0usize; 3];
    // 1. Inventory.
    for (file, freq_col, first) in [("given_names.tsv", 3, 4), ("family_names.tsv", 2, 3)] {
        let text = std::fs::read_to_string(root.join("synth/data/names").join(file))?;
        for line in text
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        {
            let cols: Vec<&str> = line.split('\t').collect();
            let Some(&ar) = cols.first() else { continue };
            let freq: f64 = cols
                .get(freq_col)
                .and_then(|f| f.trim().parse().ok())
                .unwrap_or(1.0);
            let english = cols.get(first).copied().unwrap_or("");
            let mut share: BTreeMap<&str, f64> = BTreeMap::new();
            for k in 0..3 {
                let col = cols.get(first + k).copied().unwrap_or("").trim();
                let col = if col.is_empty() { english } else { col };
                for (r, s) in col
                    .split('|')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .enumerate()
                {
                    *share.entry(s).or_default() += 1.0 / (r as f64 + 1.0);
                }
            }
            let total: f64 = share.values().sum();
            let mass = 2.0 + (1.0 + freq).ln();
            for (s, w) in share {
                add(ar, s, mass * w / total);
            }
            counts[0] += 1;
        }
    }
    // 2. Variant table.
    for line in hawiya::name::variants::VARIANTS_TSV.lines() {
        if line.starts_with('#') {
            continue;
        }
        let Some((_, spellings)) = line.split_once('\t') else {
            continue;
        };
        let (arabic, latin): (Vec<&str>, Vec<&str>) = spellings
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty() && !s.starts_with('='))
            .partition(|s| detect_script(s) == Script::Arabic);
        for a in &arabic {
            for l in &latin {
                add(a, l, 1.0);
            }
        }
        counts[1] += 1;
    }
    // 3. Development token pairs.
    match hawiya::eval::read_labelled_pairs(&tokens) {
        Ok(rows) => {
            for r in rows.iter().filter(|r| r.label && r.get("kind") == "ar-lat") {
                let (a, b) = (r.left.as_str(), r.right.as_str());
                let (ar, lat) = if detect_script(a) == Script::Arabic {
                    (a, b)
                } else {
                    (b, a)
                };
                add(ar, lat, 1.0);
                counts[2] += 1;
            }
        }
        Err(e) => eprintln!("note: {} not used: {e}", tokens.display()),
    }
    let mut text = String::from(
        "# Which Arabic names a Latin spelling denotes: arabic<TAB>latin<TAB>weight.\n\
         # Generated by `cargo run --release --example learn_spellings` (see that file and\n\
         # src/name/senses.rs); do not edit by hand.\n",
    );
    for ((ar, lat), w) in &weights {
        text.push_str(&format!("{ar}\t{lat}\t{w:.3}\n"));
    }
    std::fs::write(&out, text)?;
    println!(
        "{}: {} rows from {} inventory rows, {} variant entries, {} token pairs",
        out.display(),
        weights.len(),
        counts[0],
        counts[1],
        counts[2]
    );
    Ok(())
}
