//! The first hour of a new user: help with examples, output folders created, small files
//! without meaningless warnings, configs that work as documented, a header that cannot
//! identify anyone refused with the columns looked for, the run report as JSON, search
//! inputs as people write them.

mod common;

use common::{dir, hawiya, run_ok, s};

use std::path::{Path, PathBuf};

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(path)
}

fn json(path: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

const THREE_ROWS: &str = "unique_id,full_name,dob\n\
1,صالح عبدالله الفضالة,1985-07-01\n\
2,SALEH ALFADHALAH,01/07/1985\n\
3,Mona Haddad,1990-02-03\n";

/// The keys of the run report, as Python's `Matcher.last_report` has them: one list,
/// read by python/tests/test_newcomer.py too.
fn report_keys() -> Vec<&'static str> {
    include_str!("fixtures/run_report_keys.txt")
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
}

// Item 3: help with examples, lines that fit a terminal, `-q` on search, no `-0.0000`.
#[test]
fn help_has_examples_and_lines_that_fit() {
    let commands: [&[&str]; 13] = [
        &[],
        &["demo"],
        &["dedupe"],
        &["link"],
        &["eval"],
        &["compare"],
        &["normalize"],
        &["generate"],
        &["score-pairs"],
        &["search"],
        &["review"],
        &["report"],
        &["index"],
    ];
    for cmd in commands {
        for flag in ["-h", "--help"] {
            let mut args = cmd.to_vec();
            args.push(flag);
            let o = run_ok(&args);
            let text = String::from_utf8(o.stdout).unwrap();
            // Clap writes the usage line unwrapped; everything else fits 100 columns.
            for line in text.lines().filter(|l| !l.starts_with("Usage:")) {
                assert!(
                    line.chars().count() <= 100,
                    "{args:?}: {} characters: {line}",
                    line.chars().count()
                );
            }
            if cmd != ["demo"] {
                assert!(text.contains("Examples:\n  hawiya "), "{args:?}:\n{text}");
            }
        }
    }
}

#[test]
fn search_takes_dash_q_and_compare_prints_no_negative_zero() {
    let d = dir("newcomer/search-q");
    let (index, queries, out) = (d.join("n.tsv"), d.join("q.tsv"), d.join("r.tsv"));
    std::fs::write(&index, "id\tname\n1\tمحمد عبدالله\n").unwrap();
    std::fs::write(&queries, "id\tname\nq1\tMohammed Abdullah\n").unwrap();
    let o = run_ok(&[
        "search",
        "--index",
        s(&index),
        "--queries",
        s(&queries),
        "--output",
        s(&out),
        "-q",
    ]);
    assert!(
        o.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    for (a, b) in [
        ("صالح الفضالة", "Saleh Al-Fadhala"),
        ("محمد", "محمد"),
        ("Mona Haddad", "Mona Haddad"),
    ] {
        let o = run_ok(&["compare", a, b, "--explain"]);
        let text = String::from_utf8(o.stdout).unwrap();
        assert!(text.contains("similarity"), "{text}");
        assert!(!text.contains("-0.0000"), "{text}");
    }
}

// Item 4: output folders that do not exist yet are created.
#[test]
fn outputs_go_into_new_folders() {
    let d = dir("newcomer/folders");
    let input = d.join("in.csv");
    std::fs::write(&input, THREE_ROWS).unwrap();
    let out = d.join("out/deeper/clusters.csv");
    let pairs = d.join("pairs/p.csv");
    let model = d.join("model/m.json");
    let report = d.join("reports/run.json");
    run_ok(&[
        "dedupe",
        s(&input),
        "--output",
        s(&out),
        "--pairs",
        s(&pairs),
        "--save-model",
        s(&model),
        "--report-json",
        s(&report),
        "-q",
    ]);
    for p in [&out, &pairs, &model, &report] {
        assert!(p.exists(), "{}", p.display());
    }
    assert!(d.join("out/deeper/clusters.csv.rejects.csv").exists());
    let scores = d.join("scores/s.tsv");
    let pairs_in = d.join("pairs.tsv");
    std::fs::write(&pairs_in, "id\tleft\tright\n1\tمحمد\tMohamed\n").unwrap();
    run_ok(&[
        "score-pairs",
        "--input",
        s(&pairs_in),
        "--output",
        s(&scores),
    ]);
    assert!(scores.exists());
    let generated = d.join("gen/registry.csv");
    run_ok(&["generate", "--records", "10", "--output", s(&generated)]);
    assert!(generated.exists());
}

// Item 5: a 3-row file compares its 3 pairs and warns of nothing about blocks.
#[test]
fn a_three_row_file_has_no_block_warnings() {
    let d = dir("newcomer/three");
    let input = d.join("in.csv");
    std::fs::write(&input, THREE_ROWS).unwrap();
    let (out, report) = (d.join("c.csv"), d.join("run.json"));
    let o = run_ok(&[
        "dedupe",
        s(&input),
        "--output",
        s(&out),
        "--report-json",
        s(&report),
    ]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    // The blocking table still counts blocks, but nothing warns about them.
    assert!(!stderr.contains("oversized block"), "{stderr}");
    assert!(!stderr.contains("window"), "{stderr}");
    assert!(
        stderr
            .lines()
            .all(|l| !l.contains("warning") || l.contains("prior")),
        "{stderr}"
    );
    let r = json(&report);
    let warnings: Vec<&str> = r["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w.as_str().unwrap())
        .collect();
    assert!(
        warnings.iter().all(|w| !w.contains("oversized")),
        "{warnings:?}"
    );
    assert_eq!(r["pairs_scored"], 3, "{r}");
    let rules: Vec<&str> = r["blocking"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["name"].as_str().unwrap())
        .collect();
    assert!(rules.contains(&"all pairs"), "{rules:?}");
}

// Item 9: `--report-json` writes the run report as one JSON object with the keys of
// Python's `last_report`, for dedupe and link.
#[test]
fn report_json_on_dedupe_and_link() {
    let d = dir("newcomer/report-json");
    let registry = repo("examples/data/registry.csv");
    let report = d.join("dedupe.json");
    run_ok(&[
        "dedupe",
        s(&registry),
        "--output",
        s(&d.join("c.csv")),
        "--report-json",
        s(&report),
        "-q",
    ]);
    let text = std::fs::read_to_string(&report).unwrap();
    assert_eq!(text.trim_end().lines().count(), 1, "one line");
    let r = json(&report);
    let mut keys: Vec<&str> = r.as_object().unwrap().keys().map(String::as_str).collect();
    keys.retain(|k| *k != "inferred");
    keys.sort_unstable();
    assert_eq!(keys, report_keys());
    assert_eq!(r["rows"], 400);
    assert_eq!(
        r["records"].as_u64().unwrap() + r["rejected"].as_u64().unwrap(),
        400
    );
    // Inferred: how each column was read.
    assert!(r["inferred"].as_array().is_some_and(|a| !a.is_empty()));
    let link = d.join("link.json");
    run_ok(&[
        "link",
        s(&repo("examples/data/ministry_a.csv")),
        s(&repo("examples/data/ministry_b.csv")),
        "--output",
        s(&d.join("l.csv")),
        "--report-json",
        s(&link),
        "-q",
    ]);
    let r = json(&link);
    assert!(r["clusters"].as_u64().unwrap() > 0);
    assert!(r["training"]["u_pairs"].as_u64().unwrap() > 0);
}

// Items 2 and 9: the example config and a partial config work as documented.
#[test]
fn the_example_config_and_a_partial_config_run() {
    let d = dir("newcomer/configs");
    let registry = repo("examples/data/registry.csv");
    let run = |name: &str, extra: &[&str]| -> serde_json::Value {
        let report = d.join(format!("{name}.json"));
        let out = d.join(format!("{name}.csv"));
        let mut args = vec![
            "dedupe",
            s(&registry),
            "--output",
            s(&out),
            "--report-json",
            s(&report),
            "-q",
        ];
        args.extend_from_slice(extra);
        run_ok(&args);
        json(&report)
    };
    let example = repo("examples/config.toml");
    let inferred = run("inferred", &[]);
    let configured = run("example", &["--config", s(&example)]);
    assert!(inferred["inferred"].is_array());
    assert!(configured.get("inferred").is_none(), "a written config");
    assert!(configured["multi_record_clusters"].as_u64().unwrap() > 50);
    // A config without [[fields]]: the inferred fields, its threshold.
    let partial = d.join("partial.toml");
    std::fs::write(&partial, "threshold = 0.999\n").unwrap();
    let strict = run("partial", &["--config", s(&partial)]);
    assert!(strict["inferred"].is_array(), "fields inferred");
    assert!(
        strict["pairs_above_threshold"].as_u64() < inferred["pairs_above_threshold"].as_u64(),
        "{} vs {}",
        strict["pairs_above_threshold"],
        inferred["pairs_above_threshold"]
    );
    let json_partial = d.join("partial.json");
    std::fs::write(&json_partial, r#"{"threshold": 0.999}"#).unwrap();
    let again = run("partial-json", &["--config", s(&json_partial)]);
    assert_eq!(
        again["pairs_above_threshold"],
        strict["pairs_above_threshold"]
    );
    // Out of range: exit 2, naming the key.
    std::fs::write(&partial, "threshold = 2\n").unwrap();
    let o = hawiya(&[
        "dedupe",
        s(&registry),
        "--output",
        s(&d.join("x.csv")),
        "--config",
        s(&partial),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("partial.toml") && err.contains("threshold"),
        "{err}"
    );
}

// Item 7: a header without a name or an identifier is refused, saying what was looked for.
#[test]
fn a_header_without_name_or_identifier_exits_2() {
    let d = dir("newcomer/no-name");
    let input = d.join("in.csv");
    std::fs::write(
        &input,
        "unique_id,source,dob\n1,a,1985-01-01\n2,b,1985-01-01\n3,a,1990-02-03\n",
    )
    .unwrap();
    let out = d.join("c.csv");
    let o = hawiya(&["dedupe", s(&input), "--output", s(&out)]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    for want in [
        "no column names or identifies a person",
        "full_name",
        "civil_id",
        "phone",
        "dob → date",
        "source: left out",
    ] {
        assert!(err.contains(want), "{want}: {err}");
    }
    assert!(!out.exists(), "nothing written");
}

// Item 6: link's `source` column is documented; search inputs without their trailing
// empty column are read; the search rejects file names its id column `id`.
#[test]
fn link_source_and_search_inputs_as_people_write_them() {
    let readme = std::fs::read_to_string(repo("README.md")).unwrap();
    assert!(
        readme.contains("(`link` adds `source`"),
        "README explains `source`"
    );
    let o = run_ok(&["link", "--help"]);
    assert!(String::from_utf8_lossy(&o.stdout).contains("unique_id,cluster_id,source"));

    let d = dir("newcomer/search-trailing");
    let (index, queries, out) = (d.join("n.tsv"), d.join("q.tsv"), d.join("r.tsv"));
    // A third column, empty and left out (trailing tab dropped) on some rows.
    std::fs::write(
        &index,
        "id\tname\tnote\n1\tمحمد عبدالله\t\n2\tمنى حداد\n3\t\tx\n",
    )
    .unwrap();
    std::fs::write(
        &queries,
        "id\tname\tnote\nq1\tMohammed Abdullah\nq2\tMona Haddad\tchecked\n",
    )
    .unwrap();
    run_ok(&[
        "search",
        "--index",
        s(&index),
        "--queries",
        s(&queries),
        "--output",
        s(&out),
        "--top",
        "1",
        "-q",
    ]);
    let ranked = std::fs::read_to_string(&out).unwrap();
    let rows: Vec<&str> = ranked.lines().collect();
    assert_eq!(rows.len(), 3, "{ranked}");
    assert!(rows[1].starts_with("q1\t1\t"), "{ranked}");
    assert!(rows[2].starts_with("q2\t2\t"), "{ranked}");
    let rejects = std::fs::read_to_string(d.join("r.tsv.rejects.csv")).unwrap();
    let lines: Vec<&str> = rejects.lines().collect();
    assert_eq!(lines[0], "row,id,reason");
    // Only the row with an empty name.
    assert_eq!(lines.len(), 2, "{rejects}");
    assert!(lines[1].starts_with("3,3,") && lines[1].contains("empty name"));
}

// More of the same: a CSV given where a TSV is read, a truth column that is not there.
#[test]
fn wrong_separator_and_missing_truth_column_say_so() {
    let d = dir("newcomer/separator");
    let (csv, out) = (d.join("names.csv"), d.join("r.tsv"));
    std::fs::write(&csv, "id,name\n1,Mona Haddad\n").unwrap();
    let o = hawiya(&[
        "search",
        "--index",
        s(&csv),
        "--queries",
        s(&csv),
        "--output",
        s(&out),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("comma") && err.contains("tab-separated"),
        "{err}"
    );

    let input = d.join("in.csv");
    std::fs::write(&input, THREE_ROWS).unwrap();
    let clusters = d.join("c.csv");
    run_ok(&["dedupe", s(&input), "--output", s(&clusters), "-q"]);
    let o = hawiya(&[
        "eval",
        "--clusters",
        s(&clusters),
        "--truth",
        s(&input),
        "--truth-column",
        "truth",
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("\"truth\"") && err.contains("full_name"),
        "{err}"
    );
}
