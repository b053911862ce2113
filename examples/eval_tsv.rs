//! Binary metrics for a labelled pair TSV, overall and per group.
//!
//! ```text
//! cargo run --release --example eval_tsv -- [FILE.tsv] [--by COLUMN]
//! ```
//!
//! The file needs a header with `label` (1/0) and either a `score` column or `left` and
//! `right` names; without `score`, the baseline score is the Jaro–Winkler similarity of the
//! lowercased names (a reference point for real comparators, not one itself). `--by`
//! (default `kind`) splits the report by that column when present. Without a FILE, the
//! shared development set is used (`$HAWIYA_SHARED_DATA/xscript-dev.tsv`, else
//! `<crate>/../shared/data/xscript-dev.tsv`); when it is missing the example says so and
//! exits successfully.

use std::path::PathBuf;

use hawiya::eval::{LabelledScores, reports_by_group};
use hawiya::similarity::jaro;

fn default_file() -> PathBuf {
    let dir = std::env::var_os("HAWIYA_SHARED_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data"));
    dir.join("xscript-dev.tsv")
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut file = None;
    let mut by = "kind".to_owned();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--by" => by = args.next().ok_or("--by needs a column name")?,
            _ => file = Some(PathBuf::from(a)),
        }
    }
    let path = file.unwrap_or_else(default_file);
    if !path.exists() {
        println!("note: {} not found, nothing to evaluate", path.display());
        return Ok(());
    }
    let text = std::fs::read_to_string(&path)?;
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().ok_or("empty file")?.split('\t').collect();
    let col = |name: &str| header.iter().position(|h| *h == name);
    let label = col("label").ok_or("no `label` column")?;
    let score = col("score");
    let (left, right) = (col("left"), col("right"));
    if score.is_none() && (left.is_none() || right.is_none()) {
        return Err("need a `score` column or `left` and `right`".into());
    }
    let group = col(&by);
    let id = col("pair_id").or_else(|| col("id"));

    let mut rows = Vec::new();
    let mut shown = Vec::new();
    for (row, line) in lines.enumerate() {
        if line.is_empty() {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        let get = |i: usize| {
            f.get(i)
                .copied()
                .ok_or_else(|| format!("row {}: missing column {}", row + 1, header[i]))
        };
        let y = match get(label)? {
            "1" => true,
            "0" => false,
            _ => return Err(format!("row {}: label is not 0 or 1", row + 1).into()),
        };
        let s = match score {
            Some(i) => get(i)?
                .parse::<f64>()
                .map_err(|_| format!("row {}: unparseable score", row + 1))?,
            None => {
                let l: Vec<char> = get(left.unwrap_or(0))?.to_lowercase().chars().collect();
                let r: Vec<char> = get(right.unwrap_or(0))?.to_lowercase().chars().collect();
                jaro::jaro_winkler(&l, &r)
            }
        };
        let g = match group {
            Some(g) => get(g)?.to_owned(),
            None => String::new(),
        };
        rows.push((g, s, y));
        let show = |c: Option<usize>| c.and_then(|i| f.get(i)).copied().unwrap_or("");
        shown.push(format!("{}\t{}\t{}", show(id), show(left), show(right)));
    }
    let what = if score.is_some() {
        "score column"
    } else {
        "baseline: jaro-winkler on lowercased names"
    };
    println!("{} ({what})\n", path.display());
    let scores = LabelledScores::from_pairs(rows.iter().map(|r| (r.1, r.2)));
    let (overall, groups) = reports_by_group(rows);
    println!("== overall\n{overall}\n");
    if group.is_some() {
        for (g, report) in groups {
            println!("== {by} = {g}\n{report}\n");
        }
    }
    if let Some(best) = overall.best_f1 {
        println!(
            "== 20 worst errors at the best-f1 threshold {:.4}",
            best.threshold
        );
        for e in scores.worst_errors(best.threshold, 20) {
            let what = if e.label { "missed" } else { "false" };
            println!("{what}\t{:.4}\t{}", e.score, shown[e.index]);
        }
    }
    Ok(())
}
