//! Scoring one candidate pair: its comparison vector, the term frequencies of its agreeing
//! values, and the match weight under a model.

use serde::{Deserialize, Serialize};

use super::FellegiSunter;
use crate::core::Level;
use crate::prepare::PreparedDataset;
use crate::schema::{Config, FieldConfig};

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

/// A model and the fields whose agreeing values are adjusted by their frequency.
#[derive(Debug)]
pub(crate) struct Scorer<'a> {
    model: &'a FellegiSunter,
    tf_enabled: Vec<bool>,
}

impl<'a> Scorer<'a> {
    pub(crate) fn new(model: &'a FellegiSunter, config: &Config) -> Self {
        Scorer {
            model,
            tf_enabled: config.fields.iter().map(FieldConfig::tf_enabled).collect(),
        }
    }

    /// The match weight of record `a` of `left` and record `b` of `right`, with the
    /// comparison vector in `levels` and the term frequencies in `tf`.
    pub(crate) fn score(
        &self,
        left: &PreparedDataset,
        a: usize,
        right: &PreparedDataset,
        b: usize,
        levels: &mut [Level],
        tf: &mut [Option<f64>],
    ) -> f64 {
        left.compare_into(a, right, b, levels);
        self.term_frequencies(left, a, tf);
        self.model.match_weight_tf(levels, tf)
    }

    /// Term frequencies of record `a`'s values, shrunk towards the model's average
    /// agreement `u₀` of each field: `(count + 1) / (total + 1/u₀)`. On a large dataset this
    /// is the value's share; on a handful of records it stays near `u₀` (no adjustment),
    /// instead of calling every value of a three-row table "very common".
    fn term_frequencies(&self, data: &PreparedDataset, a: usize, out: &mut [Option<f64>]) {
        for (i, slot) in out.iter_mut().enumerate() {
            *slot = if self.tf_enabled[i] {
                let u0 = self
                    .model
                    .comparisons
                    .get(i)
                    .and_then(|c| c.levels.first())
                    .map_or(1.0, |l| l.u);
                data.column(i)
                    .term_count(a)
                    .map(|(count, total)| (count as f64 + 1.0) / (total as f64 + 1.0 / u0))
            } else {
                None
            };
        }
    }
}
