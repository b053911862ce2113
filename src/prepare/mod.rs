//! Preparation: every configured field of every record normalised once, column by column
//! and in parallel, into compact typed columns that blocking, scoring and the index reuse.
//!
//! Owns: one [`Column`] per field, an enum with one variant per field kind; each kind's
//! module holds three parts — preparing values, the blocking key parts they give
//! ([`KeyPart`](crate::KeyPart)), and comparing two records into a level — and counts its
//! nulls and value frequencies.
//! Must not know: blocking rules, models or weights (`block` composes keys into rules,
//! `score` turns levels and frequencies into weights).

mod categorical;
mod column;
mod interner;
mod name;
mod parsed;
mod text;

pub(crate) use column::Column;

use crate::core::{Level, LevelSpec};
use crate::ingest::Records;
use crate::schema::{Config, FieldConfig};

/// Every configured field of a set of records, prepared.
pub(crate) struct PreparedDataset {
    pub(crate) columns: Vec<Column>,
    pub(crate) n: usize,
}

impl std::fmt::Debug for PreparedDataset {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PreparedDataset")
            .field("records", &self.n)
            .field("fields", &self.columns.len())
            .finish()
    }
}

impl PreparedDataset {
    /// Prepare the configured fields of `columns` (one slice of raw values per field, in
    /// config order, all of the same length).
    pub(crate) fn build(config: &Config, columns: &[Vec<Option<&str>>]) -> Self {
        let n = columns.first().map_or(0, Vec::len);
        let columns = config
            .fields
            .iter()
            .zip(columns)
            .map(|(f, raw)| Column::build(f, raw))
            .collect();
        PreparedDataset { columns, n }
    }

    /// Prepare the records of a run.
    pub(crate) fn from_records(config: &Config, records: &Records<'_>) -> Self {
        let values: Vec<Vec<Option<std::borrow::Cow<'_, str>>>> = config
            .fields
            .iter()
            .map(|f| records.field_values(f))
            .collect();
        let columns: Vec<Vec<Option<&str>>> = values
            .iter()
            .map(|v| v.iter().map(Option::as_deref).collect())
            .collect();
        Self::build(config, &columns)
    }

    /// A one-record dataset from `(column, value)` pairs; missing columns are nulls, and
    /// fields over several columns are composed as in a table.
    pub(crate) fn build_record(config: &Config, record: &[(&str, &str)]) -> Self {
        let values: Vec<_> = config
            .fields
            .iter()
            .map(|f| f.value(|c| record.iter().find(|(k, _)| *k == c).map(|(_, v)| *v)))
            .collect();
        let columns: Vec<Vec<Option<&str>>> = values.iter().map(|v| vec![v.as_deref()]).collect();
        Self::build(config, &columns)
    }

    /// Append one record given as `(column, value)` pairs (as [`Self::build_record`]).
    pub(crate) fn push_record(&mut self, config: &Config, record: &[(&str, &str)]) {
        for (f, column) in config.fields.iter().zip(&mut self.columns) {
            let value = f.value(|c| record.iter().find(|(k, _)| *k == c).map(|(_, v)| *v));
            column.extend(&[value.as_deref()]);
        }
        self.n += 1;
    }

    /// The prepared column of field `i`.
    pub(crate) fn column(&self, i: usize) -> &Column {
        &self.columns[i]
    }

    /// Number of fields.
    pub(crate) fn width(&self) -> usize {
        self.columns.len()
    }

    /// The comparison vector of records `a` and `b`.
    pub(crate) fn compare_into(
        &self,
        a: usize,
        other: &PreparedDataset,
        b: usize,
        out: &mut [Level],
    ) {
        for ((slot, f), g) in out.iter_mut().zip(&self.columns).zip(&other.columns) {
            *slot = f.compare(a, g, b);
        }
    }

    /// Level of field `i` for record `a` of `self` and record `b` of `other`.
    pub(crate) fn compare_field(
        &self,
        i: usize,
        a: usize,
        other: &PreparedDataset,
        b: usize,
    ) -> Level {
        self.columns[i].compare(a, &other.columns[i], b)
    }
}

/// The comparison levels of `field`, strongest first (they do not depend on the data).
pub(crate) fn level_specs(field: &FieldConfig) -> Vec<LevelSpec> {
    Column::build(field, &[]).level_specs()
}
