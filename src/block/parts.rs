//! Blocking over a dataset split into parts (a cluster of machines): each record's block
//! memberships, computed record by record, and the pairs of one block, or of one slice of
//! an oversized block, computed from its members alone. The union of the pairs of every
//! block is the set of candidate pairs of [`Blocking`](super::Blocking) over the whole
//! dataset (which also says which rule found each pair first; the parts do not).

use super::keys::unknown_flags;
use super::plan::{ALL_PAIRS_BUDGET, ALL_PAIRS_RULE, BlockingPlan, possible_pairs};
use super::{Mode, RuleOptions};
use crate::prepare::PreparedDataset;

/// How the pairs of a rule's blocks are formed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct RuleShape {
    /// The rule's name.
    pub(crate) name: String,
    /// Limits (the all-pairs rule: no block is oversized).
    pub(crate) options: RuleOptions,
    /// A sorted-neighbourhood rule: its one block is always paired within the window.
    pub(crate) sorted: bool,
    /// Whether the rule marks records unknown.
    pub(crate) has_unknown: bool,
}

impl RuleShape {
    /// Whether a block of `len` records is paired within the window only.
    pub(crate) fn windowed(&self, len: u32) -> bool {
        self.sorted || len > self.options.max_block
    }

    /// Whether unknown members of a block of `len` records pair with every member.
    pub(crate) fn unknown_pairs_all(&self, len: u32) -> bool {
        self.windowed(len) && self.has_unknown && len <= self.options.max_unknown_block
    }
}

/// One member of a block (or of a slice of one) as a part sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Member {
    /// The record (index in the part's record space).
    pub(crate) record: u32,
    /// Position in the whole block's order (key, sort key, record order).
    pub(crate) position: u32,
    /// Unknown for the rule.
    pub(crate) unknown: bool,
    /// Pairs are formed for this member here (a slice also holds neighbours owned by the
    /// next slice, and unknown members of the whole block; every pair with at least one
    /// owned member is formed).
    pub(crate) owned: bool,
}

impl BlockingPlan {
    /// Whether a run over `n` records in `mode` compares every pair (the all-pairs rule of
    /// [`BlockingPlan::blocking`]).
    pub(crate) fn compares_all_pairs(mode: Mode, n: usize) -> bool {
        possible_pairs(mode, n) <= ALL_PAIRS_BUDGET
    }

    /// The shapes of the rules, in order, with the all-pairs rule last when `all_pairs`.
    pub(crate) fn shapes(&self, all_pairs: bool) -> Vec<RuleShape> {
        let mut out: Vec<RuleShape> = self
            .rules()
            .iter()
            .map(|r| RuleShape {
                name: r.name.clone(),
                options: if r.sorted.is_some() {
                    RuleOptions {
                        max_block: 0,
                        window: r.options.window,
                        max_unknown_block: 0,
                    }
                } else {
                    r.options.clone()
                },
                sorted: r.sorted.is_some(),
                has_unknown: r.sorted.is_none() && r.unknown.is_some(),
            })
            .collect();
        if all_pairs {
            out.push(RuleShape {
                name: ALL_PAIRS_RULE.into(),
                options: RuleOptions {
                    max_block: u32::MAX,
                    ..RuleOptions::default()
                },
                sorted: false,
                has_unknown: false,
            });
        }
        out
    }

    /// Record `rec`'s block memberships as `(rule, key, sort key, unknown)`, each key once
    /// per rule; the all-pairs rule (index: the number of rules) when `all_pairs`.
    pub(crate) fn memberships(
        &self,
        data: &PreparedDataset,
        rec: usize,
        all_pairs: bool,
        out: &mut Vec<(u16, u64, u64, bool)>,
    ) {
        let mut keys = Vec::new();
        for (i, r) in self.rules().iter().enumerate() {
            let rule = i as u16;
            if let Some(f) = r.sorted {
                if let Some(s) = data.column(f).sort_key(rec) {
                    out.push((rule, 0, s, false));
                }
                continue;
            }
            let unknown = Self::record_keys(data, r, rec, &mut keys);
            let sort = self.sort_key(data, rec);
            out.extend(keys.iter().map(|&k| (rule, k, sort, unknown)));
        }
        if all_pairs {
            out.push((self.rules().len() as u16, 0, 0, false));
        }
    }

    /// Sort key and unknown flag of record `rec` in the blocks of rule `rule`.
    pub(crate) fn member_order(
        &self,
        data: &PreparedDataset,
        rule: usize,
        rec: usize,
    ) -> (u64, bool) {
        match self.rules().get(rule) {
            Some(r) => match r.sorted {
                Some(f) => (data.column(f).sort_key(rec).unwrap_or(0), false),
                None => (
                    self.sort_key(data, rec),
                    r.unknown
                        .is_some_and(|u| unknown_flags(data, u, rec..rec + 1)[0]),
                ),
            },
            None => (0, false),
        }
    }
}

/// The candidate pairs among `members` (sorted by position) of a block of `len` records
/// of a rule of `shape`, oriented as [`Blocking`](super::Blocking) orients them, each once;
/// only pairs with an owned member.
pub(crate) fn member_pairs(
    shape: &RuleShape,
    len: u32,
    mode: Mode,
    members: &[Member],
    out: &mut Vec<(u32, u32)>,
) {
    let windowed = shape.windowed(len);
    let window = shape.options.window as u64;
    let unknown_all = shape.unknown_pairs_all(len);
    let start = out.len();
    for (i, x) in members.iter().enumerate() {
        for y in &members[i + 1..] {
            let near = !windowed || u64::from(y.position.abs_diff(x.position)) <= window;
            if !near && !unknown_all {
                break;
            }
            if !(x.owned || y.owned) || !(near || x.unknown || y.unknown) {
                continue;
            }
            let (a, b) = (x.record, y.record);
            let pair = match mode {
                Mode::Dedupe if a != b => (a.min(b), a.max(b)),
                Mode::Link { left_len } if (a < left_len) != (b < left_len) => {
                    if a < left_len {
                        (a, b)
                    } else {
                        (b, a)
                    }
                }
                _ => continue,
            };
            out.push(pair);
        }
    }
    out[start..].sort_unstable();
    let mut tail = out.split_off(start);
    tail.dedup();
    out.extend(tail);
}
