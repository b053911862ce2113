//! Evaluation metrics: scored labelled pairs (ROC-AUC, average precision, best F1,
//! precision/recall at a threshold, recall at a target precision, PR curves) and
//! clusterings against a truth (pairwise and B-cubed precision / recall / F1).
//!
//! Conventions, chosen so that every metric is defined on every input:
//! - a pair is predicted a match when `score >= threshold`; NaN scores rank below every
//!   other score (they are never predicted a match at a finite threshold);
//! - thresholds of curves are the distinct scores, highest first, so tied scores always
//!   move together (results never depend on input order);
//! - precision with no predicted match is 1.0 (no false positive was made), recall with no
//!   true match is 1.0, F1 is 0.0 when precision + recall is 0;
//! - among thresholds with an equal best value (best F1, recall at a precision) the
//!   highest threshold wins.
//!
//! ```
//! use hawiya::eval::LabelledScores;
//! # fn main() -> hawiya::Result<()> {
//! let s = LabelledScores::new(&[0.9, 0.8, 0.7, 0.6], &[true, true, false, true])?;
//! assert_eq!(s.roc_auc(), Some(2.0 / 3.0));
//! let best = s.best_f1().unwrap();
//! assert_eq!(best.threshold, 0.6);
//! println!("{}", s.report());
//! # Ok(()) }
//! ```

//! Owns: metrics on results and labels — pairs, clusters, blocking, search, thresholds —
//! and the labelled pair file format.
//! Must not know: how results are produced (no engine, no index): it reads their types.

mod blocking;
mod clusters;
mod pairs;
mod scores;
mod search;

pub use blocking::BlockingEvaluation;
pub use clusters::{ClusterMetrics, Prf};
pub use pairs::{LabelledPair, parse_labelled_pairs, read_labelled_pairs};
pub use scores::{
    BinaryReport, ErrorCase, LabelledScores, ThresholdChoice, ThresholdPoint, label_pairs,
    reports_by_group,
};
pub use search::SearchMetrics;

#[cfg(test)]
mod tests;
