//! String similarity kernels on prepared input, and one-call `&str` functions.
//!
//! Names are normalised once and their tokens encoded once, either as `char`s or —
//! faster — as `u8` codes of a small folded alphabet (fewer than
//! [`ALPHABET_SIZE`] = 64 symbols). The kernels here then compare those slices without
//! decoding UTF-8 and without allocating on tokens of up to 64 symbols:
//!
//! | module | metric | range |
//! |---|---|---|
//! | [`levenshtein`] | bit-parallel Levenshtein distance, normalised similarity, cached query | distance ≥ 0, similarity [0, 1] |
//! | [`jaro`] | bit-parallel Jaro and Jaro–Winkler, cached query | [0, 1] |
//! | [`weighted`] | edit distance with costs from a [`CostTable`] (the costs of a transliteration, of keyboard typos …) | distance ≥ 0, similarity [0, 1] |
//!
//! Every kernel has `*_with_cutoff` variants returning `None` below (or above) a bound,
//! and a cached form that prepares one query and scores it against many candidates
//! ([`BatchComparator`] bundles the three). Scores agree with `strsim` on the decoded
//! strings (Levenshtein, Jaro, Jaro–Winkler: exactly).
//!
//! The plain `&str` functions ([`levenshtein_distance`], [`levenshtein_similarity`],
//! [`jaro_similarity`], [`jaro_winkler_similarity`]) compare Unicode scalar values (never
//! bytes, so Arabic letters count once) through `strsim`: convenient for one-off calls, an
//! order of magnitude slower than the prepared kernels in a loop.
//!
//! Owns: generic string kernels on code slices, the one weighted-edit DP (its costs come
//! from a [`CostTable`] the caller builds).
//! Must not know: names or transliteration (`name` builds its cost table and calls the
//! kernels, never the other way round).

pub mod jaro;
pub mod levenshtein;
mod symbol;
pub mod weighted;

pub use jaro::CachedJaroWinkler;
pub use levenshtein::CachedLevenshtein;
pub use symbol::{ALPHABET_SIZE, Symbol, WORD_BITS};
pub use weighted::{CostSpec, CostTable, CostTableBuilder};

/// Levenshtein distance between two strings, counted in Unicode scalar values.
///
/// ```
/// use hawiya::similarity::levenshtein_distance;
/// assert_eq!(levenshtein_distance("kitten", "sitting"), 3);
/// assert_eq!(levenshtein_distance("محمد", "محمود"), 1);
/// ```
pub fn levenshtein_distance(a: &str, b: &str) -> usize {
    strsim::levenshtein(a, b)
}

/// Normalised Levenshtein similarity `1 − d / max(len)` in [0, 1] (1.0 for two empty
/// strings).
///
/// ```
/// use hawiya::similarity::levenshtein_similarity;
/// assert!((levenshtein_similarity("kitten", "sitting") - 4.0 / 7.0).abs() < 1e-12);
/// ```
pub fn levenshtein_similarity(a: &str, b: &str) -> f64 {
    strsim::normalized_levenshtein(a, b)
}

/// Jaro similarity in [0, 1] (1.0 for two empty strings).
///
/// ```
/// use hawiya::similarity::jaro_similarity;
/// assert!((jaro_similarity("martha", "marhta") - 0.9444444444444445).abs() < 1e-12);
/// ```
pub fn jaro_similarity(a: &str, b: &str) -> f64 {
    strsim::jaro(a, b)
}

/// Jaro–Winkler similarity in [0, 1] (prefix weight 0.1 over at most 4 symbols, applied
/// above a Jaro score of 0.7).
///
/// ```
/// use hawiya::similarity::jaro_winkler_similarity;
/// assert!(jaro_winkler_similarity("Mohammed", "Muhammad") > 0.8);
/// assert_eq!(jaro_winkler_similarity("", ""), 1.0);
/// ```
pub fn jaro_winkler_similarity(a: &str, b: &str) -> f64 {
    strsim::jaro_winkler(a, b)
}

/// One prepared query scored against many candidates with every kernel: the bit vectors
/// are computed once in [`BatchComparator::new`].
///
/// ```
/// use hawiya::similarity::{BatchComparator, jaro, levenshtein};
/// let query = [3u8, 1, 4, 1, 5];
/// let batch = BatchComparator::new(&query);
/// let candidates: [&[u8]; 3] = [&[3, 1, 4, 1, 5], &[3, 1, 4, 5], &[9, 2, 6]];
/// let mut scores = Vec::new();
/// batch.jaro_winkler_many(&candidates, &mut scores);
/// assert_eq!(scores[0], 1.0);
/// assert_eq!(scores[1], jaro::jaro_winkler(&query, candidates[1]));
/// assert_eq!(batch.levenshtein_distance(candidates[2]), levenshtein::distance(&query, candidates[2]));
/// ```
#[derive(Clone, Debug)]
pub struct BatchComparator<S: Symbol> {
    lev: CachedLevenshtein<S>,
    jw: CachedJaroWinkler<S>,
}

impl<S: Symbol> BatchComparator<S> {
    /// Prepare `query`.
    pub fn new(query: &[S]) -> Self {
        BatchComparator {
            lev: CachedLevenshtein::new(query),
            jw: CachedJaroWinkler::new(query),
        }
    }

    /// The prepared query.
    pub fn query(&self) -> &[S] {
        self.lev.query()
    }

    /// Levenshtein distance to `other`.
    pub fn levenshtein_distance(&self, other: &[S]) -> usize {
        self.lev.distance(other)
    }

    /// Normalised Levenshtein similarity to `other`, in [0, 1].
    pub fn levenshtein_similarity(&self, other: &[S]) -> f64 {
        self.lev.normalized_similarity(other)
    }

    /// Jaro similarity to `other`, in [0, 1].
    pub fn jaro(&self, other: &[S]) -> f64 {
        self.jw.jaro(other)
    }

    /// Jaro–Winkler similarity to `other`, in [0, 1].
    pub fn jaro_winkler(&self, other: &[S]) -> f64 {
        self.jw.jaro_winkler(other)
    }

    /// Jaro–Winkler similarity of every candidate, written to `out` (cleared first; its
    /// capacity is reused, so a loop over queries allocates once).
    pub fn jaro_winkler_many(&self, candidates: &[&[S]], out: &mut Vec<f64>) {
        out.clear();
        out.extend(candidates.iter().map(|c| self.jw.jaro_winkler(c)));
    }

    /// Normalised Levenshtein similarity of every candidate, written to `out` (cleared
    /// first).
    pub fn levenshtein_similarity_many(&self, candidates: &[&[S]], out: &mut Vec<f64>) {
        out.clear();
        out.extend(candidates.iter().map(|c| self.lev.normalized_similarity(c)));
    }

    /// Indices and Jaro–Winkler scores of the candidates scoring at least `min_similarity`,
    /// in candidate order, appended to `out`.
    pub fn jaro_winkler_above(
        &self,
        candidates: &[&[S]],
        min_similarity: f64,
        out: &mut Vec<(usize, f64)>,
    ) {
        out.extend(candidates.iter().enumerate().filter_map(|(i, c)| {
            self.jw
                .jaro_winkler_with_cutoff(c, min_similarity)
                .map(|s| (i, s))
        }));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn public_types_are_send_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<CostTable>();
        assert_send_sync::<BatchComparator<u8>>();
        assert_send_sync::<BatchComparator<char>>();
        assert_send_sync::<CachedLevenshtein<char>>();
        assert_send_sync::<CachedJaroWinkler<u8>>();
    }

    #[test]
    fn str_functions_count_chars_not_bytes() {
        assert_eq!(levenshtein_distance("حسن", "حسين"), 1);
        assert_eq!(levenshtein_distance("", ""), 0);
        assert_eq!(levenshtein_similarity("", ""), 1.0);
        assert_eq!(jaro_similarity("", "a"), 0.0);
        let a: Vec<char> = "Abdulrahman".chars().collect();
        let b: Vec<char> = "Abd al-Rahman".chars().collect();
        assert_eq!(
            jaro_winkler_similarity("Abdulrahman", "Abd al-Rahman"),
            jaro::jaro_winkler(&a, &b)
        );
    }

    #[test]
    fn batch_agrees_with_free_functions() {
        let q: Vec<char> = "yusuf".chars().collect();
        let batch = BatchComparator::new(&q);
        let cands: Vec<Vec<char>> = ["youssef", "yousef", "yusif", "", "yusuf"]
            .iter()
            .map(|s| s.chars().collect())
            .collect();
        let refs: Vec<&[char]> = cands.iter().map(|c| c.as_slice()).collect();
        let mut out = Vec::new();
        batch.jaro_winkler_many(&refs, &mut out);
        for (c, s) in refs.iter().zip(&out) {
            assert_eq!(*s, jaro::jaro_winkler(&q, c));
            assert_eq!(batch.jaro(c), jaro::jaro(&q, c));
            assert_eq!(batch.levenshtein_distance(c), levenshtein::distance(&q, c));
        }
        batch.levenshtein_similarity_many(&refs, &mut out);
        assert_eq!(out[4], 1.0);
        assert_eq!(out[3], 0.0);
        let mut above = Vec::new();
        batch.jaro_winkler_above(&refs, 0.85, &mut above);
        let want: Vec<usize> = (0..refs.len())
            .filter(|&i| jaro::jaro_winkler(&q, refs[i]) >= 0.85)
            .collect();
        assert_eq!(above.iter().map(|p| p.0).collect::<Vec<_>>(), want);
        assert!(want.contains(&4));
    }
}
