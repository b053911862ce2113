//! Parquet in and out: a registry read from Parquet gives the clusters, pairs and rejects
//! of the same registry read from CSV, and outputs ending in `.parquet` are Parquet.

#![cfg(feature = "parquet")]

mod common;

use common::{data, dir, hawiya, ok};

use std::path::{Path, PathBuf};

use hawiya_cli::input::InputOptions;
use hawiya_cli::tabular::{TableWriter, read_table};

/// Every row of a CSV or Parquet table, header first (a null read as "").
fn rows(path: &Path) -> Vec<Vec<String>> {
    rows_by(path, "unique_id")
}

/// [`rows`] of a table whose id column is `id`.
fn rows_by(path: &Path, id: &str) -> Vec<Vec<String>> {
    let t = read_table(path, &InputOptions::default(), id)
        .unwrap()
        .table;
    let names = t.names().to_vec();
    let mut out = vec![names.clone()];
    for i in 0..t.len() {
        out.push(
            names
                .iter()
                .map(|c| t.value(i, c).unwrap_or("").to_string())
                .collect(),
        );
    }
    out
}

/// `csv` copied to Parquet (every column text, empty fields as nulls), with `extra` rows.
fn to_parquet(csv: &Path, parquet: &Path, extra: &[&[&str]]) {
    let rows = rows(csv);
    let mut w = TableWriter::create(parquet, &rows[0]).unwrap();
    for r in &rows[1..] {
        w.write_row(r).unwrap();
    }
    for r in extra {
        w.write_row(r).unwrap();
    }
    w.finish().unwrap();
}

#[test]
fn a_parquet_registry_gives_the_csv_results() {
    let d = dir("parquet-roundtrip");
    let csv_in = data("registry.csv");
    // A blank id and a repeated id: rejected alike from both formats.
    let extra: [&[&str]; 2] = [
        &[
            "",
            "education",
            "Mona Haddad",
            "1990-02-03",
            "",
            "",
            "",
            "",
            "x",
        ],
        &[
            "r0000001",
            "education",
            "Omar Ali",
            "1971-11-20",
            "",
            "",
            "",
            "",
            "y",
        ],
    ];
    let csv_all = d.join("registry.csv");
    let mut text = std::fs::read_to_string(&csv_in).unwrap();
    for r in extra {
        text.push_str(&r.join(","));
        text.push('\n');
    }
    std::fs::write(&csv_all, text).unwrap();
    let pq_in = d.join("registry.parquet");
    to_parquet(&csv_in, &pq_in, &extra);

    let run = |input: &Path, ext: &str| -> (PathBuf, PathBuf, PathBuf) {
        let out = d.join(format!("clusters-{ext}.{ext}"));
        let pairs = d.join(format!("pairs-{ext}.{ext}"));
        let rejects = d.join(format!("rejects-{ext}.{ext}"));
        ok(&hawiya(&[
            "dedupe",
            input.to_str().unwrap(),
            "--output",
            out.to_str().unwrap(),
            "--pairs",
            pairs.to_str().unwrap(),
            "--rejects",
            rejects.to_str().unwrap(),
            "-q",
        ]));
        (out, pairs, rejects)
    };
    let (c_csv, p_csv, r_csv) = run(&csv_all, "csv");
    let (c_pq, p_pq, r_pq) = run(&pq_in, "parquet");
    // The outputs are Parquet files (magic bytes at both ends).
    for p in [&c_pq, &p_pq, &r_pq] {
        let bytes = std::fs::read(p).unwrap();
        assert!(
            bytes.starts_with(b"PAR1") && bytes.ends_with(b"PAR1"),
            "{p:?}"
        );
    }
    let clusters = rows(&c_csv);
    assert_eq!(clusters.len(), 401);
    assert_eq!(rows(&c_pq), clusters);
    let rejects = rows(&r_csv);
    assert_eq!(rejects.len(), 3, "{rejects:?}");
    assert_eq!(rows(&r_pq), rejects);
    // Probabilities are float64 columns in Parquet: compared as numbers.
    let (a, b) = (
        rows_by(&p_csv, "unique_id_l"),
        rows_by(&p_pq, "unique_id_l"),
    );
    assert!(a.len() > 100);
    assert_eq!(a.len(), b.len());
    assert_eq!(a[0], b[0]);
    for (x, y) in a[1..].iter().zip(&b[1..]) {
        for (i, (u, v)) in x.iter().zip(y).enumerate() {
            if i == 2 || i == 3 {
                let (u, v): (f64, f64) = (u.parse().unwrap(), v.parse().unwrap());
                assert!((u - v).abs() < 1e-9, "{x:?} {y:?}");
            } else {
                assert_eq!(u, v);
            }
        }
    }
}

#[test]
fn a_file_that_is_not_parquet_exits_2_naming_it() {
    let d = dir("parquet-bad");
    let bad = d.join("bad.parquet");
    std::fs::write(&bad, b"unique_id,full_name\n1,x\n").unwrap();
    let o = hawiya(&[
        "dedupe",
        bad.to_str().unwrap(),
        "--output",
        d.join("o.csv").to_str().unwrap(),
        "-q",
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("bad.parquet") && err.contains("Parquet"),
        "{err}"
    );
}
