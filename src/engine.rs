//! The engine: dedupe one dataset, link two, score pairs, and answer one-record queries.
//!
//! ```
//! use hawiya::{Matcher, Table};
//! # fn main() -> hawiya::Result<()> {
//! let mut t = Table::new(vec!["unique_id".into(), "full_name".into(), "dob".into()])?;
//! t.push_row(&["1", "صالح الفضالة", "1985-07-01"])?;
//! t.push_row(&["2", "Saleh Al-Fadhala", "01/07/1985"])?;
//! t.push_row(&["3", "Mona Haddad", "1990-02-03"])?;
//! let matcher = Matcher::builder().name("full_name").date("dob").build()?;
//! let result = matcher.dedupe(&t)?;
//! assert_eq!(result.records.len() + result.rejects.len(), 3);
//! # Ok(()) }
//! ```

use std::time::Instant;

use serde::{Deserialize, Serialize};

#[cfg(feature = "parallel")]
use rayon::prelude::*;

use crate::block::{Blocking, BlockingReport, CandidatePair, KeyRule, Mode};
use crate::prepare::{MAX_FIELD_CHARS, PreparedDataset};
use crate::rng::{SplitMix64, mix64};
use crate::schema::{Config, FieldConfig, FieldKind};
use crate::score::{
    EmReport, Explanation, FellegiSunter, Level, LevelSpec, PatternCounts, match_probability,
};
use crate::{Clustering, Edge, Error, Result, Table, cluster};

/// Progress of a long run, reported stage by stage (the CLI draws bars from it).
pub trait Progress: Sync {
    /// A stage starts; `total` units of work are expected (0 = unknown).
    fn start(&self, _stage: &str, _total: u64) {}
    /// `n` more units of the current stage are done.
    fn advance(&self, _n: u64) {}
    /// The current stage is finished.
    fn finish(&self) {}
}

/// Progress reporting that does nothing.
#[derive(Clone, Copy, Debug, Default)]
pub struct NoProgress;
impl Progress for NoProgress {}

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

/// One input row's outcome: its cluster.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordCluster {
    /// Which input (0 = dedupe / left, 1 = right).
    pub source: u8,
    /// 0-based row index in that input.
    pub row: usize,
    /// The row's unique id.
    pub unique_id: String,
    /// The cluster id: the smallest unique id of the cluster's members.
    pub cluster_id: String,
}

/// A scored candidate pair.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScoredPair {
    /// Source (0/1) and row of the first record.
    pub left: (u8, usize),
    /// Source (0/1) and row of the second record.
    pub right: (u8, usize),
    /// Unique id of the first record.
    pub unique_id_l: String,
    /// Unique id of the second record.
    pub unique_id_r: String,
    /// Comparison level per configured field.
    pub levels: Vec<Level>,
    /// Relative frequency of the agreeing value per field, where term-frequency adjustment
    /// applies (`None` elsewhere).
    pub term_frequencies: Vec<Option<f64>>,
    /// log2 Bayes factor including the prior.
    pub match_weight: f64,
    /// Match probability in [0, 1].
    pub match_probability: f64,
}

/// What training did.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TrainingReport {
    /// Random pairs compared to estimate u.
    pub u_pairs: u64,
    /// Candidate pairs sampled for EM.
    pub em_pairs: u64,
    /// How λ was estimated.
    pub prior_method: String,
    /// The estimated λ.
    pub prior: f64,
    /// One EM report per pass, with the pass's name.
    pub passes: Vec<(String, EmReport)>,
}

/// Timings and counts of a run.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RunReport {
    /// Input rows.
    pub rows: usize,
    /// Rows matched (not rejected).
    pub records: usize,
    /// Rows rejected.
    pub rejected: usize,
    /// Per field: null reasons with counts.
    pub nulls: Vec<(String, Vec<(String, u64)>)>,
    /// Blocking statistics.
    pub blocking: Option<BlockingReport>,
    /// Training, when the model was learned in this run.
    pub training: Option<TrainingReport>,
    /// Pairs scored.
    pub pairs_scored: u64,
    /// Pairs at or above the threshold.
    pub pairs_above_threshold: u64,
    /// Clusters (singletons included).
    pub clusters: usize,
    /// Clusters of two or more records.
    pub multi_record_clusters: usize,
    /// Largest cluster size.
    pub largest_cluster: u32,
    /// Clusters split by the chaining guard.
    pub split_clusters: usize,
    /// Warnings for the user (oversized blocks, weak clusters …).
    pub warnings: Vec<String>,
    /// Seconds per stage: prepare, block+train, score, cluster.
    pub seconds: Vec<(String, f64)>,
}

/// The result of `dedupe` or `link`.
#[derive(Clone, Debug)]
pub struct MatchResult {
    /// Every usable input row with its cluster, in input order (left then right for link).
    pub records: Vec<RecordCluster>,
    /// Rows that could not be used.
    pub rejects: Vec<RowReject>,
    /// Scored pairs at or above `pairs_threshold` (see [`Matcher::pairs_threshold`]).
    pub pairs: Vec<ScoredPair>,
    /// The model used (trained in this run unless one was given).
    pub model: FellegiSunter,
    /// Clustering details (indices are positions in `records`; clusters are numbered in
    /// the order of their smallest unique id, whatever the row order).
    pub clustering: Clustering,
    /// Counts and timings.
    pub report: RunReport,
}

/// Recall of blocking against known truth: how many true pairs the candidate generation
/// finds, overall and by the scripts of the two names (`ar-ar`, `ar-lat`, `lat-lat`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BlockingEvaluation {
    /// Blocking statistics (pairs per rule, blocks, reduction ratio).
    pub report: BlockingReport,
    /// True pairs in the truth.
    pub true_pairs: u64,
    /// True pairs among the candidates.
    pub found: u64,
    /// Per kind of pair: (kind, true pairs, found).
    pub by_kind: Vec<(String, u64, u64)>,
    /// True pairs found by each rule (credited to the first rule that produced the pair),
    /// in rule order.
    pub found_by_rule: Vec<u64>,
    /// Seconds spent preparing and generating candidates.
    pub seconds: f64,
}

impl BlockingEvaluation {
    /// `found / true_pairs` (1 when there is no true pair).
    pub fn completeness(&self) -> f64 {
        if self.true_pairs == 0 {
            1.0
        } else {
            self.found as f64 / self.true_pairs as f64
        }
    }
}

impl std::fmt::Display for BlockingEvaluation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "{}", self.report)?;
        writeln!(
            f,
            "pairs completeness {:.4} ({} of {} true pairs), {:.2}s",
            self.completeness(),
            self.found,
            self.true_pairs,
            self.seconds
        )?;
        for (k, t, found) in &self.by_kind {
            let c = if *t == 0 {
                1.0
            } else {
                *found as f64 / *t as f64
            };
            writeln!(f, "  {k:<8} {c:.4} ({found} of {t})")?;
        }
        write!(f, "true pairs by rule:")?;
        for (r, n) in self.report.rules.iter().zip(&self.found_by_rule) {
            write!(f, " {} {n};", r.name)?;
        }
        writeln!(f)
    }
}

impl MatchResult {
    /// Why pair `i` of [`MatchResult::pairs`] got its score: each field's level and weight,
    /// the term-frequency adjustments and the prior. The parts add up to the pair's
    /// `match_weight`. `None` for an index out of range.
    pub fn explain(&self, i: usize) -> Option<Explanation> {
        let p = self.pairs.get(i)?;
        Some(self.model.explain(&p.levels, &p.term_frequencies))
    }

    /// This run's scored pairs labelled by a truth (unique id → true entity, for the
    /// records of this run), to choose a threshold where labels exist (see
    /// [`crate::eval::label_pairs`]): true pairs that were never scored count as missed.
    /// A result keeps only pairs at or above [`Matcher::pairs_threshold`], so lower
    /// thresholds are out of reach.
    ///
    /// # Errors
    /// As [`crate::eval::label_pairs`]: an id of a pair that is not in `truth`.
    ///
    /// ```
    /// use std::collections::HashMap;
    /// use hawiya::synth::{Generator, GeneratorConfig};
    /// use hawiya::{Config, Matcher};
    /// # fn main() -> hawiya::Result<()> {
    /// let table = Generator::new(GeneratorConfig { records: 1500, ..Default::default() })?.table()?;
    /// let cfg = Config::infer(&["unique_id", "full_name", "dob", "civil_id", "gender"])?;
    /// let result = Matcher::new(cfg)?.dedupe(&table)?;
    /// let truth: HashMap<&str, &str> = (0..table.len())
    ///     .filter_map(|i| Some((table.value(i, "unique_id")?, table.value(i, "cluster")?)))
    ///     .collect();
    /// if let Some(choice) = result.labelled_scores(&truth)?.threshold_for_precision(0.99) {
    ///     assert!(choice.point.precision >= 0.99);
    ///     println!("use threshold {} (recall {:.3})", choice.point.threshold, choice.point.recall);
    /// }
    /// # Ok(()) }
    /// ```
    pub fn labelled_scores<K, T>(
        &self,
        truth: &std::collections::HashMap<K, T>,
    ) -> Result<crate::eval::LabelledScores>
    where
        K: std::borrow::Borrow<str> + std::hash::Hash + Eq,
        T: std::hash::Hash + Eq,
    {
        crate::eval::label_pairs(
            self.pairs.iter().map(|p| {
                (
                    p.unique_id_l.as_str(),
                    p.unique_id_r.as_str(),
                    p.match_probability,
                )
            }),
            truth,
        )
    }
}

/// Builds a [`Matcher`] field by field.
#[derive(Clone, Debug)]
pub struct MatcherBuilder {
    config: Config,
    model: Option<FellegiSunter>,
}

impl MatcherBuilder {
    /// Add a field of `kind` on `column`.
    pub fn field(mut self, column: &str, kind: FieldKind) -> Self {
        self.config.fields.push(FieldConfig::new(column, kind));
        self
    }
    /// Add a name field.
    pub fn name(self, column: &str) -> Self {
        self.field(column, FieldKind::Name)
    }
    /// Add a date field.
    pub fn date(self, column: &str) -> Self {
        self.field(column, FieldKind::Date)
    }
    /// Add an identifier field.
    pub fn id(self, column: &str) -> Self {
        self.field(column, FieldKind::Id)
    }
    /// The unique-id column (default `unique_id`).
    pub fn id_column(mut self, column: &str) -> Self {
        self.config.id_column = column.into();
        self
    }
    /// The clustering threshold on the match probability (default 0.9).
    pub fn threshold(mut self, p: f64) -> Self {
        self.config.threshold = p;
        self
    }
    /// Use a trained model instead of training one.
    pub fn model(mut self, model: FellegiSunter) -> Self {
        self.model = Some(model);
        self
    }
    /// Validate and build.
    ///
    /// # Errors
    /// A config error for an invalid config or a model that does not fit it.
    pub fn build(self) -> Result<Matcher> {
        let m = Matcher::new(self.config)?;
        match self.model {
            Some(model) => m.with_model(model),
            None => Ok(m),
        }
    }
}

/// The engine: a validated config, and optionally a trained model.
#[derive(Clone, Debug)]
pub struct Matcher {
    config: Config,
    model: Option<FellegiSunter>,
}

/// Prepared input of a run: the usable records of one or two tables.
struct Input<'a> {
    tables: Vec<&'a Table>,
    /// (source, row) of each usable record.
    origin: Vec<(u8, usize)>,
    ids: Vec<String>,
    rejects: Vec<RowReject>,
    rows: usize,
}

impl Matcher {
    /// A matcher for `config`.
    ///
    /// # Errors
    /// A config error when the config is invalid.
    pub fn new(config: Config) -> Result<Self> {
        config.validate()?;
        Ok(Matcher {
            config,
            model: None,
        })
    }

    /// A builder; at least one field must be added.
    pub fn builder() -> MatcherBuilder {
        MatcherBuilder {
            config: Config::new(Vec::new()),
            model: None,
        }
    }

    /// The config.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The trained model, if one was given or trained with [`Matcher::train`].
    pub fn model(&self) -> Option<&FellegiSunter> {
        self.model.as_ref()
    }

    /// Use `model` for scoring (no training).
    ///
    /// # Errors
    /// A model error when the model's comparisons do not match the config's fields and
    /// levels.
    pub fn with_model(mut self, model: FellegiSunter) -> Result<Self> {
        model.validate()?;
        let specs = self.level_specs();
        if model.comparisons.len() != specs.len() {
            return Err(Error::model(format!(
                "the model has {} comparisons, the config {} fields",
                model.comparisons.len(),
                specs.len()
            )));
        }
        for (c, (name, levels)) in model.comparisons.iter().zip(&specs) {
            let same = c.name == *name
                && c.levels.len() == levels.len()
                && c.levels.iter().zip(levels).all(|(a, b)| a.name == b.name);
            if !same {
                return Err(Error::model(format!(
                    "comparison {:?} does not match field {name:?} of the config",
                    c.name
                )));
            }
        }
        self.model = Some(model);
        Ok(self)
    }

    /// Probability at or above which pairs are kept in results: the lower of the clustering
    /// threshold and 0.5.
    pub fn pairs_threshold(&self) -> f64 {
        self.config.threshold.min(0.5)
    }

    fn level_specs(&self) -> Vec<(String, Vec<LevelSpec>)> {
        let empty: Vec<Option<&str>> = Vec::new();
        self.config
            .fields
            .iter()
            .map(|f| {
                (
                    f.column.clone(),
                    crate::prepare::build_field(f, &empty).level_specs(),
                )
            })
            .collect()
    }

    /// Check rows and collect the usable ones. A row is rejected for a blank or duplicate
    /// unique id, or a field value longer than [`MAX_FIELD_CHARS`].
    fn input<'a>(&self, tables: Vec<&'a Table>) -> Result<Input<'a>> {
        let idc = &self.config.id_column;
        for (s, t) in tables.iter().enumerate() {
            if t.column(idc).is_none() {
                return Err(Error::input(
                    Some(&format!("input {}", s + 1)),
                    None,
                    Some(idc),
                    "the id column is missing",
                ));
            }
            for c in self.config.fields.iter().flat_map(FieldConfig::columns) {
                if t.column(c).is_none() {
                    return Err(Error::input(
                        Some(&format!("input {}", s + 1)),
                        None,
                        Some(c),
                        "a configured column is missing",
                    ));
                }
            }
        }
        let mut input = Input {
            tables: tables.clone(),
            origin: Vec::new(),
            ids: Vec::new(),
            rejects: Vec::new(),
            rows: 0,
        };
        for (s, t) in tables.iter().enumerate() {
            let mut seen = std::collections::HashMap::new();
            input.rows += t.len();
            'rows: for row in 0..t.len() {
                let id = t.value(row, idc).unwrap_or("").trim().to_string();
                let reject = |reason: String| RowReject {
                    source: s as u8,
                    row,
                    unique_id: id.clone(),
                    reason,
                };
                if id.is_empty() {
                    input.rejects.push(reject(format!("empty {idc}")));
                    continue;
                }
                if let Some(first) = seen.get(&id) {
                    input.rejects.push(reject(format!(
                        "duplicate {idc} (first at row {})",
                        first + 1
                    )));
                    continue;
                }
                for c in self.config.fields.iter().flat_map(FieldConfig::columns) {
                    let v = t.value(row, c).unwrap_or("");
                    if v.len() > MAX_FIELD_CHARS && v.chars().count() > MAX_FIELD_CHARS {
                        input.rejects.push(reject(format!(
                            "field {c:?}: longer than {MAX_FIELD_CHARS} characters"
                        )));
                        continue 'rows;
                    }
                }
                seen.insert(id.clone(), row);
                input.origin.push((s as u8, row));
                input.ids.push(id);
            }
        }
        // Work in the order of (source, unique id), not of the rows: sampling, blocking
        // windows and tie-breaks then give the same clusters for any row order.
        let mut order: Vec<usize> = (0..input.ids.len()).collect();
        order.sort_unstable_by(|&a, &b| {
            (input.origin[a].0, &input.ids[a]).cmp(&(input.origin[b].0, &input.ids[b]))
        });
        input.origin = order.iter().map(|&i| input.origin[i]).collect();
        input.ids = order
            .into_iter()
            .map(|i| std::mem::take(&mut input.ids[i]))
            .collect();
        Ok(input)
    }

    fn prepare(&self, input: &Input<'_>) -> PreparedDataset {
        let cell = |s: u8, r: usize, c: &str| input.tables[usize::from(s)].value(r, c);
        // Fields read from several columns (name parts, other spellings) are composed
        // first; the others are borrowed from the tables.
        let composed: Vec<Option<Vec<Option<String>>>> = self
            .config
            .fields
            .iter()
            .map(|f| {
                f.is_composed().then(|| {
                    input
                        .origin
                        .iter()
                        .map(|&(s, r)| f.value(|c| cell(s, r, c)).map(|v| v.into_owned()))
                        .collect()
                })
            })
            .collect();
        let columns: Vec<Vec<Option<&str>>> = self
            .config
            .fields
            .iter()
            .zip(&composed)
            .map(|(f, owned)| match owned {
                Some(v) => v.iter().map(Option::as_deref).collect(),
                None => input
                    .origin
                    .iter()
                    .map(|&(s, r)| cell(s, r, &f.column))
                    .collect(),
            })
            .collect();
        PreparedDataset::build(&self.config, &columns)
    }

    fn blocking(&self, data: &PreparedDataset, mode: Mode) -> Result<Blocking> {
        let mut cfg = self.config.clone();
        cfg.blocking = self.config.effective_blocking();
        let mut rules = Vec::new();
        for (i, r) in cfg.blocking.iter().enumerate() {
            let (parts, sorted) = cfg.resolve_rule(i)?;
            let options = r.options();
            let rule = if let Some(f) = sorted {
                let keys: Vec<Option<u64>> =
                    (0..data.n).map(|i| data.fields[f].sort_key(i)).collect();
                KeyRule::sorted_neighbourhood(&r.name, &keys, options.window)?
            } else {
                // Sort records inside oversized blocks by the first name field's sort key.
                let sort_field = cfg.fields.iter().position(|f| f.kind == FieldKind::Name);
                let sort: Option<Vec<u64>> = sort_field.map(|f| {
                    (0..data.n)
                        .map(|i| data.fields[f].sort_key(i).unwrap_or(0))
                        .collect()
                });
                let rule =
                    KeyRule::build(&r.name, data.n, options, sort.as_deref(), |rec, out| {
                        rule_keys(data, &parts, rec, out)
                    })?;
                match cfg.resolve_unknown(i)? {
                    Some(u) => rule.with_unknown(unknown_flags(data, u, 0..data.n))?,
                    None => rule,
                }
            };
            rules.push(rule);
        }
        Blocking::new(mode, data.n, rules)
    }

    /// Evaluate candidate generation on a table whose `truth_column` holds the true entity
    /// of each row: pairs completeness overall and by script of the names, reduction ratio.
    ///
    /// # Errors
    /// Input errors for missing columns.
    pub fn evaluate_blocking(
        &self,
        table: &Table,
        truth_column: &str,
    ) -> Result<BlockingEvaluation> {
        let t0 = Instant::now();
        let truth_col = table.column(truth_column).ok_or_else(|| {
            Error::input(
                None,
                None,
                Some(truth_column),
                "the truth column is missing",
            )
        })?;
        let input = self.input(vec![table])?;
        let data = self.prepare(&input);
        let blocking = self.blocking(&data, Mode::Dedupe)?;
        let name_col = self
            .config
            .fields
            .iter()
            .find(|f| f.kind == FieldKind::Name)
            .map(|f| f.column.clone());
        let script: Vec<u8> = input
            .origin
            .iter()
            .map(
                |&(_, r)| match name_col.as_deref().and_then(|c| table.value(r, c)) {
                    Some(v) if crate::text::detect_script(v) == crate::text::Script::Arabic => 0,
                    Some(_) => 1,
                    None => 2,
                },
            )
            .collect();
        const KINDS: [&str; 6] = ["ar-ar", "ar-lat", "lat-lat", "ar-none", "lat-none", "none"];
        let kind = |a: u8, b: u8| -> usize {
            match (a.min(b), a.max(b)) {
                (0, 0) => 0,
                (0, 1) => 1,
                (1, 1) => 2,
                (0, 2) => 3,
                (1, 2) => 4,
                _ => 5,
            }
        };
        let truth: Vec<&str> = input
            .origin
            .iter()
            .map(|&(_, r)| truth_col.raw(r).trim())
            .collect();
        let mut groups: std::collections::HashMap<&str, Vec<usize>> =
            std::collections::HashMap::new();
        for (i, t) in truth.iter().enumerate() {
            if !t.is_empty() {
                groups.entry(t).or_default().push(i);
            }
        }
        let mut true_by = [0u64; 6];
        for g in groups.values() {
            for (x, &a) in g.iter().enumerate() {
                for &b in &g[x + 1..] {
                    true_by[kind(script[a], script[b])] += 1;
                }
            }
        }
        let mut found_by = [0u64; 6];
        let mut found_by_rule = vec![0u64; blocking.rules().len()];
        let report = blocking.for_each_batch(1 << 18, |batch| {
            for p in batch {
                let (a, b) = (p.left as usize, p.right as usize);
                if !truth[a].is_empty() && truth[a] == truth[b] {
                    found_by[kind(script[a], script[b])] += 1;
                    found_by_rule[usize::from(p.rule)] += 1;
                }
            }
        });
        Ok(BlockingEvaluation {
            report,
            true_pairs: true_by.iter().sum(),
            found: found_by.iter().sum(),
            by_kind: KINDS
                .iter()
                .zip(true_by.iter().zip(&found_by))
                .filter(|(_, (t, _))| **t > 0)
                .map(|(k, (t, f))| (k.to_string(), *t, *f))
                .collect(),
            found_by_rule,
            seconds: t0.elapsed().as_secs_f64(),
        })
    }

    fn tf_enabled(&self) -> Vec<bool> {
        self.config
            .fields
            .iter()
            .map(FieldConfig::tf_enabled)
            .collect()
    }

    /// Train a model on one dataset (dedupe mode) without labels.
    ///
    /// # Errors
    /// Input errors for missing columns.
    pub fn train(&self, table: &Table) -> Result<(FellegiSunter, TrainingReport)> {
        let (data, _) = self.prepare_table(table)?;
        self.train_prepared(&data)
    }

    /// The usable rows of `table`, prepared, with their unique ids.
    pub(crate) fn prepare_table(&self, table: &Table) -> Result<(PreparedDataset, Vec<String>)> {
        let input = self.input(vec![table])?;
        Ok((self.prepare(&input), input.ids))
    }

    /// Train on a prepared dataset (dedupe mode).
    pub(crate) fn train_prepared(
        &self,
        data: &PreparedDataset,
    ) -> Result<(FellegiSunter, TrainingReport)> {
        let blocking = self.blocking(data, Mode::Dedupe)?;
        self.train_on(data, &blocking, &NoProgress)
    }

    fn train_on(
        &self,
        data: &PreparedDataset,
        blocking: &Blocking,
        progress: &dyn Progress,
    ) -> Result<(FellegiSunter, TrainingReport)> {
        let width = data.fields.len();
        let specs = self.level_specs();
        let mut model = FellegiSunter::with_defaults(1e-4, &specs)?;
        // Term-frequency weights: full at exact agreement, fading over the fuzzy levels.
        for (c, enabled) in model.comparisons.iter_mut().zip(self.tf_enabled()) {
            let k = c.levels.len();
            for (i, l) in c.levels.iter_mut().enumerate() {
                l.tf_weight = if enabled && i + 1 < k {
                    (1.0 - i as f64 / (k - 1) as f64).clamp(0.0, 1.0)
                } else {
                    0.0
                };
            }
        }
        let n = data.n as u64;
        let (left_len, right_len) = match blocking.mode() {
            Mode::Dedupe => (n, n),
            Mode::Link { left_len } => (u64::from(left_len), n - u64::from(left_len)),
        };
        // u from random pairs.
        // At most 100 random pairs per record: enough for u of every level, bounded work.
        let u_pairs = self.config.u_sample_pairs.min(100 * n);
        progress.start("training: u from random pairs", u_pairs);
        let mut rng = SplitMix64::new(self.config.seed);
        let mut random_pairs = Vec::new();
        if left_len > 0 && right_len > 0 && n >= 2 {
            for _ in 0..u_pairs {
                let a = rng.below(left_len);
                let b = match blocking.mode() {
                    Mode::Dedupe => rng.below(n),
                    Mode::Link { left_len } => u64::from(left_len) + rng.below(right_len),
                };
                if a != b {
                    random_pairs.push(CandidatePair {
                        left: a as u32,
                        right: b as u32,
                        rule: 0,
                    });
                }
            }
        }
        let u_counts = vectors(data, &random_pairs, width);
        progress.advance(random_pairs.len() as u64);
        progress.finish();
        model.estimate_u(&u_counts, 1.0);

        // A bounded, deterministic sample of candidate pairs for EM: keep pairs whose hash is
        // below a threshold that halves whenever the sample grows too big.
        progress.start("training: sampling candidate pairs", 0);
        let cap = 2_000_000usize;
        let salt = mix64(self.config.seed ^ 0xE11);
        let mut limit = u64::MAX;
        let mut sample: Vec<(u64, CandidatePair)> = Vec::new();
        let mut per_rule = vec![0u64; blocking.rules().len()];
        let mut total = 0u64;
        blocking.for_each_batch(1 << 18, |batch| {
            total += batch.len() as u64;
            for p in batch {
                per_rule[p.rule as usize] += 1;
                let h = mix64(salt ^ (u64::from(p.left) << 32 | u64::from(p.right)));
                if h < limit {
                    sample.push((h, *p));
                }
            }
            while sample.len() > 2 * cap {
                limit /= 2;
                sample.retain(|(h, _)| *h < limit);
            }
            progress.advance(batch.len() as u64);
        });
        progress.finish();
        sample.sort_unstable_by_key(|(_, p)| (p.left, p.right));
        let pairs: Vec<CandidatePair> = sample.into_iter().map(|(_, p)| p).collect();

        // EM: one pass per blocking rule with the rule's fields fixed; fields fixed in
        // every pass are learned in a final pass over all sampled pairs.
        progress.start("training: expectation maximisation", 0);
        let rule_fields: Vec<Vec<bool>> = (0..blocking.rules().len())
            .map(|i| {
                let mut fixed = vec![false; width];
                let mut cfg = self.config.clone();
                cfg.blocking = self.config.effective_blocking();
                if let Ok((parts, sorted)) = cfg.resolve_rule(i) {
                    for p in parts {
                        fixed[p.field] = true;
                    }
                    if let Some(f) = sorted {
                        fixed[f] = true;
                    }
                }
                fixed
            })
            .collect();
        // Each sampled pair is compared once; every pass counts the vectors it needs.
        let rows = vector_rows(data, &pairs, width);
        let mut passes = Vec::new();
        let mut names = Vec::new();
        for (ri, fixed) in rule_fields.iter().enumerate() {
            // Every sampled pair the rule covers, not only those it produced first: pairs
            // sharing an id are produced by the id rule, yet belong in the name rules' passes.
            let rule = &blocking.rules()[ri];
            let covered: Vec<bool> = pairs.iter().map(|p| rule.covers(p.left, p.right)).collect();
            if covered.iter().filter(|&&c| c).count() < 100 {
                continue;
            }
            passes.push((count_rows(&rows, width, Some(&covered)), fixed.clone()));
            names.push(blocking.rules()[ri].name().to_string());
        }
        let never_free: Vec<bool> = (0..width)
            .map(|f| passes.iter().all(|(_, fx)| fx[f]))
            .collect();
        let all = count_rows(&rows, width, None);
        if never_free.iter().any(|&x| x) || passes.is_empty() {
            passes.push((all.clone(), vec![false; width]));
            names.push("all candidates".into());
        }
        let reports = model.train_em_passes(&passes, &self.config.em);
        progress.finish();

        // λ from a deterministic rule when there is one: pairs sharing an identifier are
        // (almost all) matches, and the rule finds a share fill² · m(id exact) of all
        // matches. Otherwise: the share of matches EM finds among all candidates, scaled to
        // all pairs (blocking is built to miss almost no true pair).
        let possible = blocking.possible_pairs().max(1.0);
        let id_rule = (0..blocking.rules().len()).find_map(|i| {
            let mut cfg = self.config.clone();
            cfg.blocking = self.config.effective_blocking();
            let (parts, sorted) = cfg.resolve_rule(i).ok()?;
            match (parts.as_slice(), sorted) {
                ([p], None) if cfg.fields[p.field].kind == FieldKind::Id && per_rule[i] > 0 => {
                    Some((i, p.field))
                }
                _ => None,
            }
        });
        let (prior, prior_method) = match id_rule {
            Some((ri, field)) => {
                let mut keys = Vec::new();
                let filled = (0..data.n)
                    .filter(|&r| {
                        keys.clear();
                        data.fields[field].keys(r, crate::schema::KeyPart::Value, &mut keys);
                        !keys.is_empty()
                    })
                    .count() as f64
                    / data.n.max(1) as f64;
                let m_exact = model.comparisons[field].levels[0].m;
                let recall = (filled * filled * m_exact).max(1e-6);
                let prior = (per_rule[ri] as f64 / recall / possible).clamp(1e-12, 0.5);
                let method = format!(
                    "deterministic rule {:?}: {} pairs, recall fill² · m(exact) = {filled:.3}² · {m_exact:.3}, {possible:.0} possible pairs",
                    blocking.rules()[ri].name(),
                    per_rule[ri]
                );
                (prior, method)
            }
            None => {
                let mut probe = model.clone();
                let em_all = probe.train_em(&all, &vec![true; width], &self.config.em);
                let prior = (em_all.block_prior * total as f64 / possible).clamp(1e-12, 0.5);
                let method = format!(
                    "em share of matches among {total} candidate pairs ({:.4}) scaled to {possible:.0} possible pairs",
                    em_all.block_prior
                );
                (prior, method)
            }
        };
        model.prior = prior;
        let report = TrainingReport {
            u_pairs: random_pairs.len() as u64,
            em_pairs: pairs.len() as u64,
            prior_method,
            prior,
            passes: names.into_iter().zip(reports).collect(),
        };
        Ok((model, report))
    }

    /// Deduplicate one table.
    ///
    /// # Errors
    /// Input errors for missing columns; config errors for blocking rules.
    pub fn dedupe(&self, table: &Table) -> Result<MatchResult> {
        self.dedupe_with(table, &NoProgress)
    }

    /// [`Matcher::dedupe`] reporting progress.
    ///
    /// # Errors
    /// As [`Matcher::dedupe`].
    pub fn dedupe_with(&self, table: &Table, progress: &dyn Progress) -> Result<MatchResult> {
        self.run(vec![table], progress)
    }

    /// Link two tables: pairs are only formed across them; clusters may hold several
    /// records of each side.
    ///
    /// # Errors
    /// As [`Matcher::dedupe`].
    pub fn link(&self, left: &Table, right: &Table) -> Result<MatchResult> {
        self.link_with(left, right, &NoProgress)
    }

    /// [`Matcher::link`] reporting progress.
    ///
    /// # Errors
    /// As [`Matcher::dedupe`].
    pub fn link_with(
        &self,
        left: &Table,
        right: &Table,
        progress: &dyn Progress,
    ) -> Result<MatchResult> {
        self.run(vec![left, right], progress)
    }

    /// Scored pairs of one table (dedupe mode) at or above [`Matcher::pairs_threshold`].
    ///
    /// # Errors
    /// As [`Matcher::dedupe`].
    pub fn predict(&self, table: &Table) -> Result<Vec<ScoredPair>> {
        Ok(self.dedupe(table)?.pairs)
    }

    fn run(&self, tables: Vec<&Table>, progress: &dyn Progress) -> Result<MatchResult> {
        let mut report = RunReport::default();
        let t0 = Instant::now();
        let link = tables.len() == 2;
        let input = self.input(tables)?;
        progress.start("prepare", input.origin.len() as u64);
        let data = self.prepare(&input);
        progress.advance(input.origin.len() as u64);
        progress.finish();
        report.rows = input.rows;
        report.records = input.origin.len();
        report.rejected = input.rejects.len();
        report.nulls = self
            .config
            .fields
            .iter()
            .zip(&data.fields)
            .map(|(f, d)| {
                (
                    f.column.clone(),
                    d.null_reasons()
                        .into_iter()
                        .map(|(r, c)| (r.to_string(), c))
                        .collect(),
                )
            })
            .collect();
        report
            .seconds
            .push(("prepare".into(), t0.elapsed().as_secs_f64()));

        let t1 = Instant::now();
        let mode = if link {
            let left_len = input.origin.iter().filter(|(s, _)| *s == 0).count() as u32;
            Mode::Link { left_len }
        } else {
            Mode::Dedupe
        };
        let blocking = self.blocking(&data, mode)?;
        let model = match &self.model {
            Some(m) => m.clone(),
            None => {
                let (m, tr) = self.train_on(&data, &blocking, progress)?;
                report.training = Some(tr);
                m
            }
        };
        report
            .seconds
            .push(("block+train".into(), t1.elapsed().as_secs_f64()));

        // Score all candidates in streamed batches; keep pairs above the pairs threshold.
        let t2 = Instant::now();
        let keep = self.pairs_threshold();
        let tf_enabled = self.tf_enabled();
        let width = data.fields.len();
        type Kept = (CandidatePair, Vec<Level>, Vec<Option<f64>>, f64);
        let mut kept: Vec<Kept> = Vec::new();
        progress.start("score", 0);
        let breport = blocking.for_each_batch(1 << 16, |batch| {
            let score = |p: &CandidatePair| {
                let mut v = vec![Level::NULL; width];
                let mut tf = vec![None; width];
                data.compare_into(p.left as usize, &data, p.right as usize, &mut v);
                data.tf_into(
                    p.left as usize,
                    &data,
                    p.right as usize,
                    &model,
                    &tf_enabled,
                    &mut tf,
                );
                let w = model.match_weight_tf(&v, &tf);
                (match_probability(w) >= keep).then_some((*p, v, tf, w))
            };
            #[cfg(feature = "parallel")]
            let scored: Vec<_> = batch.par_iter().filter_map(score).collect();
            #[cfg(not(feature = "parallel"))]
            let scored: Vec<_> = batch.iter().filter_map(score).collect();
            kept.extend(scored);
            progress.advance(batch.len() as u64);
        });
        progress.finish();
        report.pairs_scored = breport.total_pairs;
        report.warnings.extend(breport.warnings());
        report.blocking = Some(breport);
        report
            .seconds
            .push(("score".into(), t2.elapsed().as_secs_f64()));

        let t3 = Instant::now();
        progress.start("cluster", 0);
        let edges: Vec<Edge> = kept
            .iter()
            .map(|(p, _, _, w)| Edge {
                a: p.left,
                b: p.right,
                probability: match_probability(*w),
            })
            .collect();
        let clustering = cluster(data.n, &edges, &self.config.cluster_options())?;
        let named = clustering.named_ids(&input.ids);
        progress.finish();
        report.pairs_above_threshold = edges
            .iter()
            .filter(|e| e.probability >= self.config.threshold)
            .count() as u64;
        report.clusters = clustering.cluster_count as usize;
        report.multi_record_clusters = clustering.stats.len();
        report.largest_cluster = clustering.stats.iter().map(|s| s.size).max().unwrap_or(1);
        report.split_clusters = clustering.split_components;
        let weak = clustering
            .weak_clusters(self.config.threshold.max(0.95), 0.3)
            .len();
        if weak > 0 {
            report.warnings.push(format!(
                "{weak} cluster(s) of 3+ records are held together by weak or few links; review them or set min_density"
            ));
        }
        report
            .seconds
            .push(("cluster".into(), t3.elapsed().as_secs_f64()));

        // Records back in input order; the clustering follows them.
        let mut perm: Vec<usize> = (0..input.origin.len()).collect();
        perm.sort_unstable_by_key(|&i| input.origin[i]);
        let records = perm
            .iter()
            .map(|&i| RecordCluster {
                source: input.origin[i].0,
                row: input.origin[i].1,
                unique_id: input.ids[i].clone(),
                cluster_id: named[i].clone(),
            })
            .collect();
        let mut clustering = clustering;
        clustering.cluster_of = perm.iter().map(|&i| clustering.cluster_of[i]).collect();
        let pairs = kept
            .into_iter()
            .map(|(p, levels, term_frequencies, w)| ScoredPair {
                left: input.origin[p.left as usize],
                right: input.origin[p.right as usize],
                unique_id_l: input.ids[p.left as usize].clone(),
                unique_id_r: input.ids[p.right as usize].clone(),
                levels,
                term_frequencies,
                match_weight: w,
                match_probability: match_probability(w),
            })
            .collect();
        Ok(MatchResult {
            records,
            rejects: input.rejects,
            pairs,
            model,
            clustering,
            report,
        })
    }

    /// Explain the score of two records given as `(column, value)` lists.
    ///
    /// # Errors
    /// A config error when no model is set.
    pub fn explain(&self, a: &[(&str, &str)], b: &[(&str, &str)]) -> Result<Explanation> {
        let model = self
            .model
            .as_ref()
            .ok_or_else(|| Error::config("model", "no model: train or load one first"))?;
        let da = PreparedDataset::build_record(&self.config, a);
        let db = PreparedDataset::build_record(&self.config, b);
        let width = da.fields.len();
        let mut v = vec![Level::NULL; width];
        da.compare_into(0, &db, 0, &mut v);
        Ok(model.explain(&v, &vec![None; width]))
    }
}

/// Keys of record `rec` for a rule with `parts`: the cartesian product of each part's keys.
/// Whether each record of `records` lacks the key `part` (unknown for a rule).
pub(crate) fn unknown_flags(
    data: &PreparedDataset,
    part: crate::schema::ResolvedPart,
    records: std::ops::Range<usize>,
) -> Vec<bool> {
    let mut keys = Vec::new();
    records
        .map(|r| {
            keys.clear();
            data.fields[part.field].keys(r, part.key, &mut keys);
            keys.is_empty()
        })
        .collect()
}

pub(crate) fn rule_keys(
    data: &PreparedDataset,
    parts: &[crate::schema::ResolvedPart],
    rec: usize,
    out: &mut Vec<u64>,
) {
    let mut acc: Vec<u64> = vec![0x5EED];
    let mut tmp = Vec::new();
    for (i, p) in parts.iter().enumerate() {
        tmp.clear();
        data.fields[p.field].keys(rec, p.key, &mut tmp);
        tmp.sort_unstable();
        tmp.dedup();
        if tmp.is_empty() {
            return;
        }
        let mut next = Vec::with_capacity(acc.len() * tmp.len());
        for &a in &acc {
            for &k in &tmp {
                next.push(mix64(a ^ k.rotate_left(i as u32 * 7 + 1)));
            }
        }
        acc = next;
        if acc.len() > 256 {
            acc.truncate(256);
        }
    }
    if !parts.is_empty() {
        out.extend(acc);
    }
}

/// Comparison vectors of pairs, one row of `width` levels per pair, in pair order.
fn vector_rows(data: &PreparedDataset, pairs: &[CandidatePair], width: usize) -> Vec<Level> {
    let chunk = |ps: &[CandidatePair]| {
        let mut out = Vec::with_capacity(ps.len() * width);
        let mut v = vec![Level::NULL; width];
        for p in ps {
            data.compare_into(p.left as usize, data, p.right as usize, &mut v);
            out.extend_from_slice(&v);
        }
        out
    };
    #[cfg(feature = "parallel")]
    let parts: Vec<Vec<Level>> = pairs.par_chunks(8192).map(chunk).collect();
    #[cfg(not(feature = "parallel"))]
    let parts: Vec<Vec<Level>> = pairs.chunks(8192).map(chunk).collect();
    parts.concat()
}

/// Counts of the rows of [`vector_rows`], of every row or of the rows with `keep[i]`.
fn count_rows(rows: &[Level], width: usize, keep: Option<&[bool]>) -> PatternCounts {
    const CHUNK: usize = 8192;
    let chunk = |(c, part): (usize, &[Level])| {
        let mut pc = PatternCounts::new(width);
        for (i, v) in part.chunks_exact(width).enumerate() {
            if keep.is_none_or(|k| k[c * CHUNK + i]) {
                pc.add(v);
            }
        }
        pc
    };
    let mut all = PatternCounts::new(width);
    if width == 0 {
        return all;
    }
    #[cfg(feature = "parallel")]
    let parts: Vec<PatternCounts> = rows
        .par_chunks(CHUNK * width)
        .enumerate()
        .map(chunk)
        .collect();
    #[cfg(not(feature = "parallel"))]
    let parts: Vec<PatternCounts> = rows.chunks(CHUNK * width).enumerate().map(chunk).collect();
    for p in parts {
        all.merge(p);
    }
    all
}

/// Comparison vectors of pairs, counted.
fn vectors(data: &PreparedDataset, pairs: &[CandidatePair], width: usize) -> PatternCounts {
    let chunk = |ps: &[CandidatePair]| {
        let mut pc = PatternCounts::new(width);
        let mut v = vec![Level::NULL; width];
        for p in ps {
            data.compare_into(p.left as usize, data, p.right as usize, &mut v);
            pc.add(&v);
        }
        pc
    };
    #[cfg(feature = "parallel")]
    let parts: Vec<PatternCounts> = pairs.par_chunks(8192).map(chunk).collect();
    #[cfg(not(feature = "parallel"))]
    let parts: Vec<PatternCounts> = pairs.chunks(8192).map(chunk).collect();
    let mut all = PatternCounts::new(width);
    for p in parts {
        all.merge(p);
    }
    all
}
