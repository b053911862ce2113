//! Bad input for `dedupe`, `link` and `score-pairs`: fixture files under
//! `tests/fixtures/bad/` (the large and re-encoded inputs are written by the tests). Every
//! case either succeeds with each input row in the clusters or in the rejects file, or
//! fails with exit code 2 and a message naming the file, the row or line, and the field.
//! Nothing panics, no row is lost, and no personal data reaches stderr or the rejects
//! file unless `--show-values` asks for it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A name that must never appear in messages by default.
const SECRET: &str = "Zubaida";

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/bad")
        .join(name)
}

fn scratch(case: &str) -> PathBuf {
    let d = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("bad-input")
        .join(case);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn hawiya(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hawiya"))
        .args(args)
        .output()
        .unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn p(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// Data rows of a CSV file as the reader counts them (blank lines are not rows).
fn read_csv(path: &Path) -> Vec<Vec<String>> {
    let mut r = csv::ReaderBuilder::new()
        .flexible(true)
        .from_path(path)
        .unwrap();
    r.records()
        .map(|x| x.unwrap().iter().map(str::to_string).collect())
        .collect()
}

/// What a successful `dedupe` / `link` wrote.
struct Run {
    clusters: Vec<Vec<String>>,
    rejects: Vec<Vec<String>>,
    stderr: String,
}

impl Run {
    /// Reject rows (`row` numbers) in file order.
    fn reject_rows(&self) -> Vec<u64> {
        self.rejects.iter().map(|r| r[0].parse().unwrap()).collect()
    }
    fn reasons(&self) -> Vec<&str> {
        self.rejects.iter().map(|r| r[2].as_str()).collect()
    }
}

/// `dedupe INPUT` (plus `extra` arguments); asserts success and that the `rows` data rows
/// are each in exactly one of the clusters and rejects files.
fn dedupe_ok(case: &str, input: &Path, rows: usize, extra: &[&str]) -> Run {
    let d = scratch(case);
    let out = d.join("clusters.csv");
    let mut args = vec!["dedupe", p(input), "--output", p(&out)];
    args.extend_from_slice(extra);
    let o = hawiya(&args);
    assert_eq!(o.status.code(), Some(0), "{case}: {}", stderr(&o));
    let run = Run {
        clusters: read_csv(&out),
        rejects: read_csv(&d.join("clusters.csv.rejects.csv")),
        stderr: stderr(&o),
    };
    assert_eq!(
        run.clusters.len() + run.rejects.len(),
        rows,
        "{case}: rows lost or doubled: {:?} {:?}",
        run.clusters,
        run.rejects
    );
    let mut ids: Vec<&str> = run.clusters.iter().map(|r| r[0].as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), run.clusters.len(), "{case}: an id twice");
    let mut rejected = run.reject_rows();
    rejected.dedup();
    assert_eq!(
        rejected.len(),
        run.rejects.len(),
        "{case}: a row rejected twice"
    );
    assert!(rejected.iter().all(|&r| r >= 1 && r as usize <= rows));
    run
}

/// `link LEFT RIGHT`; asserts success and that both files' rows are all accounted for.
fn link_ok(case: &str, left: &Path, rows: usize, extra: &[&str]) -> Run {
    link_to(case, left, &fixture("right.csv"), rows, extra)
}

/// `link LEFT RIGHT` with a 3-row RIGHT, as [`link_ok`].
fn link_to(case: &str, left: &Path, right: &Path, rows: usize, extra: &[&str]) -> Run {
    let d = scratch(case);
    let out = d.join("clusters.csv");
    let mut args = vec!["link", p(left), p(right), "--output", p(&out)];
    args.extend_from_slice(extra);
    let o = hawiya(&args);
    assert_eq!(o.status.code(), Some(0), "{case}: {}", stderr(&o));
    let run = Run {
        clusters: read_csv(&out),
        rejects: read_csv(&d.join("clusters.csv.rejects.csv")),
        stderr: stderr(&o),
    };
    let right_rows = 3;
    assert_eq!(
        run.clusters.len() + run.rejects.len(),
        rows + right_rows,
        "{case}: {:?} {:?}",
        run.clusters,
        run.rejects
    );
    assert_eq!(
        run.clusters.iter().filter(|r| r[2] == "right").count(),
        right_rows
    );
    // Rejects of the left file name it.
    let name = left.file_name().unwrap().to_str().unwrap();
    assert!(
        run.reasons().iter().all(|r| r.contains(name)),
        "{:?}",
        run.rejects
    );
    run
}

/// A command that must fail with exit code 2 and a message containing every `needles`.
fn fails(args: &[&str], needles: &[&str]) -> String {
    let o = hawiya(args);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
    assert!(!err.contains("panicked"), "{err}");
    for n in needles {
        assert!(err.contains(n), "{args:?}: {n:?} not in {err}");
    }
    err
}

/// `score-pairs`; asserts success, one output row per input row in order, scores in [0, 1].
fn score_pairs_ok(case: &str, input: &Path, ids: &[&str], extra: &[&str]) -> String {
    let out = scratch(case).join("scores.tsv");
    let mut args = vec!["score-pairs", "--input", p(input), "--output", p(&out)];
    args.extend_from_slice(extra);
    let o = hawiya(&args);
    assert_eq!(o.status.code(), Some(0), "{case}: {}", stderr(&o));
    let text = std::fs::read_to_string(&out).unwrap();
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("id\tscore"));
    let rows: Vec<(&str, f64)> = lines
        .map(|l| {
            let (id, s) = l.split_once('\t').unwrap();
            (id, s.parse().unwrap())
        })
        .collect();
    assert_eq!(rows.iter().map(|r| r.0).collect::<Vec<_>>(), ids, "{case}");
    assert!(rows.iter().all(|r| (0.0..=1.0).contains(&r.1)), "{rows:?}");
    stderr(&o)
}

fn no_secret(what: &str, text: &str) {
    assert!(!text.contains(SECRET), "{what} shows a value: {text}");
}

// ---- malformed CSV ----

#[test]
fn ragged_rows_are_rejected_with_their_field_counts() {
    let input = fixture("ragged.csv");
    let run = dedupe_ok("ragged", &input, 4, &[]);
    assert_eq!(run.reject_rows(), [2, 3]);
    assert_eq!(
        run.reasons(),
        [
            "row has 2 fields, the header has 3",
            "row has 4 fields, the header has 3"
        ]
    );
    no_secret("stderr", &run.stderr);
    link_ok("ragged-link", &input, 4, &["-q"]);
}

#[test]
fn an_unclosed_quote_rejects_one_row_only() {
    let input = fixture("unclosed_quote.csv");
    let run = dedupe_ok("quote", &input, 4, &["-q"]);
    assert_eq!(run.reject_rows(), [2]);
    assert_eq!(run.reasons(), ["unbalanced quote"]);
    no_secret("rejects", &format!("{:?}", run.rejects));
    let run = link_ok("quote-link", &input, 4, &["-q"]);
    assert_eq!(run.reject_rows(), [2]);
}

// ---- encodings ----

fn registry_text() -> String {
    let mut s = String::from("unique_id,full_name,dob\n");
    for (i, n) in [
        "محمد الفضالة",
        "Mohammed Al-Fadhala",
        "علي حسن",
        "Ali Hassan",
    ]
    .iter()
    .enumerate()
    {
        s.push_str(&format!("{},{n},1985-07-0{}\n", i + 1, i + 1));
    }
    s
}

fn utf16le(text: &str, bom: bool) -> Vec<u8> {
    let mut v = if bom { vec![0xFF, 0xFE] } else { Vec::new() };
    v.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    v
}

#[test]
fn invalid_utf8_rejects_the_row_and_names_the_field() {
    let d = scratch("utf8");
    let input = d.join("invalid_utf8.csv");
    let mut bytes = registry_text().into_bytes();
    for i in 5..=20 {
        bytes.extend_from_slice(format!("{i},Name {i},1990-01-01\n").as_bytes());
    }
    bytes.extend_from_slice(b"21,Zubaida \xff\xfe Qasim,1990-01-01\n");
    std::fs::write(&input, &bytes).unwrap();
    let run = dedupe_ok("utf8-dedupe", &input, 21, &["-q"]);
    assert_eq!(run.reject_rows(), [21]);
    assert!(
        run.reasons()[0].contains("\"full_name\""),
        "{:?}",
        run.rejects
    );
    no_secret("rejects", &format!("{:?}", run.rejects));
    link_ok("utf8-link", &input, 21, &["-q"]);
    // With --show-values the reason shows the value, for debugging.
    let run = dedupe_ok("utf8-show", &input, 21, &["-q", "--show-values"]);
    assert!(run.reasons()[0].contains(SECRET), "{:?}", run.rejects);
}

#[test]
fn boms_are_skipped() {
    let d = scratch("bom");
    let utf8 = d.join("bom_utf8.csv");
    let mut bytes = vec![0xEF, 0xBB, 0xBF];
    bytes.extend_from_slice(registry_text().as_bytes());
    std::fs::write(&utf8, &bytes).unwrap();
    let u16 = d.join("bom_utf16le.csv");
    std::fs::write(&u16, utf16le(&registry_text(), true)).unwrap();
    for input in [&utf8, &u16] {
        let run = dedupe_ok("bom-dedupe", input, 4, &["-q"]);
        assert!(run.rejects.is_empty(), "{:?}", run.rejects);
        link_ok("bom-link", input, 4, &["-q"]);
    }
    // score-pairs: a UTF-8 and a UTF-16 BOM.
    let tsv = "id\tleft\tright\n1\tمحمد علي\tMohamed Ali\n2\tAli\tعلي\n";
    let t8 = d.join("bom_utf8.tsv");
    std::fs::write(&t8, [&[0xEF, 0xBB, 0xBF][..], tsv.as_bytes()].concat()).unwrap();
    score_pairs_ok("bom-sp8", &t8, &["1", "2"], &[]);
    let t16 = d.join("bom_utf16.tsv");
    std::fs::write(&t16, utf16le(tsv, true)).unwrap();
    score_pairs_ok("bom-sp16", &t16, &["1", "2"], &[]);
}

#[test]
fn windows_1256_needs_encoding_and_works_with_it() {
    let d = scratch("cp1256");
    let input = d.join("cp1256.csv");
    let text = registry_text();
    let (bytes, _, _) = encoding_rs::WINDOWS_1256.encode(&text);
    std::fs::write(&input, &bytes).unwrap();
    let out = d.join("c.csv");
    for cmd in ["dedupe", "link"] {
        let mut args = vec![cmd, p(&input)];
        if cmd == "link" {
            args.push(p(&input));
        }
        args.extend(["--output", p(&out), "-q"]);
        fails(&args, &["cp1256.csv", "line 2", "--encoding"]);
    }
    let run = dedupe_ok(
        "cp1256-ok",
        &input,
        4,
        &["-q", "--encoding", "windows-1256"],
    );
    assert!(run.rejects.is_empty());
    link_ok(
        "cp1256-link",
        &input,
        4,
        &["-q", "--encoding", "windows-1256"],
    );

    let tsv = d.join("cp1256.tsv");
    let (bytes, _, _) =
        encoding_rs::WINDOWS_1256.encode("id\tleft\tright\n1\tمحمد علي\tMohamed Ali\n");
    std::fs::write(&tsv, &bytes).unwrap();
    let scores = d.join("s.tsv");
    fails(
        &["score-pairs", "--input", p(&tsv), "--output", p(&scores)],
        &["cp1256.tsv", "row 1", "--encoding"],
    );
    score_pairs_ok("cp1256-sp", &tsv, &["1"], &["--encoding", "windows-1256"]);
}

#[test]
fn utf16_without_bom_needs_encoding_and_works_with_it() {
    let d = scratch("utf16");
    let input = d.join("utf16.csv");
    std::fs::write(&input, utf16le(&registry_text(), false)).unwrap();
    let out = d.join("c.csv");
    fails(
        &["dedupe", p(&input), "--output", p(&out), "-q"],
        &["utf16.csv", "UTF-16", "--encoding utf-16le"],
    );
    let run = dedupe_ok("utf16-ok", &input, 4, &["-q", "--encoding", "utf-16le"]);
    assert!(run.rejects.is_empty());
    // --encoding applies to both files of a link (a BOM still wins, per file).
    let right = d.join("right16.csv");
    let text = std::fs::read_to_string(fixture("right.csv")).unwrap();
    std::fs::write(&right, utf16le(&text, false)).unwrap();
    link_to(
        "utf16-link",
        &input,
        &right,
        4,
        &["-q", "--encoding", "utf-16le"],
    );

    let tsv = d.join("utf16.tsv");
    std::fs::write(&tsv, utf16le("id\tleft\tright\n1\tمحمد\tMohamed\n", false)).unwrap();
    fails(
        &[
            "score-pairs",
            "--input",
            p(&tsv),
            "--output",
            p(&d.join("s.tsv")),
        ],
        &["utf16.tsv", "UTF-16", "--encoding utf-16le"],
    );
    score_pairs_ok("utf16-sp", &tsv, &["1"], &["--encoding", "utf-16le"]);
    // An unknown label is named.
    fails(
        &[
            "dedupe",
            p(&input),
            "--output",
            p(&out),
            "--encoding",
            "klingon",
        ],
        &["utf16.csv", "klingon"],
    );
}

// ---- values ----

#[test]
fn empty_and_blank_names_are_null_not_lost() {
    let input = fixture("empty_names.csv");
    let run = dedupe_ok("empty", &input, 4, &[]);
    assert!(run.rejects.is_empty());
    assert!(
        run.stderr.contains("nulls full_name empty 3"),
        "{}",
        run.stderr
    );
    link_ok("empty-link", &input, 4, &["-q"]);
    let err = score_pairs_ok(
        "empty-sp",
        &fixture("empty_names.tsv"),
        &["1", "2", "3"],
        &[],
    );
    assert!(err.contains("2 row(s) have an empty or blank"), "{err}");
    assert!(err.contains("first at row 1"), "{err}");
}

#[test]
fn a_one_megabyte_name_is_rejected_by_length() {
    let d = scratch("long");
    let big = format!("{SECRET} {}", "محمد ".repeat(200_000));
    assert!(big.len() > 1_000_000);
    let input = d.join("long_name.csv");
    let mut text = registry_text();
    text.push_str(&format!("5,{big},1990-01-01\n6,Huda Saleh,1992-02-02\n"));
    std::fs::write(&input, text).unwrap();
    let run = dedupe_ok("long-dedupe", &input, 6, &[]);
    assert_eq!(run.reject_rows(), [5]);
    assert_eq!(
        run.reasons(),
        [format!(
            "field \"full_name\": longer than {} characters",
            hawiya::MAX_FIELD_CHARS
        )]
    );
    no_secret("stderr", &run.stderr);
    link_ok("long-link", &input, 6, &["-q"]);

    let tsv = d.join("long_name.tsv");
    std::fs::write(
        &tsv,
        format!("id\tleft\tright\n1\tMohamed\tمحمد\n2\tAli\t{big}\n"),
    )
    .unwrap();
    let err = fails(
        &[
            "score-pairs",
            "--input",
            p(&tsv),
            "--output",
            p(&d.join("s.tsv")),
        ],
        &["long_name.tsv", "row 2", "\"right\"", "longer than"],
    );
    no_secret("score-pairs error", &err);
}

#[test]
fn control_and_bidi_characters_are_read() {
    let input = fixture("control_bidi.csv");
    let run = dedupe_ok("control", &input, 5, &["-q"]);
    assert!(run.rejects.is_empty(), "{:?}", run.rejects);
    link_ok("control-link", &input, 5, &["-q"]);
    score_pairs_ok(
        "control-sp",
        &fixture("control_bidi.tsv"),
        &["1", "2", "3"],
        &[],
    );
    // The bidi override and the control character do not change the name.
    let o = hawiya(&["compare", "\u{202e}Mohamed Ali\u{202c}", "Moha\u{1}med Ali"]);
    assert_eq!(String::from_utf8_lossy(&o.stdout).trim(), "1.000000");
}

#[test]
fn names_in_every_script_are_compared_not_lost() {
    // Cyrillic, Han, Devanagari, Greek, Thai, Hebrew, Armenian: romanised and compared;
    // only the name without a letter is a null.
    let input = fixture("unsupported_script.csv");
    let run = dedupe_ok("script", &input, 9, &[]);
    assert!(run.rejects.is_empty(), "{:?}", run.rejects);
    assert!(!run.stderr.contains("unsupported_script"), "{}", run.stderr);
    assert!(!run.stderr.contains("no_name_token"), "{}", run.stderr);
    link_ok("script-link", &input, 9, &["-q"]);
    score_pairs_ok(
        "script-sp",
        &fixture("unsupported_script.tsv"),
        &["1", "2", "3", "4", "5", "6", "7"],
        &[],
    );
    let scores: Vec<f64> = std::fs::read_to_string(scratch("script-sp").join("scores.tsv"))
        .unwrap()
        .lines()
        .skip(1)
        .map(|l| l.split_once('\t').unwrap().1.parse().unwrap())
        .collect();
    // A Cyrillic, Devanagari, Greek or Armenian spelling matches its transliteration; a
    // name without letters matches nothing.
    for i in [0, 2, 3, 4, 5] {
        assert!(scores[i] > 0.8, "row {}: {scores:?}", i + 1);
    }
    assert_eq!(scores[6], 0.0);
}

#[test]
fn duplicate_ids_are_rejected_with_the_first_row() {
    let input = fixture("duplicate_ids.csv");
    let run = dedupe_ok("dup", &input, 4, &["-q"]);
    assert_eq!(run.reject_rows(), [3, 4]);
    assert_eq!(
        run.reasons(),
        [
            "duplicate unique_id (first at row 1)",
            "duplicate unique_id (first at row 2)"
        ]
    );
    link_ok("dup-link", &input, 4, &["-q"]);
    // score-pairs ids are labels only: every row is scored.
    score_pairs_ok("dup-sp", &fixture("duplicate_ids.tsv"), &["1", "1"], &[]);
}

// ---- columns and configs ----

#[test]
fn missing_required_columns_name_the_column() {
    let d = scratch("columns");
    let out = d.join("c.csv");
    let input = fixture("missing_id_column.csv");
    // A config that asks for unique_id on a file with `id`.
    let cfg = d.join("cfg.toml");
    std::fs::write(&cfg, "[[fields]]\ncolumn = 'full_name'\nkind = 'name'\n").unwrap();
    fails(
        &[
            "dedupe",
            p(&input),
            "--output",
            p(&out),
            "--config",
            p(&cfg),
        ],
        &["missing_id_column.csv", "\"unique_id\""],
    );
    fails(
        &[
            "link",
            p(&fixture("right.csv")),
            p(&input),
            "--output",
            p(&out),
            "--config",
            p(&cfg),
        ],
        &["missing_id_column.csv", "\"unique_id\""],
    );
    // A configured field column that the file lacks.
    fails(
        &[
            "dedupe",
            p(&fixture("right.csv")),
            "--output",
            p(&out),
            "--config",
            p(&fixture("missing_field_column.toml")),
        ],
        &["fullname"],
    );
    fails(
        &[
            "score-pairs",
            "--input",
            p(&fixture("missing_column.tsv")),
            "--output",
            p(&d.join("s.tsv")),
        ],
        &["missing_column.tsv", "missing column(s) left"],
    );
    // score-pairs: a row with too few fields.
    let err = fails(
        &[
            "score-pairs",
            "--input",
            p(&fixture("ragged.tsv")),
            "--output",
            p(&d.join("s.tsv")),
        ],
        &["ragged.tsv", "row 2", "found 2"],
    );
    no_secret("score-pairs error", &err);
}

#[test]
fn bad_configs_name_the_file_and_key() {
    let d = scratch("configs");
    let out = d.join("c.csv");
    let input = fixture("right.csv");
    for (cfg, key) in [
        ("unknown_key.toml", "threshhold"),
        ("unknown_key.json", "colour"),
        ("bad_threshold.toml", "threshold"),
        ("bad_levels.toml", "thresholds"),
    ] {
        let c = fixture(cfg);
        fails(
            &["dedupe", p(&input), "--output", p(&out), "--config", p(&c)],
            &[cfg, key],
        );
        fails(
            &[
                "link",
                p(&input),
                p(&input),
                "--output",
                p(&out),
                "--config",
                p(&c),
            ],
            &[cfg, key],
        );
    }
    fails(
        &[
            "dedupe",
            p(&input),
            "--output",
            p(&out),
            "--threshold",
            "1.5",
        ],
        &["--threshold"],
    );
}

// ---- personal data in messages ----

#[test]
fn values_stay_out_of_messages_unless_asked_for() {
    let d = scratch("pii");
    // A file that is mostly not UTF-8: the whole-file error points at a line.
    let input = d.join("latin1.csv");
    std::fs::write(
        &input,
        b"unique_id,full_name\n1,Zubaida Q\xe4sim\n2,M\xfcller\n3,Fran\xe7ois\n",
    )
    .unwrap();
    let out = d.join("c.csv");
    let err = fails(
        &["dedupe", p(&input), "--output", p(&out)],
        &["latin1.csv", "line 2"],
    );
    no_secret("dedupe error", &err);
    let err = fails(
        &["dedupe", p(&input), "--output", p(&out), "--show-values"],
        &["latin1.csv", "line 2"],
    );
    assert!(err.contains(SECRET), "{err}");

    // score-pairs: a short row.
    let tsv = fixture("ragged.tsv");
    let s = d.join("s.tsv");
    let err = fails(
        &["score-pairs", "--input", p(&tsv), "--output", p(&s)],
        &["row 2"],
    );
    no_secret("score-pairs error", &err);
    let err = fails(
        &[
            "score-pairs",
            "--input",
            p(&tsv),
            "--output",
            p(&s),
            "--show-values",
        ],
        &["row 2"],
    );
    assert!(err.contains(SECRET), "{err}");

    // Rejects file and run report (progress, schema, report) of a run with bad rows.
    let run = dedupe_ok("pii-run", &fixture("ragged.csv"), 4, &[]);
    no_secret("stderr", &run.stderr);
    no_secret("rejects", &format!("{:?}", run.rejects));
    let run = dedupe_ok("pii-show", &fixture("ragged.csv"), 4, &["--show-values"]);
    assert!(
        run.reasons().iter().any(|r| r.contains("Ali Hassan")),
        "{:?}",
        run.rejects
    );
}
