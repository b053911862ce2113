//! Ranking quality of a name search against known answers.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::{Error, Result};

/// Ranking quality of a name search against known answers: the share of queries whose
/// answer is ranked first (top-1) or among the first five (top-5), the mean reciprocal
/// rank of the answer within the first `depth` hits (0 when it is not there), and the
/// share lost by candidate retrieval (no answer among the scored candidates, so no
/// ranking could find it). Queries without an answer are not counted.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct SearchMetrics {
    /// Queries evaluated.
    pub queries: usize,
    /// Share with an answer ranked first.
    pub top1: f64,
    /// Share with an answer in the first five.
    pub top5: f64,
    /// Mean reciprocal rank (within `depth`).
    pub mrr: f64,
    /// Share whose answers were all missing from the candidates.
    pub retrieval_lost: f64,
    /// Mean number of candidates scored per query.
    pub mean_candidates: f64,
    /// Ranks considered by the MRR.
    pub depth: usize,
}

impl SearchMetrics {
    /// Rank quality of searches: for each query, the positions of its hits (best first),
    /// the positions of the candidates it scored (ascending), and its answers (positions in
    /// the index; any one of them counts), with MRR over the first `depth` hits (at least 5).
    /// [`crate::Index::evaluate_search`] runs the searches and calls this.
    ///
    /// ```
    /// use hawiya::eval::SearchMetrics;
    /// # fn main() -> hawiya::Result<()> {
    /// // Query 1 finds its answer (7) second; query 2's answer (4) was not retrieved.
    /// let hits = [vec![3, 7], vec![1]];
    /// let candidates = [vec![3, 7, 9], vec![1]];
    /// let m = SearchMetrics::from_hits(&hits, &candidates, &[vec![7], vec![4]], 10)?;
    /// assert_eq!((m.queries, m.top1, m.top5, m.mrr), (2, 0.0, 0.5, 0.25));
    /// assert_eq!((m.retrieval_lost, m.mean_candidates), (0.5, 2.0));
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// An input error when the three lists differ in length.
    pub fn from_hits(
        hits: &[Vec<usize>],
        candidates: &[Vec<usize>],
        answers: &[Vec<usize>],
        depth: usize,
    ) -> Result<Self> {
        if hits.len() != answers.len() || candidates.len() != answers.len() {
            return Err(Error::input(
                None,
                None,
                None,
                format!(
                    "{} hit lists, {} candidate lists but {} answer lists",
                    hits.len(),
                    candidates.len(),
                    answers.len()
                ),
            ));
        }
        let depth = depth.max(5);
        let (mut n, mut top1, mut top5, mut rr, mut lost, mut cands) = (0usize, 0, 0, 0.0, 0, 0);
        for ((hits, candidates), ans) in hits.iter().zip(candidates).zip(answers) {
            if ans.is_empty() {
                continue;
            }
            n += 1;
            cands += candidates.len();
            if !ans.iter().any(|a| candidates.binary_search(a).is_ok()) {
                lost += 1;
            }
            if let Some(r) = hits.iter().take(depth).position(|h| ans.contains(h)) {
                top1 += usize::from(r == 0);
                top5 += usize::from(r < 5);
                rr += 1.0 / (r + 1) as f64;
            }
        }
        let share = |k: usize| if n == 0 { 0.0 } else { k as f64 / n as f64 };
        Ok(SearchMetrics {
            queries: n,
            top1: share(top1),
            top5: share(top5),
            mrr: if n == 0 { 0.0 } else { rr / n as f64 },
            retrieval_lost: share(lost),
            mean_candidates: share(cands),
            depth,
        })
    }
}

impl fmt::Display for SearchMetrics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "queries {}  top-1 {:.4}  top-5 {:.4}  MRR@{} {:.4}  lost by retrieval {:.4}  candidates/query {:.1}",
            self.queries,
            self.top1,
            self.top5,
            self.depth,
            self.mrr,
            self.retrieval_lost,
            self.mean_candidates
        )
    }
}
