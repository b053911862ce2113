//! The reading side of the `hawiya` command line as a library: CSV input with encodings
//! (and Parquet, [`tabular`], with the default feature `parquet`)
//! and a rejects list ([`input`]), and the streaming TSV reader of `score-pairs`
//! ([`cmd_score_pairs`]). The binary uses it, and the fuzz targets drive the same code on
//! arbitrary bytes.

pub mod cmd_score_pairs;
pub mod input;
#[cfg(feature = "parquet")]
pub mod parquet_io;
pub mod previous;
pub mod tabular;
