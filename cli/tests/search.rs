//! `hawiya search` per the DESIGN.md contract: ranked TSV, top K, rejects, explanations,
//! exit code 2 on bad input.

use std::path::PathBuf;
use std::process::Command;

fn dir(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("search-test")
        .join(name);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn hawiya() -> Command {
    Command::new(env!("CARGO_BIN_EXE_hawiya"))
}

fn rows(path: &PathBuf) -> Vec<Vec<String>> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| l.split('\t').map(str::to_owned).collect())
        .collect()
}

const INDEX: &str = "id\tname\n\
    a1\tصالح عبدالله الفضالة\n\
    a2\tمنى حداد\n\
    a3\tعبد الرحمن الخالد\n\
    a4\tصالح المطيري\n\
    a5\tمحمد العنزي\n\
    a6\tعبدالرحمن خالد العتيبي\n";

#[test]
fn ranks_the_same_person_first_for_each_query_in_input_order() {
    let d = dir("rank");
    let (index, queries, out) = (d.join("n.tsv"), d.join("q.tsv"), d.join("r.tsv"));
    std::fs::write(&index, INDEX).unwrap();
    std::fs::write(
        &queries,
        "name\tid\nAbdulrahman Al-Khalid\tq1\nSaleh Al-Fadhala\tq2\nMona Haddad\tq3\n",
    )
    .unwrap();
    let st = hawiya()
        .args(["search", "--index"])
        .arg(&index)
        .arg("--queries")
        .arg(&queries)
        .arg("--output")
        .arg(&out)
        .args(["--top", "2"])
        .status()
        .unwrap();
    assert!(st.success());
    let r = rows(&out);
    assert_eq!(r[0], ["query_id", "index_id", "score"]);
    let body = &r[1..];
    // Queries in input order, at most 2 hits each, best first.
    let qs: Vec<&str> = body.iter().map(|x| x[0].as_str()).collect();
    let mut order = qs.clone();
    order.dedup();
    assert_eq!(order, ["q1", "q2", "q3"]);
    for q in ["q1", "q2", "q3"] {
        let hits: Vec<&Vec<String>> = body.iter().filter(|x| x[0] == q).collect();
        assert!((1..=2).contains(&hits.len()), "{q}: {hits:?}");
        let scores: Vec<f64> = hits.iter().map(|x| x[2].parse().unwrap()).collect();
        assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
        assert!(scores.iter().all(|s| (0.0..=1.0).contains(s)));
    }
    let first = |q: &str| body.iter().find(|x| x[0] == q).unwrap()[1].clone();
    assert_eq!(first("q1"), "a3");
    assert_eq!(first("q2"), "a1");
    assert_eq!(first("q3"), "a2");
    // No rejects, but the file is written.
    let rej = std::fs::read_to_string(d.join("r.tsv.rejects.csv")).unwrap();
    assert_eq!(rej.trim(), "row,id,reason");
}

#[test]
fn bad_rows_go_to_the_rejects_file_and_every_row_is_accounted_for() {
    let d = dir("rejects");
    let (index, queries, out) = (d.join("n.tsv"), d.join("q.tsv"), d.join("r.tsv"));
    let rejects = d.join("bad.csv");
    std::fs::write(
        &index,
        format!("{INDEX}a7\t\na8\tx\ty\n\tمنى\na2\tمنى حداد\n"),
    )
    .unwrap();
    std::fs::write(&queries, "id\tname\nq1\tMona Haddad\nq2\n").unwrap();
    let st = hawiya()
        .args(["search", "--quiet", "--index"])
        .arg(&index)
        .arg("--queries")
        .arg(&queries)
        .arg("--output")
        .arg(&out)
        .arg("--rejects")
        .arg(&rejects)
        .status()
        .unwrap();
    assert!(st.success());
    let text = std::fs::read_to_string(&rejects).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "row,id,reason");
    let index_name = index.display().to_string();
    let expect = [
        ("7", "a7", "empty name"),
        ("8", "a8", "fields"),
        ("9", "", "empty id"),
        ("10", "a2", "duplicate id (first at row 2)"),
    ];
    for (row, id, why) in expect {
        assert!(
            lines.iter().any(|l| l.starts_with(&format!("{row},{id},"))
                && l.contains(&index_name)
                && l.contains(why)),
            "{row} {why}: {text}"
        );
    }
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("2,q2,") && l.contains(&queries.display().to_string())),
        "{text}"
    );
    assert_eq!(lines.len(), 1 + 5, "{text}");
    // Six usable index rows: the query's hits come from them only.
    let r = rows(&out);
    assert!(r[1..].iter().all(|x| x[0] == "q1"));
    assert_eq!(r[1][1], "a2");
}

#[test]
fn names_in_every_script_are_searched_only_letterless_ones_rejected() {
    let d = dir("scripts");
    let (index, queries, out) = (d.join("n.tsv"), d.join("q.tsv"), d.join("r.tsv"));
    std::fs::write(
        &index,
        "id\tname\n\
         ru\tСергей Иванов\n\
         el\tΓιάννης Παπαδόπουλος\n\
         ne\tराम बहादुर\n\
         zh\t习近平\n\
         th\tสมชาย ใจดี\n\
         he\tדוד כהן\n\
         hy\tԱրամ Խաչատրյան\n\
         ar\tمحمد علي\n\
         sir\tSir Baronet\n\
         sym\t🙂 123\n",
    )
    .unwrap();
    std::fs::write(
        &queries,
        "id\tname\nq1\tSergei Ivanov\nq2\tGiannis Papadopoulos\nq3\tXi Jinping\nq4\tAram Khachatryan\n",
    )
    .unwrap();
    let st = hawiya()
        .args(["search", "--quiet", "--index"])
        .arg(&index)
        .arg("--queries")
        .arg(&queries)
        .arg("--output")
        .arg(&out)
        .status()
        .unwrap();
    assert!(st.success());
    let rej = std::fs::read_to_string(d.join("r.tsv.rejects.csv")).unwrap();
    let lines: Vec<&str> = rej.lines().collect();
    assert_eq!(lines.len(), 2, "{rej}");
    assert!(
        lines[1].starts_with("10,sym,") && lines[1].contains("no letters"),
        "{rej}"
    );
    let r = rows(&out);
    let first = |q: &str| r[1..].iter().find(|x| x[0] == q).map(|x| x[1].clone());
    assert_eq!(first("q1").as_deref(), Some("ru"));
    assert_eq!(first("q2").as_deref(), Some("el"));
    assert_eq!(first("q3").as_deref(), Some("zh"));
    assert_eq!(first("q4").as_deref(), Some("hy"));
}

#[test]
fn bad_usage_and_bad_files_exit_2_naming_the_file() {
    let d = dir("bad");
    let (index, queries, out) = (d.join("n.tsv"), d.join("q.tsv"), d.join("r.tsv"));
    std::fs::write(&index, "id\tfull_name\n1\tMona\n").unwrap();
    std::fs::write(&queries, "id\tname\nq1\tMona\n").unwrap();
    let run = |idx: &PathBuf, top: &str| {
        hawiya()
            .args(["search", "--index"])
            .arg(idx)
            .arg("--queries")
            .arg(&queries)
            .arg("--output")
            .arg(&out)
            .args(["--top", top])
            .output()
            .unwrap()
    };
    let o = run(&index, "3");
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains(&index.display().to_string()) && err.contains("\"name\""),
        "{err}"
    );
    let o = run(&queries, "0");
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--top"));
    let o = run(&d.join("missing.tsv"), "3");
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("missing.tsv"));
}

#[test]
fn explain_writes_the_alignment_of_every_output_row() {
    let d = dir("explain");
    let (index, queries, out, ex) = (
        d.join("n.tsv"),
        d.join("q.tsv"),
        d.join("r.tsv"),
        d.join("e.jsonl"),
    );
    std::fs::write(&index, INDEX).unwrap();
    std::fs::write(&queries, "id\tname\nq1\tSaleh Abdullah Al-Fadhala\n").unwrap();
    let st = hawiya()
        .args(["search", "--quiet", "--index"])
        .arg(&index)
        .arg("--queries")
        .arg(&queries)
        .arg("--output")
        .arg(&out)
        .arg("--explain")
        .arg(&ex)
        .status()
        .unwrap();
    assert!(st.success());
    let ranked = rows(&out);
    let lines: Vec<serde_json::Value> = std::fs::read_to_string(&ex)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), ranked.len() - 1);
    for (r, e) in ranked[1..].iter().zip(&lines) {
        assert_eq!(e["query_id"], r[0].as_str());
        assert_eq!(e["index_id"], r[1].as_str());
        let s: f64 = r[2].parse().unwrap();
        let es = e["explanation"]["score"].as_f64().unwrap();
        assert!((s - es).abs() < 1e-6, "{s} {es}");
        assert!(e["explanation"]["pairs"].as_array().is_some());
    }
    assert_eq!(lines[0]["index_id"], "a1");
    let pairs = lines[0]["explanation"]["pairs"].as_array().unwrap();
    assert!(pairs.iter().any(|p| p["left"] == "صالح"), "{pairs:?}");
}
