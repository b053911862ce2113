//! `hawiya generate`: same seed ⇒ same bytes; the header is the documented one.

use std::path::PathBuf;
use std::process::Command;

fn out_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("generate-test");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn generate(records: u64, seed: u64, name: &str) -> Vec<u8> {
    let path = out_dir().join(name);
    let status = Command::new(env!("CARGO_BIN_EXE_hawiya"))
        .args([
            "generate",
            "--records",
            &records.to_string(),
            "--seed",
            &seed.to_string(),
        ])
        .arg("--output")
        .arg(&path)
        .status()
        .unwrap();
    assert!(status.success());
    std::fs::read(&path).unwrap()
}

#[test]
fn same_seed_same_bytes_other_seed_other_bytes() {
    let a = generate(5000, 1, "a.csv");
    let b = generate(5000, 1, "b.csv");
    assert!(a == b, "two runs with seed 1 differ");
    let c = generate(5000, 2, "c.csv");
    assert!(a != c);
    let text = String::from_utf8(a).unwrap();
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("unique_id,source,full_name,dob,civil_id,gender,nationality,phone,cluster")
    );
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    assert_eq!(rdr.records().count(), 5000);
}

#[test]
fn zero_records_still_write_the_header() {
    let text = String::from_utf8(generate(0, 1, "empty.csv")).unwrap();
    assert_eq!(
        text,
        "unique_id,source,full_name,dob,civil_id,gender,nationality,phone,cluster\n"
    );
}

#[test]
fn bad_output_path_exits_with_2() {
    // Missing folders are created; a folder that cannot be (a file is in the way) is an
    // error naming it.
    let dir = out_dir();
    let file = dir.join("a-file");
    std::fs::write(&file, "x").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_hawiya"))
        .args(["generate", "--records", "10", "--output"])
        .arg(file.join("x.csv"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("a-file"), "{err}");
}

#[test]
fn json_config_overrides_defaults() {
    let dir = out_dir();
    let cfg = dir.join("all-latin.json");
    std::fs::write(
        &cfg,
        r#"{"arabic_share": 0.0, "source_arabic_share": {}, "dob": {"missing_share": 1.0}}"#,
    )
    .unwrap();
    let path = dir.join("latin.csv");
    let status = Command::new(env!("CARGO_BIN_EXE_hawiya"))
        .args(["generate", "--records", "300", "--seed", "5", "--config"])
        .arg(&cfg)
        .arg("--output")
        .arg(&path)
        .status()
        .unwrap();
    assert!(status.success());
    let mut rdr = csv::Reader::from_path(&path).unwrap();
    let mut n = 0;
    for row in rdr.records() {
        let row = row.unwrap();
        let name = &row[2];
        assert!(
            !name.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c)),
            "{name}"
        );
        assert_eq!(&row[3], "");
        n += 1;
    }
    assert_eq!(n, 300);

    // Unknown keys are rejected with exit code 2.
    std::fs::write(&cfg, r#"{"arabic_sharee": 0.0}"#).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_hawiya"))
        .args(["generate", "--records", "3", "--config"])
        .arg(&cfg)
        .arg("--output")
        .arg(dir.join("x.csv"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}
