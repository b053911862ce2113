//! Scored pairs with labels: binary metrics, curves, thresholds for a target precision.

use std::collections::HashMap;
use std::fmt;
use std::hash::Hash;

use serde::{Deserialize, Serialize};

use super::clusters::pairs;
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

pub(super) fn ratio_or_one(num: u64, den: u64) -> f64 {
    if den == 0 {
        1.0
    } else {
        num as f64 / den as f64
    }
}

pub(super) fn f1(p: f64, r: f64) -> f64 {
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
