//! `hawiya generate`: write a synthetic registry (with truth clusters) as CSV.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;
use hawiya_synth::{Generator, GeneratorConfig, Record};

/// Arguments of `hawiya generate`.
#[derive(Debug, clap::Args)]
pub struct GenerateArgs {
    /// Number of records to generate.
    #[arg(long, default_value_t = 20_000)]
    pub records: u64,
    /// Seed of the generator: the same seed and config give the same bytes.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Output CSV file (`-` for standard output).
    #[arg(long)]
    pub output: PathBuf,
    /// Optional generator config (JSON; keys as in `GeneratorConfig`). `--records` and
    /// `--seed` override the file's values.
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Share of records (spread evenly over the file) whose name is replaced by one common
    /// given + family name, alternately in Arabic script and in Latin letters: a skewed
    /// dataset for testing capped blocks (e.g. 0.2 for 200k of 1M).
    #[arg(long, default_value_t = 0.0)]
    pub skew_share: f64,
}

/// The common name of `--skew-share` records, in both scripts.
pub const SKEW_NAMES: [&str; 2] = ["محمد العلي", "Mohammed Al-Ali"];

/// Run `hawiya generate`.
pub fn run(args: GenerateArgs) -> anyhow::Result<()> {
    let mut config = match &args.config {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("cannot read config {}", path.display()))?;
            serde_json::from_str::<GeneratorConfig>(&text)
                .with_context(|| format!("invalid generator config {}", path.display()))?
        }
        None => GeneratorConfig::default(),
    };
    config.records = args.records;
    config.seed = args.seed;
    if !(0.0..=1.0).contains(&args.skew_share) {
        anyhow::bail!("--skew-share {} is not in [0, 1]", args.skew_share);
    }
    let generator = Generator::new(config)?;
    let persons = generator.person_count();
    let share = args.skew_share;
    let records = batched(&generator).enumerate().map(move |(i, mut r)| {
        // Record i is skewed when i·share crosses an integer: round(n·share) records,
        // evenly spread.
        let (a, b) = ((i as f64 * share).floor(), ((i + 1) as f64 * share).floor());
        if b > a {
            r.full_name = SKEW_NAMES[(b as usize) % 2].to_string();
        }
        r
    });
    let n = if args.output.as_os_str() == "-" {
        let stdout = std::io::stdout();
        match write_csv(records, stdout.lock()) {
            // The reader went away (`| head`): stop quietly.
            Err(e) if is_broken_pipe(&e) => return Ok(()),
            r => r?,
        }
    } else {
        write_csv_file(records, &args.output)?
    };
    if args.output.as_os_str() != "-" {
        eprintln!(
            "wrote {n} records of {persons} persons to {}",
            args.output.display()
        );
    }
    Ok(())
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        let io = c.downcast_ref::<std::io::Error>().or_else(|| {
            c.downcast_ref::<csv::Error>().and_then(|e| match e.kind() {
                csv::ErrorKind::Io(io) => Some(io),
                _ => None,
            })
        });
        io.is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// All records in order, generated in parallel batches (bounded memory: one batch at a
/// time) and handed out one by one to the sequential CSV writer.
fn batched(generator: &Generator) -> impl Iterator<Item = Record> + '_ {
    const BATCH: usize = 16_384;
    (0..generator.record_count())
        .step_by(BATCH)
        .flat_map(move |start| generator.records(start..start + BATCH))
}

/// Stream `records` as CSV (header + one row per record) into `out`; returns the count.
pub fn write_csv(records: impl Iterator<Item = Record>, out: impl Write) -> anyhow::Result<u64> {
    let mut w = csv::Writer::from_writer(BufWriter::with_capacity(1 << 16, out));
    let mut n = 0u64;
    for r in records {
        w.serialize(&r)?;
        n += 1;
    }
    if n == 0 {
        // An empty dataset still gets its header.
        w.write_record(hawiya_synth::COLUMNS)?;
    }
    w.flush()?;
    Ok(n)
}

/// Write `records` to `path` as CSV, creating parent folders.
pub fn write_csv_file(records: impl Iterator<Item = Record>, path: &Path) -> anyhow::Result<u64> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    let file = File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
    write_csv(records, file).with_context(|| format!("writing {}", path.display()))
}
