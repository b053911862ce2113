//! Nationality and country of birth → ISO 3166-1 alpha-3.
//!
//! Accepts ISO alpha-2, alpha-3 and numeric codes, English country names and adjectives,
//! Arabic country names and adjectives with or without the article and in the feminine
//! (`كويتي`, `كويتية`, `الكويتي`, `الكويتية`), and the labels of stateless residents
//! (`بدون`, `غير محدد الجنسية`, Bidoon, Bedoon, Bidun, stateless, `XXA`), which all become
//! [`Nationality::STATELESS`]. The table is `data/countries.tsv` (see `data/README.md`).

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::sync::OnceLock;

use super::{FieldComparator, Level, LevelInfo, NullReason, reason_of};
use crate::text::digits::fold_digits;
use crate::text::word_key;

/// A nationality as an ISO 3166-1 alpha-3 code, or one of the ICAO Doc 9303 codes `XXA`
/// (stateless), `XXB` (refugee under the 1951 convention), `XXC` (other refugee), or the
/// user-assigned `XKX` (Kosovo).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Nationality([u8; 3]);

const TABLE_TSV: &str = include_str!("../../data/countries.tsv");

/// Stateless labels (before key folding).
const STATELESS_LABELS: &[&str] = &[
    "بدون",
    "البدون",
    "بدون جنسية",
    "غير محدد الجنسية",
    "غير محددي الجنسية",
    "غير محدد جنسية",
    "عديم الجنسية",
    "عديمي الجنسية",
    "مقيم بصورة غير قانونية",
    "bidoon",
    "bedoon",
    "bidun",
    "bedun",
    "bidoun",
    "bedoun",
    "bidoon jinsiya",
    "stateless",
    "without nationality",
    "no nationality",
    "non national",
];

/// Refugee labels (ICAO `XXB`; `XXC` only by code).
const REFUGEE_LABELS: &[&str] = &["refugee", "لاجئ", "لاجئة"];

/// Values that say the nationality is not known.
const UNKNOWN_LABELS: &[&str] = &[
    "unknown",
    "not known",
    "unspecified",
    "n a",
    "na",
    "none",
    "null",
    "nil",
    "other",
    "others",
    "xxx",
    "غير معروف",
    "غير معروفة",
    "غير محدد",
    "مجهول",
    "مجهولة",
    "اخرى",
    "أخرى",
    "اخري",
    "لا يوجد",
];

/// Codes outside ISO 3166-1 that registries and travel documents use.
const EXTRA_CODES: &[(&str, &str)] = &[
    ("XXA", "XXA"),
    ("XXB", "XXB"),
    ("XXC", "XXC"),
    ("XK", "XKX"),
    ("XKX", "XKX"),
    ("UNK", "XKX"),
    ("RKS", "XKX"),
    ("D", "DEU"),
    ("GBD", "GBR"),
    ("GBN", "GBR"),
    ("GBO", "GBR"),
    ("GBP", "GBR"),
    ("GBS", "GBR"),
    ("UK", "GBR"),
];

/// Names outside the ISO table.
const EXTRA_NAMES: &[(&str, &str)] = &[
    ("kosovo", "XKX"),
    ("kosovar", "XKX"),
    ("كوسوفو", "XKX"),
    ("كوسوفي", "XKX"),
];

/// Words that only say "this is a nationality" (`جنسية كويتية`, `Kuwaiti national`).
const NOISE_WORDS: &[&str] = &[
    "جنسيه",
    "جنسي",
    "nationality",
    "national",
    "citizen",
    "citizenship",
    "republic",
    "of",
    "the",
];

struct Tables {
    names: HashMap<String, Nationality>,
    codes: HashMap<String, Nationality>,
    unknown: HashSet<String>,
}

fn code3(s: &str) -> Option<Nationality> {
    let b = s.as_bytes();
    (b.len() == 3 && b.iter().all(u8::is_ascii_uppercase)).then(|| Nationality([b[0], b[1], b[2]]))
}

fn tables() -> &'static Tables {
    static T: OnceLock<Tables> = OnceLock::new();
    T.get_or_init(|| {
        let mut names = HashMap::new();
        let mut codes = HashMap::new();
        for line in TABLE_TSV.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            let [a2, a3, num, en, ar] = cols[..] else {
                continue;
            };
            let Some(nat) = code3(a3) else { continue };
            codes.insert(a2.to_owned(), nat);
            codes.insert(a3.to_owned(), nat);
            if let Ok(n) = num.parse::<u16>() {
                codes.insert(n.to_string(), nat);
            }
            for name in en.split('|').chain(ar.split('|')) {
                let k = key(name);
                if !k.is_empty() {
                    names.entry(k).or_insert(nat);
                }
            }
        }
        for (c, n) in EXTRA_CODES {
            if let Some(nat) = code3(n) {
                codes.insert((*c).to_owned(), nat);
            }
        }
        for (name, n) in EXTRA_NAMES {
            if let Some(nat) = code3(n) {
                names.insert(key(name), nat);
            }
        }
        for l in STATELESS_LABELS {
            names.insert(key(l), Nationality::STATELESS);
        }
        for l in REFUGEE_LABELS {
            names.insert(key(l), Nationality(*b"XXB"));
        }
        let unknown = UNKNOWN_LABELS.iter().map(|l| key(l)).collect();
        Tables {
            names,
            codes,
            unknown,
        }
    })
}

/// Whether `c` is an Arabic letter (the basic block's letters).
fn is_arabic(c: char) -> bool {
    ('\u{0620}'..='\u{064A}').contains(&c) || ('\u{0671}'..='\u{06D3}').contains(&c)
}

/// The look-up key of a nationality string: [`word_key`], punctuation to spaces, and per
/// Arabic word the article `ال` and the feminine ending (`ية` → `ي`) removed.
fn key(s: &str) -> String {
    let base = word_key(s);
    let mut out = String::with_capacity(base.len());
    for word in base
        .split(|c: char| !(c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
    {
        let mut w = word;
        if w.chars().next().is_some_and(is_arabic) {
            if let Some(rest) = w.strip_prefix("ال")
                && rest.chars().count() >= 2
            {
                w = rest;
            }
            if let Some(stem) = w.strip_suffix("يه")
                && stem.chars().count() >= 2
            {
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(stem);
                out.push('ي');
                continue;
            }
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

impl Nationality {
    /// Stateless (ICAO `XXA`): every Bidoon / stateless label maps here.
    pub const STATELESS: Nationality = Nationality(*b"XXA");

    /// Parse a nationality or country.
    ///
    /// # Errors
    /// [`NullReason::Empty`] for a blank value, [`NullReason::Unknown`] for `unknown`,
    /// `N/A`, `XXX`, `غير معروف` … (so `NA` is not read as Namibia), and
    /// [`NullReason::Unrecognised`] for anything not in the table.
    ///
    /// ```
    /// use hawiya::field::Nationality;
    /// assert_eq!(Nationality::parse("الكويتية")?.as_str(), "KWT");
    /// assert_eq!(Nationality::parse("Kuwaiti")?.as_str(), "KWT");
    /// assert_eq!(Nationality::parse("414")?.as_str(), "KWT");
    /// assert_eq!(Nationality::parse("غير محدد الجنسية")?, Nationality::STATELESS);
    /// assert_eq!(Nationality::parse("Bidoon")?, Nationality::STATELESS);
    /// # Ok::<(), hawiya::field::NullReason>(())
    /// ```
    pub fn parse(raw: &str) -> Result<Self, NullReason> {
        let folded = fold_digits(raw);
        let s = folded.trim();
        if s.is_empty() || !s.chars().any(char::is_alphanumeric) {
            return Err(NullReason::Empty);
        }
        let k = key(s);
        let t = tables();
        if t.unknown.contains(&k) {
            return Err(NullReason::Unknown);
        }
        if let Some(&n) = t.names.get(&k) {
            return Ok(n);
        }
        // Codes: 1–3 ASCII letters or 1–3 digits.
        let compact: String = s.chars().filter(|c| c.is_ascii_alphanumeric()).collect();
        if (1..=3).contains(&compact.len()) && compact.len() == k.replace(' ', "").len() {
            let code = if compact.bytes().all(|b| b.is_ascii_digit()) {
                compact
                    .parse::<u16>()
                    .map(|n| n.to_string())
                    .unwrap_or_default()
            } else {
                compact.to_ascii_uppercase()
            };
            if let Some(&n) = t.codes.get(&code) {
                return Ok(n);
            }
        }
        let stripped: Vec<&str> = k.split(' ').filter(|w| !NOISE_WORDS.contains(w)).collect();
        if !stripped.is_empty()
            && let Some(&n) = t.names.get(&stripped.join(" "))
        {
            return Ok(n);
        }
        Err(NullReason::Unrecognised)
    }

    /// The three-letter code.
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or_default()
    }

    /// Whether this is [`Nationality::STATELESS`].
    pub fn is_stateless(self) -> bool {
        self == Nationality::STATELESS
    }

    /// Whether this is stateless or a refugee code (`XXA`, `XXB`, `XXC`): a recorded
    /// nationality that may later be replaced by a real one.
    pub fn is_without_nationality(self) -> bool {
        matches!(&self.0, b"XXA" | b"XXB" | b"XXC")
    }
}

impl fmt::Debug for Nationality {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Nationality({})", self.as_str())
    }
}

impl fmt::Display for Nationality {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Compares nationalities. Levels, strongest first:
///
/// | level | name | meaning |
/// |---|---|---|
/// | 0 | `exact` | same code (both stateless included) |
/// | 1 | `stateless_one_side` | one side stateless or refugee, the other a nationality: weak evidence, since stateless residents' recorded nationality is often reassigned |
/// | 2 | `else` | two different nationalities |
#[derive(Clone, Copy, Debug, Default)]
pub struct NationalityComparator;

const NATIONALITY_LEVELS: &[LevelInfo] = &[
    LevelInfo {
        name: "exact",
        description: "same nationality",
    },
    LevelInfo {
        name: "stateless_one_side",
        description: "one side stateless or refugee",
    },
    LevelInfo {
        name: "else",
        description: "different nationalities",
    },
];

impl NationalityComparator {
    /// Level `exact`.
    pub const EXACT: Level = Level(0);
    /// Level `stateless_one_side`.
    pub const STATELESS_ONE_SIDE: Level = Level(1);
    /// Level `else`.
    pub const ELSE: Level = Level(2);
}

impl FieldComparator for NationalityComparator {
    type Prepared = Result<Nationality, NullReason>;

    fn prepare(&self, raw: &str) -> Self::Prepared {
        Nationality::parse(raw)
    }

    fn compare(&self, a: &Self::Prepared, b: &Self::Prepared) -> Level {
        match (a, b) {
            (Ok(a), Ok(b)) if a == b => Self::EXACT,
            (Ok(a), Ok(b)) if a.is_without_nationality() || b.is_without_nationality() => {
                Self::STATELESS_ONE_SIDE
            }
            (Ok(_), Ok(_)) => Self::ELSE,
            _ => Level::NULL,
        }
    }

    fn levels(&self) -> &'static [LevelInfo] {
        NATIONALITY_LEVELS
    }

    fn null_reason(&self, prepared: &Self::Prepared) -> Option<NullReason> {
        reason_of(prepared)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_complete_and_consistent() {
        let mut rows = 0;
        let mut seen = std::collections::HashSet::new();
        for line in TABLE_TSV.lines().filter(|l| !l.starts_with('#')) {
            let cols: Vec<&str> = line.split('\t').collect();
            assert_eq!(cols.len(), 5, "{line}");
            assert_eq!(cols[0].len(), 2, "{line}");
            assert!(code3(cols[1]).is_some(), "{line}");
            assert_eq!(cols[2].len(), 3, "{line}");
            assert!(seen.insert(cols[1]), "duplicate {}", cols[1]);
            rows += 1;
        }
        assert_eq!(rows, 249);
    }

    #[test]
    fn keys_fold_article_and_feminine() {
        assert_eq!(key("الكويتية"), "كويتي");
        assert_eq!(key("كويتيّة"), "كويتي");
        assert_eq!(key("المملكة العربية السعودية"), "مملكه عربي سعودي");
        assert_eq!(key("Côte d'Ivoire"), "cote divoire");
        assert_eq!(key("الجزائرية"), key("جزايري"));
        assert_eq!(key("Cocos (Keeling) Islands"), "cocos keeling islands");
    }

    #[test]
    fn names_in_the_table_do_not_collide() {
        // Every name of a row must map back to that row (first writer wins on collisions).
        let t = tables();
        for line in TABLE_TSV.lines().filter(|l| !l.starts_with('#')) {
            let cols: Vec<&str> = line.split('\t').collect();
            for name in cols[3].split('|').chain(cols[4].split('|')) {
                if name.is_empty() {
                    continue;
                }
                let got = t.names.get(&key(name)).map(|n| n.as_str().to_owned());
                assert_eq!(got.as_deref(), Some(cols[1]), "{name}");
            }
        }
    }

    #[test]
    fn levels() {
        let c = NationalityComparator;
        let l = |a: &str, b: &str| c.compare(&c.prepare(a), &c.prepare(b));
        assert_eq!(l("كويتية", "KWT"), NationalityComparator::EXACT);
        assert_eq!(l("بدون", "Bedoon"), NationalityComparator::EXACT);
        assert_eq!(
            l("بدون", "عراقي"),
            NationalityComparator::STATELESS_ONE_SIDE
        );
        assert_eq!(l("Saudi", "XXA"), NationalityComparator::STATELESS_ONE_SIDE);
        assert_eq!(
            l("refugee", "Syrian"),
            NationalityComparator::STATELESS_ONE_SIDE
        );
        assert_eq!(l("مصري", "سوري"), NationalityComparator::ELSE);
        assert_eq!(l("مصري", "unknown"), Level::NULL);
        assert_eq!(l("", "EGY"), Level::NULL);
    }
}
