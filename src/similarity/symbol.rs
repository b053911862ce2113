//! Symbols the kernels compare, and the per-pattern match bit vectors of the
//! bit-parallel algorithms.
//!
//! A bit-parallel kernel keeps, for every symbol of a pattern of at most 64 symbols, a
//! 64-bit mask of the positions where it occurs. For `u8` codes of the prepared alphabet
//! (`< 64`) that is a direct table; for `char` it is a small direct-mapped table keyed by
//! the low 6 bits of the code point with an overflow list, so the letters of a Latin or an
//! Arabic-script token are looked up in one probe.

/// Size of the prepared-symbol alphabet the `u8` kernels are tuned for: codes `0..64`.
///
/// Codes `>= 64` are still compared correctly, through the slower plain dynamic
/// programming path (and, in the weighted distance, with the table's default costs).
pub const ALPHABET_SIZE: usize = 64;

/// Longest pattern one 64-bit word of the bit-parallel kernels covers.
pub const WORD_BITS: usize = 64;

mod sealed {
    pub trait Sealed {}
    impl Sealed for u8 {}
    impl Sealed for char {}
}

/// A symbol the kernels compare: a prepared `u8` code (alphabet of [`ALPHABET_SIZE`]) or a
/// `char`. Sealed: the bit-parallel tables are specialised for these two.
pub trait Symbol:
    Copy + Eq + Ord + std::fmt::Debug + sealed::Sealed + Send + Sync + 'static
{
    /// Match bit vectors of a pattern of this symbol type.
    #[doc(hidden)]
    type Masks: PatternMasks<Self>;
}

impl Symbol for u8 {
    type Masks = ByteMasks;
}

impl Symbol for char {
    type Masks = CharMasks;
}

/// Position masks of a pattern (at most 64 symbols): bit `i` of `get(s)` is set when the
/// pattern's symbol `i` equals `s`.
#[doc(hidden)]
pub trait PatternMasks<S>: Clone + Send + Sync + std::fmt::Debug {
    /// Masks of the empty pattern.
    fn empty() -> Self;
    /// Add the positions of `pattern` to empty masks; `false` (masks then unusable) when
    /// the pattern is longer than 64 symbols or has a symbol the table cannot hold (a `u8`
    /// code `>= 64`). Filling in place avoids moving the table around.
    fn fill(&mut self, pattern: &[S]) -> bool;
    /// The mask of `s` (0 when `s` does not occur in the pattern).
    fn get(&self, s: S) -> u64;
    /// The masks of `pattern`, or `None` as in [`PatternMasks::fill`].
    fn new(pattern: &[S]) -> Option<Self>
    where
        Self: Sized,
    {
        let mut m = Self::empty();
        m.fill(pattern).then_some(m)
    }
}

/// Masks for `u8` codes `< 64`: one word per code.
#[doc(hidden)]
#[derive(Clone, Debug)]
pub struct ByteMasks {
    masks: [u64; ALPHABET_SIZE],
}

impl PatternMasks<u8> for ByteMasks {
    #[inline(always)]
    fn empty() -> Self {
        ByteMasks {
            masks: [0; ALPHABET_SIZE],
        }
    }

    #[inline(always)]
    fn fill(&mut self, pattern: &[u8]) -> bool {
        if pattern.len() > WORD_BITS {
            return false;
        }
        for (i, &c) in pattern.iter().enumerate() {
            match self.masks.get_mut(usize::from(c)) {
                Some(m) => *m |= 1u64 << i,
                None => return false,
            }
        }
        true
    }

    #[inline(always)]
    fn get(&self, s: u8) -> u64 {
        // A code >= 64 cannot be in the pattern (filling would have failed).
        self.masks.get(usize::from(s)).copied().unwrap_or(0)
    }
}

const CHAR_SLOTS: usize = 64;
const CHAR_OVERFLOW: usize = 8;

/// Masks for `char`: a direct-mapped table on the low 6 bits of the code point (the
/// letters of one script rarely share a slot: Arabic U+0621–U+064A all differ), with an
/// overflow list for the symbols that do.
#[doc(hidden)]
#[derive(Clone, Debug)]
pub struct CharMasks {
    keys: [char; CHAR_SLOTS],
    masks: [u64; CHAR_SLOTS],
    overflow: [(char, u64); CHAR_OVERFLOW],
    n_overflow: usize,
}

impl PatternMasks<char> for CharMasks {
    #[inline(always)]
    fn empty() -> Self {
        CharMasks {
            keys: ['\0'; CHAR_SLOTS],
            masks: [0; CHAR_SLOTS],
            overflow: [('\0', 0); CHAR_OVERFLOW],
            n_overflow: 0,
        }
    }

    #[inline]
    fn fill(&mut self, pattern: &[char]) -> bool {
        if pattern.len() > WORD_BITS {
            return false;
        }
        for (i, &c) in pattern.iter().enumerate() {
            let bit = 1u64 << i;
            let slot = (c as usize) % CHAR_SLOTS;
            if self.masks[slot] == 0 || self.keys[slot] == c {
                self.keys[slot] = c;
                self.masks[slot] |= bit;
            } else if let Some(e) = self.overflow[..self.n_overflow]
                .iter_mut()
                .find(|e| e.0 == c)
            {
                e.1 |= bit;
            } else if self.n_overflow < CHAR_OVERFLOW {
                self.overflow[self.n_overflow] = (c, bit);
                self.n_overflow += 1;
            } else {
                return false;
            }
        }
        true
    }

    #[inline(always)]
    fn get(&self, s: char) -> u64 {
        let slot = (s as usize) % CHAR_SLOTS;
        if self.keys[slot] == s {
            return self.masks[slot];
        }
        for &(c, m) in &self.overflow[..self.n_overflow] {
            if c == s {
                return m;
            }
        }
        0
    }
}

/// Bits `0..k` set (all 64 when `k >= 64`).
#[inline(always)]
pub(crate) fn low_bits(k: usize) -> u64 {
    if k >= 64 { !0 } else { (1u64 << k) - 1 }
}

/// Length of the common prefix of `a` and `b`.
#[inline]
pub(crate) fn common_prefix<S: PartialEq>(a: &[S], b: &[S]) -> usize {
    a.iter().zip(b).take_while(|(x, y)| x == y).count()
}

/// Length of the common suffix of `a` and `b`.
#[inline]
pub(crate) fn common_suffix<S: PartialEq>(a: &[S], b: &[S]) -> usize {
    a.iter()
        .rev()
        .zip(b.iter().rev())
        .take_while(|(x, y)| x == y)
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_masks_mark_positions_and_reject_large_codes() {
        let m = ByteMasks::new(&[1, 2, 1]).unwrap();
        assert_eq!(m.get(1), 0b101);
        assert_eq!(m.get(2), 0b010);
        assert_eq!(m.get(3), 0);
        assert_eq!(m.get(200), 0);
        assert!(ByteMasks::new(&[1, 64]).is_none());
        assert!(ByteMasks::new(&[0; 65]).is_none());
        assert!(ByteMasks::new(&[0; 64]).is_some());
    }

    #[test]
    fn char_masks_handle_slot_collisions() {
        // 'a' (0x61), U+0661 and U+06E1 share the low 6 bits.
        let p = ['a', '\u{06E1}', '\u{0661}', 'a', '\u{06E1}'];
        let m = CharMasks::new(&p).unwrap();
        assert_eq!(m.get('a'), 0b01001);
        assert_eq!(m.get('\u{06E1}'), 0b10010);
        assert_eq!(m.get('\u{0661}'), 0b00100);
        assert_eq!(m.get('b'), 0);
        assert_eq!(m.get('\0'), 0);
        assert_eq!(m.get('\u{07E1}'), 0);
        assert_eq!(m.get('!'), 0); // 0x21, same slot, not in the pattern
    }

    #[test]
    fn char_masks_fall_back_when_overflow_is_full() {
        // Ten distinct chars in one slot: one direct, eight overflow, the tenth does not fit.
        let p: Vec<char> = (0..10u32)
            .map(|k| char::from_u32(0x4E00 + k * 64).unwrap())
            .collect();
        assert!(CharMasks::new(&p).is_none());
        assert!(CharMasks::new(&p[..9]).is_some());
    }
}
