//! `--previous` on `dedupe` and `link`: earlier cluster ids are kept, the change log says
//! what changed, and a bad previous file exits 2 naming its row.

mod common;

use common::{csv_rows, data, dir, hawiya, ok};

use std::path::{Path, PathBuf};

fn write_rows(path: &Path, rows: &[Vec<String>]) {
    let mut w = csv::Writer::from_path(path).unwrap();
    for r in rows {
        w.write_record(r).unwrap();
    }
    w.flush().unwrap();
}

#[test]
fn a_second_run_on_unchanged_data_keeps_every_id() {
    let d = dir("previous-unchanged");
    let (first, second) = (d.join("first.csv"), d.join("second.csv"));
    let input = data("registry.csv").display().to_string();
    ok(&hawiya(&[
        "dedupe",
        &input,
        "--output",
        first.to_str().unwrap(),
        "-q",
    ]));
    // Ids of the first run renamed, as if a registry had its own numbering.
    let mut renamed = csv_rows(&first);
    for r in &mut renamed[1..] {
        r[1] = format!("P-{}", r[1]);
    }
    let prev = d.join("prev.csv");
    write_rows(&prev, &renamed);
    ok(&hawiya(&[
        "dedupe",
        &input,
        "--output",
        second.to_str().unwrap(),
        "--previous",
        prev.to_str().unwrap(),
        "-q",
    ]));
    assert_eq!(csv_rows(&second), renamed);
    let changes = csv_rows(&PathBuf::from(format!("{}.changes.csv", second.display())));
    assert_eq!(
        changes,
        [["unique_id", "old_cluster_id", "new_cluster_id", "change"]]
    );
}

#[test]
fn changed_assignments_are_logged() {
    let d = dir("previous-changed");
    let (first, second) = (d.join("first.csv"), d.join("second.csv"));
    let input = data("registry.csv").display().to_string();
    ok(&hawiya(&[
        "dedupe",
        &input,
        "--output",
        first.to_str().unwrap(),
        "-q",
    ]));
    let rows = csv_rows(&first);
    // The previous run: one record of a cluster of 3+ apart, two singletons merged,
    // and the last record not yet there.
    let mut size: std::collections::HashMap<&str, usize> = Default::default();
    for r in &rows[1..] {
        *size.entry(r[1].as_str()).or_default() += 1;
    }
    let big = rows[1..].iter().find(|r| size[r[1].as_str()] >= 3).unwrap()[1].clone();
    let singles: Vec<String> = rows[1..]
        .iter()
        .filter(|r| size[r[1].as_str()] == 1 && r[0] != rows[rows.len() - 1][0])
        .map(|r| r[0].clone())
        .take(2)
        .collect();
    let mut prev = vec![rows[0].clone()];
    let mut moved_off = None;
    for r in &rows[1..rows.len() - 1] {
        let mut r = r.clone();
        if r[1] == big && moved_off.is_none() && r[0] != big {
            moved_off = Some(r[0].clone());
            r[1] = "X-split".into();
        } else if r[0] == singles[0] || r[0] == singles[1] {
            r[1] = "X-pair".into();
        }
        prev.push(r);
    }
    let prev_path = d.join("prev.csv");
    write_rows(&prev_path, &prev);
    let changes = d.join("log.csv");
    ok(&hawiya(&[
        "dedupe",
        &input,
        "--output",
        second.to_str().unwrap(),
        "--previous",
        prev_path.to_str().unwrap(),
        "--changes",
        changes.to_str().unwrap(),
        "-q",
    ]));
    let log = csv_rows(&changes);
    let kind = |id: &str| {
        log.iter()
            .find(|r| r[0] == id)
            .map(|r| r[3].clone())
            .unwrap_or_else(|| "same".into())
    };
    assert_eq!(kind(&rows[rows.len() - 1][0]), "new");
    // The split-off record joins its cluster again (which kept its id): merged.
    assert_eq!(kind(moved_off.as_deref().unwrap()), "merged");
    // X-pair stays with one of the two singletons; the other splits off.
    let mut pair: Vec<String> = singles.iter().map(|s| kind(s)).collect();
    pair.sort();
    assert_eq!(pair, ["same", "split"]);
    let out = csv_rows(&second);
    let id_of = |id: &str| out.iter().find(|r| r[0] == id).unwrap()[1].clone();
    assert_eq!(id_of(&big), big);
    assert!(out.iter().any(|r| r[1] == "X-pair"));
    assert!(out.iter().all(|r| r[1] != "X-split"));
}

#[test]
fn link_keys_previous_ids_by_source() {
    let d = dir("previous-link");
    let (first, second) = (d.join("first.csv"), d.join("second.csv"));
    let (a, b) = (
        data("ministry_a.csv").display().to_string(),
        data("ministry_b.csv").display().to_string(),
    );
    ok(&hawiya(&[
        "link",
        &a,
        &b,
        "--output",
        first.to_str().unwrap(),
        "-q",
    ]));
    ok(&hawiya(&[
        "link",
        &a,
        &b,
        "--output",
        second.to_str().unwrap(),
        "--previous",
        first.to_str().unwrap(),
        "-q",
    ]));
    assert_eq!(csv_rows(&first), csv_rows(&second));
    let changes = csv_rows(&PathBuf::from(format!("{}.changes.csv", second.display())));
    assert_eq!(changes.len(), 1);
    assert_eq!(changes[0].last().unwrap(), "source");
}

#[test]
fn bad_previous_files_exit_2_naming_the_row() {
    let d = dir("previous-bad");
    let input = data("registry.csv").display().to_string();
    let out = d.join("c.csv");
    let cases: [(&str, &str); 4] = [
        ("dup.csv", "unique_id,cluster_id\nr0000001,a\nr0000001,b\n"),
        (
            "unknown.csv",
            "unique_id,cluster_id\nr0000001,a\nnobody,b\n",
        ),
        ("nocol.csv", "unique_id,cluster\nr0000001,a\n"),
        ("blank.csv", "unique_id,cluster_id\nr0000001,\n"),
    ];
    for (name, text) in cases {
        let p = d.join(name);
        std::fs::write(&p, text).unwrap();
        let o = hawiya(&[
            "dedupe",
            &input,
            "--output",
            out.to_str().unwrap(),
            "--previous",
            p.to_str().unwrap(),
            "-q",
        ]);
        assert_eq!(o.status.code(), Some(2), "{name}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains(name), "{name}: {err}");
        if name != "nocol.csv" {
            assert!(err.contains("row "), "{name}: {err}");
        } else {
            assert!(err.contains("cluster_id"), "{err}");
        }
    }
}

#[test]
fn labels_shape_the_clusters_and_previous_names_them() {
    // `--labels` and `--previous` in one run: the labels constrain the clustering, then the
    // earlier ids are kept on the clusters the labels shaped, and the log says what moved.
    let d = dir("previous-labels");
    let (first, second) = (d.join("first.csv"), d.join("second.csv"));
    let model = d.join("model.json");
    let input = data("registry.csv").display().to_string();
    ok(&hawiya(&[
        "dedupe",
        &input,
        "--output",
        first.to_str().unwrap(),
        "--save-model",
        model.to_str().unwrap(),
        "-q",
    ]));
    let rows = csv_rows(&first);
    let mut members: std::collections::BTreeMap<&str, Vec<&str>> = Default::default();
    for r in &rows[1..] {
        members
            .entry(r[1].as_str())
            .or_default()
            .push(r[0].as_str());
    }
    let pair = members
        .values()
        .find(|m| m.len() == 2)
        .expect("a cluster of 2");
    let singles: Vec<&str> = members
        .values()
        .filter(|m| m.len() == 1)
        .map(|m| m[0])
        .take(2)
        .collect();
    assert_eq!(singles.len(), 2);
    let (a, b) = (pair[0].min(pair[1]), pair[0].max(pair[1]));
    let (c, e) = (singles[0], singles[1]);
    // The previous run under a registry's own numbering.
    let mut prev = rows.clone();
    for r in &mut prev[1..] {
        r[1] = format!("P-{}", r[1]);
    }
    let prev_path = d.join("prev.csv");
    write_rows(&prev_path, &prev);
    let old: std::collections::HashMap<String, String> = prev[1..]
        .iter()
        .map(|r| (r[0].clone(), r[1].clone()))
        .collect();
    let labels = d.join("labels.csv");
    std::fs::write(
        &labels,
        format!("unique_id_l,unique_id_r,label\n{a},{b},non_match\n{c},{e},match\n"),
    )
    .unwrap();
    // The first run's model, so that only the labels change the clusters.
    let o = hawiya(&[
        "dedupe",
        &input,
        "--output",
        second.to_str().unwrap(),
        "--model",
        model.to_str().unwrap(),
        "--labels",
        labels.to_str().unwrap(),
        "--previous",
        prev_path.to_str().unwrap(),
    ]);
    ok(&o);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("labels         2 applied"), "{stderr}");
    let out = csv_rows(&second);
    let got: std::collections::HashMap<&str, &str> = out[1..]
        .iter()
        .map(|r| (r[0].as_str(), r[1].as_str()))
        .collect();
    // The cannot-link split the pair: the smaller id keeps the old id (the tie rule), the
    // other gets a fresh id named after itself.
    assert_eq!(got[a], old[a]);
    assert_eq!(got[b], b);
    // The must-link joined two people under the smaller old id.
    let (keep, gone) = if old[c] < old[e] { (c, e) } else { (e, c) };
    assert_eq!(got[c], old[keep]);
    assert_eq!(got[e], old[keep]);
    // Everyone else keeps the previous id.
    for (id, was) in &old {
        if ![a, b, c, e].contains(&id.as_str()) {
            assert_eq!(got[id.as_str()], was, "{id}");
        }
    }
    let mut log = csv_rows(&PathBuf::from(format!("{}.changes.csv", second.display())));
    log[1..].sort();
    let mut want = [
        vec![b.to_string(), old[b].clone(), b.to_string(), "split".into()],
        vec![
            gone.to_string(),
            old[gone].clone(),
            old[keep].clone(),
            "merged".into(),
        ],
    ];
    want.sort();
    assert_eq!(log[1..], want[..]);
    // `review` writes pairs, not clusters: it refuses --previous.
    let o = hawiya(&[
        "review",
        &input,
        "--output",
        d.join("review.csv").to_str().unwrap(),
        "--previous",
        prev_path.to_str().unwrap(),
        "-q",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--previous"));
}
