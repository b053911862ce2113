//! NameComparator: golden pairs (`tests/data/compare_golden.toml`) and properties.

use hawiya::name::{NameComparator, name_similarity};
use proptest::prelude::*;

#[derive(serde::Deserialize)]
struct Case {
    left: String,
    right: String,
    min: Option<f64>,
    max: Option<f64>,
    #[allow(dead_code)]
    note: Option<String>,
}

#[derive(serde::Deserialize)]
struct Golden {
    same: Vec<Case>,
    different: Vec<Case>,
}

#[test]
fn golden_pairs() {
    let text = include_str!("data/compare_golden.toml");
    let golden: Golden = toml::from_str(text).expect("golden file parses");
    let cmp = NameComparator::default();
    let mut failures = Vec::new();
    for c in golden.same.iter().chain(&golden.different) {
        let s = cmp.similarity_str(&c.left, &c.right);
        let back = cmp.similarity_str(&c.right, &c.left);
        assert_eq!(s, back, "asymmetric: {} / {}", c.left, c.right);
        if c.min.is_some_and(|m| s < m) || c.max.is_some_and(|m| s > m) {
            failures.push(format!(
                "{} / {}: {s:.4} (min {:?}, max {:?})",
                c.left, c.right, c.min, c.max
            ));
        }
    }
    assert!(golden.same.len() >= 10 && golden.different.len() >= 5);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn same_person_outranks_different_people() {
    let cmp = NameComparator::default();
    let q = cmp.prepare("محمد عبدالله الفضالة");
    let cands: Vec<_> = [
        "Mohammed Abdullah Al-Fadhala",
        "Mohammed Al-Fadhala",
        "Mahmoud Abdullah Al-Fadhala",
        "Abdullah Mohammed Al-Mutairi",
    ]
    .iter()
    .map(|n| cmp.prepare(n))
    .collect();
    let s = cmp.one_vs_many(&q, &cands);
    assert!(s[0] > s[1] && s[1] > s[2] && s[2] > s[3], "{s:?}");
}

#[test]
fn batch_and_parallel_agree_with_single() {
    let cmp = NameComparator::default();
    let names = [
        "محمد الفضالة",
        "Mohamed Al Fadhala",
        "Khaled bin Saleh",
        "خالد صالح",
        "",
        "Dr. Abd al-Rahman",
        "AL-AJMI, NOURAH",
        "نورة العجمي",
    ];
    let mut lefts = Vec::new();
    let mut rights = Vec::new();
    for a in names {
        for b in names {
            lefts.push(a);
            rights.push(b);
        }
    }
    let batch = cmp.score_pairs(&lefts, &rights);
    let seq = cmp.score_pairs_sequential(&lefts, &rights);
    assert_eq!(batch, seq);
    let pl: Vec<_> = lefts.iter().map(|n| cmp.prepare(n)).collect();
    let pr: Vec<_> = rights.iter().map(|n| cmp.prepare(n)).collect();
    assert_eq!(cmp.score_prepared_pairs(&pl, &pr), seq);
    for (i, (a, b)) in lefts.iter().zip(&rights).enumerate() {
        assert_eq!(seq[i], name_similarity(a, b));
    }
}

fn name_strategy() -> impl Strategy<Value = String> {
    let words = prop::sample::select(vec![
        "محمد",
        "محمود",
        "عبد",
        "الله",
        "عبدالرحمن",
        "بن",
        "ال",
        "الفضالة",
        "حسن",
        "حسين",
        "Mohammed",
        "Mahmoud",
        "Abd",
        "al-Rahman",
        "bin",
        "Al",
        "Fadhala",
        "Hassan",
        "Hussein",
        "K.",
        "Dr.",
        "Ben",
        "Ali",
        "Benali",
        "O'Neil",
        "Ahmed,",
        "x",
        "7",
    ]);
    prop::collection::vec(words, 0..7).prop_map(|w| w.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn symmetric_bounded_and_reflexive(a in name_strategy(), b in name_strategy()) {
        let cmp = NameComparator::default();
        let (pa, pb) = (cmp.prepare(&a), cmp.prepare(&b));
        let s = cmp.similarity(&pa, &pb);
        prop_assert!((0.0..=1.0).contains(&s), "{}", s);
        prop_assert_eq!(s, cmp.similarity(&pb, &pa));
        prop_assert_eq!(cmp.similarity(&pa, &pa), 1.0);
        let e = cmp.explain(&pa, &pb);
        prop_assert_eq!(e.score, s);
    }

    #[test]
    fn one_only_for_the_same_spelling(a in name_strategy(), b in name_strategy()) {
        let cmp = NameComparator::default();
        let (pa, pb) = (cmp.prepare(&a), cmp.prepare(&b));
        if cmp.similarity(&pa, &pb) == 1.0 {
            let folded = |p: &hawiya::name::PreparedName| -> Vec<String> {
                p.name()
                    .tokens
                    .iter()
                    .filter(|t| t.role().is_name() || t.role() == hawiya::name::Role::Initial)
                    .filter(|t| !t.code().is_empty())
                    .map(|t| t.folded().to_string())
                    .collect()
            };
            prop_assert_eq!(folded(&pa), folded(&pb));
        }
    }

    #[test]
    fn the_level_bound_never_hides_a_score_above_it(
        a in name_strategy(),
        b in name_strategy(),
        floor in 0.05f64..1.0,
    ) {
        let cmp = NameComparator::default();
        let (pa, pb) = (cmp.prepare(&a), cmp.prepare(&b));
        let s = cmp.similarity(&pa, &pb);
        prop_assert_eq!(cmp.similarity_at_least(&pa, &pb, floor), (s >= floor).then_some(s));
    }

    #[test]
    fn arbitrary_text_is_total(a in "\\PC{0,40}", b in "\\PC{0,40}") {
        let cmp = NameComparator::default();
        let s = cmp.similarity_str(&a, &b);
        prop_assert!((0.0..=1.0).contains(&s));
        prop_assert_eq!(s, cmp.similarity_str(&b, &a));
        prop_assert_eq!(cmp.similarity_str(&a, &a), 1.0);
    }

    #[test]
    fn parallel_equals_sequential(pairs in prop::collection::vec((name_strategy(), name_strategy()), 0..40)) {
        let cmp = NameComparator::default();
        let l: Vec<&str> = pairs.iter().map(|p| p.0.as_str()).collect();
        let r: Vec<&str> = pairs.iter().map(|p| p.1.as_str()).collect();
        prop_assert_eq!(cmp.score_pairs(&l, &r), cmp.score_pairs_sequential(&l, &r));
    }
}
