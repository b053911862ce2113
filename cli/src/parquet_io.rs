//! Parquet in and out (cargo feature `parquet`): the Apache Arrow `parquet` reader into
//! the library's text [`Table`], and an Arrow writer for the command's outputs.
//!
//! Reading decodes the file batch by batch into Arrow arrays and copies each value once
//! from the Arrow buffers into the table's column (text columns are read as they are;
//! dictionary, numeric, date, timestamp and boolean columns are cast to text by
//! `arrow-cast`). A Parquet null is a missing value, as an empty CSV field is. Writing:
//! every column is text except `match_probability` and `match_weight` (float64) and the
//! rejects' `row` (int64); an empty value is written as null.

use std::fs::File;
use std::path::Path;
use std::sync::Arc;

use anyhow::{Context, Result, bail};
use arrow_array::builder::{Float64Builder, Int64Builder, StringBuilder};
use arrow_array::cast::AsArray;
use arrow_array::{Array, ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema};
use hawiya::{StrColumn, Table};
use parquet::arrow::ArrowWriter;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use parquet::basic::{Compression, ZstdLevel};
use parquet::file::properties::WriterProperties;

use crate::input::{Loaded, column_list};

/// Rows per record batch, reading and writing.
const BATCH: usize = 64 * 1024;

fn builder(path: &Path) -> Result<ParquetRecordBatchReaderBuilder<File>> {
    let file = path.display().to_string();
    let f = File::open(path).with_context(|| format!("{file}: cannot read the file"))?;
    ParquetRecordBatchReaderBuilder::try_new(f)
        .with_context(|| format!("{file}: not a readable Parquet file"))
}

/// The column names of a Parquet file.
///
/// # Errors
/// An unreadable or non-Parquet file.
pub fn header(path: &Path) -> Result<Vec<String>> {
    Ok(builder(path)?
        .schema()
        .fields()
        .iter()
        .map(|f| f.name().trim().to_string())
        .collect())
}

/// A column's chunk as text: text arrays as they are, others cast to text.
fn text(a: &ArrayRef, column: &str, file: &str) -> Result<ArrayRef> {
    Ok(match a.data_type() {
        DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View => Arc::clone(a),
        DataType::Null => arrow_array::new_null_array(&DataType::Utf8, a.len()),
        _ => arrow_cast::cast(a, &DataType::LargeUtf8).map_err(|_| {
            anyhow::anyhow!(
                "{file}: column {column:?} of type {} cannot be read as text",
                a.data_type()
            )
        })?,
    })
}

fn push_all(column: &mut StrColumn, a: &ArrayRef, name: &str, file: &str) -> Result<()> {
    let mut push = |v: Option<&str>| {
        column
            .push(v)
            .map_err(|e| anyhow::anyhow!("{file}: column {name:?}: {e}"))
    };
    match a.data_type() {
        DataType::Utf8 => a.as_string::<i32>().iter().try_for_each(&mut push),
        DataType::LargeUtf8 => a.as_string::<i64>().iter().try_for_each(&mut push),
        DataType::Utf8View => a.as_string_view().iter().try_for_each(&mut push),
        _ => (0..a.len()).try_for_each(|_| push(None)),
    }
}

/// Read a whole Parquet file into a table with `id_column` as the unique id (which must be
/// a column). Every row is a row of the table (none is unreadable: Parquet has no ragged
/// rows); the library rejects blank and repeated ids as for CSV.
///
/// # Errors
/// An unreadable file, a missing id column, a column that cannot be read as text.
pub fn read(path: &Path, id_column: &str) -> Result<Loaded> {
    let file = path.display().to_string();
    let b = builder(path)?;
    let names: Vec<String> = b
        .schema()
        .fields()
        .iter()
        .map(|f| f.name().trim().to_string())
        .collect();
    if !names.iter().any(|n| n == id_column) {
        bail!(
            "{file}: the header has no {id_column:?} column (columns: {})",
            column_list(&names)
        );
    }
    let reader = b
        .with_batch_size(BATCH)
        .build()
        .with_context(|| format!("{file}: not a readable Parquet file"))?;
    let mut columns: Vec<StrColumn> = vec![StrColumn::new(); names.len()];
    for batch in reader {
        let batch = batch.with_context(|| format!("{file}: a damaged row group"))?;
        for ((column, a), name) in columns.iter_mut().zip(batch.columns()).zip(&names) {
            let t = text(a, name, &file)?;
            push_all(column, &t, name, &file)?;
        }
    }
    let table =
        Table::from_columns(names, columns).map_err(|e| anyhow::anyhow!("{file}: header: {e}"))?;
    Ok(Loaded { table })
}

/// The Arrow type a written column gets (see the module docs).
fn column_type(name: &str) -> DataType {
    match name {
        "match_probability" | "match_weight" => DataType::Float64,
        "row" => DataType::Int64,
        _ => DataType::Utf8,
    }
}

enum ColumnBuilder {
    Text(StringBuilder),
    Float(Float64Builder),
    Int(Int64Builder),
}

/// A Parquet file written row by row (zstd-compressed row groups of [`BATCH`] rows).
pub struct Writer {
    file: String,
    schema: Arc<Schema>,
    builders: Vec<ColumnBuilder>,
    rows: usize,
    writer: ArrowWriter<File>,
}

impl Writer {
    /// Create `path` with `columns`.
    ///
    /// # Errors
    /// An unwritable path.
    pub fn create<S: AsRef<str>>(path: &Path, columns: &[S]) -> Result<Self> {
        let file = path.display().to_string();
        let fields: Vec<Field> = columns
            .iter()
            .map(|c| Field::new(c.as_ref(), column_type(c.as_ref()), true))
            .collect();
        let schema = Arc::new(Schema::new(fields));
        let f = File::create(path).with_context(|| format!("{file}: cannot write"))?;
        let props = WriterProperties::builder()
            .set_compression(Compression::ZSTD(ZstdLevel::default()))
            .build();
        let writer = ArrowWriter::try_new(f, Arc::clone(&schema), Some(props))
            .with_context(|| format!("{file}: cannot write"))?;
        let builders = columns
            .iter()
            .map(|c| match column_type(c.as_ref()) {
                DataType::Float64 => ColumnBuilder::Float(Float64Builder::new()),
                DataType::Int64 => ColumnBuilder::Int(Int64Builder::new()),
                _ => ColumnBuilder::Text(StringBuilder::new()),
            })
            .collect();
        Ok(Writer {
            file,
            schema,
            builders,
            rows: 0,
            writer,
        })
    }

    /// Append one row.
    ///
    /// # Errors
    /// A write error, or a value of a numeric column that is not a number.
    pub fn write_row<S: AsRef<str>>(&mut self, values: &[S]) -> Result<()> {
        if values.len() != self.builders.len() {
            bail!(
                "{}: {} values for {} columns",
                self.file,
                values.len(),
                self.builders.len()
            );
        }
        // Numbers are checked before any column takes a value: a refused row leaves the
        // columns aligned.
        for ((b, v), f) in self.builders.iter().zip(values).zip(self.schema.fields()) {
            let v = v.as_ref();
            let ok = match b {
                _ if v.is_empty() => true,
                ColumnBuilder::Text(_) => true,
                ColumnBuilder::Float(_) => v.parse::<f64>().is_ok(),
                ColumnBuilder::Int(_) => v.parse::<i64>().is_ok(),
            };
            if !ok {
                bail!(
                    "{}: column {:?}: {v:?} is not a number",
                    self.file,
                    f.name()
                );
            }
        }
        for (b, v) in self.builders.iter_mut().zip(values) {
            let v = v.as_ref();
            match b {
                ColumnBuilder::Text(b) if v.is_empty() => b.append_null(),
                ColumnBuilder::Text(b) => b.append_value(v),
                ColumnBuilder::Float(b) if v.is_empty() => b.append_null(),
                ColumnBuilder::Float(b) => b.append_value(v.parse().unwrap_or(f64::NAN)),
                ColumnBuilder::Int(b) if v.is_empty() => b.append_null(),
                ColumnBuilder::Int(b) => b.append_value(v.parse().unwrap_or_default()),
            }
        }
        self.rows += 1;
        if self.rows == BATCH {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<()> {
        if self.rows == 0 {
            return Ok(());
        }
        let arrays: Vec<ArrayRef> = self
            .builders
            .iter_mut()
            .map(|b| -> ArrayRef {
                match b {
                    ColumnBuilder::Text(b) => Arc::new(b.finish()),
                    ColumnBuilder::Float(b) => Arc::new(b.finish()),
                    ColumnBuilder::Int(b) => Arc::new(b.finish()),
                }
            })
            .collect();
        let batch = RecordBatch::try_new(Arc::clone(&self.schema), arrays)
            .with_context(|| format!("{}: cannot write", self.file))?;
        self.writer
            .write(&batch)
            .with_context(|| format!("{}: cannot write", self.file))?;
        self.rows = 0;
        Ok(())
    }

    /// Write the last rows and the footer.
    ///
    /// # Errors
    /// A write error.
    pub fn finish(mut self) -> Result<()> {
        self.flush()?;
        self.writer
            .close()
            .with_context(|| format!("{}: cannot write", self.file))?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_tables_read_back_with_nulls_and_numbers() {
        let dir = std::env::temp_dir().join(format!("hawiya-pq-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join("t.parquet");
        let mut w = Writer::create(&p, &["unique_id", "full_name", "match_probability"]).unwrap();
        w.write_row(&["1", "صالح الفضالة", "0.5"]).unwrap();
        w.write_row(&["2", "", "1"]).unwrap();
        assert!(w.write_row(&["3", "x", "high"]).is_err());
        w.finish().unwrap();
        assert_eq!(
            header(&p).unwrap(),
            ["unique_id", "full_name", "match_probability"]
        );
        let l = read(&p, "unique_id").unwrap();
        assert_eq!(l.table.len(), 2);
        assert_eq!(l.table.value(0, "full_name"), Some("صالح الفضالة"));
        assert_eq!(l.table.value(1, "full_name"), None);
        // A float64 column read back as text: Arrow's rendering of the number.
        assert_eq!(l.table.value(1, "match_probability"), Some("1.0"));
        let e = read(&p, "id").unwrap_err().to_string();
        assert!(e.contains("t.parquet") && e.contains("\"id\""), "{e}");
        std::fs::write(dir.join("bad.parquet"), b"not parquet").unwrap();
        let e = read(&dir.join("bad.parquet"), "unique_id")
            .unwrap_err()
            .to_string();
        assert!(e.contains("bad.parquet"), "{e}");
        std::fs::remove_dir_all(&dir).ok();
    }
}
