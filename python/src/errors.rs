//! Python exception classes, one per `hawiya::ErrorKind`.
//!
//! ```text
//! HawiyaError(Exception)
//! ├── ConfigError(HawiyaError, ValueError)   bad config values, unknown keys
//! ├── InputError(HawiyaError, ValueError)    unusable input (missing column, bad lengths)
//! ├── ModelError(HawiyaError, ValueError)    a saved model that cannot be used
//! └── HawiyaIOError(HawiyaError, OSError)    reading or writing a file failed
//! ```
//! The classes are built with `type(...)` at import, as multiple inheritance (so that
//! `except ValueError` keeps working for config errors) is not expressible with
//! `create_exception!`.

use hawiya::ErrorKind;
use pyo3::exceptions::{PyException, PyOSError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyTuple, PyType};

struct Classes {
    base: Py<PyType>,
    config: Py<PyType>,
    input: Py<PyType>,
    model: Py<PyType>,
    io: Py<PyType>,
}

static CLASSES: PyOnceLock<Classes> = PyOnceLock::new();

fn make<'py>(
    py: Python<'py>,
    name: &str,
    bases: Vec<Bound<'py, PyAny>>,
    doc: &str,
) -> PyResult<Py<PyType>> {
    let ns = PyDict::new(py);
    ns.set_item("__module__", "hawiya")?;
    ns.set_item("__doc__", doc)?;
    let t = py
        .get_type::<PyType>()
        .call1((name, PyTuple::new(py, bases)?, ns))?;
    Ok(t.cast_into::<PyType>()?.unbind())
}

fn classes(py: Python<'_>) -> PyResult<&Classes> {
    CLASSES.get_or_try_init(py, || {
        let base = make(
            py,
            "HawiyaError",
            vec![py.get_type::<PyException>().into_any()],
            "Base class of every error raised by hawiya.",
        )?;
        let b = || base.bind(py).clone().into_any();
        let value = || py.get_type::<PyValueError>().into_any();
        Ok(Classes {
            config: make(
                py,
                "ConfigError",
                vec![b(), value()],
                "An invalid configuration value (unknown key, bad threshold, missing column).",
            )?,
            input: make(
                py,
                "InputError",
                vec![b(), value()],
                "Unusable input: a missing column, unequal lengths, a column of the wrong type.",
            )?,
            model: make(
                py,
                "ModelError",
                vec![b(), value()],
                "A saved model that cannot be used (wrong version, does not fit the config).",
            )?,
            io: make(
                py,
                "HawiyaIOError",
                vec![b(), py.get_type::<PyOSError>().into_any()],
                "Reading or writing a file failed.",
            )?,
            base,
        })
    })
}

/// Add the classes to the module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    let c = classes(py)?;
    m.add("HawiyaError", c.base.bind(py))?;
    m.add("ConfigError", c.config.bind(py))?;
    m.add("InputError", c.input.bind(py))?;
    m.add("ModelError", c.model.bind(py))?;
    m.add("HawiyaIOError", c.io.bind(py))?;
    Ok(())
}

fn new_err(py: Python<'_>, pick: impl Fn(&Classes) -> &Py<PyType>, msg: String) -> PyErr {
    match classes(py) {
        Ok(c) => PyErr::from_type(pick(c).bind(py).clone(), msg),
        Err(e) => e,
    }
}

/// A Python exception for a hawiya error.
pub fn to_py(e: hawiya::Error) -> PyErr {
    Python::attach(|py| {
        let msg = e.to_string();
        match e.kind() {
            ErrorKind::Config { .. } => new_err(py, |c| &c.config, msg),
            ErrorKind::Input { .. } => new_err(py, |c| &c.input, msg),
            ErrorKind::Model { .. } => new_err(py, |c| &c.model, msg),
            ErrorKind::Io { .. } => new_err(py, |c| &c.io, msg),
            _ => new_err(py, |c| &c.base, msg),
        }
    })
}

/// An `InputError` with this message.
pub fn input(msg: impl Into<String>) -> PyErr {
    Python::attach(|py| new_err(py, |c| &c.input, msg.into()))
}

/// A `ConfigError` with this message.
pub fn config(msg: impl Into<String>) -> PyErr {
    Python::attach(|py| new_err(py, |c| &c.config, msg.into()))
}
