//! Tables in and out by file name: a path ending in `.parquet` is Parquet (with the cargo
//! feature `parquet`, on by default), anything else CSV.

use std::path::Path;

use anyhow::{Context, Result};

use crate::input::{Decoded, InputOptions, Loaded, Reject, decode_file};

/// Whether `path` names a Parquet file (its extension, case-insensitive).
pub fn is_parquet(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("parquet"))
}

/// An input file opened for reading: its header first (to infer a config), then its rows.
pub enum Input {
    /// A CSV file, decoded.
    Csv(Decoded),
    /// A Parquet file (read when parsed).
    Parquet {
        /// The file's name, for messages.
        file: String,
        /// The path.
        path: std::path::PathBuf,
        /// Its column names.
        header: Vec<String>,
    },
}

impl Input {
    /// Open `path`: Parquet by extension, else CSV decoded with `opts`.
    ///
    /// # Errors
    /// An unreadable file.
    pub fn open(path: &Path, opts: &InputOptions) -> Result<Input> {
        if is_parquet(path) {
            return Ok(Input::Parquet {
                file: path.display().to_string(),
                path: path.to_path_buf(),
                header: parquet_header(path)?,
            });
        }
        Ok(Input::Csv(decode_file(path, opts)?))
    }

    /// The file's name, for messages.
    pub fn file(&self) -> &str {
        match self {
            Input::Csv(d) => &d.file,
            Input::Parquet { file, .. } => file,
        }
    }

    /// The column names.
    ///
    /// # Errors
    /// An empty CSV file.
    pub fn header(&self) -> Result<Vec<String>> {
        match self {
            Input::Csv(d) => d.header(),
            Input::Parquet { header, .. } => Ok(header.clone()),
        }
    }

    /// Every data row, with `id_column` as the unique id.
    ///
    /// # Errors
    /// As [`crate::input::parse_csv`], or an unreadable Parquet file.
    pub fn parse(&self, id_column: &str) -> Result<Loaded> {
        match self {
            Input::Csv(d) => d.parse(id_column),
            Input::Parquet { path, .. } => read_parquet(path, id_column),
        }
    }
}

#[cfg(feature = "parquet")]
fn parquet_header(path: &Path) -> Result<Vec<String>> {
    crate::parquet_io::header(path)
}

#[cfg(not(feature = "parquet"))]
fn parquet_header(path: &Path) -> Result<Vec<String>> {
    anyhow::bail!(
        "{}: Parquet needs the `parquet` feature of hawiya-cli (on by default)",
        path.display()
    )
}

/// Read a whole table: Parquet by extension, else CSV with `opts`.
///
/// # Errors
/// As [`crate::input::read_csv`], or an unreadable Parquet file.
pub fn read_table(path: &Path, opts: &InputOptions, id_column: &str) -> Result<Loaded> {
    if is_parquet(path) {
        return read_parquet(path, id_column);
    }
    decode_file(path, opts)?.parse(id_column)
}

#[cfg(feature = "parquet")]
fn read_parquet(path: &Path, id_column: &str) -> Result<Loaded> {
    crate::parquet_io::read(path, id_column)
}

#[cfg(not(feature = "parquet"))]
fn read_parquet(path: &Path, _id_column: &str) -> Result<Loaded> {
    anyhow::bail!(
        "{}: Parquet needs the `parquet` feature of hawiya-cli (on by default)",
        path.display()
    )
}

/// Create the folders above an output path that do not exist yet (`--output out/x.csv`
/// works without a `mkdir out` first).
///
/// # Errors
/// A folder that cannot be created, named in the message.
pub fn create_parent(path: &Path) -> Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("{}: cannot create the folder", dir.display()))?;
    }
    Ok(())
}

/// Write a whole output file (a model, a report), creating its folder first.
///
/// # Errors
/// An unwritable path, named in the message.
pub fn write_file(path: &Path, contents: impl AsRef<[u8]>) -> Result<()> {
    create_parent(path)?;
    std::fs::write(path, contents).with_context(|| format!("{}: cannot write", path.display()))
}

/// A table being written row by row: CSV, or Parquet (all columns text) when the path
/// ends in `.parquet`.
pub struct TableWriter {
    inner: Sink,
    path: String,
}

enum Sink {
    Csv(csv::Writer<std::fs::File>),
    #[cfg(feature = "parquet")]
    Parquet(crate::parquet_io::Writer),
}

impl TableWriter {
    /// Create `path` with the header `columns`.
    ///
    /// # Errors
    /// An unwritable path.
    pub fn create<S: AsRef<str>>(path: &Path, columns: &[S]) -> Result<Self> {
        let name = path.display().to_string();
        create_parent(path)?;
        let inner = if is_parquet(path) {
            parquet_sink(path, columns)?
        } else {
            let mut w =
                csv::Writer::from_path(path).with_context(|| format!("{name}: cannot write"))?;
            w.write_record(columns.iter().map(AsRef::as_ref))
                .with_context(|| format!("{name}: cannot write"))?;
            Sink::Csv(w)
        };
        Ok(TableWriter { inner, path: name })
    }

    /// Append one row (as many values as columns).
    ///
    /// # Errors
    /// A write error.
    pub fn write_row<S: AsRef<str>>(&mut self, values: &[S]) -> Result<()> {
        match &mut self.inner {
            Sink::Csv(w) => w
                .write_record(values.iter().map(AsRef::as_ref))
                .with_context(|| format!("{}: cannot write", self.path)),
            #[cfg(feature = "parquet")]
            Sink::Parquet(w) => w.write_row(values),
        }
    }

    /// Flush and close the file.
    ///
    /// # Errors
    /// A write error.
    pub fn finish(self) -> Result<()> {
        match self.inner {
            Sink::Csv(mut w) => w
                .flush()
                .with_context(|| format!("{}: cannot write", self.path)),
            #[cfg(feature = "parquet")]
            Sink::Parquet(w) => w.finish(),
        }
    }
}

#[cfg(feature = "parquet")]
fn parquet_sink<S: AsRef<str>>(path: &Path, columns: &[S]) -> Result<Sink> {
    Ok(Sink::Parquet(crate::parquet_io::Writer::create(
        path, columns,
    )?))
}

#[cfg(not(feature = "parquet"))]
fn parquet_sink<S: AsRef<str>>(path: &Path, _columns: &[S]) -> Result<Sink> {
    anyhow::bail!(
        "{}: Parquet needs the `parquet` feature of hawiya-cli (on by default)",
        path.display()
    )
}

/// Write a rejects file (`row,unique_id,reason`): Parquet when `path` ends in `.parquet`,
/// else CSV.
///
/// # Errors
/// An unwritable path.
pub fn write_rejects(path: &Path, rejects: &[Reject]) -> Result<()> {
    write_rejects_as(path, rejects, "unique_id")
}

/// [`write_rejects`] with another name for the id column (`row,id,reason` for inputs whose
/// id column is `id`, as `search` reads).
///
/// # Errors
/// An unwritable path.
pub fn write_rejects_as(path: &Path, rejects: &[Reject], id_column: &str) -> Result<()> {
    let mut w = TableWriter::create(path, &["row", id_column, "reason"])?;
    for r in rejects {
        w.write_row(&[r.row.to_string().as_str(), &r.unique_id, &r.reason])?;
    }
    w.finish()
}
