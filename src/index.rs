//! `Index`: a prepared dataset with its blocking structures, kept in memory to answer
//! one-record queries ("who in the registry could this be?") and to take new records.
//!
//! A query is prepared like any record, its blocking keys are looked up rule by rule
//! (oversized keys and sorted-neighbourhood rules give the nearest records in sort order
//! only), and the candidates are scored with the trained model: no scan of the index.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

#[cfg(feature = "parallel")]
use rayon::prelude::*;

use crate::engine::{Matcher, rule_keys, unknown_flags};
use crate::name::compare::NameExplanation;
use crate::prepare::PreparedDataset;
use crate::schema::{BlockingRuleConfig, Config, FieldConfig, FieldKind, ResolvedPart};
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
    /// From entries already sorted by (sort key, position).
    fn from_sorted(entries: Vec<(u64, u32, bool)>) -> Self {
        Postings(entries)
    }

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
    /// `None` for a name-only index ([`Index::from_names`]).
    model: Option<FellegiSunter>,
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
        model: Option<FellegiSunter>,
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
        index.post_all();
        Ok(index)
    }

    /// Fill every rule's postings from all records at once: keys computed in parallel,
    /// one sort per rule (inserting record by record would move long posting lists).
    fn post_all(&mut self) {
        let n = self.ids.len();
        let sorts: Vec<u64> = (0..n).map(|p| self.sort_key(&self.data, p)).collect();
        let data = &self.data;
        for r in &mut self.rules {
            let (parts, sorted, unknown) = (&r.parts, r.sorted, r.unknown);
            // (key, sort key, position, unknown for the rule)
            type Entry = (u64, u64, u32, bool);
            let chunk = |range: std::ops::Range<usize>| {
                let mut out: Vec<Entry> = Vec::new();
                let mut keys = Vec::new();
                let flags = unknown.map(|u| unknown_flags(data, u, range.clone()));
                for pos in range.clone() {
                    match sorted {
                        Some(f) => {
                            if let Some(s) = data.fields[f].sort_key(pos) {
                                out.push((0, s, pos as u32, false));
                            }
                        }
                        None => {
                            keys.clear();
                            rule_keys(data, parts, pos, &mut keys);
                            keys.sort_unstable();
                            keys.dedup();
                            let u = flags.as_ref().is_some_and(|f| f[pos - range.start]);
                            out.extend(keys.iter().map(|&k| (k, sorts[pos], pos as u32, u)));
                        }
                    }
                }
                out
            };
            let ranges = crate::block::chunk_ranges(n);
            #[cfg(feature = "parallel")]
            let mut entries: Vec<Entry> =
                ranges.into_par_iter().map(chunk).flatten_iter().collect();
            #[cfg(not(feature = "parallel"))]
            let mut entries: Vec<Entry> = ranges.into_iter().flat_map(chunk).collect();
            #[cfg(feature = "parallel")]
            entries.par_sort_unstable();
            #[cfg(not(feature = "parallel"))]
            entries.sort_unstable();
            let mut postings = HashMap::new();
            let mut start = 0;
            while start < entries.len() {
                let key = entries[start].0;
                let end = start + entries[start..].partition_point(|e| e.0 == key);
                let list = entries[start..end]
                    .iter()
                    .map(|e| (e.1, e.2, e.3))
                    .collect();
                postings.insert(key, Postings::from_sorted(list));
                start = end;
            }
            r.postings = postings;
        }
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

    /// The model used to score [`Index::query`]; `None` for a name-only index.
    pub fn model(&self) -> Option<&FellegiSunter> {
        self.model.as_ref()
    }

    fn prepare_record(&self, record: &[(&str, &str)]) -> PreparedDataset {
        PreparedDataset::build_record(self.matcher.config(), record)
    }

    /// Candidate positions of a prepared one-record query, ascending and distinct.
    fn candidates(&self, q: &PreparedDataset) -> Vec<u32> {
        self.weighted_candidates(q)
            .into_iter()
            .map(|c| c.0)
            .collect()
    }

    /// Candidate positions, ascending and distinct, each with the evidence of the keys
    /// it shares with the query: every shared posting list adds `ln(1 + n / len)`, so a
    /// rare key (a rare family name, a rare token pair) counts more than a common one.
    fn weighted_candidates(&self, q: &PreparedDataset) -> Vec<(u32, f32)> {
        let sort = self.sort_key(q, 0);
        let n = self.ids.len().max(1) as f64;
        let mut out: Vec<(u32, f32)> = Vec::new();
        let mut keys = Vec::new();
        let mut buf = Vec::new();
        let mut take =
            |p: &Postings, s: u64, r: &IndexRule, unknown: bool, out: &mut Vec<(u32, f32)>| {
                let w = (1.0 + n / p.0.len().max(1) as f64).ln() as f32;
                buf.clear();
                p.candidates(s, r, unknown, &mut buf);
                out.extend(buf.iter().map(|&pos| (pos, w)));
            };
        for r in &self.rules {
            match r.sorted {
                Some(f) => {
                    if let (Some(s), Some(p)) = (q.fields[f].sort_key(0), r.postings.get(&0)) {
                        take(p, s, r, false, &mut out);
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
                            take(p, sort, r, unknown, &mut out);
                        }
                    }
                }
            }
        }
        out.sort_unstable_by_key(|c| c.0);
        let mut merged: Vec<(u32, f32)> = Vec::with_capacity(out.len());
        for (pos, w) in out {
            match merged.last_mut() {
                Some(last) if last.0 == pos => last.1 += w,
                _ => merged.push((pos, w)),
            }
        }
        merged
    }

    /// The candidates a name search scores: all of them, or the
    /// [`SEARCH_MAX_CANDIDATES`] with the most key evidence (ties by position), ascending.
    fn search_candidates(&self, q: &PreparedDataset) -> Vec<u32> {
        let mut c = self.weighted_candidates(q);
        if c.len() > SEARCH_MAX_CANDIDATES {
            c.select_nth_unstable_by(SEARCH_MAX_CANDIDATES - 1, |a, b| {
                b.1.total_cmp(&a.1).then(a.0.cmp(&b.0))
            });
            c.truncate(SEARCH_MAX_CANDIDATES);
            c.sort_unstable_by_key(|x| x.0);
        }
        c.into_iter().map(|x| x.0).collect()
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
                    .tf_into(pos, &q, 0, model, &self.tf_enabled, &mut tf);
                (model.match_weight_tf(&v, &tf), pos, v.clone(), tf.clone())
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
        for (f, data) in self
            .matcher
            .config()
            .fields
            .iter()
            .zip(&mut self.data.fields)
        {
            let value = f.value(|c| record.iter().find(|(k, _)| *k == c).map(|(_, v)| *v));
            data.extend(&[value.as_deref()]);
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

/// One answer of a name search ([`Index::search`]).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NameHit {
    /// The indexed name's id.
    pub id: String,
    /// Its position in the index (insertion order).
    pub position: usize,
    /// Name similarity in [0, 1] ([`crate::NameComparator::similarity`]).
    pub score: f64,
}

/// Column of the one name field of a name-only index ([`Index::from_names`]).
pub const NAME_COLUMN: &str = "name";

/// Posting lists of a name-only index longer than this (a common token such as محمد or
/// a common token pair) give only the `SEARCH_WINDOW` names nearest the query in sort
/// order on each side; shorter lists (rare tokens) give all their names.
const SEARCH_MAX_BLOCK: u32 = 300;
const SEARCH_WINDOW: usize = 40;
/// A name search scores at most this many candidates: those sharing the most (and the
/// rarest) keys with the query. Bounds the work of a query on a large index.
const SEARCH_MAX_CANDIDATES: usize = 300;

/// The config of a name-only index: one name field, and candidate rules that tolerate
/// cross-script spellings (every token's loose key), dropped or added tokens (pairs of
/// tokens) and typos or vowel changes in every token (MinHash LSH over the name's
/// q-grams).
fn names_config() -> Config {
    let rule = |name: &str, key: &str| BlockingRuleConfig {
        name: name.into(),
        on: vec![format!("{NAME_COLUMN}:{key}")],
        sorted: None,
        max_block: Some(SEARCH_MAX_BLOCK),
        window: Some(SEARCH_WINDOW),
        unknown: None,
        max_unknown_block: None,
    };
    let mut c = Config::new(vec![FieldConfig::new(NAME_COLUMN, FieldKind::Name)]);
    c.id_column = "id".into();
    c.blocking = vec![
        rule("token", "token"),
        rule("token_pair", "token_pair"),
        rule("lsh", "lsh"),
    ];
    c
}

/// Name screening: an index built from names only, queried with one name at a time.
impl Index {
    /// A name-only index over `names` (any script) with their `ids`: the same postings
    /// as a record index, over one name field ([`NAME_COLUMN`]), with no model; query it
    /// with [`Index::search`]. Names without a name token (blank, titles only) are
    /// indexed but never found.
    ///
    /// ```
    /// use hawiya::Index;
    /// # fn main() -> hawiya::Result<()> {
    /// let index = Index::from_names(
    ///     &["1", "2", "3"],
    ///     &["صالح عبدالله الفضالة", "منى حداد", "عبد الرحمن الخالد"],
    /// )?;
    /// let hits = index.search("Saleh Al-Fadhala", 2)?;
    /// assert_eq!(hits[0].id, "1");
    /// assert!(hits[0].score > 0.8);
    /// println!("{}", index.explain_hit("Saleh Al-Fadhala", hits[0].position)?);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// An input error naming the 1-based row for a blank or duplicate id or a name longer
    /// than [`crate::MAX_FIELD_CHARS`] characters, or when `ids` and `names` differ in
    /// length.
    pub fn from_names(ids: &[&str], names: &[&str]) -> Result<Index> {
        if ids.len() != names.len() {
            return Err(Error::input(
                None,
                None,
                None,
                format!("{} ids but {} names", ids.len(), names.len()),
            ));
        }
        let mut seen: HashMap<&str, usize> = HashMap::with_capacity(ids.len());
        for (i, (id, name)) in ids.iter().zip(names).enumerate() {
            let row = Some(i as u64 + 1);
            let id = id.trim();
            if id.is_empty() {
                return Err(Error::input(None, row, Some("id"), "empty id"));
            }
            if let Some(first) = seen.insert(id, i + 1) {
                return Err(Error::input(
                    None,
                    row,
                    Some("id"),
                    format!("duplicate id (first at row {first})"),
                ));
            }
            if name.chars().count() > crate::MAX_FIELD_CHARS {
                return Err(Error::input(
                    None,
                    row,
                    Some(NAME_COLUMN),
                    format!("longer than {} characters", crate::MAX_FIELD_CHARS),
                ));
            }
        }
        let matcher = Matcher::new(names_config())?;
        let column: Vec<Option<&str>> = names.iter().map(|n| Some(*n)).collect();
        let data = PreparedDataset::build(matcher.config(), &[column]);
        let ids = ids.iter().map(|s| s.trim().to_string()).collect();
        Index::build(matcher, None, data, ids)
    }

    /// The indexed id at `position`.
    pub fn id(&self, position: usize) -> Option<&str> {
        self.ids.get(position).map(String::as_str)
    }

    /// The first name field and `name` prepared as a one-record query on it.
    fn name_query(&self, name: &str) -> Result<(usize, PreparedDataset)> {
        let f = self
            .sort_field
            .ok_or_else(|| Error::config("fields", "the index has no name field"))?;
        if name.chars().count() > crate::MAX_FIELD_CHARS {
            return Err(Error::input(
                None,
                None,
                Some(&self.matcher.config().fields[f].column),
                format!("longer than {} characters", crate::MAX_FIELD_CHARS),
            ));
        }
        let column = self.matcher.config().fields[f].column.as_str();
        Ok((f, self.prepare_record(&[(column, name)])))
    }

    /// Positions of the indexed records that share a candidate key with `name` (the only
    /// ones [`Index::search`] scores), ascending. A gold answer missing here is lost by
    /// retrieval, whatever the ranking.
    ///
    /// # Errors
    /// As [`Index::search`].
    pub fn name_candidates(&self, name: &str) -> Result<Vec<usize>> {
        let (_, q) = self.name_query(name)?;
        Ok(self
            .search_candidates(&q)
            .into_iter()
            .map(|p| p as usize)
            .collect())
    }

    /// The `top` indexed names most similar to `name`, best first (equal scores by
    /// [`crate::NameComparator::closeness`], then by id): only the
    /// candidates that share a token key, a token-pair key or an LSH band with `name` are
    /// scored, with the [`crate::NameComparator`]. Works on any index with a name field
    /// (on a record index, by its first name field alone).
    ///
    /// # Errors
    /// A config error when the index has no name field; an input error for a name longer
    /// than [`crate::MAX_FIELD_CHARS`] characters.
    pub fn search(&self, name: &str, top: usize) -> Result<Vec<NameHit>> {
        let (f, q) = self.name_query(name)?;
        let field = &self.data.fields[f];
        let qf = &*q.fields[f];
        let mut hits: Vec<(f64, u32, f64)> = self
            .search_candidates(&q)
            .into_iter()
            .filter_map(|p| {
                let s = field.similarity(p as usize, qf, 0)?;
                Some((s, p, f64::NAN))
            })
            .collect();
        hits.sort_by(|a, b| {
            b.0.total_cmp(&a.0)
                .then_with(|| self.ids[a.1 as usize].cmp(&self.ids[b.1 as usize]))
        });
        // Equal scores (key floors, two spellings of one variant-table name) within the
        // top are ranked by letter-by-letter closeness, then by id.
        let mut start = 0;
        while start < hits.len().min(top) {
            let end = start + hits[start..].partition_point(|h| h.0 == hits[start].0);
            if end - start > 1 {
                let group = &mut hits[start..end];
                for h in group.iter_mut() {
                    h.2 = field.closeness(h.1 as usize, qf, 0).unwrap_or(0.0);
                }
                group.sort_by(|a, b| {
                    b.2.total_cmp(&a.2)
                        .then_with(|| self.ids[a.1 as usize].cmp(&self.ids[b.1 as usize]))
                });
            }
            start = end;
        }
        hits.truncate(top);
        Ok(hits
            .into_iter()
            .map(|(score, p, _)| NameHit {
                id: self.ids[p as usize].clone(),
                position: p as usize,
                score,
            })
            .collect())
    }

    /// [`Index::search`] for every name of `names`, in parallel over the names (with the
    /// `parallel` feature; same result), in input order.
    ///
    /// # Errors
    /// The first error of [`Index::search`], in input order.
    pub fn search_many(&self, names: &[&str], top: usize) -> Result<Vec<Vec<NameHit>>> {
        #[cfg(feature = "parallel")]
        {
            names.par_iter().map(|n| self.search(n, top)).collect()
        }
        #[cfg(not(feature = "parallel"))]
        {
            names.iter().map(|n| self.search(n, top)).collect()
        }
    }

    /// Why `name` scores what it does against the indexed record at `position`: the token
    /// alignment of the two names ([`NameExplanation`]; its score is the hit's score).
    ///
    /// # Errors
    /// An input error for a position out of range or an indexed record without a name;
    /// otherwise as [`Index::search`].
    pub fn explain_hit(&self, name: &str, position: usize) -> Result<NameExplanation> {
        let (f, q) = self.name_query(name)?;
        if position >= self.ids.len() {
            return Err(Error::input(
                None,
                None,
                None,
                format!("position {position} is not in the index"),
            ));
        }
        self.data.fields[f]
            .explain(position, &*q.fields[f], 0)
            .ok_or_else(|| {
                Error::input(
                    None,
                    None,
                    Some(&self.matcher.config().fields[f].column),
                    "no name to compare",
                )
            })
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
        Index::build(self.clone(), Some(model), data, ids)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NAMES: [&str; 8] = [
        "صالح عبدالله الفضالة",
        "منى حداد",
        "عبد الرحمن الخالد",
        "محمد العنزي",
        "محمد العنزي",
        "Saleh Al-Fadhala",
        "",
        "Dr.",
    ];

    fn index() -> Index {
        let ids: Vec<String> = (0..NAMES.len()).map(|i| format!("id{i}")).collect();
        let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
        Index::from_names(&ids, &NAMES).unwrap()
    }

    #[test]
    fn search_ranks_by_similarity_with_ties_by_id() {
        let index = index();
        assert!(index.model().is_none());
        let hits = index.search("Mohammed Al-Enezi", 10).unwrap();
        // Two equal names tie: the smaller id first.
        assert_eq!(hits[0].id, "id3");
        assert_eq!(hits[1].id, "id4");
        assert_eq!(hits[0].score, hits[1].score);
        assert!(hits.windows(2).all(|w| w[0].score >= w[1].score));
        // Every hit is a candidate; the score is the comparator's.
        let cands = index.name_candidates("Mohammed Al-Enezi").unwrap();
        let cmp = crate::NameComparator::default();
        for h in &hits {
            assert!(cands.binary_search(&h.position).is_ok());
            assert_eq!(
                h.score,
                cmp.similarity_str("Mohammed Al-Enezi", NAMES[h.position])
            );
        }
        assert!(index.search("Mohammed Al-Enezi", 1).unwrap().len() == 1);
        assert!(index.search("Mohammed Al-Enezi", 0).unwrap().is_empty());
        // Names without a name token are indexed but never found.
        assert!(index.search("", 10).unwrap().is_empty());
    }

    #[test]
    fn search_many_equals_search_one_by_one() {
        let index = index();
        let qs = ["Saleh Al-Fadhala", "منى", "Abdulrahman Alkhalid", "", "zzz"];
        let many = index.search_many(&qs, 3).unwrap();
        for (q, hits) in qs.iter().zip(&many) {
            assert_eq!(&index.search(q, 3).unwrap(), hits);
        }
        assert_eq!(many[0][0].id, "id5");
        assert_eq!(many[0][1].id, "id0");
    }

    #[test]
    fn explanations_and_errors() {
        let index = index();
        let e = index.explain_hit("Saleh Al-Fadhala", 0).unwrap();
        let h = index.search("Saleh Al-Fadhala", 2).unwrap();
        assert_eq!(e.score, h.iter().find(|h| h.position == 0).unwrap().score);
        assert!(index.explain_hit("Saleh", 99).is_err());
        assert!(index.explain_hit("Saleh", 6).is_err()); // blank name
        assert!(index.query(&[("name", "Saleh")], 3).is_err()); // no model
        let long = "a ".repeat(400);
        assert!(index.search(&long, 3).is_err());
        let e = Index::from_names(&["a", "a"], &["x", "y"])
            .unwrap_err()
            .to_string();
        assert!(e.contains("row 2") && e.contains("duplicate"), "{e}");
        assert!(Index::from_names(&[" "], &["x"]).is_err());
        assert!(Index::from_names(&["a"], &[]).is_err());
    }

    #[test]
    fn inserted_names_are_found() {
        let mut index = index();
        index
            .insert("new", &[(NAME_COLUMN, "Mona Haddad")])
            .unwrap();
        let hits = index.search("منى حداد", 2).unwrap();
        assert!(hits.iter().any(|h| h.id == "new"), "{hits:?}");
    }

    #[test]
    fn bulk_postings_equal_one_by_one_insertion() {
        let names = crate::synth::generate(crate::synth::GeneratorConfig {
            records: 400,
            seed: 3,
            ..Default::default()
        })
        .unwrap();
        let ids: Vec<String> = names.iter().map(|r| r.unique_id.clone()).collect();
        let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
        let all: Vec<&str> = names.iter().map(|r| r.full_name.as_str()).collect();
        let bulk = Index::from_names(&ids, &all).unwrap();
        let mut grown = Index::from_names(&ids[..1], &all[..1]).unwrap();
        for (id, n) in ids.iter().zip(&all).skip(1) {
            grown.insert(id, &[(NAME_COLUMN, n)]).unwrap();
        }
        for r in 0..bulk.rules.len() {
            let (a, b) = (&bulk.rules[r].postings, &grown.rules[r].postings);
            assert_eq!(a.len(), b.len());
            for (k, p) in a {
                assert_eq!(p.0, b[k].0);
            }
        }
    }
}
