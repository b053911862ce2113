//! Blocking against a truth: how many true pairs the candidate generation finds.

use serde::{Deserialize, Serialize};

use crate::BlockingReport;

/// Recall of blocking against known truth: how many true pairs the candidate generation
/// finds, overall and by the scripts of the two names (`ar-ar`, `ar-lat`, `lat-lat`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BlockingEvaluation {
    /// Blocking statistics (pairs per rule, blocks, reduction ratio).
    pub report: BlockingReport,
    /// True pairs in the truth.
    pub true_pairs: u64,
    /// True pairs among the candidates.
    pub found: u64,
    /// Per kind of pair: (kind, true pairs, found).
    pub by_kind: Vec<(String, u64, u64)>,
    /// True pairs found by each rule (credited to the first rule that produced the pair),
    /// in rule order.
    pub found_by_rule: Vec<u64>,
    /// Seconds spent preparing and generating candidates.
    pub seconds: f64,
}

impl BlockingEvaluation {
    /// `found / true_pairs` (1 when there is no true pair).
    pub fn completeness(&self) -> f64 {
        if self.true_pairs == 0 {
            1.0
        } else {
            self.found as f64 / self.true_pairs as f64
        }
    }
}

impl std::fmt::Display for BlockingEvaluation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "{}", self.report)?;
        writeln!(
            f,
            "pairs completeness {:.4} ({} of {} true pairs), {:.2}s",
            self.completeness(),
            self.found,
            self.true_pairs,
            self.seconds
        )?;
        for (k, t, found) in &self.by_kind {
            let c = if *t == 0 {
                1.0
            } else {
                *found as f64 / *t as f64
            };
            writeln!(f, "  {k:<8} {c:.4} ({found} of {t})")?;
        }
        write!(f, "true pairs by rule:")?;
        for (r, n) in self.report.rules.iter().zip(&self.found_by_rule) {
            write!(f, " {} {n};", r.name)?;
        }
        writeln!(f)
    }
}
