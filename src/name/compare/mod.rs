//! The name comparator: full person names in any script, token-aware and explainable.
//!
//! [`NameComparator::prepare`] normalises a name once into a [`PreparedName`]: its name
//! tokens (titles, connectors, lone articles and digits left out), each with its phonetic
//! code as dense symbols ([`crate::name::translit`]), loose and strict key and
//! variant id. [`NameComparator::similarity`] then compares two prepared names:
//!
//! 1. **Token similarity** — the transliteration-aware weighted edit distance of the two
//!    codes ([`TranslitCosts`]), lifted to a floor when the strict or loose keys agree,
//!    1.0 for two spellings of one variant-table entry, and capped low for two different
//!    entries (`محمد` / `محمود`, `حسن` / `حسين`). An initial matches a token with that
//!    initial.
//! 2. **Compounds** — where a token has no good partner, adjacent tokens of one side are
//!    tried joined against one token of the other (`Ben Ali` / `Benali`, `Abd Allah` /
//!    `Abdallah`).
//! 3. **Alignment** — the best one-to-one assignment of the shorter name's tokens to the
//!    longer name's (exact, over at most [`MAX_TOKENS`] tokens), so order changes
//!    (family-first) cost only a small order penalty.
//! 4. **Score** — the weighted mean of the shorter side's token scores (the first given name
//!    and the family name weigh most), minus a small penalty for each token of the longer
//!    side left out (a middle name; more for the first or last one) and for a changed
//!    order. A contradiction (a token with no partner) costs its whole weight; an
//!    omission only the penalty.
//!
//! The result is symmetric, in [0, 1], and 1.0 for identical input.

mod explain;

pub use explain::{AlignedPair, NameExplanation, PairNote, SideToken};

use crate::name::translit::{TranslitCosts, TranslitKernel, dense_code};
use crate::name::{Normalizer, NormalizerOptions, PersonName, Role, TokenFlags};
use crate::name::{nicknames, phonetic, variants};
use crate::text::Script;
use crate::{Error, Result};

/// Longest name (in name tokens) the exact alignment considers; tokens beyond it (in the
/// middle of a longer name) are left out of the comparison.
pub const MAX_TOKENS: usize = 8;

/// The serde-able options of a [`NameComparator`]. Defaults are the values tuned on the
/// development pairs (see the crate's evaluation example).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CompareOptions {
    /// How names are normalised.
    pub normalizer: NormalizerOptions,
    /// The transliteration costs of the token similarity (a Latin token on either side).
    pub costs: TranslitCosts,
    /// The costs between two Arabic-script tokens: letters are written there, so a long
    /// vowel, a semivowel or a letter of another class is real evidence; only the noise
    /// that folding leaves (hamza seats, doubled letters) is cheap.
    pub arabic_costs: TranslitCosts,
    /// Highest score of two tokens listed as different names of the variant table
    /// (`محمد` / `محمود`). Default 0.3.
    pub distinct_variant_cap: f64,
    /// Highest score of two tokens listed as different names of the variant table when
    /// one of them is in Latin script and its spelling is not listed for the other name
    /// (a Latin spelling is more ambiguous than Arabic script: `Hamed` for `حمد`).
    /// Default 0.45.
    pub distinct_variant_cap_latin: f64,
    /// Key floors apply only when the edit similarity is at least this (keys of unrelated
    /// names can collide). Default 0.5.
    pub key_floor_min_edit: f64,
    /// Subtracted from a token score when exactly one of the two ends in a nisba vowel
    /// (`ي`, Latin `-i`/`-y`/`-ee` after a consonant: `Ibrahimi` / `Ibrahim`,
    /// `Amrani` / `Amran`), which makes a different family name. Default 0.15.
    pub nisba_penalty: f64,
    /// Lowest score of two tokens with equal strict keys. Default 0.95.
    pub strict_key_floor: f64,
    /// Lowest score of two tokens with equal loose keys. Default 0.85.
    pub loose_key_floor: f64,
    /// Score of an initial against a token with that initial. Default 0.85.
    pub initial_score: f64,
    /// Token pairs scoring below this are not aligned (a contradiction). Default 0.5.
    pub min_token_score: f64,
    /// A joined pair of adjacent tokens replaces the two when it scores at least this
    /// against one token of the other name. Default 0.7.
    pub join_min_score: f64,
    /// Weight of a middle token of the shorter name (first and last weigh 1). Default 0.6.
    pub middle_weight: f64,
    /// Penalty for each middle token of the longer name left unaligned. Default 0.04.
    pub missing_middle_penalty: f64,
    /// Penalty for an unaligned first or last token of the longer name. Default 0.12.
    pub missing_edge_penalty: f64,
    /// Extra penalty when one name is a single token and the other has more: one shared
    /// word is weak evidence (`Layla` / `Layla Al-Othman`). Default 0.05.
    pub single_token_penalty: f64,
    /// Penalty when the aligned tokens are not in the same order. Default 0.05.
    pub order_penalty: f64,
    /// Lowest score of two given names listed as a name and its nickname (`Tom` /
    /// `Thomas`, `Peggy` / `Margaret`; see [`crate::name::nicknames`]): near a spelling
    /// variant, below the same name. Default 0.9.
    pub nickname_score: f64,
    /// Highest score of two different tokens when one of them was romanised from a script
    /// other than Arabic and Latin (`Сергей` / `Sergei`): a romanisation is one spelling
    /// among several, so weaker evidence than a Latin spelling. Default 0.9.
    pub romanized_cap: f64,
}

impl Default for CompareOptions {
    fn default() -> Self {
        CompareOptions {
            normalizer: NormalizerOptions::default(),
            costs: TranslitCosts::default(),
            arabic_costs: TranslitCosts::arabic(),
            distinct_variant_cap: 0.3,
            distinct_variant_cap_latin: 0.45,
            key_floor_min_edit: 0.25,
            nisba_penalty: 0.15,
            strict_key_floor: 0.95,
            loose_key_floor: 0.85,
            initial_score: 0.85,
            min_token_score: 0.5,
            join_min_score: 0.7,
            middle_weight: 0.6,
            missing_middle_penalty: 0.04,
            missing_edge_penalty: 0.12,
            single_token_penalty: 0.05,
            order_penalty: 0.05,
            nickname_score: 0.9,
            romanized_cap: 0.9,
        }
    }
}

impl CompareOptions {
    fn check(&self) -> Result<()> {
        let unit = [
            ("distinct_variant_cap", self.distinct_variant_cap),
            (
                "distinct_variant_cap_latin",
                self.distinct_variant_cap_latin,
            ),
            ("key_floor_min_edit", self.key_floor_min_edit),
            ("nisba_penalty", self.nisba_penalty),
            ("strict_key_floor", self.strict_key_floor),
            ("loose_key_floor", self.loose_key_floor),
            ("initial_score", self.initial_score),
            ("min_token_score", self.min_token_score),
            ("join_min_score", self.join_min_score),
            ("middle_weight", self.middle_weight),
            ("missing_middle_penalty", self.missing_middle_penalty),
            ("missing_edge_penalty", self.missing_edge_penalty),
            ("order_penalty", self.order_penalty),
            ("single_token_penalty", self.single_token_penalty),
            ("nickname_score", self.nickname_score),
            ("romanized_cap", self.romanized_cap),
        ];
        for (key, v) in unit {
            if !(0.0..=1.0).contains(&v) {
                return Err(Error::config(
                    format!("compare.{key}"),
                    format!("must be in [0, 1], got {v}"),
                ));
            }
        }
        if self.middle_weight == 0.0 {
            return Err(Error::config(
                "compare.middle_weight",
                "must be greater than 0",
            ));
        }
        Ok(())
    }
}

/// One name token of a [`PreparedName`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct PTok {
    /// Index of the token in `PersonName::tokens`.
    src: u8,
    /// Range of its dense code in `PreparedName::codes`.
    start: u16,
    end: u16,
    /// Range of the alternative code in `PreparedName::alts` (empty when none): the
    /// token with its article (`العراقي` / `Laraki`) or after its connector
    /// (`بن طاهر` / `Bentahar`), read as written.
    alt_start: u16,
    alt_end: u16,
    /// Second alternative: a Latin token read with its digraphs split (`Mazhar` z-h,
    /// `Fathi` t-h, `Adham` d-h), in `PreparedName::alts`.
    split_start: u16,
    split_end: u16,
    latin: bool,
    /// Normalisation constant of the code under the Latin and the Arabic kernel.
    worst: [u32; 2],
    /// The code ends in a vowel `i`/`I`/`y`/`e` after a consonant (nisba), or in a
    /// consonant: `Some(true)` / `Some(false)`; `None` for other endings.
    nisba: Option<bool>,
    /// Consonants in the code (a doubled one counted once): joins must agree on it.
    cons: u8,
    /// Variant-table entries that list this exact spelling (up to 3; a spelling such as
    /// `rashid` can belong to several names).
    listed: [u16; 3],
    /// Hashes of the loose and strict keys (0 = empty key).
    loose: u64,
    strict: u64,
    variant: Option<u16>,
    initial: bool,
    /// Class of the first code: its loose class, or 1 for a vowel / glottal onset.
    first: u8,
    /// Id of the given name in the nickname table ([`NO_NICKNAME`] when not listed or not
    /// a given name).
    nick: u16,
    /// The token was romanised from another script ([`TokenFlags::ROMANIZED`]).
    romanized: bool,
    /// The token names a title's territory ([`TokenFlags::TERRITORIAL`]).
    territorial: bool,
}

const NO_NICKNAME: u16 = u16::MAX;

/// A name normalised once for comparison: the parsed [`PersonName`] plus, for each name
/// token, its dense phonetic code, key hashes and variant id. Build it with
/// [`NameComparator::prepare`]; compare with [`NameComparator::similarity`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreparedName {
    name: PersonName,
    codes: Vec<u8>,
    alts: Vec<u8>,
    toks: Vec<PTok>,
}

impl PreparedName {
    /// The parsed name.
    pub fn name(&self) -> &PersonName {
        &self.name
    }

    /// Number of tokens that take part in the comparison (name tokens and initials).
    pub fn token_count(&self) -> usize {
        self.toks.len()
    }

    fn code(&self, t: &PTok) -> &[u8] {
        self.codes
            .get(usize::from(t.start)..usize::from(t.end))
            .unwrap_or(&[])
    }

    fn alt(&self, t: &PTok) -> &[u8] {
        self.alts
            .get(usize::from(t.alt_start)..usize::from(t.alt_end))
            .unwrap_or(&[])
    }

    fn split(&self, t: &PTok) -> &[u8] {
        self.alts
            .get(usize::from(t.split_start)..usize::from(t.split_end))
            .unwrap_or(&[])
    }

    /// The code of units `first..=last` (adjacent tokens are adjacent in `codes`).
    fn span_code(&self, first: usize, last: usize) -> &[u8] {
        match (self.toks.get(first), self.toks.get(last)) {
            (Some(a), Some(b)) => self
                .codes
                .get(usize::from(a.start)..usize::from(b.end))
                .unwrap_or(&[]),
            _ => &[],
        }
    }
}

/// Append `code` as dense symbols. Taa marbuta: in Arabic script a final ه/ة after a
/// consonant is read as the vowel `a` (`فاطمة` Fatima, `عبدالله` Abdulla), as Latin
/// spellings mostly write it.
fn push_dense(out: &mut Vec<u8>, code: &[u8], arabic: bool) {
    out.extend(code.iter().map(|&c| dense_code(c)));
    let n = code.len();
    if arabic
        && n >= 3
        && code[n - 1] == b'h'
        && phonetic::code_kind(code[n - 2]) == Some(phonetic::CodeKind::Consonant)
    {
        if let Some(last) = out.last_mut() {
            *last = dense_code(b'a');
        }
    }
}

/// The class an initial is compared on: 1 for a name starting with a vowel, hamza or
/// ayn (`O.` for `Omar`, `عمر`), else the first Latin letter of its spelling (`K.` for
/// `Khaled` and `خالد`).
fn initial_class(t: &crate::name::Token) -> u8 {
    let c0 = t.code().first().copied().unwrap_or(0);
    if phonetic::is_vowel(c0) || phonetic::is_glottal(c0) {
        return 1;
    }
    let spelled = if t.script() == Script::Latin {
        t.folded()
    } else {
        t.romanized()
    };
    match spelled.bytes().find(u8::is_ascii_alphabetic) {
        Some(b) if b"aeiou".contains(&b.to_ascii_lowercase()) => 1,
        Some(b) => b.to_ascii_lowercase(),
        None => phonetic::loose_class(c0).max(1),
    }
}

fn nisba_ending(code: &[u8]) -> Option<bool> {
    let n = code.len();
    let last = *code.last()?;
    let consonant = |c: u8| phonetic::code_kind(c) == Some(phonetic::CodeKind::Consonant);
    if n >= 3 && matches!(last, b'i' | b'I' | b'y') && consonant(code[n - 2]) {
        Some(true)
    } else if n >= 3 && consonant(last) && last != b'h' {
        Some(false)
    } else {
        None
    }
}

fn consonants(code: &[u8]) -> u8 {
    let mut n = 0u8;
    let mut last = 0u8;
    for &c in code {
        let k = phonetic::code_kind(c);
        if matches!(
            k,
            Some(phonetic::CodeKind::Consonant | phonetic::CodeKind::Semivowel)
        ) && c != last
        {
            n = n.saturating_add(1);
        }
        last = c;
    }
    n
}

const NOT_LISTED: u16 = u16::MAX;

/// The variant-table entries whose spellings include `code` exactly.
fn listed_in(code: &[u8]) -> [u16; 3] {
    type Index = std::collections::HashMap<Vec<u8>, Vec<u16>, FnvBuild>;
    static INDEX: std::sync::LazyLock<Index> = std::sync::LazyLock::new(|| {
        let t = variants::table();
        let mut m = Index::default();
        for id in 0..t.len().min(usize::from(NOT_LISTED)) as u16 {
            if let Some(e) = t.entry(id) {
                for c in &e.codes {
                    let ids = m.entry(c.clone()).or_default();
                    if !ids.contains(&id) {
                        ids.push(id);
                    }
                }
            }
        }
        m
    });
    let mut out = [NOT_LISTED; 3];
    if let Some(ids) = INDEX.get(code) {
        for (o, &id) in out.iter_mut().zip(ids) {
            *o = id;
        }
    }
    out
}

/// The comparator's internal maps hash with the name tables' FNV-1a (short keys, no
/// untrusted adversary deciding the layout).
type FnvBuild = std::hash::BuildHasherDefault<crate::core::Fnv>;

fn key_hash(key: &str) -> u64 {
    if key.is_empty() {
        return 0;
    }
    // Keys are short and only equality matters.
    let mut h = crate::core::Fnv::default();
    std::hash::Hasher::write(&mut h, key.as_bytes());
    std::hash::Hasher::finish(&h) | 1
}

/// Compares full person names across scripts. Immutable and `Send + Sync`.
///
/// ```
/// use hawiya::name::NameComparator;
/// let cmp = NameComparator::default();
/// let a = cmp.prepare("محمد عبدالله أحمد الفضالة");
/// let b = cmp.prepare("MOHAMMED AL-FADHALA");
/// assert!(cmp.similarity(&a, &b) > 0.85);
/// let c = cmp.prepare("Mahmoud Al-Fadhala");
/// assert!(cmp.similarity(&b, &c) < 0.7);
/// assert_eq!(cmp.similarity(&a, &a), 1.0);
/// ```
#[derive(Debug, Clone)]
pub struct NameComparator {
    options: CompareOptions,
    normalizer: Normalizer,
    table: TranslitKernel,
    arabic_table: TranslitKernel,
}

impl Default for NameComparator {
    fn default() -> Self {
        NameComparator::new(CompareOptions::default()).unwrap_or_else(|_| NameComparator {
            options: CompareOptions::default(),
            normalizer: Normalizer::default(),
            table: TranslitKernel::new(crate::name::translit::default_table()),
            arabic_table: TranslitKernel::new(crate::name::translit::default_table()),
        })
    }
}

/// An aligned unit: tokens `first..=last` of one side.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Unit {
    first: u8,
    last: u8,
}

/// Units of one name on the stack (at most `MAX_TOKENS`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Units {
    v: [Unit; MAX_TOKENS],
    n: usize,
}

impl Units {
    fn singles(n: usize) -> Units {
        let mut u = Units {
            v: [Unit { first: 0, last: 0 }; MAX_TOKENS],
            n: n.min(MAX_TOKENS),
        };
        for (i, x) in u.v.iter_mut().enumerate() {
            *x = Unit {
                first: i as u8,
                last: i as u8,
            };
        }
        u
    }
    fn remove(&mut self, i: usize) {
        if i < self.n {
            self.v.copy_within(i + 1..self.n, i);
            self.n -= 1;
        }
    }
}

impl std::ops::Deref for Units {
    type Target = [Unit];
    fn deref(&self) -> &[Unit] {
        &self.v[..self.n]
    }
}

impl std::ops::DerefMut for Units {
    fn deref_mut(&mut self) -> &mut [Unit] {
        &mut self.v[..self.n]
    }
}

/// The result of aligning two names (short side `s`, long side `l`).
#[derive(Debug, Clone, Default)]
pub(crate) struct Alignment {
    s_units: Vec<Unit>,
    l_units: Vec<Unit>,
    /// For each unit of `s`: the aligned unit of `l` and the score.
    assigned: Vec<Option<(u8, f64)>>,
    pub(crate) quality: f64,
    pub(crate) missing_penalty: f64,
    pub(crate) order_penalty: f64,
    pub(crate) score: f64,
    swapped: bool,
}

impl NameComparator {
    /// A comparator with the given options.
    ///
    /// # Errors
    /// A config error for options out of range or a bad cost table.
    pub fn new(options: CompareOptions) -> Result<Self> {
        options.check()?;
        let normalizer = Normalizer::new(options.normalizer.clone())?;
        let table = TranslitKernel::new(&options.costs.table()?);
        let arabic_table = TranslitKernel::new(&options.arabic_costs.table()?);
        Ok(NameComparator {
            options,
            normalizer,
            table,
            arabic_table,
        })
    }

    /// The options.
    pub fn options(&self) -> &CompareOptions {
        &self.options
    }

    /// The normaliser used by [`NameComparator::prepare`].
    pub fn normalizer(&self) -> &Normalizer {
        &self.normalizer
    }

    /// Normalise `name` once for comparison.
    ///
    /// ```
    /// let cmp = hawiya::name::NameComparator::default();
    /// let p = cmp.prepare("Dr. Abd al-Rahman bin Mohammed");
    /// assert_eq!(p.token_count(), 2); // title and connector left out
    /// ```
    pub fn prepare(&self, name: &str) -> PreparedName {
        self.prepare_parsed(self.normalizer.normalize(name))
    }

    /// Prepare an already parsed name.
    pub fn prepare_parsed(&self, name: PersonName) -> PreparedName {
        let mut codes = Vec::new();
        let mut alts = Vec::new();
        let mut toks = Vec::new();
        let mut candidates: Vec<usize> = name
            .tokens
            .iter()
            .enumerate()
            .filter(|(_, t)| {
                (t.role().is_name() || t.role() == Role::Initial) && !t.code().is_empty()
            })
            .map(|(i, _)| i)
            .collect();
        if candidates.len() > MAX_TOKENS {
            // Keep the first given names and the family name; drop from the middle.
            let last = candidates[candidates.len() - 1];
            candidates.truncate(MAX_TOKENS - 1);
            candidates.push(last);
        }
        let mut scratch = Vec::new();
        let mut text = String::new();
        for i in candidates {
            let t = &name.tokens[i];
            let start = codes.len();
            push_dense(&mut codes, t.code(), t.script() == Script::Arabic);
            let end = codes.len();
            // The alternative reading: connector + token, or the token with its article.
            let prev_connector = i
                .checked_sub(1)
                .and_then(|p| name.tokens.get(p))
                .filter(|p| p.role() == Role::Connector);
            text.clear();
            if let Some(p) = prev_connector {
                text.push_str(p.folded());
            }
            if prev_connector.is_some() || t.flags().contains(TokenFlags::HAD_ARTICLE) {
                text.extend(t.folded().chars().filter(|&c| c != ' '));
            }
            let alt_start = alts.len();
            if !text.is_empty() {
                scratch.clear();
                let folded: String = text.chars().filter(|&c| c != ' ').collect();
                phonetic::encode(&folded, &mut scratch);
                if scratch != t.code() {
                    push_dense(&mut alts, &scratch, t.script() == Script::Arabic);
                }
            }
            let alt_end = alts.len();
            let latin = t.script() == Script::Latin;
            if latin && t.role() != Role::Initial {
                let f = t.folded().as_bytes();
                let core = match f.iter().rposition(|&c| c == b' ') {
                    Some(p) if t.flags().contains(TokenFlags::HAD_ARTICLE) => &f[p + 1..],
                    _ => f,
                };
                if core
                    .windows(2)
                    .any(|w| matches!(w, [b't' | b's' | b'z' | b'd', b'h']))
                {
                    // A byte no spelling unit covers ('-') splits the digraph.
                    let mut text = Vec::with_capacity(core.len() + 4);
                    for (k, &c) in core.iter().enumerate() {
                        if c == b' ' {
                            continue;
                        }
                        text.push(c);
                        if matches!(c, b't' | b's' | b'z' | b'd') && core.get(k + 1) == Some(&b'h')
                        {
                            text.push(b'-');
                        }
                    }
                    scratch.clear();
                    phonetic::encode_latin(&text, &mut scratch);
                    push_dense(&mut alts, &scratch, false);
                }
            }
            let split_end = alts.len();
            if end > usize::from(u16::MAX) || split_end > usize::from(u16::MAX) {
                break;
            }
            let first = initial_class(t);
            let nick = if latin && t.role() == Role::Given {
                nicknames::table().id(t.folded())
            } else {
                None
            };
            toks.push(PTok {
                nick: nick.unwrap_or(NO_NICKNAME),
                romanized: t.flags().contains(TokenFlags::ROMANIZED),
                territorial: t.flags().contains(TokenFlags::TERRITORIAL),
                src: i as u8,
                start: start as u16,
                end: end as u16,
                alt_start: alt_start as u16,
                alt_end: alt_end as u16,
                split_start: alt_end as u16,
                split_end: split_end as u16,
                latin,
                worst: [
                    self.table.worst(&codes[start..end]),
                    self.arabic_table.worst(&codes[start..end]),
                ],
                cons: consonants(t.code()),
                nisba: nisba_ending(t.code()),
                listed: listed_in(t.code()),
                loose: key_hash(t.loose_key()),
                strict: key_hash(t.strict_key()),
                variant: t.variant_id(),
                initial: t.role() == Role::Initial,
                first,
            });
        }
        PreparedName {
            name,
            codes,
            alts,
            toks,
        }
    }

    /// Prepare many names (in parallel with the `parallel` feature; same result).
    pub fn prepare_many(&self, names: &[&str]) -> Vec<PreparedName> {
        #[cfg(feature = "parallel")]
        {
            use rayon::prelude::*;
            names.par_iter().map(|n| self.prepare(n)).collect()
        }
        #[cfg(not(feature = "parallel"))]
        {
            names.iter().map(|n| self.prepare(n)).collect()
        }
    }

    /// Similarity of two prepared names in [0, 1]: symmetric, 1.0 for identical names.
    pub fn similarity(&self, a: &PreparedName, b: &PreparedName) -> f64 {
        self.align(a, b, false).score
    }

    /// How close two prepared names are letter by letter: the transliteration similarity
    /// of their whole codes, without the comparator's floors, caps and variant table. Not a
    /// match score — a tie-breaker for ranking names with the same
    /// [`NameComparator::similarity`] (two spellings listed for one name, two names with
    /// one consonant skeleton).
    ///
    /// ```
    /// let cmp = hawiya::name::NameComparator::default();
    /// let q = cmp.prepare("Rima Khalaf");
    /// let (a, b) = (cmp.prepare("ريما خلف"), cmp.prepare("رامي خليفه"));
    /// assert!(cmp.closeness(&q, &a) > cmp.closeness(&q, &b));
    /// ```
    pub fn closeness(&self, a: &PreparedName, b: &PreparedName) -> f64 {
        let arabic = a.toks.iter().chain(&b.toks).all(|t| !t.latin);
        let kernel = if arabic {
            &self.arabic_table
        } else {
            &self.table
        };
        kernel.similarity(&a.codes, &b.codes)
    }

    /// Similarity of two names given as text (prepares both).
    ///
    /// ```
    /// let cmp = hawiya::name::NameComparator::default();
    /// assert!(cmp.similarity_str("عبد الرحمن", "Abdulrahman") > 0.9);
    /// assert!(cmp.similarity_str("محمد", "محمود") < 0.5);
    /// ```
    pub fn similarity_str(&self, a: &str, b: &str) -> f64 {
        self.similarity(&self.prepare(a), &self.prepare(b))
    }

    /// The similarity and how it came about: token alignment, per-token scores, tokens
    /// left out, penalties.
    ///
    /// ```
    /// let cmp = hawiya::name::NameComparator::default();
    /// let (a, b) = (cmp.prepare("Sheikh Mohammed bin Rashid"), cmp.prepare("محمد راشد"));
    /// let e = cmp.explain(&a, &b);
    /// assert_eq!(e.score, cmp.similarity(&a, &b));
    /// assert_eq!(e.pairs.len(), 2);
    /// assert_eq!(e.left_ignored.len(), 2); // Sheikh, bin
    /// println!("{e}");
    /// ```
    pub fn explain(&self, a: &PreparedName, b: &PreparedName) -> NameExplanation {
        let al = self.align(a, b, true);
        explain::build(a, b, &al, |x, ux, y, uy| self.notes(x, ux, y, uy))
    }

    /// What the explanation says about an aligned pair of units besides its score.
    fn notes(&self, a: &PreparedName, ua: Unit, b: &PreparedName, ub: Unit) -> Vec<PairNote> {
        let mut notes = Vec::new();
        if ua.first == ua.last && ub.first == ub.last {
            if let (Some(x), Some(y)) = (
                a.toks.get(usize::from(ua.first)),
                b.toks.get(usize::from(ub.first)),
            ) {
                if x.initial || y.initial {
                    notes.push(PairNote::Initial);
                } else {
                    let ev = self.evidence(a, x, b, y);
                    if ev.nickname {
                        notes.push(PairNote::Nickname);
                    }
                    if ev.romanized {
                        notes.push(PairNote::Romanized);
                    }
                }
            }
        } else {
            notes.push(PairNote::Joined);
            if a.unit_romanized(ua) || b.unit_romanized(ub) {
                notes.push(PairNote::Romanized);
            }
        }
        notes
    }

    /// Scores of `query` against every candidate, in candidate order (in parallel with the
    /// `parallel` feature; same result).
    pub fn one_vs_many(&self, query: &PreparedName, candidates: &[PreparedName]) -> Vec<f64> {
        #[cfg(feature = "parallel")]
        {
            use rayon::prelude::*;
            candidates
                .par_iter()
                .with_min_len(256)
                .map(|c| self.similarity(query, c))
                .collect()
        }
        #[cfg(not(feature = "parallel"))]
        {
            candidates
                .iter()
                .map(|c| self.similarity(query, c))
                .collect()
        }
    }

    /// Scores of prepared pairs `(lefts[i], rights[i])`; the shorter length wins (in
    /// parallel with the `parallel` feature; same result).
    pub fn score_prepared_pairs(
        &self,
        lefts: &[PreparedName],
        rights: &[PreparedName],
    ) -> Vec<f64> {
        #[cfg(feature = "parallel")]
        {
            use rayon::prelude::*;
            lefts
                .par_iter()
                .zip(rights.par_iter())
                .with_min_len(256)
                .map(|(a, b)| self.similarity(a, b))
                .collect()
        }
        #[cfg(not(feature = "parallel"))]
        {
            lefts
                .iter()
                .zip(rights)
                .map(|(a, b)| self.similarity(a, b))
                .collect()
        }
    }

    /// Scores of the name pairs `(lefts[i], rights[i])` given as text; the shorter length
    /// wins. Every distinct string is prepared once (pair lists from blocking repeat
    /// names), then the pairs are scored — both steps in parallel with the `parallel`
    /// feature, with the same result as sequentially.
    ///
    /// ```
    /// let cmp = hawiya::name::NameComparator::default();
    /// let s = cmp.score_pairs(&["Khaled Saleh", "Omar"], &["خالد صالح", "Ali"]);
    /// assert!(s[0] > 0.9 && s[1] < 0.5);
    /// ```
    pub fn score_pairs(&self, lefts: &[&str], rights: &[&str]) -> Vec<f64> {
        let n = lefts.len().min(rights.len());
        let mut index: std::collections::HashMap<&str, u32, FnvBuild> =
            std::collections::HashMap::with_capacity_and_hasher(n, FnvBuild::default());
        let mut unique: Vec<&str> = Vec::new();
        let mut ids = Vec::with_capacity(2 * n);
        for &s in lefts[..n].iter().chain(&rights[..n]) {
            let id = *index.entry(s).or_insert_with(|| {
                unique.push(s);
                (unique.len() - 1) as u32
            });
            ids.push(id as usize);
        }
        let prepared = self.prepare_many(&unique);
        let (li, ri) = ids.split_at(n);
        let score = |k: usize| match (prepared.get(li[k]), prepared.get(ri[k])) {
            (Some(a), Some(b)) => self.similarity(a, b),
            _ => 0.0,
        };
        #[cfg(feature = "parallel")]
        {
            use rayon::prelude::*;
            (0..n)
                .into_par_iter()
                .with_min_len(256)
                .map(score)
                .collect()
        }
        #[cfg(not(feature = "parallel"))]
        {
            (0..n).map(score).collect()
        }
    }

    /// [`NameComparator::score_pairs`] without the parallelism (same result).
    pub fn score_pairs_sequential(&self, lefts: &[&str], rights: &[&str]) -> Vec<f64> {
        lefts
            .iter()
            .zip(rights)
            .map(|(a, b)| self.similarity_str(a, b))
            .collect()
    }

    /// Score of token `ta` of `a` against token `tb` of `b`: their spelling score, lifted
    /// for a listed nickname pair, capped when a romanisation is involved.
    fn token_score(&self, a: &PreparedName, ta: &PTok, b: &PreparedName, tb: &PTok) -> f64 {
        let mut score = self.spelling_score(a, ta, b, tb);
        let ev = self.evidence(a, ta, b, tb);
        if ev.nickname {
            score = score.max(self.options.nickname_score);
        }
        if ev.romanized {
            score = score.min(self.options.romanized_cap);
        }
        score
    }

    /// What besides the spelling bears on a token pair.
    fn evidence(&self, a: &PreparedName, ta: &PTok, b: &PreparedName, tb: &PTok) -> Evidence {
        let nickname = ta.nick != NO_NICKNAME
            && tb.nick != NO_NICKNAME
            && nicknames::table().related_ids(ta.nick, tb.nick);
        let romanized = (ta.romanized || tb.romanized) && a.text(ta) != b.text(tb);
        Evidence {
            nickname,
            romanized,
        }
    }

    /// Score of the spellings of token `ta` of `a` and token `tb` of `b`.
    fn spelling_score(&self, a: &PreparedName, ta: &PTok, b: &PreparedName, tb: &PTok) -> f64 {
        let o = &self.options;
        if ta.initial || tb.initial {
            return match (ta.first == tb.first, ta.initial && tb.initial) {
                (false, _) => 0.0,
                (true, true) => 1.0,
                (true, false) => o.initial_score,
            };
        }
        // The variant table: one name → 1.0; two different names → capped, unless a
        // spelling is listed for both (ambiguous, no verdict from the table).
        let mut cap = 1.0f64;
        if let (Some(x), Some(y)) = (ta.variant, tb.variant) {
            if x == y {
                return 1.0;
            }
            if !tb.listed.contains(&x) && !ta.listed.contains(&y) {
                cap = if ta.latin || tb.latin {
                    o.distinct_variant_cap_latin
                } else {
                    o.distinct_variant_cap
                };
                if cap < o.min_token_score {
                    // Not aligned whatever the edit similarity.
                    return 0.0;
                }
            }
        }
        let (ca, cb) = (a.code(ta), b.code(tb));
        let arabic = !ta.latin && !tb.latin;
        let kernel = if arabic {
            &self.arabic_table
        } else {
            &self.table
        };
        // Scores below the cutoff change nothing (the pair is not aligned), so the kernel
        // may stop early there.
        let keys_agree = !arabic
            && ((ta.strict != 0 && ta.strict == tb.strict)
                || (ta.loose != 0 && ta.loose == tb.loose));
        let cutoff = if keys_agree {
            o.key_floor_min_edit.min(o.min_token_score)
        } else {
            o.min_token_score
        };
        // Other readings. With the article or connector (`اليان` read `al-yan` against
        // `Eliane`, `بن طاهر` against `Bentahar`) a whole prefix changes, so it is always
        // tried; split digraphs change a letter or two, so only when the plain reading is
        // already fairly close.
        const SPLIT_MIN: f64 = 0.4;
        let k = usize::from(arabic);
        let mut edit =
            kernel.similarity_with_worst(ca, ta.worst[k], cb, tb.worst[k], cutoff.min(SPLIT_MIN));
        // When both tokens have such a reading, their plain readings already agree on
        // dropping it.
        let (alt_a, alt_b) = (a.alt(ta), b.alt(tb));
        if edit < 0.9 && alt_a.is_empty() != alt_b.is_empty() {
            for (x, y) in [(alt_a, cb), (ca, alt_b)] {
                if !x.is_empty() && !y.is_empty() {
                    edit = edit.max(kernel.similarity_with_cutoff(x, y, cutoff.max(edit)));
                }
            }
        }
        if (SPLIT_MIN..0.9).contains(&edit) {
            for (x, y) in [(a.split(ta), cb), (ca, b.split(tb))] {
                if !x.is_empty() && !y.is_empty() {
                    edit = edit.max(kernel.similarity_with_cutoff(x, y, cutoff.max(edit)));
                }
            }
        }
        if edit < cutoff {
            edit = 0.0;
        }
        if cap < 1.0 {
            return edit.min(cap);
        }
        if let (Some(x), Some(y)) = (ta.nisba, tb.nisba) {
            if x != y && edit > 0.0 {
                edit = (edit - o.nisba_penalty).max(0.0);
                return edit;
            }
        }
        // Keys bridge the ambiguity of Latin spellings; two Arabic-script tokens are
        // compared on their letters.
        if arabic || edit < o.key_floor_min_edit {
            edit
        } else if ta.strict != 0 && ta.strict == tb.strict {
            edit.max(o.strict_key_floor)
        } else if ta.loose != 0 && ta.loose == tb.loose {
            edit.max(o.loose_key_floor)
        } else {
            edit
        }
    }

    fn unit_score(&self, a: &PreparedName, ua: Unit, b: &PreparedName, ub: Unit) -> f64 {
        if ua.first == ua.last && ub.first == ub.last {
            match (
                a.toks.get(usize::from(ua.first)),
                b.toks.get(usize::from(ub.first)),
            ) {
                (Some(x), Some(y)) => self.token_score(a, x, b, y),
                _ => 0.0,
            }
        } else {
            let s = self.table.similarity_with_cutoff(
                a.span_code(usize::from(ua.first), usize::from(ua.last)),
                b.span_code(usize::from(ub.first), usize::from(ub.last)),
                self.options.min_token_score,
            );
            if a.unit_romanized(ua) || b.unit_romanized(ub) {
                s.min(self.options.romanized_cap)
            } else {
                s
            }
        }
    }

    /// Join adjacent tokens of `x` where the join matches a token of `y` clearly better
    /// than either part alone. Returns the units of `x`.
    fn joins(&self, x: &PreparedName, y: &PreparedName, y_units: &[Unit]) -> Units {
        let mut units = Units::singles(x.toks.len());
        let mut i = 0;
        while i + 1 < units.len() {
            let (u, v) = (units[i], units[i + 1]);
            let initial = |u: Unit| {
                x.toks[usize::from(u.first)..=usize::from(u.last)]
                    .iter()
                    .any(|t| t.initial)
            };
            if initial(u) || initial(v) {
                i += 1;
                continue;
            }
            let joined = Unit {
                first: u.first,
                last: v.last,
            };
            let cons = |p: &PreparedName, u: Unit| -> u32 {
                p.toks[usize::from(u.first)..=usize::from(u.last)]
                    .iter()
                    .map(|t| u32::from(t.cons))
                    .sum()
            };
            let joined_cons = cons(x, joined);
            let mut gain = false;
            for &w in y_units {
                if joined_cons.abs_diff(cons(y, w)) > 1 {
                    continue;
                }
                let js = self.unit_score(x, joined, y, w);
                if js >= self.options.join_min_score {
                    let su = self.unit_score(x, u, y, w);
                    let sv = self.unit_score(x, v, y, w);
                    if js > su.max(sv) + 0.05 {
                        gain = true;
                        break;
                    }
                }
            }
            if gain {
                units[i] = joined;
                units.remove(i + 1);
            } else {
                i += 1;
            }
        }
        units
    }

    /// Align `a` and `b`; with `detail`, keep the units and the assignment for an
    /// explanation (the score is the same either way).
    pub(crate) fn align(&self, a: &PreparedName, b: &PreparedName, detail: bool) -> Alignment {
        // Canonical order (shorter first, ties by content) makes the score symmetric.
        let swapped = match a.toks.len().cmp(&b.toks.len()) {
            std::cmp::Ordering::Less => false,
            std::cmp::Ordering::Greater => true,
            std::cmp::Ordering::Equal => match b.codes.iter().cmp(a.codes.iter()) {
                std::cmp::Ordering::Equal => b.toks_key() < a.toks_key(),
                o => o == std::cmp::Ordering::Less,
            },
        };
        let (s, l) = if swapped { (b, a) } else { (a, b) };
        let mut al = Alignment {
            swapped,
            ..Alignment::default()
        };
        if s.toks.is_empty() || l.toks.is_empty() {
            let same =
                s.toks.is_empty() && l.toks.is_empty() && s.name.normalized == l.name.normalized;
            al.score = if same { 1.0 } else { 0.0 };
            al.quality = al.score;
            al.s_units = (0..s.toks.len() as u8)
                .map(|i| Unit { first: i, last: i })
                .collect();
            al.l_units = (0..l.toks.len() as u8)
                .map(|i| Unit { first: i, last: i })
                .collect();
            al.assigned = vec![None; al.s_units.len()];
            return al;
        }
        let mut su = Units::singles(s.toks.len());
        let mut lu = Units::singles(l.toks.len());
        let mut m = self.matrix(s, &su, l, &lu);
        // Compounds: only where some token lacks a good partner.
        let weak = |m: &Matrix, rows: usize, cols: usize| {
            (0..rows).any(|i| (0..cols).map(|j| m.get(i, j)).fold(0.0, f64::max) < 0.85)
                || (0..cols).any(|j| (0..rows).map(|i| m.get(i, j)).fold(0.0, f64::max) < 0.85)
        };
        // Only a name with more tokens than the other can hold a split compound.
        if su.len() != lu.len() && weak(&m, su.len(), lu.len()) {
            let js = self.joins(s, l, &lu);
            let jl = self.joins(l, s, &su);
            if js.len() != su.len() || jl.len() != lu.len() {
                su = js;
                lu = jl;
                m = self.matrix(s, &su, l, &lu);
            }
        }
        // Keep the shorter side as rows.
        let (rows, cols) = (su.len(), lu.len());
        let transposed = rows > cols;
        let assigned_pairs = if transposed {
            best_assignment(
                &m.transpose(),
                cols,
                rows,
                self.options.min_token_score,
                |j| self.weight(j, cols),
            )
            .into_iter()
            .map(|(j, i, v)| (i, j, v))
            .collect::<Vec<_>>()
        } else {
            best_assignment(&m, rows, cols, self.options.min_token_score, |i| {
                self.weight(i, rows)
            })
        };
        let (short_n, long_n) = (rows.min(cols), rows.max(cols));
        // Quality: weighted mean over the shorter side's units.
        let mut num = 0.0;
        let mut den = 0.0;
        for k in 0..short_n {
            let w = self.weight(k, short_n);
            let v = assigned_pairs
                .iter()
                .find(|p| if transposed { p.1 == k } else { p.0 == k })
                .map_or(0.0, |p| p.2);
            num += w * v;
            den += w;
        }
        let quality = if den > 0.0 { num / den } else { 0.0 };
        // Omissions on the longer side. A title's territory left out of the other name
        // costs what a middle name costs, wherever it stands.
        let (long_name, long_units) = if transposed { (s, &su) } else { (l, &lu) };
        let mut missing = 0.0;
        for k in 0..long_n {
            let used = assigned_pairs
                .iter()
                .any(|p| if transposed { p.0 == k } else { p.1 == k });
            if !used {
                let territorial = long_units
                    .get(k)
                    .is_some_and(|&u| long_name.unit_territorial(u));
                missing += if (k == 0 || k + 1 == long_n) && !territorial {
                    self.options.missing_edge_penalty
                } else {
                    self.options.missing_middle_penalty
                };
            }
        }
        if short_n == 1 && long_n > 1 {
            missing += self.options.single_token_penalty;
        }
        // Order: aligned pairs sorted by row must have increasing columns.
        let mut assigned_pairs = assigned_pairs;
        assigned_pairs.sort_unstable_by_key(|p| p.0);
        let in_order = assigned_pairs.windows(2).all(|w| w[0].1 < w[1].1);
        let order = if in_order {
            0.0
        } else {
            self.options.order_penalty
        };
        let score = (quality - missing - order).clamp(0.0, 1.0);
        al.quality = quality;
        al.missing_penalty = missing;
        al.order_penalty = order;
        al.score = if score.is_finite() { score } else { 0.0 };
        if !detail {
            return al;
        }
        al.s_units = su.to_vec();
        al.l_units = lu.to_vec();
        al.assigned = vec![None; al.s_units.len()];
        for &(i, j, v) in &assigned_pairs {
            if let Some(slot) = al.assigned.get_mut(i) {
                *slot = Some((j as u8, v));
            }
        }
        al.quality = quality;
        al.missing_penalty = missing;
        al.order_penalty = order;
        al.score = if score.is_finite() { score } else { 0.0 };
        al
    }

    /// Weight of position `k` of a name with `n` units: first and last 1, middle less.
    fn weight(&self, k: usize, n: usize) -> f64 {
        if k == 0 || k + 1 == n {
            1.0
        } else {
            self.options.middle_weight
        }
    }

    fn matrix(&self, s: &PreparedName, su: &[Unit], l: &PreparedName, lu: &[Unit]) -> Matrix {
        let mut m = Matrix::default();
        for (i, &x) in su.iter().enumerate().take(MAX_TOKENS) {
            for (j, &y) in lu.iter().enumerate().take(MAX_TOKENS) {
                m.set(i, j, self.unit_score(s, x, l, y));
            }
        }
        m
    }
}

/// What besides the spelling bears on a token pair (see [`NameComparator::token_score`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Evidence {
    /// Two given names listed as a name and its nickname.
    pub(crate) nickname: bool,
    /// One of the two was romanised from another script, and they are not the same text.
    pub(crate) romanized: bool,
}

impl PreparedName {
    /// The text of a token as written.
    fn text(&self, t: &PTok) -> &str {
        self.name
            .tokens
            .get(usize::from(t.src))
            .map_or("", |tok| tok.text())
    }

    fn unit_toks(&self, u: Unit) -> &[PTok] {
        self.toks
            .get(usize::from(u.first)..=usize::from(u.last))
            .unwrap_or(&[])
    }

    /// Some token of the unit was romanised.
    fn unit_romanized(&self, u: Unit) -> bool {
        self.unit_toks(u).iter().any(|t| t.romanized)
    }

    /// Every token of the unit names a title's territory.
    fn unit_territorial(&self, u: Unit) -> bool {
        let t = self.unit_toks(u);
        !t.is_empty() && t.iter().all(|t| t.territorial)
    }

    /// A tie-breaker for the canonical order of two names with equal codes.
    fn toks_key(&self) -> Vec<(u64, u64, bool)> {
        self.toks
            .iter()
            .map(|t| (t.loose, t.strict, t.initial))
            .collect()
    }
}

/// A small score matrix (at most `MAX_TOKENS` × `MAX_TOKENS`).
#[derive(Debug, Clone)]
struct Matrix {
    v: [[f64; MAX_TOKENS]; MAX_TOKENS],
}

impl Default for Matrix {
    fn default() -> Self {
        Matrix {
            v: [[0.0; MAX_TOKENS]; MAX_TOKENS],
        }
    }
}

impl Matrix {
    fn get(&self, i: usize, j: usize) -> f64 {
        self.v.get(i).and_then(|r| r.get(j)).copied().unwrap_or(0.0)
    }
    fn set(&mut self, i: usize, j: usize, x: f64) {
        if let Some(c) = self.v.get_mut(i).and_then(|r| r.get_mut(j)) {
            *c = x;
        }
    }
    fn transpose(&self) -> Matrix {
        let mut t = Matrix::default();
        for i in 0..MAX_TOKENS {
            for j in 0..MAX_TOKENS {
                t.v[j][i] = self.v[i][j];
            }
        }
        t
    }
}

/// The assignment of rows to distinct columns maximising `Σ weight(row) · score` over
/// pairs scoring at least `min` (rows may stay unassigned). Exact, by dynamic programming
/// over the subsets of used columns. Ties go to the assignment found first (rows in order,
/// lower columns first), which prefers the same order. Returns `(row, col, score)`.
fn best_assignment(
    m: &Matrix,
    rows: usize,
    cols: usize,
    min: f64,
    weight: impl Fn(usize) -> f64,
) -> Vec<(usize, usize, f64)> {
    let rows = rows.min(MAX_TOKENS);
    let cols = cols.min(MAX_TOKENS);
    let full = 1usize << cols;
    // best[r][mask]: best total for rows r.. given used columns mask; filled backwards.
    let size = (rows + 1) * full;
    let mut stack = [0.0f64; 320];
    let mut heap = Vec::new();
    let best: &mut [f64] = if size <= stack.len() {
        &mut stack[..size]
    } else {
        heap.resize(size, 0.0);
        &mut heap
    };
    for r in (0..rows).rev() {
        let w = weight(r);
        for mask in 0..full {
            let mut v = best[(r + 1) * full + mask];
            for c in 0..cols {
                let x = m.get(r, c);
                if mask & (1 << c) == 0 && x >= min {
                    let cand = w * x + best[(r + 1) * full + (mask | 1 << c)];
                    if cand > v + 1e-12 {
                        v = cand;
                    }
                }
            }
            best[r * full + mask] = v;
        }
    }
    // Walk forwards, preferring columns in order on ties.
    let mut out = Vec::with_capacity(rows);
    let mut mask = 0usize;
    for r in 0..rows {
        let target = best[r * full + mask];
        let w = weight(r);
        let mut chosen = None;
        for c in 0..cols {
            let x = m.get(r, c);
            if mask & (1 << c) == 0 && x >= min {
                let cand = w * x + best[(r + 1) * full + (mask | 1 << c)];
                if (cand - target).abs() <= 1e-9 {
                    chosen = Some((c, x));
                    break;
                }
            }
        }
        if let Some((c, x)) = chosen {
            out.push((r, c, x));
            mask |= 1 << c;
        }
    }
    out
}

/// Similarity in [0, 1] of two names with the default comparator (prepares both; build a
/// [`NameComparator`] once for many calls).
///
/// ```
/// assert!(hawiya::name::name_similarity("محمد", "Mohamed") > 0.9);
/// ```
pub fn name_similarity(a: &str, b: &str) -> f64 {
    default_comparator().similarity_str(a, b)
}

/// Explanation of [`name_similarity`].
pub fn explain_names(a: &str, b: &str) -> NameExplanation {
    let c = default_comparator();
    c.explain(&c.prepare(a), &c.prepare(b))
}

fn default_comparator() -> &'static NameComparator {
    static C: std::sync::LazyLock<NameComparator> =
        std::sync::LazyLock::new(NameComparator::default);
    &C
}

#[cfg(test)]
mod tests;
