//! `hawiya dedupe`, `link` and `eval` on small CSV fixtures in both scripts: outputs per the
//! contract, nothing lost, exit code 2 with a clear message on bad input.

mod common;

use common::{csv_rows, data, dir, hawiya};

use std::path::{Path, PathBuf};

#[test]
fn dedupe_writes_every_row_and_eval_reports_f1() {
    let d = dir("dedupe");
    let (out, pairs) = (d.join("clusters.csv"), d.join("pairs.csv"));
    let input = data("registry.csv");
    let o = hawiya(&[
        "dedupe",
        input.to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
        "--pairs",
        pairs.to_str().unwrap(),
        "--quiet",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let clusters = csv_rows(&out);
    assert_eq!(clusters[0], ["unique_id", "cluster_id"]);
    let rejects = csv_rows(&PathBuf::from(format!("{}.rejects.csv", out.display())));
    assert_eq!(rejects[0], ["row", "unique_id", "reason"]);
    assert_eq!(clusters.len() - 1 + rejects.len() - 1, 400);
    let p = csv_rows(&pairs);
    assert_eq!(
        &p[0][..4],
        [
            "unique_id_l",
            "unique_id_r",
            "match_probability",
            "match_weight"
        ]
    );
    assert!(p[0].iter().any(|c| c == "level_full_name"));

    let o = hawiya(&[
        "eval",
        "--clusters",
        out.to_str().unwrap(),
        "--truth",
        input.to_str().unwrap(),
        "--truth-column",
        "cluster",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = String::from_utf8(o.stdout).unwrap();
    let json: serde_json::Value = serde_json::from_str(text.lines().last().unwrap()).unwrap();
    let f1 = json["pairwise"]["f1"].as_f64().unwrap();
    assert!(f1 > 0.8, "{text}");
}

#[test]
fn link_covers_both_inputs() {
    let d = dir("link");
    let out = d.join("clusters.csv");
    let (a, b) = (data("ministry_a.csv"), data("ministry_b.csv"));
    let o = hawiya(&[
        "link",
        a.to_str().unwrap(),
        b.to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
        "-q",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let rows = csv_rows(&out);
    assert_eq!(rows[0], ["unique_id", "cluster_id", "source"]);
    assert_eq!(rows.len() - 1, 202 + 198);
}

#[test]
fn bad_rows_go_to_rejects_and_nothing_is_lost() {
    let d = dir("bad-rows");
    let input = d.join("in.csv");
    std::fs::write(
        &input,
        "unique_id,full_name,dob\n1,محمد الفضالة,1985-07-01\n2,Mohammed Al-Fadhala\n,no id,1990\n1,duplicate,1990\n3,\"unclosed,1990\n4,Ali Hassan,1991-01-01\n",
    )
    .unwrap();
    let out = d.join("c.csv");
    let o = hawiya(&[
        "dedupe",
        input.to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
        "-q",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let clusters = csv_rows(&out);
    let rejects = csv_rows(&PathBuf::from(format!("{}.rejects.csv", out.display())));
    let rows: Vec<&str> = rejects[1..].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(rows, ["2", "3", "4", "5"], "{rejects:?}");
    assert_eq!(clusters.len() - 1 + rejects.len() - 1, 6);
    // Reasons name the problem, never the personal data.
    assert!(rejects.iter().all(|r| !r[2].contains("Fadhala")));
}

#[test]
fn whole_file_problems_exit_2_with_file_and_field() {
    let d = dir("bad-files");
    let no_id = d.join("no_id.csv");
    std::fs::write(&no_id, "name,dob\nAli,1990\n").unwrap();
    let out = d.join("c.csv");
    let o = hawiya(&[
        "dedupe",
        no_id.to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
        "-q",
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("no_id.csv") && err.contains("unique_id"),
        "{err}"
    );

    // windows-1256 without --encoding: a clear error; with it: works.
    let cp1256 = d.join("cp1256.csv");
    let text = "unique_id,full_name\n1,محمد الفضالة\n2,محمد الفضاله\n3,علي حسن\n";
    let (bytes, _, _) = encoding_rs::WINDOWS_1256.encode(text);
    std::fs::write(&cp1256, &bytes).unwrap();
    let o = hawiya(&[
        "dedupe",
        cp1256.to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
        "-q",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--encoding"));
    let o = hawiya(&[
        "dedupe",
        cp1256.to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
        "-q",
        "--encoding",
        "windows-1256",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(csv_rows(&out).len() - 1, 3);

    // A bad config names the key.
    let cfg = d.join("bad.toml");
    std::fs::write(&cfg, "[[fields]]\ncolumn = 'full_name'\nkind = 'nam'\n").unwrap();
    let o = hawiya(&[
        "dedupe",
        cp1256.to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
        "-q",
        "--encoding",
        "windows-1256",
        "--config",
        cfg.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("bad.toml"));
}

#[test]
fn eval_chooses_a_threshold_for_a_target_precision() {
    let d = dir("eval-target-precision");
    let (truth, clusters, pairs) = (d.join("truth.csv"), d.join("c.csv"), d.join("p.csv"));
    std::fs::write(&truth, "unique_id,cluster\na,1\nb,1\nc,1\nd,2\ne,3\n").unwrap();
    std::fs::write(&clusters, "unique_id,cluster_id\na,a\nb,a\nc,c\nd,d\ne,d\n").unwrap();
    // True pairs: a-b, a-c, b-c. Scored: two of them, and two false ones.
    std::fs::write(
        &pairs,
        "unique_id_l,unique_id_r,match_probability,match_weight\n\
         a,b,0.99,9\na,e,0.95,8\nb,c,0.8,5\nd,e,0.7,4\n",
    )
    .unwrap();
    let run = |target: &str, pairs: &Path| {
        hawiya(&[
            "eval",
            "--clusters",
            clusters.to_str().unwrap(),
            "--truth",
            truth.to_str().unwrap(),
            "--truth-column",
            "cluster",
            "--pairs",
            pairs.to_str().unwrap(),
            "--target-precision",
            target,
        ])
    };
    for (target, threshold, recall) in [("0.9", 0.99, 1.0 / 3.0), ("0.6", 0.8, 2.0 / 3.0)] {
        let o = run(target, &pairs);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let text = String::from_utf8(o.stdout).unwrap();
        assert!(
            text.contains(&format!(
                "threshold for precision >= {target}: threshold {threshold:.4}"
            )),
            "{text}"
        );
        let json: serde_json::Value = serde_json::from_str(text.lines().last().unwrap()).unwrap();
        let choice = &json["threshold_for_precision"];
        assert_eq!(
            choice["target_precision"].as_f64(),
            Some(target.parse().unwrap())
        );
        assert_eq!(choice["point"]["threshold"].as_f64(), Some(threshold));
        assert!((choice["point"]["recall"].as_f64().unwrap() - recall).abs() < 1e-12);
        // The cluster metrics stay where they were.
        assert_eq!(json["true_pairs"].as_u64(), Some(3));
    }
    // Precision 1 is reached at the top score; with only false pairs nothing is reached:
    // stated, and null in the JSON.
    let o = run("1", &pairs);
    assert!(o.status.success());
    assert!(
        String::from_utf8(o.stdout)
            .unwrap()
            .contains("threshold 0.9900")
    );
    let only_false = d.join("false.csv");
    std::fs::write(
        &only_false,
        "unique_id_l,unique_id_r,match_probability
a,e,0.95
",
    )
    .unwrap();
    let o = run("0.5", &only_false);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(
        text.contains("no threshold of the scored pairs reaches precision 0.5"),
        "{text}"
    );
    let json: serde_json::Value = serde_json::from_str(text.lines().last().unwrap()).unwrap();
    assert!(json["threshold_for_precision"]["point"].is_null());

    // Bad input: exit 2, naming the file, row and field.
    let bad = d.join("bad.csv");
    std::fs::write(
        &bad,
        "unique_id_l,unique_id_r,match_probability\na,b,0.9\nb,c,high\n",
    )
    .unwrap();
    let o = run("0.9", &bad);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("bad.csv: row 2, field \"match_probability\""),
        "{err}"
    );
    // --target-precision needs --pairs.
    let o = hawiya(&[
        "eval",
        "--clusters",
        clusters.to_str().unwrap(),
        "--truth",
        truth.to_str().unwrap(),
        "--truth-column",
        "cluster",
        "--target-precision",
        "0.9",
    ]);
    assert_eq!(o.status.code(), Some(2));
}
