//! Given-name equivalences of English names: nicknames and diminutives (`Tom` / `Thomas`,
//! `Peggy` / `Margaret`, `Bill` / `William`), from the public `nicknames` list
//! (`data/nicknames.csv`, Apache-2.0, see `data/NOTICE`).
//!
//! The list is a relation, not a partition: `Bill` is a nickname of `William` and of
//! `Robert`, which are not one name. So the table answers only whether two names are listed
//! as a pair ([`NicknameTable::related`]), in either direction; it never chains pairs. It
//! works beside the curated variant table ([`super::variants`]), which says which spellings
//! are one name: a name that table lists (`Ali`, `Sara`, `Mona`, `Essa`) is left to it, so
//! `Ali` is not taken for a nickname of `Alison`.
//!
//! The comparator scores a listed pair of given names high but below a spelling of the same
//! name (see `CompareOptions::nickname_score`).

use std::sync::LazyLock;

use crate::core::FnvMap;

/// The nickname list, compiled in: `name1,relationship,name2` with a header line; every
/// relationship is `has_nickname`.
pub const NICKNAMES_CSV: &str = include_str!("data/nicknames.csv");

/// The nickname pairs: names to ids, and the set of related id pairs.
#[derive(Debug, Default)]
pub struct NicknameTable {
    names: Vec<&'static str>,
    ids: FnvMap<&'static str, u16>,
    /// `(low id << 16) | high id` of every pair, sorted.
    pairs: Vec<u32>,
}

static TABLE: LazyLock<NicknameTable> = LazyLock::new(|| {
    let variants = super::variants::table();
    NicknameTable::parse(NICKNAMES_CSV, |name| variants.exact(name).is_some())
});

/// The compiled-in table.
pub fn table() -> &'static NicknameTable {
    &TABLE
}

impl NicknameTable {
    /// Parse a list of `name1,relationship,name2` lines (a header line and lines whose
    /// names are not plain lowercase ASCII letters are skipped; so are names for which
    /// `excluded` holds).
    ///
    /// ```
    /// use hawiya::name::nicknames::NicknameTable;
    /// let t = NicknameTable::parse("name1,relationship,name2\nthomas,has_nickname,tom\n", |_| false);
    /// assert!(t.related("tom", "thomas") && t.related("thomas", "tom"));
    /// assert!(!t.related("tom", "tom"));
    /// ```
    pub fn parse(csv: &'static str, excluded: impl Fn(&str) -> bool) -> NicknameTable {
        let mut t = NicknameTable::default();
        let ok = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_lowercase());
        for line in csv.lines().skip(1) {
            let mut f = line.trim().split(',');
            let (Some(a), Some(_), Some(b), None) = (f.next(), f.next(), f.next(), f.next()) else {
                continue;
            };
            let (a, b) = (a.trim(), b.trim());
            if a == b || !ok(a) || !ok(b) || excluded(a) || excluded(b) {
                continue;
            }
            let (Some(x), Some(y)) = (t.intern(a), t.intern(b)) else {
                continue;
            };
            t.pairs.push(pair_key(x, y));
        }
        t.pairs.sort_unstable();
        t.pairs.dedup();
        t
    }

    fn intern(&mut self, name: &'static str) -> Option<u16> {
        if let Some(&id) = self.ids.get(name) {
            return Some(id);
        }
        let id = u16::try_from(self.names.len())
            .ok()
            .filter(|&i| i < u16::MAX)?;
        self.names.push(name);
        self.ids.insert(name, id);
        Some(id)
    }

    /// The id of a folded given name (lowercase ASCII), if the list has it.
    pub fn id(&self, folded: &str) -> Option<u16> {
        self.ids.get(folded).copied()
    }

    /// The name with id `id`.
    pub fn name(&self, id: u16) -> Option<&'static str> {
        self.names.get(usize::from(id)).copied()
    }

    /// Whether the names with ids `a` and `b` are listed as a name and its nickname (in
    /// either direction). A name is not its own nickname.
    pub fn related_ids(&self, a: u16, b: u16) -> bool {
        a != b && self.pairs.binary_search(&pair_key(a, b)).is_ok()
    }

    /// Whether two folded given names are listed as a name and its nickname.
    ///
    /// ```
    /// let t = hawiya::name::nicknames::table();
    /// assert!(t.related("peggy", "margaret"));
    /// assert!(t.related("bill", "william") && t.related("bill", "robert"));
    /// assert!(!t.related("william", "robert")); // pairs are not chained
    /// assert!(!t.related("ali", "alison")); // Ali is a name of the variant table
    /// ```
    pub fn related(&self, a: &str, b: &str) -> bool {
        match (self.id(a), self.id(b)) {
            (Some(x), Some(y)) => self.related_ids(x, y),
            _ => false,
        }
    }

    /// The names listed with `name` (its nicknames, and the names it is a nickname of), in
    /// id order.
    pub fn related_to(&self, name: &str) -> Vec<&'static str> {
        let Some(id) = self.id(name) else {
            return Vec::new();
        };
        self.pairs
            .iter()
            .filter_map(|&p| {
                let (x, y) = ((p >> 16) as u16, (p & 0xFFFF) as u16);
                if x == id {
                    self.name(y)
                } else if y == id {
                    self.name(x)
                } else {
                    None
                }
            })
            .collect()
    }

    /// Number of names in the table.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// Whether the table is empty.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// Number of listed pairs.
    pub fn pair_count(&self) -> usize {
        self.pairs.len()
    }
}

fn pair_key(a: u16, b: u16) -> u32 {
    let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
    (u32::from(lo) << 16) | u32::from(hi)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_compiled_list_loads() {
        let t = table();
        // 2,691 lines; a few have initials (`k.c.`) and are skipped, a few names are left
        // to the variant table.
        assert!(t.pair_count() > 2_500, "{}", t.pair_count());
        assert!(t.len() > 2_000, "{}", t.len());
        for (a, b) in [
            ("tom", "thomas"),
            ("peggy", "margaret"),
            ("bill", "william"),
            ("bob", "robert"),
            ("jack", "john"),
            ("dick", "richard"),
            ("ted", "theodore"),
        ] {
            assert!(t.related(a, b), "{a} / {b}");
            assert!(t.related(b, a), "{b} / {a}");
        }
        assert!(t.related_to("peggy").contains(&"margaret"));
        assert!(t.related_to("nobody").is_empty());
    }

    #[test]
    fn names_of_the_variant_table_are_left_to_it() {
        let t = table();
        for name in ["ali", "essa", "mona", "selma"] {
            assert_eq!(t.id(name), None, "{name}");
        }
        assert!(!t.related("vanessa", "essa"));
    }

    #[test]
    fn malformed_lines_are_skipped() {
        let t = NicknameTable::parse(
            "h\ncasey,has_nickname,k.c.\nbad line\nann,has_nickname,ANN\nann,x,nan\r\n",
            |_| false,
        );
        assert_eq!(t.pair_count(), 1);
        assert!(t.related("nan", "ann"));
    }
}
