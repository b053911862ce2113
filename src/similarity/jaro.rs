//! Jaro and Jaro–Winkler similarity on prepared symbols, in [0, 1].
//!
//! The definitions are strsim's (0.11), so scores agree bit for bit with
//! `strsim::jaro` / `strsim::jaro_winkler` on the decoded strings:
//! - matching window `max(max(|a|, |b|) / 2 − 1, 0)` (integer division), each symbol of `a`
//!   in order takes the first unmatched equal symbol of `b` inside the window;
//! - transpositions: matched symbols of `a` and of `b` paired in order, mismatches counted
//!   and halved with integer division;
//! - `jaro = (m/|a| + m/|b| + (m − t)/m) / 3`, 0 without matches, 1 for two empty strings;
//! - Jaro–Winkler adds `0.1 · ℓ · (1 − jaro)` with ℓ the common prefix (at most 4) when
//!   `jaro > 0.7`.
//!
//! Strings of at most 64 symbols use a bit-parallel matcher (one 64-bit word of match
//! flags per side, no allocation); longer strings use flags in fixed stack buffers up to
//! 128 symbols and a heap buffer beyond.

use super::symbol::{PatternMasks, Symbol, common_prefix, low_bits};

/// Winkler's prefix scale.
pub const PREFIX_WEIGHT: f64 = 0.1;
/// The Jaro score above which the Winkler prefix bonus applies.
pub const BOOST_THRESHOLD: f64 = 0.7;
/// Longest prefix the Winkler bonus counts.
pub const MAX_PREFIX: usize = 4;

/// Jaro similarity in [0, 1]; 1.0 for two empty strings, 0.0 when exactly one is empty.
///
/// ```
/// use hawiya::similarity::jaro;
/// let a: Vec<char> = "martha".chars().collect();
/// let b: Vec<char> = "marhta".chars().collect();
/// assert!((jaro::jaro(&a, &b) - 0.9444444444444445).abs() < 1e-12);
/// ```
pub fn jaro<S: Symbol>(a: &[S], b: &[S]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return if a.is_empty() && b.is_empty() {
            1.0
        } else {
            0.0
        };
    }
    if a.len() <= 64 {
        let mut pm = S::Masks::empty();
        if pm.fill(b) {
            let (m, t) = match_bits(&pm, a, b);
            return score(m, t, a.len(), b.len());
        }
    }
    let (m, t) = match_flags(a, b);
    score(m, t, a.len(), b.len())
}

/// Jaro similarity computed with the plain scalar matcher (boolean flags, no bit
/// vectors) whatever the length: the path [`jaro`] takes for strings over 64 symbols,
/// public as a reference and for benchmarks. Same result as [`jaro`].
///
/// ```
/// use hawiya::similarity::jaro;
/// assert_eq!(jaro::jaro_scalar(&[1u8, 2, 3, 4], &[1u8, 3, 2, 4]), jaro::jaro(&[1u8, 2, 3, 4], &[1u8, 3, 2, 4]));
/// ```
pub fn jaro_scalar<S: Symbol>(a: &[S], b: &[S]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return if a.is_empty() && b.is_empty() {
            1.0
        } else {
            0.0
        };
    }
    let (m, t) = match_flags(a, b);
    score(m, t, a.len(), b.len())
}

/// Jaro–Winkler similarity in [0, 1] (prefix weight [`PREFIX_WEIGHT`], boost above
/// [`BOOST_THRESHOLD`], prefix up to [`MAX_PREFIX`]).
///
/// ```
/// use hawiya::similarity::jaro;
/// let a: Vec<char> = "martha".chars().collect();
/// let b: Vec<char> = "marhta".chars().collect();
/// assert!((jaro::jaro_winkler(&a, &b) - 0.9611111111111111).abs() < 1e-12);
/// assert_eq!(jaro::jaro_winkler(&[1u8, 2, 3], &[1u8, 2, 3]), 1.0);
/// ```
pub fn jaro_winkler<S: Symbol>(a: &[S], b: &[S]) -> f64 {
    winkler(jaro(a, b), a, b)
}

/// [`jaro`] if it is at least `min_similarity`, else `None`. Skips the matching when the
/// length ratio alone rules the cutoff out.
///
/// ```
/// use hawiya::similarity::jaro;
/// assert_eq!(jaro::jaro_with_cutoff(&[1u8; 2], &[1u8; 20], 0.9), None);
/// assert_eq!(jaro::jaro_with_cutoff(&[1u8, 2], &[1u8, 2], 0.9), Some(1.0));
/// ```
pub fn jaro_with_cutoff<S: Symbol>(a: &[S], b: &[S], min_similarity: f64) -> Option<f64> {
    if jaro_upper_bound(a.len(), b.len()) < min_similarity {
        return None;
    }
    let s = jaro(a, b);
    (s >= min_similarity).then_some(s)
}

/// [`jaro_winkler`] if it is at least `min_similarity`, else `None`.
///
/// ```
/// use hawiya::similarity::jaro;
/// assert_eq!(jaro::jaro_winkler_with_cutoff(&[1u8, 2], &[3u8, 4], 0.5), None);
/// ```
pub fn jaro_winkler_with_cutoff<S: Symbol>(a: &[S], b: &[S], min_similarity: f64) -> Option<f64> {
    let prefix = common_prefix(a, b).min(MAX_PREFIX);
    let bound = jaro_upper_bound(a.len(), b.len());
    let bound = bound + PREFIX_WEIGHT * prefix as f64 * (1.0 - bound).max(0.0);
    if bound < min_similarity {
        return None;
    }
    let s = jaro_winkler(a, b);
    (s >= min_similarity).then_some(s)
}

/// The highest Jaro score two strings of these lengths can reach (all of the shorter
/// matched, no transpositions), with a small margin against rounding.
#[inline]
fn jaro_upper_bound(la: usize, lb: usize) -> f64 {
    if la == 0 || lb == 0 {
        return if la == lb { 1.0 } else { 0.0 };
    }
    let (s, l) = (la.min(lb) as f64, la.max(lb) as f64);
    (1.0 + s / l + 1.0) / 3.0 + 1e-12
}

#[inline(always)]
fn score(m: usize, t: usize, la: usize, lb: usize) -> f64 {
    if m == 0 {
        return 0.0;
    }
    let m_f = m as f64;
    ((m_f / la as f64) + (m_f / lb as f64) + ((m - t / 2) as f64 / m_f)) / 3.0
}

#[inline(always)]
fn winkler<S: Symbol>(sim: f64, a: &[S], b: &[S]) -> f64 {
    if sim > BOOST_THRESHOLD {
        let prefix = common_prefix(a, b).min(MAX_PREFIX);
        sim + PREFIX_WEIGHT * prefix as f64 * (1.0 - sim)
    } else {
        sim
    }
}

/// Bit-parallel matching: `pm` holds the masks of `b` (≤ 64 symbols), `a` has at most 64
/// symbols. Returns (matches, unhalved transpositions).
#[inline]
fn match_bits<S: Symbol, M: PatternMasks<S>>(pm: &M, a: &[S], b: &[S]) -> (usize, usize) {
    let (la, lb) = (a.len(), b.len());
    let range = (la.max(lb) / 2).saturating_sub(1);
    let mut a_flags = 0u64;
    let mut b_flags = 0u64;
    // Positions of `b` inside the window of `a[i]`: `i − range ..= i + range`. It slides
    // one bit per step (growing while `i < range`); bits past the end of `b` never match
    // because the masks have none there.
    let mut window = low_bits(range + 1);
    for (i, &c) in a.iter().enumerate() {
        let cand = pm.get(c) & window & !b_flags;
        if cand != 0 {
            b_flags |= cand & cand.wrapping_neg();
            a_flags |= 1u64 << i;
        }
        window = (window << 1) | u64::from(i < range);
    }
    let m = a_flags.count_ones() as usize;
    let mut t = 0;
    while a_flags != 0 {
        let i = a_flags.trailing_zeros() as usize;
        let j = b_flags.trailing_zeros() as usize;
        t += usize::from(a[i] != b[j]);
        a_flags &= a_flags - 1;
        b_flags &= b_flags - 1;
    }
    (m, t)
}

/// Scalar matching with boolean flags, for strings over 64 symbols.
fn match_flags<S: Symbol>(a: &[S], b: &[S]) -> (usize, usize) {
    const STACK: usize = 128;
    let mut stack_a = [false; STACK];
    let mut stack_b = [false; STACK];
    let mut heap_a;
    let mut heap_b;
    let (a_flags, b_flags): (&mut [bool], &mut [bool]) = if a.len() <= STACK && b.len() <= STACK {
        (&mut stack_a[..a.len()], &mut stack_b[..b.len()])
    } else {
        heap_a = vec![false; a.len()];
        heap_b = vec![false; b.len()];
        (&mut heap_a[..], &mut heap_b[..])
    };
    let (la, lb) = (a.len(), b.len());
    let range = (la.max(lb) / 2).saturating_sub(1);
    let mut m = 0;
    for (i, &c) in a.iter().enumerate() {
        let lo = i.saturating_sub(range);
        let hi = (i + range + 1).min(lb);
        for j in lo..hi {
            if !b_flags[j] && b[j] == c {
                a_flags[i] = true;
                b_flags[j] = true;
                m += 1;
                break;
            }
        }
    }
    let mut t = 0;
    let mut j = 0;
    for (i, &fa) in a_flags.iter().enumerate() {
        if fa {
            while !b_flags[j] {
                j += 1;
            }
            t += usize::from(a[i] != b[j]);
            j += 1;
        }
    }
    (m, t)
}

/// A query prepared once and scored with Jaro / Jaro–Winkler against many candidates.
///
/// ```
/// use hawiya::similarity::jaro::{self, CachedJaroWinkler};
/// let q: Vec<char> = "dixon".chars().collect();
/// let cached = CachedJaroWinkler::new(&q);
/// let c: Vec<char> = "dicksonx".chars().collect();
/// assert_eq!(cached.jaro_winkler(&c), jaro::jaro_winkler(&q, &c));
/// ```
#[derive(Clone, Debug)]
pub struct CachedJaroWinkler<S: Symbol> {
    query: Vec<S>,
    masks: Option<S::Masks>,
}

impl<S: Symbol> CachedJaroWinkler<S> {
    /// Prepare `query` (any length; over 64 symbols comparisons use the scalar path).
    pub fn new(query: &[S]) -> Self {
        CachedJaroWinkler {
            query: query.to_vec(),
            masks: S::Masks::new(query),
        }
    }

    /// The prepared query.
    pub fn query(&self) -> &[S] {
        &self.query
    }

    /// Jaro similarity of the query and `other`, equal to `jaro(query, other)`.
    pub fn jaro(&self, other: &[S]) -> f64 {
        let q = &self.query[..];
        if q.is_empty() || other.is_empty() {
            return if q.is_empty() && other.is_empty() {
                1.0
            } else {
                0.0
            };
        }
        match &self.masks {
            // The matcher scans `other` against the query's masks. The greedy matching
            // is the same in both directions (checked by the symmetry property tests),
            // so this equals `jaro(query, other)`.
            Some(pm) if other.len() <= 64 => {
                let (m, t) = match_bits(pm, other, q);
                score(m, t, q.len(), other.len())
            }
            _ => jaro(q, other),
        }
    }

    /// Jaro–Winkler similarity of the query and `other`.
    pub fn jaro_winkler(&self, other: &[S]) -> f64 {
        winkler(self.jaro(other), &self.query, other)
    }

    /// [`CachedJaroWinkler::jaro_winkler`] if at least `min_similarity`, else `None`.
    pub fn jaro_winkler_with_cutoff(&self, other: &[S], min_similarity: f64) -> Option<f64> {
        let prefix = common_prefix(&self.query, other).min(MAX_PREFIX);
        let bound = jaro_upper_bound(self.query.len(), other.len());
        let bound = bound + PREFIX_WEIGHT * prefix as f64 * (1.0 - bound).max(0.0);
        if bound < min_similarity {
            return None;
        }
        let s = self.jaro_winkler(other);
        (s >= min_similarity).then_some(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    fn decode(v: &[u8]) -> String {
        v.iter()
            .map(|&c| char::from_u32(0x100 + u32::from(c)).unwrap())
            .collect()
    }

    #[test]
    fn classic_cases_match_strsim() {
        for (a, b) in [
            ("martha", "marhta"),
            ("dixon", "dicksonx"),
            ("kitten", "sitting"),
            ("jellyfish", "smellyfish"),
            ("abc", "cba"),
            ("a", "a"),
            ("محمد", "محمود"),
            ("Muhammad", "Mohammed"),
        ] {
            let (ca, cb) = (chars(a), chars(b));
            assert_eq!(jaro(&ca, &cb), strsim::jaro(a, b), "{a} {b}");
            assert_eq!(
                jaro_winkler(&ca, &cb),
                strsim::jaro_winkler(a, b),
                "{a} {b}"
            );
            assert_eq!(
                jaro_winkler(&cb, &ca),
                strsim::jaro_winkler(a, b),
                "{a} {b}"
            );
            assert_eq!(
                CachedJaroWinkler::new(&ca).jaro_winkler(&cb),
                strsim::jaro_winkler(a, b)
            );
        }
    }

    #[test]
    fn empty_and_identical() {
        let e: [u8; 0] = [];
        assert_eq!(jaro(&e, &e), 1.0);
        assert_eq!(jaro(&e, &[1u8]), 0.0);
        assert_eq!(jaro_winkler(&[1u8], &e), 0.0);
        assert_eq!(jaro_winkler(&[1u8, 2, 3, 4, 5], &[1u8, 2, 3, 4, 5]), 1.0);
        assert_eq!(CachedJaroWinkler::new(&e).jaro(&e), 1.0);
        assert_eq!(CachedJaroWinkler::new(&e).jaro(&[2u8]), 0.0);
    }

    #[test]
    fn long_strings_use_the_scalar_path_exactly() {
        let a: Vec<u8> = (0..150).map(|i| (i * 13 % 7) as u8).collect();
        let b: Vec<u8> = (0..140).map(|i| (i * 11 % 7) as u8).collect();
        assert_eq!(jaro(&a, &b), strsim::jaro(&decode(&a), &decode(&b)));
        assert_eq!(
            jaro(&a[..100], &b[..90]),
            strsim::jaro(&decode(&a[..100]), &decode(&b[..90]))
        );
        assert_eq!(
            CachedJaroWinkler::new(&a).jaro(&b),
            strsim::jaro(&decode(&a), &decode(&b))
        );
    }

    fn small(alpha: u8, max_len: usize) -> impl Strategy<Value = Vec<u8>> {
        prop::collection::vec(0..alpha, 0..max_len)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1024))]

        #[test]
        fn matches_strsim_on_codes(a in small(5, 80), b in small(5, 80)) {
            let (da, db) = (decode(&a), decode(&b));
            let j = strsim::jaro(&da, &db);
            let jw = strsim::jaro_winkler(&da, &db);
            prop_assert_eq!(jaro(&a, &b), j);
            prop_assert_eq!(jaro_scalar(&a, &b), j);
            prop_assert_eq!(jaro_winkler(&a, &b), jw);
            prop_assert!((0.0..=1.0).contains(&jw));
            let qa = CachedJaroWinkler::new(&a);
            prop_assert_eq!(qa.jaro_winkler(&b), jw);
            let qb = CachedJaroWinkler::new(&b);
            prop_assert_eq!(qb.jaro_winkler(&a), strsim::jaro_winkler(&db, &da));
        }

        #[test]
        fn symmetric(a in small(3, 70), b in small(3, 70)) {
            prop_assert_eq!(jaro(&a, &b), jaro(&b, &a));
            prop_assert_eq!(jaro_winkler(&a, &b), jaro_winkler(&b, &a));
        }

        #[test]
        fn matches_strsim_on_chars(a in "[aeiouyبتثحه]{0,80}", b in "[aeiouyبتثحه]{0,80}") {
            let (ca, cb) = (chars(&a), chars(&b));
            prop_assert_eq!(jaro_winkler(&ca, &cb), strsim::jaro_winkler(&a, &b));
            prop_assert_eq!(CachedJaroWinkler::new(&ca).jaro_winkler(&cb), strsim::jaro_winkler(&a, &b));
        }

        #[test]
        fn cutoff_agrees_with_full(a in small(4, 40), b in small(4, 40), min_sim in 0.0f64..1.0) {
            let j = jaro(&a, &b);
            prop_assert_eq!(jaro_with_cutoff(&a, &b, min_sim), (j >= min_sim).then_some(j));
            let jw = jaro_winkler(&a, &b);
            prop_assert_eq!(jaro_winkler_with_cutoff(&a, &b, min_sim), (jw >= min_sim).then_some(jw));
            prop_assert_eq!(CachedJaroWinkler::new(&a).jaro_winkler_with_cutoff(&b, min_sim), (jw >= min_sim).then_some(jw));
        }
    }
}
