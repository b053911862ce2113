//! `Index`: a prepared dataset with its postings, kept in memory to answer one-record
//! queries ("who in the registry could this be?"), to take new records, and to screen names.
//!
//! A query is prepared like any record, its blocking keys are looked up rule by rule in the
//! postings ([`crate::block`]'s incremental form of the same rules), and the candidates are
//! scored with the trained model: no scan of the index. Name search (`search`) uses the same
//! postings over one name field and ranks by the name comparator.
//!
//! Owns: record query and insert (this file), name search (`search`).
//! Must not know: how candidates are paired (`block`) or weighted (`score`).

mod incremental;
mod search;
mod store;

pub use incremental::AddResult;
pub use search::{NAME_COLUMN, NameHit};
pub use store::INDEX_FORMAT_VERSION;

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::block::PostingsIndex;
use crate::core::Level;
use crate::engine::Matcher;
use crate::ingest::too_long;
use crate::ingest::{Records, StrColumn};
use crate::prepare::PreparedDataset;
use crate::score::{Explanation, FellegiSunter, Scorer, match_probability};
use crate::{Error, MAX_FIELD_CHARS, Result, Table};

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

/// A prepared, queryable set of records. Build it with [`Matcher::index`].
///
/// ```
/// use hawiya_synth::{COLUMNS, Generator, GeneratorConfig};
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
    /// `None` for a name-only index ([`Index::from_names`]).
    model: Option<FellegiSunter>,
    data: PreparedDataset,
    ids: Vec<String>,
    by_id: HashMap<String, usize>,
    postings: PostingsIndex,
    /// Each field's value per record, as given (what `save` writes and `load` prepares
    /// again); `None` for a name-only index.
    values: Option<Vec<StrColumn>>,
    /// Each record's cluster id, once known ([`Index::with_clusters`], [`Index::add`]).
    clusters: Option<Vec<String>>,
}

impl std::fmt::Debug for Index {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Index")
            .field("records", &self.ids.len())
            .field("rules", &self.matcher.plan().rules().len())
            .finish()
    }
}

impl Index {
    pub(crate) fn build(
        matcher: Matcher,
        model: Option<FellegiSunter>,
        data: PreparedDataset,
        ids: Vec<String>,
    ) -> Self {
        let by_id = ids
            .iter()
            .enumerate()
            .map(|(i, id)| (id.clone(), i))
            .collect();
        let postings = matcher.plan().postings(&data);
        Index {
            matcher,
            model,
            data,
            ids,
            by_id,
            postings,
            values: None,
            clusters: None,
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

    /// The model used to score [`Index::query`]; `None` for a name-only index.
    pub fn model(&self) -> Option<&FellegiSunter> {
        self.model.as_ref()
    }

    /// The config the index was built with.
    pub fn config(&self) -> &crate::Config {
        self.matcher.config()
    }

    /// The cluster id of the record at `position`, once the index knows its clusters
    /// ([`Index::with_clusters`]).
    pub fn cluster_id(&self, position: usize) -> Option<&str> {
        self.clusters.as_ref()?.get(position).map(String::as_str)
    }

    /// The position of the record with `unique_id`.
    pub fn position(&self, unique_id: &str) -> Option<usize> {
        self.by_id.get(unique_id).copied()
    }

    /// The indexed id at `position`.
    pub fn id(&self, position: usize) -> Option<&str> {
        self.ids.get(position).map(String::as_str)
    }

    fn prepare_record(&self, record: &[(&str, &str)]) -> PreparedDataset {
        PreparedDataset::build_record(self.matcher.config(), record)
    }

    /// Candidate positions of a prepared one-record query, ascending and distinct, with
    /// the evidence of the keys each shares with the query.
    fn weighted_candidates(&self, q: &PreparedDataset) -> Vec<(u32, f32)> {
        self.postings
            .candidates(self.matcher.plan(), q, self.ids.len())
    }

    /// The `top` indexed records most likely to be the same person as `record` (given as
    /// `(column, value)` pairs; missing columns are nulls), best first, with explanations.
    /// Only records sharing a blocking key with the query are scored.
    ///
    /// # Errors
    /// An input error when `record` names a column that is not a configured field.
    /// A config error on a name-only index (it has no model: use [`Index::search`]).
    pub fn query(&self, record: &[(&str, &str)], top: usize) -> Result<Vec<QueryMatch>> {
        let Some(model) = &self.model else {
            return Err(Error::config(
                "model",
                "a name-only index has no model: use search",
            ));
        };
        self.check_columns(record)?;
        let q = self.prepare_record(record);
        let scorer = Scorer::new(model, self.matcher.config());
        let width = q.width();
        let mut v = vec![Level::NULL; width];
        let mut tf = vec![None; width];
        // (weight, position, levels, term frequencies) per candidate.
        type Hit = (f64, usize, Vec<Level>, Vec<Option<f64>>);
        let mut hits: Vec<Hit> = self
            .weighted_candidates(&q)
            .into_iter()
            .map(|(pos, _)| {
                let pos = pos as usize;
                let w = scorer.score(&self.data, pos, &q, 0, &mut v, &mut tf);
                (w, pos, v.clone(), tf.clone())
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
                explanation: model.explain(&levels, &tf),
            })
            .collect())
    }

    /// Add a record (its blocking keys and term frequencies included) so later queries find
    /// it.
    ///
    /// # Errors
    /// An input error for an empty or already indexed unique id, a value longer than
    /// [`MAX_FIELD_CHARS`], or an unknown column.
    pub fn insert(&mut self, unique_id: &str, record: &[(&str, &str)]) -> Result<()> {
        self.check_columns(record)?;
        let id = unique_id.trim();
        let id_column = &self.matcher.config().id_column;
        if id.is_empty() {
            return Err(Error::input(None, None, Some(id_column), "empty unique id"));
        }
        if self.by_id.contains_key(id) {
            return Err(Error::input(
                None,
                None,
                Some(id_column),
                "unique id already indexed",
            ));
        }
        if let Some((c, _)) = record.iter().find(|(_, v)| too_long(v)) {
            return Err(Error::input(
                None,
                None,
                Some(c),
                format!("longer than {MAX_FIELD_CHARS} characters"),
            ));
        }
        if self.clusters.is_some() {
            return Err(Error::config(
                "clusters",
                "a clustered index takes new records through add",
            ));
        }
        self.data.push_record(self.matcher.config(), record);
        if let Some(values) = &mut self.values {
            for (f, column) in self.matcher.config().fields.iter().zip(values) {
                let v = f.value(|c| record.iter().find(|(k, _)| *k == c).map(|(_, v)| *v));
                column.push(v.as_deref())?;
            }
        }
        let pos = self.ids.len();
        self.ids.push(id.to_string());
        self.by_id.insert(id.to_string(), pos);
        self.postings.insert(self.matcher.plan(), &self.data, pos);
        Ok(())
    }

    fn check_columns(&self, record: &[(&str, &str)]) -> Result<()> {
        for (c, _) in record {
            if !self
                .matcher
                .config()
                .fields
                .iter()
                .any(|f| f.columns().any(|x| x == *c))
            {
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
        let records = Records::new(self.config(), &[table])?;
        let values: Vec<StrColumn> = self
            .config()
            .fields
            .iter()
            .map(|f| {
                records
                    .field_values(f)
                    .iter()
                    .map(Option::as_deref)
                    .collect()
            })
            .collect();
        let data = store::prepare_values(self.config(), &values);
        let (_, ids, _) = records.into_parts();
        let model = match self.model() {
            Some(m) => m.clone(),
            None => self.train_prepared(&data)?.0,
        };
        let mut index = Index::build(self.clone(), Some(model), data, ids);
        index.values = Some(values);
        Ok(index)
    }
}
