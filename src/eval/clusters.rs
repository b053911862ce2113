//! A predicted clustering scored against the true one: pairwise and B-cubed metrics.

use std::collections::HashMap;
use std::fmt;
use std::hash::Hash;

use serde::{Deserialize, Serialize};

use super::scores::{f1, ratio_or_one};
use crate::{Error, Result};

/// Precision, recall and F1 of one clustering metric.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Prf {
    /// Precision in [0, 1].
    pub precision: f64,
    /// Recall in [0, 1].
    pub recall: f64,
    /// F1 in [0, 1].
    pub f1: f64,
}

impl Prf {
    fn new(precision: f64, recall: f64) -> Self {
        Prf {
            precision,
            recall,
            f1: f1(precision, recall),
        }
    }
}

impl fmt::Display for Prf {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "precision {:.4} recall {:.4} f1 {:.4}",
            self.precision, self.recall, self.f1
        )
    }
}

/// A predicted clustering scored against the true one.
///
/// Pairwise metrics count record pairs placed together: `tp_pairs` pairs together in both,
/// `predicted_pairs` together in the prediction, `true_pairs` together in the truth,
/// computed from cluster contingency counts (`Σ C(n, 2)`), never by listing pairs.
/// Precision is 1.0 when no pair is predicted, recall 1.0 when no pair is true.
///
/// B-cubed averages over records: a record's precision is the share of its predicted
/// cluster that is in its true cluster, its recall the share of its true cluster that is
/// in its predicted cluster. Both are 1.0 for an empty input.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClusterMetrics {
    /// Number of records.
    pub records: u64,
    /// Number of predicted clusters (singletons included).
    pub predicted_clusters: u64,
    /// Number of true clusters (singletons included).
    pub true_clusters: u64,
    /// Pairs together in both clusterings.
    pub tp_pairs: u64,
    /// Pairs together in the predicted clustering.
    pub predicted_pairs: u64,
    /// Pairs together in the true clustering.
    pub true_pairs: u64,
    /// Pairwise precision, recall, F1.
    pub pairwise: Prf,
    /// B-cubed precision, recall, F1.
    pub bcubed: Prf,
}

pub(super) fn pairs(n: u64) -> u64 {
    n * n.saturating_sub(1) / 2
}

impl ClusterMetrics {
    /// Compare `predicted[i]` with `truth[i]`, the cluster ids of record `i` (any
    /// hashable ids; only equality matters).
    ///
    /// # Errors
    /// An input error when the two slices differ in length.
    ///
    /// ```
    /// use hawiya::eval::ClusterMetrics;
    /// # fn main() -> hawiya::Result<()> {
    /// let m = ClusterMetrics::compute(&[1, 1, 2, 2, 2], &["a", "a", "a", "b", "b"])?;
    /// assert_eq!((m.tp_pairs, m.predicted_pairs, m.true_pairs), (2, 4, 4));
    /// assert_eq!(m.pairwise.f1, 0.5);
    /// # Ok(()) }
    /// ```
    pub fn compute<P: Hash + Eq, T: Hash + Eq>(predicted: &[P], truth: &[T]) -> Result<Self> {
        if predicted.len() != truth.len() {
            return Err(Error::input(
                None,
                None,
                None,
                format!(
                    "{} predicted cluster ids but {} true ones",
                    predicted.len(),
                    truth.len()
                ),
            ));
        }
        // Dense ids in order of first appearance keep every sum in a fixed order.
        fn dense<K: Hash + Eq>(ids: &[K]) -> (Vec<usize>, Vec<u64>) {
            let mut map: HashMap<&K, usize> = HashMap::new();
            let mut sizes = Vec::new();
            let dense = ids
                .iter()
                .map(|k| {
                    let next = map.len();
                    let d = *map.entry(k).or_insert(next);
                    if d == sizes.len() {
                        sizes.push(0);
                    }
                    sizes[d] += 1;
                    d
                })
                .collect();
            (dense, sizes)
        }
        let (pd, psize) = dense(predicted);
        let (td, tsize) = dense(truth);
        let mut cells: HashMap<(usize, usize), u64> = HashMap::new();
        for (&p, &t) in pd.iter().zip(&td) {
            *cells.entry((p, t)).or_insert(0) += 1;
        }
        let mut cells: Vec<((usize, usize), u64)> = cells.into_iter().collect();
        cells.sort_unstable();

        let tp_pairs: u64 = cells.iter().map(|&(_, n)| pairs(n)).sum();
        let predicted_pairs: u64 = psize.iter().map(|&n| pairs(n)).sum();
        let true_pairs: u64 = tsize.iter().map(|&n| pairs(n)).sum();
        let pairwise = Prf::new(
            ratio_or_one(tp_pairs, predicted_pairs),
            ratio_or_one(tp_pairs, true_pairs),
        );

        let records = predicted.len() as u64;
        let bcubed = if records == 0 {
            Prf::new(1.0, 1.0)
        } else {
            let (mut p, mut r) = (0.0, 0.0);
            for &((pi, ti), n) in &cells {
                let n2 = (n * n) as f64;
                p += n2 / psize[pi] as f64;
                r += n2 / tsize[ti] as f64;
            }
            Prf::new(p / records as f64, r / records as f64)
        };
        Ok(ClusterMetrics {
            records,
            predicted_clusters: psize.len() as u64,
            true_clusters: tsize.len() as u64,
            tp_pairs,
            predicted_pairs,
            true_pairs,
            pairwise,
            bcubed,
        })
    }
}

impl fmt::Display for ClusterMetrics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "records {}, predicted clusters {}, true clusters {}",
            self.records, self.predicted_clusters, self.true_clusters
        )?;
        writeln!(
            f,
            "pairwise  {} (tp pairs {}, predicted {}, true {})",
            self.pairwise, self.tp_pairs, self.predicted_pairs, self.true_pairs
        )?;
        write!(f, "b-cubed   {}", self.bcubed)
    }
}
