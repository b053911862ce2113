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
}

impl Default for EmOptions {
    fn default() -> Self {
        EmOptions {
            max_iterations: 100,
            tolerance: 1e-5,
            estimate_u: false,
            initial_block_prior: 0.1,
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
    /// are re-clustered with a stricter threshold. 0 (default) turns the guard off.
    pub min_density: f64,
    /// How much the threshold rises per re-clustering step (default 0.02).
    pub threshold_step: f64,
}

impl Default for ClusterOptions {
    fn default() -> Self {
        ClusterOptions {
            threshold: 0.9,
            min_density: 0.0,
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
