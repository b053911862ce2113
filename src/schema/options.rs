//! Options of the training and clustering stages, as they appear in a config.

use serde::{Deserialize, Serialize};

/// Options of an EM run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct EmOptions {
    /// Maximum iterations (default 100).
    pub max_iterations: usize,
    /// Stop when no m, u or the block prior moves by more than this (default 1e-5).
    pub tolerance: f64,
    /// Also re-estimate u (default false: u comes from random pairs, which is more reliable).
    pub estimate_u: bool,
    /// Starting share of matches among the blocked pairs (default 0.1).
    pub initial_block_prior: f64,
    /// Weight of the built-in prior model's m, in pseudo-matches added to the expected
    /// matches of every EM step (default 10: most of the model on a file of a few dozen
    /// records, nothing against thousands of matches). 0 turns it off.
    pub prior_matches: f64,
    /// Weight of the built-in prior model's u, in pseudo-pairs added to the random pairs
    /// that measure u (default 1,000: most of a rare level's u on a file with a few
    /// hundred distinct pairs, 0.1 % of a million). 0 turns it off (additive smoothing of 1
    /// per level, as for levels the prior does not know).
    pub prior_non_matches: f64,
    /// Candidate pairs sampled for EM (default 500,000): a deterministic sample by pair
    /// hash whose acceptance halves whenever it grows past twice this, so EM sees between
    /// this many and twice as many pairs (all of them when there are fewer). On generated
    /// registries of 200k and 1M records and on historical_50k, 500,000 gave the F1 of
    /// 2,000,000 in a third of the training time. At least 1.
    pub sample_pairs: usize,
}

impl Default for EmOptions {
    fn default() -> Self {
        EmOptions {
            max_iterations: 100,
            tolerance: 1e-5,
            estimate_u: false,
            initial_block_prior: 0.1,
            prior_matches: 10.0,
            prior_non_matches: 1000.0,
            sample_pairs: 500_000,
        }
    }
}

/// How to cluster.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ClusterOptions {
    /// Minimum match probability of an edge (default 0.9).
    pub threshold: f64,
    /// Components of ≥ 3 records with fewer linked pairs than this share of all their pairs
    /// are re-clustered with a stricter threshold (default 0.3; 0 turns the guard off).
    /// One person's records link to most of each other; a chain of look-alikes (a common
    /// name with a typo here, a shared date there) links each record to a few. On the
    /// historical_50k benchmark the guard took the largest cluster from 228 records to 40
    /// and pairwise precision from 0.79 to 0.95 (recall 0.883 → 0.879); on generated
    /// registries it changed nothing.
    pub min_density: f64,
    /// How much the threshold rises per re-clustering step (default 0.02).
    pub threshold_step: f64,
}

impl Default for ClusterOptions {
    fn default() -> Self {
        ClusterOptions {
            threshold: 0.9,
            min_density: 0.3,
            threshold_step: 0.02,
        }
    }
}

impl ClusterOptions {
    /// Check the values.
    ///
    /// # Errors
    /// A config error naming the bad option.
    pub fn validate(&self) -> crate::Result<()> {
        if !(0.0..=1.0).contains(&self.threshold) {
            return Err(crate::Error::config(
                "threshold",
                format!("{} is not in [0, 1]", self.threshold),
            ));
        }
        if !(0.0..=1.0).contains(&self.min_density) {
            return Err(crate::Error::config("min_density", "must be in [0, 1]"));
        }
        if self.min_density > 0.0 && !(self.threshold_step > 0.0 && self.threshold_step <= 1.0) {
            return Err(crate::Error::config("threshold_step", "must be in (0, 1]"));
        }
        Ok(())
    }
}
