//! What blocking produced: pairs per rule, blocks, oversized blocks, reduction ratio, and
//! pairs completeness against known truth.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::Blocking;

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
    /// The rule's block limit (`max_block`): 0 for a sorted-neighbourhood rule (one block,
    /// windowed by design), 1 for a rule that pairs only its unknown records.
    #[serde(default)]
    pub max_block: u32,
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
                    max_block: r.options().max_block,
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

    /// Warnings worth showing a user: one line per rule with oversized blocks (none when
    /// the input is small enough for every pair to be compared).
    pub fn warnings(&self) -> Vec<String> {
        // A small input compares every pair: no pair is lost to an oversized block.
        if self
            .rules
            .iter()
            .any(|r| r.name == super::plan::ALL_PAIRS_RULE)
        {
            return Vec::new();
        }
        // Rules windowed by design say nothing by being so: a sorted-neighbourhood rule
        // (one block of everyone, max_block 0) and a rule that pairs only the records
        // without its key (max_block 1, such as the default `token+year`).
        self.rules
            .iter()
            .filter(|r| r.oversized_blocks > 0 && r.max_block > 1)
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
