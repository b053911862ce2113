//! `hawiya generate`: write a synthetic registry (with truth clusters) as CSV.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;
use hawiya::synth::{Generator, GeneratorConfig, Record};

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
}

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
    let generator = Generator::new(config)?;
    let persons = generator.person_count();
    let n = if args.output.as_os_str() == "-" {
        let stdout = std::io::stdout();
        match write_csv(batched(&generator), stdout.lock()) {
            // The reader went away (`| head`): stop quietly.
            Err(e) if is_broken_pipe(&e) => return Ok(()),
            r => r?,
        }
    } else {
        let file = File::create(&args.output)
            .with_context(|| format!("cannot create {}", args.output.display()))?;
        write_csv(batched(&generator), file)
            .with_context(|| format!("writing {}", args.output.display()))?
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
        w.write_record(hawiya::synth::COLUMNS)?;
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

/// The data part of `hawiya demo`: generate the built-in sample, optionally write it to
/// `out/registry.csv`, and show what it looks like. Matching is not run here.
pub fn demo_sample(records: u64, seed: u64, out_dir: Option<&Path>) -> anyhow::Result<()> {
    use std::fmt::Write as _;
    // Everything goes to one string first, printed at the end: a closed pipe (`| head`)
    // must not abort the program.
    let mut out = String::new();
    let config = GeneratorConfig {
        records,
        seed,
        ..GeneratorConfig::default()
    };
    let generator = Generator::new(config)?;
    let persons = generator.person_count();
    let n = generator.record_count();
    writeln!(
        out,
        "hawiya demo — synthetic registry: {n} records of {persons} persons (seed {seed})"
    )?;
    if let Some(dir) = out_dir {
        let path = dir.join("registry.csv");
        write_csv_file(batched(&generator), &path)?;
        writeln!(out, "wrote {}", path.display())?;
    }

    // One person with several records, and that person's siblings (hard negatives).
    let mut by_person: std::collections::BTreeMap<u64, Vec<Record>> = Default::default();
    for r in batched(&generator) {
        by_person.entry(r.cluster).or_default().push(r);
    }
    // What the sample holds (generator facts, not matching results).
    let pct = |k: usize| 100.0 * k as f64 / n.max(1) as f64;
    let all = || by_person.values().flatten();
    let arabic = all()
        .filter(|r| r.appearance.script == hawiya::synth::Script::Arabic)
        .count();
    let hijri = all().filter(|r| r.appearance.dob.hijri).count();
    let no_id = all().filter(|r| r.civil_id.is_empty()).count();
    let multi = by_person.values().filter(|rs| rs.len() > 1).count();
    writeln!(
        out,
        "names {:.1}% Arabic script / {:.1}% Latin; {:.1}% Hijri dates; {:.1}% without civil ID; \
         {multi} persons appear more than once ({} true duplicate pairs)",
        pct(arabic),
        100.0 - pct(arabic),
        pct(hijri),
        pct(no_id),
        by_person
            .values()
            .map(|rs| rs.len() * (rs.len() - 1) / 2)
            .sum::<usize>()
    )?;
    let example = by_person
        .iter()
        .filter(|(_, rs)| rs.len() >= 3)
        .find(|(p, _)| {
            let hh = generator.person(**p).map(|x| x.household);
            by_person
                .keys()
                .any(|q| q != *p && generator.person(*q).map(|x| x.household) == hh)
        })
        .or_else(|| by_person.iter().max_by_key(|(_, rs)| rs.len()));
    if let Some((&pid, rows)) = example {
        if let Some(person) = generator.person(pid) {
            writeln!(
                out,
                "\nperson {pid} ({}), registry name {}, born {}-{:02}-{:02}, appears {} times:",
                person.region.code(),
                person.registry_name(),
                person.dob.year,
                person.dob.month,
                person.dob.day,
                rows.len()
            )?;
            for r in rows {
                print_row(&mut out, r)?;
            }
            let siblings: Vec<&Record> = by_person
                .iter()
                .filter(|(q, _)| {
                    **q != pid
                        && generator.person(**q).map(|x| x.household) == Some(person.household)
                })
                .filter_map(|(_, rs)| rs.first())
                .collect();
            if !siblings.is_empty() {
                writeln!(
                    out,
                    "its siblings (different people: same father, grandfather and family):"
                )?;
                for r in siblings {
                    print_row(&mut out, r)?;
                }
            }
        }
    }
    writeln!(
        out,
        "\nThe matching stages (prepare, block, score, cluster) are not built yet: \
         no deduplication is run and no accuracy is reported."
    )?;
    emit(&out)
}

/// Print `text` to standard output; a reader that went away (broken pipe) is not an error.
fn emit(text: &str) -> anyhow::Result<()> {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        r => Ok(r?),
    }
}

fn print_row(out: &mut String, r: &Record) -> std::fmt::Result {
    use std::fmt::Write as _;
    writeln!(
        out,
        "  {:<9} {:<15} {:<45} | {:<14} | {:<14} | {:<7} | {:<12} | {}",
        r.unique_id, r.source, r.full_name, r.dob, r.civil_id, r.gender, r.nationality, r.phone
    )
}
