//! # hawiya — find the same person across registries, in any script
//!
//! hawiya (Arabic هوية, "identity") links and deduplicates person records whose names are
//! written in Arabic script and in several Latin transliterations (`صالح الفضالة`,
//! `Saleh Al-Fadhala`, `Salih al-Fudala`, `SALEH ALFADHALAH`), with dates of birth in
//! Gregorian or Hijri, civil IDs with typos, or no ID at all.
//!
//! The data flow is `prepare → block → score → cluster`: every field is normalised once per
//! record, candidate pairs come from cross-script blocking keys, pairs are scored with a
//! Fellegi–Sunter model learned without labels, and pairs above a threshold are clustered.
//! See the repository's `DESIGN.md` for the reasons behind keys, schemes and thresholds.
//!
//! ## Stages and modules
//! Each stage has one module, and a module uses only the modules before it:
//! `core` (levels, hashing, the random generator, the parallel helper) → `text` →
//! `similarity` → `name` → `field` → `schema` → `ingest` ([`Records`]) → `prepare` →
//! `block` → `score` → `cluster` → `engine` ([`Matcher`]) → `index` ([`Index`]) → `report`
//! ([`Report`], review); `eval` reads results and labels. The pipeline's types are
//! re-exported here; five namespaces are part of the API on their own: [`name`] (normalising and comparing names),
//! [`field`] (dates, identifiers, gender, nationality, phones), [`similarity`] and
//! [`text`] (string kernels and character folding), and [`eval`] (metrics).
//!
//! ## Cargo features
//! - `parallel` (default): rayon parallelism. A build without it gives identical results.
//!
//! ## Errors
//! Only configuration, input reading and model loading fail, with an [`Error`] naming the
//! file, row and field. Normalising and comparing are total functions.
#![deny(missing_docs)]
#![forbid(unsafe_code)]

mod block;
mod cluster;
mod core;
mod engine;
mod error;
pub mod eval;
pub mod field;
mod index;
mod ingest;
pub mod name;
mod prepare;
mod report;
mod schema;
mod score;
pub mod similarity;
pub mod text;

pub use block::{BlockingReport, RuleReport};
pub use cluster::{
    ChangeKind, ClusterStats, Clustering, ConstraintOutcome, ConstraintReport, Constraints, Edge,
    PreviousClusters, RecordCluster, StableIds, UnionFind, cluster, cluster_constrained,
};
pub use core::{Level, LevelInfo, LevelSpec, NoProgress, Progress, SimilarityLevels, SplitMix64};
pub use engine::{
    AppliedLabel, BlockEdge, BlockMembership, BlockPart, BlockRule, MatchResult, Matcher,
    MatcherBuilder, PairLabel, RowOutcome, RunReport, TermCounts,
};
pub use error::{Error, ErrorKind, Result};
pub use index::{AddResult, INDEX_FORMAT_VERSION, Index, NAME_COLUMN, NameHit, QueryMatch};
pub use ingest::{MAX_FIELD_CHARS, Records, RowReject, StrColumn, Table, too_long};
pub use report::{Report, ReportOptions, ReviewOptions, ReviewPair, ReviewSheet};
pub use schema::{
    ALTERNATIVE_SEPARATOR, BlockingRuleConfig, CategoricalValues, ClusterOptions, Config,
    EmOptions, FieldConfig, FieldKind, InferredColumn, KeyPart, ResolvedPart, WrittenConfig,
};
pub use score::{
    ComparisonParams, Contribution, EmReport, Explanation, FellegiSunter, LevelParams,
    MODEL_FORMAT_VERSION, PatternCounts, PriorShare, ScoredPair, TrainingReport, match_probability,
    prior_from_rule_count,
};

/// The README's Rust examples, compiled and run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

/// The user guide's Rust examples (docs/guide.md), compiled and run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../docs/guide.md")]
pub struct GuideDoctests;
