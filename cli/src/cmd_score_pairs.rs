//! `hawiya score-pairs --input PAIRS.tsv --output SCORES.tsv`: name similarity of every
//! row, in input order, on all cores.

use std::fs::File;
use std::io::{BufRead, BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use encoding_rs::Encoding;
use hawiya::name::NameComparator;
use hawiya::{MAX_FIELD_CHARS, too_long};

use crate::input::shown;

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
    /// Input encoding label (utf-8, windows-1256, utf-16le …). Default: BOM, else UTF-8.
    #[arg(long)]
    pub encoding: Option<String>,
    /// Show the offending values in error messages (for debugging; by default messages
    /// name only the file, row, column and kind of problem).
    #[arg(long)]
    pub show_values: bool,
}

/// Rows scored per parallel batch: bounds memory on large inputs.
const CHUNK: usize = 1 << 20;

/// Run `hawiya score-pairs`.
pub fn run(args: ScorePairsArgs) -> anyhow::Result<()> {
    let cmp = NameComparator::default();
    let file = File::open(&args.input)
        .with_context(|| format!("{}: cannot open the input", args.input.display()))?;
    let mut input = std::io::BufReader::with_capacity(1 << 20, file);
    let head = input
        .fill_buf()
        .with_context(|| format!("{}: cannot read", args.input.display()))?;
    // UTF-8 streams as it is (a BOM is skipped below); any other encoding is decoded
    // whole, once, before scoring.
    let encoding = match Encoding::for_bom(head) {
        Some((enc, _)) => Some(enc),
        None => match &args.encoding {
            Some(label) => Some(
                Encoding::for_label(label.trim().as_bytes()).with_context(|| {
                    format!(
                        "{}: unknown encoding {label:?} (try utf-8, windows-1256, utf-16le, utf-16be)",
                        args.input.display()
                    )
                })?,
            ),
            None => None,
        },
    };
    crate::tabular::create_parent(&args.output)?;
    let output = File::create(&args.output)
        .with_context(|| format!("{}: cannot create the output", args.output.display()))?;
    let out = BufWriter::new(output);
    let stats = match encoding {
        Some(enc) if enc != encoding_rs::UTF_8 => {
            let mut bytes = Vec::new();
            std::io::Read::read_to_end(&mut input, &mut bytes)
                .with_context(|| format!("{}: cannot read", args.input.display()))?;
            let (text, _, _) = enc.decode(&bytes);
            score_stream(
                &cmp,
                text.as_bytes(),
                &args.input,
                out,
                &args.output,
                args.show_values,
            )?
        }
        _ => score_stream(
            &cmp,
            input,
            &args.input,
            out,
            &args.output,
            args.show_values,
        )?,
    };
    if stats.empty_names > 0 {
        eprintln!(
            "warning: {} row(s) have an empty or blank left or right name (first at row {}); an empty name scores 1 only against another empty name",
            stats.empty_names, stats.first_empty
        );
    }
    eprintln!("scored {} pairs into {}", stats.rows, args.output.display());
    Ok(())
}

/// What [`score_stream`] read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ScoreStats {
    /// Data rows scored (one output row each).
    pub rows: usize,
    /// Rows with an empty or blank `left` or `right`.
    pub empty_names: usize,
    /// The first such row (1-based; 0 when there is none).
    pub first_empty: usize,
}

/// Score every row of `input` (UTF-8 TSV, a BOM allowed, named `path` in errors) into
/// `out`. Rows are read in chunks of [`CHUNK`] lines into one buffer (no allocation per
/// field), each chunk scored in parallel, and written in input order. `show_values` puts
/// the offending text into error messages.
///
/// # Errors
/// A missing column in the header, a row with too few fields, invalid UTF-8 or a name
/// longer than [`MAX_FIELD_CHARS`] characters (naming the file, the 1-based data row and
/// the column), or a read or write error.
pub fn score_stream(
    cmp: &NameComparator,
    input: impl std::io::Read,
    path: &Path,
    mut out: impl Write,
    out_path: &Path,
    show_values: bool,
) -> anyhow::Result<ScoreStats> {
    let mut rdr = std::io::BufReader::with_capacity(1 << 20, input);
    let read_err = || format!("{}: cannot read", path.display());
    let mut header = Vec::new();
    rdr.read_until(b'\n', &mut header).with_context(read_err)?;
    if header.is_empty() {
        bail!("{}: the file is empty (no header row)", path.display());
    }
    let header = std::str::from_utf8(&header).map_err(|_| {
        anyhow::anyhow!(
            "{}: the header is not valid UTF-8; pass --encoding with the file's encoding, e.g. --encoding windows-1256",
            path.display()
        )
    })?;
    if header.contains('\0') {
        bail!(
            "{}: the file looks like UTF-16 without a byte-order mark; pass --encoding utf-16le (or utf-16be)",
            path.display()
        );
    }
    let header = header.strip_prefix('\u{feff}').unwrap_or(header);
    let cols: Vec<&str> = header.trim_end_matches(['\n', '\r']).split('\t').collect();
    let col = |name: &str| cols.iter().position(|h| h.trim() == name);
    let (Some(ci), Some(cl), Some(cr)) = (col("id"), col("left"), col("right")) else {
        let missing: Vec<&str> = ["id", "left", "right"]
            .into_iter()
            .filter(|c| col(c).is_none())
            .collect();
        bail!(
            "{}: header: missing column(s) {} (the header must contain id, left and right, tab-separated)",
            path.display(),
            missing.join(", ")
        );
    };
    let need = ci.max(cl).max(cr) + 1;
    let write_err = || format!("{}: cannot write", out_path.display());
    out.write_all(b"id\tscore\n").with_context(write_err)?;
    let mut buf: Vec<u8> = Vec::new();
    let mut ends: Vec<usize> = Vec::with_capacity(CHUNK);
    let mut row = 0usize;
    let mut stats = ScoreStats::default();
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
                anyhow::anyhow!(
                    "{}: row {row}: the row is not valid UTF-8{}; pass --encoding with the file's encoding",
                    path.display(),
                    shown(show_values, String::from_utf8_lossy(raw).trim_end())
                )
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
                    "{}: row {row}: expected at least {need} tab-separated fields (id, left, right), found {count}{}",
                    path.display(),
                    shown(show_values, text)
                );
            }
            for (name, v) in [("left", fields[1]), ("right", fields[2])] {
                if too_long(v) {
                    bail!(
                        "{}: row {row}: field \"{name}\": longer than {MAX_FIELD_CHARS} characters{}",
                        path.display(),
                        shown(show_values, v)
                    );
                }
            }
            if fields[1].trim().is_empty() || fields[2].trim().is_empty() {
                stats.empty_names += 1;
                if stats.first_empty == 0 {
                    stats.first_empty = row;
                }
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
    stats.rows = row;
    Ok(stats)
}
