//! `hawiya` — command-line interface. See `hawiya --help` and the README.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod cmd_compare;
mod cmd_generate;
mod cmd_normalize;
mod cmd_score_pairs;

/// Find the same person across registry datasets, in Arabic script and Latin spellings.
#[derive(Debug, Parser)]
#[command(name = "hawiya", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Generate the built-in synthetic registry, dedupe it and print accuracy and timings.
    Demo(DemoArgs),
    /// Normalise names (arguments, else one per line on stdin) and print JSON lines with
    /// script, tokens with roles, and the cross-script matching key.
    Normalize(cmd_normalize::NormalizeArgs),
    /// Write a synthetic registry with truth clusters as CSV.
    Generate(cmd_generate::GenerateArgs),
    /// Print the similarity in [0, 1] of two names; `--explain` shows the token alignment.
    Compare(cmd_compare::CompareArgs),
    /// Score name pairs from a TSV (`id`, `left`, `right`) into a TSV `id<TAB>score`.
    ScorePairs(cmd_score_pairs::ScorePairsArgs),
}

#[derive(Debug, clap::Args)]
struct DemoArgs {
    /// Number of records to generate.
    #[arg(long, default_value_t = 20_000)]
    records: usize,
    /// Seed of the generator.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Directory for the generated data and outputs.
    #[arg(long)]
    out: Option<std::path::PathBuf>,
}

fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Demo(args) => demo(args),
        Command::Normalize(args) => cmd_normalize::run(args),
        Command::Generate(args) => cmd_generate::run(args),
        Command::Compare(args) => cmd_compare::run(args),
        Command::ScorePairs(args) => cmd_score_pairs::run(args),
    }
}

fn demo(args: DemoArgs) -> anyhow::Result<()> {
    cmd_generate::demo_sample(args.records as u64, args.seed, args.out.as_deref())
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // The contract has one failure code: every error here is bad usage or bad
            // input (unreadable file, bad row, bad config), reported with its place.
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}
