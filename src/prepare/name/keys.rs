//! The blocking key parts of a name: given, family, every token, token pairs, LSH bands,
//! and an order-preserving sort key.

use super::{NameColumn, NameValue};
use crate::core::{hash_bytes, minhash_band_keys, pack_prefix, qgram_hashes};
use crate::name::Role;
use crate::schema::KeyPart;

impl NameColumn {
    /// Blocking keys of record `i` for `part`: every spelling's, each once.
    pub(crate) fn keys(&self, i: usize, part: KeyPart, out: &mut Vec<u64>) {
        let Some(v) = self.value(i) else { return };
        if v.others.is_empty() {
            name_keys(v, part, out);
            return;
        }
        let start = out.len();
        for s in v.spellings() {
            name_keys(s, part, out);
        }
        out[start..].sort_unstable();
        let mut tail = out.split_off(start);
        tail.dedup();
        out.extend(tail);
    }

    /// The first eight bytes of the joined token keys, as a sort key.
    pub(crate) fn sort_key(&self, i: usize) -> Option<u64> {
        let v = self.value(i)?;
        Some(pack_prefix(v.joined_keys("").as_bytes()))
    }
}

/// The blocking keys of one spelling.
fn name_keys(v: &NameValue, part: KeyPart, out: &mut Vec<u64>) {
    let h = |s: &str, salt: u64| hash_bytes(s.as_bytes(), salt);
    match part {
        KeyPart::Given => {
            if let Some(k) = v.keys().next() {
                out.push(h(k, 0x61));
            }
        }
        KeyPart::Family => {
            let mut keys = v.keys();
            if let (Some(_), Some(last)) = (keys.next(), keys.last()) {
                out.push(h(last, 0xFA));
            }
            // Family-first input and single-token names: the first token may be the family.
            if let Some(t) = v
                .name
                .name()
                .name_tokens()
                .find(|t| t.role() == Role::Family)
            {
                if !t.loose_key().is_empty() {
                    out.push(h(t.loose_key(), 0xFA));
                }
            }
        }
        KeyPart::Token => {
            for k in v.keys() {
                out.push(h(k, 0x70));
            }
        }
        KeyPart::TokenPair => {
            let keys: Vec<&str> = v.keys().collect();
            for (i, a) in keys.iter().enumerate() {
                for b in &keys[i + 1..] {
                    let (x, y) = if a <= b { (a, b) } else { (b, a) };
                    out.push(h(&format!("{x}\u{1}{y}"), 0x77));
                }
            }
        }
        KeyPart::Lsh => {
            let mut grams = Vec::new();
            let joined: Vec<u8> = v.joined_keys("").into_bytes();
            qgram_hashes(&joined, 2, &mut grams);
            out.extend(minhash_band_keys(&grams, 6, 3, 0x15A));
        }
        _ => {}
    }
}
