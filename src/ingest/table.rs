//! A compact column-oriented table of text values: the input of the engine, whatever the
//! source (CSV, Arrow/pandas/polars through the Python bindings, Rust structs).
//!
//! Each column stores its values in one `String` with offsets (no allocation per value).
//! An empty or whitespace-only value is a null. Rows a reader could not use keep their
//! place as *unreadable* rows with a reason, so that row numbers stay those of the input.

use crate::{Error, Result};

/// One column of text values.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StrColumn {
    data: String,
    offsets: Vec<u32>,
}

impl StrColumn {
    /// An empty column.
    pub fn new() -> Self {
        StrColumn {
            data: String::new(),
            offsets: vec![0],
        }
    }

    /// Append a value (`None` or blank = null).
    ///
    /// # Errors
    /// An input error when the column would exceed 4 GiB of text.
    pub fn push(&mut self, value: Option<&str>) -> Result<()> {
        if let Some(v) = value {
            self.data.push_str(v);
        }
        let end = u32::try_from(self.data.len()).map_err(|_| {
            Error::input(
                None,
                Some(self.len() as u64 + 1),
                None,
                "column holds more than 4 GiB of text",
            )
        })?;
        self.offsets.push(end);
        Ok(())
    }

    /// Number of values.
    pub fn len(&self) -> usize {
        self.offsets.len() - 1
    }

    /// Whether the column has no values.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The raw value of row `i` (may be blank); `""` for out-of-range rows.
    pub fn raw(&self, i: usize) -> &str {
        match (self.offsets.get(i), self.offsets.get(i + 1)) {
            (Some(&a), Some(&b)) => &self.data[a as usize..b as usize],
            _ => "",
        }
    }

    /// The value of row `i`, `None` when blank or out of range.
    pub fn get(&self, i: usize) -> Option<&str> {
        let v = self.raw(i);
        (!v.trim().is_empty()).then_some(v)
    }
}

impl<'a> FromIterator<Option<&'a str>> for StrColumn {
    /// Collect values; a column over 4 GiB keeps its first 4 GiB of values.
    fn from_iter<T: IntoIterator<Item = Option<&'a str>>>(iter: T) -> Self {
        let mut c = StrColumn::new();
        for v in iter {
            if c.push(v).is_err() {
                break;
            }
        }
        c
    }
}

/// Named text columns of equal length.
///
/// ```
/// use hawiya::Table;
/// # fn main() -> hawiya::Result<()> {
/// let mut t = Table::new(vec!["unique_id".into(), "full_name".into()])?;
/// t.push_row(&["r1", "صالح الفضالة"])?;
/// t.push_row(&["r2", ""])?;
/// assert_eq!(t.len(), 2);
/// assert_eq!(t.value(0, "full_name"), Some("صالح الفضالة"));
/// assert_eq!(t.value(1, "full_name"), None);
/// # Ok(()) }
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Table {
    names: Vec<String>,
    columns: Vec<StrColumn>,
    rows: usize,
    /// Rows the reader could not use, with the reason (row index, unique id, reason), in
    /// row order: they keep their place in the input but hold no values.
    unreadable: Vec<(usize, String, String)>,
}

impl Table {
    /// An empty table with these column names.
    ///
    /// # Errors
    /// An input error for a blank or duplicated column name.
    pub fn new(names: Vec<String>) -> Result<Self> {
        for (i, n) in names.iter().enumerate() {
            if n.trim().is_empty() {
                return Err(Error::input(
                    None,
                    None,
                    None,
                    format!("column {} has an empty name", i + 1),
                ));
            }
            if names[..i].contains(n) {
                return Err(Error::input(
                    None,
                    None,
                    Some(n),
                    "column name appears twice in the header",
                ));
            }
        }
        let columns = names.iter().map(|_| StrColumn::new()).collect();
        Ok(Table {
            names,
            columns,
            rows: 0,
            unreadable: Vec::new(),
        })
    }

    /// Build from whole columns.
    ///
    /// # Errors
    /// An input error when names and columns differ in number, columns differ in length,
    /// or names are blank or duplicated.
    pub fn from_columns(names: Vec<String>, columns: Vec<StrColumn>) -> Result<Self> {
        let mut t = Table::new(names)?;
        if columns.len() != t.names.len() {
            return Err(Error::input(
                None,
                None,
                None,
                "number of columns and names differ",
            ));
        }
        let rows = columns.first().map_or(0, StrColumn::len);
        if let Some((i, _)) = columns.iter().enumerate().find(|(_, c)| c.len() != rows) {
            return Err(Error::input(
                None,
                None,
                Some(&t.names[i]),
                "columns have different lengths",
            ));
        }
        t.columns = columns;
        t.rows = rows;
        Ok(t)
    }

    /// Append one row (one value per column, in column order).
    ///
    /// # Errors
    /// An input error when the row has the wrong number of values.
    pub fn push_row<S: AsRef<str>>(&mut self, values: &[S]) -> Result<()> {
        if values.len() != self.columns.len() {
            return Err(Error::input(
                None,
                Some(self.rows as u64 + 1),
                None,
                format!(
                    "row has {} values, the header has {}",
                    values.len(),
                    self.columns.len()
                ),
            ));
        }
        for (c, v) in self.columns.iter_mut().zip(values) {
            c.push(Some(v.as_ref()))?;
        }
        self.rows += 1;
        Ok(())
    }

    /// Append a row the reader could not use (a ragged or undecodable line, say): it keeps
    /// its place in the input, holds no values, and is rejected with `reason` by
    /// [`crate::Records`], so every input row is accounted for in the output.
    /// `unique_id` is the row's id when it could be read (else empty).
    ///
    /// ```
    /// use hawiya::Table;
    /// # fn main() -> hawiya::Result<()> {
    /// let mut t = Table::new(vec!["unique_id".into(), "full_name".into()])?;
    /// t.push_row(&["r1", "Mona Haddad"])?;
    /// t.push_unreadable("r2", "row has 3 fields, the header has 2")?;
    /// assert_eq!(t.len(), 2);
    /// assert_eq!(t.unreadable(1), Some(("r2", "row has 3 fields, the header has 2")));
    /// assert_eq!(t.unreadable(0), None);
    /// assert_eq!(t.value(1, "full_name"), None);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// As [`Table::push_row`] (never, in practice: the row holds no text).
    pub fn push_unreadable(
        &mut self,
        unique_id: impl Into<String>,
        reason: impl Into<String>,
    ) -> Result<()> {
        for c in &mut self.columns {
            c.push(None)?;
        }
        self.unreadable
            .push((self.rows, unique_id.into(), reason.into()));
        self.rows += 1;
        Ok(())
    }

    /// The unique id (may be empty) and the reason of row `row` when it could not be read
    /// ([`Table::push_unreadable`]); `None` for a row with values.
    pub fn unreadable(&self, row: usize) -> Option<(&str, &str)> {
        self.unreadable_entry(row)
            .map(|e| (e.1.as_str(), e.2.as_str()))
    }

    /// The unreadable row `row`: (row, unique id, reason).
    pub(crate) fn unreadable_entry(&self, row: usize) -> Option<&(usize, String, String)> {
        self.unreadable
            .binary_search_by_key(&row, |e| e.0)
            .ok()
            .map(|i| &self.unreadable[i])
    }

    /// Number of unreadable rows.
    pub fn unreadable_count(&self) -> usize {
        self.unreadable.len()
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.rows
    }

    /// Whether the table has no rows.
    pub fn is_empty(&self) -> bool {
        self.rows == 0
    }

    /// Column names.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// The column called `name`.
    pub fn column(&self, name: &str) -> Option<&StrColumn> {
        self.names
            .iter()
            .position(|n| n == name)
            .map(|i| &self.columns[i])
    }

    /// The value at `row` of column `name` (`None` when blank or unknown).
    pub fn value(&self, row: usize, name: &str) -> Option<&str> {
        self.column(name).and_then(|c| c.get(row))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_problems_are_reported() {
        assert!(
            Table::new(vec!["a".into(), "a".into()])
                .unwrap_err()
                .to_string()
                .contains("twice")
        );
        assert!(Table::new(vec![" ".into()]).is_err());
        let mut t = Table::new(vec!["a".into(), "b".into()]).unwrap();
        let e = t.push_row(&["1"]).unwrap_err().to_string();
        assert!(e.contains("row 1") && e.contains("1 values"), "{e}");
    }

    #[test]
    fn columns_round_trip() {
        let a: StrColumn = [Some("x"), None, Some("  "), Some("محمد")]
            .into_iter()
            .collect();
        assert_eq!(a.len(), 4);
        assert_eq!(
            (a.get(0), a.get(1), a.get(2), a.get(3)),
            (Some("x"), None, None, Some("محمد"))
        );
        assert_eq!(a.raw(9), "");
        let t = Table::from_columns(vec!["a".into()], vec![a]).unwrap();
        assert_eq!(t.len(), 4);
        let b: StrColumn = [Some("x")].into_iter().collect();
        let c: StrColumn = [Some("x"), Some("y")].into_iter().collect();
        assert!(Table::from_columns(vec!["b".into(), "c".into()], vec![b, c]).is_err());
    }
}
