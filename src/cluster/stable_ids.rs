//! Stable cluster ids across runs: an earlier run's assignment plus a new clustering give
//! the new clusters ids that staff already know, and a change log per record.
//!
//! The rule: old ids are handed to new clusters in decreasing order of the number of
//! records they share (a greedy maximum-overlap matching), so each old id goes to the new
//! cluster that carries most of its records, unless that cluster already keeps an old id
//! that shares more records with it, in which case the old id goes to its next-best
//! cluster. Each old id goes to at most one new cluster and each new cluster keeps at
//! most one old id. Ties are broken by the old id (smaller first in byte order), then by
//! the new cluster's label (smaller first; the engine labels a cluster with its smallest
//! unique id). A new cluster that keeps no old id gets its label as id, or `label~2`,
//! `label~3` … when that id was an old cluster id or is taken, so an id of the previous
//! file never names a different cluster. Old ids that no new cluster keeps are retired.
//!
//! Each current record gets one [`ChangeKind`]: `new` (not in the previous run), `same`
//! (same id), `merged` (its old id was retired: its cluster joined a cluster that kept
//! another old id), `moved` (its old id lives on elsewhere and it now belongs to another
//! known cluster) or `split` (its old id lives on elsewhere and it now belongs to a
//! cluster with a fresh id). A retired old id always hands its records to clusters that
//! keep other old ids, so `merged` records never get fresh ids.

use std::collections::{HashMap, HashSet};
use std::hash::Hash;

use serde::{Deserialize, Serialize};

use crate::{Error, Result};

/// What happened to one record's cluster id between two runs (see the module docs).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// The record keeps its cluster id.
    Same,
    /// The record was not in the previous run.
    New,
    /// The record left its cluster (whose id lives on) for another known cluster.
    Moved,
    /// The record's cluster merged into a cluster that kept another id.
    Merged,
    /// The record left its cluster (whose id lives on) for a cluster with a fresh id.
    Split,
}

impl ChangeKind {
    /// The name written in change logs: `same`, `new`, `moved`, `merged` or `split`.
    pub fn as_str(&self) -> &'static str {
        match self {
            ChangeKind::Same => "same",
            ChangeKind::New => "new",
            ChangeKind::Moved => "moved",
            ChangeKind::Merged => "merged",
            ChangeKind::Split => "split",
        }
    }
}

impl std::fmt::Display for ChangeKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The cluster ids of an earlier run, by record key (a unique id, or a source and a
/// unique id for a link).
///
/// ```
/// use hawiya::{ChangeKind, PreviousClusters};
/// # fn main() -> hawiya::Result<()> {
/// let previous = PreviousClusters::new([("a", "P1"), ("b", "P1"), ("c", "P2")])?;
/// // The new run put a, b and c together and found d, labelling clusters by their
/// // smallest unique id.
/// let kept = previous.keep_ids(&[("a", "a"), ("b", "a"), ("c", "a"), ("d", "d")]);
/// assert_eq!(kept.cluster_ids, ["P1", "P1", "P1", "d"]);
/// assert_eq!(kept.changes, [ChangeKind::Same, ChangeKind::Same, ChangeKind::Merged, ChangeKind::New]);
/// assert_eq!(kept.retired, ["P2"]);
/// # Ok(()) }
/// ```
#[derive(Clone, Debug)]
pub struct PreviousClusters<K> {
    cluster_of: HashMap<K, u32>,
    /// The record keys in row order.
    keys: Vec<K>,
    names: Vec<String>,
}

/// New cluster ids for the records of a run, with what changed for each (see
/// [`PreviousClusters::keep_ids`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StableIds {
    /// The cluster id of each current record, in the order given.
    pub cluster_ids: Vec<String>,
    /// The record's cluster id in the previous run (`None` for a new record).
    pub old_cluster_ids: Vec<Option<String>>,
    /// What changed for each current record.
    pub changes: Vec<ChangeKind>,
    /// Old ids that no new cluster keeps, in byte order.
    pub retired: Vec<String>,
    /// Records of the previous run that are not among the current records.
    pub missing: usize,
}

impl StableIds {
    /// How many records got each kind of change, in the order of [`ChangeKind`].
    pub fn counts(&self) -> Vec<(ChangeKind, usize)> {
        let mut c: std::collections::BTreeMap<ChangeKind, usize> = Default::default();
        for k in &self.changes {
            *c.entry(*k).or_default() += 1;
        }
        c.into_iter().collect()
    }
}

impl<K: Hash + Eq + Clone> PreviousClusters<K> {
    /// The assignment of an earlier run as `(record key, cluster id)` rows.
    ///
    /// # Errors
    /// An input error naming the 1-based row for a record key that repeats an earlier row
    /// or a blank cluster id.
    pub fn new<S: AsRef<str>>(rows: impl IntoIterator<Item = (K, S)>) -> Result<Self> {
        let mut cluster_of = HashMap::new();
        let mut first_row: HashMap<K, u64> = HashMap::new();
        let mut index: HashMap<String, u32> = HashMap::new();
        let mut names = Vec::new();
        let mut keys = Vec::new();
        for (i, (key, cluster)) in rows.into_iter().enumerate() {
            let row = i as u64 + 1;
            let cluster = cluster.as_ref().trim();
            if cluster.is_empty() {
                return Err(Error::input(None, Some(row), Some("cluster_id"), "empty"));
            }
            if let Some(first) = first_row.get(&key) {
                return Err(Error::input(
                    None,
                    Some(row),
                    Some("unique_id"),
                    format!("duplicate unique_id (first at row {first})"),
                ));
            }
            first_row.insert(key.clone(), row);
            let c = *index.entry(cluster.to_string()).or_insert_with(|| {
                names.push(cluster.to_string());
                names.len() as u32 - 1
            });
            cluster_of.insert(key.clone(), c);
            keys.push(key);
        }
        Ok(PreviousClusters {
            cluster_of,
            keys,
            names,
        })
    }

    /// Records in the previous run.
    pub fn len(&self) -> usize {
        self.cluster_of.len()
    }

    /// Whether the previous run had no records.
    pub fn is_empty(&self) -> bool {
        self.cluster_of.is_empty()
    }

    /// The previous cluster id of `key`.
    pub fn cluster_id(&self, key: &K) -> Option<&str> {
        self.cluster_of
            .get(key)
            .map(|&c| self.names[c as usize].as_str())
    }

    /// The record keys, in the order of the rows given.
    pub fn keys(&self) -> impl Iterator<Item = &K> {
        self.keys.iter()
    }

    /// Whether `key` was a record of the previous run.
    pub fn contains(&self, key: &K) -> bool {
        self.cluster_of.contains_key(key)
    }

    /// Ids for a new clustering given as `(record key, cluster label)` per record (records
    /// with the same label form one cluster; labels name fresh clusters, see the module
    /// docs), in any order: the result follows the order given and does not depend on it.
    pub fn keep_ids<L: AsRef<str>>(&self, current: &[(K, L)]) -> StableIds {
        // New clusters by label, numbered in order of first appearance.
        let mut new_of_label: HashMap<&str, u32> = HashMap::new();
        let mut labels: Vec<&str> = Vec::new();
        let new_cluster: Vec<u32> = current
            .iter()
            .map(|(_, l)| {
                let l = l.as_ref();
                *new_of_label.entry(l).or_insert_with(|| {
                    labels.push(l);
                    labels.len() as u32 - 1
                })
            })
            .collect();
        let old_cluster: Vec<Option<u32>> = current
            .iter()
            .map(|(k, _)| self.cluster_of.get(k).copied())
            .collect();
        let mut seen: HashSet<&K> = HashSet::new();
        let present = current
            .iter()
            .filter(|(k, _)| self.cluster_of.contains_key(k) && seen.insert(k))
            .count();

        // Shared records of every (old, new) pair, matched greedily by decreasing overlap.
        let mut overlap: HashMap<(u32, u32), u32> = HashMap::new();
        for (o, &n) in old_cluster.iter().zip(&new_cluster) {
            if let Some(o) = o {
                *overlap.entry((*o, n)).or_default() += 1;
            }
        }
        let mut pairs: Vec<((u32, u32), u32)> = overlap.into_iter().collect();
        pairs.sort_unstable_by(|((oa, na), ca), ((ob, nb), cb)| {
            cb.cmp(ca)
                .then_with(|| self.names[*oa as usize].cmp(&self.names[*ob as usize]))
                .then_with(|| labels[*na as usize].cmp(labels[*nb as usize]))
        });
        let mut heir: Vec<Option<u32>> = vec![None; self.names.len()];
        let mut kept: Vec<Option<u32>> = vec![None; labels.len()];
        for ((o, n), _) in pairs {
            if heir[o as usize].is_none() && kept[n as usize].is_none() {
                heir[o as usize] = Some(n);
                kept[n as usize] = Some(o);
            }
        }

        // Fresh ids for the clusters that keep no old id, in label order.
        let mut taken: HashSet<String> = self.names.iter().cloned().collect();
        let mut id_of: Vec<String> = vec![String::new(); labels.len()];
        for (n, o) in kept.iter().enumerate() {
            if let Some(o) = o {
                id_of[n] = self.names[*o as usize].clone();
            }
        }
        let mut fresh: Vec<u32> = (0..labels.len() as u32)
            .filter(|&n| kept[n as usize].is_none())
            .collect();
        fresh.sort_unstable_by(|&a, &b| labels[a as usize].cmp(labels[b as usize]));
        for n in fresh {
            let label = labels[n as usize];
            let mut id = label.to_string();
            let mut k = 2u64;
            while taken.contains(&id) {
                id = format!("{label}~{k}");
                k += 1;
            }
            taken.insert(id.clone());
            id_of[n as usize] = id;
        }

        let changes = old_cluster
            .iter()
            .zip(&new_cluster)
            .map(|(o, &n)| match o {
                None => ChangeKind::New,
                Some(o) if kept[n as usize] == Some(*o) => ChangeKind::Same,
                Some(o) if heir[*o as usize].is_none() => ChangeKind::Merged,
                Some(_) if kept[n as usize].is_some() => ChangeKind::Moved,
                Some(_) => ChangeKind::Split,
            })
            .collect();
        let mut retired: Vec<String> = (0..self.names.len())
            .filter(|&o| heir[o].is_none())
            .map(|o| self.names[o].clone())
            .collect();
        retired.sort_unstable();
        StableIds {
            cluster_ids: new_cluster
                .iter()
                .map(|&n| id_of[n as usize].clone())
                .collect(),
            old_cluster_ids: old_cluster
                .iter()
                .map(|o| o.map(|o| self.names[o as usize].clone()))
                .collect(),
            changes,
            retired,
            missing: self.cluster_of.len() - present,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn keep(prev: &[(&str, &str)], cur: &[(&str, &str)]) -> StableIds {
        PreviousClusters::new(prev.iter().copied())
            .unwrap()
            .keep_ids(cur)
    }

    #[test]
    fn unchanged_clusters_keep_their_ids() {
        let s = keep(
            &[("a", "X"), ("b", "X"), ("c", "Y")],
            &[("c", "c"), ("a", "a"), ("b", "a")],
        );
        assert_eq!(s.cluster_ids, ["Y", "X", "X"]);
        assert!(s.changes.iter().all(|c| *c == ChangeKind::Same));
        assert!(s.retired.is_empty());
        assert_eq!(s.missing, 0);
    }

    #[test]
    fn a_split_keeps_the_id_on_the_larger_part_and_ties_on_the_smaller_label() {
        let s = keep(
            &[("a", "X"), ("b", "X"), ("c", "X")],
            &[("a", "a"), ("b", "b"), ("c", "b")],
        );
        assert_eq!(s.cluster_ids, ["a", "X", "X"]);
        assert_eq!(
            s.changes,
            [ChangeKind::Split, ChangeKind::Same, ChangeKind::Same]
        );
        // Two halves: the part with the smaller label keeps the id; the other's own label
        // "a" is free, "c" would be too.
        let s = keep(
            &[("a", "a"), ("b", "a"), ("c", "a"), ("d", "a")],
            &[("a", "a"), ("b", "a"), ("c", "c"), ("d", "c")],
        );
        assert_eq!(s.cluster_ids, ["a", "a", "c", "c"]);
        // The label of the split-off part is an old id: it gets a suffix.
        let s = keep(
            &[("a", "a"), ("b", "a"), ("c", "a")],
            &[("a", "a"), ("b", "b"), ("c", "b")],
        );
        assert_eq!(s.cluster_ids, ["a~2", "a", "a"]);
        assert_eq!(s.changes[0], ChangeKind::Split);
    }

    #[test]
    fn merged_moved_and_missing_records() {
        // X = {a,b,c}, Y = {d,e}, Z = {f}; now {a,b,c,d}, {e}, {f,g}; h is gone.
        let s = keep(
            &[
                ("a", "X"),
                ("b", "X"),
                ("c", "X"),
                ("d", "Y"),
                ("e", "Y"),
                ("f", "Z"),
                ("h", "W"),
            ],
            &[
                ("a", "a"),
                ("b", "a"),
                ("c", "a"),
                ("d", "a"),
                ("e", "e"),
                ("f", "f"),
                ("g", "f"),
            ],
        );
        assert_eq!(s.cluster_ids, ["X", "X", "X", "X", "Y", "Z", "Z"]);
        use ChangeKind::*;
        assert_eq!(s.changes, [Same, Same, Same, Moved, Same, Same, New]);
        assert_eq!(s.retired, ["W"]);
        assert_eq!(s.missing, 1);
        assert_eq!(
            s.counts(),
            [(Same, 5), (New, 1), (Moved, 1)]
                .into_iter()
                .collect::<Vec<_>>()
        );
        // Two whole clusters merge: the larger id stays; a tie keeps the smaller id.
        let s = keep(
            &[("a", "Q"), ("b", "P"), ("c", "Q")],
            &[("a", "a"), ("b", "a"), ("c", "a")],
        );
        assert_eq!(s.cluster_ids, ["Q", "Q", "Q"]);
        assert_eq!(s.changes, [Same, Merged, Same]);
        let s = keep(&[("a", "Q"), ("b", "P")], &[("a", "a"), ("b", "a")]);
        assert_eq!(s.cluster_ids, ["P", "P"]);
        assert_eq!(s.retired, ["Q"]);
    }

    #[test]
    fn bad_previous_rows_are_named() {
        let e = PreviousClusters::new([("a", "X"), ("b", "X"), ("a", "Y")])
            .unwrap_err()
            .to_string();
        assert!(e.contains("row 3") && e.contains("first at row 1"), "{e}");
        let e = PreviousClusters::new([("a", "X"), ("b", " ")])
            .unwrap_err()
            .to_string();
        assert!(e.contains("row 2") && e.contains("cluster_id"), "{e}");
    }

    /// `(record key, cluster number)` rows.
    type Assignment = Vec<(u32, u32)>;

    /// A random previous assignment and a random current clustering over keys 0..n.
    fn scenario() -> impl Strategy<Value = (Assignment, Assignment)> {
        (1usize..40).prop_flat_map(|n| {
            (
                prop::collection::vec(prop::option::weighted(0.8, 0u32..8), n),
                prop::collection::vec(0u32..10, n),
            )
                .prop_map(|(old, new)| {
                    let prev = old
                        .iter()
                        .enumerate()
                        .filter_map(|(k, o)| o.map(|o| (k as u32, o)))
                        .collect();
                    let cur = new
                        .iter()
                        .enumerate()
                        .map(|(k, &c)| (k as u32, c))
                        .collect();
                    (prev, cur)
                })
        })
    }

    /// Old ids look like some labels, so that fresh ids collide with them.
    fn old_name(c: u32) -> String {
        if c % 2 == 0 {
            format!("{c}")
        } else {
            format!("old{c}")
        }
    }

    /// Labels are the smallest key of each current cluster, as the engine names them.
    fn labelled(cur: &[(u32, u32)]) -> Vec<(u32, String)> {
        let mut smallest: HashMap<u32, u32> = HashMap::new();
        for &(k, c) in cur {
            let s = smallest.entry(c).or_insert(k);
            *s = (*s).min(k);
        }
        cur.iter()
            .map(|&(k, c)| (k, smallest[&c].to_string()))
            .collect()
    }

    proptest! {
        #[test]
        fn an_unchanged_clustering_keeps_every_id((prev, _) in scenario()) {
            let previous = PreviousClusters::new(prev.iter().map(|&(k, c)| (k, old_name(c)))).unwrap();
            let s = previous.keep_ids(&labelled(&prev));
            for (i, &(_, c)) in prev.iter().enumerate() {
                prop_assert_eq!(&s.cluster_ids[i], &old_name(c));
                prop_assert_eq!(s.changes[i], ChangeKind::Same);
            }
            prop_assert!(s.retired.is_empty());
        }

        #[test]
        fn ids_name_clusters_one_to_one_and_changes_are_consistent((prev, cur) in scenario()) {
            let previous = PreviousClusters::new(prev.iter().map(|&(k, c)| (k, old_name(c)))).unwrap();
            let cur = labelled(&cur);
            let s = previous.keep_ids(&cur);
            prop_assert_eq!(s.cluster_ids.len(), cur.len());
            prop_assert_eq!(s.changes.len(), cur.len());
            // One id per cluster, one cluster per id.
            let mut id_of: HashMap<&str, &str> = HashMap::new();
            let mut label_of: HashMap<&str, &str> = HashMap::new();
            for ((_, label), id) in cur.iter().zip(&s.cluster_ids) {
                prop_assert_eq!(*id_of.entry(label).or_insert(id), id.as_str());
                prop_assert_eq!(*label_of.entry(id).or_insert(label), label.as_str());
            }
            let old_names: HashSet<String> = prev.iter().map(|&(_, c)| old_name(c)).collect();
            let retired: HashSet<&String> = s.retired.iter().collect();
            for (i, (k, _)) in cur.iter().enumerate() {
                let old = previous.cluster_id(k);
                prop_assert_eq!(old, s.old_cluster_ids[i].as_deref());
                let id = &s.cluster_ids[i];
                // No retired id is used; an old id is used only by the cluster keeping it.
                prop_assert!(!retired.contains(id));
                let expected = match old {
                    None => ChangeKind::New,
                    Some(o) if o == id => ChangeKind::Same,
                    Some(o) if retired.contains(&o.to_string()) => ChangeKind::Merged,
                    Some(_) if old_names.contains(id) => ChangeKind::Moved,
                    Some(_) => ChangeKind::Split,
                };
                prop_assert_eq!(s.changes[i], expected);
                if s.changes[i] == ChangeKind::Merged {
                    prop_assert!(old_names.contains(id));
                }
            }
        }

        #[test]
        fn ids_do_not_depend_on_record_order((prev, cur) in scenario(), seed in any::<u64>()) {
            let previous = PreviousClusters::new(prev.iter().map(|&(k, c)| (k, old_name(c)))).unwrap();
            let cur = labelled(&cur);
            let s = previous.keep_ids(&cur);
            let mut shuffled: Vec<usize> = (0..cur.len()).collect();
            let mut rng = crate::SplitMix64::new(seed);
            for i in (1..shuffled.len()).rev() {
                shuffled.swap(i, (rng.next_u64() % (i as u64 + 1)) as usize);
            }
            let reordered: Vec<(u32, String)> = shuffled.iter().map(|&i| cur[i].clone()).collect();
            let t = previous.keep_ids(&reordered);
            for (j, &i) in shuffled.iter().enumerate() {
                prop_assert_eq!(&t.cluster_ids[j], &s.cluster_ids[i]);
                prop_assert_eq!(t.changes[j], s.changes[i]);
            }
        }
    }
}
