//! Python bindings of hawiya: the private extension module `hawiya._core`.
//!
//! Thin wrappers only: every result comes from the `hawiya` crate. Work that runs on the
//! rayon pool releases the GIL. The pool is private to the process: a child made by
//! `fork()` (which copies no threads) builds its own on first use instead of waiting on the
//! parent's forever.

#![deny(missing_docs)]

use std::sync::{Arc, Mutex};

use numpy::PyArray1;
use pyo3::prelude::*;
use pyo3::types::PyDict;
use pyo3_arrow::input::AnyArray;

mod convert;
mod errors;
mod index;
mod matcher;
mod previous;
mod search;
mod spark;

/// The process's thread pool, with the pid that built it.
static POOL: Mutex<Option<(u32, Arc<rayon::ThreadPool>)>> = Mutex::new(None);

/// The thread pool for this process (built again in a forked child). Call with the GIL
/// held: a fork happens under the GIL, so the lock is never held across one.
pub(crate) fn pool() -> PyResult<Arc<rayon::ThreadPool>> {
    let pid = std::process::id();
    let mut guard = POOL.lock().unwrap_or_else(|p| p.into_inner());
    if let Some((p, pool)) = guard.as_ref()
        && *p == pid
    {
        return Ok(Arc::clone(pool));
    }
    let pool = Arc::new(
        rayon::ThreadPoolBuilder::new()
            .thread_name(|i| format!("hawiya-{i}"))
            .build()
            .map_err(|e| pyo3::exceptions::PyRuntimeError::new_err(e.to_string()))?,
    );
    // A pool inherited through fork() has no threads in this process: never touch it.
    if let Some(old) = guard.replace((pid, Arc::clone(&pool))) {
        std::mem::forget(old);
    }
    Ok(pool)
}

/// Normalise one person name: script, tokens with roles, and the cross-script `key`.
///
/// Spellings that differ only in orthography, diacritics, case, compound spacing or common
/// transliteration variants get the same `key`.
///
/// >>> from hawiya import normalize
/// >>> normalize("عبد الرحمن")["key"] == normalize("Abdulrahman")["key"]
/// True
/// >>> sorted(normalize("Muhammad"))[:4]
/// ['family_first', 'input', 'key', 'normalized']
#[pyfunction]
fn normalize<'py>(py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyDict>> {
    let p = hawiya::name::Normalizer::default().normalize(name);
    let tokens = p
        .tokens
        .iter()
        .map(|t| {
            let d = PyDict::new(py);
            d.set_item("text", t.text())?;
            d.set_item("folded", t.folded())?;
            d.set_item("role", t.role().as_str())?;
            d.set_item("script", t.script().as_str())?;
            d.set_item("romanized", t.romanized())?;
            d.set_item("code", String::from_utf8_lossy(t.code()))?;
            d.set_item("loose", t.loose_key())?;
            d.set_item("strict", t.strict_key())?;
            d.set_item("variant", t.variant())?;
            d.set_item("flags", t.flags().names().collect::<Vec<_>>())?;
            Ok(d)
        })
        .collect::<PyResult<Vec<_>>>()?;
    let d = PyDict::new(py);
    d.set_item("input", &p.original)?;
    d.set_item("script", p.script.as_str())?;
    d.set_item("normalized", &p.normalized)?;
    d.set_item("family_first", p.family_first)?;
    d.set_item("key", p.key())?;
    d.set_item("strict_key", p.strict_key())?;
    d.set_item("tokens", tokens)?;
    Ok(d)
}

/// Name similarity in [0, 1], symmetric: 1 for the same spelling, just below 1 for the same
/// name in another script or spelling, low for different names.
///
/// >>> from hawiya import similarity
/// >>> similarity("Mohamed", "Mohamed")
/// 1.0
/// >>> 0.98 < similarity("Mohamed", "محمد") < 1.0
/// True
/// >>> similarity("محمد", "محمود") < 0.5
/// True
#[pyfunction]
fn similarity(a: &str, b: &str) -> f64 {
    hawiya::name::name_similarity(a, b)
}

/// How the similarity of two names came about (token alignment, penalties) as a dict.
///
/// >>> from hawiya import explain_similarity
/// >>> e = explain_similarity("Sheikh Mohammed bin Rashid", "محمد راشد")
/// >>> len(e["pairs"]), e["score"] > 0.9
/// (2, True)
#[pyfunction]
fn explain_similarity<'py>(py: Python<'py>, a: &str, b: &str) -> PyResult<Bound<'py, PyAny>> {
    convert::to_py(py, &hawiya::name::explain_names(a, b))
}

/// Strings of one `score_pairs` argument, with what keeps them alive.
enum Side<'py> {
    Arrow(Vec<arrow_array::ArrayRef>),
    Python(Vec<Bound<'py, PyAny>>),
}

fn side<'py>(obj: &Bound<'py, PyAny>) -> PyResult<Side<'py>> {
    let arrow = obj.hasattr(pyo3::intern!(obj.py(), "__arrow_c_array__"))?
        || obj.hasattr(pyo3::intern!(obj.py(), "__arrow_c_stream__"))?;
    if arrow {
        let chunked = obj
            .extract::<AnyArray>()?
            .into_chunked_array()
            .map_err(PyErr::from)?;
        let (chunks, field) = chunked.into_inner();
        Ok(Side::Arrow(convert::text_chunks(&chunks, field.name())?))
    } else {
        Ok(Side::Python(Vec::new()))
    }
}

/// Name similarity of each pair `(lefts[i], rights[i])` as a float64 numpy array, computed
/// on all cores with the GIL released. A missing name (None, NaN, pandas.NA, Arrow null)
/// gives NaN. `lefts` and `rights` are lists, tuples, numpy object arrays, pandas or polars
/// Series, or pyarrow arrays (Arrow text is read in place, without a copy).
///
/// >>> from hawiya import score_pairs
/// >>> scores = score_pairs(["Saleh Al-Fadhala", "Mona", None], ["صالح الفضالة", "Huda", "Ali"])
/// >>> [round(float(x), 2) for x in scores]
/// [0.98, 0.01, nan]
#[pyfunction]
fn score_pairs<'py>(
    py: Python<'py>,
    lefts: &Bound<'py, PyAny>,
    rights: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyArray1<f64>>> {
    let (mut l, mut r) = (side(lefts)?, side(rights)?);
    let ls = match &mut l {
        Side::Arrow(chunks) => convert::chunk_strs(chunks),
        Side::Python(keep) => convert::sequence_strs(lefts, keep, "lefts")?,
    };
    let rs = match &mut r {
        Side::Arrow(chunks) => convert::chunk_strs(chunks),
        Side::Python(keep) => convert::sequence_strs(rights, keep, "rights")?,
    };
    if ls.len() != rs.len() {
        return Err(errors::input(format!(
            "lefts and rights differ in length ({} and {})",
            ls.len(),
            rs.len()
        )));
    }
    let pool = pool()?;
    let scores = py.detach(|| pool.install(|| score_with_nulls(&ls, &rs)));
    Ok(PyArray1::from_vec(py, scores))
}

/// Scores of the pairs where both names are present; NaN elsewhere.
fn score_with_nulls(ls: &[Option<&str>], rs: &[Option<&str>]) -> Vec<f64> {
    let cmp = comparator();
    if ls.iter().chain(rs).all(Option::is_some) {
        let a: Vec<&str> = ls.iter().map(|s| s.unwrap_or_default()).collect();
        let b: Vec<&str> = rs.iter().map(|s| s.unwrap_or_default()).collect();
        return cmp.score_pairs(&a, &b);
    }
    let present: Vec<usize> = (0..ls.len())
        .filter(|&i| ls[i].is_some() && rs[i].is_some())
        .collect();
    let a: Vec<&str> = present.iter().map(|&i| ls[i].unwrap_or_default()).collect();
    let b: Vec<&str> = present.iter().map(|&i| rs[i].unwrap_or_default()).collect();
    let mut out = vec![f64::NAN; ls.len()];
    for (&i, s) in present.iter().zip(cmp.score_pairs(&a, &b)) {
        out[i] = s;
    }
    out
}

fn comparator() -> &'static hawiya::name::NameComparator {
    static C: std::sync::LazyLock<hawiya::name::NameComparator> =
        std::sync::LazyLock::new(hawiya::name::NameComparator::default);
    &C
}

/// A synthetic registry with known truth (column `cluster`), as a dict of column lists
/// (None for a missing value). The same `records` and `seed` give the same rows.
///
/// >>> from hawiya._core import generate
/// >>> list(generate(3, seed=1))[:3]
/// ['unique_id', 'source', 'full_name']
#[pyfunction]
#[pyo3(signature = (records = 1000, seed = 1))]
fn generate<'py>(py: Python<'py>, records: u64, seed: u64) -> PyResult<Bound<'py, PyDict>> {
    let config = hawiya_synth::GeneratorConfig {
        records,
        seed,
        ..Default::default()
    };
    let generator = hawiya_synth::Generator::new(config).map_err(errors::to_py)?;
    let pool = pool()?;
    let recs = py.detach(|| pool.install(|| generator.records(0..generator.record_count())));
    let d = PyDict::new(py);
    let col = |f: fn(&hawiya_synth::Record) -> &str| -> Vec<Option<&str>> {
        recs.iter()
            .map(|r| Some(f(r)).filter(|s| !s.is_empty()))
            .collect()
    };
    d.set_item("unique_id", col(|r| &r.unique_id))?;
    d.set_item("source", col(|r| &r.source))?;
    d.set_item("full_name", col(|r| &r.full_name))?;
    d.set_item("dob", col(|r| &r.dob))?;
    d.set_item("civil_id", col(|r| &r.civil_id))?;
    d.set_item("gender", col(|r| &r.gender))?;
    d.set_item("nationality", col(|r| &r.nationality))?;
    d.set_item("phone", col(|r| &r.phone))?;
    d.set_item(
        "cluster",
        recs.iter().map(|r| r.cluster).collect::<Vec<u64>>(),
    )?;
    Ok(d)
}

/// The extension module.
#[pymodule]
fn _core(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    errors::register(m)?;
    m.add_function(wrap_pyfunction!(normalize, m)?)?;
    m.add_function(wrap_pyfunction!(similarity, m)?)?;
    m.add_function(wrap_pyfunction!(explain_similarity, m)?)?;
    m.add_function(wrap_pyfunction!(score_pairs, m)?)?;
    m.add_function(wrap_pyfunction!(generate, m)?)?;
    m.add_function(wrap_pyfunction!(search::search, m)?)?;
    m.add_class::<matcher::Matcher>()?;
    m.add_class::<index::Index>()?;
    m.add_class::<spark::SparkJob>()?;
    Ok(())
}
