//! Interned values with their frequencies: categorical values, whole-name keys.

use std::collections::HashMap;

/// Interned categorical values with their frequencies.
#[derive(Debug, Default)]
pub(crate) struct Interner {
    ids: HashMap<String, u32>,
    counts: Vec<u64>,
    total: u64,
}

impl Interner {
    /// Id of `v` (≥ 1), counted once more.
    pub(crate) fn intern(&mut self, v: &str) -> u32 {
        self.total += 1;
        if let Some(&id) = self.ids.get(v) {
            self.counts[id as usize - 1] += 1;
            return id;
        }
        self.counts.push(1);
        let id = self.counts.len() as u32;
        self.ids.insert(v.to_string(), id);
        id
    }

    /// Count of id (≥ 1) and the total count.
    pub(crate) fn count(&self, id: u32) -> Option<(u64, u64)> {
        let c = *self.counts.get((id as usize).checked_sub(1)?)?;
        Some((c, self.total))
    }

    /// Count every value as `counts` says (0 when absent), over `total` values: a part of a
    /// dataset scored with the term frequencies of the whole.
    pub(crate) fn use_counts(&mut self, counts: &HashMap<String, u64>, total: u64) {
        for (v, &id) in &self.ids {
            self.counts[id as usize - 1] = counts.get(v).copied().unwrap_or(0);
        }
        self.total = total;
    }
}
