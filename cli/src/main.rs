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

const EXAMPLES: &str = "\
Examples:
  hawiya demo                                    # a synthetic registry deduplicated, with P/R/F1
  hawiya generate --records 2000 --output registry.csv
  hawiya dedupe registry.csv --output out/clusters.csv --pairs out/pairs.csv
  hawiya eval --clusters out/clusters.csv --truth registry.csv --truth-column cluster
  hawiya compare \"صالح الفضالة\" \"Saleh Al-Fadhala\" --explain
  hawiya dedupe --help                           # each command's options and examples

Guide: docs/guide.md (getting started, config keys, thresholds, the run report).";

const DEDUPE_EXAMPLES: &str = "\
Examples:
  hawiya dedupe registry.csv --output out/clusters.csv
  hawiya dedupe registry.csv --output out/clusters.csv --pairs out/pairs.csv \\
      --report-json out/run.json
  hawiya dedupe registry.csv --output out/clusters.csv --config examples/config.toml
  hawiya dedupe registry.parquet --output out/clusters.parquet --report out/report.html

Without --config the field kinds come from the column names and the inferred schema is printed.
Every input row ends up in OUTPUT or in the rejects file (OUTPUT.rejects.csv), with a reason.";

const LINK_EXAMPLES: &str = "\
Examples:
  hawiya link ministry_a.csv ministry_b.csv --output out/links.csv
  hawiya link left.csv right.csv --output out/links.csv --pairs out/pairs.csv --config hawiya.toml

OUTPUT is unique_id,cluster_id,source (source: left or right); records of the two files
that share a cluster_id are the same person.";

const SEARCH_EXAMPLES: &str = "\
Examples:
  hawiya search --index names.tsv --queries queries.tsv --output ranked.tsv
  hawiya search --index names.tsv --queries queries.tsv --output ranked.tsv --top 3 \\
      --explain why.jsonl

Both files are TSV with a header containing id and name (other columns ignored).";

const COMPARE_EXAMPLES: &str = "\
Examples:
  hawiya compare \"محمد عبدالله\" \"Mohammed Abdullah\"
  hawiya compare \"صالح الفضالة\" \"Saleh Al-Fadhala\" --explain";

const NORMALIZE_EXAMPLES: &str = "\
Examples:
  hawiya normalize \"الشيخ محمد بن عبد الله آل ثاني\" \"AL-FADHALA, MOHAMMED\"
  cut -d, -f2 registry.csv | hawiya normalize";

const EVAL_EXAMPLES: &str = "\
Examples:
  hawiya eval --clusters out/clusters.csv --truth registry.csv --truth-column cluster
  hawiya eval --clusters out/clusters.csv --truth registry.csv --truth-column cluster \\
      --pairs out/pairs.csv --target-precision 0.99";

const SCORE_PAIRS_EXAMPLES: &str = "\
Examples:
  hawiya score-pairs --input pairs.tsv --output scores.tsv

pairs.tsv: a header with id, left and right (TAB-separated); scores.tsv: id<TAB>score.";

const GENERATE_EXAMPLES: &str = "\
Examples:
  hawiya generate --records 2000 --seed 1 --output registry.csv
  hawiya generate --records 10 --output - | head -3";

const REVIEW_EXAMPLES: &str = "\
Examples:
  hawiya review registry.csv --output review.csv --top 200
  # ... fill the label column of review.csv (match / non_match), then:
  hawiya dedupe registry.csv --output out/clusters.csv --labels review.csv";

const REPORT_EXAMPLES: &str = "\
Examples:
  hawiya dedupe registry.csv --output clusters.csv --pairs pairs.csv --save-model model.json
  hawiya report --input registry.csv --clusters clusters.csv --pairs pairs.csv \\
      --model model.json --output report.html";

const INDEX_EXAMPLES: &str = "\
Examples:
  hawiya index build registry.csv --output registry.idx --clusters out/clusters.csv
  hawiya index add registry.idx arrivals.csv --output out/arrivals_clusters.csv
  hawiya index clusters registry.idx --output out/all_clusters.csv";

/// Find the same person across registry datasets, in Arabic script and Latin spellings.
#[derive(Debug, Parser)]
#[command(name = "hawiya", version, about, long_about = None, after_help = EXAMPLES)]
#[command(max_term_width = 100)]
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
    #[command(after_help = NORMALIZE_EXAMPLES)]
    Normalize(cmd_normalize::NormalizeArgs),
    /// Write a synthetic registry with truth clusters as CSV.
    #[command(after_help = GENERATE_EXAMPLES)]
    Generate(cmd_generate::GenerateArgs),
    /// Deduplicate one CSV: a cluster id for every row, scored pairs, rejected rows.
    #[command(after_help = DEDUPE_EXAMPLES)]
    Dedupe(cmd_match::DedupeArgs),
    /// Link two CSVs: pairs across them only; a cluster id for every row of both.
    #[command(after_help = LINK_EXAMPLES)]
    Link(cmd_match::LinkArgs),
    /// Pairwise and B-cubed precision, recall and F1 of clusters against a truth column.
    #[command(after_help = EVAL_EXAMPLES)]
    Eval(cmd_match::EvalArgs),
    /// Print the similarity in [0, 1] of two names; `--explain` shows the token alignment.
    #[command(after_help = COMPARE_EXAMPLES)]
    Compare(cmd_compare::CompareArgs),
    /// Score name pairs from a TSV (`id`, `left`, `right`) into a TSV `id<TAB>score`.
    #[command(after_help = SCORE_PAIRS_EXAMPLES)]
    ScorePairs(cmd_score_pairs::ScorePairsArgs),
    /// Name screening: the top K names of an index TSV (`id`, `name`) for every name of a
    /// queries TSV, ranked by name similarity, into a TSV `query_id, index_id, score`.
    #[command(after_help = SEARCH_EXAMPLES)]
    Search(cmd_search::SearchArgs),
    /// The HTML report of a saved run: its input, clusters, scored pairs and model.
    #[command(after_help = REPORT_EXAMPLES)]
    Report(cmd_report::ReportArgs),
    /// The pairs worth a human look, best first, as a CSV to fill a `label` column in
    /// (`match` / `non_match`); pass it back with `--labels` to dedupe or link.
    #[command(after_help = REVIEW_EXAMPLES)]
    Review(cmd_review::ReviewArgs),
    /// A registry's prepared index on disk: `index build`, `index add` (new records
    /// matched against it, the index updated in place), `index clusters`.
    #[command(after_help = INDEX_EXAMPLES)]
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
