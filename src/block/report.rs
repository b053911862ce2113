//! What blocking produced: pairs per rule, blocks, oversized blocks, reduction ratio, and
//! pairs completeness against known truth.

use std::collections::HashMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::{Blocking, CandidatePair, Mode};

/// Statistics of one rule.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RuleReport {
    /// Rule name.
    pub name: String,
    /// Blocks of two or more records.
    pub blocks: usize,
    /// Oversized blocks (paired within a window only).
    pub oversized_blocks: usize,
    /// Sizes of the largest blocks, descending (at most 5).
    pub largest_blocks: Vec<u32>,
    /// Pairs this rule produced (not produced by an earlier rule).
    pub pairs: u64,
    /// Neighbours on each side paired in an oversized block.
    pub window: usize,
    /// Largest oversized block whose unknown records pair with every member, when the rule
    /// marks unknown records.
    pub max_unknown_block: Option<u32>,
}

/// Statistics of a blocking run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BlockingReport {
    /// Per rule, in order.
    pub rules: Vec<RuleReport>,
    /// All candidate pairs produced.
    pub total_pairs: u64,
    /// Pairs possible without blocking.
    pub possible_pairs: f64,
}

impl BlockingReport {
    pub(crate) fn new(b: &Blocking) -> Self {
        BlockingReport {
            rules: b
                .rules()
                .iter()
                .map(|r| RuleReport {
                    name: r.name().to_string(),
                    blocks: r.block_count(),
                    oversized_blocks: r.oversized_count(),
                    largest_blocks: r.largest_blocks(5),
                    pairs: 0,
                    window: r.options().window,
                    max_unknown_block: r.has_unknown().then_some(r.options().max_unknown_block),
                })
                .collect(),
            total_pairs: 0,
            possible_pairs: b.possible_pairs(),
        }
    }

    /// `1 − candidate pairs / possible pairs` (1 when nothing is possible).
    pub fn reduction_ratio(&self) -> f64 {
        if self.possible_pairs <= 0.0 {
            return 1.0;
        }
        1.0 - self.total_pairs as f64 / self.possible_pairs
    }

    /// Warnings worth showing a user: one line per rule with oversized blocks.
    pub fn warnings(&self) -> Vec<String> {
        self.rules
            .iter()
            .filter(|r| r.oversized_blocks > 0)
            .map(|r| {
                let unknown = r.max_unknown_block.map_or(String::new(), |m| {
                    format!(", records with an unknown key with the whole block when it has at most {m} records")
                });
                format!(
                    "rule {:?}: {} oversized block(s) (largest {} records) paired within a window of {} only{unknown}",
                    r.name,
                    r.oversized_blocks,
                    r.largest_blocks.first().copied().unwrap_or(0),
                    r.window,
                )
            })
            .collect()
    }
}

impl fmt::Display for BlockingReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{:<24} {:>12} {:>10} {:>9}  largest",
            "rule", "pairs", "blocks", "oversized"
        )?;
        for r in &self.rules {
            writeln!(
                f,
                "{:<24} {:>12} {:>10} {:>9}  {:?}",
                r.name, r.pairs, r.blocks, r.oversized_blocks, r.largest_blocks
            )?;
        }
        write!(
            f,
            "total {} pairs of {:.0} possible, reduction ratio {:.6}",
            self.total_pairs,
            self.possible_pairs,
            self.reduction_ratio()
        )
    }
}

/// Pairs completeness (recall of true pairs by blocking) when the truth is known: feed it
/// every batch of candidate pairs, then read the share of true pairs found.
///
/// ```
/// use hawiya::block::{CandidatePair, Mode, PairsCompleteness};
/// // Records 0,1,2 are one person, 3 another.
/// let mut pc = PairsCompleteness::new(&[5, 5, 5, 9], Mode::Dedupe);
/// assert_eq!(pc.true_pairs(), 3);
/// pc.observe(&[CandidatePair { left: 0, right: 1, rule: 0 }, CandidatePair { left: 2, right: 3, rule: 0 }]);
/// assert_eq!(pc.found(), 1);
/// assert!((pc.completeness() - 1.0 / 3.0).abs() < 1e-12);
/// ```
#[derive(Clone, Debug)]
pub struct PairsCompleteness {
    truth: Vec<u64>,
    true_pairs: u64,
    found: u64,
}

impl PairsCompleteness {
    /// Truth: one entity id per record (in the combined record space for link mode).
    pub fn new(truth: &[u64], mode: Mode) -> Self {
        let true_pairs = match mode {
            Mode::Dedupe => {
                let mut sizes: HashMap<u64, u64> = HashMap::new();
                for &t in truth {
                    *sizes.entry(t).or_default() += 1;
                }
                sizes.values().map(|&s| s * (s - 1) / 2).sum()
            }
            Mode::Link { left_len } => {
                let split = (left_len as usize).min(truth.len());
                let mut left: HashMap<u64, u64> = HashMap::new();
                for &t in &truth[..split] {
                    *left.entry(t).or_default() += 1;
                }
                truth[split..]
                    .iter()
                    .map(|t| left.get(t).copied().unwrap_or(0))
                    .sum()
            }
        };
        PairsCompleteness {
            truth: truth.to_vec(),
            true_pairs,
            found: 0,
        }
    }

    /// Count the true pairs in a batch.
    pub fn observe(&mut self, batch: &[CandidatePair]) {
        let t = &self.truth;
        self.found += batch
            .iter()
            .filter(|p| {
                t.get(p.left as usize)
                    .is_some_and(|a| Some(a) == t.get(p.right as usize))
            })
            .count() as u64;
    }

    /// True pairs in the truth.
    pub fn true_pairs(&self) -> u64 {
        self.true_pairs
    }

    /// True pairs among the candidates seen so far.
    pub fn found(&self) -> u64 {
        self.found
    }

    /// `found / true_pairs` (1 when there are no true pairs).
    pub fn completeness(&self) -> f64 {
        if self.true_pairs == 0 {
            1.0
        } else {
            self.found as f64 / self.true_pairs as f64
        }
    }
}
