//! `hawiya dedupe` on skewed and reordered input: a fifth of the records sharing one name
//! gives capped blocks and a warning, not lost rows; the clusters file is byte-identical
//! for 1, 2 and 8 threads, and the same clustering comes out of shuffled input.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn dir(name: &str) -> PathBuf {
    let d = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn hawiya(args: &[&str], threads: Option<usize>) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_hawiya"));
    c.args(args);
    if let Some(t) = threads {
        c.env("RAYON_NUM_THREADS", t.to_string());
    }
    let o = c.output().unwrap();
    assert!(
        o.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    o
}

fn p(path: &Path) -> &str {
    path.to_str().unwrap()
}

fn generate(path: &Path, records: u64, seed: u64, skew: f64) {
    hawiya(
        &[
            "generate",
            "--records",
            &records.to_string(),
            "--seed",
            &seed.to_string(),
            "--skew-share",
            &skew.to_string(),
            "--output",
            p(path),
        ],
        None,
    );
}

fn data_rows(path: &Path) -> usize {
    csv::Reader::from_path(path).unwrap().records().count()
}

#[test]
fn a_skewed_name_caps_blocks_with_a_warning_and_loses_no_row() {
    let d = dir("skew");
    let input = d.join("skew.csv");
    generate(&input, 3000, 5, 0.2);
    let text = std::fs::read_to_string(&input).unwrap();
    let common = text
        .lines()
        .filter(|l| l.contains(",محمد العلي,") || l.contains(",Mohammed Al-Ali,"))
        .count();
    assert_eq!(common, 600);
    let out = d.join("clusters.csv");
    let o = hawiya(&["dedupe", p(&input), "--output", p(&out)], None);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("oversized block(s)") && err.contains("paired within a window of"),
        "{err}"
    );
    // The warning names rules and sizes, never the shared name.
    assert!(!err.contains("Mohammed Al-Ali") && !err.contains("محمد العلي"));
    let rejects = PathBuf::from(format!("{}.rejects.csv", out.display()));
    assert_eq!(data_rows(&out) + data_rows(&rejects), 3000);
}

/// `unique_id → cluster_id` of a clusters file.
fn clustering(path: &Path) -> BTreeMap<String, String> {
    csv::Reader::from_path(path)
        .unwrap()
        .records()
        .map(|r| {
            let r = r.unwrap();
            (r[0].to_string(), r[1].to_string())
        })
        .collect()
}

#[test]
fn clusters_do_not_depend_on_threads_or_input_order() {
    let d = dir("determinism");
    let input = d.join("registry.csv");
    generate(&input, 2500, 11, 0.05);
    let run = |input: &Path, threads: usize, name: &str| {
        let out = d.join(name);
        let pairs = d.join(format!("{name}.pairs.csv"));
        hawiya(
            &[
                "dedupe",
                p(input),
                "--output",
                p(&out),
                "--pairs",
                p(&pairs),
                "-q",
            ],
            Some(threads),
        );
        (std::fs::read(&out).unwrap(), std::fs::read(&pairs).unwrap())
    };
    let one = run(&input, 1, "t1.csv");
    assert!(one.0.len() > 2500 * 10);
    for t in [2, 8] {
        let other = run(&input, t, &format!("t{t}.csv"));
        assert!(
            one.0 == other.0,
            "clusters differ between 1 and {t} threads"
        );
        assert!(one.1 == other.1, "pairs differ between 1 and {t} threads");
    }

    // The same rows, shuffled (a fixed permutation): the same clustering.
    let text = std::fs::read_to_string(&input).unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    let header = lines.remove(0);
    let n = lines.len();
    let mut shuffled: Vec<&str> = (0..n).map(|i| lines[(i * 7919 + 13) % n]).collect();
    shuffled.insert(0, header);
    let mut sorted = shuffled[1..].to_vec();
    sorted.sort_unstable();
    let mut orig = lines.clone();
    orig.sort_unstable();
    assert_eq!(sorted, orig, "the permutation keeps every row");
    let shuffled_input = d.join("shuffled.csv");
    std::fs::write(&shuffled_input, shuffled.join("\n") + "\n").unwrap();
    run(&shuffled_input, 2, "shuffled.csv");
    let a = clustering(&d.join("t1.csv"));
    let b = clustering(&d.join("shuffled.csv"));
    assert_eq!(a.len(), b.len());
    assert!(a == b, "shuffled input gives other clusters");
}
