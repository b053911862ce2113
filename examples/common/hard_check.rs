//! The harder name check of `examples/eval_names.rs --hard`: a bigger negative pool.
//!
//! The labelled file pairs each positive with one or two look-alike negatives drawn from
//! its own names. A registry holds many more names, so the negatives a threshold meets are
//! closer. This check keeps every positive of the file and gives it, from each side, the
//! `k` nearest names of the pool that are not the same person — nearest by the
//! comparator itself (an index search: candidate retrieval, then the comparator's score),
//! since the negatives that scored highest are the ones that break precision. The pool is
//! every name of the file plus every spelling of the synthetic generator's inventory
//! (`synth/data/names`, Arabic script and Latin, family names with and without `Al-`).
//!
//! Same person: names linked by a positive pair of the file (transitively), names equal
//! after normalisation, with the same phonetic codes or the same folded letters once
//! spaces and punctuation are ignored (`عبد العزيز` / `عبدالعزيز`), and the
//! spellings of one inventory row. A look-alike has about as many name tokens as the name
//! (as many, or one more or less; a single word only for a single word). Labels of the file are a
//! bit noisy and the pool can hold an unlinked second spelling of a person, so a few mined
//! negatives are in truth positives; they weigh against every comparator alike.

use std::collections::{BTreeSet, HashMap};
use std::path::Path;

use hawiya::eval::LabelledPair;
use hawiya::name::NameComparator;
use hawiya::text::{Script, detect_script};
use hawiya::{Index, UnionFind};

/// One pair of the check: `(left, right, label, kind)`.
pub struct HardPair {
    pub left: String,
    pub right: String,
    pub label: bool,
    pub kind: String,
    /// A negative whose names are the same name token by token (same phonetic code or
    /// same variant-table entry): namesakes, which no name comparator can tell apart.
    pub namesake: bool,
}

/// Spellings of the generator's inventory, one group per row (the row's Arabic form and
/// its Latin spellings; family names also with the article).
pub fn inventory(dir: &Path) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    // (file, first Latin column, family)
    for (file, first, family) in [("given_names.tsv", 4, false), ("family_names.tsv", 3, true)] {
        let Ok(text) = std::fs::read_to_string(dir.join(file)) else {
            continue;
        };
        for line in text
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        {
            let cols: Vec<&str> = line.split('\t').collect();
            let mut group = vec![cols[0].trim().to_string()];
            for c in cols.iter().skip(first).take(3) {
                for s in c.split('|').map(str::trim).filter(|s| !s.is_empty()) {
                    group.push(s.to_string());
                    if family {
                        group.push(format!("Al-{s}"));
                    }
                }
            }
            group.sort();
            group.dedup();
            rows.push(group);
        }
    }
    rows
}

fn kind_of(a: &str, b: &str) -> &'static str {
    match (
        detect_script(a) == Script::Arabic,
        detect_script(b) == Script::Arabic,
    ) {
        (true, true) => "ar-ar",
        (false, false) => "lat-lat",
        _ => "ar-lat",
    }
}

fn same_name(a: &[(Vec<u8>, Option<&str>)], b: &[(Vec<u8>, Option<&str>)]) -> bool {
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .all(|(x, y)| x.0 == y.0 || (x.1.is_some() && x.1 == y.1))
}

/// The pairs of the check: the file's positives and, for each, up to `k` mined negatives
/// from each side.
pub fn build(
    rows: &[LabelledPair],
    inventory: &[Vec<String>],
    cmp: &NameComparator,
    k: usize,
) -> Result<Vec<HardPair>, Box<dyn std::error::Error>> {
    let mut names: Vec<String> = Vec::new();
    let mut pos: HashMap<String, usize> = HashMap::new();
    let mut add = |n: &str, names: &mut Vec<String>| -> usize {
        if let Some(&p) = pos.get(n) {
            return p;
        }
        pos.insert(n.to_string(), names.len());
        names.push(n.to_string());
        names.len() - 1
    };
    let mut links: Vec<(usize, usize)> = Vec::new();
    let mut positives: Vec<(usize, usize)> = Vec::new();
    for r in rows {
        let (a, b) = (add(&r.left, &mut names), add(&r.right, &mut names));
        if r.label {
            links.push((a, b));
            positives.push((a, b));
        }
    }
    for group in inventory {
        let ids: Vec<usize> = group.iter().map(|n| add(n, &mut names)).collect();
        for w in ids.windows(2) {
            links.push((w[0], w[1]));
        }
    }
    let mut uf = UnionFind::new(names.len());
    for &(a, b) in &links {
        uf.union(a as u32, b as u32);
    }
    // One reading: equal after normalisation, or the same phonetic codes token after
    // token once spaces are ignored (`Mohammed` / `Mohamed`, `عبد العزيز` / `عبدالعزيز`).
    let mut by_norm: HashMap<String, usize> = HashMap::new();
    let mut tokens: Vec<usize> = Vec::with_capacity(names.len());
    let mut readings: Vec<Vec<(Vec<u8>, Option<&'static str>)>> = Vec::with_capacity(names.len());
    for (p, n) in names.iter().enumerate() {
        let parsed = cmp.prepare(n);
        let name = parsed.name();
        let code: String = name
            .tokens
            .iter()
            .filter(|t| t.role().is_name())
            .map(|t| String::from_utf8_lossy(t.code()).into_owned())
            .collect();
        tokens.push(parsed.token_count());
        readings.push(
            name.tokens
                .iter()
                .filter(|t| t.role().is_name() && !t.code().is_empty())
                .map(|t| (t.code().to_vec(), t.variant()))
                .collect(),
        );
        let folded: String = hawiya::text::fold(n)
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect();
        for key in [
            format!("n:{}", name.normalized),
            format!("c:{code}"),
            format!("f:{folded}"),
        ] {
            let first = *by_norm.entry(key).or_insert(p);
            uf.union(first as u32, p as u32);
        }
    }
    let ids: Vec<String> = (0..names.len()).map(|i| format!("n{i}")).collect();
    let id_refs: Vec<&str> = ids.iter().map(String::as_str).collect();
    let name_refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let index = Index::from_names(&id_refs, &name_refs)?;
    let arabic: Vec<bool> = names
        .iter()
        .map(|n| detect_script(n) == Script::Arabic)
        .collect();
    // Queries: each side of each positive, wanting names in the other side's script.
    let mut queries: Vec<(usize, bool)> = Vec::new();
    for &(a, b) in &positives {
        queries.push((a, arabic[b]));
        queries.push((b, arabic[a]));
    }
    let unique: BTreeSet<usize> = queries.iter().map(|q| q.0).collect();
    let unique: Vec<usize> = unique.into_iter().collect();
    let texts: Vec<&str> = unique.iter().map(|&q| names[q].as_str()).collect();
    // Deep enough to find k of the wanted script that are someone else.
    let hits = index.search_many(&texts, 8 * k + 16)?;
    let hits: HashMap<usize, Vec<usize>> = unique
        .iter()
        .zip(hits)
        .map(|(&q, h)| (q, h.into_iter().map(|h| h.position).collect()))
        .collect();
    let mut out: Vec<HardPair> = Vec::new();
    let mut seen: BTreeSet<(usize, usize)> = BTreeSet::new();
    for &(a, b) in &positives {
        if seen.insert((a.min(b), a.max(b))) {
            out.push(HardPair {
                left: names[a].clone(),
                right: names[b].clone(),
                label: true,
                kind: kind_of(&names[a], &names[b]).to_string(),
                namesake: false,
            });
        }
    }
    for &(q, want_arabic) in &queries {
        let person = uf.find(q as u32);
        let mut taken = 0;
        for &h in hits.get(&q).map_or(&[][..], Vec::as_slice) {
            if taken == k {
                break;
            }
            if arabic[h] != want_arabic || uf.find(h as u32) == person {
                continue;
            }
            // A look-alike is a name of about the same length: a lone word (an inventory
            // entry) is no look-alike of a full name.
            let (nq, nh) = (tokens[q], tokens[h]);
            if nq.abs_diff(nh) > 1 || (nq.min(nh) == 1 && nq != nh) {
                continue;
            }
            taken += 1;
            if seen.insert((q.min(h), q.max(h))) {
                out.push(HardPair {
                    left: names[q].clone(),
                    right: names[h].clone(),
                    label: false,
                    kind: kind_of(&names[q], &names[h]).to_string(),
                    namesake: same_name(&readings[q], &readings[h]),
                });
            }
        }
    }
    Ok(out)
}
