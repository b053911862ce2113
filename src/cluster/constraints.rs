//! Clustering under reviewers' decisions: must-links join two records whatever their
//! scores say, cannot-links keep two records apart, and no chain of other links ever
//! overrides a cannot-link.
//!
//! Must-links are unions made first (in the order given). Then the scored edges at or above
//! the threshold are added strongest first (ties by record pair); an edge whose union would
//! put two records of a cannot-link into one cluster is refused. A must-link that would do
//! so is not applied: a cannot-link always wins, so that a "not the same person" decision
//! can never be undone by a chain.

use serde::{Deserialize, Serialize};

use super::{Clustering, Edge, UnionFind, guard, kept_edges, numbered};
use crate::schema::ClusterOptions;

/// Pairs of records (indices) that must, or must not, end up in one cluster.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Constraints {
    /// Pairs that are the same person: joined before any scored edge.
    pub must_link: Vec<(u32, u32)>,
    /// Pairs that are different people: never in one cluster.
    pub cannot_link: Vec<(u32, u32)>,
}

impl Constraints {
    /// Whether there is no constraint.
    pub fn is_empty(&self) -> bool {
        self.must_link.is_empty() && self.cannot_link.is_empty()
    }
}

/// What one constraint did, compared with the clustering of the scores alone.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConstraintOutcome {
    /// A must-link that joined records the scores kept apart.
    Joined,
    /// A must-link between records the scores put together anyway.
    AlreadyTogether,
    /// A must-link not applied: it would have joined the records of a cannot-link (or a
    /// record index is out of range).
    NotApplied,
    /// A cannot-link between records the scores put together: now apart.
    Separated,
    /// A cannot-link between records the scores kept apart anyway.
    AlreadyApart,
}

impl ConstraintOutcome {
    /// A short description for audit trails.
    pub fn describe(self) -> &'static str {
        match self {
            ConstraintOutcome::Joined => "must-link: joined two clusters",
            ConstraintOutcome::AlreadyTogether => "must-link: already in one cluster",
            ConstraintOutcome::NotApplied => "must-link: not applied, it contradicts a cannot-link",
            ConstraintOutcome::Separated => "cannot-link: separated records the links joined",
            ConstraintOutcome::AlreadyApart => "cannot-link: already in different clusters",
        }
    }
}

/// The outcome of every constraint, in the order given.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConstraintReport {
    /// One outcome per must-link.
    pub must_link: Vec<ConstraintOutcome>,
    /// One outcome per cannot-link.
    pub cannot_link: Vec<ConstraintOutcome>,
    /// Scored edges at or above the threshold refused because they would have joined the
    /// records of a cannot-link.
    pub refused_links: u64,
}

/// Union–find that refuses unions joining the two records of a cannot-link.
struct Guarded {
    uf: UnionFind,
    /// Per root: the cannot-link partners of its members.
    apart: Vec<Vec<u32>>,
}

impl Guarded {
    fn new(n: usize, cannot: &[(u32, u32)]) -> Self {
        let mut apart = vec![Vec::new(); n];
        for &(a, b) in cannot {
            if a != b && (a as usize) < n && (b as usize) < n {
                apart[a as usize].push(b);
                apart[b as usize].push(a);
            }
        }
        Guarded {
            uf: UnionFind::new(n),
            apart,
        }
    }

    /// Join the sets of `a` and `b` unless a cannot-link spans them. `Some(joined)` when
    /// allowed (false: already one set), `None` when refused.
    fn try_union(&mut self, a: u32, b: u32) -> Option<bool> {
        let (ra, rb) = (self.uf.find(a), self.uf.find(b));
        if ra == rb {
            return Some(false);
        }
        // The relation is symmetric: the smaller list of partners tells.
        let (small, other) = if self.apart[ra as usize].len() <= self.apart[rb as usize].len() {
            (ra, rb)
        } else {
            (rb, ra)
        };
        let partners = std::mem::take(&mut self.apart[small as usize]);
        let blocked = partners.iter().any(|&x| self.uf.find(x) == other);
        self.apart[small as usize] = partners;
        if blocked {
            return None;
        }
        self.uf.union(a, b);
        let root = self.uf.find(a);
        let mut merged = std::mem::take(&mut self.apart[ra as usize]);
        merged.append(&mut self.apart[rb as usize]);
        self.apart[root as usize] = merged;
        Some(true)
    }
}

/// Cluster `n` records from scored edges as [`super::cluster`] does (threshold, density
/// guard), then under `constraints`: must-links first, then the edges strongest first,
/// refusing every union that would join the two records of a cannot-link. Every
/// cannot-link holds in the result; every must-link holds unless it contradicts a
/// cannot-link (then it is [`ConstraintOutcome::NotApplied`]). Without constraints the
/// result equals [`super::cluster`]'s.
///
/// # Errors
/// A config error for invalid options.
///
/// ```
/// use hawiya::{ClusterOptions, Constraints, ConstraintOutcome, Edge, cluster_constrained};
/// # fn main() -> hawiya::Result<()> {
/// // A chain 0 – 1 – 2 of strong links, and a reviewer's "0 and 2 are different people".
/// let edges = [
///     Edge { a: 0, b: 1, probability: 0.99 },
///     Edge { a: 1, b: 2, probability: 0.95 },
/// ];
/// let constraints = Constraints { must_link: vec![], cannot_link: vec![(0, 2)] };
/// let (c, report) = cluster_constrained(3, &edges, &ClusterOptions::default(), &constraints)?;
/// assert_eq!(c.cluster_of, [0, 0, 1]); // the weaker link 1 – 2 is refused
/// assert_eq!(report.cannot_link, [ConstraintOutcome::Separated]);
/// assert_eq!(report.refused_links, 1);
/// # Ok(()) }
/// ```
pub fn cluster_constrained(
    n: usize,
    edges: &[Edge],
    options: &ClusterOptions,
    constraints: &Constraints,
) -> crate::Result<(Clustering, ConstraintReport)> {
    options.validate()?;
    let kept = kept_edges(n, edges, options.threshold);
    // What the scores alone say (with the density guard): the edges it keeps inside
    // clusters are the ones the constraints work with.
    let (mut plain, split_components) = if options.min_density > 0.0 {
        guard(n, &kept, options)
    } else {
        let mut uf = UnionFind::new(n);
        for e in &kept {
            uf.union(e.a, e.b);
        }
        (uf, 0)
    };
    let mut allowed: Vec<Edge> = kept
        .iter()
        .filter(|e| plain.find(e.a) == plain.find(e.b))
        .copied()
        .collect();
    allowed.sort_by(|x, y| {
        y.probability
            .total_cmp(&x.probability)
            .then((x.a, x.b).cmp(&(y.a, y.b)))
    });

    let in_range = |a: u32, b: u32| (a as usize) < n && (b as usize) < n;
    let mut g = Guarded::new(n, &constraints.cannot_link);
    let mut report = ConstraintReport::default();
    for &(a, b) in &constraints.must_link {
        let outcome = if !in_range(a, b) || g.try_union(a, b).is_none() {
            ConstraintOutcome::NotApplied
        } else if plain.find(a) == plain.find(b) {
            ConstraintOutcome::AlreadyTogether
        } else {
            ConstraintOutcome::Joined
        };
        report.must_link.push(outcome);
    }
    for e in &allowed {
        if g.try_union(e.a, e.b).is_none() {
            report.refused_links += 1;
        }
    }
    for &(a, b) in &constraints.cannot_link {
        let together = in_range(a, b) && a != b && plain.find(a) == plain.find(b);
        report.cannot_link.push(if together {
            ConstraintOutcome::Separated
        } else {
            ConstraintOutcome::AlreadyApart
        });
    }
    Ok((numbered(n, g.uf, &kept, split_components), report))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cluster::cluster;
    use proptest::prelude::*;

    fn edge(a: u32, b: u32, p: f64) -> Edge {
        Edge {
            a,
            b,
            probability: p,
        }
    }

    /// The same greedy rule written the slow, obvious way: labels relabelled on every
    /// merge, every cannot-link checked on every merge.
    fn naive(
        n: usize,
        edges: &[Edge],
        t: f64,
        must: &[(u32, u32)],
        cannot: &[(u32, u32)],
    ) -> Vec<u32> {
        let mut label: Vec<u32> = (0..n as u32).collect();
        let blocked = |label: &[u32], a: u32, b: u32| {
            let (la, lb) = (label[a as usize], label[b as usize]);
            cannot.iter().any(|&(x, y)| {
                (x as usize) < n
                    && (y as usize) < n
                    && x != y
                    && ((label[x as usize] == la && label[y as usize] == lb)
                        || (label[x as usize] == lb && label[y as usize] == la))
            })
        };
        let merge = |label: &mut Vec<u32>, a: u32, b: u32| {
            let (keep, gone) = (label[a as usize], label[b as usize]);
            for l in label.iter_mut() {
                if *l == gone {
                    *l = keep;
                }
            }
        };
        for &(a, b) in must {
            if (a as usize) < n
                && (b as usize) < n
                && label[a as usize] != label[b as usize]
                && !blocked(&label, a, b)
            {
                merge(&mut label, a, b);
            }
        }
        let mut es: Vec<Edge> = edges
            .iter()
            .filter(|e| {
                e.probability >= t && (e.a as usize) < n && (e.b as usize) < n && e.a != e.b
            })
            .map(|e| edge(e.a.min(e.b), e.a.max(e.b), e.probability))
            .collect();
        es.sort_by(|x, y| {
            y.probability
                .total_cmp(&x.probability)
                .then((x.a, x.b).cmp(&(y.a, y.b)))
        });
        for e in es {
            if label[e.a as usize] != label[e.b as usize] && !blocked(&label, e.a, e.b) {
                merge(&mut label, e.a, e.b);
            }
        }
        label
    }

    fn same_partition(a: &[u32], b: &[u32]) -> bool {
        (0..a.len()).all(|i| (0..a.len()).all(|j| (a[i] == a[j]) == (b[i] == b[j])))
    }

    proptest! {
        #[test]
        fn constrained_clustering_matches_a_naive_oracle(
            n in 1usize..25,
            raw in prop::collection::vec((0u32..25, 0u32..25, 0u8..=10), 0..60),
            must in prop::collection::vec((0u32..26, 0u32..26), 0..6),
            cannot in prop::collection::vec((0u32..26, 0u32..26), 0..6),
            t in 0.0f64..1.0,
        ) {
            // Probabilities in tenths: ties happen and must be broken the same way. The
            // oracle has no chaining guard: it is turned off here (its own tests follow).
            let edges: Vec<Edge> =
                raw.iter().map(|&(a, b, p)| edge(a, b, f64::from(p) / 10.0)).collect();
            let opts = ClusterOptions { threshold: t, min_density: 0.0, ..Default::default() };
            let constraints = Constraints { must_link: must.clone(), cannot_link: cannot.clone() };
            let (c, report) = cluster_constrained(n, &edges, &opts, &constraints).unwrap();
            prop_assert!(same_partition(&c.cluster_of, &naive(n, &edges, t, &must, &cannot)));
            // Every cannot-link holds, whatever chains the edges make.
            for &(a, b) in &cannot {
                if (a as usize) < n && (b as usize) < n && a != b {
                    prop_assert_ne!(c.cluster_of[a as usize], c.cluster_of[b as usize]);
                }
            }
            // Every applied must-link holds.
            for (&(a, b), o) in must.iter().zip(&report.must_link) {
                if *o != ConstraintOutcome::NotApplied {
                    prop_assert_eq!(c.cluster_of[a as usize], c.cluster_of[b as usize]);
                }
            }
            prop_assert_eq!(report.must_link.len(), must.len());
            prop_assert_eq!(report.cannot_link.len(), cannot.len());
            // Edge order does not matter.
            let mut rev = edges.clone();
            rev.reverse();
            let (c2, _) = cluster_constrained(n, &rev, &opts, &constraints).unwrap();
            prop_assert_eq!(&c.cluster_of, &c2.cluster_of);
        }

        #[test]
        fn without_constraints_it_is_the_plain_clustering(
            n in 1usize..25,
            raw in prop::collection::vec((0u32..25, 0u32..25, 0.5f64..1.0), 0..60),
            d in prop::sample::select(vec![0.0, 0.3, 0.7]),
        ) {
            let edges: Vec<Edge> = raw.iter().map(|&(a, b, p)| edge(a, b, p)).collect();
            let opts = ClusterOptions { threshold: 0.6, min_density: d, threshold_step: 0.05 };
            let plain = cluster(n, &edges, &opts).unwrap();
            let (c, report) = cluster_constrained(n, &edges, &opts, &Constraints::default()).unwrap();
            prop_assert_eq!(c, plain);
            prop_assert_eq!(report.refused_links, 0);
        }
    }

    proptest! {
        #[test]
        fn cannot_links_hold_under_the_density_guard(
            n in 2usize..30,
            raw in prop::collection::vec((0u32..30, 0u32..30, 0.5f64..1.0), 0..80),
            must in prop::collection::vec((0u32..30, 0u32..30), 0..8),
            cannot in prop::collection::vec((0u32..30, 0u32..30), 1..8),
            d in prop::sample::select(vec![0.2, 0.5, 0.9]),
        ) {
            let edges: Vec<Edge> = raw.iter().map(|&(a, b, p)| edge(a, b, p)).collect();
            let opts = ClusterOptions { threshold: 0.6, min_density: d, threshold_step: 0.05 };
            let constraints = Constraints { must_link: must.clone(), cannot_link: cannot.clone() };
            let (c, report) = cluster_constrained(n, &edges, &opts, &constraints).unwrap();
            for &(a, b) in &cannot {
                if (a as usize) < n && (b as usize) < n && a != b {
                    prop_assert_ne!(c.cluster_of[a as usize], c.cluster_of[b as usize]);
                }
            }
            for (&(a, b), o) in must.iter().zip(&report.must_link) {
                if *o != ConstraintOutcome::NotApplied {
                    prop_assert_eq!(c.cluster_of[a as usize], c.cluster_of[b as usize]);
                }
            }
            // Scores never join what the guarded plain clustering keeps apart, unless a
            // must-link does.
            if must.is_empty() {
                let plain = cluster(n, &edges, &opts).unwrap();
                for i in 0..n {
                    for j in 0..n {
                        if c.cluster_of[i] == c.cluster_of[j] {
                            prop_assert_eq!(plain.cluster_of[i], plain.cluster_of[j]);
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn a_cannot_link_beats_a_chain_and_a_must_link() {
        // 0 – 1 – 2 – 3 all strong; 0 and 3 are different people; a must-link 0 = 3 is
        // a contradiction and is not applied.
        let edges = [edge(0, 1, 0.99), edge(1, 2, 0.97), edge(2, 3, 0.98)];
        let constraints = Constraints {
            must_link: vec![(0, 3), (4, 5), (1, 2)],
            cannot_link: vec![(3, 0), (4, 4)],
        };
        let (c, r) =
            cluster_constrained(6, &edges, &ClusterOptions::default(), &constraints).unwrap();
        // 1 – 2 is a must-link, 0 – 1 the strongest edge: the chain breaks at 2 – 3.
        assert_eq!(c.cluster_of, [0, 0, 0, 1, 2, 2]);
        assert_eq!(
            r.must_link,
            [
                ConstraintOutcome::NotApplied,
                ConstraintOutcome::Joined,
                ConstraintOutcome::AlreadyTogether
            ]
        );
        assert_eq!(
            r.cannot_link,
            [
                ConstraintOutcome::Separated,
                ConstraintOutcome::AlreadyApart
            ]
        );
        assert_eq!(r.refused_links, 1);
    }
}
