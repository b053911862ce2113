//! `hawiya report` (the report of a saved run) and the `--report` of dedupe / link: one
//! self-contained HTML file.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use hawiya::{Config, FellegiSunter, MatchResult, Matcher, ReportOptions, ReviewOptions, Table};
use hawiya_cli::input::{InputOptions, decode_file};

use crate::cmd_match::MatchOptions;

/// `hawiya report --input INPUT --clusters CLUSTERS.csv --pairs PAIRS.csv --model MODEL.json --output REPORT.html`
#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    /// The input of the run (CSV).
    #[arg(long)]
    pub input: PathBuf,
    /// The clusters the run wrote (`unique_id,cluster_id`).
    #[arg(long)]
    pub clusters: PathBuf,
    /// The scored pairs the run wrote (`--pairs`).
    #[arg(long)]
    pub pairs: PathBuf,
    /// The model the run saved (`--save-model`).
    #[arg(long)]
    pub model: PathBuf,
    /// The report (HTML).
    #[arg(long)]
    pub output: PathBuf,
    /// Config file of the run (default: inferred from the header, as the run did).
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Clustering threshold of the run, when it was given on its command line.
    #[arg(long)]
    pub threshold: Option<f64>,
    /// A column of INPUT with the true entity: adds precision–recall and blocking
    /// completeness per rule.
    #[arg(long)]
    pub truth_column: Option<String>,
    /// Target precision of the threshold choice (with --truth-column).
    #[arg(long, default_value_t = 0.99)]
    pub target_precision: f64,
    /// Records held by the cluster viewer (whole clusters, weak ones first).
    #[arg(long, default_value_t = 20_000)]
    pub max_records: usize,
    /// Review pairs listed in the report.
    #[arg(long, default_value_t = 200)]
    pub top: usize,
    /// Input encoding label (default: BOM, else UTF-8).
    #[arg(long)]
    pub encoding: Option<String>,
    /// Field delimiter of INPUT.
    #[arg(long, default_value = ",")]
    pub delimiter: String,
}

/// Report options from the command line.
fn options(
    truth: Option<String>,
    target: f64,
    max_records: usize,
    review: ReviewOptions,
) -> Result<ReportOptions> {
    if !(target > 0.0 && target <= 1.0) {
        bail!("--target-precision {target} is not in (0, 1]");
    }
    Ok(ReportOptions {
        truth_column: truth,
        target_precision: target,
        max_records,
        review,
        ..ReportOptions::default()
    })
}

/// The `--report` of a dedupe, link or review run.
pub fn write_run_report(
    m: &Matcher,
    result: &MatchResult,
    tables: &[&Table],
    opts: &MatchOptions,
    path: &Path,
    review: ReviewOptions,
) -> Result<()> {
    let options = options(
        opts.report_truth.clone(),
        0.99,
        opts.report_max_records,
        review,
    )?;
    let report = m
        .report(result, tables, &options)
        .map_err(|e| anyhow::anyhow!("--report: {e}"))?;
    hawiya_cli::tabular::create_parent(path)?;
    report
        .write_html(path)
        .with_context(|| format!("{}: cannot write the report", path.display()))?;
    if !opts.quiet {
        eprintln!("wrote {} (report)", path.display());
    }
    Ok(())
}

/// The two-column contents of a CSV written by a run (`unique_id,cluster_id` or the ids of
/// the pairs), by header names.
fn read_two(path: &Path, a: &str, b: &str) -> Result<Vec<(String, String)>> {
    let file = path.display();
    let mut rdr = csv::Reader::from_path(path).with_context(|| format!("{file}: cannot read"))?;
    let header = rdr
        .headers()
        .with_context(|| format!("{file}: cannot read the header"))?
        .clone();
    let col = |n: &str| header.iter().position(|h| h.trim() == n);
    let (Some(ia), Some(ib)) = (col(a), col(b)) else {
        bail!("{file}: the header needs {a:?} and {b:?} columns");
    };
    let mut out = Vec::new();
    for (n, rec) in rdr.records().enumerate() {
        let rec = rec.with_context(|| format!("{file}: row {}: unreadable", n + 1))?;
        out.push((
            rec.get(ia).unwrap_or("").trim().to_string(),
            rec.get(ib).unwrap_or("").trim().to_string(),
        ));
    }
    Ok(out)
}

/// The matcher of the run (config and saved model) and its input.
fn load(args: &ReportArgs) -> Result<(Matcher, Table)> {
    let io = InputOptions {
        delimiter: match args.delimiter.as_str() {
            "\\t" | "tab" | "\t" => b'\t',
            s if s.len() == 1 => s.as_bytes()[0],
            s => bail!("--delimiter must be one ASCII character (or \\t), got {s:?}"),
        },
        encoding: args.encoding.clone(),
        show_values: false,
    };
    let decoded = decode_file(&args.input, &io)?;
    let mut cfg = match &args.config {
        Some(p) => {
            let text = std::fs::read_to_string(p)
                .with_context(|| format!("{}: cannot read the config", p.display()))?;
            let cfg = if p.extension().is_some_and(|e| e == "json") {
                Config::from_json(&text)
            } else {
                Config::from_toml(&text)
            };
            cfg.map_err(|e| anyhow::anyhow!("{}: {e}", p.display()))?
        }
        None => Config::infer(&decoded.header()?)?,
    };
    if let Some(t) = args.threshold {
        if !(t > 0.0 && t < 1.0) {
            bail!("--threshold {t} is not in (0, 1)");
        }
        cfg.threshold = t;
    }
    let loaded = decoded.parse(&cfg.id_column)?;
    let text = std::fs::read_to_string(&args.model)
        .with_context(|| format!("{}: cannot read the model", args.model.display()))?;
    let model = FellegiSunter::from_json(&text)
        .map_err(|e| anyhow::anyhow!("{}: {e}", args.model.display()))?;
    let m = Matcher::new(cfg)?
        .with_model(model)
        .map_err(|e| anyhow::anyhow!("{}: {e}", args.model.display()))?;
    Ok((m, loaded.table))
}

pub fn run(args: ReportArgs) -> Result<()> {
    let (m, table) = load(&args)?;
    let clusters = read_two(&args.clusters, "unique_id", "cluster_id")?;
    let pairs = read_two(&args.pairs, "unique_id_l", "unique_id_r")?;
    let result = m
        .result_from_outputs(&table, &clusters, &pairs)
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let review = ReviewOptions {
        top: args.top,
        ..ReviewOptions::default()
    };
    let options = options(
        args.truth_column.clone(),
        args.target_precision,
        args.max_records,
        review,
    )?;
    let report = m
        .report(&result, &[&table], &options)
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    hawiya_cli::tabular::create_parent(&args.output)?;
    report
        .write_html(&args.output)
        .with_context(|| format!("{}: cannot write", args.output.display()))?;
    eprintln!(
        "wrote {} ({} records in the cluster viewer)",
        args.output.display(),
        report.viewer_records()
    );
    Ok(())
}
