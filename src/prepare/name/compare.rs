//! Comparing two records' names: the level of the best pair of spellings, the comparator's
//! similarity, closeness and explanation, and the frequency of a name for term-frequency
//! adjustment.

use super::NameColumn;
use crate::core::{Level, LevelSpec};
use crate::name::NameExplanation;

impl NameColumn {
    pub(crate) fn level_specs(&self) -> Vec<LevelSpec> {
        self.levels.specs()
    }

    /// The level of the best pair of spellings (one pair for fields of one column).
    pub(crate) fn compare(&self, a: usize, o: &NameColumn, b: usize) -> Level {
        let (Some(x), Some(y)) = (self.value(a), o.value(b)) else {
            return Level::NULL;
        };
        let floor = self.levels.thresholds.first().copied().unwrap_or(0.0);
        // Below the lowest threshold every similarity is one level: the comparator need
        // not align names it can show fall below it.
        let lowest = self.levels.thresholds.last().copied().unwrap_or(0.0);
        let mut best = Level::NULL;
        for x in x.spellings() {
            for y in y.spellings() {
                // Any value below `lowest` gives the same level, and no exact one.
                let s = self
                    .comparator
                    .similarity_at_least(&x.name, &y.name, lowest)
                    .unwrap_or(0.0);
                // Equal keys are an exact level only when the comparator agrees.
                let exact = s >= floor && x.keys().next().is_some() && x.keys().eq(y.keys());
                best = best.min(self.levels.level(Some(s), exact));
            }
        }
        best
    }

    /// Similarity in [0, 1] of the first spellings of two records (`None` for a null).
    pub(crate) fn similarity(&self, a: usize, o: &NameColumn, b: usize) -> Option<f64> {
        let (x, y) = (self.value(a)?, o.value(b)?);
        Some(self.comparator.similarity(&x.name, &y.name))
    }

    /// The comparator's letter-by-letter closeness of the same pair (a tie-breaker).
    pub(crate) fn closeness(&self, a: usize, o: &NameColumn, b: usize) -> Option<f64> {
        let (x, y) = (self.value(a)?, o.value(b)?);
        Some(self.comparator.closeness(&x.name, &y.name))
    }

    /// The comparator's explanation of the same pair.
    pub(crate) fn explain(&self, a: usize, o: &NameColumn, b: usize) -> Option<NameExplanation> {
        let (x, y) = (self.value(a)?, o.value(b)?);
        Some(self.comparator.explain(&x.name, &y.name))
    }

    /// How often record `a`'s whole-name key occurs, among how many names.
    pub(crate) fn term_count(&self, a: usize) -> Option<(u64, u64)> {
        self.key_counts.count(*self.key_ids.get(a)?)
    }

    /// The term record `a` is counted under for term frequencies: its whole-name key.
    pub(crate) fn term_key(&self, a: usize) -> Option<String> {
        Some(self.value(a)?.joined_keys(" "))
    }

    /// Count this column's terms as `counts` (over `total` names) say instead of by its
    /// own records: term frequencies of a dataset split into parts, counted over the whole.
    pub(crate) fn use_term_counts(
        &mut self,
        counts: &std::collections::HashMap<String, u64>,
        total: u64,
    ) {
        self.key_counts.use_counts(counts, total);
    }
}
