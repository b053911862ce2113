//! Aggregated comparison vectors: EM and u-estimation work on distinct patterns with
//! counts, not on every pair, so training cost does not grow with the number of pairs.

use std::collections::HashMap;

use crate::core::Level;

/// Counts of distinct comparison vectors (all of the same width).
///
/// ```
/// use hawiya::{Level, PatternCounts};
/// let mut p = PatternCounts::new(2);
/// p.add(&[Level(0), Level(1)]);
/// p.add(&[Level(0), Level(1)]);
/// p.add(&[Level(1), Level::NULL]);
/// assert_eq!(p.len(), 2);
/// assert_eq!(p.total(), 3.0);
/// ```
#[derive(Clone, Debug, Default)]
pub struct PatternCounts {
    width: usize,
    map: HashMap<Box<[Level]>, f64>,
}

impl PatternCounts {
    /// Empty counts for vectors of `width` fields.
    pub fn new(width: usize) -> Self {
        PatternCounts {
            width,
            map: HashMap::new(),
        }
    }

    /// Number of fields per vector.
    pub fn width(&self) -> usize {
        self.width
    }

    /// Count one vector. Vectors of the wrong width are ignored (and counted nowhere); a debug
    /// build asserts.
    pub fn add(&mut self, vector: &[Level]) {
        self.add_weighted(vector, 1.0);
    }

    /// Count one vector with weight `w` (≥ 0).
    pub fn add_weighted(&mut self, vector: &[Level], w: f64) {
        debug_assert_eq!(vector.len(), self.width);
        if vector.len() != self.width || w.is_nan() || w <= 0.0 {
            return;
        }
        if let Some(c) = self.map.get_mut(vector) {
            *c += w;
        } else {
            self.map.insert(vector.into(), w);
        }
    }

    /// Add all counts of `other` (same width) into `self`.
    pub fn merge(&mut self, other: PatternCounts) {
        for (k, v) in other.map {
            self.add_weighted(&k, v);
        }
    }

    /// Number of distinct vectors.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// Whether no vector was counted.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// Sum of all counts.
    pub fn total(&self) -> f64 {
        self.sorted().iter().map(|(_, c)| c).sum()
    }

    /// The distinct vectors with their counts, in a deterministic (sorted) order.
    pub fn sorted(&self) -> Vec<(&[Level], f64)> {
        let mut v: Vec<(&[Level], f64)> = self.map.iter().map(|(k, &c)| (&**k, c)).collect();
        v.sort_by(|a, b| a.0.cmp(b.0));
        v
    }
}

impl Extend<Vec<Level>> for PatternCounts {
    fn extend<T: IntoIterator<Item = Vec<Level>>>(&mut self, iter: T) {
        for v in iter {
            self.add(&v);
        }
    }
}
