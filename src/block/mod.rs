//! Candidate generation (blocking): which record pairs are worth scoring.
//!
//! Every rule is a [`KeyRule`]: each record gets zero or more `u64` keys, and records that
//! share a key form a block whose pairs become candidates. The same mechanism covers
//!
//! - **key blocking** on cross-script name keys, IDs or dates (one or a few keys per record);
//! - **LSH / MinHash** over name q-grams (one key per band);
//! - **sorted neighbourhood** over a sort key ([`KeyRule::sorted_neighbourhood`]: one block
//!   holding every record, paired only within a window of the sort order).
//!
//! Rules are combined with OR and each candidate pair is produced **exactly once**: by the
//! first rule (in declaration order) that covers it, and within a rule at the smallest shared
//! key. **Oversized blocks** (a very common name such as محمد + العنزي) are not dropped and
//! not paired all-against-all: their records are ordered by a secondary sort key and paired
//! within a window, so the work stays `O(block · window)`; the report counts them. Records
//! marked unknown for a rule ([`KeyRule::with_unknown`]: no birth date, say) are paired with
//! every member of an oversized block up to [`RuleOptions::max_unknown_block`] records.
//!
//! Pairs are **streamed** in batches of bounded size ([`Blocking::for_each_batch`]); batches
//! are produced in parallel and delivered in a deterministic order, so the output is the same
//! whatever the number of threads.
//!
//! Owns: the [`BlockingPlan`] (a config's rules resolved once), key composition from the
//! key parts of prepared columns, key rules and blocks, the pair stream, its report, and
//! the incremental [`PostingsIndex`] that one-record queries use — one pairing semantics
//! for batch and query, checked against each other by one oracle test.
//! Must not know: how pairs are scored (no `score`), how values are parsed (the key parts
//! come from `prepare`).

mod keys;
mod parts;
mod plan;
mod postings;
mod report;
mod rule;

pub(crate) use parts::{Member, member_pairs};
pub(crate) use plan::BlockingPlan;
pub(crate) use postings::PostingsIndex;
pub use report::{BlockingReport, RuleReport};
pub(crate) use rule::{KeyRule, RuleOptions};

use crate::core::par;

/// A candidate pair of record indices. In dedupe mode `left < right`; in link mode `left` is
/// a record of the left dataset and `right` one of the right dataset (indices into the
/// combined record space: left records first, then right records).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct CandidatePair {
    /// The first record.
    pub left: u32,
    /// The second record.
    pub right: u32,
    /// Index of the rule that produced the pair.
    pub rule: u16,
}

/// Dedupe one dataset, or link two.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Mode {
    /// Pairs within one dataset of `n` records.
    Dedupe,
    /// Pairs across two datasets: records `0..left_len` are the left dataset, the rest the
    /// right one. Pairs within one side are never produced.
    Link {
        /// Number of left records.
        left_len: u32,
    },
}

/// A set of blocking rules over one record space, ready to stream candidate pairs.
#[derive(Debug)]
pub(crate) struct Blocking {
    mode: Mode,
    n: u32,
    rules: Vec<KeyRule>,
    /// Each record's key signature under every rule ([`KeyRule::signature`]), record by
    /// record: checking a pair against the earlier rules reads one cache line per record
    /// and settles most checks without touching the rules' key lists.
    signatures: Vec<u64>,
}

/// One unit of work: a range of outer positions of one block of one rule.
#[derive(Clone, Copy, Debug)]
struct Unit {
    rule: u16,
    block: u32,
    from: u32,
    to: u32,
    estimate: u64,
}

impl Blocking {
    /// Combine `rules` (each built over the same `n` records) for `mode`.
    ///
    /// # Errors
    /// A config error when a rule was built for another number of records, the link
    /// boundary exceeds `n`, there are more than 65,535 rules, or two rules share a name.
    pub fn new(mode: Mode, n: usize, rules: Vec<KeyRule>) -> crate::Result<Self> {
        let n32 = u32::try_from(n)
            .map_err(|_| crate::Error::config("records", "more than 4,294,967,295 records"))?;
        if rules.len() > usize::from(u16::MAX) {
            return Err(crate::Error::config("blocking", "too many rules"));
        }
        for (i, r) in rules.iter().enumerate() {
            if r.len() != n {
                return Err(crate::Error::config(
                    format!("blocking[{i}]"),
                    format!(
                        "rule {:?} was built for {} records, not {n}",
                        r.name(),
                        r.len()
                    ),
                ));
            }
            if rules[..i].iter().any(|o| o.name() == r.name()) {
                return Err(crate::Error::config(
                    format!("blocking[{i}]"),
                    format!("rule name {:?} is used twice", r.name()),
                ));
            }
        }
        if let Mode::Link { left_len } = mode {
            if left_len > n32 {
                return Err(crate::Error::config(
                    "link",
                    "left dataset larger than all records",
                ));
            }
        }
        let signatures = par::map_record_chunks(n, |range| {
            let mut out = Vec::with_capacity(range.len() * rules.len());
            for r in range {
                out.extend(rules.iter().map(|rule| rule.signature(r)));
            }
            out
        })
        .concat();
        Ok(Blocking {
            mode,
            n: n32,
            rules,
            signatures,
        })
    }

    /// The rules, in order.
    pub fn rules(&self) -> &[KeyRule] {
        &self.rules
    }

    /// The mode.
    pub fn mode(&self) -> Mode {
        self.mode
    }

    fn valid(&self, a: u32, b: u32) -> bool {
        if a == b || a >= self.n || b >= self.n {
            return false;
        }
        match self.mode {
            Mode::Dedupe => true,
            Mode::Link { left_len } => (a < left_len) != (b < left_len),
        }
    }

    fn orient(&self, a: u32, b: u32) -> (u32, u32) {
        match self.mode {
            Mode::Dedupe => (a.min(b), a.max(b)),
            Mode::Link { left_len } => {
                if a < left_len {
                    (a, b)
                } else {
                    (b, a)
                }
            }
        }
    }

    fn units(&self, target: u64) -> Vec<Unit> {
        let mut units = Vec::new();
        for (ri, rule) in self.rules.iter().enumerate() {
            for (bi, block) in rule.blocks().iter().enumerate() {
                let len = block.len;
                let windowed = rule.is_windowed(len);
                // Split large blocks into ranges of outer positions of bounded work.
                let per_outer = if windowed && !rule.unknown_pairs_all(len) {
                    rule.options().window as u64
                } else {
                    u64::from(len) / 2 + 1
                };
                let step = (target / per_outer.max(1)).clamp(1, u64::from(len)) as u32;
                let mut from = 0;
                while from < len {
                    let to = (from + step).min(len);
                    units.push(Unit {
                        rule: ri as u16,
                        block: bi as u32,
                        from,
                        to,
                        estimate: per_outer * u64::from(to - from),
                    });
                    from = to;
                }
            }
        }
        units
    }

    fn run_unit(&self, u: &Unit, out: &mut Vec<CandidatePair>) {
        let rule = &self.rules[u.rule as usize];
        let block = &rule.blocks()[u.block as usize];
        let (len, key) = (block.len, block.key);
        let members = rule.block_members(block);
        let window = if rule.is_windowed(len) {
            rule.options().window
        } else {
            len as usize
        };
        // Unknown records of a windowed block pair beyond the window too.
        let unknown = rule.is_windowed(len) && rule.unknown_pairs_all(len);
        for x in u.from as usize..u.to as usize {
            let end = if unknown {
                len as usize
            } else {
                (x + 1 + window).min(len as usize)
            };
            let x_unknown = unknown && rule.is_unknown(members[x]);
            for y in x + 1..end {
                let (a, b) = (members[x], members[y]);
                if y > x + window && !x_unknown && !rule.is_unknown(b) {
                    continue;
                }
                if !self.valid(a, b) {
                    continue;
                }
                if rule.first_covering_key(a, b) != Some(key) {
                    continue;
                }
                let k = self.rules.len();
                let (sa, sb) = (
                    &self.signatures[a as usize * k..][..u.rule as usize],
                    &self.signatures[b as usize * k..][..u.rule as usize],
                );
                if self.rules[..u.rule as usize]
                    .iter()
                    .zip(sa.iter().zip(sb))
                    .any(|(r, (x, y))| x & y != 0 && r.covers(a, b))
                {
                    continue;
                }
                let (l, r) = self.orient(a, b);
                out.push(CandidatePair {
                    left: l,
                    right: r,
                    rule: u.rule,
                });
            }
        }
    }

    /// Stream every candidate pair exactly once, in batches of about `batch_pairs` pairs
    /// (at least one unit of work; a batch may exceed the target when one block range does),
    /// in a deterministic order. Batches are computed in parallel with the `parallel`
    /// feature. Returns the report (pairs per rule, blocks, oversized blocks).
    pub fn for_each_batch<F: FnMut(&[CandidatePair])>(
        &self,
        batch_pairs: usize,
        mut f: F,
    ) -> BlockingReport {
        let target = (batch_pairs.max(1) as u64).clamp(1, 1 << 24);
        let units = self.units((target / 8).max(1));
        let mut report = BlockingReport::new(self);
        let mut i = 0;
        let mut batch: Vec<CandidatePair> = Vec::new();
        while i < units.len() {
            // Take units until their estimated work reaches the target.
            let mut j = i;
            let mut est = 0u64;
            while j < units.len() && (j == i || est + units[j].estimate <= target * 2) {
                est += units[j].estimate;
                j += 1;
            }
            let chunk = &units[i..j];
            batch.clear();
            let parts: Vec<Vec<CandidatePair>> = par::map(chunk, 1, |u| {
                let mut v = Vec::new();
                self.run_unit(u, &mut v);
                v
            });
            for p in parts {
                batch.extend_from_slice(&p);
            }
            for p in &batch {
                report.rules[p.rule as usize].pairs += 1;
            }
            report.total_pairs += batch.len() as u64;
            if !batch.is_empty() {
                f(&batch);
            }
            i = j;
        }
        report
    }

    /// All candidate pairs in one vector (convenient for small inputs; prefer
    /// [`Blocking::for_each_batch`] for large ones).
    #[cfg(test)]
    pub fn pairs(&self) -> (Vec<CandidatePair>, BlockingReport) {
        let mut all = Vec::new();
        let report = self.for_each_batch(1 << 16, |b| all.extend_from_slice(b));
        (all, report)
    }

    /// Number of possible pairs in this mode (`n(n−1)/2`, or `left · right`).
    pub fn possible_pairs(&self) -> f64 {
        match self.mode {
            Mode::Dedupe => f64::from(self.n) * (f64::from(self.n) - 1.0) / 2.0,
            Mode::Link { left_len } => f64::from(left_len) * f64::from(self.n - left_len),
        }
    }
}

#[cfg(test)]
mod tests;
