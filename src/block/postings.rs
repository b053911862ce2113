//! The incremental form of blocking: per rule, a posting list of the records holding each
//! key, kept in sort order, so that one new record finds the records the batch blocking
//! would pair it with — without building blocks — and can be added in place.
//!
//! The pairing semantics are those of [`KeyRule`](super::KeyRule): a record of a block of
//! at most `max_block` members pairs with all of them; in a larger (oversized) block, with
//! the `window` nearest members on each side in sort order; an *unknown* record (no value
//! for the rule's unknown key) pairs with every member of an oversized block of at most
//! `max_unknown_block`, and the unknown members of such a block pair with every record.
//! A sorted-neighbourhood rule is one block holding every record with a sort key.

use std::collections::HashMap;

use super::plan::{BlockingPlan, PlannedRule};
use crate::core::par;
use crate::prepare::PreparedDataset;

/// A posting list ordered by (sort key, position); each entry says whether the record is
/// unknown for the rule.
#[derive(Debug, Default, Clone)]
struct Postings(Vec<(u64, u32, bool)>);

impl Postings {
    fn insert(&mut self, sort: u64, pos: u32, unknown: bool) {
        let at = self.0.partition_point(|&e| (e.0, e.1) < (sort, pos));
        self.0.insert(at, (sort, pos, unknown));
    }

    /// The members a query pairs with: the batch pairing of the query as one more member
    /// of this block (so the block counts it), placed in sort order by (`sort`,
    /// `tiebreak`) — see the module docs.
    fn candidates(
        &self,
        sort: u64,
        tiebreak: u32,
        r: &PlannedRule,
        query_unknown: bool,
        out: &mut Vec<u32>,
    ) {
        let len = self.0.len() + 1;
        let max_block = if r.sorted.is_some() {
            0
        } else {
            r.options.max_block as usize
        };
        let window = r.options.window;
        let unknown_all = r.unknown.is_some() && len <= r.options.max_unknown_block as usize;
        if len <= max_block || (unknown_all && query_unknown) {
            out.extend(self.0.iter().map(|e| e.1));
            return;
        }
        let at = self.0.partition_point(|&e| (e.0, e.1) < (sort, tiebreak));
        let lo = at.saturating_sub(window);
        let hi = (at + window).min(self.0.len());
        out.extend(self.0[lo..hi].iter().map(|e| e.1));
        if unknown_all {
            out.extend(self.0.iter().filter(|e| e.2).map(|e| e.1));
        }
    }
}

/// Where a query stands among indexed records with the same sort key: before all of them
/// (as a record of position 0 would).
const QUERY_TIEBREAK: u32 = 0;

/// Posting lists of every rule of a plan (same order).
#[derive(Debug, Clone, Default)]
pub(crate) struct PostingsIndex {
    rules: Vec<HashMap<u64, Postings>>,
}

impl PostingsIndex {
    /// Postings of all records of `data` at once: keys computed in parallel, one sort per
    /// rule (inserting record by record would move long posting lists).
    pub(crate) fn build(plan: &BlockingPlan, data: &PreparedDataset) -> Self {
        let n = data.n;
        let sorts: Vec<u64> = (0..n).map(|p| plan.sort_key(data, p)).collect();
        let mut rules = Vec::with_capacity(plan.rules().len());
        for r in plan.rules() {
            // (key, sort key, position, unknown for the rule)
            type Entry = (u64, u64, u32, bool);
            let chunk = |range: std::ops::Range<usize>| {
                let mut out: Vec<Entry> = Vec::new();
                let mut keys = Vec::new();
                for pos in range {
                    match r.sorted {
                        Some(f) => {
                            if let Some(s) = data.column(f).sort_key(pos) {
                                out.push((0, s, pos as u32, false));
                            }
                        }
                        None => {
                            let u = BlockingPlan::record_keys(data, r, pos, &mut keys);
                            out.extend(keys.iter().map(|&k| (k, sorts[pos], pos as u32, u)));
                        }
                    }
                }
                out
            };
            let mut entries: Vec<Entry> = par::map_record_chunks(n, chunk).concat();
            par::sort_unstable(&mut entries);
            let mut postings = HashMap::new();
            let mut start = 0;
            while start < entries.len() {
                let key = entries[start].0;
                let end = start + entries[start..].partition_point(|e| e.0 == key);
                let list = entries[start..end]
                    .iter()
                    .map(|e| (e.1, e.2, e.3))
                    .collect();
                postings.insert(key, Postings(list));
                start = end;
            }
            rules.push(postings);
        }
        PostingsIndex { rules }
    }

    /// Add record `pos` of `data` to every rule's postings.
    pub(crate) fn insert(&mut self, plan: &BlockingPlan, data: &PreparedDataset, pos: usize) {
        let sort = plan.sort_key(data, pos);
        let mut keys = Vec::new();
        for (r, postings) in plan.rules().iter().zip(&mut self.rules) {
            match r.sorted {
                Some(f) => {
                    if let Some(s) = data.column(f).sort_key(pos) {
                        postings.entry(0).or_default().insert(s, pos as u32, false);
                    }
                }
                None => {
                    let unknown = BlockingPlan::record_keys(data, r, pos, &mut keys);
                    for &k in &keys {
                        postings
                            .entry(k)
                            .or_default()
                            .insert(sort, pos as u32, unknown);
                    }
                }
            }
        }
    }

    /// Candidate positions for the one-record `query`, ascending and distinct, each with
    /// the evidence of the keys it shares with the query: every shared posting list adds
    /// `ln(1 + indexed / len)`, so a rare key (a rare family name, a rare token pair) counts
    /// more than a common one.
    pub(crate) fn candidates(
        &self,
        plan: &BlockingPlan,
        query: &PreparedDataset,
        indexed: usize,
    ) -> Vec<(u32, f32)> {
        self.candidates_at(plan, query, 0, indexed)
    }

    /// [`Self::candidates`] for record `row` of `query` (a batch of queries prepared at
    /// once).
    pub(crate) fn candidates_at(
        &self,
        plan: &BlockingPlan,
        query: &PreparedDataset,
        row: usize,
        indexed: usize,
    ) -> Vec<(u32, f32)> {
        let sort = plan.sort_key(query, row);
        let n = indexed.max(1) as f64;
        let mut out: Vec<(u32, f32)> = Vec::new();
        let mut keys = Vec::new();
        let mut buf = Vec::new();
        let mut take =
            |p: &Postings, s: u64, r: &PlannedRule, unknown: bool, out: &mut Vec<(u32, f32)>| {
                let w = (1.0 + n / p.0.len().max(1) as f64).ln() as f32;
                buf.clear();
                p.candidates(s, QUERY_TIEBREAK, r, unknown, &mut buf);
                out.extend(buf.iter().map(|&pos| (pos, w)));
            };
        for (r, postings) in plan.rules().iter().zip(&self.rules) {
            match r.sorted {
                Some(f) => {
                    if let (Some(s), Some(p)) = (query.column(f).sort_key(row), postings.get(&0)) {
                        take(p, s, r, false, &mut out);
                    }
                }
                None => {
                    let unknown = BlockingPlan::record_keys(query, r, row, &mut keys);
                    for k in &keys {
                        if let Some(p) = postings.get(k) {
                            take(p, sort, r, unknown, &mut out);
                        }
                    }
                }
            }
        }
        out.sort_unstable_by_key(|c| c.0);
        let mut merged: Vec<(u32, f32)> = Vec::with_capacity(out.len());
        for (pos, w) in out {
            match merged.last_mut() {
                Some(last) if last.0 == pos => last.1 += w,
                _ => merged.push((pos, w)),
            }
        }
        merged
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use proptest::prelude::*;

    use super::*;
    use crate::block::{KeyRule, RuleOptions};
    use crate::schema::{KeyPart, ResolvedPart};

    fn planned(options: RuleOptions, with_unknown: bool) -> PlannedRule {
        PlannedRule {
            name: "r".into(),
            parts: Vec::new(),
            sorted: None,
            unknown: with_unknown.then_some(ResolvedPart {
                field: 0,
                key: KeyPart::Year,
            }),
            options,
        }
    }

    /// Postings of every record but `held_out`, by key.
    fn lists(
        keys: &[Vec<u64>],
        sort: &[u64],
        unknown: &[bool],
        held_out: usize,
    ) -> HashMap<u64, Postings> {
        let mut lists: HashMap<u64, Postings> = HashMap::new();
        for (r, ks) in keys.iter().enumerate() {
            if r == held_out {
                continue;
            }
            let mut ks = ks.clone();
            ks.sort_unstable();
            ks.dedup();
            for k in ks {
                lists
                    .entry(k)
                    .or_default()
                    .insert(sort[r], r as u32, unknown[r]);
            }
        }
        lists
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

        /// The one semantics: a record queried against the postings of all the others
        /// finds exactly the records the batch rule pairs it with.
        #[test]
        fn a_query_finds_what_the_batch_rule_pairs(
            (keys, sort, unknown, max_block, window, max_unknown_block) in (1usize..30)
                .prop_flat_map(|n| (
                    prop::collection::vec(prop::collection::vec(0u64..5, 0..3), n),
                    prop::collection::vec(0u64..6, n),
                    prop::collection::vec(prop::bool::weighted(0.2), n),
                    1u32..8,
                    0usize..4,
                    0u32..20,
                ))
        ) {
            let n = keys.len();
            let options = RuleOptions { max_block, window, max_unknown_block };
            let rule = KeyRule::build("r", n, options.clone(), Some(&sort), |i, out| {
                out.extend_from_slice(&keys[i])
            })
            .unwrap()
            .with_unknown(unknown.clone())
            .unwrap();
            let plan = planned(options, true);
            for q in 0..n {
                let lists = lists(&keys, &sort, &unknown, q);
                let mut found = Vec::new();
                for k in &keys[q] {
                    if let Some(p) = lists.get(k) {
                        p.candidates(sort[q], q as u32, &plan, unknown[q], &mut found);
                    }
                }
                let found: BTreeSet<u32> = found.into_iter().collect();
                let batch: BTreeSet<u32> = (0..n as u32)
                    .filter(|&s| rule.covers(q as u32, s))
                    .collect();
                prop_assert_eq!(found, batch, "record {}", q);
            }
        }
    }

    #[test]
    fn bulk_postings_equal_one_by_one_insertion() {
        use crate::schema::{Config, FieldConfig, FieldKind};
        let names: Vec<String> = (0..300)
            .map(|i| {
                let given = ["Mohammed", "محمد", "Saleh", "صالح", "Mona", "Omar"][i % 6];
                let family = ["Al-Enezi", "العنزي", "Haddad", "Al-Fadhala", "الفضالة"][i % 5];
                format!("{given} {} {family}", ["Ali", "علي", "Khalid"][i % 3])
            })
            .collect();
        let mut config = Config::new(vec![FieldConfig::new("name", FieldKind::Name)]);
        config.id_column = "id".into();
        let plan = BlockingPlan::new(&config).unwrap();
        let column: Vec<Option<&str>> = names.iter().map(|n| Some(n.as_str())).collect();
        let data = PreparedDataset::build(&config, &[column]);
        let bulk = PostingsIndex::build(&plan, &data);
        let mut grown = PostingsIndex {
            rules: vec![HashMap::new(); plan.rules().len()],
        };
        for pos in 0..data.n {
            grown.insert(&plan, &data, pos);
        }
        for (a, b) in bulk.rules.iter().zip(&grown.rules) {
            assert_eq!(a.len(), b.len());
            for (k, p) in a {
                assert_eq!(p.0, b[k].0);
            }
        }
    }
}
