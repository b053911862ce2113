//! `hawiya._core.SparkJob`: the steps of a run split into parts, for `hawiya.spark` (each
//! call works on the rows one Spark task holds; see `hawiya::Matcher::score_blocks`).

use std::collections::HashMap;

use hawiya::{BlockPart, Config, FellegiSunter, Records, TermCounts, WrittenConfig};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

use crate::matcher::{parse_written, to_table};
use crate::{errors, pool};

/// Lists of block and pair columns, as `(name, values)`.
type Columns<'py> = Bound<'py, PyDict>;

/// One run's config, model and term counts, with the steps a Spark task calls.
#[pyclass(module = "hawiya._core", name = "SparkJob", frozen)]
pub struct SparkJob {
    engine: hawiya::Matcher,
    tf: TermCounts,
}

impl SparkJob {
    fn config(&self) -> &Config {
        self.engine.config()
    }

    /// The tables of one task (pyarrow tables: one for dedupe, two for link).
    fn tables(&self, tables: &Bound<'_, PyList>) -> PyResult<Vec<hawiya::Table>> {
        let mut cfg = Some(self.config().clone());
        tables.iter().map(|t| to_table(&t, &mut cfg)).collect()
    }
}

/// An order-preserving signed form of an unsigned sort key (Spark has no unsigned long).
fn signed_order(x: u64) -> i64 {
    (x ^ (1 << 63)) as i64
}

#[pymethods]
impl SparkJob {
    /// A job for `config` (as `Matcher` accepts it; inferred or completed from `columns`),
    /// with `model` (JSON) and term counts (JSON) when known.
    #[new]
    #[pyo3(signature = (config, columns, model = None, term_counts = None))]
    fn new(
        config: Option<&Bound<'_, PyAny>>,
        columns: Vec<String>,
        model: Option<&str>,
        term_counts: Option<&str>,
    ) -> PyResult<Self> {
        let config = match config
            .filter(|c| !c.is_none())
            .map(parse_written)
            .transpose()?
        {
            Some(WrittenConfig::Complete(c)) => c,
            Some(w) => w.resolve(&columns).map_err(errors::to_py)?,
            None => Config::infer(&columns).map_err(errors::to_py)?,
        };
        let mut engine = hawiya::Matcher::new(config).map_err(errors::to_py)?;
        if let Some(m) = model {
            let m = FellegiSunter::from_json(m).map_err(errors::to_py)?;
            engine = engine.with_model(m).map_err(errors::to_py)?;
        }
        let tf = match term_counts {
            Some(t) => {
                serde_json::from_str(t).map_err(|e| errors::input(format!("term counts: {e}")))?
            }
            None => TermCounts::default(),
        };
        Ok(SparkJob { engine, tf })
    }

    /// The resolved config as JSON (give it back to `SparkJob` as the config).
    #[getter]
    fn config_json(&self) -> PyResult<String> {
        serde_json::to_string(self.config()).map_err(|e| errors::config(e.to_string()))
    }

    /// The unique-id column.
    #[getter]
    fn id_column(&self) -> String {
        self.config().id_column.clone()
    }

    /// The columns the config reads: the id column, then each field's columns.
    #[getter]
    fn columns(&self) -> Vec<String> {
        let cfg = self.config();
        let mut out = vec![cfg.id_column.clone()];
        for c in cfg.fields.iter().flat_map(|f| f.columns()) {
            if !out.iter().any(|o| o == c) {
                out.push(c.to_string());
            }
        }
        out
    }

    /// The clustering threshold.
    #[getter]
    fn threshold(&self) -> f64 {
        self.config().threshold
    }

    /// Whether a run over `left` (and `right`, for link) records compares every pair.
    #[pyo3(signature = (left, right = None))]
    fn compares_all_pairs(&self, left: usize, right: Option<usize>) -> bool {
        self.engine.compares_all_pairs(left, right)
    }

    /// The blocking rules (dicts), the all-pairs rule last when `all_pairs`.
    fn rules<'py>(&self, py: Python<'py>, all_pairs: bool) -> PyResult<Bound<'py, PyAny>> {
        crate::convert::to_py(py, &self.engine.block_rules(all_pairs))
    }

    /// Per row of `table`: the trimmed unique id and the reason it is rejected whatever
    /// the other rows hold (None for a usable row).
    fn row_problems(
        &self,
        table: &Bound<'_, PyAny>,
    ) -> PyResult<(Vec<String>, Vec<Option<String>>)> {
        let mut cfg = Some(self.config().clone());
        let t = to_table(table, &mut cfg)?;
        let idc = &self.config().id_column;
        let ids = (0..t.len())
            .map(|r| t.value(r, idc).unwrap_or("").trim().to_string())
            .collect();
        let problems = (0..t.len())
            .map(|r| Records::row_problem(self.config(), &t, r))
            .collect();
        Ok((ids, problems))
    }

    /// The reject reason of a row whose id repeats that of the record at 0-based `first`.
    fn duplicate_reason(&self, first: usize) -> String {
        Records::duplicate_reason(self.config(), first)
    }

    /// Train a model on `tables` (all records, or a sample): its JSON.
    fn train(&self, py: Python<'_>, tables: &Bound<'_, PyList>) -> PyResult<String> {
        let tables = self.tables(tables)?;
        let refs: Vec<&hawiya::Table> = tables.iter().collect();
        let pool = pool()?;
        let (model, _) = py
            .detach(|| pool.install(|| self.engine.train_on(&refs)))
            .map_err(errors::to_py)?;
        Ok(model.to_json())
    }

    /// Term counts of the records of `tables`: (field, term, count) columns.
    fn term_counts(
        &self,
        py: Python<'_>,
        tables: &Bound<'_, PyList>,
    ) -> PyResult<(Vec<i64>, Vec<String>, Vec<i64>)> {
        let tables = self.tables(tables)?;
        let refs: Vec<&hawiya::Table> = tables.iter().collect();
        let pool = pool()?;
        let tc = py
            .detach(|| pool.install(|| self.engine.term_counts(&refs)))
            .map_err(errors::to_py)?;
        let (mut f, mut t, mut c) = (Vec::new(), Vec::new(), Vec::new());
        for (i, counts) in tc.counts.into_iter().enumerate() {
            for (k, v) in counts {
                f.push(i as i64);
                t.push(k);
                c.push(v as i64);
            }
        }
        Ok((f, t, c))
    }

    /// Whole-dataset term counts as JSON from summed (field, term, count) columns.
    fn term_counts_json(
        &self,
        fields: Vec<i64>,
        terms: Vec<String>,
        counts: Vec<i64>,
    ) -> PyResult<String> {
        let width = self.config().fields.len();
        let mut tc = TermCounts {
            counts: vec![HashMap::new(); width],
            totals: vec![0; width],
        };
        for ((f, t), c) in fields.into_iter().zip(terms).zip(counts) {
            let (Ok(f), Ok(c)) = (usize::try_from(f), u64::try_from(c)) else {
                continue;
            };
            if f < width {
                *tc.counts[f].entry(t).or_insert(0) += c;
                tc.totals[f] += c;
            }
        }
        serde_json::to_string(&tc).map_err(|e| errors::input(e.to_string()))
    }

    /// Block memberships of the records of `tables`: `_src`, `_id`, `rule`, `key` (the
    /// bits of the unsigned key), `sort` (order-preserving signed form), `unknown`.
    fn memberships<'py>(
        &self,
        py: Python<'py>,
        tables: &Bound<'_, PyList>,
        all_pairs: bool,
    ) -> PyResult<Columns<'py>> {
        let tables = self.tables(tables)?;
        let refs: Vec<&hawiya::Table> = tables.iter().collect();
        let pool = pool()?;
        let m = py
            .detach(|| pool.install(|| self.engine.block_memberships(&refs, all_pairs)))
            .map_err(errors::to_py)?;
        let d = PyDict::new(py);
        d.set_item(
            "_src",
            m.iter().map(|b| i32::from(b.source)).collect::<Vec<_>>(),
        )?;
        d.set_item(
            "_id",
            m.iter().map(|b| b.unique_id.as_str()).collect::<Vec<_>>(),
        )?;
        d.set_item(
            "rule",
            m.iter().map(|b| i32::from(b.rule)).collect::<Vec<_>>(),
        )?;
        d.set_item("key", m.iter().map(|b| b.key as i64).collect::<Vec<_>>())?;
        d.set_item(
            "sort",
            m.iter().map(|b| signed_order(b.sort)).collect::<Vec<_>>(),
        )?;
        d.set_item("unknown", m.iter().map(|b| b.unknown).collect::<Vec<_>>())?;
        Ok(d)
    }

    /// Score the blocks whose member rows are those of `tables` (left rows, then right):
    /// per row its block (`rule`, `key`, slice `chunk`), the block's `size`, its position
    /// in the whole block (None: a whole block) and whether it is `owned`. Returns the
    /// pairs at or above `min_probability`: `_src_l`, `_id_l`, `_src_r`, `_id_r`, `p`.
    #[allow(clippy::too_many_arguments)]
    fn score_blocks<'py>(
        &self,
        py: Python<'py>,
        tables: &Bound<'_, PyList>,
        rule: Vec<i64>,
        key: Vec<i64>,
        chunk: Vec<i64>,
        size: Vec<i64>,
        position: Vec<Option<i64>>,
        owned: Vec<bool>,
        min_probability: f64,
    ) -> PyResult<Columns<'py>> {
        let tables = self.tables(tables)?;
        let refs: Vec<&hawiya::Table> = tables.iter().collect();
        let rows: usize = tables.iter().map(|t| t.len()).sum();
        if [
            rule.len(),
            key.len(),
            chunk.len(),
            size.len(),
            position.len(),
            owned.len(),
        ]
        .iter()
        .any(|&l| l != rows)
        {
            return Err(errors::input(format!(
                "score_blocks: {rows} rows but block columns of other lengths"
            )));
        }
        let mut index: HashMap<(i64, i64, i64), usize> = HashMap::new();
        let mut parts: Vec<BlockPart> = Vec::new();
        for r in 0..rows {
            let k = *index.entry((rule[r], key[r], chunk[r])).or_insert_with(|| {
                parts.push(BlockPart {
                    rule: u16::try_from(rule[r]).unwrap_or(u16::MAX),
                    len: u32::try_from(size[r]).unwrap_or(u32::MAX),
                    ..BlockPart::default()
                });
                parts.len() - 1
            });
            let p = &mut parts[k];
            p.rows.push(r);
            p.positions
                .push(position[r].and_then(|x| u32::try_from(x).ok()));
            p.owned.push(owned[r]);
        }
        let pool = pool()?;
        let edges = py
            .detach(|| {
                pool.install(|| {
                    self.engine
                        .score_blocks(&refs, &parts, &self.tf, min_probability)
                })
            })
            .map_err(errors::to_py)?;
        let d = PyDict::new(py);
        d.set_item(
            "_src_l",
            edges
                .iter()
                .map(|e| i32::from(e.source_l))
                .collect::<Vec<_>>(),
        )?;
        d.set_item(
            "_id_l",
            edges
                .iter()
                .map(|e| e.unique_id_l.as_str())
                .collect::<Vec<_>>(),
        )?;
        d.set_item(
            "_src_r",
            edges
                .iter()
                .map(|e| i32::from(e.source_r))
                .collect::<Vec<_>>(),
        )?;
        d.set_item(
            "_id_r",
            edges
                .iter()
                .map(|e| e.unique_id_r.as_str())
                .collect::<Vec<_>>(),
        )?;
        d.set_item(
            "p",
            edges
                .iter()
                .map(|e| e.match_probability)
                .collect::<Vec<_>>(),
        )?;
        Ok(d)
    }

    /// The engine's clustering of connected components given by their edges (`comp`: the
    /// component of each edge; both ends as source and unique id; `p`: probability).
    /// Returns every record of the components: `_src`, `_id`, `cluster_id`.
    #[allow(clippy::too_many_arguments)]
    fn cluster_parts<'py>(
        &self,
        py: Python<'py>,
        comp: Vec<String>,
        src_a: Vec<i64>,
        id_a: Vec<String>,
        src_b: Vec<i64>,
        id_b: Vec<String>,
        p: Vec<f64>,
    ) -> PyResult<Columns<'py>> {
        let n = comp.len();
        if [src_a.len(), id_a.len(), src_b.len(), id_b.len(), p.len()]
            .iter()
            .any(|&l| l != n)
        {
            return Err(errors::input("cluster_parts: columns of different lengths"));
        }
        let mut by_comp: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, c) in comp.iter().enumerate() {
            by_comp.entry(c.as_str()).or_default().push(i);
        }
        let mut comps: Vec<(&str, Vec<usize>)> = by_comp.into_iter().collect();
        comps.sort_unstable();
        let (mut out_src, mut out_id, mut out_cluster) = (Vec::new(), Vec::new(), Vec::new());
        for (_, edges) in comps {
            let mut records: Vec<(u8, String)> = Vec::new();
            let mut at: HashMap<(u8, &str), usize> = HashMap::new();
            let mut local = Vec::with_capacity(edges.len());
            for &e in &edges {
                let mut ends = [0usize; 2];
                for (k, (s, id)) in [(src_a[e], id_a[e].as_str()), (src_b[e], id_b[e].as_str())]
                    .into_iter()
                    .enumerate()
                {
                    ends[k] = *at.entry((s as u8, id)).or_insert_with(|| {
                        records.push((s as u8, id.to_string()));
                        records.len() - 1
                    });
                }
                local.push((ends[0], ends[1], p[e]));
            }
            let ids = self
                .engine
                .cluster_part(&records, &local)
                .map_err(errors::to_py)?;
            for ((s, id), c) in records.into_iter().zip(ids) {
                out_src.push(i32::from(s));
                out_id.push(id);
                out_cluster.push(c);
            }
        }
        let d = PyDict::new(py);
        d.set_item("_src", out_src)?;
        d.set_item("_id", out_id)?;
        d.set_item("cluster_id", out_cluster)?;
        Ok(d)
    }
}
