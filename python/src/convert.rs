//! Conversions between Python / Arrow values and the library's inputs and outputs.

use std::sync::Arc;

use arrow_array::cast::AsArray;
use arrow_array::types::Float64Type;
use arrow_array::{Array, ArrayRef, LargeStringArray};
use arrow_schema::DataType;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyFloat, PyList, PyString};
use serde_json::Value;

use crate::errors;

/// Chunks of one column as Arrow text arrays: Utf8, LargeUtf8 and Utf8View are kept as they
/// are (no copy); dictionaries, numbers, dates and booleans are cast to text.
pub fn text_chunks(chunks: &[ArrayRef], column: &str) -> PyResult<Vec<ArrayRef>> {
    chunks
        .iter()
        .map(|a| match a.data_type() {
            DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View => Ok(Arc::clone(a)),
            DataType::Null => Ok(arrow_array::new_null_array(&DataType::Utf8, a.len())),
            DataType::Float16 | DataType::Float32 | DataType::Float64 => float_text(a, column),
            _ => arrow_cast::cast(a, &DataType::LargeUtf8).map_err(|_| {
                errors::input(format!(
                    "column {column:?} of type {} cannot be read as text",
                    a.data_type()
                ))
            }),
        })
        .collect()
}

/// Floats as text, whole numbers without a fraction: pandas turns an integer column with a
/// missing value into float64, and its ids, civil IDs and phones must read `1`, not `1.0`.
/// Other values are written as Arrow casts them; NaN is a null.
fn float_text(a: &ArrayRef, column: &str) -> PyResult<ArrayRef> {
    let f = arrow_cast::cast(a, &DataType::Float64).map_err(|_| {
        errors::input(format!(
            "column {column:?} of type {} cannot be read as text",
            a.data_type()
        ))
    })?;
    let cast = arrow_cast::cast(&f, &DataType::LargeUtf8).map_err(|_| {
        errors::input(format!(
            "column {column:?} of floats cannot be read as text"
        ))
    })?;
    let (f, cast) = (f.as_primitive::<Float64Type>(), cast.as_string::<i64>());
    let out: LargeStringArray = (0..f.len())
        .map(|i| {
            let v = f.value(i);
            if f.is_null(i) || v.is_nan() {
                None
            } else if v.fract() == 0.0 && v.abs() < 9.007_199_254_740_992e15 {
                Some(format!("{v:.0}"))
            } else {
                Some(cast.value(i).to_string())
            }
        })
        .collect();
    Ok(Arc::new(out))
}

/// The values of text chunks (see [`text_chunks`]) in order; nulls are `None`.
pub fn chunk_strs(chunks: &[ArrayRef]) -> Vec<Option<&str>> {
    let mut out = Vec::with_capacity(chunks.iter().map(|c| c.len()).sum());
    for a in chunks {
        match a.data_type() {
            DataType::Utf8 => out.extend(a.as_string::<i32>().iter()),
            DataType::LargeUtf8 => out.extend(a.as_string::<i64>().iter()),
            DataType::Utf8View => out.extend(a.as_string_view().iter()),
            _ => out.extend(std::iter::repeat_n(None, a.len())),
        }
    }
    out
}

/// Strings of a Python sequence (list, tuple, numpy object array, pandas Series …),
/// borrowed from the Python objects, which `keep` holds alive. `None`, float NaN and
/// `pandas.NA` are nulls; anything else that is not a `str` is a `TypeError`.
pub fn sequence_strs<'a, 'py>(
    obj: &Bound<'py, PyAny>,
    keep: &'a mut Vec<Bound<'py, PyAny>>,
    what: &str,
) -> PyResult<Vec<Option<&'a str>>> {
    keep.clear();
    if let Ok(list) = obj.cast::<PyList>() {
        keep.extend(list.iter());
    } else {
        if obj.is_instance_of::<PyString>() {
            return Err(pyo3::exceptions::PyTypeError::new_err(format!(
                "{what} must be a sequence of strings, not a single str"
            )));
        }
        for item in obj.try_iter()? {
            keep.push(item?);
        }
    }
    let mut out = Vec::with_capacity(keep.len());
    for (i, item) in keep.iter().enumerate() {
        if item.is_none() {
            out.push(None);
        } else if let Ok(s) = item.cast::<PyString>() {
            out.push(Some(s.to_str()?));
        } else if item.cast::<PyFloat>().is_ok_and(|f| f.value().is_nan())
            || item.get_type().name()?.to_str()? == "NAType"
        {
            // float NaN and pandas.NA: pandas' missing values.
            out.push(None);
        } else {
            return Err(pyo3::exceptions::PyTypeError::new_err(format!(
                "{what}[{i}] must be a str or None, not {}",
                item.get_type().name()?
            )));
        }
    }
    Ok(out)
}

/// A JSON value as the matching Python object (dict, list, str, int, float, bool, None).
pub fn json_to_py<'py>(py: Python<'py>, v: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match v {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => b.into_pyobject(py)?.to_owned().into_any(),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                i.into_pyobject(py)?.into_any()
            } else if let Some(u) = n.as_u64() {
                u.into_pyobject(py)?.into_any()
            } else {
                n.as_f64().unwrap_or(f64::NAN).into_pyobject(py)?.into_any()
            }
        }
        Value::String(s) => s.into_pyobject(py)?.into_any(),
        Value::Array(a) => {
            let items = a
                .iter()
                .map(|x| json_to_py(py, x))
                .collect::<PyResult<Vec<_>>>()?;
            PyList::new(py, items)?.into_any()
        }
        Value::Object(o) => {
            let d = PyDict::new(py);
            for (k, x) in o {
                d.set_item(k, json_to_py(py, x)?)?;
            }
            d.into_any()
        }
    })
}

/// Any serialisable value as a Python object.
pub fn to_py<'py, T: serde::Serialize>(py: Python<'py>, v: &T) -> PyResult<Bound<'py, PyAny>> {
    let value = serde_json::to_value(v)
        .map_err(|e| pyo3::exceptions::PyRuntimeError::new_err(e.to_string()))?;
    json_to_py(py, &value)
}
