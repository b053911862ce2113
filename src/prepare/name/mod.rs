//! Name columns: every name prepared once by the [`NameComparator`], with the loose keys of
//! its tokens for blocking and the frequency of each whole-name key for term-frequency
//! adjustment. A field with `also` columns holds several spellings per record.

mod compare;
mod keys;

use super::interner::Interner;
use crate::core::{SimilarityLevels, par};
use crate::name::{NameComparator, PreparedName};
use crate::schema::ALTERNATIVE_SEPARATOR;

/// One prepared name: the comparator's prepared form, and the record's other spellings
/// of it (a field with `also` columns).
struct NameValue {
    name: PreparedName,
    /// Other spellings (usually none).
    others: Vec<NameValue>,
}

impl NameValue {
    /// Loose keys of the name tokens, in order (titles, connectors, articles left out):
    /// read from the tokens, not stored (a million names would keep a million small
    /// vectors of strings).
    fn keys(&self) -> impl Iterator<Item = &str> {
        self.name
            .name()
            .tokens
            .iter()
            .filter(|t| t.role().is_name())
            .map(|t| t.loose_key())
            .filter(|k| !k.is_empty())
    }

    /// The keys joined by `sep`.
    fn joined_keys(&self, sep: &str) -> String {
        let mut out = String::new();
        for (i, k) in self.keys().enumerate() {
            if i > 0 {
                out.push_str(sep);
            }
            out.push_str(k);
        }
        out
    }

    /// This spelling and the others.
    fn spellings(&self) -> impl Iterator<Item = &NameValue> {
        std::iter::once(self).chain(&self.others)
    }
}

/// A name column, compared with the [`NameComparator`].
pub(crate) struct NameColumn {
    levels: SimilarityLevels,
    comparator: NameComparator,
    values: Vec<Option<NameValue>>,
    /// Per record, its full-name key (token keys joined) interned with its frequency, for
    /// TF adjustment (0 for a null name).
    key_ids: Vec<u32>,
    key_counts: Interner,
    /// Null names without letters (blank, only marks, digits or symbols).
    empty: u64,
    /// Null names with letters but no name token (only titles or an article; letters no
    /// romanisation covers).
    no_token: u64,
}

// Preparing.
impl NameColumn {
    pub(crate) fn new(levels: SimilarityLevels, raw: &[Option<&str>]) -> Self {
        let mut d = NameColumn {
            levels,
            comparator: NameComparator::default(),
            values: Vec::new(),
            key_ids: Vec::new(),
            key_counts: Interner::default(),
            empty: 0,
            no_token: 0,
        };
        d.extend(raw);
        d
    }

    fn value(&self, i: usize) -> Option<&NameValue> {
        self.values.get(i)?.as_ref()
    }

    pub(crate) fn extend(&mut self, raw: &[Option<&str>]) {
        let comparator = &self.comparator;
        let v = par::map(raw, 1024, |r| r.and_then(|s| prepare_name(comparator, s)));
        for (x, r) in v.iter().zip(raw) {
            let Some(x) = x else {
                // Letters but no name token: only titles or an article, or letters no
                // romanisation covers.
                if r.is_some_and(|s| s.chars().any(char::is_alphabetic)) {
                    self.no_token += 1;
                } else {
                    self.empty += 1;
                }
                self.key_ids.push(0);
                continue;
            };
            self.key_ids
                .push(self.key_counts.intern(&x.joined_keys(" ")));
        }
        self.values.extend(v);
    }

    /// Why names are null, with counts.
    pub(crate) fn null_reasons(&self) -> Vec<(&'static str, u64)> {
        [("empty", self.empty), ("no_name_token", self.no_token)]
            .into_iter()
            .filter(|&(_, c)| c > 0)
            .collect()
    }
}

/// The prepared spellings of a raw value (several when joined with
/// [`ALTERNATIVE_SEPARATOR`]); `None` when none has a name token.
fn prepare_name(comparator: &NameComparator, raw: &str) -> Option<NameValue> {
    let mut spellings = raw
        .split(ALTERNATIVE_SEPARATOR)
        .filter_map(|s| prepare_spelling(comparator, s));
    let mut first = spellings.next()?;
    first.others = spellings.collect();
    Some(first)
}

fn prepare_spelling(comparator: &NameComparator, raw: &str) -> Option<NameValue> {
    let mut name = comparator.prepare(raw);
    if name.token_count() == 0 {
        return None;
    }
    name.drop_original();
    Some(NameValue {
        name,
        others: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::Level;
    use crate::schema::KeyPart;

    fn column(names: &[Option<&str>]) -> NameColumn {
        NameColumn::new(SimilarityLevels::default(), names)
    }

    #[test]
    fn cross_script_spellings_share_keys_and_levels() {
        let c = column(&[
            Some("صالح الفضالة"),
            Some("Saleh Al-Fadhala"),
            Some("Mona Haddad"),
            Some("  "),
            None,
        ]);
        assert!(c.compare(0, &c, 1) <= Level(2), "{:?}", c.compare(0, &c, 1));
        assert_eq!(c.compare(0, &c, 2), Level(4));
        assert_eq!(c.compare(0, &c, 3), Level::NULL);
        let keys = |i, part| {
            let mut k = Vec::new();
            c.keys(i, part, &mut k);
            k
        };
        assert_eq!(keys(0, KeyPart::Family), keys(1, KeyPart::Family));
        assert_eq!(keys(0, KeyPart::Given), keys(1, KeyPart::Given));
        assert!(keys(3, KeyPart::Token).is_empty());
        assert_eq!(c.null_reasons(), [("empty", 2)]); // blank and missing
        assert_eq!(c.term_count(0), c.term_count(1));
        assert!(c.similarity(0, &c, 1).is_some_and(|s| s > 0.88));
    }

    #[test]
    fn other_spellings_give_keys_and_the_best_level() {
        let sep = ALTERNATIVE_SEPARATOR;
        let both = format!("Mona Haddad{sep}منى حداد");
        let c = column(&[Some(&both), Some("منى حداد"), Some("Mona Hadad")]);
        assert_eq!(c.compare(0, &c, 1), Level(0));
        let mut k = Vec::new();
        c.keys(0, KeyPart::Token, &mut k);
        let mut arabic = Vec::new();
        c.keys(1, KeyPart::Token, &mut arabic);
        assert!(arabic.iter().all(|x| k.contains(x)));
    }
}
