//! Person names: parse a full name into tokens with roles, and give every token a
//! cross-script phonetic code and matching keys.
//!
//! - [`Normalizer`] (configured by [`NormalizerOptions`]) turns any string into a
//!   [`PersonName`]: original text, normalised text, and [`Token`]s in given-first order
//!   with a [`Role`], [`TokenFlags`], a romanisation, a phonetic code and two keys.
//! - [`phonetic`] documents the code alphabet and the loose and strict keys.
//! - [`variants`] is the curated table for the commonest names.
//! - [`translit`] prices transliteration differences of phonetic codes for the comparator.
//! - [`lexicon`] lists the titles, connectors, kunya and compound prefixes.

pub mod compare;
mod hash;
pub mod lexicon;
mod normalizer;
pub mod phonetic;
mod token;
pub mod translit;
pub mod variants;

pub use normalizer::{Normalizer, NormalizerOptions, Step};
pub use token::{PersonName, Role, Token, TokenFlags};
