//! Clerical review end to end on a generated registry: the proposed pairs, decided by the
//! truth, go back in as labels; pairwise F1 rises and every cannot-link holds.

use std::collections::HashMap;

use hawiya::eval::ClusterMetrics;
use hawiya::{Config, ConstraintOutcome, MatchResult, Matcher, PairLabel, ReviewOptions, Table};
use hawiya_synth::{COLUMNS, Generator, GeneratorConfig};

fn registry(records: u64, seed: u64) -> Table {
    let config = GeneratorConfig {
        records,
        seed,
        ..GeneratorConfig::default()
    };
    Generator::new(config).unwrap().table().unwrap()
}

fn f1(result: &MatchResult, t: &Table) -> ClusterMetrics {
    let predicted: Vec<&str> = result
        .records
        .iter()
        .map(|r| r.cluster_id.as_str())
        .collect();
    let truth: Vec<&str> = result
        .records
        .iter()
        .map(|r| t.value(r.row, "cluster").unwrap())
        .collect();
    ClusterMetrics::compute(&predicted, &truth).unwrap()
}

#[test]
fn truth_on_the_top_review_pairs_raises_f1_and_every_cannot_link_holds() {
    let t = registry(5_000, 7);
    let m = Matcher::new(Config::infer(&COLUMNS).unwrap()).unwrap();
    let before = m.dedupe(&t).unwrap();
    let review = m.review(
        &before,
        &ReviewOptions {
            top: 60,
            ..Default::default()
        },
    );
    assert!(!review.is_empty());
    // Best first, nothing proposed twice, only pairs of the run.
    assert!(
        review
            .windows(2)
            .all(|w| w[0].expected_change >= w[1].expected_change)
    );
    let mut seen = std::collections::HashSet::new();
    for r in &review {
        assert!(seen.insert((r.unique_id_l.clone(), r.unique_id_r.clone())));
        assert_eq!(before.pairs[r.pair].unique_id_l, r.unique_id_l);
        assert!(r.changed_pairs >= 1 && !r.why.is_empty());
    }
    let truth: HashMap<&str, &str> = (0..t.len())
        .map(|i| {
            (
                t.value(i, "unique_id").unwrap(),
                t.value(i, "cluster").unwrap(),
            )
        })
        .collect();
    let labels: Vec<PairLabel> = review
        .iter()
        .map(|r| {
            let same = truth[r.unique_id_l.as_str()] == truth[r.unique_id_r.as_str()];
            PairLabel::new(&r.unique_id_l, &r.unique_id_r, same)
        })
        .collect();
    let after = m.clone().with_labels(labels.clone()).dedupe(&t).unwrap();
    let (f_before, f_after) = (f1(&before, &t), f1(&after, &t));
    assert!(
        f_after.pairwise.f1 > f_before.pairwise.f1,
        "before {f_before}\nafter {f_after}"
    );
    let cluster: HashMap<&str, &str> = after
        .records
        .iter()
        .map(|r| (r.unique_id.as_str(), r.cluster_id.as_str()))
        .collect();
    for l in &labels {
        let (a, b) = (
            cluster[l.unique_id_l.as_str()],
            cluster[l.unique_id_r.as_str()],
        );
        if l.is_match {
            assert_eq!(a, b, "{l:?}");
        } else {
            assert_ne!(a, b, "{l:?}");
        }
    }
    // The audit trail lists every decision, each with an effect.
    assert_eq!(after.report.labels.len(), labels.len());
    assert!(
        after
            .report
            .labels
            .iter()
            .all(|a| a.outcome.is_some() && a.used_in_training)
    );
    assert!(after.report.labels.iter().any(|a| matches!(
        a.outcome,
        Some(ConstraintOutcome::Separated | ConstraintOutcome::Joined)
    )));
    // The decided pairs are not proposed again.
    let again = m.clone().with_labels(labels.clone()).review(
        &after,
        &ReviewOptions {
            top: 60,
            ..Default::default()
        },
    );
    assert!(!again.is_empty());
    for r in &again {
        // A split's parts add up to the cluster, records joined by must-links included.
        if let Some(rest) = r.why.split("split its cluster of ").nth(1) {
            let size: u64 = rest.split(' ').next().unwrap().parse().unwrap();
            let parts = rest
                .split(" into ")
                .nth(1)
                .unwrap()
                .split(" (")
                .next()
                .unwrap();
            let sum: u64 = parts.split(" + ").map(|x| x.parse::<u64>().unwrap()).sum();
            assert_eq!(sum, size, "{}", r.why);
        }
        assert!(!labels.iter().any(|l| (l.unique_id_l == r.unique_id_l
            && l.unique_id_r == r.unique_id_r)
            || (l.unique_id_l == r.unique_id_r && l.unique_id_r == r.unique_id_l)));
    }
}

#[test]
fn unknown_ids_are_listed_not_applied_and_a_link_reads_left_then_right() {
    let mut left = Table::new(vec!["unique_id".into(), "full_name".into(), "dob".into()]).unwrap();
    left.push_row(&["a", "صالح الفضالة", "1985-07-01"]).unwrap();
    left.push_row(&["b", "Mona Haddad", "1990-02-03"]).unwrap();
    let mut right = Table::new(left.names().to_vec()).unwrap();
    right
        .push_row(&["a", "Saleh Al-Fadhala", "01/07/1985"])
        .unwrap();
    right.push_row(&["x", "Omar Khalid", "1971-11-20"]).unwrap();
    let m = Matcher::builder()
        .name("full_name")
        .date("dob")
        .build()
        .unwrap()
        .with_labels(vec![
            // Left "b" and right "x": the same person, says the reviewer.
            PairLabel::new("b", "x", true),
            // Given the other way round: right "a", left "a".
            PairLabel::new("a", "a", false),
            PairLabel::new("nope", "a", true),
        ]);
    let r = m.link(&left, &right).unwrap();
    // Cluster numbers, not names: the two "a" records name their own clusters "a" alike.
    let cluster = |source: u8, id: &str| {
        let i = r
            .records
            .iter()
            .position(|x| x.source == source && x.unique_id == id)
            .unwrap();
        r.clustering.cluster_of[i]
    };
    assert_eq!(cluster(0, "b"), cluster(1, "x"));
    assert_ne!(cluster(0, "a"), cluster(1, "a"));
    let outcomes: Vec<_> = r.report.labels.iter().map(|l| l.outcome).collect();
    assert_eq!(outcomes[0], Some(ConstraintOutcome::Joined));
    assert!(matches!(
        outcomes[1],
        Some(ConstraintOutcome::Separated | ConstraintOutcome::AlreadyApart)
    ));
    assert_eq!(outcomes[2], None);
    assert!(r.report.labels[2].describe().contains("not in this run"));
}
