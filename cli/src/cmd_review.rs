//! `hawiya review`: the pairs worth a human look as a CSV for spreadsheets, and the labels
//! file that brings the decisions back (`--labels` on dedupe and link).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result, bail};
use hawiya::{MatchResult, Matcher, PairLabel, ReviewOptions, Table};

use hawiya_cli::input::Loaded;

use crate::cmd_match::{self, Bars, MatchOptions};

/// `hawiya review INPUT [RIGHT] --output REVIEW.csv …`
#[derive(Debug, clap::Args)]
pub struct ReviewArgs {
    /// Input CSV (the left input of a link when RIGHT is given).
    pub input: PathBuf,
    /// Right input CSV: review the pairs of a link.
    pub right: Option<PathBuf>,
    /// Pairs proposed, best first.
    #[arg(long, default_value_t = 200)]
    pub top: usize,
    /// Lower bound of the uncertain band of match probabilities.
    #[arg(long, default_value_t = 0.5)]
    pub low: f64,
    /// Upper bound of the uncertain band of match probabilities.
    #[arg(long, default_value_t = 0.99)]
    pub high: f64,
    #[command(flatten)]
    pub opts: MatchOptions,
}

/// The labels of a CSV with `unique_id_l`, `unique_id_r` and `label` (`match` /
/// `non_match`; blank: not reviewed, skipped), and optional `note` and `reviewer`
/// columns: a reviewed REVIEW.csv is read as is.
pub fn read_labels(path: &Path) -> Result<Vec<PairLabel>> {
    let file = path.display();
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(true)
        .from_path(path)
        .with_context(|| format!("{file}: cannot read the labels"))?;
    let header = rdr
        .headers()
        .with_context(|| format!("{file}: cannot read the header"))?
        .clone();
    let col = |name: &str| {
        header
            .iter()
            .position(|h| h.trim().trim_start_matches('\u{feff}') == name)
    };
    let (Some(l), Some(r), Some(lab)) = (col("unique_id_l"), col("unique_id_r"), col("label"))
    else {
        bail!("{file}: the header needs unique_id_l, unique_id_r and label columns");
    };
    let (note, reviewer) = (col("note"), col("reviewer"));
    let mut out = Vec::new();
    for (n, rec) in rdr.records().enumerate() {
        let row = n + 1;
        let rec = rec.with_context(|| format!("{file}: row {row}: unreadable"))?;
        let get = |i: Option<usize>| i.and_then(|i| rec.get(i)).unwrap_or("").trim();
        let (a, b) = (get(Some(l)), get(Some(r)));
        let label = PairLabel::parse(a, b, get(Some(lab)))
            .map_err(|e| anyhow::anyhow!("{file}: row {row}, field \"label\": {e}"))?;
        let Some(mut label) = label else {
            continue;
        };
        if a.is_empty() || b.is_empty() {
            bail!("{file}: row {row}: a labelled pair needs both unique ids");
        }
        label.note = get(note).to_string();
        label.reviewer = get(reviewer).to_string();
        out.push(label);
    }
    Ok(out)
}

/// The matcher with the `--labels` decisions, if any.
pub fn apply_labels(m: Matcher, opts: &MatchOptions) -> Result<Matcher> {
    match &opts.labels {
        Some(p) => Ok(m.with_labels(read_labels(p)?)),
        None => Ok(m),
    }
}

/// One or two inputs read and checked against the config, and the matcher for them (with
/// `--model` and `--labels`), as dedupe and link do.
pub fn load_inputs(opts: &MatchOptions, paths: &[&PathBuf]) -> Result<(Matcher, Vec<Loaded>)> {
    let first = cmd_match::decode(paths[0], opts)?;
    let (cfg, inferred) = cmd_match::load_config(opts, &first.header()?)?;
    if inferred && !opts.quiet {
        eprintln!(
            "inferred schema (pass --config to override):\n{}",
            cfg.to_toml()
        );
    }
    let mut loaded = Vec::new();
    for (i, p) in paths.iter().enumerate() {
        let decoded = if i == 0 {
            None
        } else {
            Some(cmd_match::decode(p, opts)?)
        };
        let d = decoded.as_ref().unwrap_or(&first);
        let l = d.parse(&cfg.id_column)?;
        cmd_match::check_columns(&cfg, &l, d.file())?;
        loaded.push(l);
    }
    let m = apply_labels(cmd_match::matcher(cfg, opts)?, opts)?;
    Ok((m, loaded))
}

/// The audit trail of the labels applied in a run, for the run report.
pub fn print_labels(w: &mut dyn Write, result: &MatchResult) -> Result<()> {
    let labels = &result.report.labels;
    if labels.is_empty() {
        return Ok(());
    }
    let unknown = labels.iter().filter(|l| l.outcome.is_none()).count();
    writeln!(
        w,
        "  labels         {} applied ({} not in this run), {} scored links refused by cannot-links",
        labels.len() - unknown,
        unknown,
        result.report.refused_links
    )?;
    for l in labels {
        writeln!(w, "    {}", l.describe())?;
    }
    Ok(())
}

pub fn run(args: ReviewArgs) -> Result<()> {
    let ordered = (0.0..=1.0).contains(&args.low) && args.low < args.high && args.high <= 1.0;
    if !ordered {
        bail!(
            "--low {} and --high {} must satisfy 0 <= low < high <= 1",
            args.low,
            args.high
        );
    }
    let opts = &args.opts;
    if opts.history.previous.is_some() {
        bail!(
            "--previous keeps the cluster ids of dedupe and link outputs; review writes pairs, not clusters"
        );
    }
    let t0 = Instant::now();
    let mut paths = vec![&args.input];
    paths.extend(args.right.as_ref());
    let (m, loaded) = load_inputs(opts, &paths)?;
    let tables: Vec<&Table> = loaded.iter().map(|l| &l.table).collect();
    let bars = Bars::new(opts.quiet);
    let result = match tables.as_slice() {
        [one] => m.dedupe_with(one, &bars)?,
        [left, right] => m.link_with(left, right, &bars)?,
        _ => unreachable!("one or two inputs"),
    };
    let options = ReviewOptions {
        low: args.low,
        high: args.high,
        top: args.top,
        ..ReviewOptions::default()
    };
    let review = m.review(&result, &options);
    write_review(&m, &result, &tables, &review, &opts.output)?;
    if let Some(p) = &opts.save_model {
        hawiya_cli::tabular::write_file(p, result.model.to_json())?;
    }
    cmd_match::write_report_json(opts, &result)?;
    if let Some(p) = &opts.report {
        crate::cmd_report::write_run_report(&m, &result, &tables, opts, p, options)?;
    }
    if !opts.quiet {
        let linked = review.iter().filter(|r| r.linked).count();
        eprintln!(
            "wrote {} ({} pairs: {} linked, {} apart; expected record pairs changed by the decisions {:.1}) in {:.2}s",
            opts.output.display(),
            review.len(),
            linked,
            review.len() - linked,
            review.iter().map(|r| r.expected_change).sum::<f64>(),
            t0.elapsed().as_secs_f64()
        );
    }
    Ok(())
}

/// REVIEW.csv: the library's review sheet ([`Matcher::review_sheet`]).
fn write_review(
    m: &Matcher,
    result: &MatchResult,
    tables: &[&Table],
    review: &[hawiya::ReviewPair],
    path: &Path,
) -> Result<()> {
    let sheet = m.review_sheet(result, tables, review);
    let mut w = csv::Writer::from_path(path)
        .with_context(|| format!("{}: cannot write", path.display()))?;
    w.write_record(&sheet.header)?;
    for row in &sheet.rows {
        w.write_record(row)?;
    }
    w.flush()
        .with_context(|| format!("{}: cannot write", path.display()))?;
    Ok(())
}
