use std::collections::HashMap;

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
    let back: ClusterMetrics = serde_json::from_str(&serde_json::to_string(&m).unwrap()).unwrap();
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
