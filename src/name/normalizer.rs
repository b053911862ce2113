//! The [`Normalizer`]: fold, split, parse and key a person name in one pass.
//!
//! This file owns the options and the pass itself; its parts are `scan` (fold the input
//! and cut it into words), `parse` (group words into units and give them roles) and
//! `encode` (build each unit's token: phonetic code, romanisation and keys).

mod encode;
mod parse;
mod scan;

use crate::error::{Error, Result};

use crate::text::{self, Script};

use super::token::PersonName;
use encode::Scratch;
use parse::{Unit, assign_roles, title_after_comma};
use scan::{Raw, Words, scan};

/// One stage of name normalisation, as listed in [`NormalizerOptions::steps`].
///
/// The character folds of `ARABIC_NAMES.md` §1 and the Latin folds (case, marks,
/// apostrophes) always run: the phonetic code and the keys are defined on folded text.
/// The steps choose the rest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    /// NFKC before folding (presentation forms, full-width letters, NBSP). Skipped for
    /// ASCII and already-NFKC input even when listed.
    Nfkc,
    /// Read `FAMILY, GIVEN` and MRZ `FAMILY<<GIVEN` input and put the family name last.
    FamilyFirst,
    /// Drop leading titles and honorifics (kept as [`Role::Title`](super::Role::Title) tokens).
    Titles,
    /// Recognise nasab connectors (`bin`, `بن`, `s/o`).
    Connectors,
    /// Strip the article (`al-`, `el `, `ال`, assimilated `ar-`) from keys.
    Articles,
    /// Join theophoric `abd` compounds and `…الدين` compounds into one token.
    Compounds,
    /// Bind a kunya (`Abu`, `أم`) to its next word.
    Kunya,
    /// Use the curated variant table for the commonest names.
    Variants,
}

/// The serde-able configuration of a [`Normalizer`].
///
/// Default: every [`Step`], in the order `Nfkc, FamilyFirst, Titles, Connectors,
/// Articles, Compounds, Kunya, Variants`. The parser applies the listed steps in that
/// fixed order whatever their order in the list; a step listed twice is a configuration
/// error.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NormalizerOptions {
    /// The steps to run.
    pub steps: Vec<Step>,
}

impl Default for NormalizerOptions {
    fn default() -> Self {
        NormalizerOptions {
            steps: vec![
                Step::Nfkc,
                Step::FamilyFirst,
                Step::Titles,
                Step::Connectors,
                Step::Articles,
                Step::Compounds,
                Step::Kunya,
                Step::Variants,
            ],
        }
    }
}

#[derive(Debug, Clone, Copy, Default)]
struct StepSet {
    nfkc: bool,
    family_first: bool,
    titles: bool,
    connectors: bool,
    articles: bool,
    compounds: bool,
    kunya: bool,
    variants: bool,
}

/// Normalises, parses and keys person names. Immutable and `Send + Sync`: build one and
/// share it between threads.
///
/// [`Normalizer::normalize`] is total: every string gives a [`PersonName`], characters it
/// cannot interpret pass through and are flagged.
///
/// ```
/// use hawiya::name::{Normalizer, NormalizerOptions};
/// let n = Normalizer::new(NormalizerOptions::default())?;
/// let a = n.normalize("الشيخ عبد الرحمن بن محمد آل ثاني");
/// let b = n.normalize("Sheikh Abdulrahman bin Mohammed Al Thani");
/// assert_eq!(a.key(), b.key());
/// assert_eq!(a.key(), "bdrhmn mhmd tn");
/// # Ok::<(), hawiya::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Normalizer {
    options: NormalizerOptions,
    steps: StepSet,
}

impl Default for Normalizer {
    fn default() -> Self {
        Normalizer::new(NormalizerOptions::default()).unwrap_or_else(|_| Normalizer {
            options: NormalizerOptions::default(),
            steps: StepSet::default(),
        })
    }
}

/// Buffers reused from one name to the next on a thread.
#[derive(Debug, Default)]
struct Work {
    fbuf: String,
    raws: Vec<Raw>,
    units: Vec<Unit>,
    scratch: Scratch,
}

thread_local! {
    static WORK: std::cell::RefCell<Work> = std::cell::RefCell::new(Work::default());
}

impl Normalizer {
    /// Build a normaliser from options.
    ///
    /// # Errors
    /// [`crate::ErrorKind::Config`] when a step is listed twice.
    pub fn new(options: NormalizerOptions) -> Result<Self> {
        let mut s = StepSet::default();
        for (i, step) in options.steps.iter().enumerate() {
            let flag = match step {
                Step::Nfkc => &mut s.nfkc,
                Step::FamilyFirst => &mut s.family_first,
                Step::Titles => &mut s.titles,
                Step::Connectors => &mut s.connectors,
                Step::Articles => &mut s.articles,
                Step::Compounds => &mut s.compounds,
                Step::Kunya => &mut s.kunya,
                Step::Variants => &mut s.variants,
            };
            if *flag {
                return Err(Error::config(
                    format!("steps[{i}]"),
                    format!("step `{step:?}` is listed twice"),
                ));
            }
            *flag = true;
        }
        Ok(Normalizer { options, steps: s })
    }

    /// The options this normaliser was built from.
    pub fn options(&self) -> &NormalizerOptions {
        &self.options
    }

    /// Normalise, parse and key one name. Total: never fails, never panics.
    ///
    /// ```
    /// use hawiya::name::{Normalizer, Role};
    /// let n = Normalizer::default();
    /// let p = n.normalize("AL-FADHALA, Dr. Mohammed Abdullah");
    /// assert!(p.family_first);
    /// let roles: Vec<Role> = p.tokens.iter().map(|t| t.role()).collect();
    /// assert_eq!(roles, [Role::Title, Role::Given, Role::Compound, Role::Family]);
    /// assert_eq!(p.key(), "mhmd bdl fdl");
    /// ```
    pub fn normalize(&self, name: &str) -> PersonName {
        WORK.with(|cell| match cell.try_borrow_mut() {
            Ok(mut work) => self.normalize_with(name, &mut work),
            // Re-entered (the variant table is being built by a normalisation on this
            // thread): use fresh buffers.
            Err(_) => self.normalize_with(name, &mut Work::default()),
        })
    }

    fn normalize_with(&self, name: &str, work: &mut Work) -> PersonName {
        let Work {
            fbuf,
            raws,
            units,
            scratch,
        } = work;
        fbuf.clear();
        raws.clear();
        // Fold without NFKC first; redo with NFKC only when a character needs it.
        let mut prepared = std::borrow::Cow::Borrowed(name);
        let mut split = scan(name, fbuf, raws);
        if self.steps.nfkc && split.needs_nfkc {
            prepared = text::prepare(name);
            if let std::borrow::Cow::Owned(_) = prepared {
                fbuf.clear();
                raws.clear();
                split = scan(&prepared, fbuf, raws);
            }
        }
        let prepared: &str = &prepared;

        // Given-first order: the words before the family-first split go last.
        let n = raws.len();
        let mut family_first = false;
        let title_suffix =
            |s: usize| self.steps.titles && raws[s].after_comma && title_after_comma(fbuf, raws, s);
        match split.at.filter(|_| self.steps.family_first) {
            Some(s) if s > 0 && s < n && !title_suffix(s) => {
                family_first = true;
                for r in &mut raws[..s] {
                    r.family_first = true;
                }
                raws.rotate_left(s);
            }
            _ => {}
        }
        let words = Words { fbuf, raws };
        units.clear();
        self.parse(&words, units);

        // Build tokens.
        let mut tokens = Vec::with_capacity(units.len());
        for u in units.iter() {
            tokens.push(self.build_token(u, &words, prepared, scratch));
        }
        // The script of the name as written: romanised letters are of neither script.
        let script = Script::from_flags(
            words.raws.iter().any(|r| r.arabic),
            words.raws.iter().any(|r| r.latin && !r.romanized),
        );
        assign_roles(&mut tokens, units);

        let mut normalized = String::with_capacity(fbuf.len() + 4);
        for t in &tokens {
            if !normalized.is_empty() {
                normalized.push(' ');
            }
            normalized.push_str(t.folded());
        }
        PersonName {
            original: name.to_owned(),
            normalized,
            tokens,
            script,
            family_first,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::name::{Role, TokenFlags};

    fn n() -> Normalizer {
        Normalizer::default()
    }
    fn key(s: &str) -> String {
        n().normalize(s).key()
    }

    #[test]
    fn normalizer_is_send_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Normalizer>();
        assert_send_sync::<PersonName>();
    }

    #[test]
    fn options_round_trip_through_toml() {
        let opts = NormalizerOptions::default();
        let text = toml::to_string(&opts).unwrap();
        assert!(text.contains("\"family_first\""), "{text}");
        let back: NormalizerOptions = toml::from_str(&text).unwrap();
        assert_eq!(back, opts);
        let partial: NormalizerOptions = toml::from_str("steps = [\"nfkc\", \"titles\"]").unwrap();
        let n = Normalizer::new(partial).unwrap();
        // Without the article step, `al` stays part of the key.
        assert_eq!(n.normalize("Mohammed Al-Fadhala").key(), "mhmd l fdl");
        assert!(toml::from_str::<NormalizerOptions>("steps = [\"nfkd\"]").is_err());
    }

    #[test]
    fn duplicate_step_is_config_error() {
        let opts = NormalizerOptions {
            steps: vec![Step::Nfkc, Step::Titles, Step::Nfkc],
        };
        let e = Normalizer::new(opts).unwrap_err();
        assert!(e.to_string().contains("steps[2]"), "{e}");
    }

    #[test]
    fn orthographic_variants_share_a_key() {
        let k = key("أحمد");
        for s in ["احمد", "أحمـــد", "أَحْمَد", "ﺃﺣﻤﺪ", "\u{200f}أحمد"]
        {
            assert_eq!(key(s), k, "{s}");
        }
    }

    #[test]
    fn abdullah_family() {
        let k = key("عبد الله");
        assert_eq!(k, "bdl");
        for s in [
            "عبدالله",
            "Abdullah",
            "Abdallah",
            "Abd Allah",
            "Abdulla",
            "Abd-Allah",
            "Abdollah",
        ] {
            assert_eq!(key(s), k, "{s}");
        }
    }

    #[test]
    fn fadhala_family() {
        let k = key("الفضالة");
        for s in [
            "Al-Fadhala",
            "Alfadhala",
            "El Fadhala",
            "AL FADHALAH",
            "فضالة",
            "Fadhala",
        ] {
            assert_eq!(key(s), k, "{s}");
        }
    }

    #[test]
    fn abd_al_rahman_family() {
        let k = key("عبد الرحمن");
        for s in [
            "عبدالرحمن",
            "Abd al-Rahman",
            "Abdulrahman",
            "Abdul Rahman",
            "Abdel Rahman",
            "Abdurrahman",
            "Abderrahmane",
            "Abdur-Rahman",
        ] {
            assert_eq!(key(s), k, "{s}");
        }
    }

    #[test]
    fn family_first_and_mrz() {
        let a = n().normalize("AL-FADHALA, MOHAMMED SALEH");
        assert!(a.family_first);
        assert_eq!(a.key(), key("Mohammed Saleh Al-Fadhala"));
        let m = n().normalize("ALFADHALA<<MOHAMMED<SALEH<<<<<");
        assert!(m.family_first);
        assert_eq!(m.key(), a.key());
    }

    #[test]
    fn titles_connectors_kunya() {
        let p = n().normalize("الشيخ محمد بن راشد آل مكتوم");
        let roles: Vec<Role> = p.tokens.iter().map(|t| t.role()).collect();
        assert_eq!(
            roles,
            [
                Role::Title,
                Role::Given,
                Role::Connector,
                Role::Given,
                Role::Family
            ]
        );
        assert_eq!(p.key(), key("Sheikh Mohammed bin Rashid Al Maktoum"));
        assert_eq!(key("أبو بكر"), key("Abu Bakr"));
        assert_eq!(key("Abubakr"), key("Abu Bakr"));
        assert_eq!(key("Nur al-Din"), key("Noureddine"));
        assert_eq!(key("نور الدين"), key("Nuruddin"));
        assert_eq!(key("Salah ad-Din"), key("صلاح الدين"));
        assert_eq!(key("Mohammed s/o Ahmed"), key("Mohammed Ahmed"));
    }

    #[test]
    fn confusables_differ() {
        assert_ne!(key("محمد"), key("محمود"));
        assert_ne!(key("حسن"), key("حسين"));
        assert_ne!(
            n().normalize("محمد").strict_key(),
            n().normalize("محمود").strict_key()
        );
        assert_eq!(key("Mahmoud"), key("محمود"));
        assert_eq!(key("Hussein"), key("حسين"));
        assert_eq!(key("Hassan"), key("حسن"));
    }

    #[test]
    fn total_on_odd_input() {
        for s in [
            "",
            " ",
            ",",
            "<<",
            "al",
            "abd",
            "ال",
            "ﷺ",
            "\u{0}",
            "٣٤٥",
            "Иван Петров",
            "a,b,c",
            "-al-",
        ] {
            let p = n().normalize(s);
            assert_eq!(p.original, s);
        }
        // Letters of other scripts are romanised, symbols kept and flagged.
        let p = n().normalize("Иван");
        assert_eq!(p.key(), key("Ivan"));
        assert!(p.tokens[0].flags().contains(TokenFlags::ROMANIZED));
        let p = n().normalize("🙂");
        assert_eq!(p.tokens[0].role(), Role::Unknown);
        assert!(p.tokens[0].flags().contains(TokenFlags::UNKNOWN_CHARS));
    }

    #[test]
    fn every_script_gives_name_tokens() {
        for (name, romanized) in [
            ("Сергей Иванов", "sergey ivanov"),
            ("Γιάννης Παπαδόπουλος", "giannis papadopoulos"),
            ("नेपाल राम", "nepal ram"),
            ("习近平", "xi jin ping"),
            ("สมชาย ใจดี", "smchay aichdi"),
            ("דוד כהן", "dvd khhn"),
            ("Արամ Խաչատրյան", "aram khachatryan"),
            ("김정은", "gim jeong eun"),
            ("ქართველი", "kartveli"),
            ("たなか", "tanaka"),
        ] {
            let p = n().normalize(name);
            assert_eq!(p.normalized, romanized, "{name}");
            assert_eq!(p.script, Script::Other, "{name}");
            assert!(p.name_tokens().count() >= 1, "{name}");
            for t in &p.tokens {
                assert!(t.flags().contains(TokenFlags::ROMANIZED), "{name}");
                assert_eq!(t.script(), Script::Latin, "{name}");
                assert!(!t.code().is_empty(), "{name}");
            }
            // The romanisation normalises to itself.
            assert_eq!(n().normalize(&p.normalized).key(), p.key(), "{name}");
        }
        assert_eq!(key("Сергей Иванов"), key("Sergey Ivanov"));
        // Vowel signs of an abugida are read with their consonant.
        assert_eq!(n().normalize("मोहम्मद").normalized, "mohmmd");
        // A word mixing scripts: Latin letters keep their fold, the rest is romanised.
        let p = n().normalize("Ivanов");
        assert_eq!(p.normalized, "ivanov");
        assert_eq!(p.script, Script::Other);
        assert_eq!(n().normalize("Ivan Иванов").script, Script::Latin);
        // Arabic script is never romanised.
        let p = n().normalize("محمد Иван");
        assert_eq!(p.script, Script::Arabic);
        assert_eq!(p.tokens[0].folded(), "محمد");
        assert!(!p.tokens[0].flags().contains(TokenFlags::ROMANIZED));
    }

    #[test]
    fn controls_between_hangul_jamo_do_not_change_a_second_pass() {
        // Found by the `normalize` fuzz target: the jamo composed only on a second pass
        // once the control character between them had been deleted.
        let s = "\u{3145}\u{1}\u{315f}";
        let once = n().normalize(s);
        let twice = n().normalize(&once.normalized);
        assert_eq!(once.normalized, twice.normalized);
        assert_eq!(
            once.normalized,
            n().normalize("\u{3145}\u{315f}").normalized
        );
        assert_eq!(once.key(), twice.key());
    }

    fn roles(s: &str) -> Vec<&'static str> {
        n().normalize(s)
            .tokens
            .iter()
            .map(|t| t.role().as_str())
            .collect()
    }

    #[test]
    fn latin_titles_and_peerage_phrases() {
        let p = n().normalize("Thomas Clifford, 1st Baron Clifford of Chudleigh");
        // A title phrase after the comma: not family-first input.
        assert!(!p.family_first);
        assert_eq!(
            roles(&p.original),
            ["given", "given", "title", "family", "title", "family"]
        );
        assert_eq!(p.tokens[2].folded(), "1st baron");
        assert!(p.tokens[3].flags().contains(TokenFlags::TERRITORIAL));
        assert!(p.tokens[5].flags().contains(TokenFlags::TERRITORIAL));
        assert_eq!(p.key(), "tms klfrd klfrd cdlk");
        for (s, want) in [
            ("Countess of Lovelace", vec!["title", "title", "family"]),
            ("Earl of Derby", vec!["title", "family"]),
            ("Sir John Foster", vec!["title", "given", "family"]),
            (
                "Rt Hon Sir John Foster",
                vec!["title", "title", "title", "given", "family"],
            ),
            ("The Rev. John Foster", vec!["title", "given", "family"]),
            (
                "Sir Robert Perks, 1st Baronet",
                vec!["title", "given", "family", "title"],
            ),
            (
                "George Cave, Viscount Cave",
                vec!["given", "given", "title", "family"],
            ),
            ("Henry VIII", vec!["given", "title"]),
            (
                "Martin Luther King Jr",
                vec!["given", "given", "family", "title"],
            ),
            ("3rd Baron Hylton", vec!["title", "family"]),
            ("Sir Baronet", vec!["title", "title"]),
            ("Ross of Bladensburg", vec!["given", "title", "family"]),
            // Given names and surnames that are also titles.
            ("Earl Warren", vec!["given", "family"]),
            ("Duke Ellington", vec!["given", "family"]),
            ("Carole King", vec!["given", "family"]),
            ("Lord", vec!["given"]),
            ("Xi Jinping", vec!["given", "family"]),
            // `bt` is a connector inside a name, a baronetcy at its end.
            ("Fatma bt Ali", vec!["given", "connector", "family"]),
            ("John Smith, Bt", vec!["given", "family", "title"]),
        ] {
            assert_eq!(roles(s), want, "{s}");
        }
        // Family-first input is still read as such.
        assert!(n().normalize("SMITH, JOHN").family_first);
        assert!(n().normalize("AL-FADHALA, MOHAMMED").family_first);
    }
}
