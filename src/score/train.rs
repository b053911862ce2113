//! Training without labels: u from random record pairs, m by expectation maximisation over a
//! bounded sample of candidate pairs (one pass per blocking rule with that rule's fields held
//! fixed), and the prior λ from a deterministic rule or from EM.

use serde::{Deserialize, Serialize};

use super::prior::{LevelPrior, level_priors};
use super::vectors::{count_rows, count_vectors, vector_rows};
use super::{EmReport, FellegiSunter};
use crate::Result;
use crate::block::{Blocking, BlockingPlan, CandidatePair, Mode};
use crate::core::{LevelSpec, Progress, SplitMix64, mix64};
use crate::prepare::PreparedDataset;
use crate::schema::Config;

/// What training did.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TrainingReport {
    /// Random pairs compared to estimate u.
    pub u_pairs: u64,
    /// Candidate pairs sampled for EM.
    pub em_pairs: u64,
    /// How λ was estimated.
    pub prior_method: String,
    /// The estimated λ.
    pub prior: f64,
    /// One EM report per pass, with the pass's name.
    pub passes: Vec<(String, EmReport)>,
    /// How much of the model the built-in prior model carries (see
    /// [`EmOptions::prior_matches`](crate::EmOptions::prior_matches)).
    #[serde(default)]
    pub prior_model: PriorShare,
}

/// The share of m and u that comes from the built-in prior model rather than the data:
/// pseudo-counts over pseudo-counts plus the counts they join. Near 0 on large files; on a
/// file too small to learn a model, most of it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PriorShare {
    /// Share of m: pseudo-matches / (pseudo-matches + matches EM expects among the
    /// sampled candidate pairs).
    pub m: f64,
    /// Share of u: pseudo-pairs / (pseudo-pairs + distinct random pairs).
    pub u: f64,
}

impl PriorShare {
    /// Above this share of m or u, the run report warns that the file is too small to
    /// learn a model from and the built-in prior decides.
    pub const WARN: f64 = 0.5;
}

/// A rule trains its own EM pass when it covers at least this many sampled pairs.
const MIN_PASS_PAIRS: usize = 100;

/// Everything training reads.
pub(crate) struct Training<'a> {
    pub(crate) config: &'a Config,
    pub(crate) plan: &'a BlockingPlan,
    pub(crate) data: &'a PreparedDataset,
    pub(crate) blocking: &'a Blocking,
    /// Level declarations per field, in config order.
    pub(crate) specs: &'a [(String, Vec<LevelSpec>)],
}

impl Training<'_> {
    /// Train a model.
    ///
    /// # Errors
    /// A config error when the level declarations do not make a valid model.
    pub(crate) fn run(&self, progress: &dyn Progress) -> Result<(FellegiSunter, TrainingReport)> {
        let mut model = self.initial_model()?;
        let priors = level_priors(self.config, &model);
        let em = &self.config.em;
        let random_pairs = self.random_pairs();
        progress.start("training: u from random pairs", random_pairs.len() as u64);
        let u_counts = count_vectors(self.data, &random_pairs);
        progress.advance(random_pairs.len() as u64);
        progress.finish();
        // Drawn with replacement: a small file has fewer distinct pairs than draws, and
        // counts only as many.
        let drawn = random_pairs.len() as f64;
        let distinct = drawn.min(self.blocking.possible_pairs());
        let scale = if drawn > 0.0 { distinct / drawn } else { 1.0 };
        let pseudo = |f: fn(&LevelPrior) -> f64, weight: f64| -> Vec<Option<Vec<f64>>> {
            priors
                .iter()
                .map(|p| {
                    (weight > 0.0)
                        .then_some(p.as_ref())
                        .flatten()
                        .map(|ls| ls.iter().map(|l| weight * f(l)).collect())
                })
                .collect()
        };
        model.estimate_u_with_prior(&u_counts, scale, &pseudo(|l| l.u, em.prior_non_matches));
        let u_share =
            em.prior_non_matches / (em.prior_non_matches + distinct).max(f64::MIN_POSITIVE);

        progress.start("training: sampling candidate pairs", 0);
        let sample = self.sample_candidates(progress);
        progress.finish();

        progress.start("training: expectation maximisation", 0);
        let m_pseudo = pseudo(|l| l.m, em.prior_matches);
        let (names, reports, all) = self.em_passes(&mut model, &sample.pairs, &m_pseudo);
        progress.finish();
        let expected_matches = reports
            .last()
            .map_or(0.0, |r: &EmReport| r.block_prior * r.pairs);
        let m_share =
            em.prior_matches / (em.prior_matches + expected_matches).max(f64::MIN_POSITIVE);

        let (prior, prior_method) = self.prior(&model, &sample, &all);
        model.prior = prior;
        let report = TrainingReport {
            u_pairs: random_pairs.len() as u64,
            em_pairs: sample.pairs.len() as u64,
            prior_method,
            prior,
            passes: names.into_iter().zip(reports).collect(),
            prior_model: PriorShare {
                m: if priors.iter().any(Option::is_some) {
                    m_share
                } else {
                    0.0
                },
                u: if priors.iter().any(Option::is_some) {
                    u_share
                } else {
                    0.0
                },
            },
        };
        Ok((model, report))
    }

    /// Default m/u per level, with term-frequency weights full at exact agreement and
    /// fading over the fuzzy levels.
    fn initial_model(&self) -> Result<FellegiSunter> {
        let mut model = FellegiSunter::with_defaults(1e-4, self.specs)?;
        for (c, f) in model.comparisons.iter_mut().zip(&self.config.fields) {
            let enabled = f.tf_enabled();
            let k = c.levels.len();
            for (i, l) in c.levels.iter_mut().enumerate() {
                l.tf_weight = if enabled && i + 1 < k {
                    (1.0 - i as f64 / (k - 1) as f64).clamp(0.0, 1.0)
                } else {
                    0.0
                };
            }
        }
        Ok(model)
    }

    /// Random record pairs for u (at most 100 per record: enough for u of every level,
    /// bounded work), drawn with the config's seed.
    fn random_pairs(&self) -> Vec<CandidatePair> {
        let n = self.data.n as u64;
        let mode = self.blocking.mode();
        let (left_len, right_len) = match mode {
            Mode::Dedupe => (n, n),
            Mode::Link { left_len } => (u64::from(left_len), n - u64::from(left_len)),
        };
        let u_pairs = self.config.u_sample_pairs.min(100 * n);
        let mut rng = SplitMix64::new(self.config.seed);
        let mut pairs = Vec::new();
        if left_len > 0 && right_len > 0 && n >= 2 {
            for _ in 0..u_pairs {
                let a = rng.below(left_len);
                let b = match mode {
                    Mode::Dedupe => rng.below(n),
                    Mode::Link { left_len } => u64::from(left_len) + rng.below(right_len),
                };
                if a != b {
                    pairs.push(CandidatePair {
                        left: a as u32,
                        right: b as u32,
                        rule: 0,
                    });
                }
            }
        }
        pairs
    }

    /// A bounded, deterministic sample of candidate pairs: pairs whose hash is below a
    /// threshold that halves whenever the sample grows too big; with the count of pairs
    /// per rule and in all.
    fn sample_candidates(&self, progress: &dyn Progress) -> Sample {
        let salt = mix64(self.config.seed ^ 0xE11);
        let mut limit = u64::MAX;
        let mut sample: Vec<(u64, CandidatePair)> = Vec::new();
        let mut per_rule = vec![0u64; self.blocking.rules().len()];
        let mut total = 0u64;
        self.blocking.for_each_batch(1 << 18, |batch| {
            total += batch.len() as u64;
            for p in batch {
                per_rule[p.rule as usize] += 1;
                let h = mix64(salt ^ (u64::from(p.left) << 32 | u64::from(p.right)));
                if h < limit {
                    sample.push((h, *p));
                }
            }
            while sample.len() > 2 * self.config.em.sample_pairs.max(1) {
                limit /= 2;
                sample.retain(|(h, _)| *h < limit);
            }
            progress.advance(batch.len() as u64);
        });
        sample.sort_unstable_by_key(|(_, p)| (p.left, p.right));
        Sample {
            pairs: sample.into_iter().map(|(_, p)| p).collect(),
            per_rule,
            total,
        }
    }

    /// EM: one pass per blocking rule with the rule's fields fixed; fields fixed in every
    /// pass are learned in a final pass over all sampled pairs. Each sampled pair is
    /// compared once; every pass counts the vectors it needs. Returns the pass names, their
    /// reports and the counts of all sampled pairs.
    fn em_passes(
        &self,
        model: &mut FellegiSunter,
        pairs: &[CandidatePair],
        m_pseudo: &[Option<Vec<f64>>],
    ) -> (Vec<String>, Vec<EmReport>, super::PatternCounts) {
        let width = self.data.width();
        let rows = vector_rows(self.data, pairs);
        let mut passes = Vec::new();
        let mut names = Vec::new();
        for (rule, planned) in self.blocking.rules().iter().zip(self.plan.rules()) {
            let mut fixed = vec![false; width];
            for p in &planned.parts {
                fixed[p.field] = true;
            }
            if let Some(f) = planned.sorted {
                fixed[f] = true;
            }
            // Every sampled pair the rule covers, not only those it produced first: pairs
            // sharing an id are produced by the id rule, yet belong in the name rules' passes.
            let covered: Vec<bool> = pairs.iter().map(|p| rule.covers(p.left, p.right)).collect();
            if covered.iter().filter(|&&c| c).count() < MIN_PASS_PAIRS {
                continue;
            }
            passes.push((count_rows(&rows, width, Some(&covered)), fixed));
            names.push(rule.name().to_string());
        }
        let never_free: Vec<bool> = (0..width)
            .map(|f| passes.iter().all(|(_, fx)| fx[f]))
            .collect();
        let all = count_rows(&rows, width, None);
        if never_free.iter().any(|&x| x) || passes.is_empty() {
            passes.push((all.clone(), vec![false; width]));
            names.push("all candidates".into());
        }
        let reports = model.train_em_passes_with_prior(&passes, m_pseudo, &self.config.em);
        (names, reports, all)
    }

    /// λ from a deterministic rule when there is one: pairs sharing an identifier are
    /// (almost all) matches, and the rule finds a share fill² · m(id exact) of all matches.
    /// Otherwise: the share of matches EM finds among all candidates, scaled to all pairs
    /// (blocking is built to miss almost no true pair).
    fn prior(
        &self,
        model: &FellegiSunter,
        sample: &Sample,
        all: &super::PatternCounts,
    ) -> (f64, String) {
        let possible = self.blocking.possible_pairs().max(1.0);
        let id_rule = self
            .plan
            .id_rules(self.config)
            .find(|&(i, _)| sample.per_rule[i] > 0);
        match id_rule {
            Some((ri, field)) => {
                let filled = BlockingPlan::filled_share(self.data, field);
                let m_exact = model.comparisons[field].levels[0].m;
                let recall = (filled * filled * m_exact).max(1e-6);
                let prior = (sample.per_rule[ri] as f64 / recall / possible).clamp(1e-12, 0.5);
                let method = format!(
                    "deterministic rule {:?}: {} pairs, recall fill² · m(exact) = {filled:.3}² · {m_exact:.3}, {possible:.0} possible pairs",
                    self.blocking.rules()[ri].name(),
                    sample.per_rule[ri]
                );
                (prior, method)
            }
            None => {
                // λ alone, with the trained m and u and every field in the E step (a pass
                // with every field fixed would leave λ where it started).
                let em_all = model.estimate_block_prior(all, &self.config.em);
                let prior = (em_all.block_prior * sample.total as f64 / possible).clamp(1e-12, 0.5);
                let method = format!(
                    "em share of matches among {} candidate pairs ({:.4}) scaled to {possible:.0} possible pairs",
                    sample.total, em_all.block_prior
                );
                (prior, method)
            }
        }
    }
}

/// The EM sample of candidate pairs.
struct Sample {
    /// Sampled pairs, by (left, right).
    pairs: Vec<CandidatePair>,
    /// Candidate pairs produced by each rule (all of them, not only the sampled ones).
    per_rule: Vec<u64>,
    /// All candidate pairs.
    total: u64,
}
