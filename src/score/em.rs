//! Expectation maximisation of m (and optionally u) over aggregated comparison vectors.

use serde::{Deserialize, Serialize};

use super::PatternCounts;
use super::model::{FellegiSunter, MIN_PROBABILITY, level_counts, smoothed};
use crate::core::Level;
use crate::schema::EmOptions;

/// What an EM run did: how many iterations, whether it converged, the estimated share of
/// matches among the blocked pairs, and the largest parameter change per iteration.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EmReport {
    /// Iterations run.
    pub iterations: usize,
    /// Whether the largest change fell below the tolerance.
    pub converged: bool,
    /// Estimated share of matches among the pairs trained on.
    pub block_prior: f64,
    /// Number of pairs (sum of pattern counts) trained on.
    pub pairs: f64,
    /// Largest absolute parameter change of each iteration.
    pub max_change: Vec<f64>,
}

/// `m_pseudo[i]`, when not empty, holds pseudo-counts of matches per level of comparison
/// `i`, added to the expected counts of every M step (a Dirichlet prior on m).
pub(super) fn run(
    model: &mut FellegiSunter,
    patterns: &PatternCounts,
    fixed: &[bool],
    m_pseudo: &[Option<Vec<f64>>],
    opts: &EmOptions,
) -> EmReport {
    let data = patterns.sorted();
    let pairs: f64 = data.iter().map(|(_, c)| c).sum();
    let mut lambda = opts
        .initial_block_prior
        .clamp(MIN_PROBABILITY, 1.0 - MIN_PROBABILITY);
    let mut history = Vec::new();
    let mut converged = false;
    if data.is_empty() {
        return EmReport {
            iterations: 0,
            converged: true,
            block_prior: lambda,
            pairs,
            max_change: history,
        };
    }
    let is_fixed = |i: usize| fixed.get(i).copied().unwrap_or(false);
    let mut posterior = vec![0.0f64; data.len()];
    for _ in 0..opts.max_iterations {
        // E step: posterior probability of a match for each distinct pattern.
        let prior_logit = (lambda / (1.0 - lambda)).log2();
        for (p, (v, _)) in posterior.iter_mut().zip(&data) {
            let mut w = prior_logit;
            // Fixed comparisons (the blocking rule's own fields) say nothing within the
            // block: every pair agrees on them. They are left out of the E step.
            for (i, (c, l)) in model.comparisons.iter().zip(v.iter()).enumerate() {
                if is_fixed(i) {
                    continue;
                }
                if let Some(lp) = l.index().and_then(|i| c.levels.get(i)) {
                    w += lp.weight();
                }
            }
            *p = super::model::match_probability(w);
        }
        // M step.
        let post_of = |v: &[Level]| -> f64 {
            let idx = data
                .binary_search_by(|(k, _)| (*k).cmp(v))
                .expect("pattern present");
            posterior[idx]
        };
        let mut m_counts = level_counts(model, patterns, post_of);
        for (counts, pseudo) in m_counts.iter_mut().zip(m_pseudo) {
            if let Some(pseudo) = pseudo {
                counts.iter_mut().zip(pseudo).for_each(|(c, p)| *c += p);
            }
        }
        let u_counts = if opts.estimate_u {
            Some(level_counts(model, patterns, |v| 1.0 - post_of(v)))
        } else {
            None
        };
        let mut change = 0.0f64;
        for (i, c) in model.comparisons.iter_mut().enumerate() {
            if !is_fixed(i) && m_counts[i].iter().sum::<f64>() > 0.0 {
                for (l, m) in c.levels.iter_mut().zip(smoothed(&m_counts[i], 0.0)) {
                    change = change.max((l.m - m).abs());
                    l.m = m;
                }
            }
            if let Some(uc) = &u_counts {
                if uc[i].iter().sum::<f64>() > 0.0 {
                    for (l, u) in c.levels.iter_mut().zip(smoothed(&uc[i], 0.0)) {
                        change = change.max((l.u - u).abs());
                        l.u = u;
                    }
                }
            }
        }
        let new_lambda = (data
            .iter()
            .zip(&posterior)
            .map(|((_, c), p)| c * p)
            .sum::<f64>()
            / pairs)
            .clamp(MIN_PROBABILITY, 1.0 - MIN_PROBABILITY);
        change = change.max((new_lambda - lambda).abs());
        lambda = new_lambda;
        history.push(change);
        if change < opts.tolerance {
            converged = true;
            break;
        }
    }
    EmReport {
        iterations: history.len(),
        converged,
        block_prior: lambda,
        pairs,
        max_change: history,
    }
}

/// EM of the share of matches λ alone, with every m and u held as they are and every
/// comparison taking part in the E step: the λ that makes the model's expected share of
/// matches among `patterns` equal its posterior mean (a one-parameter fixed point, which
/// converges where the full EM would also move m).
pub(super) fn prior_only(
    model: &FellegiSunter,
    patterns: &PatternCounts,
    opts: &EmOptions,
) -> EmReport {
    let data = patterns.sorted();
    let pairs: f64 = data.iter().map(|(_, c)| c).sum();
    // The weight of each distinct pattern without the prior: fixed over the iterations.
    let weights: Vec<f64> = data
        .iter()
        .map(|(v, _)| model.match_weight(v) - model.prior_weight())
        .collect();
    let mut lambda = opts
        .initial_block_prior
        .clamp(MIN_PROBABILITY, 1.0 - MIN_PROBABILITY);
    let mut history = Vec::new();
    let mut converged = data.is_empty();
    // Each iteration is one pass over the distinct patterns: cheap enough to run the fixed
    // point to a relative tolerance.
    for _ in 0..10 * opts.max_iterations.max(1) {
        if converged {
            break;
        }
        let prior_logit = (lambda / (1.0 - lambda)).log2();
        let matched: f64 = data
            .iter()
            .zip(&weights)
            .map(|((_, c), w)| c * super::model::match_probability(prior_logit + w))
            .sum();
        let new_lambda = (matched / pairs).clamp(MIN_PROBABILITY, 1.0 - MIN_PROBABILITY);
        let change = (new_lambda - lambda).abs();
        lambda = new_lambda;
        history.push(change);
        converged = change <= opts.tolerance * lambda;
    }
    EmReport {
        iterations: history.len(),
        converged,
        block_prior: lambda,
        pairs,
        max_change: history,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::LevelSpec;

    /// SplitMix64: a tiny deterministic generator for simulated data.
    struct Rng(u64);
    impl Rng {
        fn next_f64(&mut self) -> f64 {
            self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = self.0;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^= z >> 31;
            (z >> 11) as f64 / (1u64 << 53) as f64
        }
        fn pick(&mut self, probs: &[f64]) -> u8 {
            let r = self.next_f64();
            let mut acc = 0.0;
            for (i, p) in probs.iter().enumerate() {
                acc += p;
                if r < acc {
                    return i as u8;
                }
            }
            (probs.len() - 1) as u8
        }
    }

    #[allow(clippy::type_complexity)]
    fn truth() -> (f64, Vec<(Vec<f64>, Vec<f64>)>) {
        (
            0.15,
            vec![
                (vec![0.70, 0.15, 0.10, 0.05], vec![0.01, 0.03, 0.06, 0.90]),
                (vec![0.85, 0.10, 0.05], vec![0.02, 0.08, 0.90]),
                (vec![0.92, 0.08], vec![0.15, 0.85]),
                (vec![0.60, 0.25, 0.15], vec![0.005, 0.045, 0.95]),
                (vec![0.75, 0.25], vec![0.10, 0.90]),
            ],
        )
    }

    fn simulate(n: usize, null_rate: f64, seed: u64) -> PatternCounts {
        let (lambda, fields) = truth();
        let mut rng = Rng(seed);
        let mut pc = PatternCounts::new(fields.len());
        let mut v = vec![Level(0); fields.len()];
        for _ in 0..n {
            let is_match = rng.next_f64() < lambda;
            for (slot, (m, u)) in v.iter_mut().zip(&fields) {
                let l = rng.pick(if is_match { m } else { u });
                *slot = if rng.next_f64() < null_rate {
                    Level::NULL
                } else {
                    Level(l)
                };
            }
            pc.add(&v);
        }
        pc
    }

    fn model() -> FellegiSunter {
        let (_, fields) = truth();
        let specs: Vec<_> = fields
            .iter()
            .enumerate()
            .map(|(i, (m, _))| {
                (
                    format!("f{i}"),
                    (0..m.len())
                        .map(|l| LevelSpec::new(format!("l{l}")))
                        .collect(),
                )
            })
            .collect();
        FellegiSunter::with_defaults(0.01, &specs).unwrap()
    }

    #[test]
    fn em_recovers_known_m_and_u_within_0_02() {
        let pc = simulate(200_000, 0.05, 42);
        let mut m = model();
        let opts = EmOptions {
            estimate_u: true,
            ..EmOptions::default()
        };
        let report = m.train_em(&pc, &[], &opts);
        assert!(report.converged, "{report:?}");
        let (lambda, fields) = truth();
        assert!(
            (report.block_prior - lambda).abs() < 0.02,
            "{}",
            report.block_prior
        );
        for (c, (tm, tu)) in m.comparisons.iter().zip(&fields) {
            for (l, (em, eu)) in c.levels.iter().zip(tm.iter().zip(tu)) {
                assert!(
                    (l.m - em).abs() < 0.02,
                    "{} {}: m {} vs {}",
                    c.name,
                    l.name,
                    l.m,
                    em
                );
                assert!(
                    (l.u - eu).abs() < 0.02,
                    "{} {}: u {} vs {}",
                    c.name,
                    l.name,
                    l.u,
                    eu
                );
            }
        }
        m.validate().unwrap();
    }

    #[test]
    fn em_with_u_from_random_pairs_recovers_m() {
        let pc = simulate(200_000, 0.0, 7);
        let mut m = model();
        // u from "random pairs": here, the true u directly.
        let (_, fields) = truth();
        for (c, (_, tu)) in m.comparisons.iter_mut().zip(&fields) {
            for (l, u) in c.levels.iter_mut().zip(tu) {
                l.u = *u;
            }
        }
        let report = m.train_em(&pc, &[], &EmOptions::default());
        assert!(report.converged);
        for (c, (tm, _)) in m.comparisons.iter().zip(&fields) {
            for (l, em) in c.levels.iter().zip(tm) {
                assert!(
                    (l.m - em).abs() < 0.02,
                    "{} {}: {} vs {}",
                    c.name,
                    l.name,
                    l.m,
                    em
                );
            }
        }
    }

    #[test]
    fn fixed_fields_keep_their_m() {
        let pc = simulate(20_000, 0.0, 3);
        let mut m = model();
        let before = m.comparisons[2].clone();
        m.train_em(&pc, &[false, false, true], &EmOptions::default());
        assert_eq!(m.comparisons[2], before);
        assert_ne!(
            m.comparisons[0].levels[0].m,
            model().comparisons[0].levels[0].m
        );
    }

    #[test]
    fn passes_average_estimates_and_are_deterministic() {
        let pc = simulate(50_000, 0.0, 11);
        let passes = vec![
            (pc.clone(), vec![true, false, false, false, false]),
            (pc.clone(), vec![false, true, false, false, false]),
        ];
        let mut a = model();
        let mut b = model();
        let ra = a.train_em_passes(&passes, &EmOptions::default());
        let rb = b.train_em_passes(&passes, &EmOptions::default());
        assert_eq!(a, b);
        assert_eq!(ra, rb);
        a.validate().unwrap();
    }

    #[test]
    fn prior_alone_is_recovered_with_known_m_and_u() {
        let pc = simulate(100_000, 0.05, 5);
        let mut m = model();
        let (lambda, fields) = truth();
        for (c, (tm, tu)) in m.comparisons.iter_mut().zip(&fields) {
            for (l, (pm, pu)) in c.levels.iter_mut().zip(tm.iter().zip(tu)) {
                l.m = *pm;
                l.u = *pu;
            }
        }
        let before = m.clone();
        for start in [0.001, 0.1, 0.9] {
            let opts = EmOptions {
                initial_block_prior: start,
                ..EmOptions::default()
            };
            let r = m.estimate_block_prior(&pc, &opts);
            assert!(r.converged, "{r:?}");
            assert!((r.block_prior - lambda).abs() < 0.01, "{start}: {r:?}");
        }
        // m and u are left alone.
        assert_eq!(m, before);
        // Nothing to learn from: the start stays.
        let r = m.estimate_block_prior(&PatternCounts::new(5), &EmOptions::default());
        assert_eq!((r.iterations, r.block_prior), (0, 0.1));
    }

    #[test]
    fn empty_input_is_a_no_op() {
        let mut m = model();
        let r = m.train_em(&PatternCounts::new(5), &[], &EmOptions::default());
        assert_eq!(r.iterations, 0);
        assert_eq!(m, model());
    }
}
