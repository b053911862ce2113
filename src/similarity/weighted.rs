//! Weighted edit distance with costs in a table, for transliteration-aware comparison of
//! prepared `u8` symbol codes.
//!
//! A [`CostTable`] holds, for the prepared alphabet (codes `0..64`):
//! - a substitution cost for every ordered pair, kept symmetric (setting `(x, y)` sets
//!   `(y, x)`); substituting a symbol by itself always costs 0;
//! - one insertion/deletion ("indel") cost per symbol: inserting `x` into one string costs
//!   the same as deleting `x` from the other, which keeps the distance symmetric;
//! - a *doubling* cost per symbol: deleting or inserting a symbol right after the same
//!   symbol in its own string (the second `s` of `Hassan`) costs
//!   `min(indel, doubling)`; by default the doubling cost equals the indel cost, i.e. no
//!   discount;
//! - an optional cost for swapping two adjacent different symbols (optimal string
//!   alignment, each substring edited at most once).
//!
//! Codes `>= 64` get the table's default costs: indel [`CostTable::default_indel`],
//! substitution of two different codes [`CostTable::default_substitution`], no doubling
//! discount.
//!
//! ## Normalisation
//! Let `A` be the cost of deleting every symbol of `a` one by one from the left and `B`
//! the cost of inserting every symbol of `b` (both with the doubling discount, i.e. the
//! first row and column of the dynamic programme). The similarity is
//! `1 − min(D, W) / W` with `W = max(A, B)`, and 1.0 when `W = 0`.
//!
//! With unit costs this is exactly the normalised Levenshtein similarity
//! `1 − d / max(|a|, |b|)`. Whenever every substitution costs at most the indel cost of
//! each of its two symbols (and doubling discounts are not used), `D ≤ W` always holds and
//! the clamp never acts; with other tables, pairs whose cheapest edit costs more than `W`
//! score 0. The result is always in [0, 1] and symmetric.
//!
//! ## Fixed point
//! Costs are given as `f32` and stored as integers in units of 1/[`COST_SCALE`] (rounded
//! to the nearest unit, at most [`MAX_COST`]). The dynamic programme adds and compares
//! integers: results are exact, do not depend on the order of the two strings, and the
//! inner loop has no floating-point latency.

mod spec;
mod table;

pub use spec::{BetweenCost, CostSpec, GroupCost};
pub use table::{CostTable, CostTableBuilder};

use super::symbol::ALPHABET_SIZE;

const N: usize = ALPHABET_SIZE;

/// Costs are stored in units of `1 / COST_SCALE`.
pub const COST_SCALE: u32 = 1000;
/// Largest cost a table accepts.
pub const MAX_COST: f32 = 1000.0;

#[inline]
fn to_units(cost: f32) -> u32 {
    (f64::from(cost) * f64::from(COST_SCALE)).round() as u32
}

#[inline]
fn from_units(units: u64) -> f64 {
    units as f64 / f64::from(COST_SCALE)
}

/// Inputs whose shorter string has up to this many symbols keep their rows on the stack.
const STACK_ROW: usize = 64;

/// Weighted edit distance between `a` and `b` under `table` (≥ 0, symmetric, 0 for equal
/// strings), a multiple of `1 / COST_SCALE`. Allocation-free when the shorter string has
/// at most 64 symbols.
///
/// ```
/// use hawiya::similarity::{CostTable, weighted};
/// let unit = CostTable::unit();
/// assert_eq!(weighted::distance(&unit, &[1, 2, 3], &[1, 3]), 1.0);
/// ```
pub fn distance(table: &CostTable, a: &[u8], b: &[u8]) -> f64 {
    from_units(bounded(table, a, b, u64::MAX).unwrap_or(u64::MAX))
}

/// The distance if it is at most `max`, else `None` (stops early once the bound is
/// certain to be exceeded).
///
/// ```
/// use hawiya::similarity::{CostTable, weighted};
/// let unit = CostTable::unit();
/// assert_eq!(weighted::distance_with_cutoff(&unit, &[1, 2, 3], &[4, 5, 6], 2.0), None);
/// assert_eq!(weighted::distance_with_cutoff(&unit, &[1, 2, 3], &[4, 2, 3], 1.0), Some(1.0));
/// ```
pub fn distance_with_cutoff(table: &CostTable, a: &[u8], b: &[u8], max: f64) -> Option<f64> {
    if max.is_nan() || max < 0.0 {
        return None;
    }
    // The largest unit count not above `max`.
    let max_units = (max * f64::from(COST_SCALE) + 1e-6).floor();
    let max_units = if max_units >= u64::MAX as f64 {
        u64::MAX
    } else {
        max_units as u64
    };
    bounded(table, a, b, max_units)
        .map(from_units)
        .filter(|&d| d <= max)
}

/// The normalisation weight of `s`: the cost, in units of `1 / COST_SCALE`, of deleting
/// every symbol of `s` one by one from the left, with the doubling discount (`A` of the
/// module documentation). Compute it once per string to score that string against many
/// others with [`similarity_with_weights`].
///
/// ```
/// use hawiya::similarity::{CostTable, weighted};
/// let table = CostTable::builder().doubling_group(&[2], 0.5).build()?;
/// assert_eq!(weighted::weight_units(&table, &[1, 2, 2]), 2500);
/// # Ok::<(), hawiya::Error>(())
/// ```
pub fn weight_units(table: &CostTable, s: &[u8]) -> u64 {
    (0..s.len()).map(|i| u64::from(table.indel_at(s, i))).sum()
}

fn worst_units(table: &CostTable, a: &[u8], b: &[u8]) -> u64 {
    weight_units(table, a).max(weight_units(table, b))
}

/// The normalisation constant `W = max(A, B)` of the module documentation.
pub fn worst_case(table: &CostTable, a: &[u8], b: &[u8]) -> f64 {
    from_units(worst_units(table, a, b))
}

/// Normalised similarity `1 − min(D, W) / W` in [0, 1] (1.0 when `W = 0`), see the module
/// documentation.
///
/// ```
/// use hawiya::similarity::{CostTable, weighted};
/// let unit = CostTable::unit();
/// let kitten = [10u8, 8, 19, 19, 4, 13];
/// let sitting = [18u8, 8, 19, 19, 8, 13, 6];
/// assert_eq!(weighted::similarity(&unit, &kitten, &sitting), 1.0 - 3.0 / 7.0);
/// ```
pub fn similarity(table: &CostTable, a: &[u8], b: &[u8]) -> f64 {
    if a == b {
        return 1.0;
    }
    let w = worst_units(table, a, b);
    if w == 0 {
        return 1.0;
    }
    // D <= W is all that matters; beyond it the score is 0 anyway.
    let d = bounded(table, a, b, w).unwrap_or(w);
    normalise(d, w)
}

/// [`similarity`] if it is at least `min_similarity`, else `None`.
///
/// ```
/// use hawiya::similarity::{CostTable, weighted};
/// let unit = CostTable::unit();
/// assert_eq!(weighted::similarity_with_cutoff(&unit, &[1, 2], &[1, 2], 0.9), Some(1.0));
/// assert_eq!(weighted::similarity_with_cutoff(&unit, &[1, 2], &[3, 4], 0.1), None);
/// ```
pub fn similarity_with_cutoff(
    table: &CostTable,
    a: &[u8],
    b: &[u8],
    min_similarity: f64,
) -> Option<f64> {
    if min_similarity.is_nan() || min_similarity > 1.0 {
        return None;
    }
    let (wa, wb) = (weight_units(table, a), weight_units(table, b));
    similarity_with_weights(table, a, wa, b, wb, min_similarity)
}

/// [`similarity_with_cutoff`] with the normalisation weights of `a` and `b`
/// ([`weight_units`]) computed beforehand, for loops that score one string against many.
/// Given other weights the result is still in [0, 1] but not the similarity.
///
/// ```
/// use hawiya::similarity::{CostTable, weighted};
/// let unit = CostTable::unit();
/// let (a, b) = ([1u8, 2, 3], [1u8, 2, 4]);
/// let (wa, wb) = (weighted::weight_units(&unit, &a), weighted::weight_units(&unit, &b));
/// assert_eq!(
///     weighted::similarity_with_weights(&unit, &a, wa, &b, wb, 0.5),
///     weighted::similarity_with_cutoff(&unit, &a, &b, 0.5)
/// );
/// ```
pub fn similarity_with_weights(
    table: &CostTable,
    a: &[u8],
    weight_a: u64,
    b: &[u8],
    weight_b: u64,
    min_similarity: f64,
) -> Option<f64> {
    if min_similarity.is_nan() || min_similarity > 1.0 {
        return None;
    }
    if a == b {
        return Some(1.0);
    }
    let w = weight_a.max(weight_b);
    if w == 0 {
        return Some(1.0);
    }
    // D may be up to (1 - s) W; one unit of slack against rounding, the similarity decides.
    let max = ((1.0 - min_similarity.max(0.0)) * w as f64).floor() as u64 + 1;
    let d = bounded(table, a, b, max.min(w)).unwrap_or(w);
    let s = normalise(d, w);
    (s >= min_similarity).then_some(s)
}

#[inline]
fn normalise(d: u64, w: u64) -> f64 {
    1.0 - d.min(w) as f64 / w as f64
}

/// The distance in units if at most `max`.
fn bounded(table: &CostTable, a: &[u8], b: &[u8], max: u64) -> Option<u64> {
    // The shorter string is the row (on the stack up to 64 symbols).
    let (a, b) = if b.len() < a.len() { (b, a) } else { (a, b) };
    let fast = a.iter().chain(b).all(|&c| usize::from(c) < N);
    let trans = table.transposition.is_some();
    let n = a.len() + 1;
    if a.len() <= STACK_ROW {
        let mut rows = [[0u64; STACK_ROW + 1]; 3];
        let mut da = [0u32; STACK_ROW];
        let [r0, r1, r2] = &mut rows;
        run(
            table,
            a,
            b,
            max,
            &mut da[..a.len()],
            &mut r0[..n],
            &mut r1[..n],
            &mut r2[..n],
            fast,
            trans,
        )
    } else {
        let mut rows = vec![0u64; 3 * n];
        let mut da = vec![0u32; a.len()];
        let (r0, rest) = rows.split_at_mut(n);
        let (r1, r2) = rest.split_at_mut(n);
        run(table, a, b, max, &mut da, r0, r1, r2, fast, trans)
    }
}

#[allow(clippy::too_many_arguments)]
#[inline(always)]
fn run(
    table: &CostTable,
    a: &[u8],
    b: &[u8],
    max: u64,
    da: &mut [u32],
    r0: &mut [u64],
    r1: &mut [u64],
    r2: &mut [u64],
    fast: bool,
    trans: bool,
) -> Option<u64> {
    for (i, d) in da.iter_mut().enumerate() {
        *d = table.indel_at(a, i);
    }
    match (fast, trans) {
        (true, false) => dp::<true, false>(table, a, b, max, da, r0, r1, r2),
        (true, true) => dp::<true, true>(table, a, b, max, da, r0, r1, r2),
        (false, false) => dp::<false, false>(table, a, b, max, da, r0, r1, r2),
        (false, true) => dp::<false, true>(table, a, b, max, da, r0, r1, r2),
    }
}

/// The dynamic programme with `a` along the row and `b` down the columns. `prev2`, `prev`,
/// `cur` are rows `j − 2`, `j − 1`, `j` (the first only for transpositions). `FAST`: every
/// code is below 64, so substitution costs are read straight from the table row of `b[j]`.
#[allow(clippy::too_many_arguments)]
fn dp<'r, const FAST: bool, const TRANS: bool>(
    table: &CostTable,
    a: &[u8],
    b: &[u8],
    max: u64,
    da: &[u32],
    mut prev2: &'r mut [u64],
    mut prev: &'r mut [u64],
    mut cur: &'r mut [u64],
) -> Option<u64> {
    let n = a.len();
    prev[0] = 0;
    for i in 0..n {
        prev[i + 1] = prev[i] + u64::from(da[i]);
    }
    let t = u64::from(table.transposition.unwrap_or(0));
    let mut prev_min = 0u64;
    for j in 0..b.len() {
        let cb = b[j];
        let ins_b = u64::from(table.indel_at(b, j));
        let sub_row: &[u32; N] = &table.sub[usize::from(cb) % N];
        let mut left = prev[0] + ins_b;
        cur[0] = left;
        let mut row_min = left;
        let (cur_tail, prev_tail) = (&mut cur[1..=n], &prev[..=n]);
        // The symbol before b[j], widened so that "none" (256) never equals a symbol.
        let b_prev = if j > 0 { u16::from(b[j - 1]) } else { 256 };
        for i in 0..n {
            let ca = a[i];
            let sub = if FAST {
                sub_row[usize::from(ca) % N]
            } else {
                table.sub_units(ca, cb)
            };
            let mut v = (prev_tail[i] + u64::from(sub))
                .min(prev_tail[i + 1] + ins_b)
                .min(left + u64::from(da[i]));
            // Rarely true: test the row's previous symbol first.
            if TRANS && u16::from(ca) == b_prev && i > 0 && a[i - 1] == cb && ca != cb {
                v = v.min(prev2[i - 1] + t);
            }
            cur_tail[i] = v;
            left = v;
            row_min = row_min.min(v);
        }
        // Every path to the end crosses row j or, by a transposition, row j - 1.
        let bound = if TRANS {
            row_min.min(prev_min)
        } else {
            row_min
        };
        if bound > max {
            return None;
        }
        prev_min = row_min;
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    let d = prev[n];
    (d <= max).then_some(d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Full-matrix reference in cost units: same recurrence, no early exit, no row
    /// swapping, the strings in the given order.
    fn reference(t: &CostTable, a: &[u8], b: &[u8]) -> u64 {
        let (n, m) = (a.len(), b.len());
        let mut d = vec![vec![0u64; m + 1]; n + 1];
        let del = |s: &[u8], i: usize| u64::from(t.indel_at(s, i));
        for i in 1..=n {
            d[i][0] = d[i - 1][0] + del(a, i - 1);
        }
        for j in 1..=m {
            d[0][j] = d[0][j - 1] + del(b, j - 1);
        }
        for i in 1..=n {
            for j in 1..=m {
                let mut v = (d[i - 1][j - 1] + u64::from(t.sub_units(a[i - 1], b[j - 1])))
                    .min(d[i - 1][j] + del(a, i - 1))
                    .min(d[i][j - 1] + del(b, j - 1));
                if let Some(tc) = t.transposition {
                    if i > 1
                        && j > 1
                        && a[i - 1] == b[j - 2]
                        && a[i - 2] == b[j - 1]
                        && a[i - 1] != b[j - 1]
                    {
                        v = v.min(d[i - 2][j - 2] + u64::from(tc));
                    }
                }
                d[i][j] = v;
            }
        }
        d[n][m]
    }

    fn decode(v: &[u8]) -> String {
        v.iter()
            .map(|&c| char::from_u32(0x100 + u32::from(c)).unwrap())
            .collect()
    }

    fn translit_table() -> CostTable {
        // 0..5 vowels, 5..10 one consonant class, 10..20 others, 62/63 free doubles.
        CostTable::builder()
            .indel_group(&[0, 1, 2, 3, 4], 0.25)
            .substitution_group(&[0, 1, 2, 3, 4], 0.3)
            .substitution_group(&[5, 6, 7], 0.4)
            .substitution_between(&[8], &[9, 10], 0.6)
            .indel(11, 2.0)
            .doubling_group(&[5, 6, 12, 13], 0.0)
            .doubling_group(&[14], 0.5)
            .transposition(Some(0.7))
            .build()
            .unwrap()
    }

    #[test]
    fn unit_table_is_levenshtein_and_kitten_sitting() {
        let unit = CostTable::unit();
        let kitten: Vec<u8> = "kitten".bytes().map(|c| c - b'a').collect();
        let sitting: Vec<u8> = "sitting".bytes().map(|c| c - b'a').collect();
        assert_eq!(distance(&unit, &kitten, &sitting), 3.0);
        assert_eq!(
            similarity(&unit, &kitten, &sitting),
            strsim::normalized_levenshtein("kitten", "sitting")
        );
        assert!(unit.is_bounded());
    }

    #[test]
    fn empty_identical_and_all_free() {
        let t = translit_table();
        assert_eq!(similarity(&t, &[], &[]), 1.0);
        assert_eq!(similarity(&t, &[8, 9], &[8, 9]), 1.0);
        assert_eq!(similarity(&t, &[], &[15]), 0.0);
        // Only a doubled letter's second copy is free: W > 0.
        assert_eq!(distance(&t, &[5, 5], &[5]), 0.0);
        assert_eq!(similarity(&t, &[5, 5], &[5]), 1.0);
        // All symbols free to delete: W = 0, similarity 1 by definition.
        let free = CostTable::builder()
            .indel_group(&[1, 2], 0.0)
            .build()
            .unwrap();
        assert_eq!(similarity(&free, &[1], &[2]), 1.0);
    }

    #[test]
    fn doubling_and_vowels_are_cheap_consonants_are_not() {
        let t = translit_table();
        // 12 doubled is free; vowel 0 deleted costs 0.25.
        assert!((distance(&t, &[12, 12, 0, 15], &[12, 15]) - 0.25).abs() < 1e-6);
        // Doubling discount only applies right after the same symbol.
        assert_eq!(distance(&t, &[12, 15, 12], &[12, 15]), 1.0);
        // 14 doubles at 0.5.
        assert!((distance(&t, &[14, 14], &[14]) - 0.5).abs() < 1e-6);
        // Class substitution cheaper than an unrelated one.
        assert!((distance(&t, &[5, 0], &[7, 0]) - 0.4).abs() < 1e-6);
        assert_eq!(distance(&t, &[5, 0], &[15, 0]), 1.0);
        // Transposition.
        assert!((distance(&t, &[15, 16], &[16, 15]) - 0.7).abs() < 1e-6);
        assert!(!t.is_bounded());
    }

    #[test]
    fn codes_outside_the_table_use_defaults() {
        let t = CostTable::builder().defaults(2.0, 3.0).build().unwrap();
        assert_eq!(distance(&t, &[200], &[]), 2.0);
        assert_eq!(distance(&t, &[200], &[201]), 3.0);
        assert_eq!(distance(&t, &[200], &[1]), 3.0);
        assert_eq!(similarity(&t, &[200, 200], &[200, 200]), 1.0);
    }

    #[test]
    fn long_input_uses_heap_rows() {
        let t = translit_table();
        let a: Vec<u8> = (0..90).map(|i| (i * 7 % 20) as u8).collect();
        let b: Vec<u8> = (0..100).map(|i| (i * 3 % 20) as u8).collect();
        assert_eq!(distance(&t, &a, &b), from_units(reference(&t, &a, &b)));
        let wide: Vec<u8> = a.iter().map(|&c| c * 3).collect();
        assert_eq!(
            distance(&t, &wide, &b),
            from_units(reference(&t, &wide, &b))
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn unit_matches_strsim(a in prop::collection::vec(0u8..4, 0..80), b in prop::collection::vec(0u8..4, 0..80)) {
            let unit = CostTable::unit();
            let (da, db) = (decode(&a), decode(&b));
            prop_assert_eq!(distance(&unit, &a, &b) as usize, strsim::levenshtein(&da, &db));
            let s = similarity(&unit, &a, &b);
            prop_assert_eq!(s, strsim::normalized_levenshtein(&da, &db));
            let osa = CostTable::builder().transposition(Some(1.0)).build().unwrap();
            prop_assert_eq!(distance(&osa, &a, &b) as usize, strsim::osa_distance(&da, &db));
        }

        #[test]
        fn matches_reference_dp(a in prop::collection::vec(0u8..20, 0..80), b in prop::collection::vec(0u8..20, 0..80)) {
            let t = translit_table();
            let d = distance(&t, &a, &b);
            prop_assert_eq!(d, from_units(reference(&t, &a, &b)));
            prop_assert_eq!(d, distance(&t, &b, &a));
            let s = similarity(&t, &a, &b);
            let (du, w) = (reference(&t, &a, &b), worst_units(&t, &a, &b));
            let want = if w == 0 { 1.0 } else { 1.0 - du.min(w) as f64 / w as f64 };
            prop_assert_eq!(s, want);
            prop_assert!((0.0..=1.0).contains(&s));
            prop_assert_eq!(s, similarity(&t, &b, &a));
            prop_assert_eq!(similarity(&t, &a, &a), 1.0);
        }

        #[test]
        fn codes_outside_the_table_match_reference(a in prop::collection::vec(60u8..70, 0..30), b in prop::collection::vec(60u8..70, 0..30)) {
            let t = CostTable::builder()
                .indel_group(&[60, 61], 0.5)
                .substitution(62, 63, 0.1)
                .doubling_group(&[63], 0.0)
                .defaults(1.5, 0.7)
                .transposition(Some(0.3))
                .build()
                .unwrap();
            prop_assert_eq!(distance(&t, &a, &b), from_units(reference(&t, &a, &b)));
            prop_assert_eq!(distance(&t, &b, &a), from_units(reference(&t, &a, &b)));
        }

        #[test]
        fn cutoff_agrees_with_full(a in prop::collection::vec(0u8..20, 0..40), b in prop::collection::vec(0u8..20, 0..40), max in 0.0f64..6.0, min_sim in 0.0f64..1.0) {
            let t = translit_table();
            let d = distance(&t, &a, &b);
            prop_assert_eq!(distance_with_cutoff(&t, &a, &b, max), (d <= max).then_some(d));
            let s = similarity(&t, &a, &b);
            prop_assert_eq!(similarity_with_cutoff(&t, &a, &b, min_sim), (s >= min_sim).then_some(s));
            let (wa, wb) = (weight_units(&t, &a), weight_units(&t, &b));
            prop_assert_eq!(similarity_with_weights(&t, &a, wa, &b, wb, min_sim), (s >= min_sim).then_some(s));
            prop_assert_eq!(similarity_with_weights(&t, &b, wb, &a, wa, min_sim), (s >= min_sim).then_some(s));
        }
    }
}
