//! `hawiya._core.Index`: a registry's prepared index with its clusters, saved to and
//! loaded from a directory, taking new records incrementally.

use hawiya::{AddResult, WrittenConfig};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyType};

use crate::matcher::{parse_written, to_table, to_table_with};
use crate::{errors, pool};

/// A registry's prepared records, model and cluster ids, for matching new records without
/// re-running the whole registry. Build it with `Index.build`, keep it with `save` /
/// `Index.load`, feed it with `add`.
#[pyclass(module = "hawiya._core", name = "Index", subclass)]
pub struct Index {
    inner: hawiya::Index,
    last_changes: Option<Py<PyDict>>,
}

fn io_error(path: &std::path::Path, e: hawiya::Error) -> PyErr {
    match e.kind() {
        hawiya::ErrorKind::Io { .. } => errors::to_py(e),
        _ => errors::to_py(hawiya::Error::input(
            Some(&path.display().to_string()),
            None,
            None,
            e.to_string(),
        )),
    }
}

/// One output row of `add`: table row, unique id, cluster id, reject reason.
type OutRow<'a> = (usize, Option<&'a str>, Option<&'a str>, Option<&'a str>);

#[pymethods]
impl Index {
    /// Index `table`: its records prepared, a model trained on it, and its clusters —
    /// `clusters` (a table with `unique_id`, `cluster_id`, as `Matcher.dedupe` returns),
    /// or, when None, those of a dedupe of `table` run here.
    #[classmethod]
    #[pyo3(signature = (table, config = None, clusters = None))]
    fn build(
        _cls: &Bound<'_, PyType>,
        py: Python<'_>,
        table: &Bound<'_, PyAny>,
        config: Option<&Bound<'_, PyAny>>,
        clusters: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let (mut cfg, partial) = match config.map(parse_written).transpose()? {
            Some(WrittenConfig::Complete(c)) => (Some(c), None),
            Some(w) => (None, Some(w)),
            None => (None, None),
        };
        let t = to_table_with(table, &mut cfg, partial.as_ref())?;
        let cfg = cfg.ok_or_else(|| errors::config("no config"))?;
        let given = clusters
            .filter(|c| !c.is_none())
            .map(|c| crate::previous::previous_from_table(c, false))
            .transpose()?;
        let pool = pool()?;
        let inner = py
            .detach(|| {
                pool.install(|| -> hawiya::Result<hawiya::Index> {
                    let m = hawiya::Matcher::new(cfg)?;
                    match given {
                        Some(prev) => {
                            let rows: Vec<(String, String)> = prev
                                .keys()
                                .map(|k| {
                                    (k.1.clone(), prev.cluster_id(k).unwrap_or("").to_string())
                                })
                                .collect();
                            m.index(&t)?
                                .with_clusters(rows.iter().map(|(a, b)| (a.as_str(), b.as_str())))
                        }
                        None => {
                            let run = m.dedupe(&t)?;
                            m.with_model(run.model)?.index(&t)?.with_clusters(
                                run.records
                                    .iter()
                                    .map(|r| (r.unique_id.as_str(), r.cluster_id.as_str())),
                            )
                        }
                    }
                })
            })
            .map_err(|e| errors::input(format!("clusters: {e}")))?;
        Ok(Index {
            inner,
            last_changes: None,
        })
    }

    /// Read an index saved with `save` (format version and checksums are checked).
    #[classmethod]
    fn load(_cls: &Bound<'_, PyType>, py: Python<'_>, path: std::path::PathBuf) -> PyResult<Self> {
        let pool = pool()?;
        let inner = py
            .detach(|| pool.install(|| hawiya::Index::load(&path)))
            .map_err(|e| io_error(&path, e))?;
        Ok(Index {
            inner,
            last_changes: None,
        })
    }

    /// Write the index to the directory `path` (created; an index there is replaced).
    fn save(&self, py: Python<'_>, path: std::path::PathBuf) -> PyResult<()> {
        py.detach(|| self.inner.save(&path))
            .map_err(|e| io_error(&path, e))
    }

    /// Match the rows of `table` against the index and among themselves and add them:
    /// one row per input row, in input order, with `unique_id`, `cluster_id` (the id of
    /// the indexed cluster it joins, or a new one) and `reject_reason`.
    fn add<'py>(
        &mut self,
        py: Python<'py>,
        table: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let mut cfg = Some(self.inner.config().clone());
        let t = to_table(table, &mut cfg)?;
        let pool = pool()?;
        let inner = &mut self.inner;
        let added: AddResult = py
            .detach(|| pool.install(|| inner.add(&t)))
            .map_err(errors::to_py)?;
        let log = PyDict::new(py);
        log.set_item(
            "unique_id",
            added
                .changes
                .iter()
                .map(|c| c.0.as_str())
                .collect::<Vec<_>>(),
        )?;
        log.set_item(
            "old_cluster_id",
            added
                .changes
                .iter()
                .map(|c| c.1.as_deref())
                .collect::<Vec<_>>(),
        )?;
        log.set_item(
            "new_cluster_id",
            added
                .changes
                .iter()
                .map(|c| c.2.as_str())
                .collect::<Vec<_>>(),
        )?;
        log.set_item(
            "change",
            added
                .changes
                .iter()
                .map(|c| c.3.as_str())
                .collect::<Vec<_>>(),
        )?;
        self.last_changes = Some(log.unbind());
        // Rows in input order: clustered and rejected interleaved by row.
        let mut rows: Vec<OutRow<'_>> = added
            .records
            .iter()
            .map(|r| {
                (
                    r.row,
                    Some(r.unique_id.as_str()),
                    Some(r.cluster_id.as_str()),
                    None,
                )
            })
            .chain(added.rejects.iter().map(|r| {
                (
                    r.row,
                    Some(r.unique_id.as_str()).filter(|s| !s.is_empty()),
                    None,
                    Some(r.reason.as_str()),
                )
            }))
            .collect();
        rows.sort_by_key(|r| r.0);
        let d = PyDict::new(py);
        d.set_item("unique_id", rows.iter().map(|r| r.1).collect::<Vec<_>>())?;
        d.set_item("cluster_id", rows.iter().map(|r| r.2).collect::<Vec<_>>())?;
        d.set_item(
            "reject_reason",
            rows.iter().map(|r| r.3).collect::<Vec<_>>(),
        )?;
        Ok(d)
    }

    /// The change log of the last `add`: `unique_id`, `old_cluster_id`, `new_cluster_id`,
    /// `change` (`new` for the added records, `merged` for indexed records whose cluster
    /// joined another), None before any `add`.
    #[getter]
    fn last_changes<'py>(&self, py: Python<'py>) -> Option<Bound<'py, PyDict>> {
        self.last_changes.as_ref().map(|d| d.bind(py).clone())
    }

    /// Every indexed record's cluster: `unique_id`, `cluster_id`, in index order.
    fn clusters<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let n = self.inner.len();
        let d = PyDict::new(py);
        d.set_item(
            "unique_id",
            (0..n).map(|p| self.inner.id(p)).collect::<Vec<_>>(),
        )?;
        d.set_item(
            "cluster_id",
            (0..n).map(|p| self.inner.cluster_id(p)).collect::<Vec<_>>(),
        )?;
        Ok(d)
    }

    fn __len__(&self) -> usize {
        self.inner.len()
    }

    fn __repr__(&self) -> String {
        format!("Index(records={})", self.inner.len())
    }
}
