//! `hawiya score-pairs --input PAIRS.tsv --output SCORES.tsv`: name similarity of every
//! row, in input order, on all cores.

use std::fs::File;
use std::io::{BufRead, BufWriter, Write};
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
/// count. Rows are read in chunks of [`CHUNK`] lines into one buffer (no allocation per
/// field), each chunk scored in parallel, and written in input order.
///
/// # Errors
/// A missing column in the header, a row with too few fields or invalid UTF-8 (naming the
/// file and the 1-based data row), or a read or write error.
pub fn score_stream(
    cmp: &NameComparator,
    input: impl std::io::Read,
    path: &Path,
    mut out: impl Write,
    out_path: &Path,
) -> anyhow::Result<usize> {
    let mut rdr = std::io::BufReader::with_capacity(1 << 20, input);
    let read_err = || format!("cannot read {}", path.display());
    let mut header = Vec::new();
    rdr.read_until(b'\n', &mut header).with_context(read_err)?;
    let header = std::str::from_utf8(&header)
        .map_err(|_| anyhow::anyhow!("{}: the header is not valid UTF-8", path.display()))?;
    let cols: Vec<&str> = header.trim_end_matches(['\n', '\r']).split('\t').collect();
    let col = |name: &str| cols.iter().position(|h| h.trim() == name);
    let (Some(ci), Some(cl), Some(cr)) = (col("id"), col("left"), col("right")) else {
        bail!(
            "{}: the header must contain the columns id, left and right",
            path.display()
        );
    };
    let need = ci.max(cl).max(cr) + 1;
    let write_err = || format!("cannot write {}", out_path.display());
    out.write_all(b"id\tscore\n").with_context(write_err)?;
    let mut buf: Vec<u8> = Vec::new();
    let mut ends: Vec<usize> = Vec::with_capacity(CHUNK);
    let mut row = 0usize;
    let mut line = String::new();
    loop {
        buf.clear();
        ends.clear();
        while ends.len() < CHUNK {
            let n = rdr.read_until(b'\n', &mut buf).with_context(read_err)?;
            if n == 0 {
                break;
            }
            ends.push(buf.len());
        }
        if ends.is_empty() {
            break;
        }
        let mut ids: Vec<&str> = Vec::with_capacity(ends.len());
        let mut lefts: Vec<&str> = Vec::with_capacity(ends.len());
        let mut rights: Vec<&str> = Vec::with_capacity(ends.len());
        let mut start = 0;
        for &end in &ends {
            row += 1;
            let raw = &buf[start..end];
            start = end;
            let text = std::str::from_utf8(raw).map_err(|_| {
                anyhow::anyhow!("{}: row {row}: the row is not valid UTF-8", path.display())
            })?;
            let text = text.trim_end_matches(['\n', '\r']);
            let mut fields = [""; 3];
            let mut count = 0;
            for (k, f) in text.split('\t').enumerate().take(need) {
                count = k + 1;
                if k == ci {
                    fields[0] = f;
                }
                if k == cl {
                    fields[1] = f;
                }
                if k == cr {
                    fields[2] = f;
                }
            }
            if count < need {
                bail!(
                    "{}: row {row}: expected at least {need} tab-separated fields (id, left, right), found {count}",
                    path.display()
                );
            }
            ids.push(fields[0]);
            lefts.push(fields[1]);
            rights.push(fields[2]);
        }
        let scores = cmp.score_pairs(&lefts, &rights);
        for (id, s) in ids.iter().zip(&scores) {
            line.clear();
            use std::fmt::Write as _;
            let _ = writeln!(line, "{id}\t{s:.6}");
            out.write_all(line.as_bytes()).with_context(write_err)?;
        }
    }
    out.flush().with_context(write_err)?;
    Ok(row)
}
