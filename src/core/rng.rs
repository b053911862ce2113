//! SplitMix64: the small, fast, seedable pseudo-random generator behind every sample the
//! library draws (random pairs for u, the EM sample) and behind the synthetic registry.
//!
//! Samples and the generator need reproducible streams, not cryptographic quality, and must not pull
//! in a dependency whose output could change between versions. SplitMix64 (Steele, Lea and
//! Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014; the seeding
//! generator of xoshiro) passes BigCrush, has a 2^64 period and one `u64` of state. Its
//! output is fixed by the algorithm, so the same seed gives the same registry on every
//! platform and every version of hawiya that keeps this file unchanged.

/// A SplitMix64 pseudo-random generator (deterministic, not for cryptography).
///
/// ```
/// use hawiya::SplitMix64;
/// let mut a = SplitMix64::new(7);
/// let mut b = SplitMix64::new(7);
/// assert_eq!(a.next_u64(), b.next_u64());
/// assert!(a.below(10) < 10);
/// let u = a.unit();
/// assert!((0.0..1.0).contains(&u));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SplitMix64 {
    state: u64,
}

const GOLDEN_GAMMA: u64 = 0x9E37_79B9_7F4A_7C15;

use super::hash::mix64;

impl SplitMix64 {
    /// A generator whose stream is fixed by `seed`.
    pub fn new(seed: u64) -> Self {
        SplitMix64 { state: seed }
    }

    /// An independent generator for item `index` of sub-stream `stream` under `seed`.
    ///
    /// Used so that every household, person and record has its own stream: generating
    /// record 900 000 does not require drawing the numbers of the records before it, and
    /// changing how many numbers one record draws does not shift any other record.
    pub fn derive(seed: u64, stream: u64, index: u64) -> Self {
        let a = mix64(seed ^ GOLDEN_GAMMA);
        let b = mix64(a ^ stream.wrapping_mul(0xD1B5_4A32_D192_ED03));
        SplitMix64::new(mix64(b ^ index.wrapping_mul(0x8CB9_2BA7_2F3D_8DD7)))
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(GOLDEN_GAMMA);
        mix64(self.state)
    }

    /// A number in `0..n` (0 when `n` is 0), by the multiply-high method. The bias is at
    /// most `n / 2^64`, far below anything a test of the generator could see.
    pub fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    /// A `usize` index in `0..n` (0 when `n` is 0).
    pub fn index(&mut self, n: usize) -> usize {
        self.below(n as u64) as usize
    }

    /// A float uniformly distributed in `[0, 1)` with 53 random bits.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// `true` with probability `p` (never for `p <= 0`, always for `p >= 1`).
    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// A uniformly chosen element of `items`, or `None` when it is empty.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        if items.is_empty() {
            None
        } else {
            items.get(self.index(items.len()))
        }
    }

    /// An index drawn with the given relative weights (non-positive or NaN weights never
    /// win); 0 when all weights are zero or the slice is empty.
    pub fn weighted(&mut self, weights: &[f64]) -> usize {
        let total: f64 = weights.iter().filter(|w| **w > 0.0).sum();
        if total <= 0.0 || !total.is_finite() {
            return 0;
        }
        let mut r = self.unit() * total;
        let mut last = 0;
        for (i, &w) in weights.iter().enumerate() {
            if w > 0.0 {
                if r < w {
                    return i;
                }
                r -= w;
                last = i;
            }
        }
        last
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reference_values_of_splitmix64() {
        // First outputs for seed 0 of the reference C implementation (Vigna, splitmix64.c).
        let mut r = SplitMix64::new(0);
        assert_eq!(r.next_u64(), 0xE220_A839_7B1D_CDAF);
        assert_eq!(r.next_u64(), 0x6E78_9E6A_A1B9_65F4);
        assert_eq!(r.next_u64(), 0x06C4_5D18_8009_454F);
    }

    #[test]
    fn below_stays_in_range_and_covers_it() {
        let mut r = SplitMix64::new(3);
        let mut seen = [0u32; 7];
        for _ in 0..7000 {
            let v = r.below(7) as usize;
            assert!(v < 7);
            seen[v] += 1;
        }
        // Each bucket expects 1000 hits (sd ~29); 850 is more than 5 sd away.
        assert!(seen.iter().all(|&c| c > 850), "{seen:?}");
        assert_eq!(r.below(0), 0);
        assert_eq!(r.pick::<u8>(&[]), None);
    }

    #[test]
    fn derived_streams_differ() {
        let a = SplitMix64::derive(1, 2, 3).next_u64();
        let b = SplitMix64::derive(1, 2, 4).next_u64();
        let c = SplitMix64::derive(1, 3, 3).next_u64();
        let d = SplitMix64::derive(2, 2, 3).next_u64();
        assert!(a != b && a != c && a != d && b != c);
        assert_eq!(a, SplitMix64::derive(1, 2, 3).next_u64());
    }

    #[test]
    fn weighted_follows_weights() {
        let mut r = SplitMix64::new(9);
        let mut hits = [0u32; 3];
        for _ in 0..10_000 {
            hits[r.weighted(&[1.0, 0.0, 3.0])] += 1;
        }
        assert_eq!(hits[1], 0);
        // Expected 2500 / 7500 (sd ~43).
        assert!((2300..2700).contains(&hits[0]), "{hits:?}");
        assert_eq!(r.weighted(&[]), 0);
        assert_eq!(r.weighted(&[0.0, f64::NAN]), 0);
    }
}
