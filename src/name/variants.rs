//! The curated variant table for the commonest names (`data/name_variants.tsv`).
//!
//! Rules alone give `محمد` and `محمود` (or `حسن` and `حسين`, `أحمد` and `حامد`) the same
//! consonant skeleton. The table lists, for each common name, its Arabic-script forms and
//! the Latin spellings in use, and assigns every entry a loose key:
//! - the loose skeleton of its primary (first) spelling, when no earlier entry already
//!   has that skeleton (so spellings the table does not list still meet the entry through
//!   the rules), or
//! - its canonical romanisation (which contains vowels, so no rule-made key can equal it)
//!   when an earlier entry of the file owns the skeleton: `محمد` keeps `mhmd`, `محمود`
//!   gets `mahmud`.
//!
//! A token whose folded form is listed takes the entry's keys. A token that is not listed
//! but whose rule skeleton several entries share takes the loose key of the one entry with
//! a spelling of the same consonants and vowel positions (`Mahmod` → Mahmud); otherwise it
//! keeps its rule-made key.

use std::collections::HashMap;
use std::sync::LazyLock;

use super::phonetic::is_vowel;
use crate::core::FnvMap;

fn is_long(code: u8) -> bool {
    matches!(code, b'A' | b'I' | b'U')
}

use super::normalizer::{Normalizer, NormalizerOptions, Step};

/// The table file, compiled in.
pub const VARIANTS_TSV: &str = include_str!("../../data/name_variants.tsv");

/// One name of the table.
#[derive(Debug, Clone)]
pub struct VariantEntry {
    /// The canonical romanisation (first column).
    pub canonical: &'static str,
    /// The loose key every spelling of the entry gets.
    pub loose: String,
    /// The strict key of the primary spelling.
    pub strict: String,
    /// Phonetic codes of the entry's full spellings (not the exact-only abbreviations).
    pub codes: Vec<Vec<u8>>,
}

/// The variant table: exact spellings and skeletons to entries.
#[derive(Debug)]
pub struct VariantTable {
    entries: Vec<VariantEntry>,
    /// Bloom-style filter over the exact spellings (see `lexicon::filter_index`).
    filter: [u64; 64],
    exact: FnvMap<String, u16>,
    skeleton: FnvMap<String, Vec<u16>>,
}

static TABLE: LazyLock<VariantTable> = LazyLock::new(|| VariantTable::parse(VARIANTS_TSV));

/// The compiled-in table.
pub fn table() -> &'static VariantTable {
    &TABLE
}

/// The canonical romanisation of entry `id` of the compiled-in table.
pub fn canonical_of(id: u16) -> Option<&'static str> {
    table().entry(id).map(|e| e.canonical)
}

impl VariantTable {
    /// Parse a table: `canonical<TAB>spelling,spelling,…` per line, `#` comments. A
    /// spelling prefixed with `=` (abbreviations such as `md`, `mohd`) matches only
    /// exactly and is not used to resolve unlisted spellings. Malformed lines are skipped
    /// (the compiled-in file is checked by a test).
    pub fn parse(tsv: &'static str) -> VariantTable {
        let mut opts = NormalizerOptions::default();
        opts.steps.retain(|s| *s != Step::Variants);
        let norm = Normalizer::new(opts).unwrap_or_default();
        let mut entries: Vec<VariantEntry> = Vec::new();
        let mut exact: FnvMap<String, u16> = FnvMap::default();
        let mut skeleton: FnvMap<String, Vec<u16>> = FnvMap::default();
        let mut owned: HashMap<String, u16> = HashMap::new();
        for line in tsv.lines() {
            let line = line.trim_end();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let Some((canonical, spellings)) = line.split_once('\t') else {
                continue;
            };
            let id = entries.len() as u16;
            let mut entry = VariantEntry {
                canonical: canonical.trim(),
                loose: String::new(),
                strict: String::new(),
                codes: Vec::new(),
            };
            for (j, sp) in spellings.split(',').map(str::trim).enumerate() {
                let (exact_only, sp) = match sp.strip_prefix('=') {
                    Some(s) => (true, s),
                    None => (false, sp),
                };
                if sp.is_empty() {
                    continue;
                }
                let p = norm.normalize(sp);
                let Some(t) = p.tokens.iter().find(|t| t.role().is_name()) else {
                    continue;
                };
                let joined: String = t.folded().chars().filter(|&c| c != ' ').collect();
                exact.entry(joined).or_insert(id);
                if exact_only {
                    continue;
                }
                let sk = t.loose_key().to_owned();
                if j == 0 {
                    entry.strict = t.strict_key().to_owned();
                    entry.loose = match owned.get(&sk) {
                        Some(_) => entry.canonical.to_owned(),
                        None => {
                            owned.insert(sk.clone(), id);
                            sk.clone()
                        }
                    };
                }
                let ids = skeleton.entry(sk).or_default();
                if !ids.contains(&id) {
                    ids.push(id);
                }
                entry.codes.push(t.code().to_vec());
            }
            if entry.loose.is_empty() {
                entry.loose = entry.canonical.to_owned();
            }
            entries.push(entry);
        }
        let mut filter = [0u64; 64];
        for k in exact.keys() {
            let i = super::lexicon::filter_index(k.as_bytes());
            filter[i / 64] |= 1 << (i % 64);
        }
        VariantTable {
            entries,
            filter,
            exact,
            skeleton,
        }
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the table is empty.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Entry `id`.
    pub fn entry(&self, id: u16) -> Option<&VariantEntry> {
        self.entries.get(id as usize)
    }

    /// The entry listing the folded spelling `folded` (spaces removed), if any.
    pub fn exact(&self, folded: &str) -> Option<u16> {
        let i = super::lexicon::filter_index(folded.as_bytes());
        if self.filter[i / 64] & (1 << (i % 64)) == 0 {
            return None;
        }
        self.exact.get(folded).copied()
    }

    /// The entry an unlisted spelling with loose skeleton `skeleton` and phonetic code
    /// `code` most likely belongs to, when the rules alone would send it to the wrong one:
    /// only for a skeleton that several entries share (`mhmd`: Muhammad, Mahmud), and only
    /// when the skeleton has at least three consonants and the code has the same consonants
    /// and vowel positions as a spelling of exactly one entry (`Mahmod` ~ `mahmud`,
    /// `Mouhamed` ~ `mohamed`); vowels may differ, but not two long vowels. A missing or
    /// extra vowel is not accepted: `حميد` is not `حمد`, `محمود` is not `محمد`.
    /// Otherwise `None`: the token keeps its rule-made key.
    pub fn by_skeleton(&self, skeleton: &str, code: &[u8]) -> Option<u16> {
        // Short skeletons (`sd`, `mn`) fit too many names to guess from.
        if skeleton.len() < 3 {
            return None;
        }
        let ids = self.skeleton.get(skeleton)?;
        if ids.len() < 2 {
            return None;
        }
        // Vowels may differ, except two different long vowels (`حسون` is not `حسين`).
        let vowels_compatible =
            |a: u8, b: u8| is_vowel(a) && is_vowel(b) && !(is_long(a) && is_long(b));
        let same_shape = |c: &[u8]| {
            c.len() == code.len()
                && c.iter()
                    .zip(code)
                    .all(|(&a, &b)| a == b || vowels_compatible(a, b))
        };
        let mut found = None;
        for &id in ids {
            if self.entries[id as usize]
                .codes
                .iter()
                .any(|c| same_shape(c))
            {
                if found.is_some() {
                    return None; // ambiguous
                }
                found = Some(id);
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_loads_and_every_line_is_used() {
        let t = table();
        let lines = VARIANTS_TSV
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .count();
        assert_eq!(t.len(), lines);
        assert!(t.len() >= 100, "{}", t.len());
        for e in &t.entries {
            assert!(
                !e.loose.is_empty() && !e.codes.is_empty(),
                "{}",
                e.canonical
            );
        }
    }

    #[test]
    fn confusable_entries_get_distinct_keys() {
        let t = table();
        let key = |s: &str| t.entry(t.exact(s).unwrap()).unwrap().loose.clone();
        assert_eq!(key("محمد"), "mhmd");
        assert_eq!(key("mohamed"), "mhmd");
        assert_ne!(key("محمود"), key("محمد"));
        assert_eq!(key("mahmud"), key("محمود"));
        assert_ne!(key("حسين"), key("حسن"));
        assert_ne!(key("احمد"), key("حامد"));
    }

    #[test]
    fn unlisted_spelling_resolves_to_a_near_entry_only() {
        let t = table();
        let id = t.by_skeleton("hsn", b"hosayn").unwrap();
        assert_eq!(t.entry(id).unwrap().canonical, "husayn");
        let id = t.by_skeleton("mhmd", b"muhamid").unwrap();
        assert_eq!(t.entry(id).unwrap().canonical, "muhammad");
        // A vowel more or less is another name: keeps its rule-made key.
        assert_eq!(t.by_skeleton("hmd", b"HmId"), None);
        assert_eq!(t.by_skeleton("mhmd", b"mUhUUmid"), None);
        // Turkish Mehmed (Muhammad) and Mahmod (Mahmud) have one shape: ambiguous.
        assert_eq!(t.by_skeleton("mhmd", b"mahmed"), None);
        // Two different long vowels: حسون is not حسين.
        assert_eq!(t.by_skeleton("hsn", b"HsUn"), None);
        // A skeleton of one entry only: nothing to resolve.
        assert_eq!(t.by_skeleton("xld", b"xaalid"), None);
    }
}
