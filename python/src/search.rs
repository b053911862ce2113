//! `hawiya._core.search`: name screening with a name-only `hawiya::Index`.

use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::{Side, convert, errors, pool, side};

/// Strings of one argument (lists, numpy, pandas / polars Series, Arrow arrays).
fn strs<'a, 'py>(
    obj: &Bound<'py, PyAny>,
    holder: &'a mut Side<'py>,
    what: &str,
) -> PyResult<Vec<Option<&'a str>>> {
    match holder {
        Side::Arrow(chunks) => Ok(convert::chunk_strs(chunks)),
        Side::Python(keep) => convert::sequence_strs(obj, keep, what),
    }
}

/// The `top` names of `index_names` most similar to each name of `query_names`, best
/// first (ties by index id), as a dict of columns `query_id`, `index_id`, `score`. Ids are
/// the given `index_ids` / `query_ids` (strings), else 0-based positions (ints). A missing
/// name (None, NaN, null) is indexed as nothing and finds nothing. Runs on all cores with
/// the GIL released.
///
/// >>> from hawiya._core import search
/// >>> r = search(["صالح الفضالة", "منى حداد"], ["Mona Haddad"], 1)
/// >>> r["query_id"], r["index_id"], r["score"][0] > 0.9
/// ([0], [1], True)
#[pyfunction]
#[pyo3(signature = (index_names, query_names, top = 10, index_ids = None, query_ids = None))]
pub fn search<'py>(
    py: Python<'py>,
    index_names: &Bound<'py, PyAny>,
    query_names: &Bound<'py, PyAny>,
    top: usize,
    index_ids: Option<&Bound<'py, PyAny>>,
    query_ids: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyDict>> {
    let mut hi = side(index_names)?;
    let mut hq = side(query_names)?;
    let names = strs(index_names, &mut hi, "index_names")?;
    let queries = strs(query_names, &mut hq, "query_names")?;
    let mut hii;
    let mut hqi;
    let ids_of = |given: Vec<Option<&str>>, n: usize, what: &str| -> PyResult<Vec<String>> {
        if given.len() != n {
            return Err(errors::input(format!(
                "{what} has {} values for {n} names",
                given.len()
            )));
        }
        given
            .into_iter()
            .enumerate()
            .map(|(i, id)| {
                id.map(str::to_owned)
                    .ok_or_else(|| errors::input(format!("{what}: missing id at position {i}")))
            })
            .collect()
    };
    let given_index_ids = match index_ids {
        Some(obj) => {
            hii = side(obj)?;
            Some(ids_of(
                strs(obj, &mut hii, "index_ids")?,
                names.len(),
                "index_ids",
            )?)
        }
        None => None,
    };
    let given_query_ids = match query_ids {
        Some(obj) => {
            hqi = side(obj)?;
            Some(ids_of(
                strs(obj, &mut hqi, "query_ids")?,
                queries.len(),
                "query_ids",
            )?)
        }
        None => None,
    };
    let ids: Vec<String> = match &given_index_ids {
        Some(v) => v.clone(),
        None => (0..names.len()).map(|i| i.to_string()).collect(),
    };
    let pool = pool()?;
    let hits = py.detach(|| {
        pool.install(|| -> hawiya::Result<Vec<Vec<hawiya::NameHit>>> {
            let id_refs: Vec<&str> = ids.iter().map(String::as_str).collect();
            let name_refs: Vec<&str> = names.iter().map(|n| n.unwrap_or("")).collect();
            let index = hawiya::Index::from_names(&id_refs, &name_refs)?;
            let q: Vec<&str> = queries.iter().map(|n| n.unwrap_or("")).collect();
            index.search_many(&q, top)
        })
    });
    let hits = hits.map_err(errors::to_py)?;
    let out = PyDict::new(py);
    let mut scores = Vec::new();
    let (mut qi, mut ii) = (Vec::new(), Vec::new());
    for (q, hs) in hits.iter().enumerate() {
        for h in hs {
            qi.push(q);
            ii.push(h.position);
            scores.push(h.score);
        }
    }
    match &given_query_ids {
        Some(v) => out.set_item(
            "query_id",
            qi.iter().map(|&q| v[q].as_str()).collect::<Vec<_>>(),
        )?,
        None => out.set_item("query_id", qi)?,
    }
    match &given_index_ids {
        Some(v) => out.set_item(
            "index_id",
            ii.iter().map(|&i| v[i].as_str()).collect::<Vec<_>>(),
        )?,
        None => out.set_item("index_id", ii)?,
    }
    out.set_item("score", scores)?;
    Ok(out)
}
