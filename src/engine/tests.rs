//! Unit tests of the orchestrator: model checks, runs with a fixed model, link mode, order
//! independence, training and blocking evaluation on small hand-made tables.

use super::*;
use crate::score::FellegiSunter;

/// A table of `rows` with columns unique_id, full_name, dob, truth.
fn table(rows: &[[&str; 4]]) -> Table {
    let mut t = Table::new(
        ["unique_id", "full_name", "dob", "truth"]
            .map(String::from)
            .to_vec(),
    )
    .unwrap();
    for r in rows {
        t.push_row(r).unwrap();
    }
    t
}

const ROWS: [[&str; 4]; 6] = [
    ["1", "صالح عبدالله الفضالة", "1985-07-01", "p1"],
    ["2", "Saleh Abdullah Al-Fadhala", "01/07/1985", "p1"],
    ["3", "Mona Haddad", "1990-02-03", "p2"],
    ["4", "منى حداد", "03/02/1990", "p2"],
    ["5", "Omar Khalid", "1971-11-20", "p3"],
    ["6", "Fatima Al-Sabah", "1988-05-14", "p4"],
];

fn matcher() -> Matcher {
    Matcher::builder()
        .name("full_name")
        .date("dob")
        .build()
        .unwrap()
}

/// A model that trusts agreeing names and dates: two records agreeing on both match.
fn model(m: &Matcher) -> FellegiSunter {
    let specs = m.level_specs();
    let mut model = FellegiSunter::with_defaults(1e-3, &specs).unwrap();
    for (name, levels) in &specs {
        let k = levels.len();
        for l in 0..k {
            let strong = l + 1 < k && l <= 2;
            let (mm, u) = if strong { (0.3, 0.001) } else { (0.01, 0.9) };
            model.set_level(name, l, mm, u).unwrap();
        }
    }
    model
}

fn clusters(result: &MatchResult) -> Vec<(String, String)> {
    result
        .records
        .iter()
        .map(|r| (r.unique_id.clone(), r.cluster_id.clone()))
        .collect()
}

#[test]
fn a_model_must_fit_the_config() {
    let m = matcher();
    let good = model(&m);
    assert!(m.clone().with_model(good.clone()).is_ok());
    let other = Matcher::builder().name("full_name").build().unwrap();
    let e = other.with_model(good).unwrap_err().to_string();
    assert!(e.contains("comparisons"), "{e}");
    assert!(
        m.explain(&[("full_name", "a")], &[("full_name", "b")])
            .is_err()
    );
}

#[test]
fn a_run_with_a_given_model_clusters_the_same_people() {
    let m = matcher();
    let m = m.clone().with_model(model(&m)).unwrap();
    let result = m.dedupe(&table(&ROWS)).unwrap();
    assert!(result.report.training.is_none());
    assert_eq!(
        clusters(&result),
        [
            ("1", "1"),
            ("2", "1"),
            ("3", "3"),
            ("4", "3"),
            ("5", "5"),
            ("6", "6")
        ]
        .map(|(a, b)| (a.to_string(), b.to_string()))
    );
    assert_eq!(result.report.rows, 6);
    assert_eq!(result.report.multi_record_clusters, 2);
    // Every kept pair explains itself: the parts add up to the weight.
    for i in 0..result.pairs.len() {
        let e = result.explain(i).unwrap();
        assert!((e.match_weight - result.pairs[i].match_weight).abs() < 1e-9);
    }
}

#[test]
fn row_order_does_not_change_the_clusters() {
    let m = matcher();
    let m = m.clone().with_model(model(&m)).unwrap();
    let forward = m.dedupe(&table(&ROWS)).unwrap();
    let mut rows = ROWS;
    rows.reverse();
    let backward = m.dedupe(&table(&rows)).unwrap();
    let mut a = clusters(&forward);
    let mut b = clusters(&backward);
    a.sort();
    b.sort();
    assert_eq!(a, b);
    // Records come back in input order.
    assert_eq!(backward.records[0].unique_id, "6");
}

#[test]
fn link_pairs_only_across_the_two_tables() {
    let m = matcher();
    let m = m.clone().with_model(model(&m)).unwrap();
    let left = table(&ROWS[..3]);
    let right = table(&ROWS[3..]);
    let result = m.link(&left, &right).unwrap();
    assert!(result.pairs.iter().all(|p| p.left.0 == 0 && p.right.0 == 1));
    let by_id: std::collections::HashMap<_, _> = clusters(&result).into_iter().collect();
    assert_eq!(by_id["3"], by_id["4"]);
    assert_ne!(by_id["1"], by_id["5"]);
}

#[test]
fn training_and_blocking_evaluation_on_a_small_table() {
    // Forty people, each written twice (Arabic script and Latin) with the same date.
    let given = [
        "Saleh", "Omar", "Mona", "Khalid", "Fatima", "Ali", "Huda", "Yousef",
    ];
    let given_ar = ["صالح", "عمر", "منى", "خالد", "فاطمة", "علي", "هدى", "يوسف"];
    let family = ["Al-Fadhala", "Haddad", "Al-Sabah", "Al-Mutairi", "Al-Enezi"];
    let family_ar = ["الفضالة", "حداد", "الصباح", "المطيري", "العنزي"];
    let mut rows: Vec<[String; 4]> = Vec::new();
    for p in 0..40 {
        let (g, f) = (p % 8, p / 8);
        let dob = format!("19{:02}-{:02}-{:02}", 60 + p, 1 + p % 12, 1 + p % 28);
        rows.push([
            format!("a{p}"),
            format!("{} {}", given_ar[g], family_ar[f]),
            dob.clone(),
            format!("p{p}"),
        ]);
        rows.push([
            format!("b{p}"),
            format!("{} {}", given[g], family[f]),
            dob,
            format!("p{p}"),
        ]);
    }
    let rows: Vec<[&str; 4]> = rows
        .iter()
        .map(|r| [r[0].as_str(), &r[1], &r[2], &r[3]])
        .collect();
    let t = table(&rows);
    let m = matcher();
    let (model, report) = m.train(&t).unwrap();
    assert!(report.u_pairs > 0 && report.em_pairs > 0);
    assert_eq!(model.comparisons.len(), 2);
    let eval = m.evaluate_blocking(&t, "truth").unwrap();
    assert_eq!(eval.true_pairs, 40);
    assert_eq!(eval.found, 40);
    assert_eq!(eval.by_kind, [("ar-lat".to_string(), 40, 40)]);
    let result = m.dedupe(&t).unwrap();
    assert!(result.report.training.is_some());
    let same = result
        .records
        .chunks(2)
        .filter(|r| r[0].cluster_id == r[1].cluster_id)
        .count();
    assert!(same >= 38, "{same} of 40 people found");
}
