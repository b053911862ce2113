//! The analyst's loop on the command line: `hawiya review` writes the pairs to look at,
//! a reviewer's labels go back with `--labels` (the run report lists each decision), and
//! `--report` / `hawiya report` write the HTML report.

mod common;

use common::{dir, run_ok, s};

use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

fn rows(path: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::Reader::from_path(path).unwrap();
    let head = r.headers().unwrap().iter().map(str::to_string).collect();
    let body = r
        .records()
        .map(|x| x.unwrap().iter().map(str::to_string).collect())
        .collect();
    (head, body)
}

#[test]
fn review_labels_and_reports_round_trip() {
    let d = dir("review_loop");
    let input = d.join("registry.csv");
    run_ok(&[
        "generate",
        "--records",
        "2000",
        "--seed",
        "3",
        "--output",
        s(&input),
    ]);
    let (review, labels) = (d.join("review.csv"), d.join("labels.csv"));
    run_ok(&[
        "review",
        s(&input),
        "--output",
        s(&review),
        "--top",
        "30",
        "--quiet",
    ]);
    let (head, body) = rows(&review);
    assert_eq!(
        head[..4],
        ["unique_id_l", "unique_id_r", "match_probability", "why"]
    );
    assert!(head.contains(&"full_name_l".to_string()));
    assert_eq!(head[head.len() - 3..], ["label", "note", "reviewer"]);
    assert!(!body.is_empty() && body.len() <= 30);

    // The reviewer decides by the truth: the filled sheet is the labels file.
    let (th, tb) = rows(&input);
    let (id, cl) = (
        th.iter().position(|h| h == "unique_id").unwrap(),
        th.iter().position(|h| h == "cluster").unwrap(),
    );
    let truth: HashMap<&str, &str> = tb
        .iter()
        .map(|r| (r[id].as_str(), r[cl].as_str()))
        .collect();
    let label = head.iter().position(|h| h == "label").unwrap();
    let mut w = csv::Writer::from_path(&labels).unwrap();
    w.write_record(&head).unwrap();
    let mut decided = Vec::new();
    for mut r in body {
        let same = truth[r[0].as_str()] == truth[r[1].as_str()];
        r[label] = if same { "match" } else { "non_match" }.to_string();
        decided.push((r[0].clone(), r[1].clone(), same));
        w.write_record(&r).unwrap();
    }
    w.flush().unwrap();

    let (clusters, pairs, model, report) = (
        d.join("clusters.csv"),
        d.join("pairs.csv"),
        d.join("model.json"),
        d.join("report.html"),
    );
    let o = run_ok(&[
        "dedupe",
        s(&input),
        "--output",
        s(&clusters),
        "--pairs",
        s(&pairs),
        "--save-model",
        s(&model),
        "--labels",
        s(&labels),
        "--report",
        s(&report),
        "--report-truth",
        "cluster",
    ]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.contains(&format!("labels         {} applied", decided.len())),
        "{stderr}"
    );
    let (_, cb) = rows(&clusters);
    let cluster: HashMap<&str, &str> = cb.iter().map(|r| (r[0].as_str(), r[1].as_str())).collect();
    for (a, b, same) in &decided {
        assert_eq!(cluster[a.as_str()] == cluster[b.as_str()], *same, "{a} {b}");
        // Every decision is in the audit trail of the run report.
        assert!(stderr.contains(&format!("{a} – {b}: ")), "{a} – {b}");
    }
    let html = std::fs::read_to_string(&report).unwrap();
    assert!(html.starts_with("<!doctype html>") && html.contains("<section id=\"audit\""));

    // The same run's report from its saved outputs.
    let again = d.join("again.html");
    run_ok(&[
        "report",
        "--input",
        s(&input),
        "--clusters",
        s(&clusters),
        "--pairs",
        s(&pairs),
        "--model",
        s(&model),
        "--output",
        s(&again),
        "--truth-column",
        "cluster",
    ]);
    let again = std::fs::read_to_string(&again).unwrap();
    for id in ["model", "blocking", "scores", "clusters", "review"] {
        assert!(again.contains(&format!("<section id=\"{id}\"")), "{id}");
    }
}

#[test]
fn a_bad_label_names_the_file_row_and_field() {
    let d = dir("review_bad_label");
    let input = d.join("registry.csv");
    run_ok(&["generate", "--records", "50", "--output", s(&input)]);
    let labels = d.join("labels.csv");
    std::fs::write(
        &labels,
        "unique_id_l,unique_id_r,label\nr0000001,r0000002,match\nr0000003,r0000004,perhaps\n",
    )
    .unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_hawiya"))
        .args([
            "dedupe",
            s(&input),
            "--output",
            s(&d.join("c.csv")),
            "--labels",
            s(&labels),
            "--quiet",
        ])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let e = String::from_utf8_lossy(&o.stderr);
    assert!(
        e.contains("labels.csv") && e.contains("row 2") && e.contains("label"),
        "{e}"
    );
}
