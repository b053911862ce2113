//! `hawiya search --index NAMES.tsv --queries QUERIES.tsv --output RANKED.tsv [--top K]`:
//! name screening. Both files are TSV with `id` and `name` columns (any script); the
//! output has the top K indexed names per query, best first, as
//! `query_id<TAB>index_id<TAB>score`. Rows that cannot be used (ragged, empty or duplicate
//! id, empty name, a name without a single letter, an over-long name) go to the rejects
//! file, as in `dedupe`, so every input row is either used or listed there. A name in any
//! script is used: letters of scripts other than Arabic and Latin are romanised.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, bail};
use hawiya::name::NameComparator;
use hawiya::{Config, FieldConfig, FieldKind, Index, NAME_COLUMN, Records};

use hawiya_cli::input::{InputOptions, Loaded, Reject, read_csv};
use hawiya_cli::tabular::write_rejects_as;

/// Arguments of `hawiya search`.
#[derive(Debug, clap::Args)]
pub struct SearchArgs {
    /// The names to search in: TSV with a header containing `id` and `name`.
    #[arg(long)]
    pub index: PathBuf,
    /// The names to look up: TSV with a header containing `id` and `name`.
    #[arg(long)]
    pub queries: PathBuf,
    /// Output TSV: `query_id<TAB>index_id<TAB>score`, the top K hits per query, best first
    /// (equal scores: the closer spelling letter by letter first, then by index id), queries in input order.
    #[arg(long)]
    pub output: PathBuf,
    /// Hits per query.
    #[arg(long, default_value_t = 10)]
    pub top: usize,
    /// Also write, for every output row, the token alignment of the query and the hit as
    /// one JSON object per line (`query_id`, `index_id`, `score`, `explanation`).
    #[arg(long, value_name = "EXPLAIN.jsonl")]
    pub explain: Option<PathBuf>,
    /// Rows that cannot be used: `row,id,reason` (reason starts with the file).
    /// Default: OUTPUT + `.rejects.csv`.
    #[arg(long)]
    pub rejects: Option<PathBuf>,
    /// Encoding of both files when they have no byte-order mark (default UTF-8).
    #[arg(long)]
    pub encoding: Option<String>,
    /// No summary on stderr.
    #[arg(long, short)]
    pub quiet: bool,
}

/// Queries searched per parallel batch: bounds the memory of the results.
const CHUNK: usize = 1 << 16;

/// The usable `(id, name)` rows of a TSV file; the others become rejects.
struct Names {
    ids: Vec<String>,
    names: Vec<String>,
    rejects: Vec<Reject>,
    total: u64,
}

fn read_names(path: &Path, encoding: Option<&str>, cmp: &NameComparator) -> anyhow::Result<Names> {
    let opts = InputOptions {
        delimiter: b'\t',
        encoding: encoding.map(str::to_owned),
        ..InputOptions::default()
    };
    let Loaded { table } = read_csv(path, &opts, "id")?;
    let file = path.display();
    let Some(name_col) = table.column(NAME_COLUMN) else {
        bail!(
            "{file}: the header has no \"name\" column (columns: {})",
            table.names().join(", ")
        );
    };
    // Unreadable rows, blank or repeated ids and over-long names: the library's checks.
    let mut config = Config::new(vec![FieldConfig::new(NAME_COLUMN, FieldKind::Name)]);
    config.id_column = "id".into();
    let records = Records::new(&config, &[&table])?;
    let mut rejects: Vec<Reject> = records.rejects().iter().map(Reject::from).collect();
    let mut ids = Vec::with_capacity(records.len());
    let mut names = Vec::with_capacity(records.len());
    // In input order, as the file lists them.
    let mut usable: Vec<(usize, &str)> = (0..records.len())
        .map(|i| (records.origin(i).1, records.ids()[i].as_str()))
        .collect();
    usable.sort_unstable();
    for chunk in usable.chunks(CHUNK) {
        let raw: Vec<&str> = chunk
            .iter()
            .map(|&(r, _)| name_col.get(r).unwrap_or(""))
            .collect();
        // A name without a letter (digits, symbols) can never be matched: say so. A name
        // with letters is kept even when it holds no name token (only titles or an
        // article); it is compared as written.
        let prepared = cmp.prepare_many(&raw);
        for ((&(r, id), name), p) in chunk.iter().zip(&raw).zip(&prepared) {
            let reason = if name.trim().is_empty() {
                Some("field \"name\": empty name".to_string())
            } else if p.token_count() == 0 && !name.chars().any(char::is_alphabetic) {
                Some("field \"name\": no letters (only digits or symbols)".into())
            } else {
                None
            };
            match reason {
                Some(reason) => rejects.push(Reject {
                    row: r as u64 + 1,
                    unique_id: id.to_string(),
                    reason,
                }),
                None => {
                    ids.push(id.to_string());
                    names.push(name.to_string());
                }
            }
        }
    }
    for r in &mut rejects {
        r.reason = format!("{file}: {}", r.reason);
    }
    rejects.sort_by_key(|r| r.row);
    Ok(Names {
        ids,
        names,
        rejects,
        total: table.len() as u64,
    })
}

/// Run `hawiya search`.
pub fn run(args: SearchArgs) -> anyhow::Result<()> {
    if args.top == 0 {
        bail!("--top must be at least 1");
    }
    let t0 = Instant::now();
    let cmp = NameComparator::default();
    let index_names = read_names(&args.index, args.encoding.as_deref(), &cmp)?;
    let queries = read_names(&args.queries, args.encoding.as_deref(), &cmp)?;
    let ids: Vec<&str> = index_names.ids.iter().map(String::as_str).collect();
    let names: Vec<&str> = index_names.names.iter().map(String::as_str).collect();
    let index = Index::from_names(&ids, &names)
        .map_err(|e| anyhow::anyhow!("{}: {e}", args.index.display()))?;
    let built = t0.elapsed();

    let out_err = || format!("cannot write {}", args.output.display());
    hawiya_cli::tabular::create_parent(&args.output)?;
    let mut out = BufWriter::new(
        File::create(&args.output)
            .with_context(|| format!("cannot create output {}", args.output.display()))?,
    );
    out.write_all(b"query_id\tindex_id\tscore\n")
        .with_context(out_err)?;
    let mut explain = match &args.explain {
        Some(p) => Some(BufWriter::new(
            hawiya_cli::tabular::create_parent(p).and_then(|()| {
                File::create(p).with_context(|| format!("cannot create {}", p.display()))
            })?,
        )),
        None => None,
    };
    let mut line = String::new();
    let mut rows = 0u64;
    for (qids, qnames) in queries.ids.chunks(CHUNK).zip(queries.names.chunks(CHUNK)) {
        let batch: Vec<&str> = qnames.iter().map(String::as_str).collect();
        let hits = index.search_many(&batch, args.top)?;
        for ((qid, qname), hits) in qids.iter().zip(&batch).zip(&hits) {
            for h in hits {
                line.clear();
                use std::fmt::Write as _;
                let _ = writeln!(line, "{qid}\t{}\t{:.6}", h.id, h.score);
                out.write_all(line.as_bytes()).with_context(out_err)?;
                rows += 1;
                if let (Some(w), Some(p)) = (explain.as_mut(), args.explain.as_ref()) {
                    let e = index.explain_hit(qname, h.position)?;
                    let obj = serde_json::json!({
                        "query_id": qid,
                        "index_id": h.id,
                        "score": h.score,
                        "explanation": e,
                    });
                    writeln!(w, "{obj}")
                        .with_context(|| format!("cannot write {}", p.display()))?;
                }
            }
        }
    }
    out.flush().with_context(out_err)?;
    if let (Some(w), Some(p)) = (explain.as_mut(), args.explain.as_ref()) {
        w.flush()
            .with_context(|| format!("cannot write {}", p.display()))?;
    }
    let mut rejects = index_names.rejects;
    rejects.extend(queries.rejects);
    let rejects_path = args.rejects.clone().unwrap_or_else(|| {
        let mut p = args.output.clone().into_os_string();
        p.push(".rejects.csv");
        PathBuf::from(p)
    });
    // The inputs call their id column `id`: so does the rejects file.
    write_rejects_as(&rejects_path, &rejects, "id")?;
    if !args.quiet {
        eprintln!(
            "indexed {} of {} names in {:.2}s; searched {} of {} queries; wrote {} ({rows} rows), rejects {} ({} rows); {:.2}s",
            index.len(),
            index_names.total,
            built.as_secs_f64(),
            queries.ids.len(),
            queries.total,
            args.output.display(),
            rejects_path.display(),
            rejects.len(),
            t0.elapsed().as_secs_f64()
        );
    }
    Ok(())
}
