//! Helpers that turn names into blocking keys: q-gram hashes, MinHash/LSH band keys,
//! order-preserving sort keys.

use super::hash::mix64;

/// Push the hashes of the q-grams of `symbols` (with one boundary marker at each end, so
/// that short tokens still give q-grams) into `out`. Deterministic across platforms.
pub(crate) fn qgram_hashes(symbols: &[u8], q: usize, out: &mut Vec<u64>) {
    let q = q.max(1);
    let len = symbols.len() + 2;
    if len < q {
        return;
    }
    let at = |i: usize| -> u64 {
        if i == 0 || i == len - 1 {
            0x100
        } else {
            u64::from(symbols[i - 1])
        }
    };
    for s in 0..=len - q {
        let mut h = 0xcbf2_9ce4_8422_2325u64 ^ q as u64;
        for i in s..s + q {
            h = mix64(h ^ at(i));
        }
        out.push(h);
    }
}

/// MinHash LSH: from a set of item hashes (e.g. q-gram hashes of a name), `bands` keys,
/// each combining `rows` min-hashes. Two sets with Jaccard similarity `s` share at least one
/// band key with probability `1 − (1 − s^rows)^bands`. Empty input gives no keys.
pub(crate) fn minhash_band_keys(items: &[u64], bands: usize, rows: usize, seed: u64) -> Vec<u64> {
    if items.is_empty() {
        return Vec::new();
    }
    let mut keys = Vec::with_capacity(bands);
    for b in 0..bands {
        let mut key = mix64(seed ^ 0x5851_F42D_4C95_7F2D ^ b as u64);
        for r in 0..rows {
            let salt = mix64(
                seed.wrapping_add(((b * rows + r) as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)),
            );
            let min = items.iter().map(|&x| mix64(x ^ salt)).min().unwrap_or(0);
            key = mix64(key ^ min);
        }
        keys.push(key);
    }
    keys
}

/// An order-preserving `u64` from the first 8 bytes of `s` (big-endian, zero-padded): use
/// as a sort key for sorted neighbourhood and for ordering oversized blocks.
pub(crate) fn pack_prefix(s: &[u8]) -> u64 {
    let mut buf = [0u8; 8];
    let n = s.len().min(8);
    buf[..n].copy_from_slice(&s[..n]);
    u64::from_be_bytes(buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn qgrams_have_boundary_markers() {
        let mut out = Vec::new();
        qgram_hashes(b"fdl", 2, &mut out);
        assert_eq!(out.len(), 4); // ^f fd dl l$
    }

    #[test]
    fn band_keys_are_deterministic_and_empty_for_no_items() {
        let (mut a, mut b) = (Vec::new(), Vec::new());
        qgram_hashes(b"alfadhala", 2, &mut a);
        qgram_hashes(b"alfadhala", 2, &mut b);
        assert_eq!(
            minhash_band_keys(&a, 8, 2, 1),
            minhash_band_keys(&b, 8, 2, 1)
        );
        assert_eq!(minhash_band_keys(&a, 8, 2, 1).len(), 8);
        assert!(minhash_band_keys(&[], 8, 2, 1).is_empty());
    }

    #[test]
    fn prefixes_keep_the_order() {
        assert!(pack_prefix(b"fadala") < pack_prefix(b"fadhala"));
        assert!(pack_prefix(b"a") < pack_prefix(b"ab"));
    }
}
