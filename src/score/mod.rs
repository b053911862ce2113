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

mod em;
mod explain;
mod levels;
mod model;
mod patterns;

pub use em::{EmOptions, EmReport};
pub use explain::{Contribution, Explanation};
pub use levels::{Level, LevelSpec, SimilarityLevels};
pub use model::{
    ComparisonParams, FellegiSunter, LevelParams, MODEL_FORMAT_VERSION, match_probability,
    prior_from_rule_count,
};
pub use patterns::PatternCounts;
