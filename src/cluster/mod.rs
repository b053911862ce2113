//! Clustering: connected components of the pairs above a threshold, with stable cluster
//! ids and a guard against chaining.
//!
//! Transitive closure is what a registry needs (one person, one cluster) but it chains: one
//! weak link between two dense groups merges two people. [`ClusterOptions::min_density`]
//! guards against that: a component of three or more records whose share of linked pairs
//! (edges / possible pairs) falls below the minimum is clustered again with a threshold
//! raised by `threshold_step`, until each part is dense enough or no edge is left. Every
//! component's statistics (size, edges, density, weakest link) are reported either way.
//!
//! Owns: union–find, the chaining guard, must-link / cannot-link constraints, cluster
//! statistics and cluster ids, and the outcome of each record ([`RecordCluster`]).
//! Must not know: how edges were scored or found.

mod constraints;
mod stable_ids;
mod union_find;

pub use constraints::{ConstraintOutcome, ConstraintReport, Constraints, cluster_constrained};
pub use stable_ids::{ChangeKind, PreviousClusters, StableIds};
pub use union_find::UnionFind;

use serde::{Deserialize, Serialize};

use crate::schema::ClusterOptions;

/// A scored edge between two records (indices), with its match probability.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Edge {
    /// One record.
    pub a: u32,
    /// The other record.
    pub b: u32,
    /// Match probability in [0, 1].
    pub probability: f64,
}

/// One input row's outcome: its cluster.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordCluster {
    /// Which input (0 = dedupe / left, 1 = right).
    pub source: u8,
    /// 0-based row index in that input.
    pub row: usize,
    /// The row's unique id.
    pub unique_id: String,
    /// The cluster id: the smallest unique id of the cluster's members.
    pub cluster_id: String,
}

/// Statistics of one cluster of two or more records.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClusterStats {
    /// Index of the cluster (see [`Clustering::cluster_of`]).
    pub cluster: u32,
    /// Records in the cluster.
    pub size: u32,
    /// Edges above the threshold inside the cluster.
    pub edges: u64,
    /// `edges / (size · (size − 1) / 2)`.
    pub density: f64,
    /// The weakest edge inside the cluster (its probability).
    pub min_link: f64,
}

/// The result of clustering `n` records.
#[derive(Clone, Debug, PartialEq)]
pub struct Clustering {
    /// For each record, its cluster index in `0..cluster_count`, numbered by each cluster's
    /// smallest record index (so independent of edge order and thread count).
    pub cluster_of: Vec<u32>,
    /// Number of clusters (singletons included).
    pub cluster_count: u32,
    /// Statistics of every cluster of two or more records, by cluster index.
    pub stats: Vec<ClusterStats>,
    /// Components split by the density guard.
    pub split_components: usize,
}

impl Clustering {
    /// Stable, human-readable cluster ids: each cluster is named by the smallest of its
    /// members' unique ids, so the ids do not depend on input order either.
    ///
    /// ```
    /// use hawiya::{cluster, ClusterOptions, Edge};
    /// # fn main() -> hawiya::Result<()> {
    /// let edges = [Edge { a: 0, b: 2, probability: 0.99 }];
    /// let c = cluster(3, &edges, &ClusterOptions::default())?;
    /// assert_eq!(c.named_ids(&["p9", "p1", "p3"]), vec!["p3", "p1", "p3"]);
    /// # Ok(()) }
    /// ```
    pub fn named_ids<S: AsRef<str>>(&self, unique_ids: &[S]) -> Vec<String> {
        let mut best: Vec<Option<&str>> = vec![None; self.cluster_count as usize];
        for (i, &c) in self.cluster_of.iter().enumerate() {
            let id = unique_ids.get(i).map_or("", |s| s.as_ref());
            let slot = &mut best[c as usize];
            if slot.is_none_or(|b| id < b) {
                *slot = Some(id);
            }
        }
        self.cluster_of
            .iter()
            .map(|&c| best[c as usize].unwrap_or("").to_string())
            .collect()
    }

    /// Clusters whose weakest link or density is below the given bounds: candidates for
    /// review as possible chains.
    pub fn weak_clusters(&self, min_link: f64, min_density: f64) -> Vec<&ClusterStats> {
        self.stats
            .iter()
            .filter(|s| s.size >= 3 && (s.min_link < min_link || s.density < min_density))
            .collect()
    }

    /// Sizes histogram: `(size, number of clusters of that size)`, ascending.
    pub fn size_histogram(&self) -> Vec<(u32, u32)> {
        let mut sizes = vec![0u32; self.cluster_count as usize];
        for &c in &self.cluster_of {
            sizes[c as usize] += 1;
        }
        let mut h = std::collections::BTreeMap::new();
        for s in sizes {
            *h.entry(s).or_insert(0u32) += 1;
        }
        h.into_iter().collect()
    }
}

/// Cluster `n` records from scored edges (any order; duplicates allowed; edges out of range
/// ignored): connected components over edges with probability ≥ the threshold, with the
/// optional density guard.
///
/// # Errors
/// A config error for invalid options.
pub fn cluster(n: usize, edges: &[Edge], options: &ClusterOptions) -> crate::Result<Clustering> {
    options.validate()?;
    let kept = kept_edges(n, edges, options.threshold);
    let (uf, split_components) = if options.min_density > 0.0 {
        guard(n, &kept, options)
    } else {
        let mut uf = UnionFind::new(n);
        for e in &kept {
            uf.union(e.a, e.b);
        }
        (uf, 0)
    };
    Ok(numbered(n, uf, &kept, split_components))
}

/// The clustering given by `groups` (a group number per record, any numbering), with
/// the statistics of the edges at or above `threshold` inside the clusters: a saved
/// clustering seen again.
pub(crate) fn from_groups(groups: &[u32], edges: &[Edge], threshold: f64) -> Clustering {
    let n = groups.len();
    let mut first: std::collections::HashMap<u32, u32> = std::collections::HashMap::new();
    let mut uf = UnionFind::new(n);
    for (i, &g) in groups.iter().enumerate() {
        let f = *first.entry(g).or_insert(i as u32);
        uf.union(f, i as u32);
    }
    numbered(n, uf, &kept_edges(n, edges, threshold), 0)
}

/// The edges in range and at or above `threshold`, each pair once (`a < b`) with its
/// strongest probability, in (a, b) order.
fn kept_edges(n: usize, edges: &[Edge], threshold: f64) -> Vec<Edge> {
    let n32 = n as u32;
    let mut kept: Vec<Edge> = edges
        .iter()
        .filter(|e| e.a < n32 && e.b < n32 && e.a != e.b && e.probability >= threshold)
        .map(|e| Edge {
            a: e.a.min(e.b),
            b: e.a.max(e.b),
            probability: e.probability,
        })
        .collect();
    // Deterministic order, duplicates collapsed to their strongest edge.
    kept.sort_by(|x, y| {
        (x.a, x.b)
            .cmp(&(y.a, y.b))
            .then(y.probability.total_cmp(&x.probability))
    });
    kept.dedup_by(|later, first| later.a == first.a && later.b == first.b);
    kept
}

/// The clustering of `uf`'s sets, numbered by their smallest record, with the statistics
/// of the `kept` edges inside them.
fn numbered(n: usize, mut uf: UnionFind, kept: &[Edge], split_components: usize) -> Clustering {
    let mut index_of_root = vec![u32::MAX; n];
    let mut cluster_of = vec![0u32; n];
    let mut count = 0u32;
    for i in 0..n as u32 {
        let r = uf.find(i) as usize;
        if index_of_root[r] == u32::MAX {
            index_of_root[r] = count;
            count += 1;
        }
        cluster_of[i as usize] = index_of_root[r];
    }
    let stats = statistics(&cluster_of, count, kept);
    Clustering {
        cluster_of,
        cluster_count: count,
        stats,
        split_components,
    }
}

/// Re-cluster sparse components with stricter thresholds, each sparse part on its own
/// (a dense part is never split because a neighbour was sparse). Returns how many original
/// components ended up split.
fn guard(n: usize, edges: &[Edge], options: &ClusterOptions) -> (UnionFind, usize) {
    let mut fresh = UnionFind::new(n);
    // Work list of (edge set, threshold) — the edge set of one connected part.
    let mut work: Vec<(Vec<Edge>, f64)> = components(edges)
        .into_iter()
        .map(|es| (es, options.threshold))
        .collect();
    let mut split_roots = std::collections::BTreeSet::new();
    let mut origin = UnionFind::new(n);
    for e in edges {
        origin.union(e.a, e.b);
    }
    while let Some((es, threshold)) = work.pop() {
        let k = members_of(&es).len() as f64;
        let dense = k < 3.0 || es.len() as f64 >= options.min_density * k * (k - 1.0) / 2.0;
        let next = threshold + options.threshold_step;
        if dense || next > 1.0 {
            for e in &es {
                fresh.union(e.a, e.b);
            }
            continue;
        }
        split_roots.insert(origin.find(es[0].a));
        let stricter: Vec<Edge> = es.into_iter().filter(|e| e.probability >= next).collect();
        for part in components(&stricter) {
            work.push((part, next));
        }
    }
    (fresh, split_roots.len())
}

/// The edges grouped by connected component, in a deterministic order.
fn components(edges: &[Edge]) -> Vec<Vec<Edge>> {
    let members = members_of(edges);
    let pos = |x: u32| members.binary_search(&x).unwrap_or(0) as u32;
    let mut uf = UnionFind::new(members.len());
    for e in edges {
        uf.union(pos(e.a), pos(e.b));
    }
    let mut by_root: std::collections::BTreeMap<u32, Vec<Edge>> = Default::default();
    for e in edges {
        by_root.entry(uf.find(pos(e.a))).or_default().push(*e);
    }
    by_root.into_values().collect()
}

fn members_of(edges: &[Edge]) -> Vec<u32> {
    let mut m: Vec<u32> = edges.iter().flat_map(|e| [e.a, e.b]).collect();
    m.sort_unstable();
    m.dedup();
    m
}

fn statistics(cluster_of: &[u32], count: u32, edges: &[Edge]) -> Vec<ClusterStats> {
    let mut size = vec![0u32; count as usize];
    for &c in cluster_of {
        size[c as usize] += 1;
    }
    let mut e = vec![0u64; count as usize];
    let mut min_link = vec![1.0f64; count as usize];
    for x in edges {
        let (ca, cb) = (cluster_of[x.a as usize], cluster_of[x.b as usize]);
        if ca == cb {
            e[ca as usize] += 1;
            min_link[ca as usize] = min_link[ca as usize].min(x.probability);
        }
    }
    (0..count as usize)
        .filter(|&c| size[c] >= 2)
        .map(|c| {
            let k = f64::from(size[c]);
            ClusterStats {
                cluster: c as u32,
                size: size[c],
                edges: e[c],
                density: e[c] as f64 / (k * (k - 1.0) / 2.0),
                min_link: min_link[c],
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn edge(a: u32, b: u32, p: f64) -> Edge {
        Edge {
            a,
            b,
            probability: p,
        }
    }

    /// Naive components: repeated relaxation of labels until nothing changes.
    fn naive(n: usize, edges: &[Edge], t: f64) -> Vec<u32> {
        let mut label: Vec<u32> = (0..n as u32).collect();
        loop {
            let mut changed = false;
            for e in edges
                .iter()
                .filter(|e| e.probability >= t && (e.a as usize) < n && (e.b as usize) < n)
            {
                let m = label[e.a as usize].min(label[e.b as usize]);
                for x in [e.a, e.b] {
                    if label[x as usize] != m {
                        label[x as usize] = m;
                        changed = true;
                    }
                }
            }
            if !changed {
                return label;
            }
        }
    }

    /// Connected components without the chaining guard.
    fn plain(threshold: f64) -> ClusterOptions {
        ClusterOptions {
            threshold,
            min_density: 0.0,
            ..ClusterOptions::default()
        }
    }

    fn same_partition(a: &[u32], b: &[u32]) -> bool {
        (0..a.len()).all(|i| (0..a.len()).all(|j| (a[i] == a[j]) == (b[i] == b[j])))
    }

    proptest! {
        #[test]
        fn components_match_a_naive_oracle(
            n in 1usize..30,
            raw in prop::collection::vec((0u32..30, 0u32..30, 0.0f64..1.0), 0..60),
            t in 0.0f64..1.0,
        ) {
            let edges: Vec<Edge> = raw.iter().map(|&(a, b, p)| edge(a, b, p)).collect();
            let c = cluster(n, &edges, &plain(t)).unwrap();
            prop_assert!(same_partition(&c.cluster_of, &naive(n, &edges, t)));
            // Ids numbered by first appearance: independent of edge order.
            let mut rev = edges.clone();
            rev.reverse();
            let c2 = cluster(n, &rev, &plain(t)).unwrap();
            prop_assert_eq!(&c.cluster_of, &c2.cluster_of);
            prop_assert_eq!(c.cluster_of.iter().max().map_or(0, |m| m + 1), c.cluster_count);
        }

        #[test]
        fn guard_only_refines_the_plain_clustering(
            n in 1usize..25,
            raw in prop::collection::vec((0u32..25, 0u32..25, 0.5f64..1.0), 0..60),
            d in 0.1f64..1.0,
        ) {
            let edges: Vec<Edge> = raw.iter().map(|&(a, b, p)| edge(a, b, p)).collect();
            let opts = ClusterOptions { threshold: 0.6, min_density: d, threshold_step: 0.05 };
            let plain = cluster(n, &edges, &plain(0.6)).unwrap();
            let guarded = cluster(n, &edges, &opts).unwrap();
            for i in 0..n {
                for j in 0..n {
                    if guarded.cluster_of[i] == guarded.cluster_of[j] {
                        prop_assert_eq!(plain.cluster_of[i], plain.cluster_of[j]);
                    }
                }
            }
            prop_assert!(guarded.cluster_count >= plain.cluster_count);
        }
    }

    #[test]
    fn named_ids_are_independent_of_input_order() {
        let ids = ["c", "a", "b", "d"];
        let edges = [edge(0, 1, 0.95), edge(2, 3, 0.99)];
        let named = cluster(4, &edges, &ClusterOptions::default())
            .unwrap()
            .named_ids(&ids);
        assert_eq!(named, ["a", "a", "b", "b"]);
        // Same records in another order.
        let ids2 = ["d", "b", "a", "c"];
        let edges2 = [edge(3, 2, 0.95), edge(1, 0, 0.99)];
        let named2 = cluster(4, &edges2, &ClusterOptions::default())
            .unwrap()
            .named_ids(&ids2);
        assert_eq!(named2, ["b", "b", "a", "a"]);
    }

    #[test]
    fn guard_splits_a_chain_between_two_dense_groups() {
        // Two triangles (strong) joined by one weak-but-above-threshold edge.
        let mut edges = vec![];
        for (a, b) in [(0, 1), (1, 2), (0, 2), (3, 4), (4, 5), (3, 5)] {
            edges.push(edge(a, b, 0.999));
        }
        edges.push(edge(2, 3, 0.91));
        let plain = cluster(6, &edges, &ClusterOptions::default()).unwrap();
        assert_eq!(plain.cluster_count, 1);
        assert_eq!(plain.stats[0].edges, 7);
        assert!(plain.weak_clusters(0.95, 0.0).len() == 1);
        let guarded = cluster(
            6,
            &edges,
            &ClusterOptions {
                min_density: 0.6,
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(guarded.cluster_count, 2);
        assert_eq!(guarded.split_components, 1);
        assert_eq!(guarded.cluster_of, vec![0, 0, 0, 1, 1, 1]);
    }

    #[test]
    fn bad_options_and_edges() {
        assert!(
            cluster(
                2,
                &[],
                &ClusterOptions {
                    threshold: 1.5,
                    ..Default::default()
                }
            )
            .is_err()
        );
        let c = cluster(
            2,
            &[edge(0, 7, 1.0), edge(1, 1, 1.0)],
            &ClusterOptions::default(),
        )
        .unwrap();
        assert_eq!(c.cluster_count, 2);
        assert_eq!(c.size_histogram(), vec![(1, 2)]);
    }
}
