//! Identity fields other than names: civil IDs, and (as they land) dates, phones,
//! gender and nationality.

pub mod civil_id;
