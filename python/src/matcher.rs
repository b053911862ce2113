//! `hawiya._core.Matcher`: the engine over Arrow tables (pandas, polars, pyarrow …).

use hawiya::FellegiSunter;
use hawiya::{
    Config, MatchResult, PairLabel, ReportOptions, ReviewOptions, RowOutcome, StrColumn, Table,
    WrittenConfig,
};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString, PyType};
use pyo3_arrow::PyTable;

use crate::{convert, errors, pool};

/// Record linkage and deduplication with a Fellegi–Sunter model learned without labels.
///
/// `config` is a dict, a TOML or JSON string, or None (field kinds are then inferred from
/// the column names of the first table). The first run without a model trains one and
/// keeps it: later runs, `explain` and `save_model` use that model.
#[pyclass(module = "hawiya._core", name = "Matcher", subclass)]
pub struct Matcher {
    config: Option<Config>,
    /// A config given without `fields`: completed from the first table's columns.
    partial: Option<WrittenConfig>,
    model: Option<FellegiSunter>,
    last_report: Option<serde_json::Value>,
    /// The last run with its tables and labels, for `report`.
    last_run: Option<LastRun>,
    /// The change log of the last run with `previous=`.
    last_changes: Option<Py<PyDict>>,
}

/// What `report` needs of the last run.
struct LastRun {
    result: MatchResult,
    tables: Vec<Table>,
    labels: Vec<PairLabel>,
}

/// A config argument: complete, or partial (no `fields`: its keys override the config
/// inferred from the first table's columns). Values are checked here, before any table.
pub(crate) fn parse_written(obj: &Bound<'_, PyAny>) -> PyResult<WrittenConfig> {
    let py = obj.py();
    if let Ok(s) = obj.cast::<PyString>() {
        let text = s.to_str()?;
        let r = if text.trim_start().starts_with('{') {
            WrittenConfig::from_json(text)
        } else {
            WrittenConfig::from_toml(text)
        };
        return r.map_err(errors::to_py);
    }
    if obj.cast::<PyDict>().is_ok() {
        let json: String = py
            .import("json")?
            .call_method1("dumps", (obj,))
            .map_err(|e| errors::config(format!("config dict is not JSON-serialisable: {e}")))?
            .extract()?;
        return WrittenConfig::from_json(&json).map_err(errors::to_py);
    }
    Err(pyo3::exceptions::PyTypeError::new_err(format!(
        "config must be a dict, a TOML or JSON string, or None, not {}",
        obj.get_type().name()?
    )))
}

/// The columns of `table` that `config` uses, as a library table (nulls stay nulls).
pub(crate) fn to_table(obj: &Bound<'_, PyAny>, config: &mut Option<Config>) -> PyResult<Table> {
    to_table_with(obj, config, None)
}

/// [`to_table`], a missing config inferred from the columns with `partial`'s keys over it.
pub(crate) fn to_table_with(
    obj: &Bound<'_, PyAny>,
    config: &mut Option<Config>,
    partial: Option<&WrittenConfig>,
) -> PyResult<Table> {
    if !obj.hasattr(pyo3::intern!(obj.py(), "__arrow_c_stream__"))? {
        return Err(pyo3::exceptions::PyTypeError::new_err(format!(
            "expected a pandas, polars or pyarrow table (an object with __arrow_c_stream__), not {}",
            obj.get_type().name()?
        )));
    }
    let (batches, schema) = obj.extract::<PyTable>()?.into_inner();
    let names: Vec<String> = schema.fields().iter().map(|f| f.name().clone()).collect();
    if config.is_none() {
        let cfg = match partial {
            Some(w) => w.resolve(&names),
            None => Config::infer(&names),
        };
        *config = Some(cfg.map_err(errors::to_py)?);
    }
    let cfg = config.as_ref().expect("config set above");
    let mut wanted: Vec<&str> = vec![cfg.id_column.as_str()];
    for c in cfg.fields.iter().flat_map(|f| f.columns()) {
        if !wanted.contains(&c) {
            wanted.push(c);
        }
    }
    let mut out_names = Vec::new();
    let mut columns = Vec::new();
    for name in wanted {
        let Some(idx) = names.iter().position(|n| n == name) else {
            // The engine reports the missing column with its name.
            continue;
        };
        let chunks: Vec<_> = batches.iter().map(|b| b.column(idx).clone()).collect();
        let text = convert::text_chunks(&chunks, name)?;
        let mut col = StrColumn::new();
        for v in convert::chunk_strs(&text) {
            col.push(v).map_err(errors::to_py)?;
        }
        out_names.push(name.to_string());
        columns.push(col);
    }
    if out_names.is_empty() {
        // Keep the row count of a table that has none of the columns.
        let rows: usize = batches.iter().map(|b| b.num_rows()).sum();
        return Table::new(vec![])
            .and_then(|t| {
                if rows == 0 {
                    Ok(t)
                } else {
                    Err(hawiya::Error::input(
                        None,
                        None,
                        Some(&cfg.id_column),
                        "the id column is missing",
                    ))
                }
            })
            .map_err(errors::to_py);
    }
    Table::from_columns(out_names, columns).map_err(errors::to_py)
}

/// Reviewers' decisions from a table (pandas, polars, pyarrow …) with `unique_id_l`,
/// `unique_id_r`, `label` (`match` / `non_match`; blank or null: not reviewed, skipped) and
/// optional `note` and `reviewer` columns, as a filled `review` sheet has; or from a list of
/// `(unique_id_l, unique_id_r, label)` tuples.
fn parse_labels(obj: &Bound<'_, PyAny>) -> PyResult<Vec<PairLabel>> {
    let bad_label = |row: usize, e: hawiya::Error| {
        errors::input(format!("labels: row {}, field \"label\": {e}", row + 1))
    };
    let mut out = Vec::new();
    if obj.hasattr(pyo3::intern!(obj.py(), "__arrow_c_stream__"))? {
        let (batches, schema) = obj.extract::<PyTable>()?.into_inner();
        let names: Vec<String> = schema.fields().iter().map(|f| f.name().clone()).collect();
        let column = |name: &str| -> PyResult<Option<Vec<arrow_array::ArrayRef>>> {
            let Some(idx) = names.iter().position(|n| n == name) else {
                return Ok(None);
            };
            let chunks: Vec<_> = batches.iter().map(|b| b.column(idx).clone()).collect();
            convert::text_chunks(&chunks, name).map(Some)
        };
        let (Some(l), Some(r), Some(lab)) = (
            column("unique_id_l")?,
            column("unique_id_r")?,
            column("label")?,
        ) else {
            return Err(errors::input(
                "labels: the table needs unique_id_l, unique_id_r and label columns".to_string(),
            ));
        };
        let (note, reviewer) = (column("note")?, column("reviewer")?);
        let (l, r, lab) = (
            convert::chunk_strs(&l),
            convert::chunk_strs(&r),
            convert::chunk_strs(&lab),
        );
        let note = note.as_deref().map(convert::chunk_strs);
        let reviewer = reviewer.as_deref().map(convert::chunk_strs);
        for row in 0..lab.len() {
            let (a, b) = (l[row].unwrap_or(""), r[row].unwrap_or(""));
            let Some(mut label) =
                PairLabel::parse(a, b, lab[row].unwrap_or("")).map_err(|e| bad_label(row, e))?
            else {
                continue;
            };
            if a.trim().is_empty() || b.trim().is_empty() {
                return Err(errors::input(format!(
                    "labels: row {}: a labelled pair needs both unique ids",
                    row + 1
                )));
            }
            let cell = |c: &Option<Vec<Option<&str>>>| {
                c.as_ref()
                    .and_then(|v| v[row])
                    .unwrap_or("")
                    .trim()
                    .to_string()
            };
            label.note = cell(&note);
            label.reviewer = cell(&reviewer);
            out.push(label);
        }
        return Ok(out);
    }
    for (row, item) in obj.try_iter()?.enumerate() {
        let (a, b, lab): (String, String, String) = item?.extract().map_err(|_| {
            pyo3::exceptions::PyTypeError::new_err(format!(
                "labels: item {} is not a (unique_id_l, unique_id_r, label) tuple of strings",
                row + 1
            ))
        })?;
        if let Some(label) = PairLabel::parse(&a, &b, &lab).map_err(|e| bad_label(row, e))? {
            out.push(label);
        }
    }
    Ok(out)
}

impl Matcher {
    fn engine(&self) -> PyResult<hawiya::Matcher> {
        let config = self
            .config
            .clone()
            .ok_or_else(|| errors::config("no config: give one or run on a table first"))?;
        let m = hawiya::Matcher::new(config).map_err(errors::to_py)?;
        match &self.model {
            Some(model) => m.with_model(model.clone()).map_err(errors::to_py),
            None => Ok(m),
        }
    }

    /// A run with reviewers' decisions (`labels=`: constraints of the clustering) and an
    /// earlier run's clusters (`previous=`: their ids are kept on the clusters the labels
    /// shaped), kept for `report`.
    fn run(
        &mut self,
        py: Python<'_>,
        tables: &[&Bound<'_, PyAny>],
        labels: Option<&Bound<'_, PyAny>>,
        previous: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<MatchResult> {
        let labels = match labels {
            Some(l) if !l.is_none() => parse_labels(l)?,
            _ => Vec::new(),
        };
        let link = tables.len() == 2;
        let previous = previous
            .filter(|p| !p.is_none())
            .map(|p| crate::previous::previous_from_table(p, link))
            .transpose()?;
        let tables = tables
            .iter()
            .map(|t| to_table_with(t, &mut self.config, self.partial.as_ref()))
            .collect::<PyResult<Vec<_>>>()?;
        let engine = self.engine()?.with_labels(labels.clone());
        let pool = pool()?;
        let mut result = py
            .detach(|| {
                pool.install(|| match tables.as_slice() {
                    [one] => engine.dedupe(one),
                    [left, right] => engine.link(left, right),
                    _ => unreachable!("one or two tables"),
                })
            })
            .map_err(errors::to_py)?;
        if self.model.is_none() {
            self.model = Some(result.model.clone());
        }
        self.last_report = Some(result.report.to_json_value());
        self.last_changes = match &previous {
            Some(p) => Some(crate::previous::keep(py, &mut result, p, link)?.unbind()),
            None => None,
        };
        self.last_run = Some(LastRun {
            result: result.clone(),
            tables,
            labels,
        });
        Ok(result)
    }
}

/// Cluster columns of a run: one row per input row, in input order (left then right).
fn clusters<'py>(py: Python<'py>, r: &MatchResult, link: bool) -> PyResult<Bound<'py, PyDict>> {
    let mut source: Vec<&str> = Vec::new();
    let mut ids: Vec<Option<&str>> = Vec::new();
    let mut cluster: Vec<Option<&str>> = Vec::new();
    let mut reason: Vec<Option<&str>> = Vec::new();
    for o in r.outcomes() {
        source.push(if o.origin().0 == 0 { "left" } else { "right" });
        match o {
            RowOutcome::Clustered(c) => {
                ids.push(Some(&c.unique_id));
                cluster.push(Some(&c.cluster_id));
                reason.push(None);
            }
            RowOutcome::Rejected(j) => {
                ids.push(Some(j.unique_id.as_str()).filter(|s| !s.is_empty()));
                cluster.push(None);
                reason.push(Some(&j.reason));
            }
        }
    }
    let d = PyDict::new(py);
    if link {
        d.set_item("source", source)?;
    }
    d.set_item("unique_id", ids)?;
    d.set_item("cluster_id", cluster)?;
    d.set_item("reject_reason", reason)?;
    Ok(d)
}

/// What `__reduce__` returns: the class, its constructor arguments (the config as JSON)
/// and the state (the model as JSON).
type Reduced<'py> = (Bound<'py, PyType>, (Option<String>,), Option<String>);

fn borrow(v: &[(String, String)]) -> Vec<(&str, &str)> {
    v.iter().map(|(k, x)| (k.as_str(), x.as_str())).collect()
}

#[pymethods]
impl Matcher {
    #[new]
    #[pyo3(signature = (config = None))]
    fn new(config: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        let (config, partial) = match config.map(parse_written).transpose()? {
            Some(WrittenConfig::Complete(c)) => (Some(c), None),
            Some(w) => (None, Some(w)),
            None => (None, None),
        };
        Ok(Matcher {
            config,
            partial,
            model: None,
            last_report: None,
            last_run: None,
            last_changes: None,
        })
    }

    /// The config as a dict (None until given or inferred).
    #[getter]
    fn config<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.config
            .as_ref()
            .map(|c| convert::to_py(py, c))
            .transpose()
    }

    /// The model as JSON (None until trained or loaded).
    #[getter]
    fn model_json(&self) -> Option<String> {
        self.model.as_ref().map(FellegiSunter::to_json)
    }

    /// Counts, timings and warnings of the last run, as a dict (None before any run): the
    /// object that `hawiya dedupe --report-json` writes.
    #[getter]
    fn last_report<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.last_report
            .as_ref()
            .map(|v| convert::json_to_py(py, v))
            .transpose()
    }

    /// The change log of the last run given `previous=` (columns `unique_id`,
    /// `old_cluster_id`, `new_cluster_id`, `change`, and `source` for a link; records whose
    /// id did not change are left out), None otherwise.
    #[getter]
    fn last_changes<'py>(&self, py: Python<'py>) -> Option<Bound<'py, PyDict>> {
        self.last_changes.as_ref().map(|d| d.bind(py).clone())
    }

    /// Learn the model on `table` (without labels) and keep it; returns the training report.
    fn train<'py>(
        &mut self,
        py: Python<'py>,
        table: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let t = to_table_with(table, &mut self.config, self.partial.as_ref())?;
        let engine = self.engine()?;
        let pool = pool()?;
        let (model, report) = py
            .detach(|| pool.install(|| engine.train(&t)))
            .map_err(errors::to_py)?;
        self.model = Some(model);
        convert::to_py(py, &report)
    }

    /// Deduplicate one table: columns `unique_id`, `cluster_id`, `reject_reason`.
    /// `labels`: reviewers' decisions (must-links / cannot-links, see `review`). With
    /// `previous` (an earlier run's clusters), its cluster ids are kept on the clusters
    /// found (after the labels shaped them).
    #[pyo3(signature = (table, labels = None, previous = None))]
    fn dedupe<'py>(
        &mut self,
        py: Python<'py>,
        table: &Bound<'py, PyAny>,
        labels: Option<&Bound<'py, PyAny>>,
        previous: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let r = self.run(py, &[table], labels, previous)?;
        clusters(py, &r, false)
    }

    /// Link two tables: columns `source`, `unique_id`, `cluster_id`, `reject_reason`.
    /// `labels`: reviewers' decisions (left id, right id). With `previous` (an earlier
    /// run's clusters, with `source`), its cluster ids are kept.
    #[pyo3(signature = (left, right, labels = None, previous = None))]
    fn link<'py>(
        &mut self,
        py: Python<'py>,
        left: &Bound<'py, PyAny>,
        right: &Bound<'py, PyAny>,
        labels: Option<&Bound<'py, PyAny>>,
        previous: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let r = self.run(py, &[left, right], labels, previous)?;
        clusters(py, &r, true)
    }

    /// The audit trail of the labels applied in the last run: one dict per decision with
    /// its effect (empty list before any run or without labels).
    #[getter]
    fn last_labels<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let labels = self
            .last_run
            .as_ref()
            .map_or(&[][..], |r| r.result.report.labels.as_slice());
        convert::to_py(py, &labels)
    }

    /// The pairs of `table` worth a human look, best first, ranked by how much a decision
    /// would change the clusters (a dedupe of `table` is run, with `labels`): columns
    /// `unique_id_l`, `unique_id_r`, `match_probability`, `why`, both records' compared
    /// columns (`<column>_l`, `<column>_r`), `expected_change`, and empty `label`, `note`,
    /// `reviewer` columns to fill (`match` / `non_match`) and pass back as `labels=`.
    #[pyo3(signature = (table, top = 200, low = 0.5, high = 0.99, labels = None))]
    fn review<'py>(
        &mut self,
        py: Python<'py>,
        table: &Bound<'py, PyAny>,
        top: usize,
        low: f64,
        high: f64,
        labels: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyDict>> {
        if !((0.0..=1.0).contains(&low) && low < high && high <= 1.0) {
            return Err(errors::config(format!(
                "review: low {low} and high {high} must satisfy 0 <= low < high <= 1"
            )));
        }
        let result = self.run(py, &[table], labels, None)?;
        let run = self.last_run.as_ref().expect("set by the run");
        let engine = self.engine()?.with_labels(run.labels.clone());
        let options = ReviewOptions {
            top,
            low,
            high,
            ..ReviewOptions::default()
        };
        let tables: Vec<&Table> = run.tables.iter().collect();
        let sheet = py.detach(|| {
            let review = engine.review(&result, &options);
            engine.review_sheet(&result, &tables, &review)
        });
        let d = PyDict::new(py);
        for (k, name) in sheet.header.iter().enumerate() {
            let cells = sheet.rows.iter().map(|r| r[k].as_str());
            if name == "match_probability" || name == "expected_change" {
                let v: Vec<f64> = cells.map(|c| c.parse().unwrap_or(f64::NAN)).collect();
                d.set_item(name, v)?;
            } else {
                d.set_item(name, cells.collect::<Vec<_>>())?;
            }
        }
        Ok(d)
    }

    /// Write the HTML report of the last run (dedupe, link or review) to `path`: one
    /// self-contained offline file with the model, blocking, scores, a pair's waterfall,
    /// the cluster viewer, the review list and the labels applied.
    #[pyo3(signature = (path, title = None, max_records = 20_000, top = 200))]
    fn report(
        &self,
        py: Python<'_>,
        path: std::path::PathBuf,
        title: Option<String>,
        max_records: usize,
        top: usize,
    ) -> PyResult<()> {
        let run = self.last_run.as_ref().ok_or_else(|| {
            errors::config("report: no run yet: run dedupe, link or review first")
        })?;
        let engine = self.engine()?.with_labels(run.labels.clone());
        let mut options = ReportOptions {
            max_records,
            review: ReviewOptions {
                top,
                ..ReviewOptions::default()
            },
            ..ReportOptions::default()
        };
        if let Some(t) = title {
            options.title = t;
        }
        let tables: Vec<&Table> = run.tables.iter().collect();
        py.detach(|| {
            engine
                .report(&run.result, &tables, &options)
                .and_then(|r| r.write_html(&path))
        })
        .map_err(errors::to_py)
    }

    /// Scored pairs of one table: `unique_id_l`, `unique_id_r`, `match_probability`,
    /// `match_weight` and one `level_<column>` per field.
    fn predict<'py>(
        &mut self,
        py: Python<'py>,
        table: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let r = self.run(py, &[table], None, None)?;
        let d = PyDict::new(py);
        let ps = &r.pairs;
        d.set_item(
            "unique_id_l",
            ps.iter()
                .map(|p| p.unique_id_l.as_str())
                .collect::<Vec<_>>(),
        )?;
        d.set_item(
            "unique_id_r",
            ps.iter()
                .map(|p| p.unique_id_r.as_str())
                .collect::<Vec<_>>(),
        )?;
        d.set_item(
            "match_probability",
            ps.iter().map(|p| p.match_probability).collect::<Vec<_>>(),
        )?;
        d.set_item(
            "match_weight",
            ps.iter().map(|p| p.match_weight).collect::<Vec<_>>(),
        )?;
        for (k, c) in r.model.comparisons.iter().enumerate() {
            let names: Vec<&str> = ps
                .iter()
                .map(|p| {
                    p.levels
                        .get(k)
                        .and_then(|l| l.index())
                        .and_then(|i| c.levels.get(i))
                        .map_or("null", |x| x.name.as_str())
                })
                .collect();
            d.set_item(format!("level_{}", c.name), names)?;
        }
        Ok(d)
    }

    /// Why two records (dicts of column → value) get their score under the model: the
    /// prior, each field's level, m, u and weight, the total weight and probability.
    fn explain<'py>(
        &self,
        py: Python<'py>,
        a: &Bound<'py, PyDict>,
        b: &Bound<'py, PyDict>,
    ) -> PyResult<Bound<'py, PyAny>> {
        if self.model.is_none() {
            return Err(errors::config(
                "model: no model: train one, run dedupe, or load one first",
            ));
        }
        let engine = self.engine()?;
        let rec = |d: &Bound<'py, PyDict>| -> PyResult<Vec<(String, String)>> {
            let mut v = Vec::new();
            for (k, x) in d.iter() {
                if x.is_none() {
                    continue;
                }
                v.push((k.extract::<String>()?, x.str()?.to_str()?.to_string()));
            }
            Ok(v)
        };
        let (ra, rb) = (rec(a)?, rec(b)?);
        let e = engine
            .explain(&borrow(&ra), &borrow(&rb))
            .map_err(errors::to_py)?;
        convert::to_py(py, &e)
    }

    /// Write the model as JSON to `path`.
    fn save_model(&self, path: std::path::PathBuf) -> PyResult<()> {
        let model = self
            .model
            .as_ref()
            .ok_or_else(|| errors::config("model: no model to save: train one first"))?;
        std::fs::write(&path, model.to_json())
            .map_err(|e| errors::to_py(hawiya::Error::io(Some(path), e)))
    }

    /// Load a model saved with `save_model` (it must fit the config).
    fn load_model(&mut self, path: std::path::PathBuf) -> PyResult<()> {
        let text = std::fs::read_to_string(&path)
            .map_err(|e| errors::to_py(hawiya::Error::io(Some(path), e)))?;
        self.set_model_json(&text)
    }

    /// Use the model given as JSON (as from `model_json`).
    fn set_model_json(&mut self, json: &str) -> PyResult<()> {
        let model = FellegiSunter::from_json(json).map_err(errors::to_py)?;
        if self.config.is_some() {
            // Check that the model fits the config.
            self.model = None;
            self.engine()?
                .with_model(model.clone())
                .map_err(errors::to_py)?;
        }
        self.model = Some(model);
        Ok(())
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Reduced<'py>> {
        let me = slf.borrow();
        let config = match (&me.config, &me.partial) {
            (Some(c), _) => Some(serde_json::to_string(c).unwrap_or_default()),
            (None, Some(WrittenConfig::Partial(keys))) => {
                Some(serde_json::Value::Object(keys.clone()).to_string())
            }
            _ => None,
        };
        Ok((slf.get_type(), (config,), me.model_json()))
    }

    fn __setstate__(&mut self, state: Option<&str>) -> PyResult<()> {
        match state {
            Some(json) => self.set_model_json(json),
            None => Ok(()),
        }
    }

    fn __repr__(&self) -> String {
        let fields = self.config.as_ref().map_or_else(
            || "inferred".to_string(),
            |c| {
                c.fields
                    .iter()
                    .map(|f| format!("{}:{:?}", f.column, f.kind).to_lowercase())
                    .collect::<Vec<_>>()
                    .join(", ")
            },
        );
        format!(
            "Matcher(fields=[{fields}], trained={})",
            if self.model.is_some() {
                "True"
            } else {
                "False"
            }
        )
    }
}
