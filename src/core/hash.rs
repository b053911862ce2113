//! Stable hashing: the SplitMix64 mixer and a byte hash that does not depend on the process
//! (blocking keys, sampling decisions and tie-breaks must be the same on every run).

/// SplitMix64's finaliser: a well-mixing hash of one `u64`.
#[inline]
pub(crate) fn mix64(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A stable 64-bit hash of bytes (FNV-1a then mixed): for blocking keys, independent of
/// the process (unlike `std`'s randomised hasher).
#[inline]
pub(crate) fn hash_bytes(bytes: &[u8], salt: u64) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64 ^ salt;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    mix64(h)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_differ_by_order_and_salt() {
        assert_ne!(hash_bytes(b"ab", 0), hash_bytes(b"ba", 0));
        assert_ne!(hash_bytes(b"ab", 0), hash_bytes(b"ab", 1));
    }
}
