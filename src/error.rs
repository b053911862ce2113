//! The one error type of the crate.
//!
//! Only configuration, input reading and model loading fail. Normalising, parsing and
//! scoring names and fields are total functions: what they cannot interpret passes
//! through flagged (or becomes a null value with a reason), it never becomes an error.

use std::fmt;
use std::path::PathBuf;

/// A specialised `Result` whose error is [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// An error from hawiya. Cheap to move (one pointer); inspect it with [`Error::kind`].
#[derive(Debug)]
pub struct Error(Box<ErrorKind>);

/// What went wrong, with the context needed to find it (file, row, field).
///
/// Messages name the place and the kind of problem, never the personal data itself.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ErrorKind {
    /// Reading or writing a file failed.
    #[error("i/o error{}: {source}", path_suffix(.path))]
    Io {
        /// The file involved, when known.
        path: Option<PathBuf>,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// A configuration value is invalid (unknown key, bad threshold, missing column …).
    #[error("invalid config: {key}: {message}")]
    Config {
        /// The offending key or path in the config, e.g. `fields[2].kind`.
        key: String,
        /// What was wrong, lowercase.
        message: String,
    },
    /// An input record or file is unusable.
    #[error("bad input{}{}{}: {message}", file_part(.file), row_part(.row), field_part(.field))]
    Input {
        /// The file, when the input came from one.
        file: Option<String>,
        /// 1-based data row number (header excluded), when the problem is in one row.
        row: Option<u64>,
        /// The column / field name, when the problem is in one field.
        field: Option<String>,
        /// What was wrong, lowercase.
        message: String,
    },
    /// A saved model cannot be used (wrong version, inconsistent parameters).
    #[error("invalid model: {message}")]
    Model {
        /// What was wrong, lowercase.
        message: String,
    },
}

fn path_suffix(p: &Option<PathBuf>) -> String {
    p.as_ref()
        .map(|p| format!(" ({})", p.display()))
        .unwrap_or_default()
}
fn file_part(f: &Option<String>) -> String {
    f.as_ref().map(|f| format!(" in {f}")).unwrap_or_default()
}
fn row_part(r: &Option<u64>) -> String {
    r.map(|r| format!(", row {r}")).unwrap_or_default()
}
fn field_part(f: &Option<String>) -> String {
    f.as_ref()
        .map(|f| format!(", field {f:?}"))
        .unwrap_or_default()
}

impl Error {
    /// The kind of error, with its context.
    pub fn kind(&self) -> &ErrorKind {
        &self.0
    }

    /// Consume the error and return its kind.
    pub fn into_kind(self) -> ErrorKind {
        *self.0
    }

    /// A configuration error for `key`.
    pub fn config(key: impl Into<String>, message: impl Into<String>) -> Self {
        ErrorKind::Config {
            key: key.into(),
            message: message.into(),
        }
        .into()
    }

    /// An input error with optional file, row and field.
    pub fn input(
        file: Option<&str>,
        row: Option<u64>,
        field: Option<&str>,
        message: impl Into<String>,
    ) -> Self {
        ErrorKind::Input {
            file: file.map(str::to_owned),
            row,
            field: field.map(str::to_owned),
            message: message.into(),
        }
        .into()
    }

    /// A model error.
    pub fn model(message: impl Into<String>) -> Self {
        ErrorKind::Model {
            message: message.into(),
        }
        .into()
    }

    /// An i/o error on `path`.
    pub fn io(path: Option<PathBuf>, source: std::io::Error) -> Self {
        ErrorKind::Io { path, source }.into()
    }
}

impl From<ErrorKind> for Error {
    fn from(kind: ErrorKind) -> Self {
        Error(Box::new(kind))
    }
}

impl From<std::io::Error> for Error {
    fn from(source: std::io::Error) -> Self {
        Error::io(None, source)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        std::error::Error::source(&*self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn input_error_names_file_row_and_field() {
        let e = Error::input(Some("people.csv"), Some(7), Some("dob"), "unparseable date");
        assert_eq!(
            e.to_string(),
            "bad input in people.csv, row 7, field \"dob\": unparseable date"
        );
        assert!(matches!(e.kind(), ErrorKind::Input { row: Some(7), .. }));
    }

    #[test]
    fn config_error_message() {
        let e = Error::config("fields[0].kind", "unknown kind `nam`");
        assert_eq!(
            e.to_string(),
            "invalid config: fields[0].kind: unknown kind `nam`"
        );
    }

    #[test]
    fn error_is_small_and_thread_safe() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Error>();
        assert_eq!(std::mem::size_of::<Error>(), std::mem::size_of::<usize>());
    }
}
