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

mod align;
mod calibration;
mod explain;
mod prepared;
mod senses;
mod token_score;

pub use explain::{AlignedPair, NameExplanation, PairNote, SideToken};
pub use prepared::PreparedName;

use crate::name::translit::{TranslitCosts, TranslitKernel};
use crate::name::{Normalizer, NormalizerOptions};
use crate::{Error, Result};
use align::Unit;

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
    /// Subtracted from a token score when one of the two ends in a long or feminine `-a`
    /// (Latin `-a`/`-ah`/`-eh`, Arabic `ا`/`ة`) and the other in a consonant or a Latin
    /// `-i`: `Munir` / `Munira`, `Fathi` / `Fatha`, `Sami` / `Samah` are names of one root,
    /// not spellings of one name. Default 0.15.
    pub ending_penalty: f64,
    /// Score of two tokens with equal strict keys, less the closeness term
    /// ([`CompareOptions::closeness_weight`]). Default 0.975: spellings at least half alike
    /// stay at 0.95 or above.
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
    /// Penalty for each middle token of the longer name left unaligned. Default 0.04:
    /// registries drop father's and grandfather's names all the time, so one name with a
    /// middle name left out stays at the top level of the record model (>= 0.95).
    pub missing_middle_penalty: f64,
    /// Penalty for an unaligned first or last token of the longer name. Default 0.12.
    pub missing_edge_penalty: f64,
    /// Extra penalty when one name is a single token and the other has more: one shared
    /// word is weak evidence (`Layla` / `Layla Al-Othman`). Default 0.05.
    pub single_token_penalty: f64,
    /// Penalty when the aligned tokens are not in the same order. Default 0.05.
    pub order_penalty: f64,
    /// Score of two given names listed as a name and its nickname (`Tom` / `Thomas`,
    /// `Peggy` / `Margaret`; see [`crate::name::nicknames`]), less the closeness term: near
    /// a spelling variant, below the same name. Default 0.93 (0.88 to 0.93 by closeness).
    pub nickname_score: f64,
    /// Highest score of two different tokens when one of them was romanised from a script
    /// other than Arabic and Latin (`Сергей` / `Sergei`): a romanisation is one spelling
    /// among several, so weaker evidence than a Latin spelling. Default 0.9.
    pub romanized_cap: f64,
    /// How far a token score lifted above the letters' similarity (one variant-table name,
    /// agreeing keys, a nickname) stays below 1 when the spellings differ: the lifted score
    /// `f` becomes `max(edit, f - closeness_weight · (1 - edit))`, `edit` the
    /// transliteration similarity of the two spellings. Keeps scores continuous (two
    /// spellings of one name rank by how close they are written), 1.0 only for equal
    /// spellings. Default 0.05.
    pub closeness_weight: f64,
    /// Subtracted, at full confidence, from the score of two tokens the sense table
    /// ([`crate::name::NameComparator`] docs) says name different Arabic names: scaled by
    /// `1 - agreement`, so a spelling usual for two names against one of them loses about
    /// half of it. Default 0.2.
    pub sense_penalty: f64,
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
            ending_penalty: 0.15,
            strict_key_floor: 0.975,
            loose_key_floor: 0.85,
            initial_score: 0.85,
            min_token_score: 0.5,
            join_min_score: 0.7,
            middle_weight: 0.6,
            missing_middle_penalty: 0.04,
            missing_edge_penalty: 0.12,
            single_token_penalty: 0.05,
            order_penalty: 0.05,
            nickname_score: 0.93,
            romanized_cap: 0.9,
            closeness_weight: 0.05,
            sense_penalty: 0.2,
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
            ("ending_penalty", self.ending_penalty),
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
            ("closeness_weight", self.closeness_weight),
            ("sense_penalty", self.sense_penalty),
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

/// The comparator's internal maps hash with the name tables' FNV-1a (short keys, no
/// untrusted adversary deciding the layout).
type FnvBuild = std::hash::BuildHasherDefault<crate::core::Fnv>;

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

    /// [`NameComparator::similarity`] when it is at least `floor`, else `None` — found
    /// without aligning the names wherever the best token pair of each token already
    /// shows the score cannot reach `floor` (most pairs of unrelated names). The value,
    /// when given, is the same as `similarity`'s: a level boundary can be tested at a
    /// fraction of the cost.
    ///
    /// ```
    /// let cmp = hawiya::name::NameComparator::default();
    /// let q = cmp.prepare("Khaled Al-Fadhala");
    /// let near = cmp.prepare("خالد الفضالة");
    /// assert_eq!(cmp.similarity_at_least(&q, &near, 0.75), Some(cmp.similarity(&q, &near)));
    /// assert_eq!(cmp.similarity_at_least(&q, &cmp.prepare("Mahmoud Haddad"), 0.75), None);
    /// ```
    pub fn similarity_at_least(
        &self,
        a: &PreparedName,
        b: &PreparedName,
        floor: f64,
    ) -> Option<f64> {
        if self.surely_below(a, b, floor) {
            return None;
        }
        let s = self.similarity(a, b);
        (s >= floor).then_some(s)
    }

    /// The probability that two prepared names belong to one person, from their name alone:
    /// [`NameComparator::similarity`] calibrated by isotonic regression on the labelled
    /// development pairs (`xscript-dev.tsv`: real names, Gulf, Levant, Egypt, Maghreb and
    /// Iran/Pakistan/Afghanistan; one positive for two look-alike or random negatives),
    /// separately for two Arabic-script names, two Latin ones and one of each
    /// (`examples/calibrate_names.rs` writes the table). It is the share of same-person
    /// pairs among development pairs of that kind and score, so it holds for that mix of
    /// pairs: among candidates where matches are rarer (a big registry), the same score
    /// means less. Monotone in the score for a given kind; strictly between 0 and 1.
    ///
    /// ```
    /// let cmp = hawiya::name::NameComparator::default();
    /// let q = cmp.prepare("Khaled Al-Fadhala");
    /// let p = cmp.probability(&q, &cmp.prepare("خالد الفضالة"));
    /// let r = cmp.probability(&q, &cmp.prepare("Mahmoud Haddad"));
    /// assert!(p > 0.9 && r < 0.1, "{p} {r}");
    /// ```
    pub fn probability(&self, a: &PreparedName, b: &PreparedName) -> f64 {
        let latin = |p: &PreparedName| p.name.script != crate::text::Script::Arabic;
        let kind = usize::from(latin(a)) + usize::from(latin(b));
        calibration::table().probability(kind, self.similarity(a, b))
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
