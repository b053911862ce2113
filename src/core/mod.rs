//! The bottom vocabulary every stage may use: comparison levels, stable hashing, the
//! deterministic random generator, and the one parallel-or-sequential helper.
//!
//! Owns: [`Level`] / [`LevelSpec`] / [`SimilarityLevels`] / [`LevelInfo`] (what a field
//! comparison produces and a model is keyed by), [`mix64`] and the stable byte hash of
//! blocking keys, q-gram / MinHash / sort-key hashing, [`SplitMix64`], and `par` (the only
//! place that knows whether rayon is on), and the [`Progress`] callbacks of long stages.
//! Must not know: anything of names, fields, configs or stages — every other module builds
//! on this one, so it uses none of them.

mod fnv;
mod hash;
mod level;
mod minhash;
pub(crate) mod par;
mod progress;
mod rng;

pub(crate) use fnv::{Fnv, FnvMap};
pub(crate) use hash::hash_bytes;
pub(crate) use hash::mix64;
pub use level::{Level, LevelInfo, LevelSpec, SimilarityLevels};
pub(crate) use minhash::{minhash_band_keys, pack_prefix, qgram_hashes};
pub use progress::{NoProgress, Progress};
pub use rng::SplitMix64;
