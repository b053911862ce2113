//! [`Records`]: the usable rows of one or two tables, with their unique ids, where each came
//! from, and every other row rejected with a reason.

use std::borrow::Cow;
use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::{Table, too_long};
use crate::schema::{Config, FieldConfig};
use crate::{Error, MAX_FIELD_CHARS, Result};

/// A row of the input that was not matched, with the reason (never the personal data).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowReject {
    /// Which input: 0 for dedupe and the left side of a link, 1 for the right side.
    pub source: u8,
    /// 0-based row index in that input.
    pub row: usize,
    /// The row's unique id (may be empty).
    pub unique_id: String,
    /// Why it was rejected.
    pub reason: String,
}

/// The records of a run: every row of one table (dedupe) or two (link), checked once.
///
/// A row is rejected — with a reason naming the field, never its value — when the reader
/// could not use it ([`Table::push_unreadable`]), its unique id is blank or repeats an
/// earlier row of the same table, or a configured field holds more than
/// [`MAX_FIELD_CHARS`] characters. The other rows are the records, kept in the order of
/// (source, unique id) rather than of the rows: sampling, blocking windows and tie-breaks
/// then give the same clusters whatever the row order.
///
/// ```
/// use hawiya::{Config, FieldConfig, FieldKind, Records, Table};
/// # fn main() -> hawiya::Result<()> {
/// let mut t = Table::new(vec!["unique_id".into(), "full_name".into()])?;
/// t.push_row(&["b", "Saleh Al-Fadhala"])?;
/// t.push_row(&["a", "صالح الفضالة"])?;
/// t.push_row(&["a", "Mona Haddad"])?;
/// t.push_row(&["", "Omar"])?;
/// let config = Config::new(vec![FieldConfig::new("full_name", FieldKind::Name)]);
/// let records = Records::new(&config, &[&t])?;
/// assert_eq!(records.ids(), ["a", "b"]); // ordered by unique id
/// assert_eq!(records.origin(0), (0, 1));
/// let reasons: Vec<_> = records.rejects().iter().map(|r| (r.row, r.reason.as_str())).collect();
/// assert_eq!(reasons, [(2, "duplicate unique_id (first at row 2)"), (3, "empty unique_id")]);
/// # Ok(()) }
/// ```
#[derive(Clone, Debug)]
pub struct Records<'a> {
    tables: Vec<&'a Table>,
    /// (source, row) of each record.
    origin: Vec<(u8, usize)>,
    ids: Vec<String>,
    rejects: Vec<RowReject>,
    rows: usize,
}

impl<'a> Records<'a> {
    /// Check the rows of `tables` (one for dedupe, two for link) against `config`.
    ///
    /// # Errors
    /// An input error naming the input when a table lacks the id column or a configured
    /// column, or when more than two tables are given.
    pub fn new(config: &Config, tables: &[&'a Table]) -> Result<Self> {
        if tables.is_empty() || tables.len() > 2 {
            return Err(Error::input(
                None,
                None,
                None,
                format!("{} inputs: give one (dedupe) or two (link)", tables.len()),
            ));
        }
        let idc = &config.id_column;
        for (s, t) in tables.iter().enumerate() {
            let input = format!("input {}", s + 1);
            if t.column(idc).is_none() {
                return Err(Error::input(
                    Some(&input),
                    None,
                    Some(idc),
                    "the id column is missing",
                ));
            }
            if let Some(c) = config
                .fields
                .iter()
                .flat_map(FieldConfig::columns)
                .find(|c| t.column(c).is_none())
            {
                return Err(Error::input(
                    Some(&input),
                    None,
                    Some(c),
                    "a configured column is missing",
                ));
            }
        }
        let mut records = Records {
            tables: tables.to_vec(),
            origin: Vec::new(),
            ids: Vec::new(),
            rejects: Vec::new(),
            rows: 0,
        };
        for (s, t) in tables.iter().enumerate() {
            let mut seen = HashMap::new();
            records.rows += t.len();
            for row in 0..t.len() {
                let reject = |id: String, reason: String| RowReject {
                    source: s as u8,
                    row,
                    unique_id: id,
                    reason,
                };
                if let Some((_, id, reason)) = t.unreadable_entry(row) {
                    records.rejects.push(reject(id.clone(), reason.clone()));
                    continue;
                }
                let id = t.value(row, idc).unwrap_or("").trim().to_string();
                let problem = match seen.get(&id) {
                    Some(first) if !id.is_empty() => Some(Self::duplicate_reason(config, *first)),
                    _ => Self::row_problem(config, t, row),
                };
                match problem {
                    Some(reason) => records.rejects.push(reject(id, reason)),
                    None => {
                        seen.insert(id.clone(), row);
                        records.origin.push((s as u8, row));
                        records.ids.push(id);
                    }
                }
            }
        }
        let mut order: Vec<usize> = (0..records.ids.len()).collect();
        order.sort_unstable_by(|&a, &b| {
            (records.origin[a].0, &records.ids[a]).cmp(&(records.origin[b].0, &records.ids[b]))
        });
        records.origin = order.iter().map(|&i| records.origin[i]).collect();
        records.ids = order
            .into_iter()
            .map(|i| std::mem::take(&mut records.ids[i]))
            .collect();
        Ok(records)
    }

    /// Why row `row` of `table` is rejected whatever the other rows hold: a blank unique
    /// id, or a configured field longer than [`MAX_FIELD_CHARS`] characters. `None` for a
    /// row that is a record unless its id repeats an earlier record's
    /// ([`Records::duplicate_reason`]).
    ///
    /// ```
    /// use hawiya::{Config, FieldConfig, FieldKind, Records, Table};
    /// # fn main() -> hawiya::Result<()> {
    /// let mut t = Table::new(vec!["unique_id".into(), "full_name".into()])?;
    /// t.push_row(&["a", "Mona Haddad"])?;
    /// t.push_row(&[" ", "Omar"])?;
    /// let config = Config::new(vec![FieldConfig::new("full_name", FieldKind::Name)]);
    /// assert_eq!(Records::row_problem(&config, &t, 0), None);
    /// assert_eq!(Records::row_problem(&config, &t, 1).as_deref(), Some("empty unique_id"));
    /// # Ok(()) }
    /// ```
    pub fn row_problem(config: &Config, table: &Table, row: usize) -> Option<String> {
        let idc = &config.id_column;
        if table.value(row, idc).unwrap_or("").trim().is_empty() {
            return Some(format!("empty {idc}"));
        }
        config
            .fields
            .iter()
            .flat_map(FieldConfig::columns)
            .find(|c| too_long(table.value(row, c).unwrap_or("")))
            .map(|c| format!("field {c:?}: longer than {MAX_FIELD_CHARS} characters"))
    }

    /// The reason given to a row whose unique id repeats that of the record at 0-based row
    /// `first` of the same table (the record keeps it; rows with a problem of their own
    /// ([`Records::row_problem`]) never hold an id).
    ///
    /// ```
    /// let config = hawiya::Config::new(vec![]);
    /// assert_eq!(hawiya::Records::duplicate_reason(&config, 1), "duplicate unique_id (first at row 2)");
    /// ```
    pub fn duplicate_reason(config: &Config, first: usize) -> String {
        format!(
            "duplicate {} (first at row {})",
            config.id_column,
            first + 1
        )
    }

    /// Number of usable records.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Whether no row is usable.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// Input rows, usable or not, over all tables.
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// Unique ids of the records, in record order.
    pub fn ids(&self) -> &[String] {
        &self.ids
    }

    /// Source (0 = dedupe / left, 1 = right) and 0-based row of record `i`.
    pub fn origin(&self, i: usize) -> (u8, usize) {
        self.origin[i]
    }

    /// The rejected rows, in input order.
    pub fn rejects(&self) -> &[RowReject] {
        &self.rejects
    }

    /// Number of records from the left table (all of them for dedupe).
    pub fn left_len(&self) -> usize {
        self.origin.iter().filter(|(s, _)| *s == 0).count()
    }

    /// Whether the records come from two tables.
    pub fn is_link(&self) -> bool {
        self.tables.len() == 2
    }

    /// The value of `field` for every record, in record order: borrowed from the tables,
    /// or composed from several columns for a field with `parts` or `also`.
    pub(crate) fn field_values(&self, field: &FieldConfig) -> Vec<Option<Cow<'a, str>>> {
        let tables = &self.tables;
        self.origin
            .iter()
            .map(|&(s, r)| {
                let t: &'a Table = tables[usize::from(s)];
                field.value(|c| t.value(r, c))
            })
            .collect()
    }

    /// Split into the parts a result keeps: (origin, ids, rejects).
    pub(crate) fn into_parts(self) -> (Vec<(u8, usize)>, Vec<String>, Vec<RowReject>) {
        (self.origin, self.ids, self.rejects)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::FieldKind;

    fn config() -> Config {
        let mut name = FieldConfig::new("first", FieldKind::Name);
        name.parts = vec!["last".into()];
        Config::new(vec![name, FieldConfig::new("dob", FieldKind::Date)])
    }

    fn table(rows: &[[&str; 4]]) -> Table {
        let mut t = Table::new(
            ["unique_id", "first", "last", "dob"]
                .map(String::from)
                .to_vec(),
        )
        .unwrap();
        for r in rows {
            t.push_row(r).unwrap();
        }
        t
    }

    #[test]
    fn every_row_is_a_record_or_a_reject() {
        let long = "x".repeat(MAX_FIELD_CHARS + 1);
        let mut t = table(&[
            ["3", "Saleh", "Al-Fadhala", "1985-07-01"],
            [" ", "Omar", "", ""],
            ["1", "Mona", "Haddad", ""],
            ["3", "Ali", "", ""],
            ["2", "Ali", &long, ""],
        ]);
        t.push_unreadable("9", "row has 5 fields, the header has 4")
            .unwrap();
        let r = Records::new(&config(), &[&t]).unwrap();
        assert_eq!(r.rows(), 6);
        assert_eq!(r.len() + r.rejects().len(), 6);
        assert_eq!(r.ids(), ["1", "3"]);
        assert_eq!((r.origin(0), r.origin(1)), ((0, 2), (0, 0)));
        let reasons: Vec<(usize, &str, &str)> = r
            .rejects()
            .iter()
            .map(|x| (x.row, x.unique_id.as_str(), x.reason.as_str()))
            .collect();
        assert_eq!(
            reasons,
            [
                (1, "", "empty unique_id"),
                (3, "3", "duplicate unique_id (first at row 1)"),
                (4, "2", "field \"last\": longer than 512 characters"),
                (5, "9", "row has 5 fields, the header has 4"),
            ]
        );
        let names = r.field_values(&config().fields[0]);
        assert_eq!(names[0].as_deref(), Some("Mona Haddad"));
        assert_eq!(names[1].as_deref(), Some("Saleh Al-Fadhala"));
    }

    #[test]
    fn a_limit_of_exactly_max_characters_is_kept() {
        let max = "ص".repeat(MAX_FIELD_CHARS);
        let t = table(&[["1", &max, "", ""]]);
        assert_eq!(Records::new(&config(), &[&t]).unwrap().len(), 1);
    }

    #[test]
    fn link_records_come_left_first_and_ids_repeat_across_sides() {
        let l = table(&[["b", "Omar", "", ""], ["a", "Ali", "", ""]]);
        let r = table(&[["a", "Ali", "", ""]]);
        let recs = Records::new(&config(), &[&l, &r]).unwrap();
        assert!(recs.is_link());
        assert_eq!(recs.ids(), ["a", "b", "a"]);
        assert_eq!(recs.left_len(), 2);
        assert_eq!(recs.origin(2), (1, 0));
    }

    #[test]
    fn missing_columns_name_the_input() {
        let t = Table::new(vec!["unique_id".into(), "first".into()]).unwrap();
        let e = Records::new(&config(), &[&t]).unwrap_err().to_string();
        assert!(e.contains("input 1") && e.contains("last"), "{e}");
        let t = Table::new(vec!["id".into()]).unwrap();
        let e = Records::new(&config(), &[&t]).unwrap_err().to_string();
        assert!(e.contains("unique_id"), "{e}");
        assert!(Records::new(&config(), &[]).is_err());
    }
}
