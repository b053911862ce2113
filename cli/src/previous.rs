//! `--previous CLUSTERS.csv` on `dedupe` and `link`: keep the cluster ids of an earlier run
//! and write the change log (`unique_id,old_cluster_id,new_cluster_id,change`).

use std::path::{Path, PathBuf};

use anyhow::{Result, bail};
use hawiya::{ChangeKind, MatchResult, PreviousClusters, StableIds};

use crate::input::{InputOptions, Loaded};
use crate::tabular;

/// Options of `dedupe` / `link` for runs over time.
#[derive(Debug, Default, clap::Args)]
pub struct PreviousOptions {
    /// The clusters file of an earlier run (`unique_id,cluster_id`, and `source` for a
    /// link, as written by this command): its cluster ids are kept for the clusters
    /// that carry most of their records; new people get new ids.
    #[arg(long)]
    pub previous: Option<PathBuf>,
    /// Change log of --previous (`unique_id,old_cluster_id,new_cluster_id,change`, change
    /// one of new, moved, merged, split; unchanged records are left out). Default:
    /// OUTPUT + `.changes.csv`.
    #[arg(long, requires = "previous")]
    pub changes: Option<PathBuf>,
}

/// The default change-log path next to `output`.
pub fn changes_path(output: &Path, given: Option<&PathBuf>) -> PathBuf {
    given.cloned().unwrap_or_else(|| {
        let mut p = output.as_os_str().to_owned();
        p.push(".changes.csv");
        PathBuf::from(p)
    })
}

/// Read a clusters file (`unique_id`, `cluster_id`, with `source` = left / right when
/// `link`) keyed by (source, unique id).
///
/// # Errors
/// A missing column, an unreadable row, a blank or duplicate unique id, a blank cluster
/// id, or an unknown source, naming the file and row.
pub fn read_previous(path: &Path, link: bool) -> Result<PreviousClusters<(u8, String)>> {
    let file = path.display().to_string();
    let loaded = tabular::read_table(path, &InputOptions::default(), "unique_id")?;
    previous_from_table(&loaded, &file, link)
}

/// The assignment in a loaded clusters table (see [`read_previous`]).
///
/// # Errors
/// As [`read_previous`].
pub fn previous_from_table(
    loaded: &Loaded,
    file: &str,
    link: bool,
) -> Result<PreviousClusters<(u8, String)>> {
    let t = &loaded.table;
    if let Some(bad) = loaded.unreadable().first() {
        bail!("{file}: row {}: {}", bad.row, bad.reason);
    }
    let col = |name: &str| -> Result<&hawiya::StrColumn> {
        match t.column(name) {
            Some(c) => Ok(c),
            None => bail!(
                "{file}: the header has no {name:?} column (a clusters file has unique_id,cluster_id{})",
                if link { ",source" } else { "" }
            ),
        }
    };
    let (ids, clusters) = (col("unique_id")?, col("cluster_id")?);
    let sources = if link { Some(col("source")?) } else { None };
    let mut rows = Vec::with_capacity(t.len());
    for i in 0..t.len() {
        let id = ids.raw(i).trim();
        if id.is_empty() {
            bail!("{file}: row {}, field \"unique_id\": empty", i + 1);
        }
        let source = match sources.map(|s| s.raw(i).trim()) {
            None | Some("left") => 0u8,
            Some("right") => 1,
            Some(_) => bail!(
                "{file}: row {}, field \"source\": not \"left\" or \"right\"",
                i + 1
            ),
        };
        rows.push(((source, id.to_string()), clusters.raw(i)));
    }
    PreviousClusters::new(rows).map_err(|e| anyhow::anyhow!("{file}: {e}"))
}

/// Keep the ids of `--previous` on `result` and write the change log. Returns the changes.
///
/// # Errors
/// A bad previous file (see [`read_previous`]), a record of it that is no row of the
/// inputs, or an unwritable log.
pub fn apply(
    opts: &PreviousOptions,
    output: &Path,
    result: &mut MatchResult,
    loaded: &[&Loaded],
    quiet: bool,
) -> Result<Option<StableIds>> {
    let Some(path) = &opts.previous else {
        return Ok(None);
    };
    let link = loaded.len() == 2;
    let previous = read_previous(path, link)?;
    let kept = result
        .keep_ids(&previous)
        .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    let changes = changes_path(output, opts.changes.as_ref());
    let rows = result
        .records
        .iter()
        .map(|r| (r.source, r.unique_id.as_str(), r.cluster_id.as_str()));
    write_changes(&changes, rows, &kept, link)?;
    if !quiet {
        let counts: Vec<String> = kept
            .counts()
            .iter()
            .map(|(k, c)| format!("{k} {c}"))
            .collect();
        eprintln!(
            "kept the ids of {}: {}; {} old id(s) retired; change log {}",
            path.display(),
            counts.join(", "),
            kept.retired.len(),
            changes.display()
        );
    }
    Ok(Some(kept))
}

/// Write a change log: `unique_id,old_cluster_id,new_cluster_id,change` (and `source`
/// for a link) for every record whose id changed, in the order given.
///
/// # Errors
/// An unwritable file.
pub fn write_changes<'a>(
    path: &Path,
    records: impl Iterator<Item = (u8, &'a str, &'a str)>,
    kept: &StableIds,
    link: bool,
) -> Result<()> {
    let mut head = vec!["unique_id", "old_cluster_id", "new_cluster_id", "change"];
    if link {
        head.push("source");
    }
    let mut w = tabular::TableWriter::create(path, &head)?;
    for ((source, id, new), (old, change)) in
        records.zip(kept.old_cluster_ids.iter().zip(&kept.changes))
    {
        if *change == ChangeKind::Same {
            continue;
        }
        let mut row = vec![id, old.as_deref().unwrap_or(""), new, change.as_str()];
        if link {
            row.push(if source == 0 { "left" } else { "right" });
        }
        w.write_row(&row)?;
    }
    w.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::parse_csv;

    fn loaded(text: &str) -> Loaded {
        parse_csv(text, false, &InputOptions::default(), "unique_id", "p.csv").unwrap()
    }

    #[test]
    fn bad_previous_files_name_the_row() {
        let e = previous_from_table(&loaded("unique_id,cluster_id\na,1\na,2\n"), "p.csv", false)
            .unwrap_err()
            .to_string();
        assert!(e.contains("p.csv") && e.contains("row 2"), "{e}");
        let e = previous_from_table(&loaded("unique_id,cluster\na,1\n"), "p.csv", false)
            .unwrap_err()
            .to_string();
        assert!(e.contains("cluster_id"), "{e}");
        let e = previous_from_table(&loaded("unique_id,cluster_id\na,\n"), "p.csv", false)
            .unwrap_err()
            .to_string();
        assert!(e.contains("row 1") && e.contains("cluster_id"), "{e}");
        let e = previous_from_table(
            &loaded("unique_id,cluster_id,source\na,1,middle\n"),
            "p.csv",
            true,
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("source"), "{e}");
        let e = previous_from_table(
            &loaded("unique_id,cluster_id\na,1\nb,2,3\n"),
            "p.csv",
            false,
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("row 2"), "{e}");
    }
}
