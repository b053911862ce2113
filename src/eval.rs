//! Evaluation metrics: scored labelled pairs (ROC-AUC, average precision, best F1,
//! precision/recall at a threshold, recall at a target precision, PR curves) and
//! clusterings against a truth (pairwise and B-cubed precision / recall / F1).
//!
//! Conventions, chosen so that every metric is defined on every input:
//! - a pair is predicted a match when `score >= threshold`; NaN scores rank below every
//!   other score (they are never predicted a match at a finite threshold);
//! - thresholds of curves are the distinct scores, highest first, so tied scores always
//!   move together (results never depend on input order);
//! - precision with no predicted match is 1.0 (no false positive was made), recall with no
//!   true match is 1.0, F1 is 0.0 when precision + recall is 0;
//! - among thresholds with an equal best value (best F1, recall at a precision) the
//!   highest threshold wins.
//!
//! ```
//! use hawiya::eval::LabelledScores;
//! # fn main() -> hawiya::Result<()> {
//! let s = LabelledScores::new(&[0.9, 0.8, 0.7, 0.6], &[true, true, false, true])?;
//! assert_eq!(s.roc_auc(), Some(2.0 / 3.0));
//! let best = s.best_f1().unwrap();
//! assert_eq!(best.threshold, 0.6);
//! println!("{}", s.report());
//! # Ok(()) }
//! ```

use std::collections::HashMap;
use std::fmt;
use std::hash::Hash;

use serde::{Deserialize, Serialize};

use crate::{Error, Result};

/// Confusion counts and derived rates at one threshold (`score >= threshold` predicts a
/// match).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct ThresholdPoint {
    /// The threshold.
    pub threshold: f64,
    /// Matches predicted as matches.
    pub tp: u64,
    /// Non-matches predicted as matches.
    pub fp: u64,
    /// Matches predicted as non-matches (`fn` in serialised form).
    #[serde(rename = "fn")]
    pub fn_: u64,
    /// Non-matches predicted as non-matches.
    pub tn: u64,
    /// `tp / (tp + fp)`, 1.0 when nothing is predicted a match.
    pub precision: f64,
    /// `tp / (tp + fn)`, 1.0 when there is no true match.
    pub recall: f64,
    /// Harmonic mean of precision and recall, 0.0 when both are 0.
    pub f1: f64,
}

impl ThresholdPoint {
    fn new(threshold: f64, tp: u64, fp: u64, positives: u64, negatives: u64) -> Self {
        let precision = ratio_or_one(tp, tp + fp);
        let recall = ratio_or_one(tp, positives);
        ThresholdPoint {
            threshold,
            tp,
            fp,
            fn_: positives - tp,
            tn: negatives - fp,
            precision,
            recall,
            f1: f1(precision, recall),
        }
    }
}

impl fmt::Display for ThresholdPoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "threshold {:.4}: precision {:.4} recall {:.4} f1 {:.4} (tp {} fp {} fn {} tn {})",
            self.threshold,
            self.precision,
            self.recall,
            self.f1,
            self.tp,
            self.fp,
            self.fn_,
            self.tn
        )
    }
}

fn ratio_or_one(num: u64, den: u64) -> f64 {
    if den == 0 {
        1.0
    } else {
        num as f64 / den as f64
    }
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    }
}

/// Sort key: NaN below everything else.
fn key(s: f64) -> f64 {
    if s.is_nan() { f64::NEG_INFINITY } else { s }
}

/// Scores with their true labels, sorted once (highest score first) for all the binary
/// metrics.
#[derive(Clone, Debug)]
pub struct LabelledScores {
    /// (score, label), by score descending, ties by input position (metrics treat a tie
    /// group as one step).
    sorted: Vec<(f64, bool)>,
    /// Input position of each entry of `sorted`.
    index: Vec<usize>,
    positives: u64,
    negatives: u64,
}

impl LabelledScores {
    /// Pair `scores[i]` with `labels[i]` (true = same person).
    ///
    /// # Errors
    /// An input error when the two slices differ in length.
    ///
    /// ```
    /// use hawiya::eval::LabelledScores;
    /// assert!(LabelledScores::new(&[0.5], &[true, false]).is_err());
    /// ```
    pub fn new(scores: &[f64], labels: &[bool]) -> Result<Self> {
        if scores.len() != labels.len() {
            return Err(Error::input(
                None,
                None,
                None,
                format!("{} scores but {} labels", scores.len(), labels.len()),
            ));
        }
        Ok(Self::from_pairs(
            scores.iter().copied().zip(labels.iter().copied()),
        ))
    }

    /// From `(score, label)` pairs.
    ///
    /// ```
    /// use hawiya::eval::LabelledScores;
    /// let s = LabelledScores::from_pairs([(0.9, true), (0.1, false)]);
    /// assert_eq!(s.roc_auc(), Some(1.0));
    /// ```
    pub fn from_pairs(pairs: impl IntoIterator<Item = (f64, bool)>) -> Self {
        let mut rows: Vec<(usize, (f64, bool))> = pairs.into_iter().enumerate().collect();
        // Stable: equal scores keep input order.
        rows.sort_by(|a, b| key(b.1.0).total_cmp(&key(a.1.0)));
        let (index, sorted): (Vec<usize>, Vec<(f64, bool)>) = rows.into_iter().unzip();
        let positives = sorted.iter().filter(|p| p.1).count() as u64;
        let negatives = sorted.len() as u64 - positives;
        LabelledScores {
            sorted,
            index,
            positives,
            negatives,
        }
    }

    /// Number of pairs.
    pub fn len(&self) -> usize {
        self.sorted.len()
    }

    /// Whether there are no pairs.
    pub fn is_empty(&self) -> bool {
        self.sorted.is_empty()
    }

    /// Number of true matches.
    pub fn positives(&self) -> u64 {
        self.positives
    }

    /// Number of true non-matches.
    pub fn negatives(&self) -> u64 {
        self.negatives
    }

    /// (threshold, tp in group, fp in group) for each distinct score, highest first.
    fn groups(&self) -> impl Iterator<Item = (f64, u64, u64)> + '_ {
        let mut i = 0;
        std::iter::from_fn(move || {
            let (s0, _) = *self.sorted.get(i)?;
            let k0 = key(s0);
            let (mut tp, mut fp) = (0, 0);
            while let Some(&(s, l)) = self.sorted.get(i) {
                if key(s) != k0 {
                    break;
                }
                if l {
                    tp += 1
                } else {
                    fp += 1
                }
                i += 1;
            }
            Some((k0, tp, fp))
        })
    }

    /// The precision–recall curve: one point per distinct score (highest first), each
    /// predicting a match for every score at or above it.
    ///
    /// ```
    /// use hawiya::eval::LabelledScores;
    /// let s = LabelledScores::from_pairs([(0.9, true), (0.5, false), (0.5, true)]);
    /// let curve = s.pr_curve();
    /// assert_eq!(curve.len(), 2);
    /// assert_eq!((curve[1].tp, curve[1].fp), (2, 1));
    /// ```
    pub fn pr_curve(&self) -> Vec<ThresholdPoint> {
        let (mut tp, mut fp) = (0, 0);
        self.groups()
            .map(|(t, gtp, gfp)| {
                tp += gtp;
                fp += gfp;
                ThresholdPoint::new(t, tp, fp, self.positives, self.negatives)
            })
            .collect()
    }

    /// Counts and rates at `threshold` (`score >= threshold` predicts a match).
    ///
    /// ```
    /// use hawiya::eval::LabelledScores;
    /// let s = LabelledScores::from_pairs([(0.9, true), (0.6, false), (0.4, true)]);
    /// let p = s.at_threshold(0.5);
    /// assert_eq!((p.tp, p.fp, p.fn_, p.tn), (1, 1, 1, 0));
    /// assert_eq!(p.precision, 0.5);
    /// ```
    pub fn at_threshold(&self, threshold: f64) -> ThresholdPoint {
        let (mut tp, mut fp) = (0, 0);
        for &(s, l) in &self.sorted {
            if s >= threshold {
                if l { tp += 1 } else { fp += 1 }
            } else if !s.is_nan() {
                break;
            }
        }
        ThresholdPoint::new(threshold, tp, fp, self.positives, self.negatives)
    }

    /// [`LabelledScores::at_threshold`] for each of `thresholds`, in the given order.
    pub fn sweep(&self, thresholds: &[f64]) -> Vec<ThresholdPoint> {
        thresholds.iter().map(|&t| self.at_threshold(t)).collect()
    }

    /// Area under the ROC curve in [0, 1]: the probability that a random match scores
    /// above a random non-match, ties counting one half. `None` without both classes.
    pub fn roc_auc(&self) -> Option<f64> {
        if self.positives == 0 || self.negatives == 0 {
            return None;
        }
        // Sum over negatives of the matches ranked above them (+ half the tied ones).
        let mut tp_above = 0u64;
        let mut twice_area = 0u128;
        for (_, gtp, gfp) in self.groups() {
            twice_area += u128::from(gfp) * u128::from(2 * tp_above + gtp);
            tp_above += gtp;
        }
        let total = 2 * u128::from(self.positives) * u128::from(self.negatives);
        Some(twice_area as f64 / total as f64)
    }

    /// Average precision in [0, 1]: `Σ (Rₖ − Rₖ₋₁) Pₖ` over the points of
    /// [`LabelledScores::pr_curve`] (scikit-learn's definition, no interpolation).
    /// `None` without a true match.
    pub fn average_precision(&self) -> Option<f64> {
        if self.positives == 0 {
            return None;
        }
        let mut prev_recall = 0.0;
        let mut ap = 0.0;
        for p in self.pr_curve() {
            ap += (p.recall - prev_recall) * p.precision;
            prev_recall = p.recall;
        }
        Some(ap)
    }

    /// The curve point with the highest F1 (highest threshold among equals). `None`
    /// without pairs.
    pub fn best_f1(&self) -> Option<ThresholdPoint> {
        let mut best: Option<ThresholdPoint> = None;
        for p in self.pr_curve() {
            if best.is_none_or(|b| p.f1 > b.f1) {
                best = Some(p);
            }
        }
        best
    }

    /// The curve point with the highest recall whose precision is at least
    /// `min_precision` (highest threshold among equals). `None` when no threshold reaches
    /// that precision with at least one match found.
    ///
    /// ```
    /// use hawiya::eval::LabelledScores;
    /// let s = LabelledScores::from_pairs([(0.9, true), (0.8, true), (0.7, false), (0.6, true)]);
    /// let p = s.recall_at_precision(0.95).unwrap();
    /// assert_eq!((p.threshold, p.recall), (0.8, 2.0 / 3.0));
    /// ```
    pub fn recall_at_precision(&self, min_precision: f64) -> Option<ThresholdPoint> {
        let mut best: Option<ThresholdPoint> = None;
        for p in self.pr_curve() {
            if p.tp > 0 && p.precision >= min_precision && best.is_none_or(|b| p.recall > b.recall)
            {
                best = Some(p);
            }
        }
        best
    }

    /// The `k` worst errors at `threshold`: non-matches scored at or above it and matches
    /// scored below it, by distance from the threshold (largest first, then input
    /// position). NaN scores of matches count as the farthest below.
    ///
    /// ```
    /// use hawiya::eval::LabelledScores;
    /// let s = LabelledScores::from_pairs([(0.9, false), (0.2, true), (0.6, false), (0.8, true)]);
    /// let worst = s.worst_errors(0.5, 10);
    /// assert_eq!(worst.iter().map(|e| e.index).collect::<Vec<_>>(), [0, 1, 2]);
    /// assert!(!worst[0].label && worst[1].label);
    /// ```
    pub fn worst_errors(&self, threshold: f64, k: usize) -> Vec<ErrorCase> {
        let mut errors: Vec<(f64, ErrorCase)> = self
            .sorted
            .iter()
            .zip(&self.index)
            .filter_map(|(&(score, label), &index)| {
                let predicted = score >= threshold;
                (predicted != label).then(|| {
                    let margin = if score.is_nan() {
                        f64::INFINITY
                    } else {
                        (score - threshold).abs()
                    };
                    (
                        margin,
                        ErrorCase {
                            index,
                            score,
                            label,
                        },
                    )
                })
            })
            .collect();
        errors.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.index.cmp(&b.1.index)));
        errors.into_iter().take(k).map(|e| e.1).collect()
    }

    /// Count `n` more true matches that have no score: true pairs the candidate generation
    /// never produced. They lower recall at every threshold, are never predicted a match,
    /// rank below every scored pair in [`LabelledScores::roc_auc`] and are not listed by
    /// [`LabelledScores::worst_errors`]; [`LabelledScores::len`] stays the number of
    /// scored pairs.
    ///
    /// ```
    /// use hawiya::eval::LabelledScores;
    /// let s = LabelledScores::from_pairs([(0.9, true), (0.4, false)]).with_unscored_positives(1);
    /// assert_eq!((s.len(), s.positives()), (2, 2));
    /// assert_eq!(s.at_threshold(0.5).recall, 0.5);
    /// ```
    pub fn with_unscored_positives(mut self, n: u64) -> Self {
        self.positives += n;
        self
    }

    /// The threshold to use for a target precision: [`LabelledScores::recall_at_precision`]
    /// (the highest recall whose precision is at least `target`, highest threshold among
    /// equals) wrapped with the target. `None` when no threshold reaches it.
    ///
    /// ```
    /// use hawiya::eval::LabelledScores;
    /// let s = LabelledScores::from_pairs([(0.99, true), (0.95, true), (0.9, false), (0.8, true)]);
    /// let c = s.threshold_for_precision(0.9).unwrap();
    /// assert_eq!((c.point.threshold, c.point.recall), (0.95, 2.0 / 3.0));
    /// assert!(s.threshold_for_precision(1.01).is_none());
    /// ```
    pub fn threshold_for_precision(&self, target: f64) -> Option<ThresholdChoice> {
        self.recall_at_precision(target)
            .map(|point| ThresholdChoice {
                target_precision: target,
                point,
            })
    }

    /// All the summary metrics at once.
    pub fn report(&self) -> BinaryReport {
        BinaryReport {
            pairs: self.len() as u64,
            positives: self.positives,
            negatives: self.negatives,
            roc_auc: self.roc_auc(),
            average_precision: self.average_precision(),
            best_f1: self.best_f1(),
            recall_at_precision_95: self.recall_at_precision(0.95),
            recall_at_precision_99: self.recall_at_precision(0.99),
        }
    }
}

/// A threshold chosen for a target precision, see
/// [`LabelledScores::threshold_for_precision`].
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct ThresholdChoice {
    /// The precision asked for.
    pub target_precision: f64,
    /// The chosen threshold (`point.threshold`) with the precision, recall and counts it
    /// gives.
    pub point: ThresholdPoint,
}

impl fmt::Display for ThresholdChoice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "threshold for precision >= {}: {}",
            self.target_precision, self.point
        )
    }
}

/// Label scored pairs `(id_l, id_r, score)` with a truth (record id → true entity): a pair
/// is a match when both records belong to the same entity. Every true pair among the
/// records of `truth` that is not in `pairs` counts as an unscored match
/// ([`LabelledScores::with_unscored_positives`]), so recall is measured against all true
/// pairs, including those the candidate generation missed. Give the truth of the records
/// that were matched (and only those): a true pair of records that were never compared
/// with each other (e.g. two records of the same side of a link) counts as missed.
///
/// # Errors
/// An input error with the pair's 1-based position as its row when an id is not in `truth`,
/// a pair joins a record to itself, or more matching pairs are given than the truth
/// holds (a pair listed twice).
///
/// ```
/// use std::collections::HashMap;
/// use hawiya::eval::label_pairs;
/// # fn main() -> hawiya::Result<()> {
/// let truth: HashMap<&str, &str> = [("a", "p1"), ("b", "p1"), ("c", "p1"), ("d", "p2")].into();
/// // Three true pairs (a-b, a-c, b-c); b-c was never scored.
/// let s = label_pairs([("a", "b", 0.98), ("a", "c", 0.7), ("c", "d", 0.9)], &truth)?;
/// assert_eq!((s.len(), s.positives(), s.negatives()), (3, 3, 1));
/// let c = s.threshold_for_precision(0.99).unwrap();
/// assert_eq!((c.point.threshold, c.point.recall), (0.98, 1.0 / 3.0));
/// # Ok(()) }
/// ```
pub fn label_pairs<'a, K, T>(
    scored: impl IntoIterator<Item = (&'a str, &'a str, f64)>,
    truth: &HashMap<K, T>,
) -> Result<LabelledScores>
where
    K: std::borrow::Borrow<str> + Hash + Eq,
    T: Hash + Eq,
{
    let entity = |i: usize, id: &str| {
        truth.get(id).ok_or_else(|| {
            Error::input(
                None,
                Some(i as u64 + 1),
                None,
                format!("id {id:?} is not in the truth"),
            )
        })
    };
    let mut labelled = Vec::new();
    for (i, (l, r, score)) in scored.into_iter().enumerate() {
        if l == r {
            return Err(Error::input(
                None,
                Some(i as u64 + 1),
                None,
                format!("the pair joins id {l:?} to itself"),
            ));
        }
        labelled.push((score, entity(i, l)? == entity(i, r)?));
    }
    let mut sizes: HashMap<&T, u64> = HashMap::new();
    for t in truth.values() {
        *sizes.entry(t).or_insert(0) += 1;
    }
    let true_pairs: u64 = sizes.values().map(|&n| pairs(n)).sum();
    let scores = LabelledScores::from_pairs(labelled);
    let Some(unscored) = true_pairs.checked_sub(scores.positives()) else {
        return Err(Error::input(
            None,
            None,
            None,
            format!(
                "{} matching pairs given but the truth holds {true_pairs}: a pair is listed twice",
                scores.positives()
            ),
        ));
    };
    Ok(scores.with_unscored_positives(unscored))
}

/// One misclassified pair, see [`LabelledScores::worst_errors`].
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct ErrorCase {
    /// Position of the pair in the input.
    pub index: usize,
    /// Its score.
    pub score: f64,
    /// Its true label (true: a missed match; false: a false match).
    pub label: bool,
}

/// Reports for a whole pair set and for each group of it (e.g. per `kind`), groups in
/// their sort order.
///
/// ```
/// use hawiya::eval::reports_by_group;
/// let rows = [("ar-lat", 0.9, true), ("lat-lat", 0.4, false), ("ar-lat", 0.1, false)];
/// let (overall, groups) = reports_by_group(rows);
/// assert_eq!(overall.pairs, 3);
/// assert_eq!(groups["ar-lat"].roc_auc, Some(1.0));
/// assert_eq!(groups["lat-lat"].positives, 0);
/// ```
pub fn reports_by_group<G: Ord>(
    rows: impl IntoIterator<Item = (G, f64, bool)>,
) -> (BinaryReport, std::collections::BTreeMap<G, BinaryReport>) {
    let mut all = Vec::new();
    let mut groups: std::collections::BTreeMap<G, Vec<(f64, bool)>> = Default::default();
    for (g, score, label) in rows {
        all.push((score, label));
        groups.entry(g).or_default().push((score, label));
    }
    let overall = LabelledScores::from_pairs(all).report();
    let groups = groups
        .into_iter()
        .map(|(g, v)| (g, LabelledScores::from_pairs(v).report()))
        .collect();
    (overall, groups)
}

/// Summary of a scored, labelled pair set. `Display` prints a one-screen text summary;
/// serde gives the JSON line.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BinaryReport {
    /// Number of pairs.
    pub pairs: u64,
    /// True matches.
    pub positives: u64,
    /// True non-matches.
    pub negatives: u64,
    /// ROC-AUC, `None` without both classes.
    pub roc_auc: Option<f64>,
    /// Average precision, `None` without a true match.
    pub average_precision: Option<f64>,
    /// Threshold with the best F1.
    pub best_f1: Option<ThresholdPoint>,
    /// Best recall with precision ≥ 0.95.
    pub recall_at_precision_95: Option<ThresholdPoint>,
    /// Best recall with precision ≥ 0.99.
    pub recall_at_precision_99: Option<ThresholdPoint>,
}

fn opt(v: Option<f64>) -> String {
    v.map_or_else(|| "n/a".to_owned(), |v| format!("{v:.4}"))
}

fn opt_point(p: &Option<ThresholdPoint>) -> String {
    p.as_ref()
        .map_or_else(|| "not reached".to_owned(), |p| p.to_string())
}

impl fmt::Display for BinaryReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "pairs {} (positives {}, negatives {})",
            self.pairs, self.positives, self.negatives
        )?;
        writeln!(f, "roc-auc            {}", opt(self.roc_auc))?;
        writeln!(f, "average precision  {}", opt(self.average_precision))?;
        writeln!(f, "best f1            {}", opt_point(&self.best_f1))?;
        writeln!(
            f,
            "recall @ p>=0.95   {}",
            opt_point(&self.recall_at_precision_95)
        )?;
        write!(
            f,
            "recall @ p>=0.99   {}",
            opt_point(&self.recall_at_precision_99)
        )
    }
}

/// Precision, recall and F1 of one clustering metric.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Prf {
    /// Precision in [0, 1].
    pub precision: f64,
    /// Recall in [0, 1].
    pub recall: f64,
    /// F1 in [0, 1].
    pub f1: f64,
}

impl Prf {
    fn new(precision: f64, recall: f64) -> Self {
        Prf {
            precision,
            recall,
            f1: f1(precision, recall),
        }
    }
}

impl fmt::Display for Prf {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "precision {:.4} recall {:.4} f1 {:.4}",
            self.precision, self.recall, self.f1
        )
    }
}

/// A predicted clustering scored against the true one.
///
/// Pairwise metrics count record pairs placed together: `tp_pairs` pairs together in both,
/// `predicted_pairs` together in the prediction, `true_pairs` together in the truth,
/// computed from cluster contingency counts (`Σ C(n, 2)`), never by listing pairs.
/// Precision is 1.0 when no pair is predicted, recall 1.0 when no pair is true.
///
/// B-cubed averages over records: a record's precision is the share of its predicted
/// cluster that is in its true cluster, its recall the share of its true cluster that is
/// in its predicted cluster. Both are 1.0 for an empty input.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClusterMetrics {
    /// Number of records.
    pub records: u64,
    /// Number of predicted clusters (singletons included).
    pub predicted_clusters: u64,
    /// Number of true clusters (singletons included).
    pub true_clusters: u64,
    /// Pairs together in both clusterings.
    pub tp_pairs: u64,
    /// Pairs together in the predicted clustering.
    pub predicted_pairs: u64,
    /// Pairs together in the true clustering.
    pub true_pairs: u64,
    /// Pairwise precision, recall, F1.
    pub pairwise: Prf,
    /// B-cubed precision, recall, F1.
    pub bcubed: Prf,
}

fn pairs(n: u64) -> u64 {
    n * n.saturating_sub(1) / 2
}

impl ClusterMetrics {
    /// Compare `predicted[i]` with `truth[i]`, the cluster ids of record `i` (any
    /// hashable ids; only equality matters).
    ///
    /// # Errors
    /// An input error when the two slices differ in length.
    ///
    /// ```
    /// use hawiya::eval::ClusterMetrics;
    /// # fn main() -> hawiya::Result<()> {
    /// let m = ClusterMetrics::compute(&[1, 1, 2, 2, 2], &["a", "a", "a", "b", "b"])?;
    /// assert_eq!((m.tp_pairs, m.predicted_pairs, m.true_pairs), (2, 4, 4));
    /// assert_eq!(m.pairwise.f1, 0.5);
    /// # Ok(()) }
    /// ```
    pub fn compute<P: Hash + Eq, T: Hash + Eq>(predicted: &[P], truth: &[T]) -> Result<Self> {
        if predicted.len() != truth.len() {
            return Err(Error::input(
                None,
                None,
                None,
                format!(
                    "{} predicted cluster ids but {} true ones",
                    predicted.len(),
                    truth.len()
                ),
            ));
        }
        // Dense ids in order of first appearance keep every sum in a fixed order.
        fn dense<K: Hash + Eq>(ids: &[K]) -> (Vec<usize>, Vec<u64>) {
            let mut map: HashMap<&K, usize> = HashMap::new();
            let mut sizes = Vec::new();
            let dense = ids
                .iter()
                .map(|k| {
                    let next = map.len();
                    let d = *map.entry(k).or_insert(next);
                    if d == sizes.len() {
                        sizes.push(0);
                    }
                    sizes[d] += 1;
                    d
                })
                .collect();
            (dense, sizes)
        }
        let (pd, psize) = dense(predicted);
        let (td, tsize) = dense(truth);
        let mut cells: HashMap<(usize, usize), u64> = HashMap::new();
        for (&p, &t) in pd.iter().zip(&td) {
            *cells.entry((p, t)).or_insert(0) += 1;
        }
        let mut cells: Vec<((usize, usize), u64)> = cells.into_iter().collect();
        cells.sort_unstable();

        let tp_pairs: u64 = cells.iter().map(|&(_, n)| pairs(n)).sum();
        let predicted_pairs: u64 = psize.iter().map(|&n| pairs(n)).sum();
        let true_pairs: u64 = tsize.iter().map(|&n| pairs(n)).sum();
        let pairwise = Prf::new(
            ratio_or_one(tp_pairs, predicted_pairs),
            ratio_or_one(tp_pairs, true_pairs),
        );

        let records = predicted.len() as u64;
        let bcubed = if records == 0 {
            Prf::new(1.0, 1.0)
        } else {
            let (mut p, mut r) = (0.0, 0.0);
            for &((pi, ti), n) in &cells {
                let n2 = (n * n) as f64;
                p += n2 / psize[pi] as f64;
                r += n2 / tsize[ti] as f64;
            }
            Prf::new(p / records as f64, r / records as f64)
        };
        Ok(ClusterMetrics {
            records,
            predicted_clusters: psize.len() as u64,
            true_clusters: tsize.len() as u64,
            tp_pairs,
            predicted_pairs,
            true_pairs,
            pairwise,
            bcubed,
        })
    }
}

impl fmt::Display for ClusterMetrics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "records {}, predicted clusters {}, true clusters {}",
            self.records, self.predicted_clusters, self.true_clusters
        )?;
        writeln!(
            f,
            "pairwise  {} (tp pairs {}, predicted {}, true {})",
            self.pairwise, self.tp_pairs, self.predicted_pairs, self.true_pairs
        )?;
        write!(f, "b-cubed   {}", self.bcubed)
    }
}

/// Ranking quality of a name search against known answers: the share of queries whose
/// answer is ranked first (top-1) or among the first five (top-5), the mean reciprocal
/// rank of the answer within the first `depth` hits (0 when it is not there), and the
/// share lost by candidate retrieval (no answer among the scored candidates, so no
/// ranking could find it). Queries without an answer are not counted.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct SearchMetrics {
    /// Queries evaluated.
    pub queries: usize,
    /// Share with an answer ranked first.
    pub top1: f64,
    /// Share with an answer in the first five.
    pub top5: f64,
    /// Mean reciprocal rank (within `depth`).
    pub mrr: f64,
    /// Share whose answers were all missing from the candidates.
    pub retrieval_lost: f64,
    /// Mean number of candidates scored per query.
    pub mean_candidates: f64,
    /// Ranks considered by the MRR.
    pub depth: usize,
}

impl SearchMetrics {
    /// Search every query of `queries` in `index` and rank its `answers` (positions in the
    /// index; any one of them counts), with MRR over the first `depth` hits (at least 5).
    ///
    /// ```
    /// use hawiya::{Index, eval::SearchMetrics};
    /// # fn main() -> hawiya::Result<()> {
    /// let index = Index::from_names(&["a", "b"], &["منى حداد", "صالح الفضالة"])?;
    /// let m = SearchMetrics::evaluate(&index, &["Saleh Al-Fadhala", "Mona Haddad"], &[vec![1], vec![0]], 10)?;
    /// assert_eq!((m.queries, m.top1, m.mrr, m.retrieval_lost), (2, 1.0, 1.0, 0.0));
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// As [`crate::Index::search`]; an input error when `answers` and `queries` differ in
    /// length.
    pub fn evaluate(
        index: &crate::Index,
        queries: &[&str],
        answers: &[Vec<usize>],
        depth: usize,
    ) -> Result<Self> {
        if queries.len() != answers.len() {
            return Err(Error::input(
                None,
                None,
                None,
                format!(
                    "{} queries but {} answer lists",
                    queries.len(),
                    answers.len()
                ),
            ));
        }
        let depth = depth.max(5);
        let hits = index.search_many(queries, depth)?;
        let (mut n, mut top1, mut top5, mut rr, mut lost, mut cands) = (0usize, 0, 0, 0.0, 0, 0);
        for ((q, hits), ans) in queries.iter().zip(&hits).zip(answers) {
            if ans.is_empty() {
                continue;
            }
            n += 1;
            let candidates = index.name_candidates(q)?;
            cands += candidates.len();
            if !ans.iter().any(|a| candidates.binary_search(a).is_ok()) {
                lost += 1;
            }
            if let Some(r) = hits.iter().position(|h| ans.contains(&h.position)) {
                top1 += usize::from(r == 0);
                top5 += usize::from(r < 5);
                rr += 1.0 / (r + 1) as f64;
            }
        }
        let share = |k: usize| if n == 0 { 0.0 } else { k as f64 / n as f64 };
        Ok(SearchMetrics {
            queries: n,
            top1: share(top1),
            top5: share(top5),
            mrr: if n == 0 { 0.0 } else { rr / n as f64 },
            retrieval_lost: share(lost),
            mean_candidates: share(cands),
            depth,
        })
    }
}

impl fmt::Display for SearchMetrics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "queries {}  top-1 {:.4}  top-5 {:.4}  MRR@{} {:.4}  lost by retrieval {:.4}  candidates/query {:.1}",
            self.queries,
            self.top1,
            self.top5,
            self.depth,
            self.mrr,
            self.retrieval_lost,
            self.mean_candidates
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-12
    }

    fn six() -> LabelledScores {
        LabelledScores::new(
            &[0.9, 0.8, 0.7, 0.6, 0.5, 0.4],
            &[true, true, false, true, false, false],
        )
        .unwrap()
    }

    #[test]
    fn hand_computed_binary_metrics() {
        let s = six();
        // Matches above non-matches: 3 + 3 + 2 of 9 pairs.
        assert!(close(s.roc_auc().unwrap(), 8.0 / 9.0));
        // AP = 1/3·1 + 1/3·1 + 1/3·3/4.
        assert!(close(s.average_precision().unwrap(), 11.0 / 12.0));
        let best = s.best_f1().unwrap();
        assert_eq!(best.threshold, 0.6);
        assert_eq!((best.tp, best.fp, best.fn_, best.tn), (3, 1, 0, 2));
        assert!(close(best.f1, 6.0 / 7.0));
        let r95 = s.recall_at_precision(0.95).unwrap();
        assert_eq!(r95.threshold, 0.8);
        assert!(close(r95.recall, 2.0 / 3.0));
        let r70 = s.recall_at_precision(0.7).unwrap();
        assert_eq!((r70.threshold, r70.recall), (0.6, 1.0));
        let p = s.at_threshold(0.65);
        assert_eq!((p.tp, p.fp, p.fn_, p.tn), (2, 1, 1, 2));
        assert!(close(p.precision, 2.0 / 3.0));
        let none = s.at_threshold(2.0);
        assert_eq!(
            (none.tp, none.fp, none.precision, none.recall, none.f1),
            (0, 0, 1.0, 0.0, 0.0)
        );
        let curve = s.pr_curve();
        assert_eq!(curve.len(), 6);
        assert_eq!(
            curve.iter().map(|p| p.threshold).collect::<Vec<_>>(),
            [0.9, 0.8, 0.7, 0.6, 0.5, 0.4]
        );
        assert_eq!(
            s.sweep(&[0.85, 0.0])
                .iter()
                .map(|p| p.tp)
                .collect::<Vec<_>>(),
            [1, 3]
        );
        let text = s.report().to_string();
        assert!(text.contains("roc-auc            0.8889"), "{text}");
        assert!(text.lines().count() <= 10);
    }

    #[test]
    fn ties_move_together_and_count_half() {
        let s = LabelledScores::from_pairs([(0.5, true), (0.5, false)]);
        assert_eq!(s.roc_auc(), Some(0.5));
        assert_eq!(s.average_precision(), Some(0.5));
        assert_eq!(s.pr_curve().len(), 1);
        let s = LabelledScores::from_pairs([(0.5, true), (0.5, true), (0.5, false), (0.1, false)]);
        // Each match beats the 0.1 non-match, ties the 0.5 one: (2 + 2·0.5) / 4.
        assert_eq!(s.roc_auc(), Some(0.75));
        // Order of tied input never matters.
        let a = LabelledScores::from_pairs([(0.5, false), (0.5, true), (0.2, true)]);
        let b = LabelledScores::from_pairs([(0.5, true), (0.5, false), (0.2, true)]);
        assert_eq!(a.report(), b.report());
    }

    #[test]
    fn worst_errors_by_margin_then_position() {
        let s = LabelledScores::from_pairs([
            (0.625, false),
            (0.1, true),
            (0.95, false),
            (0.9, true),
            (f64::NAN, true),
            (0.375, true),
            (0.625, false),
        ]);
        let worst = s.worst_errors(0.5, 10);
        let idx: Vec<usize> = worst.iter().map(|e| e.index).collect();
        // NaN match first, then 0.95 (0.45 away) and 0.1 (0.4), then the three 0.125 away (exact in binary) in
        // input order.
        assert_eq!(idx, [4, 2, 1, 0, 5, 6]);
        assert_eq!(s.worst_errors(0.5, 2).len(), 2);
        assert!(
            s.worst_errors(0.0, 10)
                .iter()
                .all(|e| !e.label || e.score.is_nan())
        );
    }

    #[test]
    fn degenerate_inputs() {
        let s = LabelledScores::from_pairs([]);
        assert_eq!(s.roc_auc(), None);
        assert_eq!(s.average_precision(), None);
        assert_eq!(s.best_f1(), None);
        let s = LabelledScores::from_pairs([(0.3, true)]);
        assert_eq!(s.roc_auc(), None);
        assert_eq!(s.average_precision(), Some(1.0));
        let s = LabelledScores::from_pairs([(0.9, false), (0.3, true)]);
        assert_eq!(s.roc_auc(), Some(0.0));
        assert_eq!(s.recall_at_precision(0.99), None);
        // NaN ranks last.
        let s = LabelledScores::from_pairs([(f64::NAN, false), (0.3, true)]);
        assert_eq!(s.roc_auc(), Some(1.0));
        assert_eq!(s.at_threshold(0.0).fp, 0);
        let e = LabelledScores::new(&[0.1], &[]).unwrap_err();
        assert_eq!(e.to_string(), "bad input: 1 scores but 0 labels");
    }

    #[test]
    fn reports_round_trip_through_json() {
        let r = six().report();
        let json = serde_json::to_string(&r).unwrap();
        assert!(json.contains("\"fn\":0"), "{json}");
        let back: BinaryReport = serde_json::from_str(&json).unwrap();
        assert_eq!(back, r);
        let m = ClusterMetrics::compute(&[1, 1, 2], &[1, 2, 2]).unwrap();
        let back: ClusterMetrics =
            serde_json::from_str(&serde_json::to_string(&m).unwrap()).unwrap();
        assert_eq!(back, m);
    }

    #[test]
    fn hand_computed_cluster_metrics() {
        let m = ClusterMetrics::compute(&[1, 1, 2, 2, 2], &['a', 'a', 'a', 'b', 'b']).unwrap();
        assert_eq!(
            (m.records, m.predicted_clusters, m.true_clusters),
            (5, 2, 2)
        );
        assert_eq!((m.tp_pairs, m.predicted_pairs, m.true_pairs), (2, 4, 4));
        assert_eq!(
            m.pairwise,
            Prf {
                precision: 0.5,
                recall: 0.5,
                f1: 0.5
            }
        );
        // B-cubed: (2·1 + 1·1/3 + 2·2/3) / 5 both ways.
        assert!(close(m.bcubed.precision, 11.0 / 15.0));
        assert!(close(m.bcubed.recall, 11.0 / 15.0));
        assert!(close(m.bcubed.f1, 11.0 / 15.0));
        let text = m.to_string();
        assert!(text.contains("pairwise  precision 0.5000"), "{text}");

        // All singletons predicted: nothing predicted together.
        let m = ClusterMetrics::compute(&[1, 2, 3], &[7, 7, 8]).unwrap();
        assert_eq!(m.pairwise.precision, 1.0);
        assert_eq!(m.pairwise.recall, 0.0);
        assert!(close(m.bcubed.precision, 1.0));
        assert!(close(m.bcubed.recall, (0.5 + 0.5 + 1.0) / 3.0));
        // Empty.
        let m = ClusterMetrics::compute::<u8, u8>(&[], &[]).unwrap();
        assert_eq!(m.pairwise.f1, 1.0);
        assert_eq!(m.bcubed.f1, 1.0);
        assert!(ClusterMetrics::compute(&[1], &[1, 2]).is_err());
    }

    /// Brute-force AUC over all (match, non-match) pairs.
    fn naive_auc(pairs: &[(f64, bool)]) -> Option<f64> {
        let (mut num, mut den) = (0.0, 0.0);
        for &(sp, lp) in pairs {
            for &(sn, ln) in pairs {
                if lp && !ln {
                    den += 1.0;
                    if sp > sn {
                        num += 1.0
                    } else if sp == sn {
                        num += 0.5
                    }
                }
            }
        }
        (den > 0.0).then(|| num / den)
    }

    #[test]
    fn label_pairs_counts_true_pairs_never_scored() {
        let truth: HashMap<&str, u32> =
            [("a", 1), ("b", 1), ("c", 1), ("d", 2), ("e", 2), ("f", 3)].into();
        // True pairs: a-b, a-c, b-c, d-e (4). Scored: a-b, d-e (matches), a-f (not).
        let s = label_pairs(
            [("a", "b", 0.99), ("a", "f", 0.97), ("d", "e", 0.6)],
            &truth,
        )
        .unwrap();
        assert_eq!((s.len(), s.positives(), s.negatives()), (3, 4, 1));
        let all = s.at_threshold(0.0);
        assert_eq!((all.tp, all.fp, all.fn_), (2, 1, 2));
        assert!(close(all.recall, 0.5));
        // Precision 1.0 only above the false match; 2/3 at the bottom.
        let c = s.threshold_for_precision(1.0).unwrap();
        assert_eq!((c.point.threshold, c.point.tp), (0.99, 1));
        let c = s.threshold_for_precision(0.6).unwrap();
        assert_eq!((c.point.threshold, c.point.tp), (0.6, 2));
        assert!(
            c.to_string()
                .starts_with("threshold for precision >= 0.6: threshold 0.6000")
        );
    }

    #[test]
    fn label_pairs_rejects_bad_pairs() {
        let truth: HashMap<String, &str> = [("a".to_string(), "x"), ("b".to_string(), "x")].into();
        let e = label_pairs([("a", "b", 0.9), ("a", "z", 0.5)], &truth).unwrap_err();
        assert_eq!(
            e.to_string(),
            "bad input, row 2: id \"z\" is not in the truth"
        );
        let e = label_pairs([("a", "a", 0.9)], &truth).unwrap_err();
        assert!(e.to_string().contains("to itself"), "{e}");
        let e = label_pairs([("a", "b", 0.9), ("b", "a", 0.8)], &truth).unwrap_err();
        assert!(e.to_string().contains("listed twice"), "{e}");
    }

    proptest! {
        #[test]
        fn threshold_for_precision_is_the_best_reachable_point(
            entities in prop::collection::vec(0u8..6, 2..14),
            picks in prop::collection::vec((0usize..14, 0usize..14, 0u8..8), 0..40),
            target in 0.3f64..1.0,
        ) {
            let n = entities.len();
            let ids: Vec<String> = (0..n).map(|i| format!("r{i}")).collect();
            let truth: HashMap<&str, u8> = ids.iter().map(String::as_str).zip(entities.iter().copied()).collect();
            // Distinct unordered pairs with scores.
            let mut seen = std::collections::HashSet::new();
            let mut pairs = Vec::new();
            for (a, b, sc) in picks {
                let (a, b) = (a % n, b % n);
                if a != b && seen.insert((a.min(b), a.max(b))) {
                    pairs.push((ids[a].as_str(), ids[b].as_str(), f64::from(sc) / 7.0));
                }
            }
            let s = label_pairs(pairs.iter().copied(), &truth).unwrap();
            let mut true_pairs = 0u64;
            for i in 0..n {
                for j in i + 1..n {
                    true_pairs += u64::from(entities[i] == entities[j]);
                }
            }
            prop_assert_eq!(s.positives(), true_pairs);
            // Brute force over every scored value as a threshold.
            let mut best: Option<(f64, f64)> = None; // (recall, threshold)
            for &(_, _, t) in &pairs {
                let (mut tp, mut fp) = (0u64, 0u64);
                for &(l, r, sc) in &pairs {
                    if sc >= t {
                        if truth[l] == truth[r] { tp += 1 } else { fp += 1 }
                    }
                }
                let precision = tp as f64 / (tp + fp) as f64;
                let recall = tp as f64 / true_pairs as f64;
                if tp > 0 && precision >= target
                    && best.is_none_or(|(br, bt)| recall > br || (recall == br && t > bt))
                {
                    best = Some((recall, t));
                }
            }
            match (s.threshold_for_precision(target), best) {
                (Some(c), Some((recall, t))) => {
                    prop_assert!(c.point.precision >= target);
                    prop_assert_eq!(c.point.threshold, t);
                    prop_assert!((c.point.recall - recall).abs() < 1e-12);
                }
                (None, None) => {}
                (a, b) => prop_assert!(false, "{:?} vs {:?}", a, b),
            }
        }

        #[test]
        fn auc_and_pairwise_match_brute_force(
            pairs in prop::collection::vec((0u8..6, any::<bool>()), 0..40),
            clusters in prop::collection::vec((0u8..5, 0u8..5), 0..40),
        ) {
            let pairs: Vec<(f64, bool)> = pairs.into_iter().map(|(s, l)| (f64::from(s) / 5.0, l)).collect();
            let s = LabelledScores::from_pairs(pairs.clone());
            match (s.roc_auc(), naive_auc(&pairs)) {
                (Some(a), Some(b)) => prop_assert!((a - b).abs() < 1e-12),
                (a, b) => prop_assert_eq!(a, b),
            }
            for p in s.pr_curve() {
                prop_assert_eq!(p, s.at_threshold(p.threshold));
                prop_assert!((0.0..=1.0).contains(&p.f1));
            }
            if let Some(ap) = s.average_precision() {
                prop_assert!((0.0..=1.0 + 1e-12).contains(&ap));
            }

            let (pred, truth): (Vec<u8>, Vec<u8>) = clusters.into_iter().unzip();
            let m = ClusterMetrics::compute(&pred, &truth).unwrap();
            let (mut tp, mut pp, mut tt) = (0u64, 0u64, 0u64);
            for i in 0..pred.len() {
                for j in i + 1..pred.len() {
                    let (sp, st) = (pred[i] == pred[j], truth[i] == truth[j]);
                    tp += u64::from(sp && st);
                    pp += u64::from(sp);
                    tt += u64::from(st);
                }
            }
            prop_assert_eq!((m.tp_pairs, m.predicted_pairs, m.true_pairs), (tp, pp, tt));
            // B-cubed by its per-record definition.
            let n = pred.len();
            if n > 0 {
                let (mut bp, mut br) = (0.0, 0.0);
                for i in 0..n {
                    let same_p = (0..n).filter(|&j| pred[j] == pred[i]).count() as f64;
                    let same_t = (0..n).filter(|&j| truth[j] == truth[i]).count() as f64;
                    let both = (0..n).filter(|&j| pred[j] == pred[i] && truth[j] == truth[i]).count() as f64;
                    bp += both / same_p;
                    br += both / same_t;
                }
                prop_assert!((m.bcubed.precision - bp / n as f64).abs() < 1e-9);
                prop_assert!((m.bcubed.recall - br / n as f64).abs() < 1e-9);
            }
        }
    }
}

/// One row of a labelled pair file: two names (or any two values), whether they are the
/// same person, and the row's other columns (`kind`, `group`, `pair_id`…) by header name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LabelledPair {
    /// The `left` column.
    pub left: String,
    /// The `right` column.
    pub right: String,
    /// The `label` column: `1` same person, `0` different people.
    pub label: bool,
    /// Every other column, by header name.
    pub columns: std::collections::BTreeMap<String, String>,
}

impl LabelledPair {
    /// The value of another column (`kind`, `group` …), `""` when absent.
    pub fn get(&self, column: &str) -> &str {
        self.columns.get(column).map_or("", String::as_str)
    }
}

/// Read a labelled pair TSV (header with `left`, `right` and `label` (1/0), any other
/// columns kept), the format of the development data and of threshold tuning files.
///
/// ```
/// # fn main() -> hawiya::Result<()> {
/// let tsv = "pair_id\tkind\tlabel\tleft\tright\np1\tar-lat\t1\tصالح الفضالة\tSaleh Al-Fadhala\n";
/// let pairs = hawiya::eval::parse_labelled_pairs(tsv, "dev.tsv")?;
/// assert!(pairs[0].label);
/// assert_eq!(pairs[0].get("kind"), "ar-lat");
/// assert!(hawiya::eval::parse_labelled_pairs("label\tleft\tright\n2\ta\tb\n", "x.tsv").is_err());
/// # Ok(()) }
/// ```
///
/// # Errors
/// An input error naming `file`, the 1-based data row and the column: a missing `left`,
/// `right` or `label` column, a row with fewer fields than the header, or a label other
/// than 0/1.
pub fn parse_labelled_pairs(text: &str, file: &str) -> Result<Vec<LabelledPair>> {
    let mut lines = text.lines();
    let header: Vec<&str> = lines
        .next()
        .unwrap_or("")
        .trim_start_matches('\u{feff}')
        .split('\t')
        .map(str::trim)
        .collect();
    let col = |name: &str| {
        header.iter().position(|h| *h == name).ok_or_else(|| {
            Error::input(
                Some(file),
                None,
                Some(name),
                "the header has no such column (need left, right and label)",
            )
        })
    };
    let (l, a, b) = (col("label")?, col("left")?, col("right")?);
    let mut out = Vec::new();
    for (n, line) in lines.enumerate() {
        let row = n as u64 + 1;
        let line = line.trim_end_matches('\r');
        if line.is_empty() {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < header.len() {
            return Err(Error::input(
                Some(file),
                Some(row),
                header.get(f.len()).copied(),
                format!("{} fields, the header has {}", f.len(), header.len()),
            ));
        }
        let label = match f[l].trim() {
            "1" => true,
            "0" => false,
            _ => {
                return Err(Error::input(
                    Some(file),
                    Some(row),
                    Some("label"),
                    "the label must be 1 or 0",
                ));
            }
        };
        let columns = header
            .iter()
            .zip(&f)
            .enumerate()
            .filter(|(i, _)| ![l, a, b].contains(i))
            .map(|(_, (h, v))| (h.to_string(), v.to_string()))
            .collect();
        out.push(LabelledPair {
            left: f[a].to_string(),
            right: f[b].to_string(),
            label,
            columns,
        });
    }
    Ok(out)
}

/// [`parse_labelled_pairs`] on a file.
///
/// # Errors
/// An I/O error when the file cannot be read, else as [`parse_labelled_pairs`].
pub fn read_labelled_pairs(path: impl AsRef<std::path::Path>) -> Result<Vec<LabelledPair>> {
    let path = path.as_ref();
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(Some(path.to_path_buf()), e))?;
    parse_labelled_pairs(&text, &path.display().to_string())
}

#[cfg(test)]
mod labelled_pair_tests {
    use super::*;
    use crate::ErrorKind;

    #[test]
    fn reads_columns_bom_and_crlf() {
        let t = "\u{feff}kind\tlabel\tleft\tright\r\nar-ar\t0\tمحمد\tمحمود\r\n\n";
        let p = parse_labelled_pairs(t, "f.tsv").unwrap();
        assert_eq!(p.len(), 1);
        assert_eq!((p[0].left.as_str(), p[0].right.as_str()), ("محمد", "محمود"));
        assert!(!p[0].label);
        assert_eq!(p[0].get("kind"), "ar-ar");
        assert_eq!(p[0].get("group"), "");
    }

    #[test]
    fn errors_name_the_row_and_column() {
        let short = parse_labelled_pairs("label\tleft\tright\n1\tx\n", "f.tsv").unwrap_err();
        assert!(matches!(
            short.kind(),
            ErrorKind::Input { row: Some(1), field: Some(f), .. } if f == "right"
        ));
        let label =
            parse_labelled_pairs("label\tleft\tright\n1\ta\tb\nyes\ta\tb\n", "f.tsv").unwrap_err();
        assert!(matches!(
            label.kind(),
            ErrorKind::Input { row: Some(2), field: Some(f), .. } if f == "label"
        ));
        let header = parse_labelled_pairs("left\tright\n", "f.tsv").unwrap_err();
        assert!(header.to_string().contains("label"));
    }
}
