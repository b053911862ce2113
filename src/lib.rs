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
//! ## Cargo features
//! - `parallel` (default): rayon parallelism. A build without it gives identical results.
//!
//! ## Errors
//! Only configuration, input reading and model loading fail, with an [`Error`] naming the
//! file, row and field. Normalising and comparing are total functions.
#![deny(missing_docs)]
#![forbid(unsafe_code)]

pub mod block;
mod cluster;
mod engine;
mod error;
pub mod eval;
pub mod field;
mod index;
pub mod name;
mod prepare;
mod prepare_kinds;
mod rng;
mod schema;
pub mod score;
pub mod similarity;
pub mod synth;
mod table;
pub mod text;

pub use cluster::{ClusterOptions, ClusterStats, Clustering, Edge, UnionFind, cluster};
pub use engine::{
    BlockingEvaluation, MatchResult, Matcher, MatcherBuilder, NoProgress, Progress, RecordCluster,
    RowReject, RunReport, ScoredPair, TrainingReport,
};
pub use error::{Error, ErrorKind, Result};
pub use eval::{BinaryReport, ClusterMetrics, LabelledScores, ThresholdChoice, label_pairs};
pub use field::{
    DateComparator, DateConfig, DatePrecision, FieldComparator, Gender, GenderComparator,
    IdComparator, Identifier, KuwaitCivilId, Nationality, NationalityComparator, NullReason,
    ParsedDate, PartialDate, Phone, PhoneComparator, PhoneConfig,
};
pub use index::{Index, NAME_COLUMN, NameHit, QueryMatch};
pub use name::compare::{
    CompareOptions, NameComparator, NameExplanation, PreparedName, explain_names, name_similarity,
};
pub use name::{Normalizer, NormalizerOptions, PersonName, Role, Step, Token, TokenFlags};
pub use prepare::{MAX_FIELD_CHARS, PreparedDataset};
pub use schema::{
    ALTERNATIVE_SEPARATOR, BlockingRuleConfig, CategoricalValues, Config, FieldConfig, FieldKind,
    KeyPart, ResolvedPart,
};
pub use similarity::{BatchComparator, CostTable};
pub use synth::{Generator, GeneratorConfig};
pub use table::{StrColumn, Table};
pub use text::Script;

/// The README's Rust examples, compiled and run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
