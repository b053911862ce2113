//! `PreparedDataset`: every record's fields normalised once, column-wise, in parallel,
//! into compact features that blocking, scoring and the query index reuse.
//!
//! Each configured field becomes one [`FieldData`] column. The engine sees only this trait:
//! how a kind is parsed, compared, keyed for blocking and counted for term frequencies
//! lives in the column type of that kind.

use std::any::Any;
use std::collections::HashMap;

#[cfg(feature = "parallel")]
use rayon::prelude::*;

use crate::rng::hash_bytes;
use crate::schema::{CategoricalValues, Config, FieldConfig, FieldKind, KeyPart};
use crate::score::{Level, LevelSpec, SimilarityLevels};
use crate::similarity::jaro::jaro_winkler;

/// Longest value (in characters) a field may hold. Longer values make the row rejected:
/// no registry name or identifier is that long, and bounding it bounds the cost of every
/// comparison.
pub const MAX_FIELD_CHARS: usize = 512;

/// One prepared column.
pub(crate) trait FieldData: Send + Sync + Any {
    /// The comparison levels, strongest first.
    fn level_specs(&self) -> Vec<LevelSpec>;
    /// Level of record `a` of `self` against record `b` of `other` (a column of the same
    /// type, possibly `self`). Null when either value is null.
    fn compare(&self, a: usize, other: &dyn FieldData, b: usize) -> Level;
    /// How often record `a`'s value occurs, and among how many values (for term-frequency
    /// adjustment of an agreeing pair).
    fn term_count(&self, _a: usize, _other: &dyn FieldData, _b: usize) -> Option<(u64, u64)> {
        None
    }
    /// Similarity in [0, 1] of record `a` of `self` and record `b` of `other` (name
    /// columns only; `None` otherwise or when either value is null).
    fn similarity(&self, _a: usize, _other: &dyn FieldData, _b: usize) -> Option<f64> {
        None
    }
    /// The name comparator's letter-by-letter closeness of the same pair, a tie-breaker for
    /// ranking (name columns only).
    fn closeness(&self, _a: usize, _other: &dyn FieldData, _b: usize) -> Option<f64> {
        None
    }
    /// The name comparator's explanation of the same pair (name columns only).
    fn explain(
        &self,
        _a: usize,
        _other: &dyn FieldData,
        _b: usize,
    ) -> Option<crate::NameExplanation> {
        None
    }
    /// Blocking keys of record `i` for `part`.
    fn keys(&self, i: usize, part: KeyPart, out: &mut Vec<u64>);
    /// An order-preserving sort key (sorted neighbourhood, oversized blocks).
    fn sort_key(&self, _i: usize) -> Option<u64> {
        None
    }
    /// Append records (for the query index).
    fn extend(&mut self, raw: &[Option<&str>]);
    /// For downcasting in [`FieldData::compare`].
    fn as_any(&self) -> &dyn Any;
    /// Why values are null, with counts (for the run report; never the values).
    fn null_reasons(&self) -> Vec<(&'static str, u64)> {
        Vec::new()
    }
}

/// Prepare values in parallel chunks, concatenated in input order.
pub(crate) fn par_map<T: Send, F: Fn(Option<&str>) -> T + Sync>(
    raw: &[Option<&str>],
    f: F,
) -> Vec<T> {
    #[cfg(feature = "parallel")]
    {
        raw.par_iter().with_min_len(1024).map(|r| f(*r)).collect()
    }
    #[cfg(not(feature = "parallel"))]
    {
        raw.iter().map(|r| f(*r)).collect()
    }
}

/// Interned categorical values with their frequencies.
#[derive(Debug, Default)]
pub(crate) struct Interner {
    ids: HashMap<String, u32>,
    counts: Vec<u64>,
    total: u64,
}

impl Interner {
    /// Id of `v` (≥ 1), counted once more.
    pub(crate) fn intern(&mut self, v: &str) -> u32 {
        self.total += 1;
        if let Some(&id) = self.ids.get(v) {
            self.counts[id as usize - 1] += 1;
            return id;
        }
        self.counts.push(1);
        let id = self.counts.len() as u32;
        self.ids.insert(v.to_string(), id);
        id
    }

    /// Count of id (≥ 1) and the total count.
    pub(crate) fn count(&self, id: u32) -> Option<(u64, u64)> {
        let c = *self.counts.get((id as usize).checked_sub(1)?)?;
        Some((c, self.total))
    }
}

/// A plain categorical column (case- and space-folded text): exact agreement or not, with
/// term frequencies. Gender and nationality have their own parsers (`prepare_kinds`).
pub(crate) struct CategoricalData {
    ids: Vec<u32>,
    labels: Vec<String>,
    interner: Interner,
}

impl CategoricalData {
    pub(crate) fn new(raw: &[Option<&str>]) -> Self {
        let mut c = CategoricalData {
            ids: Vec::new(),
            labels: Vec::new(),
            interner: Interner::default(),
        };
        c.extend(raw);
        c
    }

    fn normalise(v: &str) -> Option<String> {
        let folded = crate::text::fold(v);
        let t = folded.split_whitespace().collect::<Vec<_>>().join(" ");
        (!t.is_empty()).then_some(t)
    }
}

impl FieldData for CategoricalData {
    fn level_specs(&self) -> Vec<LevelSpec> {
        vec![LevelSpec::new("exact"), LevelSpec::new("else")]
    }
    fn compare(&self, a: usize, other: &dyn FieldData, b: usize) -> Level {
        let Some(o) = other.as_any().downcast_ref::<CategoricalData>() else {
            return Level::NULL;
        };
        match (self.ids.get(a), o.ids.get(b)) {
            (Some(&x), Some(&y)) if x != 0 && y != 0 => {
                if self.labels[x as usize - 1] == o.labels[y as usize - 1] {
                    Level(0)
                } else {
                    Level(1)
                }
            }
            _ => Level::NULL,
        }
    }
    fn term_count(&self, a: usize, _other: &dyn FieldData, _b: usize) -> Option<(u64, u64)> {
        self.interner.count(*self.ids.get(a)?)
    }
    fn keys(&self, i: usize, _part: KeyPart, out: &mut Vec<u64>) {
        if let Some(&id) = self.ids.get(i).filter(|&&id| id != 0) {
            out.push(hash_bytes(self.labels[id as usize - 1].as_bytes(), 0xCA7));
        }
    }
    fn extend(&mut self, raw: &[Option<&str>]) {
        let norm = par_map(raw, |r| r.and_then(Self::normalise));
        for n in norm {
            let id = match n {
                Some(s) => {
                    let id = self.interner.intern(&s);
                    if id as usize > self.labels.len() {
                        self.labels.push(s);
                    }
                    id
                }
                None => 0,
            };
            self.ids.push(id);
        }
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// A free-text column compared by Jaro–Winkler on folded text.
pub(crate) struct TextData {
    levels: SimilarityLevels,
    values: Vec<Option<Box<[char]>>>,
}

impl TextData {
    pub(crate) fn new(levels: SimilarityLevels, raw: &[Option<&str>]) -> Self {
        let mut t = TextData {
            levels,
            values: Vec::new(),
        };
        t.extend(raw);
        t
    }
}

impl FieldData for TextData {
    fn level_specs(&self) -> Vec<LevelSpec> {
        self.levels.specs()
    }
    fn compare(&self, a: usize, other: &dyn FieldData, b: usize) -> Level {
        let Some(o) = other.as_any().downcast_ref::<TextData>() else {
            return Level::NULL;
        };
        match (self.values.get(a), o.values.get(b)) {
            (Some(Some(x)), Some(Some(y))) => {
                let s = jaro_winkler(x, y);
                self.levels.level(Some(s), x == y)
            }
            _ => Level::NULL,
        }
    }
    fn keys(&self, i: usize, _part: KeyPart, out: &mut Vec<u64>) {
        if let Some(Some(v)) = self.values.get(i) {
            let s: String = v.iter().collect();
            out.push(hash_bytes(s.as_bytes(), 0x7E7));
        }
    }
    fn sort_key(&self, i: usize) -> Option<u64> {
        let v = self.values.get(i)?.as_ref()?;
        let s: String = v.iter().collect();
        Some(crate::block::pack_prefix(s.as_bytes()))
    }
    fn extend(&mut self, raw: &[Option<&str>]) {
        let v = par_map(raw, |r| {
            r.map(|v| crate::text::fold(v).chars().collect::<Box<[char]>>())
                .filter(|c| !c.is_empty())
        });
        self.values.extend(v);
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// Build the column for one field from raw values.
pub(crate) fn build_field(field: &FieldConfig, raw: &[Option<&str>]) -> Box<dyn FieldData> {
    let levels = field.levels.clone().unwrap_or_default();
    match field.kind {
        FieldKind::Categorical if field.values == CategoricalValues::Plain => {
            Box::new(CategoricalData::new(raw))
        }
        FieldKind::Text => Box::new(TextData::new(levels, raw)),
        // Kinds with their own prepared types are wired in `crate::prepare_kinds`.
        kind => crate::prepare_kinds::build(kind, field, raw),
    }
}

/// Every configured field of a set of records, prepared.
pub struct PreparedDataset {
    pub(crate) fields: Vec<Box<dyn FieldData>>,
    pub(crate) n: usize,
}

impl std::fmt::Debug for PreparedDataset {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PreparedDataset")
            .field("records", &self.n)
            .field("fields", &self.fields.len())
            .finish()
    }
}

impl PreparedDataset {
    /// Prepare the configured fields of `columns` (one slice of raw values per field, in
    /// config order, all of the same length).
    pub(crate) fn build(config: &Config, columns: &[Vec<Option<&str>>]) -> Self {
        let n = columns.first().map_or(0, Vec::len);
        let fields = config
            .fields
            .iter()
            .zip(columns)
            .map(|(f, raw)| build_field(f, raw))
            .collect();
        PreparedDataset { fields, n }
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

    /// Number of records.
    pub fn len(&self) -> usize {
        self.n
    }

    /// Whether there are no records.
    pub fn is_empty(&self) -> bool {
        self.n == 0
    }

    /// The comparison vector of records `a` and `b`.
    pub(crate) fn compare_into(
        &self,
        a: usize,
        other: &PreparedDataset,
        b: usize,
        out: &mut [Level],
    ) {
        for ((slot, f), g) in out.iter_mut().zip(&self.fields).zip(&other.fields) {
            *slot = f.compare(a, g.as_ref(), b);
        }
    }

    /// Term frequencies of the agreeing values of a pair, shrunk towards the model's
    /// average agreement `u₀` of each field: `(count + 1) / (total + 1/u₀)`. On a large
    /// dataset this is the value's share; on a handful of records it stays near `u₀` (no
    /// adjustment), instead of calling every value of a three-row table "very common".
    pub(crate) fn tf_into(
        &self,
        a: usize,
        other: &PreparedDataset,
        b: usize,
        model: &crate::score::FellegiSunter,
        enabled: &[bool],
        out: &mut [Option<f64>],
    ) {
        for (i, slot) in out.iter_mut().enumerate() {
            *slot = if enabled[i] {
                let u0 = model
                    .comparisons
                    .get(i)
                    .and_then(|c| c.levels.first())
                    .map_or(1.0, |l| l.u);
                self.fields[i]
                    .term_count(a, other.fields[i].as_ref(), b)
                    .map(|(count, total)| (count as f64 + 1.0) / (total as f64 + 1.0 / u0))
            } else {
                None
            };
        }
    }
}
