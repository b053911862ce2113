//! Levenshtein (unit-cost edit) distance and its normalised similarity on prepared
//! symbols.
//!
//! Tokens of at most 64 symbols run through Hyyrö's bit-parallel formulation of Myers'
//! algorithm on one 64-bit word: one pass over the other string, a handful of word
//! operations per symbol, no allocation. Longer input (both strings over 64 symbols, or
//! `u8` codes outside the prepared alphabet) falls back to the plain dynamic programme
//! with one row, which allocates that row once per call.
//!
//! The normalised similarity is `1 − d / max(|a|, |b|)`, 1.0 for two empty strings,
//! identical to `strsim::normalized_levenshtein` on the decoded strings.

use super::symbol::{PatternMasks, Symbol, common_prefix, common_suffix};

/// Levenshtein distance between `a` and `b`: the least number of single-symbol
/// insertions, deletions and substitutions turning one into the other.
///
/// ```
/// use hawiya::similarity::levenshtein;
/// let a: Vec<char> = "kitten".chars().collect();
/// let b: Vec<char> = "sitting".chars().collect();
/// assert_eq!(levenshtein::distance(&a, &b), 3);
/// assert_eq!(levenshtein::distance(&[1u8, 2, 3], &[1u8, 3]), 1);
/// ```
pub fn distance<S: Symbol>(a: &[S], b: &[S]) -> usize {
    bounded(a, b, usize::MAX).unwrap_or(usize::MAX)
}

/// The distance if it is at most `max`, else `None`. Faster than [`distance`] when most
/// pairs are far apart: it stops as soon as the bound is certain to be exceeded.
///
/// ```
/// use hawiya::similarity::levenshtein;
/// assert_eq!(levenshtein::distance_with_cutoff(&[1u8, 2, 3], &[1u8, 3], 1), Some(1));
/// assert_eq!(levenshtein::distance_with_cutoff(&[1u8, 2, 3], &[4u8, 5], 2), None);
/// ```
pub fn distance_with_cutoff<S: Symbol>(a: &[S], b: &[S], max: usize) -> Option<usize> {
    bounded(a, b, max)
}

/// Normalised similarity `1 − d / max(|a|, |b|)` in [0, 1]; 1.0 for two empty strings.
///
/// ```
/// use hawiya::similarity::levenshtein;
/// let a: Vec<char> = "kitten".chars().collect();
/// let b: Vec<char> = "sitting".chars().collect();
/// assert!((levenshtein::normalized_similarity(&a, &b) - 4.0 / 7.0).abs() < 1e-12);
/// ```
pub fn normalized_similarity<S: Symbol>(a: &[S], b: &[S]) -> f64 {
    let len = a.len().max(b.len());
    if len == 0 {
        return 1.0;
    }
    let d = distance(a, b);
    1.0 - d as f64 / len as f64
}

/// The normalised similarity if it is at least `min_similarity`, else `None`.
///
/// ```
/// use hawiya::similarity::levenshtein;
/// assert_eq!(levenshtein::normalized_similarity_with_cutoff(&[1u8, 2], &[1u8, 2], 0.9), Some(1.0));
/// assert_eq!(levenshtein::normalized_similarity_with_cutoff(&[1u8, 2], &[3u8, 4], 0.5), None);
/// ```
pub fn normalized_similarity_with_cutoff<S: Symbol>(
    a: &[S],
    b: &[S],
    min_similarity: f64,
) -> Option<f64> {
    let len = a.len().max(b.len());
    if len == 0 {
        return (1.0 >= min_similarity).then_some(1.0);
    }
    let max = max_distance_for(len, min_similarity)?;
    let d = bounded(a, b, max)?;
    let sim = 1.0 - d as f64 / len as f64;
    (sim >= min_similarity).then_some(sim)
}

/// The largest distance whose similarity over `len` can still reach `min_similarity`
/// (`None` when none can, e.g. a cutoff above 1 or NaN).
#[inline]
fn max_distance_for(len: usize, min_similarity: f64) -> Option<usize> {
    if min_similarity.is_nan() || min_similarity > 1.0 {
        return None;
    }
    if min_similarity <= 0.0 {
        return Some(len);
    }
    // d <= (1 - s) * len; one extra unit guards against rounding, the final comparison
    // on the similarity itself decides.
    let d = ((1.0 - min_similarity) * len as f64).floor() as usize;
    Some((d + 1).min(len))
}

fn bounded<S: Symbol>(a: &[S], b: &[S], max: usize) -> Option<usize> {
    let p = common_prefix(a, b);
    let (a, b) = (&a[p..], &b[p..]);
    let s = common_suffix(a, b);
    let (a, b) = (&a[..a.len() - s], &b[..b.len() - s]);
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if long.len() - short.len() > max {
        return None;
    }
    if short.is_empty() {
        return Some(long.len());
    }
    let mut pm = S::Masks::empty();
    if pm.fill(short) {
        myers(&pm, 0, short.len(), long, max)
    } else {
        dp(short, long, max)
    }
}

/// Hyyrö (2003) bit-parallel Levenshtein: `pm` holds the masks of a pattern whose
/// symbols `shift .. shift + m` are compared (1 ≤ m ≤ 64), `text` is scanned once.
/// Pattern bits above `shift + m` are harmless: additions carry and shifts move only
/// towards higher bits, so they never reach the bits that are counted.
#[inline]
pub(crate) fn myers<S: Symbol, M: PatternMasks<S>>(
    pm: &M,
    shift: usize,
    m: usize,
    text: &[S],
    max: usize,
) -> Option<usize> {
    debug_assert!((1..=64).contains(&m));
    let last = 1u64 << (m - 1);
    let mut vp: u64 = !0;
    let mut vn: u64 = 0;
    let mut dist = m;
    let n = text.len();
    for (j, &c) in text.iter().enumerate() {
        let x = pm.get(c) >> shift;
        let d0 = (((x & vp).wrapping_add(vp)) ^ vp) | x | vn;
        let mut hp = vn | !(d0 | vp);
        let mut hn = d0 & vp;
        dist += usize::from(hp & last != 0);
        dist -= usize::from(hn & last != 0);
        hp = (hp << 1) | 1;
        hn <<= 1;
        vp = hn | !(d0 | hp);
        vn = hp & d0;
        if max != usize::MAX && dist > max.saturating_add(n - j - 1) {
            return None;
        }
    }
    (dist <= max).then_some(dist)
}

/// Plain one-row dynamic programme; `short` is the row. Used for long input only.
fn dp<S: Symbol>(short: &[S], long: &[S], max: usize) -> Option<usize> {
    let mut row: Vec<usize> = (0..=short.len()).collect();
    for (j, &c) in long.iter().enumerate() {
        let mut diag = row[0];
        row[0] = j + 1;
        let mut row_min = row[0];
        for (i, &s) in short.iter().enumerate() {
            let up = row[i + 1];
            let v = if s == c {
                diag
            } else {
                1 + diag.min(up).min(row[i])
            };
            diag = up;
            row[i + 1] = v;
            row_min = row_min.min(v);
        }
        if row_min > max {
            return None;
        }
    }
    let d = row[short.len()];
    (d <= max).then_some(d)
}

/// A query prepared once and scored against many candidates: the bit vectors of the
/// query are computed in [`CachedLevenshtein::new`], each comparison is one scan of the
/// candidate.
///
/// ```
/// use hawiya::similarity::levenshtein::{self, CachedLevenshtein};
/// let q = CachedLevenshtein::new(&[1u8, 2, 3, 4]);
/// for cand in [&[1u8, 2, 4][..], &[9u8, 9][..], &[][..]] {
///     assert_eq!(q.distance(cand), levenshtein::distance(&[1u8, 2, 3, 4], cand));
/// }
/// ```
#[derive(Clone, Debug)]
pub struct CachedLevenshtein<S: Symbol> {
    query: Vec<S>,
    masks: Option<S::Masks>,
}

impl<S: Symbol> CachedLevenshtein<S> {
    /// Prepare `query` (any length; over 64 symbols every comparison uses the plain path).
    pub fn new(query: &[S]) -> Self {
        CachedLevenshtein {
            query: query.to_vec(),
            masks: S::Masks::new(query),
        }
    }

    /// The prepared query.
    pub fn query(&self) -> &[S] {
        &self.query
    }

    /// Levenshtein distance between the query and `other`.
    pub fn distance(&self, other: &[S]) -> usize {
        self.bounded(other, usize::MAX).unwrap_or(usize::MAX)
    }

    /// The distance to `other` if it is at most `max`, else `None`.
    pub fn distance_with_cutoff(&self, other: &[S], max: usize) -> Option<usize> {
        self.bounded(other, max)
    }

    /// Normalised similarity in [0, 1], as [`normalized_similarity`].
    pub fn normalized_similarity(&self, other: &[S]) -> f64 {
        let len = self.query.len().max(other.len());
        if len == 0 {
            return 1.0;
        }
        1.0 - self.distance(other) as f64 / len as f64
    }

    /// The normalised similarity if it is at least `min_similarity`, else `None`.
    pub fn normalized_similarity_with_cutoff(
        &self,
        other: &[S],
        min_similarity: f64,
    ) -> Option<f64> {
        let len = self.query.len().max(other.len());
        if len == 0 {
            return (1.0 >= min_similarity).then_some(1.0);
        }
        let max = max_distance_for(len, min_similarity)?;
        let d = self.bounded(other, max)?;
        let sim = 1.0 - d as f64 / len as f64;
        (sim >= min_similarity).then_some(sim)
    }

    fn bounded(&self, other: &[S], max: usize) -> Option<usize> {
        let q = &self.query[..];
        if q.len().abs_diff(other.len()) > max {
            return None;
        }
        if q.is_empty() {
            return Some(other.len());
        }
        if other.is_empty() {
            return Some(q.len());
        }
        let Some(pm) = &self.masks else {
            return bounded(q, other, max);
        };
        // Common prefix and suffix cost nothing; the prefix is dropped from the query by
        // shifting its masks, the suffix by counting fewer bits.
        let p = common_prefix(q, other);
        let s = common_suffix(&q[p..], &other[p..]);
        let (m, text) = (q.len() - p - s, &other[p..other.len() - s]);
        if m == 0 {
            return Some(text.len());
        }
        if text.is_empty() {
            return Some(m);
        }
        myers(pm, p, m, text, max)
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
        // Map codes to letters (and beyond the alphabet to other code points) for strsim.
        v.iter()
            .map(|&c| char::from_u32(0x100 + u32::from(c)).unwrap())
            .collect()
    }

    #[test]
    fn kitten_sitting() {
        let (a, b) = (chars("kitten"), chars("sitting"));
        assert_eq!(distance(&a, &b), 3);
        assert_eq!(distance(&b, &a), 3);
        let s = normalized_similarity(&a, &b);
        assert!((s - (1.0 - 3.0 / 7.0)).abs() < 1e-12);
        assert_eq!(s, strsim::normalized_levenshtein("kitten", "sitting"));
        let q = CachedLevenshtein::new(&a);
        assert_eq!(q.distance(&b), 3);
        assert_eq!(CachedLevenshtein::new(&b).distance(&a), 3);
    }

    #[test]
    fn empty_and_identical() {
        let e: [u8; 0] = [];
        assert_eq!(distance(&e, &e), 0);
        assert_eq!(normalized_similarity(&e, &e), 1.0);
        assert_eq!(distance(&e, &[1u8, 2]), 2);
        assert_eq!(normalized_similarity(&[1u8, 2], &e), 0.0);
        assert_eq!(normalized_similarity(&[5u8, 6, 7], &[5u8, 6, 7]), 1.0);
        assert_eq!(CachedLevenshtein::new(&e).distance(&[3u8]), 1);
        assert_eq!(CachedLevenshtein::<u8>::new(&[3]).distance(&e), 1);
    }

    #[test]
    fn arabic_tokens_count_letters_not_bytes() {
        let (a, b) = (chars("محمد"), chars("محمود"));
        assert_eq!(distance(&a, &b), 1);
        assert_eq!(strsim::levenshtein("محمد", "محمود"), 1);
    }

    #[test]
    fn codes_outside_the_alphabet_and_long_input_are_exact() {
        let a: Vec<u8> = (0..100).map(|i| (i * 7 % 200) as u8).collect();
        let mut b = a.clone();
        b[3] = 250;
        b.remove(50);
        b.push(1);
        assert_eq!(
            distance(&a, &b),
            strsim::levenshtein(&decode(&a), &decode(&b))
        );
        assert_eq!(CachedLevenshtein::new(&a).distance(&b), distance(&a, &b));
    }

    #[test]
    fn cutoff_boundaries() {
        let (a, b) = (chars("kitten"), chars("sitting"));
        assert_eq!(distance_with_cutoff(&a, &b, 3), Some(3));
        assert_eq!(distance_with_cutoff(&a, &b, 2), None);
        assert_eq!(distance_with_cutoff(&a, &b, 0), None);
        let s = 4.0 / 7.0;
        assert_eq!(
            normalized_similarity_with_cutoff(&a, &b, s),
            Some(normalized_similarity(&a, &b))
        );
        assert_eq!(normalized_similarity_with_cutoff(&a, &b, 0.6), None);
        assert_eq!(normalized_similarity_with_cutoff(&a, &b, f64::NAN), None);
        assert_eq!(normalized_similarity_with_cutoff(&a, &a, 1.0), Some(1.0));
        assert_eq!(normalized_similarity_with_cutoff(&a, &b, 1.5), None);
        assert!(normalized_similarity_with_cutoff(&a, &b, -1.0).is_some());
    }

    fn small(alpha: u8, max_len: usize) -> impl Strategy<Value = Vec<u8>> {
        prop::collection::vec(0..alpha, 0..max_len)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn matches_strsim_on_codes(a in small(4, 80), b in small(4, 80)) {
            let want = strsim::levenshtein(&decode(&a), &decode(&b));
            prop_assert_eq!(distance(&a, &b), want);
            prop_assert_eq!(distance(&b, &a), want);
            let q = CachedLevenshtein::new(&a);
            prop_assert_eq!(q.distance(&b), want);
            let s = normalized_similarity(&a, &b);
            prop_assert_eq!(s, strsim::normalized_levenshtein(&decode(&a), &decode(&b)));
            prop_assert!((0.0..=1.0).contains(&s));
            prop_assert_eq!(q.normalized_similarity(&b), s);
        }

        #[test]
        fn matches_strsim_on_wide_alphabet(a in small(70, 80), b in small(70, 80)) {
            let want = strsim::levenshtein(&decode(&a), &decode(&b));
            prop_assert_eq!(distance(&a, &b), want);
            prop_assert_eq!(CachedLevenshtein::new(&b).distance(&a), want);
        }

        #[test]
        fn matches_strsim_on_chars(a in "[aeiouبتث]{0,80}", b in "[aeiouبتث]{0,80}") {
            let (ca, cb) = (chars(&a), chars(&b));
            let want = strsim::levenshtein(&a, &b);
            prop_assert_eq!(distance(&ca, &cb), want);
            prop_assert_eq!(CachedLevenshtein::new(&ca).distance(&cb), want);
        }

        #[test]
        fn cutoff_agrees_with_full(a in small(3, 70), b in small(3, 70), max in 0usize..20, min_sim in 0.0f64..1.0) {
            let d = distance(&a, &b);
            let want = (d <= max).then_some(d);
            prop_assert_eq!(distance_with_cutoff(&a, &b, max), want);
            prop_assert_eq!(CachedLevenshtein::new(&a).distance_with_cutoff(&b, max), want);
            let s = normalized_similarity(&a, &b);
            let want = (s >= min_sim).then_some(s);
            prop_assert_eq!(normalized_similarity_with_cutoff(&a, &b, min_sim), want);
            prop_assert_eq!(CachedLevenshtein::new(&b).normalized_similarity_with_cutoff(&a, min_sim), want);
        }
    }
}
