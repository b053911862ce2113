//! `hawiya index build` / `add` / `clusters`: a registry's prepared index and model on
//! disk, and new records matched against it without re-running the whole registry.

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result, bail};
use hawiya::{Config, Index, Matcher};

use hawiya_cli::input::{InputOptions, Loaded, Reject, column_list};
use hawiya_cli::previous::{changes_path, read_previous};
use hawiya_cli::tabular::{Input, TableWriter, write_rejects};

/// `hawiya index …`
#[derive(Debug, clap::Args)]
pub struct IndexArgs {
    #[command(subcommand)]
    pub command: IndexCommand,
}

/// The index subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum IndexCommand {
    /// Prepare INPUT, train a model (or load --model) and save both with the clusters of
    /// INPUT (as `dedupe` wrote them) to the directory --output.
    Build(BuildArgs),
    /// Match the rows of NEW against the index: each joins the cluster of the records it
    /// matches (its id) or a new one; writes their clusters, the change log and the
    /// rejects, and updates the index in place.
    Add(AddArgs),
    /// Write the cluster id of every indexed record (`unique_id,cluster_id`).
    Clusters(ClustersArgs),
}

/// Reading options shared by the index subcommands.
#[derive(Debug, clap::Args)]
pub struct ReadOptions {
    /// Input encoding label (utf-8, windows-1256, utf-16le …). Default: BOM, else UTF-8.
    #[arg(long)]
    pub encoding: Option<String>,
    /// Field delimiter (one character; `\t` for tab).
    #[arg(long, default_value = ",")]
    pub delimiter: String,
    /// No report on stderr.
    #[arg(long, short)]
    pub quiet: bool,
    /// Show the offending values in reject reasons (for debugging).
    #[arg(long)]
    pub show_values: bool,
}

/// `hawiya index build INPUT --output INDEX_DIR --clusters CLUSTERS.csv [--config …]`
#[derive(Debug, clap::Args)]
pub struct BuildArgs {
    /// The registry: CSV, or Parquet (`.parquet`).
    pub input: PathBuf,
    /// The index directory (created; an index there is replaced).
    #[arg(long)]
    pub output: PathBuf,
    /// The clusters of INPUT (`unique_id,cluster_id`, as `dedupe` writes them).
    #[arg(long)]
    pub clusters: PathBuf,
    /// Config file (TOML, or JSON with a .json extension). Default: inferred from the header.
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Use this trained model (JSON) instead of training one on INPUT.
    #[arg(long)]
    pub model: Option<PathBuf>,
    #[command(flatten)]
    pub read: ReadOptions,
}

/// `hawiya index add INDEX_DIR NEW.csv --output CLUSTERS.csv`
#[derive(Debug, clap::Args)]
pub struct AddArgs {
    /// The index directory (updated in place).
    pub index: PathBuf,
    /// The new records: CSV, or Parquet (`.parquet`), with the columns of the index.
    pub new: PathBuf,
    /// Output: `unique_id,cluster_id` for every usable new row.
    #[arg(long)]
    pub output: PathBuf,
    /// Change log: `unique_id,old_cluster_id,new_cluster_id,change` for the new records
    /// (`new`) and the indexed records whose cluster merged into another (`merged`).
    /// Default: OUTPUT + `.changes.csv`.
    #[arg(long)]
    pub changes: Option<PathBuf>,
    /// Rows that cannot be used: `row,unique_id,reason`. Default: OUTPUT + `.rejects.csv`.
    #[arg(long)]
    pub rejects: Option<PathBuf>,
    #[command(flatten)]
    pub read: ReadOptions,
}

/// `hawiya index clusters INDEX_DIR --output CLUSTERS.csv`
#[derive(Debug, clap::Args)]
pub struct ClustersArgs {
    /// The index directory.
    pub index: PathBuf,
    /// Output: `unique_id,cluster_id` for every indexed record, in index order.
    #[arg(long)]
    pub output: PathBuf,
}

pub fn run(args: IndexArgs) -> Result<()> {
    match args.command {
        IndexCommand::Build(a) => build(a),
        IndexCommand::Add(a) => add(a),
        IndexCommand::Clusters(a) => clusters(a),
    }
}

fn input_options(r: &ReadOptions) -> Result<InputOptions> {
    let delimiter = match r.delimiter.as_str() {
        "\\t" | "tab" | "\t" => b'\t',
        s if s.len() == 1 => s.as_bytes()[0],
        s => bail!("--delimiter must be one ASCII character (or \\t), got {s:?}"),
    };
    Ok(InputOptions {
        delimiter,
        encoding: r.encoding.clone(),
        show_values: r.show_values,
    })
}

fn load_config(path: Option<&PathBuf>, header: &[String]) -> Result<(Config, bool)> {
    let cfg = crate::cmd_match::read_config(path.map(PathBuf::as_path), header)?;
    let inferred = !cfg.inferred.is_empty();
    Ok((cfg, inferred))
}

/// Every configured column is in the file.
fn check_columns(cfg: &Config, loaded: &Loaded, file: &str) -> Result<()> {
    for c in cfg.fields.iter().flat_map(|f| f.columns()) {
        if loaded.table.column(c).is_none() {
            bail!(
                "{file}: the header has no {c:?} column (a configured field; columns: {})",
                column_list(loaded.table.names())
            );
        }
    }
    Ok(())
}

fn build(args: BuildArgs) -> Result<()> {
    let t0 = Instant::now();
    let io = input_options(&args.read)?;
    let input = Input::open(&args.input, &io)?;
    let (cfg, inferred) = load_config(args.config.as_ref(), &input.header()?)?;
    if inferred && !args.read.quiet {
        eprintln!(
            "inferred schema (pass --config to override):\n{}",
            cfg.to_toml()
        );
    }
    let loaded = input.parse(&cfg.id_column)?;
    check_columns(&cfg, &loaded, input.file())?;
    // The decoded text (the size of the file) is not needed once parsed.
    let input_file = input.file().to_string();
    drop(input);
    let mut m = Matcher::new(cfg)?;
    if let Some(p) = &args.model {
        let text = std::fs::read_to_string(p)
            .with_context(|| format!("{}: cannot read the model", p.display()))?;
        let model = hawiya::FellegiSunter::from_json(&text)
            .map_err(|e| anyhow::anyhow!("{}: {e}", p.display()))?;
        m = m
            .with_model(model)
            .map_err(|e| anyhow::anyhow!("{}: {e}", p.display()))?;
    }
    let index = m.index(&loaded.table)?;
    let previous = read_previous(&args.clusters, false)?;
    let file = args.clusters.display().to_string();
    let mut rows: Vec<(&str, &str)> = Vec::with_capacity(previous.len());
    for (_, id) in previous.keys() {
        let cluster = previous.cluster_id(&(0, id.clone())).unwrap_or_default();
        rows.push((id.as_str(), cluster));
    }
    let index = index
        .with_clusters(rows)
        .map_err(|e| anyhow::anyhow!("{file}: {e} (clusters of {input_file} expected)"))?;
    index.save(&args.output)?;
    if !args.read.quiet {
        eprintln!(
            "index {}: {} records ({} rows of {} could not be used), saved in {:.2}s",
            args.output.display(),
            index.len(),
            loaded.total_rows() as usize - index.len(),
            input_file,
            t0.elapsed().as_secs_f64()
        );
    }
    Ok(())
}

fn load_index(dir: &Path) -> Result<Index> {
    Index::load(dir).map_err(|e| anyhow::anyhow!("index {}: {e}", dir.display()))
}

fn add(args: AddArgs) -> Result<()> {
    let t0 = Instant::now();
    let io = input_options(&args.read)?;
    let mut index = load_index(&args.index)?;
    let loaded_in = t0.elapsed().as_secs_f64();
    let input = Input::open(&args.new, &io)?;
    let cfg = index.config().clone();
    let loaded = input.parse(&cfg.id_column)?;
    check_columns(&cfg, &loaded, input.file())?;
    // The decoded text (the size of the file) is not needed once parsed.
    let input_file = input.file().to_string();
    drop(input);
    let t1 = Instant::now();
    let added = index
        .add(&loaded.table)
        .map_err(|e| anyhow::anyhow!("{input_file}: {e}"))?;
    let matched_in = t1.elapsed().as_secs_f64();

    let mut w = TableWriter::create(&args.output, &["unique_id", "cluster_id"])?;
    for r in &added.records {
        w.write_row(&[r.unique_id.as_str(), r.cluster_id.as_str()])?;
    }
    w.finish()?;
    let rejects: Vec<Reject> = added.rejects.iter().map(Reject::from).collect();
    let rejects_path = args.rejects.clone().unwrap_or_else(|| {
        let mut p = args.output.clone().into_os_string();
        p.push(".rejects.csv");
        PathBuf::from(p)
    });
    write_rejects(&rejects_path, &rejects)?;
    let changes = changes_path(&args.output, args.changes.as_ref());
    let mut w = TableWriter::create(
        &changes,
        &["unique_id", "old_cluster_id", "new_cluster_id", "change"],
    )?;
    for (id, old, new, change) in &added.changes {
        w.write_row(&[
            id.as_str(),
            old.as_deref().unwrap_or(""),
            new.as_str(),
            change.as_str(),
        ])?;
    }
    w.finish()?;
    let total = loaded.total_rows() as usize;
    if added.records.len() + rejects.len() != total {
        bail!(
            "internal error: {total} input rows but {} output rows",
            added.records.len() + rejects.len()
        );
    }
    let t2 = Instant::now();
    index.save(&args.index)?;
    if !args.read.quiet {
        let joined = added
            .changes
            .iter()
            .filter(|c| c.3 == hawiya::ChangeKind::New && c.2 != c.0)
            .count();
        eprintln!(
            "added {} of {} rows to {} ({} records now): {} pairs scored, {} linked; {} new rows joined a cluster with others, {} indexed record(s) merged, {} old id(s) retired",
            added.records.len(),
            total,
            args.index.display(),
            index.len(),
            added.pairs_scored,
            added.pairs_linked,
            joined,
            added
                .changes
                .iter()
                .filter(|c| c.3 == hawiya::ChangeKind::Merged)
                .count(),
            added.retired.len(),
        );
        eprintln!(
            "time: load {loaded_in:.2}s, match {matched_in:.2}s, save {:.2}s (total {:.2}s); wrote {}, {}, {}",
            t2.elapsed().as_secs_f64(),
            t0.elapsed().as_secs_f64(),
            args.output.display(),
            changes.display(),
            rejects_path.display()
        );
    }
    Ok(())
}

fn clusters(args: ClustersArgs) -> Result<()> {
    let index = load_index(&args.index)?;
    if !index.is_clustered() {
        bail!("index {}: it has no cluster ids", args.index.display());
    }
    let mut w = TableWriter::create(&args.output, &["unique_id", "cluster_id"])?;
    for p in 0..index.len() {
        w.write_row(&[
            index.id(p).unwrap_or_default(),
            index.cluster_id(p).unwrap_or_default(),
        ])?;
    }
    w.finish()
}
