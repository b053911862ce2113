//! Reviewers' decisions in a run: labelled pairs of unique ids become must-link /
//! cannot-link constraints of the clustering and evidence for the model's m, and every
//! decision's effect is listed in the run report (the audit trail).

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::cluster::{ConstraintOutcome, ConstraintReport, Constraints};
use crate::core::Level;
use crate::ingest::Records;
use crate::prepare::PreparedDataset;
use crate::score::{FellegiSunter, PatternCounts};
use crate::{Error, Result};

/// A reviewer's decision on one pair of records.
///
/// In a link, `unique_id_l` is a record of the left input and `unique_id_r` one of the
/// right input (a pair given the other way round is read the other way round).
///
/// ```
/// use hawiya::PairLabel;
/// # fn main() -> hawiya::Result<()> {
/// let l = PairLabel::parse("r1", "r2", "non_match")?.expect("a decision");
/// assert!(!l.is_match);
/// assert!(PairLabel::parse("r1", "r2", "")?.is_none()); // not reviewed yet
/// assert!(PairLabel::parse("r1", "r2", "maybe").is_err());
/// # Ok(()) }
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PairLabel {
    /// One record's unique id.
    pub unique_id_l: String,
    /// The other record's unique id.
    pub unique_id_r: String,
    /// `true`: the same person (must-link); `false`: different people (cannot-link).
    pub is_match: bool,
    /// The reviewer's note (may be empty).
    #[serde(default)]
    pub note: String,
    /// The reviewer's name (may be empty).
    #[serde(default)]
    pub reviewer: String,
}

impl PairLabel {
    /// A decision without note or reviewer.
    pub fn new(unique_id_l: &str, unique_id_r: &str, is_match: bool) -> Self {
        PairLabel {
            unique_id_l: unique_id_l.trim().to_string(),
            unique_id_r: unique_id_r.trim().to_string(),
            is_match,
            note: String::new(),
            reviewer: String::new(),
        }
    }

    /// A decision from a `label` cell: `match` or `non_match` (case and surrounding
    /// blanks ignored; `non-match` and `nonmatch` accepted), `None` for a blank cell (a
    /// pair not reviewed yet).
    ///
    /// # Errors
    /// An input error naming the `label` field for any other value.
    pub fn parse(unique_id_l: &str, unique_id_r: &str, label: &str) -> Result<Option<Self>> {
        let is_match = match label.trim().to_ascii_lowercase().as_str() {
            "" => return Ok(None),
            "match" => true,
            "non_match" | "non-match" | "nonmatch" => false,
            _ => {
                return Err(Error::input(
                    None,
                    None,
                    Some("label"),
                    "the label must be match or non_match (or blank: not reviewed)",
                ));
            }
        };
        Ok(Some(PairLabel::new(unique_id_l, unique_id_r, is_match)))
    }

    /// `match` or `non_match`.
    pub fn label(&self) -> &'static str {
        if self.is_match { "match" } else { "non_match" }
    }
}

/// What one decision did in a run: an entry of the audit trail.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AppliedLabel {
    /// The decision.
    pub label: PairLabel,
    /// Its effect on the clusters; `None` when a record of the pair is not in this run
    /// (an unknown id, or a rejected row).
    pub outcome: Option<ConstraintOutcome>,
    /// Whether the pair's comparison vector was used to train the model (labels train only
    /// a model learned in the run, not a loaded one).
    pub used_in_training: bool,
}

impl AppliedLabel {
    /// One line for the run report: the pair, the decision and its effect.
    pub fn describe(&self) -> String {
        let effect = self.outcome.map_or(
            "not applied, a record of the pair is not in this run",
            ConstraintOutcome::describe,
        );
        let mut s = format!(
            "{} – {}: {} → {effect}",
            self.label.unique_id_l,
            self.label.unique_id_r,
            self.label.label()
        );
        if !self.label.reviewer.is_empty() {
            s.push_str(&format!(" (by {})", self.label.reviewer));
        }
        s
    }
}

/// Labels resolved to record indices of a run.
pub(crate) struct Resolved {
    /// Per label: the record pair, or `None` when a record is not in the run.
    pub(crate) pairs: Vec<Option<(u32, u32)>>,
}

impl Resolved {
    /// Find the records of every label (in a link: left id in input 1, right id in
    /// input 2, or the other way round).
    pub(crate) fn new(labels: &[PairLabel], records: &Records<'_>) -> Self {
        let index: HashMap<(u8, &str), u32> = (0..records.len())
            .map(|i| ((records.origin(i).0, records.ids()[i].as_str()), i as u32))
            .collect();
        let find = |s: u8, id: &str| index.get(&(s, id)).copied();
        let link = records.is_link();
        let pairs = labels
            .iter()
            .map(|l| {
                let (a, b) = (l.unique_id_l.as_str(), l.unique_id_r.as_str());
                if link {
                    find(0, a)
                        .zip(find(1, b))
                        .or_else(|| find(0, b).zip(find(1, a)))
                } else {
                    find(0, a).zip(find(0, b))
                }
            })
            .collect();
        Resolved { pairs }
    }

    /// Must-links and cannot-links, with the label each one came from.
    pub(crate) fn constraints(
        &self,
        labels: &[PairLabel],
    ) -> (Constraints, Vec<usize>, Vec<usize>) {
        let mut c = Constraints::default();
        let (mut must_of, mut cannot_of) = (Vec::new(), Vec::new());
        for (i, (l, p)) in labels.iter().zip(&self.pairs).enumerate() {
            if let Some(pair) = *p {
                if l.is_match {
                    c.must_link.push(pair);
                    must_of.push(i);
                } else {
                    c.cannot_link.push(pair);
                    cannot_of.push(i);
                }
            }
        }
        (c, must_of, cannot_of)
    }

    /// The audit trail: every label with its outcome.
    pub(crate) fn audit(
        &self,
        labels: &[PairLabel],
        report: &ConstraintReport,
        trained: bool,
    ) -> Vec<AppliedLabel> {
        let (_, must_of, cannot_of) = self.constraints(labels);
        let mut outcome = vec![None; labels.len()];
        for (&i, &o) in must_of.iter().zip(&report.must_link) {
            outcome[i] = Some(o);
        }
        for (&i, &o) in cannot_of.iter().zip(&report.cannot_link) {
            outcome[i] = Some(o);
        }
        labels
            .iter()
            .zip(outcome)
            .zip(&self.pairs)
            .map(|((l, o), p)| AppliedLabel {
                label: l.clone(),
                outcome: o,
                used_in_training: trained && p.is_some(),
            })
            .collect()
    }

    /// Comparison vectors of the labelled matches and non-matches.
    pub(crate) fn patterns(
        &self,
        labels: &[PairLabel],
        data: &PreparedDataset,
    ) -> (PatternCounts, PatternCounts) {
        let width = data.width();
        let (mut matches, mut non_matches) = (PatternCounts::new(width), PatternCounts::new(width));
        let mut v = vec![Level::NULL; width];
        for (l, p) in labels.iter().zip(&self.pairs) {
            if let Some((a, b)) = *p {
                if a == b {
                    continue;
                }
                data.compare_into(a as usize, data, b as usize, &mut v);
                if l.is_match {
                    matches.add(&v);
                } else {
                    non_matches.add(&v);
                }
            }
        }
        (matches, non_matches)
    }
}

/// Pseudo-count of the trained m per comparison when labelled matches refine it: the
/// labelled matches move m by their count against this many pairs' worth of the model.
pub(crate) const LABEL_PRIOR_PAIRS: f64 = 200.0;

/// Refine the m of a model trained without labels with labelled matches: per comparison,
/// `m ← (k·m + counts) / (k + n)` over the labelled matches whose level is not null, with
/// `k` = [`LABEL_PRIOR_PAIRS`]. u stays from random pairs: reviewed non-matches are the
/// hard cases, not a sample of non-matches.
pub(crate) fn refine_m(model: &mut FellegiSunter, matches: &PatternCounts) {
    let width = model.comparisons.len();
    let mut counts: Vec<Vec<f64>> = model
        .comparisons
        .iter()
        .map(|c| vec![0.0; c.levels.len()])
        .collect();
    for (v, n) in matches.sorted() {
        for (i, l) in v.iter().enumerate().take(width) {
            if let Some(x) = l.index().and_then(|li| counts[i].get_mut(li)) {
                *x += n;
            }
        }
    }
    for (c, cnt) in model.comparisons.iter_mut().zip(counts) {
        let n: f64 = cnt.iter().sum();
        if n <= 0.0 {
            continue;
        }
        let k = LABEL_PRIOR_PAIRS;
        for (l, x) in c.levels.iter_mut().zip(&cnt) {
            l.m = ((k * l.m + x) / (k + n)).clamp(1e-6, 1.0 - 1e-6);
        }
        let s: f64 = c.levels.iter().map(|l| l.m).sum();
        c.levels.iter_mut().for_each(|l| l.m /= s);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::score::{ComparisonParams, LevelParams};

    fn model() -> FellegiSunter {
        let level = |name: &str, m: f64, u: f64| LevelParams {
            name: name.into(),
            m,
            u,
            tf_weight: 0.0,
        };
        FellegiSunter {
            format_version: crate::score::MODEL_FORMAT_VERSION,
            prior: 0.01,
            comparisons: vec![
                ComparisonParams {
                    name: "name".into(),
                    levels: vec![level("exact", 0.6, 0.01), level("else", 0.4, 0.99)],
                },
                ComparisonParams {
                    name: "dob".into(),
                    levels: vec![level("exact", 0.9, 0.02), level("else", 0.1, 0.98)],
                },
            ],
        }
    }

    #[test]
    fn labelled_matches_move_m_by_their_share_and_leave_u() {
        let mut m = model();
        let mut matches = PatternCounts::new(2);
        // 200 labelled matches agree exactly on the name; the date is missing in all.
        for _ in 0..200 {
            matches.add(&[Level(0), Level::NULL]);
        }
        refine_m(&mut m, &matches);
        let name = &m.comparisons[0].levels;
        // (200 · 0.6 + 200) / (200 + 200) = 0.8.
        assert!((name[0].m - 0.8).abs() < 1e-12, "{}", name[0].m);
        assert!((name[0].m + name[1].m - 1.0).abs() < 1e-12);
        assert_eq!((name[0].u, name[1].u), (0.01, 0.99));
        // A field without evidence keeps its m.
        assert_eq!(m.comparisons[1], model().comparisons[1]);
        // No labelled match: nothing changes.
        let mut same = model();
        refine_m(&mut same, &PatternCounts::new(2));
        assert_eq!(same, model());
    }

    #[test]
    fn labels_parse_strictly() {
        assert!(
            PairLabel::parse("a", "b", " Match ")
                .unwrap()
                .unwrap()
                .is_match
        );
        for s in ["non_match", "NON-MATCH", "nonmatch"] {
            assert!(
                !PairLabel::parse("a", "b", s).unwrap().unwrap().is_match,
                "{s}"
            );
        }
        assert_eq!(PairLabel::parse("a", "b", "  ").unwrap(), None);
        let e = PairLabel::parse("a", "b", "yes").unwrap_err().to_string();
        assert!(e.contains("label"), "{e}");
        let l = PairLabel::new(" a ", "b", false);
        assert_eq!((l.unique_id_l.as_str(), l.label()), ("a", "non_match"));
    }
}
