//! The name inventories: data files in `data/names/`, compiled into the crate.
//!
//! Parsing is total: a malformed row is skipped (and counted, so a unit test can insist
//! that there are none), never a panic. Pools for sampling are built once per process.

use std::sync::OnceLock;

use super::{Gender, Region};
use hawiya::SplitMix64;

const GIVEN_TSV: &str = include_str!("../data/names/given_names.tsv");
const FAMILY_TSV: &str = include_str!("../data/names/family_names.tsv");

/// Latin conventions stored in the inventory columns (English, French, Gulf).
pub(crate) const STORED_CONVENTIONS: usize = 3;

/// One name of the inventory.
#[derive(Debug)]
pub(crate) struct NameEntry {
    /// Arabic-script spelling as a registry writes it (hamzas and ة/ى written).
    pub arabic: &'static str,
    /// Gender of a given name; `None` for family names.
    pub gender: Option<Gender>,
    /// Bit set of [`Region`]s where the name is used.
    pub regions: u8,
    /// Which families use it: bit 0 Muslim, bit 1 Christian.
    pub communities: u8,
    /// Relative frequency weight.
    pub freq: u32,
    /// Latin spellings by stored convention (English, French, Gulf); never empty.
    pub latin: [Vec<&'static str>; STORED_CONVENTIONS],
    /// The scholarly (ALA-LC) romanisation.
    pub scholarly: &'static str,
}

/// A weighted pool of entries for one region (and gender).
#[derive(Debug, Default)]
pub(crate) struct Pool {
    entries: Vec<u32>,
    cumulative: Vec<u64>,
}

impl Pool {
    fn push(&mut self, index: u32, freq: u32) {
        let total = self.cumulative.last().copied().unwrap_or(0) + u64::from(freq.max(1));
        self.entries.push(index);
        self.cumulative.push(total);
    }

    /// Draw an entry index with probability proportional to its frequency.
    pub fn sample(&self, rng: &mut SplitMix64) -> Option<u32> {
        let total = *self.cumulative.last()?;
        let r = rng.below(total);
        let at = self.cumulative.partition_point(|&c| c <= r);
        self.entries.get(at).copied()
    }

    /// Number of entries in the pool.
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.entries.len()
    }
}

/// All inventories and their sampling pools.
#[derive(Debug)]
pub(crate) struct Inventory {
    pub given: Vec<NameEntry>,
    pub family: Vec<NameEntry>,
    /// Pools indexed by `[region][community][gender]` (community: 0 Muslim, 1 Christian;
    /// gender: 0 male, 1 female).
    pub given_pools: Vec<[[Pool; 2]; 2]>,
    /// Family-name pools indexed by `[region][community]`.
    pub family_pools: Vec<[Pool; 2]>,
    /// Rows that could not be parsed (expected 0; checked by a unit test).
    #[cfg_attr(not(test), allow(dead_code))]
    pub malformed_rows: usize,
}

/// Community bits of an entry.
const MUSLIM: u8 = 1;
const CHRISTIAN: u8 = 2;

/// Region bits and community bits of a `regions` column: region codes, `all`, and the
/// optional tags `christian` (Christian families only) and `christian_ok` (both).
fn region_bits(field: &str) -> Option<(u8, u8)> {
    let mut bits = 0u8;
    let mut communities = MUSLIM;
    for code in field.split(',').map(str::trim) {
        match code {
            "all" => bits |= Region::ALL.iter().fold(0, |b, r| b | r.bit()),
            "christian" => communities = CHRISTIAN,
            "christian_ok" => communities = MUSLIM | CHRISTIAN,
            _ => bits |= Region::ALL.iter().find(|r| r.code() == code)?.bit(),
        }
    }
    (bits != 0).then_some((bits, communities))
}

fn spellings(field: &'static str) -> Vec<&'static str> {
    field
        .split('|')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect()
}

/// Parse one data row; `with_gender` for the given-name file.
fn parse_row(line: &'static str, with_gender: bool) -> Option<NameEntry> {
    let cols: Vec<&'static str> = line.split('\t').collect();
    let (gender, rest) = if with_gender {
        let g = match *cols.get(1)? {
            "m" => Gender::Male,
            "f" => Gender::Female,
            _ => return None,
        };
        (Some(g), cols.get(2..)?)
    } else {
        (None, cols.get(1..)?)
    };
    let [regions, freq, english, french, gulf, scholarly] = rest else {
        return None;
    };
    let arabic = cols.first()?.trim();
    if arabic.is_empty() {
        return None;
    }
    let english = spellings(english);
    let first = *english.first()?;
    let or_english = |v: Vec<&'static str>| if v.is_empty() { english.clone() } else { v };
    let scholarly = match scholarly.trim() {
        "" => first,
        s => s,
    };
    let (regions, communities) = region_bits(regions)?;
    Some(NameEntry {
        arabic,
        gender,
        regions,
        communities,
        freq: freq.trim().parse().ok()?,
        latin: [
            english.clone(),
            or_english(spellings(french)),
            or_english(spellings(gulf)),
        ],
        scholarly,
    })
}

fn parse_file(text: &'static str, with_gender: bool, malformed: &mut usize) -> Vec<NameEntry> {
    let mut out = Vec::new();
    for line in text.lines() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        match parse_row(line, with_gender) {
            Some(e) => out.push(e),
            None => *malformed += 1,
        }
    }
    out
}

impl Inventory {
    fn build() -> Self {
        let mut malformed_rows = 0;
        let given = parse_file(GIVEN_TSV, true, &mut malformed_rows);
        let family = parse_file(FAMILY_TSV, false, &mut malformed_rows);
        let mut given_pools: Vec<[[Pool; 2]; 2]> =
            Region::ALL.iter().map(|_| Default::default()).collect();
        let mut family_pools: Vec<[Pool; 2]> =
            Region::ALL.iter().map(|_| Default::default()).collect();
        for (c, bit) in [MUSLIM, CHRISTIAN].into_iter().enumerate() {
            for (i, e) in given.iter().enumerate() {
                for (r, region) in Region::ALL.iter().enumerate() {
                    if e.regions & region.bit() != 0 && e.communities & bit != 0 {
                        let g = usize::from(e.gender == Some(Gender::Female));
                        given_pools[r][c][g].push(i as u32, e.freq);
                    }
                }
            }
            for (i, e) in family.iter().enumerate() {
                for (r, region) in Region::ALL.iter().enumerate() {
                    if e.regions & region.bit() != 0 && e.communities & bit != 0 {
                        family_pools[r][c].push(i as u32, e.freq);
                    }
                }
            }
        }
        Inventory {
            given,
            family,
            given_pools,
            family_pools,
            malformed_rows,
        }
    }

    /// The process-wide inventory.
    pub fn get() -> &'static Inventory {
        static INVENTORY: OnceLock<Inventory> = OnceLock::new();
        INVENTORY.get_or_init(Inventory::build)
    }

    /// Draw a given name for `region`, `gender` and community (Christian or Muslim
    /// family); falls back to the Muslim pool, then to the first region, then to entry 0,
    /// so it never fails while the inventory has one name.
    pub fn sample_given(
        &self,
        region: Region,
        gender: Gender,
        christian: bool,
        rng: &mut SplitMix64,
    ) -> u32 {
        let g = usize::from(gender == Gender::Female);
        let c = usize::from(christian);
        let pools = self.given_pools.get(region.index());
        pools
            .and_then(|p| p[c][g].sample(rng))
            .or_else(|| pools.and_then(|p| p[0][g].sample(rng)))
            .or_else(|| self.given_pools.first().and_then(|p| p[0][g].sample(rng)))
            .unwrap_or(0)
    }

    /// Draw a family name (same fallbacks as [`Inventory::sample_given`]).
    pub fn sample_family(&self, region: Region, christian: bool, rng: &mut SplitMix64) -> u32 {
        let c = usize::from(christian);
        let pools = self.family_pools.get(region.index());
        pools
            .and_then(|p| p[c].sample(rng))
            .or_else(|| pools.and_then(|p| p[0].sample(rng)))
            .or_else(|| self.family_pools.first().and_then(|p| p[0].sample(rng)))
            .unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_parses() {
        let inv = Inventory::get();
        assert_eq!(inv.malformed_rows, 0);
        assert!(inv.given.len() >= 300, "{}", inv.given.len());
        assert!(inv.family.len() >= 150, "{}", inv.family.len());
    }

    #[test]
    fn every_region_has_names_of_both_genders_and_families() {
        let inv = Inventory::get();
        for region in Region::ALL {
            let p = &inv.given_pools[region.index()][0];
            assert!(p[0].len() >= 15, "{region:?} male {}", p[0].len());
            assert!(p[1].len() >= 10, "{region:?} female {}", p[1].len());
            assert!(
                inv.family_pools[region.index()][0].len() >= 6,
                "{region:?} family"
            );
        }
    }

    #[test]
    fn arabic_column_is_arabic_and_latin_columns_are_latin() {
        let inv = Inventory::get();
        for e in inv.given.iter().chain(&inv.family) {
            assert!(
                e.arabic
                    .chars()
                    .all(|c| ('\u{0600}'..='\u{06FF}').contains(&c) || c == ' '),
                "{}",
                e.arabic
            );
            for s in e
                .latin
                .iter()
                .flatten()
                .chain(std::iter::once(&e.scholarly))
            {
                assert!(
                    s.chars().all(|c| !('\u{0600}'..='\u{06FF}').contains(&c)),
                    "{s}"
                );
            }
        }
    }

    #[test]
    fn no_duplicate_arabic_entries_within_a_file_and_gender() {
        let inv = Inventory::get();
        let mut seen = std::collections::BTreeSet::new();
        for e in &inv.given {
            assert!(
                seen.insert((e.arabic, e.gender == Some(Gender::Female))),
                "{}",
                e.arabic
            );
        }
        let mut seen = std::collections::BTreeSet::new();
        for e in &inv.family {
            assert!(seen.insert(e.arabic), "{}", e.arabic);
        }
    }

    #[test]
    fn christian_families_have_their_own_names() {
        let inv = Inventory::get();
        for region in [Region::Levant, Region::Egypt] {
            let p = &inv.given_pools[region.index()][1];
            assert!(p[0].len() >= 15 && p[1].len() >= 15, "{region:?}");
            assert!(
                inv.family_pools[region.index()][1].len() >= 10,
                "{region:?}"
            );
        }
        let mut rng = SplitMix64::new(3);
        for _ in 0..2000 {
            let m = inv.sample_given(Region::Egypt, Gender::Male, true, &mut rng) as usize;
            assert_ne!(inv.given[m].arabic, "محمد");
            let f = inv.sample_family(Region::Levant, false, &mut rng) as usize;
            assert_ne!(inv.family[f].arabic, "الخوري");
        }
    }

    #[test]
    fn sampling_follows_frequency() {
        let inv = Inventory::get();
        let mut rng = SplitMix64::new(5);
        let muhammad = inv.given.iter().position(|e| e.arabic == "محمد").unwrap() as u32;
        let n = 20_000;
        let hits = (0..n)
            .filter(|_| inv.sample_given(Region::Gulf, Gender::Male, false, &mut rng) == muhammad)
            .count();
        // The commonest male name must be drawn often (hard negatives), but not always.
        assert!(hits > n / 20 && hits < n / 2, "{hits}");
    }
}
