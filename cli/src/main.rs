//! `hawiya` — command-line interface. See `hawiya --help` and the README.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod cmd_compare;
mod cmd_demo;
mod cmd_generate;
mod cmd_index;
mod cmd_match;
mod cmd_normalize;
mod cmd_report;
mod cmd_review;
mod cmd_search;

use hawiya_cli::cmd_score_pairs;

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
    Demo(cmd_demo::DemoArgs),
    /// Normalise names (arguments, else one per line on stdin) and print JSON lines with
    /// script, tokens with roles, and the cross-script matching key.
    Normalize(cmd_normalize::NormalizeArgs),
    /// Write a synthetic registry with truth clusters as CSV.
    Generate(cmd_generate::GenerateArgs),
    /// Deduplicate one CSV: a cluster id for every row, scored pairs, rejected rows.
    Dedupe(cmd_match::DedupeArgs),
    /// Link two CSVs: pairs across them only; a cluster id for every row of both.
    Link(cmd_match::LinkArgs),
    /// Pairwise and B-cubed precision, recall and F1 of clusters against a truth column.
    Eval(cmd_match::EvalArgs),
    /// Print the similarity in [0, 1] of two names; `--explain` shows the token alignment.
    Compare(cmd_compare::CompareArgs),
    /// Score name pairs from a TSV (`id`, `left`, `right`) into a TSV `id<TAB>score`.
    ScorePairs(cmd_score_pairs::ScorePairsArgs),
    /// Name screening: the top K names of an index TSV (`id`, `name`) for every name of a
    /// queries TSV, ranked by name similarity, into a TSV `query_id, index_id, score`.
    Search(cmd_search::SearchArgs),
    /// The HTML report of a saved run: its input, clusters, scored pairs and model.
    Report(cmd_report::ReportArgs),
    /// The pairs worth a human look, best first, as a CSV to fill a `label` column in
    /// (`match` / `non_match`); pass it back with `--labels` to dedupe or link.
    Review(cmd_review::ReviewArgs),
    /// A registry's prepared index on disk: `index build`, `index add` (new records
    /// matched against it, the index updated in place), `index clusters`.
    Index(cmd_index::IndexArgs),
}

fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Demo(args) => cmd_demo::run(args),
        Command::Normalize(args) => cmd_normalize::run(args),
        Command::Generate(args) => cmd_generate::run(args),
        Command::Dedupe(args) => cmd_match::dedupe(args),
        Command::Link(args) => cmd_match::link(args),
        Command::Eval(args) => cmd_match::eval(args),
        Command::Compare(args) => cmd_compare::run(args),
        Command::ScorePairs(args) => cmd_score_pairs::run(args),
        Command::Search(args) => cmd_search::run(args),
        Command::Report(args) => cmd_report::run(args),
        Command::Review(args) => cmd_review::run(args),
        Command::Index(args) => cmd_index::run(args),
    }
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
