//! Keeping an earlier run's cluster ids on a new result (see [`crate::PreviousClusters`]).

use std::collections::HashSet;

use super::MatchResult;
use crate::cluster::{PreviousClusters, StableIds};
use crate::{Error, Result};

impl MatchResult {
    /// Give this result's clusters the ids of an earlier run, keyed by `(source, unique
    /// id)` (source 0 for dedupe and the left table of a link, 1 for the right table):
    /// each old id stays with the new cluster that carries most of its records (the rule
    /// and its ties: [`PreviousClusters`]), new people get fresh ids. Rewrites
    /// `records[i].cluster_id` and returns what changed, record by record, in the order
    /// of [`MatchResult::records`].
    ///
    /// # Errors
    /// An input error naming the first row of `previous` (1-based, in the order its rows
    /// were given) whose record is not a row of this run's input, clustered or rejected:
    /// a record removed from the input must leave the previous assignment too.
    ///
    /// ```
    /// use hawiya::{ChangeKind, Matcher, PreviousClusters, Table};
    /// # fn main() -> hawiya::Result<()> {
    /// let mut t = Table::new(vec!["unique_id".into(), "full_name".into(), "dob".into()])?;
    /// t.push_row(&["1", "صالح الفضالة", "1985-07-01"])?;
    /// t.push_row(&["2", "Mona Haddad", "1990-02-03"])?;
    /// let mut result = Matcher::builder().name("full_name").date("dob").build()?.dedupe(&t)?;
    /// let previous = PreviousClusters::new([((0, "1".to_string()), "P-7")])?;
    /// let changes = result.keep_ids(&previous)?;
    /// assert_eq!(result.records[0].cluster_id, "P-7");
    /// assert_eq!(changes.changes, [ChangeKind::Same, ChangeKind::New]);
    /// # Ok(()) }
    /// ```
    pub fn keep_ids(&mut self, previous: &PreviousClusters<(u8, String)>) -> Result<StableIds> {
        let rows: HashSet<(u8, &str)> = self
            .records
            .iter()
            .map(|r| (r.source, r.unique_id.as_str()))
            .chain(
                self.rejects
                    .iter()
                    .map(|r| (r.source, r.unique_id.as_str())),
            )
            .collect();
        let unknown: Vec<usize> = previous
            .keys()
            .enumerate()
            .filter(|(_, (s, id))| !rows.contains(&(*s, id.as_str())))
            .map(|(i, _)| i + 1)
            .collect();
        if let Some(&row) = unknown.first() {
            return Err(Error::input(
                None,
                Some(row as u64),
                Some("unique_id"),
                format!(
                    "not a row of the input ({} such rows of the previous clusters); a record removed from the input must leave the previous clusters too",
                    unknown.len()
                ),
            ));
        }
        let current: Vec<((u8, String), &str)> = self
            .records
            .iter()
            .map(|r| ((r.source, r.unique_id.clone()), r.cluster_id.as_str()))
            .collect();
        let kept = previous.keep_ids(&current);
        for (r, id) in self.records.iter_mut().zip(&kept.cluster_ids) {
            r.cluster_id.clone_from(id);
        }
        Ok(kept)
    }
}
