//! Ingestion: input rows as a [`Table`], checked once into [`Records`].
//!
//! Owns: the table of raw text values (with the rows a reader could not use), unique ids,
//! the length limit of a value ([`MAX_FIELD_CHARS`]), rejects with reasons, and the order
//! records are worked in.
//! Must not know: how values are parsed or compared (that is `prepare` and `field`), nor
//! where the rows came from (CSV, Arrow, Rust structs: the CLI and the Python bindings fill
//! a [`Table`]).

mod records;
mod table;

pub use records::{Records, RowReject};
pub use table::{StrColumn, Table};

/// Longest value (in characters) a field may hold. Longer values make the row rejected:
/// no registry name or identifier is that long, and bounding it bounds the cost of every
/// comparison.
pub const MAX_FIELD_CHARS: usize = 512;

/// Whether `value` is longer than [`MAX_FIELD_CHARS`] characters: the one check of the limit
/// (rows of a run, records inserted into an index, names searched or scored).
///
/// ```
/// assert!(!hawiya::too_long(&"ص".repeat(512)));
/// assert!(hawiya::too_long(&"x".repeat(513)));
/// ```
pub fn too_long(value: &str) -> bool {
    value.len() > MAX_FIELD_CHARS && value.chars().count() > MAX_FIELD_CHARS
}
