//! `hawiya score-pairs --input PAIRS.tsv --output SCORES.tsv`: name similarity of every
//! row, in input order, on all cores.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use hawiya::NameComparator;

/// Arguments of `hawiya score-pairs`.
#[derive(Debug, clap::Args)]
pub struct ScorePairsArgs {
    /// Input TSV with a header containing `id`, `left` and `right` (other columns are
    /// ignored; names in any script).
    #[arg(long)]
    pub input: PathBuf,
    /// Output TSV: header `id<TAB>score`, one row per input row, in input order.
    #[arg(long)]
    pub output: PathBuf,
}

/// Rows scored per parallel batch: bounds memory on large inputs.
const CHUNK: usize = 1 << 20;

/// Run `hawiya score-pairs`.
pub fn run(args: ScorePairsArgs) -> anyhow::Result<()> {
    let cmp = NameComparator::default();
    let input = File::open(&args.input)
        .with_context(|| format!("cannot open input {}", args.input.display()))?;
    let output = File::create(&args.output)
        .with_context(|| format!("cannot create output {}", args.output.display()))?;
    let n = score_stream(
        &cmp,
        input,
        &args.input,
        BufWriter::new(output),
        &args.output,
    )?;
    eprintln!("scored {n} pairs into {}", args.output.display());
    Ok(())
}

/// Score every row of `input` (TSV, named `path` in errors) into `out`; returns the row
/// count.
///
/// # Errors
/// A missing column in the header, a row with too few fields or invalid UTF-8 (naming the
/// file and the 1-based data row), or a write error.
pub fn score_stream(
    cmp: &NameComparator,
    input: impl std::io::Read,
    path: &Path,
    mut out: impl Write,
    out_path: &Path,
) -> anyhow::Result<usize> {
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(b'\t')
        .quoting(false)
        .flexible(true)
        .has_headers(true)
        .from_reader(input);
    let header = rdr
        .headers()
        .with_context(|| format!("{}: cannot read the header", path.display()))?
        .clone();
    let col = |name: &str| header.iter().position(|h| h.trim() == name);
    let (Some(ci), Some(cl), Some(cr)) = (col("id"), col("left"), col("right")) else {
        bail!(
            "{}: the header must contain the columns id, left and right",
            path.display()
        );
    };
    let need = ci.max(cl).max(cr) + 1;
    let write_err = || format!("cannot write {}", out_path.display());
    out.write_all(b"id\tscore\n").with_context(write_err)?;
    let mut ids: Vec<String> = Vec::with_capacity(CHUNK);
    let mut lefts: Vec<String> = Vec::with_capacity(CHUNK);
    let mut rights: Vec<String> = Vec::with_capacity(CHUNK);
    let mut record = csv::StringRecord::new();
    let mut row = 0usize;
    let mut line = String::new();
    loop {
        let more = rdr.read_record(&mut record).map_err(|e| {
            anyhow::anyhow!(
                "{}: row {}: cannot read the row ({})",
                path.display(),
                row + 1,
                describe(&e)
            )
        })?;
        if more {
            row += 1;
            if record.len() < need {
                bail!(
                    "{}: row {row}: expected at least {need} tab-separated fields (id, left, right), found {}",
                    path.display(),
                    record.len()
                );
            }
            ids.push(record[ci].to_owned());
            lefts.push(record[cl].to_owned());
            rights.push(record[cr].to_owned());
        }
        if ids.len() == CHUNK || (!more && !ids.is_empty()) {
            let l: Vec<&str> = lefts.iter().map(String::as_str).collect();
            let r: Vec<&str> = rights.iter().map(String::as_str).collect();
            let scores = cmp.score_pairs(&l, &r);
            for (id, s) in ids.iter().zip(&scores) {
                line.clear();
                use std::fmt::Write as _;
                let _ = writeln!(line, "{id}\t{s:.6}");
                out.write_all(line.as_bytes()).with_context(write_err)?;
            }
            ids.clear();
            lefts.clear();
            rights.clear();
        }
        if !more {
            break;
        }
    }
    out.flush().with_context(write_err)?;
    Ok(row)
}

/// The kind of a CSV error, without the field values.
fn describe(e: &csv::Error) -> &'static str {
    match e.kind() {
        csv::ErrorKind::Utf8 { .. } => "invalid UTF-8",
        csv::ErrorKind::Io(_) => "read error",
        _ => "malformed row",
    }
}
