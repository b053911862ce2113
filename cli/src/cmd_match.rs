//! `hawiya dedupe`, `hawiya link` and `hawiya eval`: CSV or Parquet in, clusters / pairs /
//! rejects out.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Instant;

use anyhow::{Context, Result, bail};
use hawiya::eval::ClusterMetrics;
use hawiya::{Config, MatchResult, Matcher, Progress, Table, WrittenConfig};
use indicatif::{ProgressBar, ProgressStyle};

use hawiya_cli::input::{InputOptions, Loaded, Reject, column_list};
use hawiya_cli::tabular::{Input, TableWriter, read_table, write_rejects};

/// Options shared by `dedupe` and `link`.
#[derive(Debug, clap::Args)]
pub struct MatchOptions {
    /// Output: `unique_id,cluster_id` for every usable input row.
    #[arg(long)]
    pub output: PathBuf,
    /// Config file (TOML, or JSON with a .json extension). Default: inferred from the header.
    /// A file without [[fields]] keeps the inferred fields and sets its other keys
    /// (threshold, blocking …). See examples/config.toml and docs/guide.md.
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Also write scored pairs (`unique_id_l,unique_id_r,match_probability,match_weight`
    /// and one level column per field).
    #[arg(long)]
    pub pairs: Option<PathBuf>,
    /// Clustering threshold on the match probability (overrides the config).
    #[arg(long)]
    pub threshold: Option<f64>,
    /// Rows that cannot be used: `row,unique_id,reason`. Default: OUTPUT + `.rejects.csv`.
    #[arg(long)]
    pub rejects: Option<PathBuf>,
    /// Input encoding label (utf-8, windows-1256, utf-16le …). Default: BOM, else UTF-8.
    #[arg(long)]
    pub encoding: Option<String>,
    /// Field delimiter (one character; `\t` for tab).
    #[arg(long, default_value = ",")]
    pub delimiter: String,
    /// Load a trained model (JSON) instead of training.
    #[arg(long)]
    pub model: Option<PathBuf>,
    /// Save the trained model (JSON).
    #[arg(long)]
    pub save_model: Option<PathBuf>,
    /// No progress bars and no report on stderr.
    #[arg(long, short)]
    pub quiet: bool,
    /// Show the offending values in reject reasons and error messages (for debugging; by
    /// default messages name only the file, row, column and kind of problem, never the
    /// personal data in it).
    #[arg(long)]
    pub show_values: bool,
    /// Write the run's report: one self-contained HTML file (model, blocking, scores,
    /// a pair's weights, clusters, review list).
    #[arg(long)]
    pub report: Option<PathBuf>,
    /// Write the run report as one JSON object (the keys of Python's
    /// `Matcher.last_report`: rows, records, rejected, nulls, blocking, training,
    /// pairs_scored, clusters, warnings, seconds …), for scripts and monitoring.
    #[arg(long, value_name = "REPORT.json")]
    pub report_json: Option<PathBuf>,
    /// A column of the input with the true entity, for the report's precision–recall and
    /// blocking completeness.
    #[arg(long, requires = "report")]
    pub report_truth: Option<String>,
    /// Records held by the report's cluster viewer (whole clusters, weak ones first).
    #[arg(long, default_value_t = 20_000)]
    pub report_max_records: usize,
    /// Reviewers' decisions (`unique_id_l,unique_id_r,label` with `match` / `non_match`;
    /// a reviewed REVIEW.csv as is): must-links and cannot-links of the clustering, and
    /// labelled matches for the model's m. Each decision's effect is listed in the report.
    /// With --previous, the labels shape the clusters first and the earlier run's ids are
    /// then kept on them.
    #[arg(long)]
    pub labels: Option<PathBuf>,
    #[command(flatten)]
    pub history: hawiya_cli::previous::PreviousOptions,
}

/// `hawiya dedupe INPUT --output CLUSTERS.csv …`
#[derive(Debug, clap::Args)]
pub struct DedupeArgs {
    /// Input CSV.
    pub input: PathBuf,
    #[command(flatten)]
    pub opts: MatchOptions,
}

/// `hawiya link LEFT RIGHT --output CLUSTERS.csv …`
#[derive(Debug, clap::Args)]
pub struct LinkArgs {
    /// Left input CSV.
    pub left: PathBuf,
    /// Right input CSV.
    pub right: PathBuf,
    #[command(flatten)]
    pub opts: MatchOptions,
}

/// `hawiya eval --clusters CLUSTERS.csv --truth INPUT --truth-column COL`
#[derive(Debug, clap::Args)]
pub struct EvalArgs {
    /// Clusters written by dedupe or link (`unique_id,cluster_id`).
    #[arg(long)]
    pub clusters: PathBuf,
    /// The input with the truth column.
    #[arg(long)]
    pub truth: PathBuf,
    /// Column of the truth file holding the true entity id.
    #[arg(long)]
    pub truth_column: String,
    /// Id column of the truth file.
    #[arg(long, default_value = "unique_id")]
    pub id_column: String,
    /// Scored pairs written by `dedupe` / `link --pairs` (needed by --target-precision).
    #[arg(long)]
    pub pairs: Option<PathBuf>,
    /// Choose the match-probability threshold whose pairs reach this precision with the
    /// highest recall (recall against every true pair, also those never scored), from
    /// --pairs labelled by the truth.
    #[arg(long, requires = "pairs")]
    pub target_precision: Option<f64>,
}

/// Progress bars on stderr (one per stage).
pub struct Bars {
    bar: Mutex<Option<ProgressBar>>,
    quiet: bool,
}

impl Bars {
    pub fn new(quiet: bool) -> Self {
        Bars {
            bar: Mutex::new(None),
            quiet,
        }
    }
}

impl Progress for Bars {
    fn start(&self, stage: &str, total: u64) {
        if self.quiet {
            return;
        }
        let bar = if total > 0 {
            ProgressBar::new(total).with_style(
                ProgressStyle::with_template(
                    "{msg:<40} [{bar:30}] {human_pos}/{human_len} {elapsed}",
                )
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> "),
            )
        } else {
            ProgressBar::new_spinner().with_style(
                ProgressStyle::with_template("{msg:<40} {spinner} {human_pos} {elapsed}")
                    .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            )
        };
        bar.set_message(stage.to_string());
        if let Ok(mut b) = self.bar.lock() {
            *b = Some(bar);
        }
    }
    fn advance(&self, n: u64) {
        if let Ok(b) = self.bar.lock() {
            if let Some(b) = b.as_ref() {
                b.inc(n);
            }
        }
    }
    fn finish(&self) {
        if let Ok(mut b) = self.bar.lock() {
            if let Some(b) = b.take() {
                b.finish();
            }
        }
    }
}

fn delimiter(s: &str) -> Result<u8> {
    match s {
        "\\t" | "tab" | "\t" => Ok(b'\t'),
        s if s.len() == 1 => Ok(s.as_bytes()[0]),
        _ => bail!("--delimiter must be one ASCII character (or \\t), got {s:?}"),
    }
}

pub(crate) fn load_config(opts: &MatchOptions, header: &[String]) -> Result<(Config, bool)> {
    let mut cfg = read_config(opts.config.as_deref(), header)?;
    if let Some(t) = opts.threshold {
        if !(t > 0.0 && t < 1.0) {
            bail!("--threshold {t} is not in (0, 1)");
        }
        cfg.threshold = t;
    }
    let inferred = !cfg.inferred.is_empty();
    Ok((cfg, inferred))
}

/// The config of a run: the `--config` file (TOML, or JSON by its extension) or the one
/// inferred from the header. A file without `fields` keeps the inferred fields and
/// overrides the other keys ([`WrittenConfig`]).
pub(crate) fn read_config(path: Option<&Path>, header: &[String]) -> Result<Config> {
    let Some(p) = path else {
        return Ok(Config::infer(header)?);
    };
    let text = std::fs::read_to_string(p)
        .with_context(|| format!("{}: cannot read the config", p.display()))?;
    let written = if p.extension().is_some_and(|e| e == "json") {
        WrittenConfig::from_json(&text)
    } else {
        WrittenConfig::from_toml(&text)
    };
    written
        .and_then(|w| w.resolve(header))
        .map_err(|e| anyhow::anyhow!("{}: {e}", p.display()))
}

/// Open an input: Parquet by its `.parquet` extension, else CSV decoded with the options.
pub(crate) fn decode(path: &Path, opts: &MatchOptions) -> Result<Input> {
    let io = InputOptions {
        delimiter: delimiter(&opts.delimiter)?,
        encoding: opts.encoding.clone(),
        show_values: opts.show_values,
    };
    Input::open(path, &io)
}

pub(crate) fn matcher(cfg: Config, opts: &MatchOptions) -> Result<Matcher> {
    let m = Matcher::new(cfg)?;
    match &opts.model {
        Some(p) => {
            let text = std::fs::read_to_string(p)
                .with_context(|| format!("{}: cannot read the model", p.display()))?;
            let model = hawiya::FellegiSunter::from_json(&text)
                .map_err(|e| anyhow::anyhow!("{}: {e}", p.display()))?;
            Ok(m.with_model(model)
                .map_err(|e| anyhow::anyhow!("{}: {e}", p.display()))?)
        }
        None => Ok(m),
    }
}

pub fn dedupe(args: DedupeArgs) -> Result<()> {
    let opts = &args.opts;
    let t0 = Instant::now();
    let decoded = decode(&args.input, opts)?;
    let (cfg, inferred) = load_config(opts, &decoded.header()?)?;
    if inferred && !opts.quiet {
        eprintln!(
            "inferred schema (pass --config to override):\n{}",
            cfg.to_toml()
        );
    }
    let loaded = decoded.parse(&cfg.id_column)?;
    check_columns(&cfg, &loaded, decoded.file())?;
    // The decoded text (the size of the file) is not needed once parsed.
    drop(decoded);
    let m = crate::cmd_review::apply_labels(matcher(cfg, opts)?, opts)?;
    let bars = Bars::new(opts.quiet);
    let mut result = m.dedupe_with(&loaded.table, &bars)?;
    hawiya_cli::previous::apply(
        &opts.history,
        &opts.output,
        &mut result,
        &[&loaded],
        opts.quiet,
    )?;
    write_outputs(&m, opts, &[&loaded], &[&args.input], &result, t0)
}

pub fn link(args: LinkArgs) -> Result<()> {
    let opts = &args.opts;
    let t0 = Instant::now();
    let left = decode(&args.left, opts)?;
    let (cfg, inferred) = load_config(opts, &left.header()?)?;
    if inferred && !opts.quiet {
        eprintln!(
            "inferred schema (pass --config to override):\n{}",
            cfg.to_toml()
        );
    }
    // Each decoded text (the size of its file) is dropped once parsed.
    let left = {
        let decoded = left;
        let parsed = decoded.parse(&cfg.id_column)?;
        check_columns(&cfg, &parsed, decoded.file())?;
        parsed
    };
    let right = {
        let decoded = decode(&args.right, opts)?;
        let parsed = decoded.parse(&cfg.id_column)?;
        check_columns(&cfg, &parsed, decoded.file())?;
        parsed
    };
    let m = crate::cmd_review::apply_labels(matcher(cfg, opts)?, opts)?;
    let bars = Bars::new(opts.quiet);
    let mut result = m.link_with(&left.table, &right.table, &bars)?;
    hawiya_cli::previous::apply(
        &opts.history,
        &opts.output,
        &mut result,
        &[&left, &right],
        opts.quiet,
    )?;
    write_outputs(
        &m,
        opts,
        &[&left, &right],
        &[&args.left, &args.right],
        &result,
        t0,
    )
}

/// Every configured field's column is in the file's header.
pub(crate) fn check_columns(cfg: &Config, loaded: &Loaded, file: &str) -> Result<()> {
    for f in &cfg.fields {
        if loaded.table.column(&f.column).is_none() {
            bail!(
                "{file}: the header has no {:?} column (a configured {:?} field; columns: {})",
                f.column,
                f.kind,
                column_list(loaded.table.names())
            );
        }
    }
    Ok(())
}

fn write_outputs(
    m: &Matcher,
    opts: &MatchOptions,
    loaded: &[&Loaded],
    paths: &[&PathBuf],
    result: &MatchResult,
    t0: Instant,
) -> Result<()> {
    let link = loaded.len() == 2;
    // Clusters: every usable row.
    let head: &[&str] = if link {
        &["unique_id", "cluster_id", "source"]
    } else {
        &["unique_id", "cluster_id"]
    };
    let mut w = TableWriter::create(&opts.output, head)?;
    for r in &result.records {
        if link {
            w.write_row(&[
                r.unique_id.as_str(),
                &r.cluster_id,
                if r.source == 0 { "left" } else { "right" },
            ])?;
        } else {
            w.write_row(&[r.unique_id.as_str(), &r.cluster_id])?;
        }
    }
    w.finish()?;
    // Rejects: every row the reader or the library could not use, in input order (left
    // rows before right rows in a link); table row i is data row i + 1.
    let rejects: Vec<Reject> = result
        .rejects
        .iter()
        .map(|r| {
            let mut reject = Reject::from(r);
            if link {
                reject.reason = format!("{}: {}", paths[r.source as usize].display(), r.reason);
            }
            reject
        })
        .collect();
    let rejects_path = opts.rejects.clone().unwrap_or_else(|| {
        let mut p = opts.output.clone().into_os_string();
        p.push(".rejects.csv");
        PathBuf::from(p)
    });
    write_rejects(&rejects_path, &rejects)?;
    // Pairs.
    if let Some(p) = &opts.pairs {
        let mut head = vec![
            "unique_id_l".to_string(),
            "unique_id_r".into(),
            "match_probability".into(),
            "match_weight".into(),
        ];
        head.extend(
            m.config()
                .fields
                .iter()
                .map(|f| format!("level_{}", f.column)),
        );
        let mut w = TableWriter::create(p, &head)?;
        for sp in &result.pairs {
            let mut rec = vec![
                sp.unique_id_l.clone(),
                sp.unique_id_r.clone(),
                format!("{:.6}", sp.match_probability),
                format!("{:.4}", sp.match_weight),
            ];
            for (l, c) in sp.levels.iter().zip(&result.model.comparisons) {
                rec.push(
                    l.index()
                        .and_then(|i| c.levels.get(i))
                        .map_or_else(|| "null".to_string(), |x| x.name.clone()),
                );
            }
            w.write_row(&rec)?;
        }
        w.finish()?;
    }
    if let Some(p) = &opts.save_model {
        hawiya_cli::tabular::write_file(p, result.model.to_json())?;
    }
    write_report_json(opts, result)?;
    if let Some(p) = &opts.report {
        let tables: Vec<&Table> = loaded.iter().map(|l| &l.table).collect();
        let review = hawiya::ReviewOptions::default();
        crate::cmd_report::write_run_report(m, result, &tables, opts, p, review)?;
    }
    let total: u64 = loaded.iter().map(|l| l.total_rows()).sum();
    let written = result.records.len() + rejects.len();
    if written as u64 != total {
        bail!("internal error: {total} input rows but {written} output rows");
    }
    if !opts.quiet {
        let mut err = std::io::stderr().lock();
        print_report(&mut err, result, rejects.len(), t0)?;
        writeln!(
            err,
            "wrote {} ({} rows), rejects {} ({} rows)",
            opts.output.display(),
            result.records.len(),
            rejects_path.display(),
            rejects.len()
        )?;
    }
    Ok(())
}

/// `--report-json`: the run report as one JSON object ([`hawiya::RunReport::to_json`]).
pub(crate) fn write_report_json(opts: &MatchOptions, result: &MatchResult) -> Result<()> {
    if let Some(p) = &opts.report_json {
        hawiya_cli::tabular::write_file(p, result.report.to_json() + "\n")?;
    }
    Ok(())
}

/// The run report, human-readable.
pub fn print_report(
    w: &mut dyn Write,
    result: &MatchResult,
    rejected: usize,
    t0: Instant,
) -> Result<()> {
    let r = &result.report;
    writeln!(w, "\nrun report")?;
    for c in &r.inferred {
        writeln!(w, "  inferred       {c}")?;
    }
    writeln!(
        w,
        "  records        {} usable, {} rejected",
        r.records, rejected
    )?;
    for (field, nulls) in &r.nulls {
        if !nulls.is_empty() {
            let s: Vec<String> = nulls.iter().map(|(k, c)| format!("{k} {c}")).collect();
            writeln!(w, "  nulls {field:<9} {}", s.join(", "))?;
        }
    }
    if let Some(b) = &r.blocking {
        for line in b.to_string().lines() {
            writeln!(w, "  {line}")?;
        }
    }
    if let Some(t) = &r.training {
        writeln!(
            w,
            "  training       u from {} random pairs; EM on {} sampled candidate pairs",
            t.u_pairs, t.em_pairs
        )?;
        for (name, em) in &t.passes {
            writeln!(
                w,
                "    pass {name:<22} {} iterations, {}, share of matches {:.4}",
                em.iterations,
                if em.converged {
                    "converged"
                } else {
                    "not converged"
                },
                em.block_prior
            )?;
        }
        writeln!(w, "    prior λ = {:.3e} ({})", t.prior, t.prior_method)?;
        writeln!(
            w,
            "    prior model    {:.1} % of m, {:.1} % of u from the built-in prior",
            100.0 * t.prior_model.m,
            100.0 * t.prior_model.u
        )?;
    }
    writeln!(
        w,
        "  pairs          {} scored ({} decided without comparing names), {} at or above the threshold",
        r.pairs_scored, r.pairs_cut_short, r.pairs_above_threshold
    )?;
    writeln!(
        w,
        "  clusters       {} ({} with 2+ records, largest {}, {} split by the chaining guard)",
        r.clusters, r.multi_record_clusters, r.largest_cluster, r.split_clusters
    )?;
    for warn in &r.warnings {
        writeln!(w, "  warning: {warn}")?;
    }
    crate::cmd_review::print_labels(w, result)?;
    let secs: Vec<String> = r
        .seconds
        .iter()
        .map(|(k, s)| format!("{k} {s:.2}s"))
        .collect();
    writeln!(
        w,
        "  time           {} (total {:.2}s)",
        secs.join(", "),
        t0.elapsed().as_secs_f64()
    )?;
    Ok(())
}

pub fn eval(args: EvalArgs) -> Result<()> {
    let opts = InputOptions::default();
    let clusters = read_table(&args.clusters, &opts, "unique_id")?;
    let truth = read_table(&args.truth, &opts, &args.id_column)?;
    let metrics = evaluate(
        &clusters.table,
        &truth.table,
        &args.id_column,
        &args.truth_column,
    )?;
    let choice = match (args.target_precision, &args.pairs) {
        (Some(target), Some(pairs)) => {
            if !(target > 0.0 && target <= 1.0) {
                bail!("--target-precision {target} is not in (0, 1]");
            }
            let scores = label_pairs_file(pairs, &clusters.table, &truth.table, &args)?;
            Some((target, scores.threshold_for_precision(target)))
        }
        _ => None,
    };
    let mut out = std::io::stdout().lock();
    writeln!(out, "{metrics}")?;
    let mut json = serde_json::to_value(&metrics)?;
    if let Some((target, choice)) = choice {
        match &choice {
            Some(c) => writeln!(out, "{c}")?,
            None => writeln!(
                out,
                "no threshold of the scored pairs reaches precision {target}"
            )?,
        }
        json["threshold_for_precision"] = serde_json::json!({
            "target_precision": target,
            "point": choice.map(|c| c.point),
        });
    }
    writeln!(out, "{}", serde_json::to_string(&json)?)?;
    Ok(())
}

/// The scored pairs of a `--pairs` file labelled by the truth, for the records of the
/// clusters file (see [`hawiya::eval::label_pairs`]).
fn label_pairs_file(
    path: &Path,
    clusters: &Table,
    truth: &Table,
    args: &EvalArgs,
) -> Result<hawiya::eval::LabelledScores> {
    let mut rdr = csv::Reader::from_path(path)
        .with_context(|| format!("{}: cannot read the pairs", path.display()))?;
    let header = rdr
        .headers()
        .with_context(|| format!("{}: cannot read the header", path.display()))?
        .clone();
    let mut idx = [0usize; 3];
    for (k, name) in ["unique_id_l", "unique_id_r", "match_probability"]
        .iter()
        .enumerate()
    {
        let Some(i) = header.iter().position(|h| h.trim() == *name) else {
            bail!("{}: the header has no {name:?} column", path.display());
        };
        idx[k] = i;
    }
    let mut rows: Vec<(String, String, f64)> = Vec::new();
    for (n, rec) in rdr.records().enumerate() {
        let row = n + 1;
        let rec = rec.with_context(|| format!("{}: row {row}: unreadable", path.display()))?;
        let field = |k: usize| rec.get(idx[k]).unwrap_or("").trim();
        let raw = field(2);
        let Some(p) = raw.parse::<f64>().ok().filter(|p| (0.0..=1.0).contains(p)) else {
            bail!(
                "{}: row {row}, field \"match_probability\": {raw:?} is not a probability in [0, 1]",
                path.display()
            );
        };
        rows.push((field(0).to_string(), field(1).to_string(), p));
    }
    let scored = rows.iter().map(|(l, r, p)| (l.as_str(), r.as_str(), *p));
    let (Some(tc), Some(ic)) = (
        truth.column(&args.truth_column),
        truth.column(&args.id_column),
    ) else {
        bail!(
            "the truth file lacks {:?} or {:?}",
            args.truth_column,
            args.id_column
        );
    };
    let mut entity_of = std::collections::HashMap::new();
    for i in 0..truth.len() {
        entity_of.insert(ic.raw(i).trim(), tc.raw(i).trim());
    }
    // Only the records that were matched: their true pairs are the ones to find.
    let mut truth_of = std::collections::HashMap::new();
    if let Some(uc) = clusters.column("unique_id") {
        for i in 0..clusters.len() {
            let id = uc.raw(i).trim();
            if let Some(t) = entity_of.get(id) {
                truth_of.insert(id, *t);
            }
        }
    }
    hawiya::eval::label_pairs(scored, &truth_of)
        .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))
}

/// Pairwise and B-cubed metrics of `clusters` (unique_id, cluster_id) against a truth table.
pub fn evaluate(
    clusters: &Table,
    truth: &Table,
    id_column: &str,
    truth_column: &str,
) -> Result<ClusterMetrics> {
    let Some(tc) = truth.column(truth_column) else {
        bail!(
            "the truth file has no {truth_column:?} column (columns: {})",
            column_list(truth.names())
        );
    };
    let Some(ic) = truth.column(id_column) else {
        bail!(
            "the truth file has no {id_column:?} column (columns: {}; pass --id-column)",
            column_list(truth.names())
        );
    };
    let mut truth_of = std::collections::HashMap::new();
    for i in 0..truth.len() {
        truth_of.insert(ic.raw(i).trim(), tc.raw(i).trim());
    }
    let (Some(uc), Some(cc)) = (clusters.column("unique_id"), clusters.column("cluster_id")) else {
        bail!("the clusters file needs unique_id and cluster_id columns");
    };
    let mut predicted = Vec::new();
    let mut actual = Vec::new();
    for i in 0..clusters.len() {
        let id = uc.raw(i).trim();
        let Some(t) = truth_of.get(id) else {
            bail!("row {}: unique_id is not in the truth file", i + 1);
        };
        predicted.push(cc.raw(i).trim().to_string());
        actual.push(t.to_string());
    }
    Ok(ClusterMetrics::compute(&predicted, &actual)?)
}
