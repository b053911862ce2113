//! Person names: parse a full name into tokens with roles, and give every token a
//! cross-script phonetic code and matching keys.
//!
//! - [`Normalizer`] (configured by [`NormalizerOptions`]) turns any string into a
//!   [`PersonName`]: original text, normalised text, and [`Token`]s in given-first order
//!   with a [`Role`], [`TokenFlags`], a romanisation, a phonetic code and two keys.
//! - [`phonetic`] documents the code alphabet and the loose and strict keys.
//! - [`variants`] is the curated table for the commonest names.
//! - [`nicknames`] lists English given names and their nicknames (`Tom` / `Thomas`).
//! - [`translit`] prices transliteration differences of phonetic codes for the comparator.
//! - [`lexicon`] lists the titles, connectors, kunya and compound prefixes.
//!
//! Owns: everything about a person's name — parsing, roles, keys, phonetic codes,
//! transliteration costs, variant and nickname tables, the name comparator and its
//! explanations.
//! Must not know: records, fields other than names, or any stage after preparation.

mod compare;
pub mod lexicon;
pub mod nicknames;
mod normalizer;
pub mod phonetic;
mod token;
pub mod translit;
pub mod variants;

pub use compare::{
    AlignedPair, CompareOptions, MAX_TOKENS, NameComparator, NameExplanation, PreparedName,
    SideToken, explain_names, name_similarity,
};
pub use normalizer::{Normalizer, NormalizerOptions, Step};
pub use token::{PersonName, Role, Token, TokenFlags};
