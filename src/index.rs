//! `Index`: a prepared dataset with its blocking structures, kept in memory to answer
//! one-record queries ("who in the registry could this be?") and to take new records.
//!
//! A query is prepared like any record, its blocking keys are looked up rule by rule
//! (oversized keys and sorted-neighbourhood rules give the nearest records in sort order
//! only), and the candidates are scored with the trained model: no scan of the index.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::engine::{Matcher, rule_keys, unknown_flags};
use crate::prepare::PreparedDataset;
use crate::schema::{FieldKind, ResolvedPart};
use crate::score::{Explanation, FellegiSunter, Level, match_probability};
use crate::{Error, Result, Table};

/// One candidate answer to a query.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QueryMatch {
    /// The indexed record's unique id.
    pub unique_id: String,
    /// Its position in the index (insertion order).
    pub position: usize,
    /// Match probability in [0, 1].
    pub match_probability: f64,
    /// Match weight (log2 Bayes factor incl. prior).
    pub match_weight: f64,
    /// Why: per-field levels and weights.
    pub explanation: Explanation,
}

/// A posting list kept ordered by (sort key, position), so that an oversized key yields
/// the records nearest to the query in sort order; each entry says whether the record is
/// unknown for the rule.
#[derive(Debug, Default, Clone)]
struct Postings(Vec<(u64, u32, bool)>);

impl Postings {
    fn insert(&mut self, sort: u64, pos: u32, unknown: bool) {
        let at = self.0.partition_point(|&e| (e.0, e.1) < (sort, pos));
        self.0.insert(at, (sort, pos, unknown));
    }

    /// All members, or, when there are more than `max_block`, the `window` nearest on each
    /// side of `sort` — and, in a block of at most `max_unknown_block`, every member when
    /// the query is unknown, or the unknown members otherwise (as [`crate::block::KeyRule`]
    /// pairs them).
    fn candidates(&self, sort: u64, r: &IndexRule, query_unknown: bool, out: &mut Vec<u32>) {
        let len = self.0.len();
        let unknown_all = r.unknown.is_some() && len <= r.max_unknown_block;
        if len <= r.max_block || (unknown_all && query_unknown) {
            out.extend(self.0.iter().map(|e| e.1));
            return;
        }
        let at = self.0.partition_point(|&e| e.0 < sort);
        let lo = at.saturating_sub(r.window);
        let hi = (at + r.window).min(len);
        out.extend(self.0[lo..hi].iter().map(|e| e.1));
        if unknown_all {
            out.extend(self.0.iter().filter(|e| e.2).map(|e| e.1));
        }
    }
}

#[derive(Debug, Clone)]
struct IndexRule {
    parts: Vec<ResolvedPart>,
    /// Sorted-neighbourhood rule on this field.
    sorted: Option<usize>,
    max_block: usize,
    window: usize,
    /// Records without this key are unknown (see [`crate::block::KeyRule::with_unknown`]).
    unknown: Option<ResolvedPart>,
    max_unknown_block: usize,
    postings: HashMap<u64, Postings>,
}

/// A prepared, queryable set of records. Build it with [`Matcher::index`].
///
/// ```
/// use hawiya::synth::{COLUMNS, Generator, GeneratorConfig};
/// use hawiya::{Config, Matcher};
/// # fn main() -> hawiya::Result<()> {
/// // A generated registry of 3,000 records to index.
/// let t = Generator::new(GeneratorConfig { records: 3_000, ..Default::default() })?.table()?;
/// let matcher = Matcher::new(Config::infer(&COLUMNS)?)?;
/// let mut index = matcher.index(&t)?; // trains a model on the table first
///
/// // Who could this be? The best hit is the same person (that record or a duplicate).
/// let name = t.value(0, "full_name").unwrap_or("");
/// let dob = t.value(0, "dob").unwrap_or("");
/// let hits = index.query(&[("full_name", name), ("dob", dob)], 5)?;
/// let person = |pos: usize| t.value(pos, "cluster");
/// assert_eq!(person(hits[0].position), person(0));
/// println!("{}", hits[0].explanation);
///
/// // New records are found by later queries.
/// index.insert("new-1", &[("full_name", name), ("dob", dob)])?;
/// assert_eq!(index.len(), 3_001);
/// # Ok(()) }
/// ```
pub struct Index {
    matcher: Matcher,
    model: FellegiSunter,
    data: PreparedDataset,
    ids: Vec<String>,
    by_id: HashMap<String, usize>,
    rules: Vec<IndexRule>,
    /// (sort key of the first name field) per record.
    sort_field: Option<usize>,
    tf_enabled: Vec<bool>,
}

impl std::fmt::Debug for Index {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Index")
            .field("records", &self.ids.len())
            .field("rules", &self.rules.len())
            .finish()
    }
}

impl Index {
    pub(crate) fn build(
        matcher: Matcher,
        model: FellegiSunter,
        data: PreparedDataset,
        ids: Vec<String>,
    ) -> Result<Self> {
        let cfg = {
            let mut c = matcher.config().clone();
            c.blocking = matcher.config().effective_blocking();
            c
        };
        let mut rules = Vec::new();
        for (i, r) in cfg.blocking.iter().enumerate() {
            let (parts, sorted) = cfg.resolve_rule(i)?;
            let options = r.options();
            rules.push(IndexRule {
                parts,
                sorted,
                // A sorted-neighbourhood rule pairs within the window only, as in blocking.
                max_block: if sorted.is_some() {
                    0
                } else {
                    options.max_block as usize
                },
                window: options.window,
                unknown: cfg.resolve_unknown(i)?,
                max_unknown_block: options.max_unknown_block as usize,
                postings: HashMap::new(),
            });
        }
        let sort_field = cfg.fields.iter().position(|f| f.kind == FieldKind::Name);
        let by_id = ids
            .iter()
            .enumerate()
            .map(|(i, id)| (id.clone(), i))
            .collect();
        let tf_enabled = cfg.fields.iter().map(|f| f.tf_enabled()).collect();
        let mut index = Index {
            matcher,
            model,
            data,
            ids,
            by_id,
            rules,
            sort_field,
            tf_enabled,
        };
        for pos in 0..index.ids.len() {
            index.post(pos);
        }
        Ok(index)
    }

    fn sort_key(&self, data: &PreparedDataset, rec: usize) -> u64 {
        self.sort_field
            .and_then(|f| data.fields[f].sort_key(rec))
            .unwrap_or(0)
    }

    /// Add record `pos` of `self.data` to every rule's postings.
    fn post(&mut self, pos: usize) {
        let sort = self.sort_key(&self.data, pos);
        let mut keys = Vec::new();
        for r in &mut self.rules {
            keys.clear();
            match r.sorted {
                Some(f) => {
                    if let Some(s) = self.data.fields[f].sort_key(pos) {
                        r.postings
                            .entry(0)
                            .or_default()
                            .insert(s, pos as u32, false);
                    }
                }
                None => {
                    rule_keys(&self.data, &r.parts, pos, &mut keys);
                    keys.sort_unstable();
                    keys.dedup();
                    let unknown = r
                        .unknown
                        .is_some_and(|u| unknown_flags(&self.data, u, pos..pos + 1)[0]);
                    for &k in &keys {
                        r.postings
                            .entry(k)
                            .or_default()
                            .insert(sort, pos as u32, unknown);
                    }
                }
            }
        }
    }

    /// Number of indexed records.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Whether the index is empty.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// The model used to score queries.
    pub fn model(&self) -> &FellegiSunter {
        &self.model
    }

    fn prepare_record(&self, record: &[(&str, &str)]) -> PreparedDataset {
        let cols: Vec<Vec<Option<&str>>> = self
            .matcher
            .config()
            .fields
            .iter()
            .map(|f| vec![record.iter().find(|(c, _)| *c == f.column).map(|(_, v)| *v)])
            .collect();
        PreparedDataset::build(self.matcher.config(), &cols)
    }

    /// Candidate positions of a prepared one-record query, ascending and distinct.
    fn candidates(&self, q: &PreparedDataset) -> Vec<u32> {
        let sort = self.sort_key(q, 0);
        let mut out = Vec::new();
        let mut keys = Vec::new();
        for r in &self.rules {
            match r.sorted {
                Some(f) => {
                    if let (Some(s), Some(p)) = (q.fields[f].sort_key(0), r.postings.get(&0)) {
                        p.candidates(s, r, false, &mut out);
                    }
                }
                None => {
                    keys.clear();
                    rule_keys(q, &r.parts, 0, &mut keys);
                    keys.sort_unstable();
                    keys.dedup();
                    let unknown = r.unknown.is_some_and(|u| unknown_flags(q, u, 0..1)[0]);
                    for k in &keys {
                        if let Some(p) = r.postings.get(k) {
                            p.candidates(sort, r, unknown, &mut out);
                        }
                    }
                }
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The `top` indexed records most likely to be the same person as `record` (given as
    /// `(column, value)` pairs; missing columns are nulls), best first, with explanations.
    /// Only records sharing a blocking key with the query are scored.
    ///
    /// # Errors
    /// An input error when `record` names a column that is not a configured field.
    pub fn query(&self, record: &[(&str, &str)], top: usize) -> Result<Vec<QueryMatch>> {
        self.check_columns(record)?;
        let q = self.prepare_record(record);
        let width = q.fields.len();
        let mut v = vec![Level::NULL; width];
        let mut tf = vec![None; width];
        // (weight, position, levels, term frequencies) per candidate.
        type Hit = (f64, usize, Vec<Level>, Vec<Option<f64>>);
        let mut hits: Vec<Hit> = self
            .candidates(&q)
            .into_iter()
            .map(|pos| {
                let pos = pos as usize;
                self.data.compare_into(pos, &q, 0, &mut v);
                self.data
                    .tf_into(pos, &q, 0, &self.model, &self.tf_enabled, &mut tf);
                (
                    self.model.match_weight_tf(&v, &tf),
                    pos,
                    v.clone(),
                    tf.clone(),
                )
            })
            .collect();
        hits.sort_by(|a, b| {
            b.0.total_cmp(&a.0)
                .then_with(|| self.ids[a.1].cmp(&self.ids[b.1]))
        });
        hits.truncate(top);
        Ok(hits
            .into_iter()
            .map(|(w, pos, levels, tf)| QueryMatch {
                unique_id: self.ids[pos].clone(),
                position: pos,
                match_probability: match_probability(w),
                match_weight: w,
                explanation: self.model.explain(&levels, &tf),
            })
            .collect())
    }

    /// Add a record (its blocking keys and term frequencies included) so later queries find
    /// it.
    ///
    /// # Errors
    /// An input error for an empty or already indexed unique id, a value longer than
    /// [`crate::MAX_FIELD_CHARS`], or an unknown column.
    pub fn insert(&mut self, unique_id: &str, record: &[(&str, &str)]) -> Result<()> {
        self.check_columns(record)?;
        let id = unique_id.trim();
        if id.is_empty() {
            return Err(Error::input(
                None,
                None,
                Some(&self.matcher.config().id_column),
                "empty unique id",
            ));
        }
        if self.by_id.contains_key(id) {
            return Err(Error::input(
                None,
                None,
                Some(&self.matcher.config().id_column),
                "unique id already indexed",
            ));
        }
        for (c, v) in record {
            if v.chars().count() > crate::MAX_FIELD_CHARS {
                return Err(Error::input(
                    None,
                    None,
                    Some(c),
                    format!("longer than {} characters", crate::MAX_FIELD_CHARS),
                ));
            }
        }
        for f in &self.matcher.config().fields {
            let value = record.iter().find(|(c, _)| *c == f.column).map(|(_, v)| *v);
            let i = self
                .matcher
                .config()
                .fields
                .iter()
                .position(|g| g.column == f.column)
                .unwrap_or(0);
            self.data.fields[i].extend(&[value]);
        }
        self.data.n += 1;
        let pos = self.ids.len();
        self.ids.push(id.to_string());
        self.by_id.insert(id.to_string(), pos);
        self.post(pos);
        Ok(())
    }

    fn check_columns(&self, record: &[(&str, &str)]) -> Result<()> {
        for (c, _) in record {
            if !self.matcher.config().fields.iter().any(|f| f.column == *c) {
                return Err(Error::input(None, None, Some(c), "not a configured field"));
            }
        }
        Ok(())
    }
}

impl Matcher {
    /// Build a query [`Index`] over `table`. Uses the matcher's model, or trains one on the
    /// table first (unsupervised, as in dedupe). Rows with a blank or duplicate unique id
    /// or an over-long value are left out.
    ///
    /// # Errors
    /// Input errors for missing columns.
    pub fn index(&self, table: &Table) -> Result<Index> {
        let (data, ids) = self.prepare_table(table)?;
        let model = match self.model() {
            Some(m) => m.clone(),
            None => self.train_prepared(&data)?.0,
        };
        Index::build(self.clone(), model, data, ids)
    }
}
