//! Key composition: a rule's keys of one record from the key parts of its fields.

use crate::core::mix64;
use crate::prepare::PreparedDataset;
use crate::schema::ResolvedPart;

/// Keys of record `rec` for a rule with `parts`: the cartesian product of each part's keys
/// (at most 256). No key when a part has none.
pub(crate) fn rule_keys(
    data: &PreparedDataset,
    parts: &[ResolvedPart],
    rec: usize,
    out: &mut Vec<u64>,
) {
    let mut acc: Vec<u64> = vec![0x5EED];
    let mut tmp = Vec::new();
    for (i, p) in parts.iter().enumerate() {
        tmp.clear();
        data.column(p.field).keys(rec, p.key, &mut tmp);
        tmp.sort_unstable();
        tmp.dedup();
        if tmp.is_empty() {
            return;
        }
        let mut next = Vec::with_capacity(acc.len() * tmp.len());
        for &a in &acc {
            for &k in &tmp {
                next.push(mix64(a ^ k.rotate_left(i as u32 * 7 + 1)));
            }
        }
        acc = next;
        if acc.len() > 256 {
            acc.truncate(256);
        }
    }
    if !parts.is_empty() {
        out.extend(acc);
    }
}

/// Whether each record of `records` lacks the key `part` (unknown for a rule).
pub(crate) fn unknown_flags(
    data: &PreparedDataset,
    part: ResolvedPart,
    records: std::ops::Range<usize>,
) -> Vec<bool> {
    let mut keys = Vec::new();
    records
        .map(|r| {
            keys.clear();
            data.column(part.field).keys(r, part.key, &mut keys);
            keys.is_empty()
        })
        .collect()
}
