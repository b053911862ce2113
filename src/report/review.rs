//! Clerical review: the scored pairs worth a human look, ranked by how much a decision on
//! them is expected to change the clusters.
//!
//! Candidates are the pairs whose match probability lies between two bounds (the model is
//! unsure) and the weak links of weak clusters (possible chains). For each candidate the
//! decision that would change something is the opposite of what the clustering did: a
//! "match" on a pair in two clusters joins them (`size_a · size_b` record pairs change), a
//! "non-match" on a pair in one cluster splits it as a cannot-link would (the record pairs
//! the split separates). The expected change weighs that by the model's probability that
//! the decision goes that way: `p` for a pair kept apart, `1 − p` for a linked pair.
//! Pairs already labelled are left out.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::cluster::{Constraints, Edge, cluster_constrained};
use crate::core::par;
use crate::engine::{MatchResult, Matcher};
use crate::schema::ClusterOptions;

/// Which pairs [`Matcher::review`] proposes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReviewOptions {
    /// Pairs with a match probability in `[low, high)` are candidates (default 0.5; pairs
    /// below the matcher's pairs threshold are not kept by a run, so cannot be proposed).
    pub low: f64,
    /// Upper bound of the uncertain band (default 0.99).
    pub high: f64,
    /// At most this many pairs, best first (default 200).
    pub top: usize,
    /// A cluster of 3+ records is weak when its weakest link is below this (default: the
    /// larger of the clustering threshold and 0.95, as in the run report's warning) …
    pub weak_link: Option<f64>,
    /// … or its share of linked pairs is below this (default 0.3).
    pub weak_density: f64,
}

impl Default for ReviewOptions {
    fn default() -> Self {
        ReviewOptions {
            low: 0.5,
            high: 0.99,
            top: 200,
            weak_link: None,
            weak_density: 0.3,
        }
    }
}

/// One pair proposed for review.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReviewPair {
    /// Index of the pair in [`MatchResult::pairs`] (its explanation is
    /// [`MatchResult::explain`] of it).
    pub pair: usize,
    /// One record's unique id.
    pub unique_id_l: String,
    /// The other record's unique id.
    pub unique_id_r: String,
    /// The pair's match probability.
    pub match_probability: f64,
    /// Whether the clustering put the two records in one cluster.
    pub linked: bool,
    /// Record pairs whose together / apart status the opposite decision would change.
    pub changed_pairs: u64,
    /// `changed_pairs` weighed by the probability that the decision goes that way: the
    /// ranking key.
    pub expected_change: f64,
    /// Why the pair is proposed and what a decision would do, in words.
    pub why: String,
}

/// The clustering of a result seen from its records: positions, clusters, sizes.
pub(crate) struct View<'a> {
    result: &'a MatchResult,
    /// Cluster of each record (positions in `result.records`).
    cluster_of: &'a [u32],
    size: Vec<u32>,
}

impl<'a> View<'a> {
    pub(crate) fn new(result: &'a MatchResult) -> Self {
        let cluster_of = &result.clustering.cluster_of;
        let mut size = vec![0u32; result.clustering.cluster_count as usize];
        for &c in cluster_of {
            size[c as usize] += 1;
        }
        View {
            result,
            cluster_of,
            size,
        }
    }

    /// Position in `records` of the record at `origin` (source, row).
    pub(crate) fn position(&self, origin: (u8, usize)) -> Option<u32> {
        self.result
            .records
            .binary_search_by(|r| (r.source, r.row).cmp(&origin))
            .ok()
            .map(|i| i as u32)
    }

    /// Positions of the two records of pair `i`.
    pub(crate) fn ends(&self, i: usize) -> Option<(u32, u32)> {
        let p = &self.result.pairs[i];
        Some((self.position(p.left)?, self.position(p.right)?))
    }

    pub(crate) fn cluster(&self, pos: u32) -> u32 {
        self.cluster_of[pos as usize]
    }

    pub(crate) fn size(&self, cluster: u32) -> u32 {
        self.size[cluster as usize]
    }
}

impl Matcher {
    /// The pairs of `result` (a run of this matcher) worth a human look, best first: see
    /// the module docs of the review. Pairs the matcher's labels already decide are left
    /// out.
    ///
    /// ```
    /// use hawiya::{Config, Matcher, ReviewOptions};
    /// use hawiya_synth::{Generator, GeneratorConfig};
    /// # fn main() -> hawiya::Result<()> {
    /// let table = Generator::new(GeneratorConfig { records: 1500, ..Default::default() })?.table()?;
    /// let m = Matcher::new(Config::infer(&["unique_id", "full_name", "dob", "civil_id"])?)?;
    /// let result = m.dedupe(&table)?;
    /// let review = m.review(&result, &ReviewOptions { top: 20, ..Default::default() });
    /// assert!(review.len() <= 20);
    /// assert!(review.windows(2).all(|w| w[0].expected_change >= w[1].expected_change));
    /// # Ok(()) }
    /// ```
    pub fn review(&self, result: &MatchResult, options: &ReviewOptions) -> Vec<ReviewPair> {
        let threshold = self.config().threshold;
        let weak_link = options.weak_link.unwrap_or(threshold.max(0.95));
        let view = View::new(result);
        let weak: HashMap<u32, (f64, f64)> = result
            .clustering
            .weak_clusters(weak_link, options.weak_density)
            .into_iter()
            .map(|s| (s.cluster, (s.density, s.min_link)))
            .collect();
        let decided: HashSet<(&str, &str)> = self
            .labels()
            .iter()
            .flat_map(|l| {
                let (a, b) = (l.unique_id_l.as_str(), l.unique_id_r.as_str());
                [(a, b), (b, a)]
            })
            .collect();
        // The links inside each cluster, for the splits.
        let mut inside: HashMap<u32, Vec<(u32, u32, f64)>> = HashMap::new();
        for (i, p) in result.pairs.iter().enumerate() {
            if p.match_probability < threshold {
                continue;
            }
            if let Some((a, b)) = view.ends(i) {
                if view.cluster(a) == view.cluster(b) {
                    inside
                        .entry(view.cluster(a))
                        .or_default()
                        .push((a, b, p.match_probability));
                }
            }
        }
        // Must-links hold the records they joined, as links that never break.
        let position: HashMap<(u8, &str), u32> = result
            .records
            .iter()
            .enumerate()
            .map(|(i, r)| ((r.source, r.unique_id.as_str()), i as u32))
            .collect();
        let link = result.records.iter().any(|r| r.source == 1);
        let at = |s: u8, id: &str| position.get(&(s, id)).copied();
        for l in self.labels().iter().filter(|l| l.is_match) {
            let (a, b) = (l.unique_id_l.as_str(), l.unique_id_r.as_str());
            let ends = if link {
                at(0, a).zip(at(1, b)).or_else(|| at(0, b).zip(at(1, a)))
            } else {
                at(0, a).zip(at(0, b))
            };
            if let Some((x, y)) =
                ends.filter(|&(x, y)| x != y && view.cluster(x) == view.cluster(y))
            {
                inside.entry(view.cluster(x)).or_default().push((x, y, 1.0));
            }
        }
        // Each candidate's split is simulated on its own: in parallel.
        let indices: Vec<usize> = (0..result.pairs.len()).collect();
        let mut out = par::filter_map(&indices, |&i| {
            let p = &result.pairs[i];
            if decided.contains(&(p.unique_id_l.as_str(), p.unique_id_r.as_str())) {
                return None;
            }
            let (a, b) = view.ends(i)?;
            let prob = p.match_probability;
            let (ca, cb) = (view.cluster(a), view.cluster(b));
            let linked = ca == cb;
            let in_band = prob >= options.low && prob < options.high;
            let weak_of = weak.get(&ca).filter(|_| linked && prob < weak_link);
            if !in_band && weak_of.is_none() {
                return None;
            }
            let (changed, effect) = if linked {
                let parts = split_sizes(inside.get(&ca).map_or(&[][..], Vec::as_slice), a, b);
                let size = u64::from(view.size(ca));
                let kept: u64 = parts.iter().map(|&s| s * s).sum();
                let changed = (size * size - kept) / 2;
                let parts: Vec<String> = parts.iter().map(u64::to_string).collect();
                (
                    changed,
                    format!(
                        "a non-match would split its cluster of {size} records into {} ({changed} record pairs)",
                        parts.join(" + ")
                    ),
                )
            } else {
                let (sa, sb) = (u64::from(view.size(ca)), u64::from(view.size(cb)));
                (
                    sa * sb,
                    format!(
                        "a match would join clusters of {sa} and {sb} records ({} record pairs)",
                        sa * sb
                    ),
                )
            };
            let reason = match weak_of {
                Some((density, min_link)) => format!(
                    "weak link (p {prob:.3}) of a cluster of {} records with density {density:.2} and weakest link {min_link:.3}",
                    view.size(ca)
                ),
                None if linked => format!(
                    "p {prob:.3}, linked at threshold {threshold} but below {}",
                    options.high
                ),
                None => format!(
                    "p {prob:.3}, between {} and the threshold {threshold}",
                    options.low
                ),
            };
            let chance = if linked { 1.0 - prob } else { prob };
            Some(ReviewPair {
                pair: i,
                unique_id_l: p.unique_id_l.clone(),
                unique_id_r: p.unique_id_r.clone(),
                match_probability: prob,
                linked,
                changed_pairs: changed,
                expected_change: chance * changed as f64,
                why: format!("{reason}: {effect}"),
            })
        });
        out.sort_by(|x, y| {
            y.expected_change
                .total_cmp(&x.expected_change)
                .then(
                    (x.match_probability - 0.5)
                        .abs()
                        .total_cmp(&(y.match_probability - 0.5).abs()),
                )
                .then_with(|| {
                    (&x.unique_id_l, &x.unique_id_r).cmp(&(&y.unique_id_l, &y.unique_id_r))
                })
        });
        out.truncate(options.top);
        out
    }
}

/// The review list as a sheet for spreadsheets (what `hawiya review` writes and
/// `Matcher.review` returns in Python): the header, then one row per pair, best first.
///
/// Columns: `unique_id_l`, `unique_id_r`, `match_probability`, `why`, both records' compared
/// columns (`<column>_l`, `<column>_r`, each column once, in config order),
/// `expected_change`, and the empty `label`, `note` and `reviewer` columns a reviewer fills
/// (`label`: `match` / `non_match`). A filled sheet is a labels file as it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReviewSheet {
    /// Column names.
    pub header: Vec<String>,
    /// One row per proposed pair, as many cells as the header.
    pub rows: Vec<Vec<String>>,
}

impl Matcher {
    /// The sheet of `review` (from [`Matcher::review`] of `result`, a run of this matcher
    /// over `tables`).
    ///
    /// ```
    /// use hawiya::{Config, Matcher, ReviewOptions};
    /// use hawiya_synth::{Generator, GeneratorConfig};
    /// # fn main() -> hawiya::Result<()> {
    /// let table = Generator::new(GeneratorConfig { records: 1500, ..Default::default() })?.table()?;
    /// let m = Matcher::new(Config::infer(&["unique_id", "full_name", "dob"])?)?;
    /// let result = m.dedupe(&table)?;
    /// let review = m.review(&result, &ReviewOptions { top: 5, ..Default::default() });
    /// let sheet = m.review_sheet(&result, &[&table], &review);
    /// assert_eq!(sheet.header[..4], ["unique_id_l", "unique_id_r", "match_probability", "why"]);
    /// assert!(sheet.header.contains(&"full_name_r".to_string()));
    /// assert_eq!(sheet.rows.len(), review.len());
    /// # Ok(()) }
    /// ```
    pub fn review_sheet(
        &self,
        result: &MatchResult,
        tables: &[&crate::Table],
        review: &[ReviewPair],
    ) -> ReviewSheet {
        let mut columns: Vec<&str> = Vec::new();
        for f in &self.config().fields {
            for c in f.columns() {
                if !columns.contains(&c) {
                    columns.push(c);
                }
            }
        }
        let mut header: Vec<String> = ["unique_id_l", "unique_id_r", "match_probability", "why"]
            .map(String::from)
            .to_vec();
        for c in &columns {
            header.push(format!("{c}_l"));
            header.push(format!("{c}_r"));
        }
        header.extend(["expected_change", "label", "note", "reviewer"].map(String::from));
        let value = |(source, row): (u8, usize), c: &str| {
            tables
                .get(usize::from(source))
                .and_then(|t| t.value(row, c))
                .unwrap_or("")
                .to_string()
        };
        let rows = review
            .iter()
            .map(|r| {
                let p = &result.pairs[r.pair];
                let mut row = vec![
                    r.unique_id_l.clone(),
                    r.unique_id_r.clone(),
                    format!("{:.6}", r.match_probability),
                    r.why.clone(),
                ];
                for c in &columns {
                    row.push(value(p.left, c));
                    row.push(value(p.right, c));
                }
                row.push(format!("{:.3}", r.expected_change));
                row.extend([String::new(), String::new(), String::new()]);
                row
            })
            .collect();
        ReviewSheet { header, rows }
    }
}

/// Sizes of the parts a cluster falls into when `a` and `b` (records of the cluster, whose
/// links are `edges`) become a cannot-link, largest first.
fn split_sizes(edges: &[(u32, u32, f64)], a: u32, b: u32) -> Vec<u64> {
    let mut members: Vec<u32> = edges.iter().flat_map(|&(x, y, _)| [x, y]).collect();
    members.extend([a, b]);
    members.sort_unstable();
    members.dedup();
    let local = |x: u32| members.binary_search(&x).unwrap_or(0) as u32;
    let local_edges: Vec<Edge> = edges
        .iter()
        .map(|&(x, y, p)| Edge {
            a: local(x),
            b: local(y),
            probability: p,
        })
        .collect();
    let constraints = Constraints {
        must_link: Vec::new(),
        cannot_link: vec![(local(a), local(b))],
    };
    let options = ClusterOptions {
        threshold: 0.0,
        ..ClusterOptions::default()
    };
    let Ok((c, _)) = cluster_constrained(members.len(), &local_edges, &options, &constraints)
    else {
        return vec![members.len() as u64];
    };
    let mut sizes = vec![0u64; c.cluster_count as usize];
    for &x in &c.cluster_of {
        sizes[x as usize] += 1;
    }
    sizes.sort_unstable_by(|x, y| y.cmp(x));
    sizes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cannot_link_in_a_chain_splits_at_the_weakest_joint() {
        // 0 – 1 – 2 – 3 with the weakest link 1 – 2: a non-match 0 / 3 splits 2 + 2.
        let edges = [(0, 1, 0.99), (1, 2, 0.91), (2, 3, 0.98)];
        assert_eq!(split_sizes(&edges, 0, 3), vec![2, 2]);
        // A non-match inside a triangle with a tail: the weaker side of 0 / 1 leaves.
        let tri = [(0, 1, 0.95), (1, 2, 0.99), (0, 2, 0.93), (2, 3, 0.99)];
        assert_eq!(split_sizes(&tri, 0, 1), vec![3, 1]);
    }
}
