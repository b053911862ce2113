//! One blocking rule: records → keys → blocks.

use serde::{Deserialize, Serialize};

use crate::core::par;

/// Limits of one rule.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub(crate) struct RuleOptions {
    /// Blocks with more records than this are **oversized**: instead of all their pairs,
    /// each record is paired with its `window` neighbours in the block's sort order.
    /// Default 100 (at most ~5k pairs per ordinary block).
    pub max_block: u32,
    /// Neighbours on each side in an oversized block or a sorted-neighbourhood rule.
    /// Default 10.
    pub window: usize,
    /// Records marked *unknown* ([`KeyRule::with_unknown`], e.g. no birth date) are paired
    /// with every member of an oversized block of at most this many records, not only with
    /// their window: a missing value rules nobody out. Default 1000.
    pub max_unknown_block: u32,
}

impl Default for RuleOptions {
    fn default() -> Self {
        RuleOptions {
            max_block: 100,
            window: 10,
            max_unknown_block: 1000,
        }
    }
}

/// A block: records `members[start..start + len]` share `key`.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Block {
    pub start: u32,
    pub len: u32,
    pub key: u64,
}

/// A blocking rule built over `n` records: each record's keys, and the blocks they form.
#[derive(Clone, Debug)]
pub(crate) struct KeyRule {
    name: String,
    options: RuleOptions,
    n: usize,
    /// Record `r`'s distinct keys are `rec_keys[rec_off[r]..rec_off[r + 1]]`, ascending.
    rec_off: Vec<u32>,
    rec_keys: Vec<u64>,
    /// For each record key: its position in `members`, and its block's length.
    rec_pos: Vec<u32>,
    rec_blen: Vec<u32>,
    /// Records ordered by (key, sort key, record).
    members: Vec<u32>,
    /// Blocks of two or more records, ascending by key.
    blocks: Vec<Block>,
    oversized: usize,
    /// Per record: unknown (paired with whole oversized blocks up to `max_unknown_block`);
    /// empty when no record is.
    unknown: Vec<bool>,
}

impl KeyRule {
    /// Build a rule from each record's keys (any order, duplicates allowed).
    ///
    /// # Errors
    /// A config error when there are more than `u32::MAX` records or keys.
    #[cfg(test)]
    pub fn from_keys(
        name: impl Into<String>,
        keys: Vec<Vec<u64>>,
        options: RuleOptions,
    ) -> crate::Result<Self> {
        let n = keys.len();
        Self::build(name, n, options, None, |i, out| {
            out.extend_from_slice(&keys[i])
        })
    }

    /// Build a rule by calling `keys(record, &mut out)` for every record (in parallel with
    /// the `parallel` feature); `sort_keys`, when given, orders records inside oversized
    /// blocks (e.g. the packed prefix of the name key), so that neighbours
    /// in the window are similar records rather than arbitrary ones.
    ///
    /// # Errors
    /// A config error when there are more than `u32::MAX` records or keys, or
    /// `sort_keys` has the wrong length.
    pub fn build<F>(
        name: impl Into<String>,
        n: usize,
        options: RuleOptions,
        sort_keys: Option<&[u64]>,
        keys: F,
    ) -> crate::Result<Self>
    where
        F: Fn(usize, &mut Vec<u64>) + Sync,
    {
        let name = name.into();
        if u32::try_from(n).is_err() {
            return Err(crate::Error::config(&name, "too many records"));
        }
        if let Some(s) = sort_keys {
            if s.len() != n {
                return Err(crate::Error::config(
                    &name,
                    "sort keys do not match the records",
                ));
            }
        }
        // Per-record distinct sorted keys, computed in parallel chunks, concatenated in order.
        let per_chunk = |range: std::ops::Range<usize>| {
            let mut off = Vec::with_capacity(range.len());
            let mut all = Vec::new();
            let mut tmp = Vec::new();
            for i in range {
                tmp.clear();
                keys(i, &mut tmp);
                tmp.sort_unstable();
                tmp.dedup();
                all.extend_from_slice(&tmp);
                off.push(tmp.len() as u32);
            }
            (off, all)
        };
        let parts: Vec<_> = par::map_record_chunks(n, per_chunk);
        let mut rec_off = Vec::with_capacity(n + 1);
        rec_off.push(0u32);
        let mut rec_keys = Vec::new();
        for (lens, ks) in parts {
            for l in lens {
                let last = *rec_off.last().unwrap_or(&0);
                let next = last
                    .checked_add(l)
                    .ok_or_else(|| crate::Error::config(&name, "too many keys"))?;
                rec_off.push(next);
            }
            rec_keys.extend_from_slice(&ks);
        }
        // Global order of (key, sort key, record).
        let mut entries: Vec<(u64, u64, u32)> = Vec::with_capacity(rec_keys.len());
        for r in 0..n {
            let s = sort_keys.map_or(0, |s| s[r]);
            for &k in &rec_keys[rec_off[r] as usize..rec_off[r + 1] as usize] {
                entries.push((k, s, r as u32));
            }
        }
        par::sort_unstable(&mut entries);
        let mut rec_pos = vec![0u32; rec_keys.len()];
        let mut rec_blen = vec![0u32; rec_keys.len()];
        let mut blocks = Vec::new();
        let mut oversized = 0;
        let mut start = 0usize;
        while start < entries.len() {
            let key = entries[start].0;
            let mut end = start + 1;
            while end < entries.len() && entries[end].0 == key {
                end += 1;
            }
            let len = (end - start) as u32;
            for (p, e) in entries.iter().enumerate().take(end).skip(start) {
                let r = e.2 as usize;
                let lo = rec_off[r] as usize;
                let ks = &rec_keys[lo..rec_off[r + 1] as usize];
                let idx = lo + ks.binary_search(&key).unwrap_or(0);
                rec_pos[idx] = p as u32;
                rec_blen[idx] = len;
            }
            if len >= 2 {
                if len > options.max_block {
                    oversized += 1;
                }
                blocks.push(Block {
                    start: start as u32,
                    len,
                    key,
                });
            }
            start = end;
        }
        let members = entries.into_iter().map(|e| e.2).collect();
        // The key lists grew by appending; a run keeps eight rules of them.
        rec_keys.shrink_to_fit();
        blocks.shrink_to_fit();
        Ok(KeyRule {
            name,
            options,
            n,
            rec_off,
            rec_keys,
            rec_pos,
            rec_blen,
            members,
            blocks,
            oversized,
            unknown: Vec::new(),
        })
    }

    /// Mark records as *unknown* for this rule (`unknown[r]`), e.g. records without a birth
    /// date in a name rule: in an oversized block of at most
    /// [`RuleOptions::max_unknown_block`] records they are paired with every member instead
    /// of their window only, since the missing value cannot separate them from anyone.
    ///
    /// # Errors
    /// A config error when `unknown` does not have one flag per record.
    pub fn with_unknown(mut self, unknown: Vec<bool>) -> crate::Result<Self> {
        if unknown.len() != self.n {
            return Err(crate::Error::config(
                &self.name,
                "unknown flags do not match the records",
            ));
        }
        self.unknown = if unknown.iter().any(|&u| u) {
            unknown
        } else {
            Vec::new()
        };
        Ok(self)
    }

    /// Whether some record is marked unknown for this rule.
    pub fn has_unknown(&self) -> bool {
        !self.unknown.is_empty()
    }

    /// Whether record `r` is marked unknown for this rule.
    pub fn is_unknown(&self, r: u32) -> bool {
        self.unknown.get(r as usize).copied().unwrap_or(false)
    }

    /// Whether unknown records pair with the whole of a windowed block of `len` records.
    pub(crate) fn unknown_pairs_all(&self, len: u32) -> bool {
        !self.unknown.is_empty() && len <= self.options.max_unknown_block
    }

    /// A sorted-neighbourhood rule: records ordered by `sort_keys` (`None` = not ordered,
    /// never paired by this rule), each paired with its `window` neighbours on each side.
    ///
    /// # Errors
    /// As [`KeyRule::build`].
    pub fn sorted_neighbourhood(
        name: impl Into<String>,
        sort_keys: &[Option<u64>],
        window: usize,
    ) -> crate::Result<Self> {
        let s: Vec<u64> = sort_keys.iter().map(|k| k.unwrap_or(0)).collect();
        let options = RuleOptions {
            max_block: 0,
            window,
            max_unknown_block: 0,
        };
        Self::build(name, sort_keys.len(), options, Some(&s), |i, out| {
            if sort_keys[i].is_some() {
                out.push(0);
            }
        })
    }

    /// The rule's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The rule's limits.
    pub fn options(&self) -> &RuleOptions {
        &self.options
    }

    /// Number of records the rule was built over.
    pub fn len(&self) -> usize {
        self.n
    }

    /// Number of blocks with at least two records.
    pub fn block_count(&self) -> usize {
        self.blocks.len()
    }

    /// Number of oversized blocks (paired within a window only).
    pub fn oversized_count(&self) -> usize {
        self.oversized
    }

    /// Sizes of the largest blocks, descending (at most `k`).
    pub fn largest_blocks(&self, k: usize) -> Vec<u32> {
        let mut sizes: Vec<u32> = self.blocks.iter().map(|b| b.len).collect();
        sizes.sort_unstable_by(|a, b| b.cmp(a));
        sizes.truncate(k);
        sizes
    }

    pub(crate) fn blocks(&self) -> &[Block] {
        &self.blocks
    }

    pub(crate) fn block_members(&self, b: &Block) -> &[u32] {
        &self.members[b.start as usize..(b.start + b.len) as usize]
    }

    pub(crate) fn is_windowed(&self, len: u32) -> bool {
        len > self.options.max_block
    }

    /// One bit per key of record `r` (bit `key >> 58`): two records whose signatures do
    /// not meet share no key of this rule.
    pub(crate) fn signature(&self, r: usize) -> u64 {
        self.rec_keys[self.rec_off[r] as usize..self.rec_off[r + 1] as usize]
            .iter()
            .fold(0, |sig, &k| sig | 1 << (k >> 58))
    }

    /// Whether this rule puts records `a` and `b` in one candidate pair.
    pub fn covers(&self, a: u32, b: u32) -> bool {
        self.first_covering_key(a, b).is_some()
    }

    /// The smallest key through which this rule pairs `a` and `b`, if any.
    pub(crate) fn first_covering_key(&self, a: u32, b: u32) -> Option<u64> {
        let (a, b) = (a as usize, b as usize);
        if a >= self.n || b >= self.n || a == b {
            return None;
        }
        let (mut i, ie) = (self.rec_off[a] as usize, self.rec_off[a + 1] as usize);
        let (mut j, je) = (self.rec_off[b] as usize, self.rec_off[b + 1] as usize);
        while i < ie && j < je {
            let (ka, kb) = (self.rec_keys[i], self.rec_keys[j]);
            if ka < kb {
                i += 1;
            } else if kb < ka {
                j += 1;
            } else {
                let len = self.rec_blen[i];
                if !self.is_windowed(len)
                    || self.rec_pos[i].abs_diff(self.rec_pos[j]) as usize <= self.options.window
                    || (self.unknown_pairs_all(len) && (self.unknown[a] || self.unknown[b]))
                {
                    return Some(ka);
                }
                i += 1;
                j += 1;
            }
        }
        None
    }
}
