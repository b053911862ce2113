//! Helpers shared by the CLI's integration tests: a fresh scratch folder, the example data,
//! running the `hawiya` binary and reading the CSV files it writes.
//!
//! Each test file includes this module (`mod common;`) and uses part of it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// An empty scratch folder for one test (`name` may hold a `/`), under cargo's temporary
/// directory for integration tests; whatever an earlier run left there is removed.
pub fn dir(name: &str) -> PathBuf {
    let d = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// A file of the repository's `examples/data/`.
pub fn data(file: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../examples/data")
        .join(file)
}

/// A path as a command-line argument.
pub fn s(p: &Path) -> &str {
    p.to_str().expect("test paths are UTF-8")
}

/// Run the CLI with `args`; the caller checks the outcome.
pub fn hawiya(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hawiya"))
        .args(args)
        .output()
        .unwrap()
}

/// Assert that a run succeeded, showing its stderr when it did not.
pub fn ok(o: &Output) {
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

/// Run the CLI with `args` and assert that it succeeded.
pub fn run_ok(args: &[&str]) -> Output {
    let o = hawiya(args);
    assert!(
        o.status.success(),
        "hawiya {args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    o
}

/// Every row of a CSV file, the header first.
pub fn csv_rows(path: &Path) -> Vec<Vec<String>> {
    let mut r = csv::Reader::from_path(path).unwrap();
    let mut rows = vec![r.headers().unwrap().iter().map(str::to_string).collect()];
    rows.extend(
        r.records()
            .map(|x| x.unwrap().iter().map(str::to_string).collect()),
    );
    rows
}
