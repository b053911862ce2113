//! `hawiya index build` / `add` / `clusters`: a registry indexed on disk, new records added
//! with their clusters and a change log, bad indexes and inputs exit 2.

mod common;

use common::{csv_rows, data, dir, hawiya, ok};

use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The registry split: every 8th data row is "new", the rest the indexed registry.
fn split(d: &Path) -> (PathBuf, PathBuf) {
    let text = std::fs::read_to_string(data("registry.csv")).unwrap();
    let mut lines = text.lines();
    let header = lines.next().unwrap();
    let (mut old, mut new) = (vec![header], vec![header]);
    for (i, l) in lines.enumerate() {
        if i % 8 == 7 { &mut new } else { &mut old }.push(l);
    }
    let (o, n) = (d.join("old.csv"), d.join("new.csv"));
    std::fs::write(&o, old.join("\n") + "\n").unwrap();
    std::fs::write(&n, new.join("\n") + "\n").unwrap();
    (o, n)
}

fn build(d: &Path, old: &Path) -> PathBuf {
    let clusters = d.join("old_clusters.csv");
    ok(&hawiya(&[
        "dedupe",
        old.to_str().unwrap(),
        "--output",
        clusters.to_str().unwrap(),
        "-q",
    ]));
    let index = d.join("index");
    ok(&hawiya(&[
        "index",
        "build",
        old.to_str().unwrap(),
        "--output",
        index.to_str().unwrap(),
        "--clusters",
        clusters.to_str().unwrap(),
        "-q",
    ]));
    index
}

#[test]
fn new_records_join_known_clusters_and_the_index_grows() {
    let d = dir("index-add");
    let (old, new) = split(&d);
    let index = build(&d, &old);
    let out = d.join("new_clusters.csv");
    ok(&hawiya(&[
        "index",
        "add",
        index.to_str().unwrap(),
        new.to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
        "-q",
    ]));
    let added = csv_rows(&out);
    assert_eq!(added[0], ["unique_id", "cluster_id"]);
    let rejects = csv_rows(&PathBuf::from(format!("{}.rejects.csv", out.display())));
    assert_eq!(added.len() - 1 + rejects.len() - 1, 50);
    // Most new records belong to a person already in the registry: they get that
    // person's cluster id (an id of the old clusters file).
    let old_ids: std::collections::HashSet<String> = csv_rows(&d.join("old_clusters.csv"))[1..]
        .iter()
        .map(|r| r[1].clone())
        .collect();
    let joined = added[1..]
        .iter()
        .filter(|r| old_ids.contains(&r[1]))
        .count();
    assert!(joined >= 20, "{joined} of {} joined", added.len() - 1);
    // The change log lists every new record as new.
    let log = csv_rows(&PathBuf::from(format!("{}.changes.csv", out.display())));
    assert_eq!(
        log[0],
        ["unique_id", "old_cluster_id", "new_cluster_id", "change"]
    );
    let new_in_log = log[1..].iter().filter(|r| r[3] == "new").count();
    assert_eq!(new_in_log, added.len() - 1);
    // The index now holds every record; its clusters agree with the outputs.
    let all = d.join("all.csv");
    ok(&hawiya(&[
        "index",
        "clusters",
        index.to_str().unwrap(),
        "--output",
        all.to_str().unwrap(),
    ]));
    let all = csv_rows(&all);
    assert_eq!(all.len() - 1, 400);
    let cluster_of: HashMap<&str, &str> = all[1..]
        .iter()
        .map(|r| (r[0].as_str(), r[1].as_str()))
        .collect();
    for r in &added[1..] {
        assert_eq!(cluster_of[r[0].as_str()], r[1]);
    }
    // Adding the same rows again: all rejected as already indexed, nothing changes.
    let again = d.join("again.csv");
    ok(&hawiya(&[
        "index",
        "add",
        index.to_str().unwrap(),
        new.to_str().unwrap(),
        "--output",
        again.to_str().unwrap(),
        "-q",
    ]));
    assert_eq!(csv_rows(&again).len(), 1);
    let rejects = csv_rows(&PathBuf::from(format!("{}.rejects.csv", again.display())));
    assert_eq!(rejects.len() - 1, 50);
    assert!(
        rejects[1][2].contains("already indexed"),
        "{:?}",
        rejects[1]
    );
}

#[test]
fn the_index_agrees_with_a_full_run_on_the_small_registry() {
    // Pairwise F1 against the truth of the incremental clusters and of a full run.
    let d = dir("index-vs-full");
    let (old, new) = split(&d);
    let index = build(&d, &old);
    let out = d.join("new_clusters.csv");
    ok(&hawiya(&[
        "index",
        "add",
        index.to_str().unwrap(),
        new.to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
        "-q",
    ]));
    let all = d.join("all.csv");
    ok(&hawiya(&[
        "index",
        "clusters",
        index.to_str().unwrap(),
        "--output",
        all.to_str().unwrap(),
    ]));
    let full = d.join("full.csv");
    let input = data("registry.csv");
    ok(&hawiya(&[
        "dedupe",
        input.to_str().unwrap(),
        "--output",
        full.to_str().unwrap(),
        "-q",
    ]));
    let f1 = |clusters: &Path| {
        let o = hawiya(&[
            "eval",
            "--clusters",
            clusters.to_str().unwrap(),
            "--truth",
            input.to_str().unwrap(),
            "--truth-column",
            "cluster",
        ]);
        ok(&o);
        let text = String::from_utf8(o.stdout).unwrap();
        let json: serde_json::Value = serde_json::from_str(text.lines().last().unwrap()).unwrap();
        json["pairwise"]["f1"].as_f64().unwrap()
    };
    let (inc, full) = (f1(&all), f1(&full));
    assert!(inc > full - 0.05, "incremental {inc}, full run {full}");
}

#[test]
fn bad_indexes_and_inputs_exit_2() {
    let d = dir("index-bad");
    let (old, new) = split(&d);
    let index = build(&d, &old);
    let out = d.join("o.csv");
    let add = |index: &Path, new: &Path| {
        hawiya(&[
            "index",
            "add",
            index.to_str().unwrap(),
            new.to_str().unwrap(),
            "--output",
            out.to_str().unwrap(),
            "-q",
        ])
    };
    // A missing column in the new rows.
    let text = std::fs::read_to_string(&new).unwrap();
    let no_dob = d.join("no_dob.csv");
    std::fs::write(&no_dob, text.replacen("dob", "birth", 1)).unwrap();
    let o = add(&index, &no_dob);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("no_dob.csv") && err.contains("dob"), "{err}");
    // Not an index.
    let o = add(&d, &new);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("manifest.json"));
    // A damaged records file.
    let damaged = d.join("damaged");
    std::fs::create_dir_all(&damaged).unwrap();
    for f in std::fs::read_dir(&index).unwrap() {
        let f = f.unwrap();
        std::fs::copy(f.path(), damaged.join(f.file_name())).unwrap();
    }
    let rec = damaged.join("records.jsonl");
    let mut bytes = std::fs::read(&rec).unwrap();
    bytes.truncate(bytes.len() - 10);
    std::fs::write(&rec, bytes).unwrap();
    let o = add(&damaged, &new);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("records.jsonl") && err.contains("damaged"),
        "{err}"
    );
    // Clusters for ids the input does not have.
    let bad_clusters = d.join("bad_clusters.csv");
    std::fs::write(&bad_clusters, "unique_id,cluster_id\nnobody,x\n").unwrap();
    let o = hawiya(&[
        "index",
        "build",
        old.to_str().unwrap(),
        "--output",
        d.join("i2").to_str().unwrap(),
        "--clusters",
        bad_clusters.to_str().unwrap(),
        "-q",
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("bad_clusters.csv") && err.contains("row 1"),
        "{err}"
    );
}
