//! Probabilistic scoring: comparison vectors → Fellegi–Sunter match weights.
//!
//! A candidate pair is described by a **comparison vector**: for each configured field one
//! [`Level`] (an index into that field's ordered levels, strongest agreement first, or
//! [`Level::NULL`] when either side is missing). The [`FellegiSunter`] model holds, for each
//! field and level, `m = P(level | match)` and `u = P(level | non-match)`, plus the prior
//! `λ = P(match)` of two records of a candidate pair. A pair's **match weight** is
//!
//! ```text
//! w = log2(λ / (1 − λ)) + Σ_fields log2(m_level / u_level) [+ term-frequency adjustments]
//! ```
//!
//! and its match probability is `2^w / (1 + 2^w)`. Null levels contribute nothing.
//!
//! Training without labels: `u` from random record pairs ([`FellegiSunter::estimate_u`]),
//! `λ` from deterministic rules ([`prior_from_rule_count`]), `m` by expectation maximisation
//! over blocked pairs ([`FellegiSunter::train_em`]), one pass per blocking rule with the
//! fields used for blocking held fixed. Training with labels: [`FellegiSunter::train_labelled`].
//!
//! Owns: the model and its JSON form, EM, training without labels (u sampling, EM passes,
//! prior), comparison vectors of candidate pairs, term-frequency adjustment, scoring a
//! pair, explanations.
//! Must not know: how values are parsed or keyed (`prepare`), how candidates are found
//! (`block` hands it the pairs), how pairs become clusters.

mod em;
mod explain;
mod model;
mod patterns;
mod prior;
mod scorer;
mod train;
mod vectors;

pub use em::EmReport;
pub use explain::{Contribution, Explanation};
pub use model::{
    ComparisonParams, FellegiSunter, LevelParams, MODEL_FORMAT_VERSION, match_probability,
    prior_from_rule_count,
};
pub use patterns::PatternCounts;
pub use scorer::ScoredPair;
pub(crate) use scorer::Scorer;
pub(crate) use train::Training;
pub use train::{PriorShare, TrainingReport};
