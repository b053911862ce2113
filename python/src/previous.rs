//! `previous=` on `Matcher.dedupe` / `.link`: an earlier run's clusters (a table with
//! `unique_id`, `cluster_id`, and `source` for a link) in, the change log out.

use hawiya::{MatchResult, PreviousClusters, StableIds};
use pyo3::prelude::*;
use pyo3::types::PyDict;
use pyo3_arrow::PyTable;

use crate::{convert, errors};

/// The assignment in a clusters table, keyed by (source, unique id).
pub fn previous_from_table(
    obj: &Bound<'_, PyAny>,
    link: bool,
) -> PyResult<PreviousClusters<(u8, String)>> {
    if !obj.hasattr(pyo3::intern!(obj.py(), "__arrow_c_stream__"))? {
        return Err(pyo3::exceptions::PyTypeError::new_err(format!(
            "previous must be a pandas, polars or pyarrow table (unique_id, cluster_id{}), not {}",
            if link { ", source" } else { "" },
            obj.get_type().name()?
        )));
    }
    let (batches, schema) = obj.extract::<PyTable>()?.into_inner();
    let column = |name: &str| -> PyResult<Vec<arrow_array::ArrayRef>> {
        let idx = schema.index_of(name).map_err(|_| {
            errors::input(format!(
                "previous: the table has no {name:?} column (a clusters table has unique_id, cluster_id{})",
                if link { ", source" } else { "" }
            ))
        })?;
        let chunks: Vec<_> = batches.iter().map(|b| b.column(idx).clone()).collect();
        convert::text_chunks(&chunks, name)
    };
    let ids = column("unique_id")?;
    let clusters = column("cluster_id")?;
    let sources = if link { Some(column("source")?) } else { None };
    let ids = convert::chunk_strs(&ids);
    let clusters = convert::chunk_strs(&clusters);
    let sources = sources.as_ref().map(|s| convert::chunk_strs(s));
    let mut rows = Vec::with_capacity(ids.len());
    for (i, (id, cluster)) in ids.iter().zip(&clusters).enumerate() {
        let id = id.map(str::trim).unwrap_or_default();
        if id.is_empty() {
            return Err(errors::input(format!(
                "previous: row {}, field \"unique_id\": empty",
                i + 1
            )));
        }
        let source = match sources.as_ref().map(|s| s[i].map(str::trim)) {
            None | Some(Some("left")) => 0u8,
            Some(Some("right")) => 1,
            Some(_) => {
                return Err(errors::input(format!(
                    "previous: row {}, field \"source\": not \"left\" or \"right\"",
                    i + 1
                )));
            }
        };
        rows.push(((source, id.to_string()), cluster.unwrap_or_default()));
    }
    PreviousClusters::new(rows).map_err(|e| errors::input(format!("previous: {e}")))
}

/// Keep the previous ids on `result`; the change log as columns `unique_id`,
/// `old_cluster_id`, `new_cluster_id`, `change` (and `source` for a link), every record
/// whose id changed, in input order.
pub fn keep<'py>(
    py: Python<'py>,
    result: &mut MatchResult,
    previous: &PreviousClusters<(u8, String)>,
    link: bool,
) -> PyResult<Bound<'py, PyDict>> {
    let kept: StableIds = result
        .keep_ids(previous)
        .map_err(|e| errors::input(format!("previous: {e}")))?;
    let mut ids = Vec::new();
    let mut old = Vec::new();
    let mut new = Vec::new();
    let mut change = Vec::new();
    let mut source = Vec::new();
    for ((r, o), c) in result
        .records
        .iter()
        .zip(&kept.old_cluster_ids)
        .zip(&kept.changes)
    {
        if *c == hawiya::ChangeKind::Same {
            continue;
        }
        ids.push(r.unique_id.as_str());
        old.push(o.as_deref());
        new.push(r.cluster_id.as_str());
        change.push(c.as_str());
        source.push(if r.source == 0 { "left" } else { "right" });
    }
    let d = PyDict::new(py);
    d.set_item("unique_id", ids)?;
    d.set_item("old_cluster_id", old)?;
    d.set_item("new_cluster_id", new)?;
    d.set_item("change", change)?;
    if link {
        d.set_item("source", source)?;
    }
    Ok(d)
}
