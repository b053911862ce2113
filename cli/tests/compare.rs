//! `hawiya compare` and `hawiya score-pairs` per the DESIGN.md contract.

use std::path::PathBuf;
use std::process::Command;

fn dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("compare-test");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn hawiya() -> Command {
    Command::new(env!("CARGO_BIN_EXE_hawiya"))
}

#[test]
fn compare_prints_a_score_and_an_explanation() {
    let out = hawiya()
        .args(["compare", "محمد عبدالله الفضالة", "MOHAMMED AL-FADHALA"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let s: f64 = String::from_utf8(out.stdout)
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    assert!((0.8..=1.0).contains(&s), "{s}");

    let out = hawiya()
        .args(["compare", "Dr. Khaled bin Saleh", "خالد صالح", "--explain"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("similarity "), "{text}");
    assert!(text.contains("Khaled") && text.contains("خالد"), "{text}");
    assert!(text.contains("ignored"), "{text}");

    let low = hawiya()
        .args(["compare", "محمد", "محمود"])
        .output()
        .unwrap();
    let s: f64 = String::from_utf8(low.stdout)
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    assert!(s < 0.5, "{s}");
}

#[test]
fn score_pairs_keeps_input_order_and_ignores_other_columns() {
    let input = dir().join("pairs.tsv");
    let output = dir().join("scores.tsv");
    let mut text = String::from("kind\tright\tid\tleft\n");
    let rows = [
        ("a1", "Mohamed Al-Fadhala", "محمد الفضالة"),
        ("b2", "Omar", "Fatima"),
        ("c3", "", ""),
        ("d4", "Abd al-Rahman", "عبدالرحمن"),
    ];
    for (id, l, r) in rows {
        text.push_str(&format!("x\t{r}\t{id}\t{l}\n"));
    }
    std::fs::write(&input, text).unwrap();
    let st = hawiya()
        .args(["score-pairs", "--input"])
        .arg(&input)
        .arg("--output")
        .arg(&output)
        .status()
        .unwrap();
    assert!(st.success());
    let out = std::fs::read_to_string(&output).unwrap();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "id\tscore");
    assert_eq!(lines.len(), rows.len() + 1);
    let cmp = hawiya::name::NameComparator::default();
    for (line, (id, l, r)) in lines[1..].iter().zip(rows) {
        let (got_id, score) = line.split_once('\t').unwrap();
        assert_eq!(got_id, id);
        let score: f64 = score.parse().unwrap();
        assert!((score - cmp.similarity_str(l, r)).abs() < 1e-6, "{line}");
    }
}

#[test]
fn malformed_rows_exit_2_with_file_and_row() {
    let input = dir().join("bad.tsv");
    let output = dir().join("bad-scores.tsv");
    std::fs::write(&input, "id\tleft\tright\n1\tAli\tAly\n2\tonly-two-fields\n").unwrap();
    let out = hawiya()
        .args(["score-pairs", "--input"])
        .arg(&input)
        .arg("--output")
        .arg(&output)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("bad.tsv") && err.contains("row 2"), "{err}");
    assert!(
        !err.contains("only-two-fields"),
        "no personal data in errors: {err}"
    );

    std::fs::write(&input, "name\tleft\tright\n1\ta\tb\n").unwrap();
    let out = hawiya()
        .args(["score-pairs", "--input"])
        .arg(&input)
        .arg("--output")
        .arg(&output)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .contains("id, left and right")
    );

    std::fs::write(&input, b"id\tleft\tright\n1\t\xff\tb\n").unwrap();
    let out = hawiya()
        .args(["score-pairs", "--input"])
        .arg(&input)
        .arg("--output")
        .arg(&output)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stderr).unwrap().contains("row 1"));
}
