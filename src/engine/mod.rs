//! The engine: the [`Matcher`] runs the stages in order — ingest, prepare, block, (train),
//! score, cluster — for dedupe (one table), link (two) and predict, trains models, and builds
//! query indexes.
//!
//! Owns: the orchestration of a run, its result ([`MatchResult`]) and report
//! ([`RunReport`]), and blocking evaluation against a truth.
//! Must not know: how any stage does its work (each stage's module owns that).
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

mod evaluate;
mod labels;
mod parts;
mod previous;
mod run;
mod saved;

pub use labels::{AppliedLabel, PairLabel};
pub use parts::{BlockEdge, BlockMembership, BlockPart, BlockRule, TermCounts};
pub use run::{MatchResult, RowOutcome, RunReport};

use crate::block::{BlockingPlan, Mode};
use crate::core::{Level, LevelSpec, NoProgress, Progress};
use crate::ingest::Records;
use crate::prepare::{self, PreparedDataset};
use crate::schema::{Config, FieldConfig, FieldKind};
use crate::score::{Explanation, FellegiSunter, ScoredPair, Training, TrainingReport};
use crate::{Error, Result, Table};

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

/// The engine: a validated config with its blocking plan, and optionally a trained model.
#[derive(Clone, Debug)]
pub struct Matcher {
    config: Config,
    /// The config's blocking rules, resolved once.
    plan: BlockingPlan,
    model: Option<FellegiSunter>,
    /// Reviewers' decisions applied in every run.
    labels: Vec<PairLabel>,
}

impl Matcher {
    /// A matcher for `config`.
    ///
    /// # Errors
    /// A config error when the config is invalid.
    pub fn new(config: Config) -> Result<Self> {
        config.validate()?;
        let plan = BlockingPlan::new(&config)?;
        Ok(Matcher {
            config,
            plan,
            model: None,
            labels: Vec::new(),
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

    /// Apply reviewers' decisions in every run: a match joins the two records (must-link),
    /// a non-match keeps them apart whatever chain of links would join them (cannot-link);
    /// labelled matches also refine the m of a model learned in the run. The run report
    /// lists every decision with its effect ([`RunReport::labels`]).
    ///
    /// ```
    /// use hawiya::{Matcher, PairLabel, Table};
    /// # fn main() -> hawiya::Result<()> {
    /// let mut t = Table::new(vec!["unique_id".into(), "full_name".into()])?;
    /// t.push_row(&["1", "صالح الفضالة"])?;
    /// t.push_row(&["2", "Saleh Al-Fadhala"])?;
    /// t.push_row(&["3", "Mona Haddad"])?;
    /// let m = Matcher::builder().name("full_name").build()?
    ///     .with_labels(vec![PairLabel::new("1", "3", true), PairLabel::new("1", "2", false)]);
    /// let r = m.dedupe(&t)?;
    /// let cluster = |id: &str| r.records.iter().find(|x| x.unique_id == id).map(|x| x.cluster_id.clone());
    /// assert_eq!(cluster("3"), cluster("1"));
    /// assert_ne!(cluster("2"), cluster("1"));
    /// assert_eq!(r.report.labels.len(), 2);
    /// # Ok(()) }
    /// ```
    pub fn with_labels(mut self, labels: Vec<PairLabel>) -> Self {
        self.labels = labels;
        self
    }

    /// The reviewers' decisions applied in every run.
    pub fn labels(&self) -> &[PairLabel] {
        &self.labels
    }

    /// Probability at or above which pairs are kept in results: the lower of the clustering
    /// threshold and 0.5.
    pub fn pairs_threshold(&self) -> f64 {
        self.config.threshold.min(0.5)
    }

    /// The comparison levels of every field, by column.
    fn level_specs(&self) -> Vec<(String, Vec<LevelSpec>)> {
        self.config
            .fields
            .iter()
            .map(|f| (f.column.clone(), prepare::level_specs(f)))
            .collect()
    }

    /// The usable rows of `table`, prepared, with their unique ids.
    pub(crate) fn prepare_table(&self, table: &Table) -> Result<(PreparedDataset, Vec<String>)> {
        let records = Records::new(&self.config, &[table])?;
        let data = PreparedDataset::from_records(&self.config, &records);
        let (_, ids, _) = records.into_parts();
        Ok((data, ids))
    }

    /// The blocking plan of the config.
    pub(crate) fn plan(&self) -> &BlockingPlan {
        &self.plan
    }

    /// Train a model on one dataset (dedupe mode) without labels.
    ///
    /// # Errors
    /// Input errors for missing columns.
    pub fn train(&self, table: &Table) -> Result<(FellegiSunter, TrainingReport)> {
        let (data, _) = self.prepare_table(table)?;
        self.train_prepared(&data)
    }

    /// Train on a prepared dataset (dedupe mode).
    pub(crate) fn train_prepared(
        &self,
        data: &PreparedDataset,
    ) -> Result<(FellegiSunter, TrainingReport)> {
        let blocking = self.plan.blocking(data, Mode::Dedupe)?;
        let specs = self.level_specs();
        Training {
            config: &self.config,
            plan: &self.plan,
            data,
            blocking: &blocking,
            specs: &specs,
        }
        .run(&NoProgress)
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
        self.run(&[table], progress)
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
        self.run(&[left, right], progress)
    }

    /// Scored pairs of one table (dedupe mode) at or above [`Matcher::pairs_threshold`].
    ///
    /// # Errors
    /// As [`Matcher::dedupe`].
    pub fn predict(&self, table: &Table) -> Result<Vec<ScoredPair>> {
        Ok(self.dedupe(table)?.pairs)
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
        let width = da.width();
        let mut v = vec![Level::NULL; width];
        da.compare_into(0, &db, 0, &mut v);
        Ok(model.explain(&v, &vec![None; width]))
    }
}

#[cfg(test)]
mod tests;
