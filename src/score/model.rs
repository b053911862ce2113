//! The Fellegi–Sunter model: m and u per level, the prior, match weights.

use serde::{Deserialize, Serialize};

use super::PatternCounts;
use super::em::{self, EmReport};
use super::explain::{Contribution, Explanation};
use crate::core::{Level, LevelSpec};
use crate::schema::EmOptions;
use crate::{Error, Result};

/// Version of the saved-model JSON format. Loading a model of another version fails with a
/// clear error instead of silently mis-reading parameters.
pub const MODEL_FORMAT_VERSION: u32 = 1;

/// Smallest probability a trained m or u may take: a level never seen in training still gets
/// a finite weight (at most ±log2(1/1e-6) ≈ ±20 bits).
pub(crate) const MIN_PROBABILITY: f64 = 1e-6;

/// Parameters of one level of one comparison.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LevelParams {
    /// Stable level name.
    pub name: String,
    /// P(level | the pair is a match), in (0, 1).
    pub m: f64,
    /// P(level | the pair is not a match), in (0, 1).
    pub u: f64,
    /// Weight of the term-frequency adjustment at this level, in [0, 1]: 1 for exact
    /// agreement on a term, less for fuzzy agreement, 0 for none (default).
    #[serde(default)]
    pub tf_weight: f64,
}

impl LevelParams {
    /// The level's Bayes factor weight `log2(m / u)`.
    pub fn weight(&self) -> f64 {
        (self.m / self.u).log2()
    }
}

/// Parameters of one comparison (one compared field).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ComparisonParams {
    /// Field / comparison name (e.g. the column name).
    pub name: String,
    /// Levels, strongest agreement first.
    pub levels: Vec<LevelParams>,
}

/// A Fellegi–Sunter model: a prior λ and, per comparison and level, m and u.
///
/// ```
/// use hawiya::{FellegiSunter, Level, LevelSpec};
/// # fn main() -> hawiya::Result<()> {
/// let specs = vec![(
///     "name".to_string(),
///     vec![LevelSpec::new("exact"), LevelSpec::new("fuzzy"), LevelSpec::new("else")],
/// )];
/// let mut model = FellegiSunter::with_defaults(0.001, &specs)?;
/// model.set_level("name", 0, 0.9, 0.001)?;
/// let w = model.match_weight(&[Level(0)]);
/// // prior log2(0.001/0.999) ≈ -9.96, exact name log2(0.9/0.001) ≈ 9.81
/// assert!((w - (-0.15)).abs() < 0.01);
/// let json = model.to_json();
/// assert_eq!(FellegiSunter::from_json(&json)?, model);
/// # Ok(()) }
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FellegiSunter {
    /// Saved-model format version ([`MODEL_FORMAT_VERSION`]).
    pub format_version: u32,
    /// λ: probability that two records of a random pair are the same person, in (0, 1).
    pub prior: f64,
    /// One entry per compared field, in comparison-vector order.
    pub comparisons: Vec<ComparisonParams>,
}

/// Probability of a match for a match weight (log2 Bayes factor incl. prior):
/// `2^w / (1 + 2^w)`, in [0, 1].
///
/// ```
/// assert_eq!(hawiya::match_probability(0.0), 0.5);
/// ```
pub fn match_probability(weight: f64) -> f64 {
    if weight.is_nan() {
        return 0.0;
    }
    1.0 / (1.0 + (-weight).exp2())
}

/// λ from a deterministic rule (e.g. "same valid civil ID"): the rule found `rule_pairs`
/// pairs among `total_pairs` possible pairs, and is believed to find a share `recall` of all
/// true matches. Result clamped into (0, 1).
///
/// ```
/// // 9,000 pairs share a civil ID among 5e9 possible pairs; the rule finds 60 % of matches.
/// let prior = hawiya::prior_from_rule_count(9_000, 5e9, 0.6);
/// assert!((prior - 3e-6).abs() < 1e-9);
/// ```
pub fn prior_from_rule_count(rule_pairs: u64, total_pairs: f64, recall: f64) -> f64 {
    if total_pairs.is_nan() || total_pairs <= 0.0 || recall.is_nan() || recall <= 0.0 {
        return MIN_PROBABILITY;
    }
    (rule_pairs as f64 / recall / total_pairs).clamp(MIN_PROBABILITY * 1e-3, 1.0 - MIN_PROBABILITY)
}

impl FellegiSunter {
    /// A model with the usual starting values before training: `m` falling and `u` rising
    /// from the first (strongest) level to the last.
    ///
    /// # Errors
    /// A config error when the prior is not in (0, 1), a comparison has fewer than two
    /// levels or more than 250, or two comparisons share a name.
    pub fn with_defaults(prior: f64, specs: &[(String, Vec<LevelSpec>)]) -> Result<Self> {
        let comparisons = specs
            .iter()
            .map(|(name, levels)| ComparisonParams {
                name: name.clone(),
                levels: default_levels(levels),
            })
            .collect();
        let model = FellegiSunter {
            format_version: MODEL_FORMAT_VERSION,
            prior,
            comparisons,
        };
        model.validate()?;
        Ok(model)
    }

    /// Check the model: version, prior and every m/u in (0, 1), each comparison's m and u
    /// summing to 1 (±1e-6), 2–250 levels, unique names, tf weights in [0, 1].
    ///
    /// # Errors
    /// A model error naming the comparison and level at fault.
    pub fn validate(&self) -> Result<()> {
        if self.format_version != MODEL_FORMAT_VERSION {
            return Err(Error::model(format!(
                "format version {} is not supported (expected {MODEL_FORMAT_VERSION})",
                self.format_version
            )));
        }
        if !(self.prior > 0.0 && self.prior < 1.0) {
            return Err(Error::model(format!(
                "prior {} is not in (0, 1)",
                self.prior
            )));
        }
        for (i, c) in self.comparisons.iter().enumerate() {
            if self.comparisons[..i].iter().any(|o| o.name == c.name) {
                return Err(Error::model(format!(
                    "comparison {:?} appears twice",
                    c.name
                )));
            }
            if c.levels.len() < 2 || c.levels.len() > 250 {
                return Err(Error::model(format!(
                    "comparison {:?} has {} levels (need 2 to 250)",
                    c.name,
                    c.levels.len()
                )));
            }
            for l in &c.levels {
                for (what, p) in [("m", l.m), ("u", l.u)] {
                    if !(p > 0.0 && p < 1.0) {
                        return Err(Error::model(format!(
                            "{what} of {:?}/{:?} is {p}, not in (0, 1)",
                            c.name, l.name
                        )));
                    }
                }
                if !(0.0..=1.0).contains(&l.tf_weight) {
                    return Err(Error::model(format!(
                        "tf_weight of {:?}/{:?} is not in [0, 1]",
                        c.name, l.name
                    )));
                }
            }
            for (what, sum) in [
                ("m", c.levels.iter().map(|l| l.m).sum::<f64>()),
                ("u", c.levels.iter().map(|l| l.u).sum::<f64>()),
            ] {
                if (sum - 1.0).abs() > 1e-6 {
                    return Err(Error::model(format!(
                        "{what} of {:?} sums to {sum}, not 1",
                        c.name
                    )));
                }
            }
        }
        Ok(())
    }

    /// Number of comparisons (width of a comparison vector).
    pub fn width(&self) -> usize {
        self.comparisons.len()
    }

    /// Index of the comparison called `name`.
    pub fn comparison_index(&self, name: &str) -> Option<usize> {
        self.comparisons.iter().position(|c| c.name == name)
    }

    /// Set m and u of one level, rescaling the other levels of the comparison so each still
    /// sums to 1.
    ///
    /// # Errors
    /// A config error for an unknown comparison or level, or m/u outside (0, 1).
    pub fn set_level(&mut self, comparison: &str, level: usize, m: f64, u: f64) -> Result<()> {
        let Some(ci) = self.comparison_index(comparison) else {
            return Err(Error::config(comparison, "unknown comparison"));
        };
        let levels = &mut self.comparisons[ci].levels;
        if level >= levels.len() {
            return Err(Error::config(comparison, format!("no level {level}")));
        }
        if !(m > 0.0 && m < 1.0 && u > 0.0 && u < 1.0) {
            return Err(Error::config(comparison, "m and u must be in (0, 1)"));
        }
        for (value, get) in [
            (
                m,
                (|l: &mut LevelParams| &mut l.m) as fn(&mut LevelParams) -> &mut f64,
            ),
            (u, |l: &mut LevelParams| &mut l.u),
        ] {
            let rest: f64 = levels
                .iter_mut()
                .enumerate()
                .filter(|(i, _)| *i != level)
                .map(|(_, l)| *get(l))
                .sum();
            for (i, l) in levels.iter_mut().enumerate() {
                if i == level {
                    *get(l) = value;
                } else {
                    *get(l) *= (1.0 - value) / rest;
                }
            }
        }
        Ok(())
    }

    /// The prior as a weight: `log2(λ / (1 − λ))`.
    pub fn prior_weight(&self) -> f64 {
        (self.prior / (1.0 - self.prior)).log2()
    }

    /// Match weight (log2 Bayes factor incl. prior) of a comparison vector, without
    /// term-frequency adjustment. Null levels and levels out of range contribute 0.
    pub fn match_weight(&self, vector: &[Level]) -> f64 {
        let mut w = self.prior_weight();
        for (c, l) in self.comparisons.iter().zip(vector) {
            if let Some(p) = l.index().and_then(|i| c.levels.get(i)) {
                w += p.weight();
            }
        }
        w
    }

    /// Match weight with term-frequency adjustment: `tf[i]` is the relative frequency in
    /// (0, 1] of the agreeing term of comparison `i` (for fuzzy agreement, the larger of the
    /// two sides' frequencies), or `None`. The adjustment of a level with `tf_weight` t is
    /// `t · log2(u_0 / tf)`, where `u_0` is the u of the comparison's first level: rarer
    /// terms than average raise the weight, commoner ones lower it.
    pub fn match_weight_tf(&self, vector: &[Level], tf: &[Option<f64>]) -> f64 {
        let mut w = self.match_weight(vector);
        for (i, c) in self.comparisons.iter().enumerate() {
            w += tf_adjustment(c, vector.get(i).copied(), tf.get(i).copied().flatten());
        }
        w
    }

    /// The largest contribution comparison `i` can add to a pair's weight when the
    /// agreeing term's frequency is `tf`: the best of its levels with their
    /// term-frequency adjustment, or 0 (a null level adds nothing). An upper bound used to
    /// decide a pair without comparing that field.
    pub(crate) fn best_contribution(&self, i: usize, tf: Option<f64>) -> f64 {
        let Some(c) = self.comparisons.get(i) else {
            return 0.0;
        };
        (0..c.levels.len()).fold(0.0_f64, |best, l| {
            let level = Level(l as u8);
            best.max(c.levels[l].weight() + tf_adjustment(c, Some(level), tf))
        })
    }

    /// What comparison `i` at `level` adds to a pair's weight, term-frequency adjustment
    /// included (0 for a null level).
    pub(crate) fn contribution(&self, i: usize, level: Level, tf: Option<f64>) -> f64 {
        let Some(c) = self.comparisons.get(i) else {
            return 0.0;
        };
        level
            .index()
            .and_then(|li| c.levels.get(li))
            .map_or(0.0, LevelParams::weight)
            + tf_adjustment(c, Some(level), tf)
    }

    /// Each field's contribution, the prior and the total for one pair. The contributions
    /// plus the prior weight add up to the total (the match weight with TF adjustment).
    pub fn explain(&self, vector: &[Level], tf: &[Option<f64>]) -> Explanation {
        let mut total = self.prior_weight();
        let mut contributions = Vec::with_capacity(self.comparisons.len());
        for (i, c) in self.comparisons.iter().enumerate() {
            let level = vector.get(i).copied().unwrap_or(Level::NULL);
            let params = level.index().and_then(|li| c.levels.get(li));
            let weight = params.map_or(0.0, LevelParams::weight);
            let tf_adj = tf_adjustment(c, Some(level), tf.get(i).copied().flatten());
            total += weight + tf_adj;
            contributions.push(Contribution {
                field: c.name.clone(),
                level: level.index().map(|x| x as u8),
                level_name: params.map_or_else(|| "null".to_string(), |p| p.name.clone()),
                m: params.map(|p| p.m),
                u: params.map(|p| p.u),
                weight,
                tf_adjustment: tf_adj,
            });
        }
        Explanation {
            prior_weight: self.prior_weight(),
            contributions,
            match_weight: total,
            match_probability: match_probability(total),
        }
    }

    /// Set every comparison's u from comparison vectors of random record pairs (almost all
    /// non-matches), with additive smoothing `alpha` per level. Null levels are skipped.
    pub fn estimate_u(&mut self, random_pairs: &PatternCounts, alpha: f64) {
        let counts = level_counts(self, random_pairs, |_| 1.0);
        for (c, cnt) in self.comparisons.iter_mut().zip(counts) {
            let probs = smoothed(&cnt, alpha);
            for (l, p) in c.levels.iter_mut().zip(probs) {
                l.u = p;
            }
        }
    }

    /// [`estimate_u`](Self::estimate_u) for a sample drawn with replacement from few
    /// distinct pairs: the counts are scaled by `scale` (distinct pairs over pairs drawn,
    /// at most 1) and comparison `i` is smoothed by `u_pseudo[i]` (pseudo-counts per
    /// level; `None`: additive smoothing of 1 per level).
    pub(crate) fn estimate_u_with_prior(
        &mut self,
        random_pairs: &PatternCounts,
        scale: f64,
        u_pseudo: &[Option<Vec<f64>>],
    ) {
        let counts = level_counts(self, random_pairs, |_| scale);
        for (i, (c, cnt)) in self.comparisons.iter_mut().zip(counts).enumerate() {
            let probs = match u_pseudo.get(i).and_then(Option::as_ref) {
                Some(pseudo) => {
                    let with: Vec<f64> = cnt.iter().zip(pseudo).map(|(c, p)| c + p).collect();
                    smoothed(&with, 0.0)
                }
                None => smoothed(&cnt, 1.0),
            };
            for (l, p) in c.levels.iter_mut().zip(probs) {
                l.u = p;
            }
        }
    }

    /// Train m (and, when `options.estimate_u`, u) by expectation maximisation over the
    /// comparison vectors of blocked pairs. Comparisons with `fixed[i] == true` (the fields
    /// the blocking rule required to agree, whose m this pass cannot learn) keep their m
    /// and are left out of the E step (within the block they carry no evidence).
    /// The model's global prior is not changed; the share of matches among the blocked
    /// pairs is estimated on the side and reported.
    pub fn train_em(
        &mut self,
        blocked_pairs: &PatternCounts,
        fixed: &[bool],
        options: &EmOptions,
    ) -> EmReport {
        em::run(self, blocked_pairs, fixed, &[], options)
    }

    /// EM of the share of matches among `blocked_pairs` alone: every m and u stays as it is
    /// and every comparison takes part in the E step. The model is not changed; the
    /// estimate is the report's `block_prior`.
    pub fn estimate_block_prior(
        &self,
        blocked_pairs: &PatternCounts,
        options: &EmOptions,
    ) -> EmReport {
        em::prior_only(self, blocked_pairs, options)
    }

    /// Several EM passes (one per blocking rule): each pass starts from the current model
    /// and estimates the m of its free comparisons; the final m of a comparison is the mean
    /// over the passes that estimated it (a comparison fixed in every pass keeps its m).
    pub fn train_em_passes(
        &mut self,
        passes: &[(PatternCounts, Vec<bool>)],
        options: &EmOptions,
    ) -> Vec<EmReport> {
        self.train_em_passes_with_prior(passes, &[], options)
    }

    /// [`train_em_passes`](Self::train_em_passes) with pseudo-counts of matches per level
    /// (`m_pseudo[i]` for comparison `i`, `None` for none) added in every M step.
    pub(crate) fn train_em_passes_with_prior(
        &mut self,
        passes: &[(PatternCounts, Vec<bool>)],
        m_pseudo: &[Option<Vec<f64>>],
        options: &EmOptions,
    ) -> Vec<EmReport> {
        let start = self.clone();
        let mut sums: Vec<Vec<f64>> = self
            .comparisons
            .iter()
            .map(|c| vec![0.0; c.levels.len()])
            .collect();
        let mut n = vec![0usize; self.comparisons.len()];
        let mut reports = Vec::with_capacity(passes.len());
        for (patterns, fixed) in passes {
            let mut model = start.clone();
            reports.push(em::run(&mut model, patterns, fixed, m_pseudo, options));
            for (i, c) in model.comparisons.iter().enumerate() {
                if !fixed.get(i).copied().unwrap_or(false) {
                    n[i] += 1;
                    for (s, l) in sums[i].iter_mut().zip(&c.levels) {
                        *s += l.m;
                    }
                }
            }
            if options.estimate_u {
                for (dst, src) in self.comparisons.iter_mut().zip(&model.comparisons) {
                    for (d, s) in dst.levels.iter_mut().zip(&src.levels) {
                        d.u = s.u;
                    }
                }
            }
        }
        for (i, c) in self.comparisons.iter_mut().enumerate() {
            if n[i] > 0 {
                for (l, s) in c.levels.iter_mut().zip(&sums[i]) {
                    l.m = s / n[i] as f64;
                }
            }
        }
        reports
    }

    /// Set m and u from labelled comparison vectors: counts per level among true matches
    /// and among non-matches, with additive smoothing `alpha`.
    pub fn train_labelled(
        &mut self,
        matches: &PatternCounts,
        non_matches: &PatternCounts,
        alpha: f64,
    ) {
        let m = level_counts(self, matches, |_| 1.0);
        let u = level_counts(self, non_matches, |_| 1.0);
        for ((c, mc), uc) in self.comparisons.iter_mut().zip(m).zip(u) {
            for ((l, pm), pu) in c
                .levels
                .iter_mut()
                .zip(smoothed(&mc, alpha))
                .zip(smoothed(&uc, alpha))
            {
                l.m = pm;
                l.u = pu;
            }
        }
        let (nm, nn) = (matches.total(), non_matches.total());
        if nm > 0.0 && nn > 0.0 {
            self.prior = (nm / (nm + nn)).clamp(MIN_PROBABILITY, 1.0 - MIN_PROBABILITY);
        }
    }

    /// The model as pretty JSON (the saved-model format).
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("model serialises")
    }

    /// Load a model saved with [`FellegiSunter::to_json`].
    ///
    /// # Errors
    /// A model error for malformed JSON, unknown keys, another format version or invalid
    /// parameters.
    pub fn from_json(json: &str) -> Result<Self> {
        let model: FellegiSunter = serde_json::from_str(json)
            .map_err(|e| Error::model(format!("cannot read model json: {e}")))?;
        model.validate()?;
        Ok(model)
    }
}

fn default_levels(levels: &[LevelSpec]) -> Vec<LevelParams> {
    // m: geometric fall 0.5^i; u: geometric rise towards the last ("else") level. Both
    // normalised. Starting points only: training replaces them.
    let k = levels.len();
    let m_raw: Vec<f64> = (0..k).map(|i| 0.5f64.powi(i as i32)).collect();
    let u_raw: Vec<f64> = (0..k).map(|i| 0.1f64.powi((k - 1 - i) as i32)).collect();
    let (ms, us) = (m_raw.iter().sum::<f64>(), u_raw.iter().sum::<f64>());
    levels
        .iter()
        .zip(m_raw.iter().zip(&u_raw))
        .enumerate()
        .map(|(i, (spec, (m, u)))| LevelParams {
            name: spec.name.clone(),
            m: m / ms,
            u: u / us,
            tf_weight: if i == 0 { 1.0 } else { 0.0 },
        })
        .collect()
}

fn tf_adjustment(c: &ComparisonParams, level: Option<Level>, tf: Option<f64>) -> f64 {
    let (Some(level), Some(tf)) = (level, tf) else {
        return 0.0;
    };
    let Some(params) = level.index().and_then(|i| c.levels.get(i)) else {
        return 0.0;
    };
    if params.tf_weight <= 0.0 || tf.is_nan() || tf <= 0.0 {
        return 0.0;
    }
    let u0 = c.levels[0].u;
    params.tf_weight * (u0 / tf.clamp(MIN_PROBABILITY, 1.0)).log2()
}

/// Per comparison, per level: the (weighted) count of each level among the patterns.
pub(crate) fn level_counts(
    model: &FellegiSunter,
    patterns: &PatternCounts,
    weight: impl Fn(&[Level]) -> f64,
) -> Vec<Vec<f64>> {
    let mut counts: Vec<Vec<f64>> = model
        .comparisons
        .iter()
        .map(|c| vec![0.0; c.levels.len()])
        .collect();
    for (v, c) in patterns.sorted() {
        let w = c * weight(v);
        for (cnt, l) in counts.iter_mut().zip(v) {
            if let Some(x) = l.index().and_then(|i| cnt.get_mut(i)) {
                *x += w;
            }
        }
    }
    counts
}

/// Normalise counts with additive smoothing into probabilities clamped to
/// [MIN_PROBABILITY, 1 − MIN_PROBABILITY] and renormalised.
pub(crate) fn smoothed(counts: &[f64], alpha: f64) -> Vec<f64> {
    let alpha = alpha.max(0.0);
    let total: f64 = counts.iter().sum::<f64>() + alpha * counts.len() as f64;
    if total.is_nan() || total <= 0.0 {
        return vec![1.0 / counts.len() as f64; counts.len()];
    }
    let mut p: Vec<f64> = counts
        .iter()
        .map(|c| ((c + alpha) / total).clamp(MIN_PROBABILITY, 1.0 - MIN_PROBABILITY))
        .collect();
    let s: f64 = p.iter().sum();
    p.iter_mut().for_each(|x| *x /= s);
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    fn specs() -> Vec<(String, Vec<LevelSpec>)> {
        vec![
            (
                "name".into(),
                ["exact", "fuzzy", "else"].map(LevelSpec::new).to_vec(),
            ),
            ("dob".into(), ["exact", "else"].map(LevelSpec::new).to_vec()),
        ]
    }

    #[test]
    fn defaults_are_valid_and_ordered() {
        let m = FellegiSunter::with_defaults(0.01, &specs()).unwrap();
        for c in &m.comparisons {
            let w: Vec<f64> = c.levels.iter().map(LevelParams::weight).collect();
            assert!(w.windows(2).all(|p| p[0] > p[1]), "{w:?}");
        }
    }

    #[test]
    fn invalid_models_are_rejected_with_names() {
        assert!(FellegiSunter::with_defaults(0.0, &specs()).is_err());
        let mut m = FellegiSunter::with_defaults(0.01, &specs()).unwrap();
        m.comparisons[1].levels[0].m = 0.0;
        let e = m.validate().unwrap_err().to_string();
        assert!(e.contains("\"dob\"") && e.contains("\"exact\""), "{e}");
        let mut json = FellegiSunter::with_defaults(0.01, &specs())
            .unwrap()
            .to_json();
        json = json.replace("\"format_version\": 1", "\"format_version\": 99");
        assert!(
            FellegiSunter::from_json(&json)
                .unwrap_err()
                .to_string()
                .contains("version 99")
        );
        assert!(FellegiSunter::from_json("{").is_err());
    }

    #[test]
    fn set_level_keeps_sums() {
        let mut m = FellegiSunter::with_defaults(0.01, &specs()).unwrap();
        m.set_level("name", 1, 0.3, 0.05).unwrap();
        m.validate().unwrap();
        assert_eq!(m.comparisons[0].levels[1].m, 0.3);
        assert!(m.set_level("nope", 0, 0.5, 0.5).is_err());
        assert!(m.set_level("name", 7, 0.5, 0.5).is_err());
    }

    #[test]
    fn null_contributes_nothing() {
        let m = FellegiSunter::with_defaults(0.01, &specs()).unwrap();
        assert_eq!(
            m.match_weight(&[Level::NULL, Level::NULL]),
            m.prior_weight()
        );
    }

    #[test]
    fn tf_adjustment_raises_rare_and_lowers_common_terms() {
        let m = FellegiSunter::with_defaults(0.01, &specs()).unwrap();
        let v = [Level(0), Level::NULL];
        let base = m.match_weight(&v);
        let u0 = m.comparisons[0].levels[0].u;
        assert!(m.match_weight_tf(&v, &[Some(u0 / 8.0), None]) - base - 3.0 < 1e-9);
        assert!(m.match_weight_tf(&v, &[Some(u0 * 4.0), None]) < base);
        // Level 1 has tf_weight 0 by default: no adjustment.
        let v1 = [Level(1), Level::NULL];
        assert_eq!(
            m.match_weight_tf(&v1, &[Some(0.5), None]),
            m.match_weight(&v1)
        );
    }

    #[test]
    fn explanation_adds_up() {
        let mut m = FellegiSunter::with_defaults(0.001, &specs()).unwrap();
        m.comparisons[0].levels[1].tf_weight = 0.5;
        for v in [
            [Level(0), Level(1)],
            [Level(1), Level::NULL],
            [Level(2), Level(0)],
        ] {
            let tf = [Some(0.002), None];
            let e = m.explain(&v, &tf);
            let sum: f64 = e.prior_weight
                + e.contributions
                    .iter()
                    .map(|c| c.weight + c.tf_adjustment)
                    .sum::<f64>();
            assert!((sum - e.match_weight).abs() < 1e-12);
            assert!((e.match_weight - m.match_weight_tf(&v, &tf)).abs() < 1e-12);
        }
    }

    #[test]
    fn labelled_training_counts_levels() {
        let mut m = FellegiSunter::with_defaults(0.01, &specs()).unwrap();
        let mut pos = PatternCounts::new(2);
        let mut neg = PatternCounts::new(2);
        for _ in 0..90 {
            pos.add(&[Level(0), Level(0)]);
        }
        for _ in 0..10 {
            pos.add(&[Level(1), Level::NULL]);
        }
        for _ in 0..100 {
            neg.add(&[Level(2), Level(1)]);
        }
        m.train_labelled(&pos, &neg, 0.0);
        assert!((m.comparisons[0].levels[0].m - 0.9).abs() < 1e-5);
        assert!((m.comparisons[1].levels[0].m - 1.0).abs() < 1e-5);
        assert!((m.prior - 0.5).abs() < 1e-12);
        m.validate().unwrap();
    }
}
