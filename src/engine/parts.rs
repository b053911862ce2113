//! A run split into parts, for a cluster of machines (Spark): each step works on a few
//! rows and gives the same result as the engine's run over the whole dataset.
//!
//! 1. [`Records::row_problem`](crate::Records::row_problem) and
//!    [`Records::duplicate_reason`](crate::Records::duplicate_reason): the rejects.
//! 2. [`Matcher::term_counts`]: term frequencies of a part; [`TermCounts::merge`] adds the
//!    parts up.
//! 3. [`Matcher::train_on`]: the model (trained on all records, or on a sample).
//! 4. [`Matcher::block_memberships`]: each record's blocks (rule, key, sort key).
//! 5. [`Matcher::score_blocks`]: the pairs of blocks, or of a slice of an oversized block
//!    ([`BlockRule`] says how a rule pairs its blocks), scored with the whole dataset's
//!    term frequencies.
//! 6. [`Matcher::cluster_part`]: the engine's clustering of one connected component.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::Matcher;
use crate::block::{BlockingPlan, Member, Mode, member_pairs};
use crate::cluster::{Edge, cluster};
use crate::core::{Level, NoProgress};
use crate::ingest::Records;
use crate::prepare::PreparedDataset;
use crate::score::{FellegiSunter, Scorer, Training, TrainingReport, match_probability};
use crate::{Error, Result, Table};

/// Term frequencies counted over a whole dataset, one entry per configured field (empty
/// for fields without term-frequency adjustment): how often each term occurs and among how
/// many values.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TermCounts {
    /// Per field: term → count.
    pub counts: Vec<HashMap<String, u64>>,
    /// Per field: values counted (records with a value).
    pub totals: Vec<u64>,
}

impl TermCounts {
    /// Add the counts of another part of the same dataset (same config).
    pub fn merge(&mut self, other: &TermCounts) {
        if self.counts.len() < other.counts.len() {
            self.counts.resize_with(other.counts.len(), HashMap::new);
            self.totals.resize(other.counts.len(), 0);
        }
        for (i, (c, t)) in other.counts.iter().zip(&other.totals).enumerate() {
            for (k, v) in c {
                *self.counts[i].entry(k.clone()).or_insert(0) += v;
            }
            self.totals[i] += t;
        }
    }

    /// Use these counts in `data` instead of its own.
    fn apply(&self, data: &mut PreparedDataset) {
        for (i, col) in data.columns.iter_mut().enumerate() {
            if let (Some(c), Some(&t)) = (self.counts.get(i), self.totals.get(i)) {
                if t > 0 {
                    col.use_term_counts(c, t);
                }
            }
        }
    }
}

/// How a blocking rule pairs the records of a block: all pairs up to `max_block` records;
/// in a larger (oversized) block or a sorted-neighbourhood rule, the `window` neighbours on
/// each side in the order of (sort key, source, unique id), and unknown records with every
/// member of an oversized block of at most `max_unknown_block`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BlockRule {
    /// The rule's name.
    pub name: String,
    /// Largest block paired all-against-all.
    pub max_block: u32,
    /// Neighbours on each side in an oversized block.
    pub window: usize,
    /// Largest oversized block whose unknown records pair with every member.
    pub max_unknown_block: u32,
    /// A sorted-neighbourhood rule (one block, always windowed).
    pub sorted: bool,
    /// Whether records can be unknown for the rule.
    pub has_unknown: bool,
}

impl BlockRule {
    /// Whether a block of `len` records is paired within the window only.
    pub fn windowed(&self, len: u32) -> bool {
        self.sorted || len > self.max_block
    }

    /// Whether the unknown members of a block of `len` records pair with every member.
    pub fn unknown_pairs_all(&self, len: u32) -> bool {
        self.windowed(len) && self.has_unknown && len <= self.max_unknown_block
    }
}

/// One record in one block of one rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BlockMembership {
    /// Which input (0 = dedupe / left, 1 = right).
    pub source: u8,
    /// The record's unique id.
    pub unique_id: String,
    /// The rule (index into [`Matcher::block_rules`]).
    pub rule: u16,
    /// The block's key.
    pub key: u64,
    /// The record's sort key in the block (members are ordered by sort key, source, id).
    pub sort: u64,
    /// Unknown for the rule.
    pub unknown: bool,
}

/// One block (or slice of one) given to [`Matcher::score_blocks`]: some rows of the
/// tables (left rows, then right rows, counted on), each with its place in the block.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BlockPart {
    /// The rule (index into [`Matcher::block_rules`]).
    pub rule: u16,
    /// Records in the whole block.
    pub len: u32,
    /// The members: row indices into the tables (a record's id may repeat in other rows,
    /// for other blocks: its first row is used).
    pub rows: Vec<usize>,
    /// Per member: its position in the whole block's order; all `None` for a whole block
    /// (positions are then those of the (sort key, source, unique id) order).
    pub positions: Vec<Option<u32>>,
    /// Per member: whether pairs are formed for it here (a slice also holds the next
    /// slice's first `window` members and the block's unknown members); empty = all.
    pub owned: Vec<bool>,
}

/// A scored candidate pair of a block, by unique ids.
#[derive(Clone, Debug, PartialEq)]
pub struct BlockEdge {
    /// Source of the first record.
    pub source_l: u8,
    /// Unique id of the first record.
    pub unique_id_l: String,
    /// Source of the second record.
    pub source_r: u8,
    /// Unique id of the second record.
    pub unique_id_r: String,
    /// Match probability in [0, 1].
    pub match_probability: f64,
}

impl Matcher {
    /// Whether a run over `left` records (dedupe) or `left` and `right` records (link)
    /// compares every pair: then [`Matcher::block_rules`] and
    /// [`Matcher::block_memberships`] must be called with `all_pairs`.
    pub fn compares_all_pairs(&self, left: usize, right: Option<usize>) -> bool {
        match right {
            None => BlockingPlan::compares_all_pairs(Mode::Dedupe, left),
            Some(r) => BlockingPlan::compares_all_pairs(
                Mode::Link {
                    left_len: u32::try_from(left).unwrap_or(u32::MAX),
                },
                left.saturating_add(r),
            ),
        }
    }

    /// The blocking rules in force, in order; with `all_pairs`, the rule that pairs every
    /// record comes last.
    pub fn block_rules(&self, all_pairs: bool) -> Vec<BlockRule> {
        self.plan()
            .shapes(all_pairs)
            .into_iter()
            .map(|s| BlockRule {
                name: s.name,
                max_block: s.options.max_block,
                window: s.options.window,
                max_unknown_block: s.options.max_unknown_block,
                sorted: s.sorted,
                has_unknown: s.has_unknown,
            })
            .collect()
    }

    /// The blocks of every record of `tables` (one for dedupe, two for link; rows without
    /// a problem of their own, see [`Records::row_problem`](crate::Records::row_problem)).
    ///
    /// # Errors
    /// Input errors for missing columns.
    pub fn block_memberships(
        &self,
        tables: &[&Table],
        all_pairs: bool,
    ) -> Result<Vec<BlockMembership>> {
        let records = Records::new(&self.config, tables)?;
        let data = PreparedDataset::from_records(&self.config, &records);
        let mut out = Vec::new();
        let mut tmp = Vec::new();
        for i in 0..records.len() {
            tmp.clear();
            self.plan().memberships(&data, i, all_pairs, &mut tmp);
            let (source, _) = records.origin(i);
            out.extend(
                tmp.iter()
                    .map(|&(rule, key, sort, unknown)| BlockMembership {
                        source,
                        unique_id: records.ids()[i].clone(),
                        rule,
                        key,
                        sort,
                        unknown,
                    }),
            );
        }
        Ok(out)
    }

    /// Term counts of the records of `tables` (a part of a dataset; merge the parts with
    /// [`TermCounts::merge`]).
    ///
    /// # Errors
    /// Input errors for missing columns.
    pub fn term_counts(&self, tables: &[&Table]) -> Result<TermCounts> {
        let records = Records::new(&self.config, tables)?;
        let data = PreparedDataset::from_records(&self.config, &records);
        let mut tc = TermCounts {
            counts: vec![HashMap::new(); data.width()],
            totals: vec![0; data.width()],
        };
        for (i, f) in self.config.fields.iter().enumerate() {
            if !f.tf_enabled() {
                continue;
            }
            for r in 0..data.n {
                if let Some(k) = data.column(i).term_key(r) {
                    *tc.counts[i].entry(k).or_insert(0) += 1;
                    tc.totals[i] += 1;
                }
            }
        }
        Ok(tc)
    }

    /// Train a model on `tables` (one: dedupe, two: link) as a run without a model does.
    ///
    /// # Errors
    /// Input errors for missing columns; config errors for blocking rules.
    pub fn train_on(&self, tables: &[&Table]) -> Result<(FellegiSunter, TrainingReport)> {
        let records = Records::new(&self.config, tables)?;
        let data = PreparedDataset::from_records(&self.config, &records);
        let mode = if records.is_link() {
            Mode::Link {
                left_len: records.left_len() as u32,
            }
        } else {
            Mode::Dedupe
        };
        let blocking = self.plan().blocking(&data, mode)?;
        let specs = self.level_specs();
        Training {
            config: &self.config,
            plan: self.plan(),
            data: &data,
            blocking: &blocking,
            specs: &specs,
        }
        .run(&NoProgress)
    }

    /// The candidate pairs of the blocks `parts` (each a block or slice of one) whose
    /// members are rows of `tables`, scored with this matcher's model and the whole
    /// dataset's term counts `tf`: those with a match probability of at least
    /// `min_probability`, each pair once, in (left, right) order of unique ids.
    ///
    /// # Errors
    /// A config error without a model or for an unknown rule; input errors for missing
    /// columns or a part that does not fit the rows.
    pub fn score_blocks(
        &self,
        tables: &[&Table],
        parts: &[BlockPart],
        tf: &TermCounts,
        min_probability: f64,
    ) -> Result<Vec<BlockEdge>> {
        let model = self
            .model
            .as_ref()
            .ok_or_else(|| Error::config("model", "no model: train or load one first"))?;
        let shapes = self.plan().shapes(true);
        let records = Records::new(&self.config, tables)?;
        let mut data = PreparedDataset::from_records(&self.config, &records);
        tf.apply(&mut data);
        let mode = if records.is_link() {
            Mode::Link {
                left_len: records.left_len() as u32,
            }
        } else {
            Mode::Dedupe
        };
        // Each row's record: the record of its (source, unique id).
        let lens: Vec<usize> = tables.iter().map(|t| t.len()).collect();
        let by_id: HashMap<(u8, &str), u32> = (0..records.len())
            .map(|i| ((records.origin(i).0, records.ids()[i].as_str()), i as u32))
            .collect();
        let idc = &self.config.id_column;
        let record_of = |flat: usize| -> Option<u32> {
            let (mut s, mut row) = (0usize, flat);
            while s < lens.len() && row >= lens[s] {
                row -= lens[s];
                s += 1;
            }
            let id = tables.get(s)?.value(row, idc)?.trim();
            by_id.get(&(s as u8, id)).copied()
        };
        let mut pairs = Vec::new();
        for part in parts {
            let shape = shapes
                .get(usize::from(part.rule))
                .ok_or_else(|| Error::config("rule", format!("no blocking rule {}", part.rule)))?;
            let n = part.rows.len();
            if part.positions.len() != n || !(part.owned.is_empty() || part.owned.len() == n) {
                return Err(Error::input(
                    None,
                    None,
                    None,
                    format!(
                        "a block part of {n} rows has {} positions",
                        part.positions.len()
                    ),
                ));
            }
            let rule = usize::from(part.rule);
            let mut members: Vec<(u64, Member)> = Vec::with_capacity(n);
            for (k, &flat) in part.rows.iter().enumerate() {
                let Some(rec) = record_of(flat) else { continue };
                let (sort, unknown) = self.plan().member_order(&data, rule, rec as usize);
                members.push((
                    sort,
                    Member {
                        record: rec,
                        position: part.positions[k].unwrap_or(0),
                        unknown,
                        owned: part.owned.get(k).copied().unwrap_or(true),
                    },
                ));
            }
            if part.positions.iter().all(Option::is_none) {
                // A whole block: its order is (sort key, record).
                members.sort_unstable_by_key(|(s, m)| (*s, m.record));
                for (p, (_, m)) in members.iter_mut().enumerate() {
                    m.position = p as u32;
                }
            } else {
                members.sort_unstable_by_key(|(_, m)| (m.position, m.record));
            }
            let members: Vec<Member> = members.into_iter().map(|(_, m)| m).collect();
            member_pairs(shape, part.len, mode, &members, &mut pairs);
        }
        pairs.sort_unstable();
        pairs.dedup();

        let scorer = Scorer::new(model, &self.config);
        let floor = (min_probability / (1.0 - min_probability)).log2();
        let width = data.width();
        let kept = crate::core::par::map_chunks(&pairs, 2048, |_, chunk| {
            let mut v = vec![Level::NULL; width];
            let mut tfs = vec![None; width];
            let mut out = Vec::new();
            for &(a, b) in chunk {
                let (a, b) = (a as usize, b as usize);
                let Some(w) = scorer.score_above(&data, a, &data, b, &mut v, &mut tfs, floor)
                else {
                    continue;
                };
                let p = match_probability(w);
                if p >= min_probability {
                    out.push((a, b, p));
                }
            }
            out
        });
        Ok(kept
            .into_iter()
            .flatten()
            .map(|(a, b, p)| BlockEdge {
                source_l: records.origin(a).0,
                unique_id_l: records.ids()[a].clone(),
                source_r: records.origin(b).0,
                unique_id_r: records.ids()[b].clone(),
                match_probability: p,
            })
            .collect())
    }

    /// The engine's clustering of one connected component (or any set of records with
    /// all their edges): `records` as (source, unique id), `edges` between their indices
    /// with match probabilities. Returns each record's cluster id (the smallest unique id
    /// of its cluster), in the order of `records`.
    ///
    /// ```
    /// use hawiya::Matcher;
    /// # fn main() -> hawiya::Result<()> {
    /// let m = Matcher::builder().name("full_name").build()?;
    /// let records = [(0, "b".to_string()), (0, "a".to_string()), (0, "c".to_string())];
    /// let ids = m.cluster_part(&records, &[(0, 1, 0.99), (1, 2, 0.2)])?;
    /// assert_eq!(ids, ["a", "a", "c"]);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// A config error for invalid cluster options.
    pub fn cluster_part(
        &self,
        records: &[(u8, String)],
        edges: &[(usize, usize, f64)],
    ) -> Result<Vec<String>> {
        // Records in the engine's order: (source, unique id).
        let mut order: Vec<usize> = (0..records.len()).collect();
        order.sort_by(|&a, &b| records[a].cmp(&records[b]));
        let mut rank = vec![0u32; records.len()];
        for (r, &i) in order.iter().enumerate() {
            rank[i] = r as u32;
        }
        let edges: Vec<Edge> = edges
            .iter()
            .filter(|e| e.0 < records.len() && e.1 < records.len())
            .map(|&(a, b, p)| Edge {
                a: rank[a],
                b: rank[b],
                probability: p,
            })
            .collect();
        let clustering = cluster(records.len(), &edges, &self.config.cluster_options())?;
        let ids: Vec<&str> = order.iter().map(|&i| records[i].1.as_str()).collect();
        let named = clustering.named_ids(&ids);
        Ok((0..records.len())
            .map(|i| named[rank[i] as usize].clone())
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Config;

    const COLUMNS: [&str; 5] = ["unique_id", "full_name", "dob", "civil_id", "gender"];

    fn table(rows: &[Vec<String>]) -> Table {
        let mut t = Table::new(COLUMNS.map(String::from).to_vec()).unwrap();
        for r in rows {
            t.push_row(r).unwrap();
        }
        t
    }

    /// Scoring the blocks of every rule apart (in two buckets) gives the engine's pairs
    /// above the threshold, with the whole table's term counts merged from two halves.
    #[test]
    fn blocks_scored_apart_give_the_engines_pairs() {
        use hawiya_synth::{Generator, GeneratorConfig};
        let g = Generator::new(GeneratorConfig {
            records: 1600,
            ..Default::default()
        })
        .unwrap()
        .table()
        .unwrap();
        let rows: Vec<Vec<String>> = (0..g.len())
            .map(|i| {
                COLUMNS
                    .iter()
                    .map(|c| g.value(i, c).unwrap_or("").to_string())
                    .collect()
            })
            .collect();
        let whole = table(&rows);
        let (h1, h2) = (table(&rows[..800]), table(&rows[800..]));
        let m = Matcher::new(Config::infer(&COLUMNS).unwrap()).unwrap();
        let engine = m.dedupe(&whole).unwrap();
        let m = m.with_model(engine.model.clone()).unwrap();
        let all = m.compares_all_pairs(whole.len(), None);
        assert!(!all);
        let mut tf = m.term_counts(&[&h1]).unwrap();
        tf.merge(&m.term_counts(&[&h2]).unwrap());
        assert_eq!(tf, m.term_counts(&[&whole]).unwrap());
        let row_of: HashMap<&str, usize> = rows
            .iter()
            .enumerate()
            .map(|(i, r)| (r[0].as_str(), i))
            .collect();
        let mut blocks: HashMap<(u16, u64), Vec<usize>> = HashMap::new();
        for b in m.block_memberships(&[&whole], all).unwrap() {
            blocks
                .entry((b.rule, b.key))
                .or_default()
                .push(row_of[b.unique_id.as_str()]);
        }
        let threshold = m.pairs_threshold();
        // Two buckets of blocks, each scored in one call.
        let mut found = std::collections::BTreeSet::new();
        let mut buckets: [Vec<BlockPart>; 2] = Default::default();
        let mut keys: Vec<_> = blocks.into_iter().collect();
        keys.sort();
        for (i, ((rule, _), members)) in keys.into_iter().enumerate() {
            buckets[i % 2].push(BlockPart {
                rule,
                len: members.len() as u32,
                positions: vec![None; members.len()],
                rows: members,
                owned: Vec::new(),
            });
        }
        for parts in &buckets {
            for e in m.score_blocks(&[&whole], parts, &tf, threshold).unwrap() {
                found.insert((e.unique_id_l, e.unique_id_r, e.match_probability.to_bits()));
            }
        }
        let expected: std::collections::BTreeSet<_> = engine
            .pairs
            .iter()
            .map(|p| {
                (
                    p.unique_id_l.clone(),
                    p.unique_id_r.clone(),
                    p.match_probability.to_bits(),
                )
            })
            .collect();
        assert!(!expected.is_empty());
        assert_eq!(found, expected);
    }
}
