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

mod error;
pub mod field;

pub use error::{Error, ErrorKind, Result};
pub use field::{
    DateComparator, DateConfig, DatePrecision, FieldComparator, Gender, GenderComparator,
    IdComparator, Identifier, KuwaitCivilId, Level, LevelInfo, Nationality, NationalityComparator,
    NullReason, ParsedDate, PartialDate, Phone, PhoneComparator, PhoneConfig,
};
