use std::collections::BTreeSet;

use proptest::prelude::*;

use super::*;

/// The naive definition: every valid pair covered by some rule, with the first such rule.
fn oracle(b: &Blocking) -> BTreeSet<(u32, u32, u16)> {
    let n = b.rules()[0].len() as u32;
    let mut set = BTreeSet::new();
    for a in 0..n {
        for c in a + 1..n {
            if !b.valid(a, c) {
                continue;
            }
            if let Some(ri) = b.rules().iter().position(|r| r.covers(a, c)) {
                let (l, r) = b.orient(a, c);
                set.insert((l, r, ri as u16));
            }
        }
    }
    set
}

fn streamed(b: &Blocking, batch: usize) -> Vec<(u32, u32, u16)> {
    let mut v = Vec::new();
    b.for_each_batch(batch, |chunk| {
        v.extend(chunk.iter().map(|p| (p.left, p.right, p.rule)))
    });
    v
}

fn rules_from(
    keys: &[Vec<Vec<u64>>],
    sort: &[u64],
    opts: &RuleOptions,
    unknown: &[bool],
) -> Vec<KeyRule> {
    keys.iter()
        .enumerate()
        .map(|(i, k)| {
            let rule = KeyRule::build(
                format!("r{i}"),
                k.len(),
                opts.clone(),
                Some(sort),
                |r, out| out.extend_from_slice(&k[r]),
            )
            .unwrap();
            // Unknown records on every other rule.
            if i % 2 == 0 {
                rule.with_unknown(unknown.to_vec()).unwrap()
            } else {
                rule
            }
        })
        .collect()
}

#[test]
fn oversized_block_is_windowed_and_counted() {
    let n = 50;
    let keys: Vec<Vec<u64>> = (0..n).map(|_| vec![1]).collect();
    let opts = RuleOptions {
        max_block: 10,
        window: 2,
        ..RuleOptions::default()
    };
    let sort: Vec<u64> = (0..n as u64).rev().collect();
    let rule = KeyRule::build("common", n, opts, Some(&sort), |r, out| {
        out.extend_from_slice(&keys[r])
    })
    .unwrap();
    assert_eq!(rule.oversized_count(), 1);
    let b = Blocking::new(Mode::Dedupe, n, vec![rule]).unwrap();
    let (pairs, report) = b.pairs();
    // Sort order is by descending record: neighbours are r and r±1, r±2.
    assert_eq!(pairs.len(), 49 + 48);
    assert!(pairs.iter().all(|p| p.right - p.left <= 2));
    assert_eq!(report.rules[0].oversized_blocks, 1);
    assert_eq!(report.warnings().len(), 1);
}

#[test]
fn rules_windowed_by_design_do_not_warn() {
    let n = 50;
    let sort: Vec<Option<u64>> = (0..n as u64).map(Some).collect();
    let sorted = KeyRule::sorted_neighbourhood("sorted_name", &sort, 3).unwrap();
    let opts = RuleOptions {
        max_block: 1,
        window: 0,
        ..RuleOptions::default()
    };
    let order: Vec<u64> = (0..n as u64).collect();
    let unknown_only = KeyRule::build("token+year", n, opts, Some(&order), |r, out| {
        out.push(r as u64 % 5)
    })
    .unwrap();
    let b = Blocking::new(Mode::Dedupe, n, vec![sorted, unknown_only]).unwrap();
    let (_, report) = b.pairs();
    // Both rules have oversized blocks, by design: counted, not warned about.
    assert_eq!(report.rules[0].oversized_blocks, 1);
    assert_eq!(report.rules[1].oversized_blocks, 5);
    assert_eq!(report.rules[0].max_block, 0);
    assert!(report.warnings().is_empty(), "{:?}", report.warnings());
}

#[test]
fn unknown_records_pair_with_whole_small_oversized_blocks() {
    let n = 30;
    let sort: Vec<u64> = (0..n as u64).collect();
    let build = |max_unknown_block| {
        let opts = RuleOptions {
            max_block: 10,
            window: 1,
            max_unknown_block,
        };
        let rule = KeyRule::build("k", n, opts, Some(&sort), |_, out| out.push(7))
            .unwrap()
            .with_unknown((0..n).map(|r| r == 3 || r == 20).collect())
            .unwrap();
        let b = Blocking::new(Mode::Dedupe, n, vec![rule]).unwrap();
        let set: BTreeSet<(u32, u32)> = streamed(&b, 64)
            .into_iter()
            .map(|(l, r, _)| (l, r))
            .collect();
        set
    };
    let with = build(30);
    // 29 neighbour pairs, plus records 3 and 20 with everyone beyond their two neighbours
    // (27 each), the pair (3, 20) counted once.
    assert_eq!(with.len(), 29 + 27 + 27 - 1);
    assert!(with.contains(&(3, 29)) && with.contains(&(0, 20)) && with.contains(&(3, 20)));
    assert!(!with.contains(&(0, 2)));
    // A block over max_unknown_block: window only.
    let without = build(29);
    assert_eq!(without.len(), 29);
}

#[test]
fn sorted_neighbourhood_pairs_neighbours_only() {
    let sort = [Some(30), Some(10), None, Some(20), Some(40)];
    let rule = KeyRule::sorted_neighbourhood("sn", &sort, 1).unwrap();
    let b = Blocking::new(Mode::Dedupe, 5, vec![rule]).unwrap();
    let got: BTreeSet<_> = streamed(&b, 100)
        .into_iter()
        .map(|(l, r, _)| (l, r))
        .collect();
    // Order: 1(10) 3(20) 0(30) 4(40); record 2 has no key.
    assert_eq!(got, BTreeSet::from([(1, 3), (0, 3), (0, 4)]));
}

#[test]
fn link_mode_pairs_only_across() {
    let keys = vec![vec![1], vec![1], vec![1], vec![1]];
    let rule = KeyRule::from_keys("k", keys, RuleOptions::default()).unwrap();
    let b = Blocking::new(Mode::Link { left_len: 2 }, 4, vec![rule]).unwrap();
    let got: Vec<_> = streamed(&b, 100)
        .into_iter()
        .map(|(l, r, _)| (l, r))
        .collect();
    assert_eq!(got, vec![(0, 2), (0, 3), (1, 2), (1, 3)]);
    assert_eq!(b.possible_pairs(), 4.0);
}

#[test]
fn bad_configurations_are_rejected() {
    let r1 = KeyRule::from_keys("a", vec![vec![1]; 3], RuleOptions::default()).unwrap();
    let r2 = KeyRule::from_keys("a", vec![vec![1]; 3], RuleOptions::default()).unwrap();
    assert!(Blocking::new(Mode::Dedupe, 3, vec![r1.clone(), r2]).is_err());
    assert!(Blocking::new(Mode::Dedupe, 4, vec![r1.clone()]).is_err());
    assert!(Blocking::new(Mode::Link { left_len: 9 }, 3, vec![r1]).is_err());
}

#[cfg(feature = "parallel")]
#[test]
fn same_pairs_whatever_the_thread_count() {
    let n = 3000usize;
    let key = |r: usize, out: &mut Vec<u64>| {
        let x = crate::core::mix64(r as u64);
        out.push(x % 97);
        out.push(x % 13 + 1000);
    };
    let run = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        pool.install(|| {
            let opts = RuleOptions {
                max_block: 60,
                window: 5,
                max_unknown_block: 200,
            };
            let unknown: Vec<bool> = (0..n).map(|r| r % 11 == 0).collect();
            let r1 = KeyRule::build("a", n, opts.clone(), None, key)
                .unwrap()
                .with_unknown(unknown)
                .unwrap();
            let r2 = KeyRule::build("b", n, opts, None, |r, out| out.push((r / 7) as u64)).unwrap();
            let b = Blocking::new(Mode::Dedupe, n, vec![r1, r2]).unwrap();
            streamed(&b, 5000)
        })
    };
    let one = run(1);
    assert!(!one.is_empty());
    assert_eq!(one, run(2));
    assert_eq!(one, run(8));
}

#[test]
fn a_record_pairs_within_its_blocks() {
    let rule = KeyRule::from_keys(
        "id",
        vec![vec![1], vec![1, 2], vec![2]],
        RuleOptions::default(),
    )
    .unwrap();
    assert!(rule.covers(0, 1) && rule.covers(1, 2) && !rule.covers(0, 2));
    assert_eq!(rule.block_count(), 2);
}

#[test]
fn unknown_records_pair_with_a_whole_oversized_block() {
    // Six records share one key; blocks over 3 records are windowed (±1).
    let opts = RuleOptions {
        max_block: 3,
        window: 1,
        max_unknown_block: 10,
    };
    let rule = KeyRule::from_keys("k", vec![vec![1]; 6], opts).unwrap();
    assert!(!rule.covers(0, 5));
    let rule = rule
        .with_unknown(vec![true, false, false, false, false, false])
        .unwrap();
    assert!(rule.covers(0, 5) && !rule.covers(1, 5));
}

#[test]
fn each_pair_comes_once_from_the_first_rule() {
    // Four records; rule 1 keys on a family-name code, rule 2 on birth year.
    let family = KeyRule::from_keys(
        "family",
        vec![vec![7], vec![7], vec![9], vec![]],
        RuleOptions::default(),
    )
    .unwrap();
    let year = KeyRule::from_keys(
        "year",
        vec![vec![1985], vec![1985], vec![1985], vec![1990]],
        RuleOptions::default(),
    )
    .unwrap();
    let blocking = Blocking::new(Mode::Dedupe, 4, vec![family, year]).unwrap();
    let (pairs, report) = blocking.pairs();
    let pairs: Vec<(u32, u32, u16)> = pairs.iter().map(|p| (p.left, p.right, p.rule)).collect();
    // (0,1) shares both keys but is produced once, by the first rule.
    assert_eq!(pairs, vec![(0, 1, 0), (0, 2, 1), (1, 2, 1)]);
    assert_eq!(report.total_pairs, 3);
}

#[test]
fn completeness_and_reduction_on_known_truth() {
    let truth = [1u64, 1, 1, 2, 2, 3];
    let keys = vec![vec![10], vec![10], vec![11], vec![20], vec![20], vec![30]];
    let rule = KeyRule::from_keys("k", keys, RuleOptions::default()).unwrap();
    let b = Blocking::new(Mode::Dedupe, 6, vec![rule]).unwrap();
    let mut found = 0;
    let report = b.for_each_batch(10, |batch| {
        found += batch
            .iter()
            .filter(|p| truth[p.left as usize] == truth[p.right as usize])
            .count();
    });
    assert_eq!(found, 2); // of the 4 true pairs
    assert_eq!(report.total_pairs, 2);
    assert!((report.reduction_ratio() - (1.0 - 2.0 / 15.0)).abs() < 1e-12);
}

/// Keys per rule per record, sort keys, max block, window, link boundary, batch size,
/// unknown records, max unknown block.
type Case = (
    Vec<Vec<Vec<u64>>>,
    Vec<u64>,
    u32,
    usize,
    Option<u32>,
    usize,
    Vec<bool>,
    u32,
);

fn arb_case() -> impl Strategy<Value = Case> {
    (1usize..40).prop_flat_map(|n| {
        (
            prop::collection::vec(
                prop::collection::vec(prop::collection::vec(0u64..6, 0..3), n),
                1..4,
            ),
            prop::collection::vec(0u64..20, n),
            1u32..8,
            0usize..4,
            prop::option::of(0u32..=n as u32),
            1usize..50,
            prop::collection::vec(prop::bool::weighted(0.2), n),
            0u32..30,
        )
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// Streamed pairs equal the naive all-pairs oracle, each exactly once, for any batch size.
    #[test]
    fn streamed_pairs_equal_the_oracle(
        (keys, sort, max_block, window, link, batch, unknown, max_unknown_block) in arb_case()
    ) {
        let n = sort.len();
        let opts = RuleOptions { max_block, window, max_unknown_block };
        let rules = rules_from(&keys, &sort, &opts, &unknown);
        let mode = match link { Some(l) => Mode::Link { left_len: l }, None => Mode::Dedupe };
        let b = Blocking::new(mode, n, rules).unwrap();
        let got = streamed(&b, batch);
        let set: BTreeSet<_> = got.iter().copied().collect();
        prop_assert_eq!(set.len(), got.len(), "a pair was produced twice");
        prop_assert_eq!(set, oracle(&b));
    }
}
