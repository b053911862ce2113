//! Deterministic synthetic person registries with known truth, for the demo, tests and
//! benchmarks.
//!
//! The generator invents *people* — households of siblings who share father, grandfather
//! and family name, cousins who share grandfather and family name, many men called محمد
//! of the same tribe — and writes each person into 1..k source datasets ("ministries").
//! Every appearance is written the way a registry clerk, a passport office or an OCR'd
//! form would write it: Arabic script with orthographic noise, or Latin in English,
//! French, Gulf or scholarly conventions; dates of birth in Gregorian or Hijri text; civil
//! IDs, gender, nationality and phone in their usual forms, sometimes mistyped or missing.
//! The `cluster` column holds the true person id.
//!
//! Everything follows from [`GeneratorConfig`]: the same config (including its seed) gives
//! the same records, byte for byte, on every platform. The pseudo-random numbers come
//! from [`SplitMix64`], implemented here so that no dependency update can change the data.
//!
//! Hijri dates are written with the tabular (arithmetic) Islamic calendar; read back with
//! Umm al-Qura they are within ±2 days of the truth date. Civil IDs embed the true date of
//! birth and carry a valid check digit unless the record's ID was mistyped.
//!
//! ```
//! use hawiya::synth::{Generator, GeneratorConfig};
//! let config = GeneratorConfig { records: 50, seed: 7, ..GeneratorConfig::default() };
//! let records: Vec<_> = Generator::new(config.clone())?.collect();
//! assert_eq!(records.len(), 50);
//! // Deterministic: the same config gives the same records.
//! let again: Vec<_> = Generator::new(config)?.collect();
//! assert_eq!(records, again);
//! # Ok::<(), hawiya::Error>(())
//! ```

mod calendar;
mod fields;
mod inventory;
mod names;
mod rng;

pub use calendar::{
    Ymd, civil_from_days, days_from_civil, days_from_tabular_hijri, days_in_month, is_leap_year,
    tabular_hijri_from_days,
};
pub use rng::SplitMix64;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::{Error, Result};
use inventory::Inventory;

/// Where a person's family comes from; decides the name pools, the nationality and the
/// preferred Latin conventions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Region {
    /// Kuwait and the other Gulf states.
    Gulf,
    /// Stateless residents (Bidoon), mostly of Gulf tribal families.
    Bidoon,
    /// Syria, Lebanon, Jordan, Palestine.
    Levant,
    /// Egypt.
    Egypt,
    /// Morocco, Algeria, Tunisia.
    Maghreb,
    /// Pakistan, India, Bangladesh (Muslim names).
    SouthAsia,
}

impl Region {
    /// All regions, in inventory order.
    pub const ALL: [Region; 6] = [
        Region::Gulf,
        Region::Bidoon,
        Region::Levant,
        Region::Egypt,
        Region::Maghreb,
        Region::SouthAsia,
    ];

    /// The code used in the inventory files (`gulf`, `bidoon`, `levant`, `egypt`,
    /// `maghreb`, `sasia`).
    pub fn code(self) -> &'static str {
        match self {
            Region::Gulf => "gulf",
            Region::Bidoon => "bidoon",
            Region::Levant => "levant",
            Region::Egypt => "egypt",
            Region::Maghreb => "maghreb",
            Region::SouthAsia => "sasia",
        }
    }

    fn index(self) -> usize {
        self as usize
    }

    fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

/// A person's gender.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Gender {
    /// Male.
    Male,
    /// Female.
    Female,
}

/// The script a record's full name is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Script {
    /// Arabic script (with orthographic noise).
    #[default]
    Arabic,
    /// Latin transliteration.
    Latin,
}

/// A Latin transliteration convention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LatinConvention {
    /// English-style popular spelling (Mohammed Al-Enezi).
    English,
    /// French / Maghrebi spelling (Mohamed El Anezi, Abdelkader, Aïcha).
    French,
    /// Gulf pronunciation (Mohammad Alenezi, Gasim, Yousef).
    Gulf,
    /// Scholarly ALA-LC romanisation with diacritics (Muḥammad al-ʿAnazī).
    Scholarly,
}

/// Relative weights of the origin regions of households (need not sum to 1).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RegionWeights {
    /// Gulf citizens. Default 0.45.
    pub gulf: f64,
    /// Stateless residents. Default 0.08.
    pub bidoon: f64,
    /// Levant. Default 0.12.
    pub levant: f64,
    /// Egypt. Default 0.15.
    pub egypt: f64,
    /// Maghreb. Default 0.05.
    pub maghreb: f64,
    /// South Asia. Default 0.15.
    pub south_asia: f64,
}

impl Default for RegionWeights {
    fn default() -> Self {
        RegionWeights {
            gulf: 0.45,
            bidoon: 0.08,
            levant: 0.12,
            egypt: 0.15,
            maghreb: 0.05,
            south_asia: 0.15,
        }
    }
}

impl RegionWeights {
    fn as_array(&self) -> [f64; 6] {
        [
            self.gulf,
            self.bidoon,
            self.levant,
            self.egypt,
            self.maghreb,
            self.south_asia,
        ]
    }
}

/// Relative weights of the Latin conventions (adjusted per region: Maghrebi families
/// favour French spellings, Gulf families Gulf spellings).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ConventionWeights {
    /// English-style. Default 0.55.
    pub english: f64,
    /// French-style. Default 0.15.
    pub french: f64,
    /// Gulf pronunciation. Default 0.25.
    pub gulf: f64,
    /// Scholarly with diacritics. Default 0.05.
    pub scholarly: f64,
}

impl Default for ConventionWeights {
    fn default() -> Self {
        ConventionWeights {
            english: 0.55,
            french: 0.15,
            gulf: 0.25,
            scholarly: 0.05,
        }
    }
}

/// How names are written: parts, order, connectors, titles and noise rates. All shares
/// are probabilities in [0, 1].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct NameConfig {
    /// Share of Arabic-script records with the full registry chain (given, father,
    /// grandfather, family); the rest write a short form. Default 0.7.
    pub full_form_share_arabic: f64,
    /// Share of Latin records with the full chain (passports usually drop it). Default 0.3.
    pub full_form_share_latin: f64,
    /// Share of full forms that add a fifth part (great-grandfather). Default 0.12.
    pub fifth_part_share: f64,
    /// Share of records with bin/ibn/bint connectors. Default 0.08.
    pub connector_share: f64,
    /// Share of records with a title (Sheikh, Dr., Haji, المهندس …). Default 0.04.
    pub title_share: f64,
    /// Share of Latin records written family first ("AL-ENEZI, Mohammed"), a tenth of
    /// them as passport MRZ (`ALENEZI<<MOHAMMED`). Default 0.12.
    pub family_first_share: f64,
    /// Share of Arabic-script records stored family first (العنزي محمد عبدالله).
    /// Default 0.02.
    pub family_first_share_arabic: f64,
    /// Share of Latin records that reduce middle names to initials ("Mohammed A.
    /// Al-Enezi"). Default 0.03.
    pub initials_share: f64,
    /// Share of Latin records in ALL CAPS. Default 0.3.
    pub all_caps_share: f64,
    /// Share of Latin records that reuse the person's own spelling choices (one passport
    /// spelling); the rest choose afresh. Default 0.5.
    pub consistent_latin_share: f64,
    /// Relative weights of the Latin conventions.
    pub latin_conventions: ConventionWeights,
    /// Per Arabic word: probability of hamza / taa marbuta / alef maqsura variants.
    /// Default 0.3.
    pub orthography_share: f64,
    /// Per compound name: probability of splitting `عبدالله` or joining `نور الدين`.
    /// Default 0.3.
    pub compound_variant_share: f64,
    /// Probability of dropping the article of an `ال` family name (×3 for `آل`).
    /// Default 0.06.
    pub drop_article_share: f64,
    /// Share of Arabic records with tashkeel (vowel marks). Default 0.03.
    pub tashkeel_share: f64,
    /// Share of Arabic records with tatweel (kashida). Default 0.03.
    pub tatweel_share: f64,
    /// Share of Arabic records with invisible bidi / joiner marks. Default 0.04.
    pub invisible_share: f64,
    /// Share of South-Asian Arabic-script records typed with Persian/Urdu letters (ی ک ہ).
    /// Default 0.3.
    pub persian_letters_share: f64,
    /// Share of Arabic records stored in presentation forms (ﻣﺤﻤﺪ), as legacy systems
    /// and PDFs hold them. Default 0.01.
    pub presentation_forms_share: f64,
    /// Share of records with a doubled, non-breaking or trailing space. Default 0.02.
    pub whitespace_share: f64,
    /// Share of records with one typing error in the name. Default 0.05.
    pub typo_share: f64,
    /// Share of records with an OCR-like confusion (dots in Arabic, rn/m in Latin).
    /// Default 0.02.
    pub dot_confusion_share: f64,
}

impl Default for NameConfig {
    fn default() -> Self {
        NameConfig {
            full_form_share_arabic: 0.7,
            full_form_share_latin: 0.3,
            fifth_part_share: 0.12,
            connector_share: 0.08,
            title_share: 0.04,
            family_first_share: 0.12,
            family_first_share_arabic: 0.02,
            initials_share: 0.03,
            all_caps_share: 0.3,
            consistent_latin_share: 0.5,
            latin_conventions: ConventionWeights::default(),
            orthography_share: 0.3,
            compound_variant_share: 0.3,
            drop_article_share: 0.06,
            tashkeel_share: 0.03,
            tatweel_share: 0.03,
            invisible_share: 0.04,
            persian_letters_share: 0.3,
            presentation_forms_share: 0.01,
            whitespace_share: 0.02,
            typo_share: 0.05,
            dot_confusion_share: 0.02,
        }
    }
}

/// How dates of birth are written. Shares are probabilities in [0, 1].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DobConfig {
    /// Share of records without a date of birth. Default 0.05.
    pub missing_share: f64,
    /// Share of written dates in Hijri (tabular calendar). Default 0.1.
    pub hijri_share: f64,
    /// Share of written dates giving the year only. Default 0.03.
    pub year_only_share: f64,
    /// Share of full Gregorian dates written month first (day/month swapped). Default 0.03.
    pub swapped_share: f64,
    /// Share of full Gregorian dates with a two-digit year. Default 0.03.
    pub two_digit_year_share: f64,
    /// Share of full Gregorian dates replaced by a placeholder (1 January / 1 July of the
    /// year). Default 0.02.
    pub placeholder_share: f64,
    /// Share of written dates in Arabic-Indic (or Persian) digits. Default 0.08.
    pub eastern_digits_share: f64,
    /// Share of written full dates with a typing error: day off by 1–3, month off by one,
    /// or the last two year digits swapped (1985 → 1958). Default 0.02.
    pub typo_share: f64,
}

impl Default for DobConfig {
    fn default() -> Self {
        DobConfig {
            missing_share: 0.05,
            hijri_share: 0.1,
            year_only_share: 0.03,
            swapped_share: 0.03,
            two_digit_year_share: 0.03,
            placeholder_share: 0.02,
            eastern_digits_share: 0.08,
            typo_share: 0.02,
        }
    }
}

/// How civil IDs are written. Shares are probabilities in [0, 1].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct IdConfig {
    /// Share of records of a person with an ID that leave it out. Default 0.1.
    pub missing_share: f64,
    /// Share of written IDs with one typing error (always a wrong check digit). Default 0.03.
    pub typo_share: f64,
    /// Share of written IDs in Arabic-Indic digits (some with a leading RLM). Default 0.05.
    pub eastern_digits_share: f64,
    /// Share of written IDs with spaces or dashes. Default 0.05.
    pub formatted_share: f64,
    /// Share of stateless (Bidoon) persons who hold a civil ID at all. Default 0.3.
    pub bidoon_with_id_share: f64,
}

impl Default for IdConfig {
    fn default() -> Self {
        IdConfig {
            missing_share: 0.1,
            typo_share: 0.03,
            eastern_digits_share: 0.05,
            formatted_share: 0.05,
            bidoon_with_id_share: 0.3,
        }
    }
}

/// Gender, nationality and phone. Shares are probabilities in [0, 1].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FieldConfig {
    /// Share of records without gender. Default 0.05.
    pub gender_missing_share: f64,
    /// Share of written genders that are wrong (data-entry errors). Default 0.005.
    pub gender_error_share: f64,
    /// Share of records without nationality. Default 0.05.
    pub nationality_missing_share: f64,
    /// Share of stateless persons' records whose nationality was reassigned (Iraqi,
    /// Saudi …). Default 0.1.
    pub bidoon_reassigned_share: f64,
    /// Share of records without phone. Default 0.2.
    pub phone_missing_share: f64,
    /// Share of written phones that are another (older) number. Default 0.05.
    pub phone_changed_share: f64,
    /// Share of written phones in Arabic-Indic digits. Default 0.04.
    pub phone_eastern_digits_share: f64,
    /// Share of persons whose phone is the household landline, shared with siblings.
    /// Default 0.12.
    pub household_phone_share: f64,
}

impl Default for FieldConfig {
    fn default() -> Self {
        FieldConfig {
            gender_missing_share: 0.05,
            gender_error_share: 0.005,
            nationality_missing_share: 0.05,
            bidoon_reassigned_share: 0.1,
            phone_missing_share: 0.2,
            phone_changed_share: 0.05,
            phone_eastern_digits_share: 0.04,
            household_phone_share: 0.12,
        }
    }
}

/// Everything that decides a synthetic registry. Serde-able (TOML / JSON); missing keys
/// take their defaults, unknown keys are an error.
///
/// ```
/// use hawiya::synth::GeneratorConfig;
/// let c = GeneratorConfig::default();
/// assert_eq!((c.records, c.seed, c.max_copies), (20_000, 1, 4));
/// c.validate()?;
/// # Ok::<(), hawiya::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct GeneratorConfig {
    /// Number of records (rows) to generate. Default 20 000; at most 2^32 − 1.
    pub records: u64,
    /// Seed of every random choice. Default 1.
    pub seed: u64,
    /// Names of the source datasets. Default: six ministries (`civil_registry`, `health`,
    /// `education`, `interior`, `social_affairs`, `passports`).
    pub sources: Vec<String>,
    /// Probability that a further copy of a person lands in the same source as the copy
    /// before it (a duplicate inside one dataset); otherwise copies go to distinct
    /// sources while there are enough. Default 0.1.
    pub same_source_share: f64,
    /// Share of Arabic-script names per source, for sources that differ from
    /// `arabic_share`. Default: `civil_registry` 0.9 (Arabic registry), `passports` 0.05
    /// (Latin passport names).
    pub source_arabic_share: BTreeMap<String, f64>,
    /// Probability that a person appears more than once (2..=`max_copies` records, uniform).
    /// Default 0.35.
    pub duplicate_share: f64,
    /// Largest number of records of one person, 1–255. Default 4.
    pub max_copies: u8,
    /// Probability that a household has more than one child (2..=`max_siblings`, uniform).
    /// Siblings share father, grandfather and family name. Default 0.3.
    pub sibling_share: f64,
    /// Largest number of siblings in a household, 1–16. Default 4.
    pub max_siblings: u8,
    /// Probability that a sibling is the twin of the one before (same date of birth).
    /// Default 0.03.
    pub twin_share: f64,
    /// Probability that two neighbouring households are cousins (their fathers are
    /// brothers: same grandfather, great-grandfather and family name). Default 0.15.
    pub cousin_share: f64,
    /// Origin regions of households.
    pub regions: RegionWeights,
    /// Share of records whose full name is in Arabic script, the rest Latin, in sources
    /// not listed in `source_arabic_share`. Default 0.55.
    pub arabic_share: f64,
    /// Names.
    pub name: NameConfig,
    /// Dates of birth.
    pub dob: DobConfig,
    /// Civil IDs.
    pub civil_id: IdConfig,
    /// Gender, nationality, phone.
    pub fields: FieldConfig,
}

impl Default for GeneratorConfig {
    fn default() -> Self {
        GeneratorConfig {
            records: 20_000,
            seed: 1,
            sources: [
                "civil_registry",
                "health",
                "education",
                "interior",
                "social_affairs",
                "passports",
            ]
            .map(String::from)
            .to_vec(),
            same_source_share: 0.1,
            source_arabic_share: [("civil_registry", 0.9), ("passports", 0.05)]
                .into_iter()
                .map(|(k, v)| (k.to_owned(), v))
                .collect(),
            duplicate_share: 0.35,
            max_copies: 4,
            sibling_share: 0.3,
            max_siblings: 4,
            twin_share: 0.03,
            cousin_share: 0.15,
            regions: RegionWeights::default(),
            arabic_share: 0.55,
            name: NameConfig::default(),
            dob: DobConfig::default(),
            civil_id: IdConfig::default(),
            fields: FieldConfig::default(),
        }
    }
}

impl GeneratorConfig {
    /// Check every value: shares in [0, 1], counts in range, at least one source and one
    /// positive region weight.
    ///
    /// # Errors
    /// [`crate::ErrorKind::Config`] naming the first bad key.
    pub fn validate(&self) -> Result<()> {
        let shares: [(&str, f64); 36] = [
            ("duplicate_share", self.duplicate_share),
            ("sibling_share", self.sibling_share),
            ("twin_share", self.twin_share),
            ("cousin_share", self.cousin_share),
            ("arabic_share", self.arabic_share),
            (
                "name.full_form_share_arabic",
                self.name.full_form_share_arabic,
            ),
            (
                "name.full_form_share_latin",
                self.name.full_form_share_latin,
            ),
            ("name.fifth_part_share", self.name.fifth_part_share),
            ("name.connector_share", self.name.connector_share),
            ("name.title_share", self.name.title_share),
            ("name.family_first_share", self.name.family_first_share),
            ("name.all_caps_share", self.name.all_caps_share),
            (
                "name.consistent_latin_share",
                self.name.consistent_latin_share,
            ),
            ("name.orthography_share", self.name.orthography_share),
            (
                "name.compound_variant_share",
                self.name.compound_variant_share,
            ),
            ("name.drop_article_share", self.name.drop_article_share),
            ("name.tashkeel_share", self.name.tashkeel_share),
            ("name.tatweel_share", self.name.tatweel_share),
            ("name.invisible_share", self.name.invisible_share),
            (
                "name.persian_letters_share",
                self.name.persian_letters_share,
            ),
            ("name.typo_share", self.name.typo_share),
            ("name.dot_confusion_share", self.name.dot_confusion_share),
            ("dob.missing_share", self.dob.missing_share),
            ("dob.hijri_share", self.dob.hijri_share),
            ("dob.year_only_share", self.dob.year_only_share),
            ("dob.swapped_share", self.dob.swapped_share),
            ("dob.two_digit_year_share", self.dob.two_digit_year_share),
            ("dob.placeholder_share", self.dob.placeholder_share),
            ("dob.eastern_digits_share", self.dob.eastern_digits_share),
            ("civil_id.missing_share", self.civil_id.missing_share),
            ("civil_id.typo_share", self.civil_id.typo_share),
            (
                "civil_id.eastern_digits_share",
                self.civil_id.eastern_digits_share,
            ),
            ("civil_id.formatted_share", self.civil_id.formatted_share),
            (
                "civil_id.bidoon_with_id_share",
                self.civil_id.bidoon_with_id_share,
            ),
            (
                "fields.gender_missing_share",
                self.fields.gender_missing_share,
            ),
            (
                "fields.phone_missing_share",
                self.fields.phone_missing_share,
            ),
        ];
        let more: [(&str, f64); 12] = [
            (
                "name.family_first_share_arabic",
                self.name.family_first_share_arabic,
            ),
            ("name.initials_share", self.name.initials_share),
            ("same_source_share", self.same_source_share),
            ("dob.typo_share", self.dob.typo_share),
            ("fields.gender_error_share", self.fields.gender_error_share),
            (
                "name.presentation_forms_share",
                self.name.presentation_forms_share,
            ),
            ("name.whitespace_share", self.name.whitespace_share),
            (
                "fields.nationality_missing_share",
                self.fields.nationality_missing_share,
            ),
            (
                "fields.bidoon_reassigned_share",
                self.fields.bidoon_reassigned_share,
            ),
            (
                "fields.phone_changed_share",
                self.fields.phone_changed_share,
            ),
            (
                "fields.phone_eastern_digits_share",
                self.fields.phone_eastern_digits_share,
            ),
            (
                "fields.household_phone_share",
                self.fields.household_phone_share,
            ),
        ];
        for (key, v) in shares.iter().chain(more.iter()) {
            if !(0.0..=1.0).contains(v) {
                return Err(Error::config(*key, "must be a share between 0 and 1"));
            }
        }
        if self.name.all_caps_share > 0.98 {
            return Err(Error::config("name.all_caps_share", "must be at most 0.98"));
        }
        let weights = [
            (
                "name.latin_conventions",
                self.name.latin_conventions_array().to_vec(),
            ),
            ("regions", self.regions.as_array().to_vec()),
        ];
        for (key, w) in weights {
            if w.iter().any(|x| !x.is_finite() || *x < 0.0) || w.iter().sum::<f64>() <= 0.0 {
                return Err(Error::config(
                    key,
                    "weights must be finite, non-negative and not all zero",
                ));
            }
        }
        if self.records > u64::from(u32::MAX) {
            return Err(Error::config("records", "must be below 2^32"));
        }
        if self.max_copies == 0 {
            return Err(Error::config("max_copies", "must be at least 1"));
        }
        if !(1..=16).contains(&self.max_siblings) {
            return Err(Error::config("max_siblings", "must be between 1 and 16"));
        }
        if self.sources.is_empty() || self.sources.iter().any(|s| s.trim().is_empty()) {
            return Err(Error::config(
                "sources",
                "needs at least one non-empty name",
            ));
        }
        for (source, share) in &self.source_arabic_share {
            let key = format!("source_arabic_share.{source}");
            if !self.sources.contains(source) {
                return Err(Error::config(
                    key,
                    "is not one of `sources` (list only the configured sources)",
                ));
            }
            if !(0.0..=1.0).contains(share) {
                return Err(Error::config(key, "must be a share between 0 and 1"));
            }
        }
        Ok(())
    }
}

impl NameConfig {
    fn latin_conventions_array(&self) -> [f64; 4] {
        let w = &self.latin_conventions;
        [w.english, w.french, w.gulf, w.scholarly]
    }
}

/// How a record's date of birth was written (for tests and analysis; not a CSV column).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct DobWritten {
    /// Written in the Gregorian calendar.
    pub gregorian: bool,
    /// Written in the Hijri calendar. Neither flag: the date is missing.
    pub hijri: bool,
    /// Only the year was written.
    pub year_only: bool,
    /// Month written before day.
    pub day_month_swapped: bool,
    /// A placeholder day and month (1 January / 1 July) instead of the true ones.
    pub placeholder: bool,
    /// Written in Arabic-Indic or Persian digits.
    pub eastern_digits: bool,
    /// Written with a typing error (the text is not the true date).
    pub typo: bool,
}

/// What a record's civil ID column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IdStatus {
    /// The person has no civil ID (some stateless residents); the column is empty.
    #[default]
    NoId,
    /// The person has an ID but this record left it out.
    Missing,
    /// The person's ID, correctly copied (valid check digit).
    Valid,
    /// The person's ID with one typing error (the check digit fails).
    Mistyped,
}

/// How one record was produced: the truth behind its text, for tests and analysis.
/// Not written to CSV.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct Appearance {
    /// Which copy of the person this is (0-based).
    pub copy: u8,
    /// Script of the full name.
    pub script: Script,
    /// Latin convention, for Latin names.
    pub convention: Option<LatinConvention>,
    /// How the date of birth was written.
    pub dob: DobWritten,
    /// What the civil ID column holds.
    pub civil_id: IdStatus,
    /// Number of name parts written (given, father, …, family; titles and connectors
    /// not counted).
    pub name_parts: u8,
    /// The gender column holds the wrong gender.
    pub gender_error: bool,
}

/// One synthetic record: the nine CSV columns (empty string = missing value) plus the
/// generation truth in [`Record::appearance`] (not a column).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Record {
    /// Row id, unique within the dataset (`r0000001` …); reveals nothing about the person.
    pub unique_id: String,
    /// Source dataset name.
    pub source: String,
    /// The full name as this source writes it.
    pub full_name: String,
    /// Date of birth text (Gregorian or Hijri, many formats), or empty.
    pub dob: String,
    /// Kuwait civil ID text, or empty.
    pub civil_id: String,
    /// Gender text (ذكر, Female, M …), or empty.
    pub gender: String,
    /// Nationality text (كويتية, Egyptian, KWT, بدون …), or empty.
    pub nationality: String,
    /// Phone text, or empty.
    pub phone: String,
    /// The true person id: records with the same cluster are the same person.
    pub cluster: u64,
    /// How the record was produced.
    #[serde(skip)]
    pub appearance: Appearance,
}

/// The CSV header of [`Record`], in column order.
pub const COLUMNS: [&str; 9] = [
    "unique_id",
    "source",
    "full_name",
    "dob",
    "civil_id",
    "gender",
    "nationality",
    "phone",
    "cluster",
];

/// The truth about one synthetic person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Person {
    /// Person id (the `cluster` of its records).
    pub id: u64,
    /// Household id: siblings share it.
    pub household: u64,
    /// Origin region.
    pub region: Region,
    /// Gender.
    pub gender: Gender,
    /// Given name (Arabic script, registry spelling).
    pub given: &'static str,
    /// Father's given name.
    pub father: &'static str,
    /// Grandfather's given name.
    pub grandfather: &'static str,
    /// Great-grandfather's given name.
    pub great_grandfather: &'static str,
    /// Family / tribe name.
    pub family: &'static str,
    /// True date of birth (Gregorian).
    pub dob: Ymd,
    /// Civil ID (12 ASCII digits, valid check digit), if the person has one.
    pub civil_id: Option<String>,
    /// ISO 3166 alpha-3 nationality, `XXA` for stateless.
    pub nationality: &'static str,
    /// The person's phone number (8 digits).
    pub phone: String,
    /// Number of records of this person in the dataset.
    pub copies: u8,
}

impl Person {
    /// The four-part registry name in Arabic script (given, father, grandfather, family).
    pub fn registry_name(&self) -> String {
        format!(
            "{} {} {} {}",
            self.given, self.father, self.grandfather, self.family
        )
    }
}

// ---------------------------------------------------------------- generation

/// Sub-stream ids of [`SplitMix64::derive`].
mod stream {
    pub const HOUSEHOLD: u64 = 2;
    pub const CLAN_SHARED: u64 = 3;
    pub const CLAN_OWN: u64 = 4;
    pub const COUSIN: u64 = 5;
    pub const RECORD: u64 = 6;
    pub const SOURCES: u64 = 7;
    pub const STYLE: u64 = 8;
    pub const SERIAL: u64 = 9;
    pub const SHUFFLE: u64 = 10;
}

/// Earliest and latest household base birth dates (days since 1970-01-01).
const BASE_FIRST_DAY: i64 = -9_131; // 1945-01-01
const BASE_LAST_DAY: i64 = 13_879; // 2007-12-31

#[derive(Debug, Clone)]
struct Member {
    gender: Gender,
    given: u32,
    dob_days: i64,
    phone: u32,
    has_id: bool,
    copies: u8,
}

#[derive(Debug, Clone)]
struct Household {
    region: Region,
    nationality: usize,
    family: u32,
    father: u32,
    grandfather: u32,
    great_grandfather: u32,
    members: Vec<Member>,
}

/// Nationality index for a household of `region`.
fn nationality_for(region: Region, rng: &mut SplitMix64) -> usize {
    let (choices, weights): (&[usize], &[f64]) = match region {
        Region::Gulf => (
            &[0, 1, 2, 3, 4, 5, 6],
            &[80.0, 7.0, 3.0, 3.0, 2.0, 2.0, 3.0],
        ),
        Region::Bidoon => (&[fields::STATELESS], &[1.0]),
        Region::Levant => (&[8, 9, 10, 11, 7], &[30.0, 25.0, 18.0, 20.0, 7.0]),
        Region::Egypt => (&[12], &[1.0]),
        Region::Maghreb => (&[13, 14, 15], &[40.0, 35.0, 25.0]),
        Region::SouthAsia => (&[16, 17, 18], &[40.0, 35.0, 25.0]),
    };
    choices[rng.weighted(weights).min(choices.len() - 1)]
}

/// The lineage shared by cousins.
struct Clan {
    region: Region,
    nationality: usize,
    family: u32,
    grandfather: u32,
    great_grandfather: u32,
    /// Two brothers: the fathers of the two cousin households.
    fathers: [u32; 2],
}

fn clan(config: &GeneratorConfig, inv: &Inventory, stream_id: u64, index: u64) -> Clan {
    let mut rng = SplitMix64::derive(config.seed, stream_id, index);
    let region = Region::ALL[rng.weighted(&config.regions.as_array()).min(5)];
    let nationality = nationality_for(region, &mut rng);
    let family = inv.sample_family(region, &mut rng);
    let great_grandfather = inv.sample_given(region, Gender::Male, &mut rng);
    let grandfather = inv.sample_given(region, Gender::Male, &mut rng);
    let f0 = inv.sample_given(region, Gender::Male, &mut rng);
    let mut f1 = inv.sample_given(region, Gender::Male, &mut rng);
    for _ in 0..16 {
        if f1 != f0 {
            break;
        }
        f1 = inv.sample_given(region, Gender::Male, &mut rng);
    }
    Clan {
        region,
        nationality,
        family,
        grandfather,
        great_grandfather,
        fathers: [f0, f1],
    }
}

/// Household `h`, a pure function of the config and `h`. Households `2k` and `2k + 1`
/// are cousins (their fathers brothers) with probability `cousin_share`.
fn household(config: &GeneratorConfig, inv: &Inventory, h: u64) -> Household {
    let pair = h >> 1;
    let cousins = SplitMix64::derive(config.seed, stream::COUSIN, pair).chance(config.cousin_share);
    let Clan {
        region,
        nationality,
        family,
        grandfather,
        great_grandfather,
        fathers,
    } = if cousins {
        clan(config, inv, stream::CLAN_SHARED, pair)
    } else {
        clan(config, inv, stream::CLAN_OWN, h)
    };
    let father = fathers[(h & 1) as usize];
    let mut rng = SplitMix64::derive(config.seed, stream::HOUSEHOLD, h);
    let size = if rng.chance(config.sibling_share) && config.max_siblings > 1 {
        2 + rng.below(u64::from(config.max_siblings) - 1) as usize
    } else {
        1
    };
    let landline = fields::landline_number(&mut rng);
    let mut dob = BASE_FIRST_DAY + rng.below((BASE_LAST_DAY - BASE_FIRST_DAY) as u64) as i64;
    let mut members: Vec<Member> = Vec::with_capacity(size);
    for m in 0..size {
        if m > 0 && !rng.chance(config.twin_share) {
            dob += 300 + rng.below(1500) as i64;
        }
        let gender = if rng.chance(0.5) {
            Gender::Male
        } else {
            Gender::Female
        };
        // Siblings get distinct names, and sons are not named after their father.
        let mut given = inv.sample_given(region, gender, &mut rng);
        for _ in 0..16 {
            let clash = members
                .iter()
                .any(|o| o.given == given && o.gender == gender)
                || (gender == Gender::Male && given == father);
            if !clash {
                break;
            }
            given = inv.sample_given(region, gender, &mut rng);
        }
        let phone = if rng.chance(config.fields.household_phone_share) {
            landline
        } else {
            fields::mobile_number(&mut rng)
        };
        let has_id = region != Region::Bidoon || rng.chance(config.civil_id.bidoon_with_id_share);
        let copies = if rng.chance(config.duplicate_share) && config.max_copies > 1 {
            2 + rng.below(u64::from(config.max_copies) - 1) as u8
        } else {
            1
        };
        members.push(Member {
            gender,
            given,
            dob_days: dob,
            phone,
            has_id,
            copies,
        });
    }
    Household {
        region,
        nationality,
        family,
        father,
        grandfather,
        great_grandfather,
        members,
    }
}

/// One person of the dataset layout (8 bytes).
#[derive(Debug, Clone, Copy)]
struct PersonSlot {
    household: u32,
    member: u8,
    copies: u8,
    serial: u16,
}

/// The record generator: an iterator of [`Record`]s in a shuffled order (the records of
/// one person are not adjacent), with random access by position.
///
/// Building it lays out the dataset (which person has how many records, where each
/// record goes): about 16 bytes per record. Records are then produced one at a time.
///
/// ```
/// use hawiya::synth::{Generator, GeneratorConfig};
/// let g = Generator::new(GeneratorConfig { records: 1000, ..GeneratorConfig::default() })?;
/// assert_eq!(g.record_count(), 1000);
/// let r = g.record(0).expect("in range");
/// let p = g.person(r.cluster).expect("every cluster is a person");
/// assert!(p.copies >= 1);
/// # Ok::<(), hawiya::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Generator {
    config: GeneratorConfig,
    persons: Vec<PersonSlot>,
    /// Output position → (person, copy), packed as `person << 8 | copy`.
    order: Vec<u64>,
    next: usize,
    id_width: usize,
    /// Arabic-script share of each source, in `config.sources` order.
    source_arabic: Vec<f64>,
}

impl Generator {
    /// Validate `config` and lay out the dataset.
    ///
    /// # Errors
    /// [`crate::ErrorKind::Config`] when a config value is out of range.
    pub fn new(config: GeneratorConfig) -> Result<Self> {
        config.validate()?;
        let inv = Inventory::get();
        let n = config.records as usize;
        let mut persons: Vec<PersonSlot> = Vec::with_capacity(n);
        let mut dobs: Vec<(i64, u32)> = Vec::with_capacity(n);
        let mut total = 0usize;
        let mut h = 0u64;
        while total < n {
            let hh = household(&config, inv, h);
            for (m, member) in hh.members.iter().enumerate() {
                if total >= n {
                    break;
                }
                let copies = usize::from(member.copies).min(n - total);
                total += copies;
                dobs.push((member.dob_days, persons.len() as u32));
                persons.push(PersonSlot {
                    household: h as u32,
                    member: m as u8,
                    copies: copies as u8,
                    serial: 0,
                });
            }
            h += 1;
        }
        // Civil-ID serials: unique among persons born the same day. Each person gets the
        // even serial 2·(rank + offset) mod 10 000; when that serial has no valid check
        // digit the next (odd) one does, so no two persons share an ID while fewer than
        // 5 000 are born on one day.
        dobs.sort_unstable();
        let mut rank = 0u64;
        for i in 0..dobs.len() {
            rank = if i > 0 && dobs[i].0 == dobs[i - 1].0 {
                rank + 1
            } else {
                0
            };
            let offset =
                SplitMix64::derive(config.seed, stream::SERIAL, dobs[i].0 as u64).below(5000);
            let serial = (2 * ((rank + offset) % 5000)) as u16;
            if let Some(p) = persons.get_mut(dobs[i].1 as usize) {
                p.serial = serial;
            }
        }
        drop(dobs);
        let mut order: Vec<u64> = Vec::with_capacity(n);
        for (p, slot) in persons.iter().enumerate() {
            for c in 0..slot.copies {
                order.push(((p as u64) << 8) | u64::from(c));
            }
        }
        // Fisher–Yates shuffle so that row order says nothing about the truth.
        let mut rng = SplitMix64::derive(config.seed, stream::SHUFFLE, 0);
        for i in (1..order.len()).rev() {
            let j = rng.index(i + 1);
            order.swap(i, j);
        }
        let id_width = n.to_string().len().max(7);
        let source_arabic = config
            .sources
            .iter()
            .map(|s| {
                config
                    .source_arabic_share
                    .get(s)
                    .copied()
                    .unwrap_or(config.arabic_share)
            })
            .collect();
        Ok(Generator {
            config,
            persons,
            order,
            next: 0,
            id_width,
            source_arabic,
        })
    }

    /// The config this generator was built from.
    pub fn config(&self) -> &GeneratorConfig {
        &self.config
    }

    /// Number of records in the whole dataset (the iterator's `len()` counts those
    /// still to come).
    pub fn record_count(&self) -> usize {
        self.order.len()
    }

    /// Number of distinct persons (clusters).
    pub fn person_count(&self) -> usize {
        self.persons.len()
    }

    /// The truth about person `id` (a record's `cluster`), or `None` when out of range.
    pub fn person(&self, id: u64) -> Option<Person> {
        let slot = *self.persons.get(usize::try_from(id).ok()?)?;
        let inv = Inventory::get();
        let hh = household(&self.config, inv, u64::from(slot.household));
        let m = hh.members.get(usize::from(slot.member))?;
        let name = |i: u32| inv.given.get(i as usize).map_or("", |e| e.arabic);
        let dob = civil_from_days(m.dob_days);
        let civil_id = if m.has_id {
            fields::kuwait_civil_id(dob, slot.serial)
                .map(|d| d.iter().map(|x| char::from(b'0' + x)).collect())
        } else {
            None
        };
        Some(Person {
            id,
            household: u64::from(slot.household),
            region: hh.region,
            gender: m.gender,
            given: name(m.given),
            father: name(hh.father),
            grandfather: name(hh.grandfather),
            great_grandfather: name(hh.great_grandfather),
            family: inv.family.get(hh.family as usize).map_or("", |e| e.arabic),
            dob,
            civil_id,
            nationality: fields::NATIONALITIES[hh.nationality.min(fields::STATELESS)].alpha3,
            phone: format!("{:08}", m.phone),
            copies: slot.copies,
        })
    }

    /// The records at output positions `range` (clamped to the dataset), in order. With
    /// the `parallel` feature they are generated on all cores; the result is the same.
    ///
    /// ```
    /// use hawiya::synth::{Generator, GeneratorConfig};
    /// let g = Generator::new(GeneratorConfig { records: 100, ..GeneratorConfig::default() })?;
    /// let batch = g.records(90..200);
    /// assert_eq!(batch.len(), 10);
    /// assert_eq!(batch[0], g.record(90).expect("in range"));
    /// # Ok::<(), hawiya::Error>(())
    /// ```
    pub fn records(&self, range: std::ops::Range<usize>) -> Vec<Record> {
        let end = range.end.min(self.order.len());
        let start = range.start.min(end);
        #[cfg(feature = "parallel")]
        {
            use rayon::prelude::*;
            (start..end)
                .into_par_iter()
                .filter_map(|i| self.record(i))
                .collect()
        }
        #[cfg(not(feature = "parallel"))]
        {
            (start..end).filter_map(|i| self.record(i)).collect()
        }
    }

    /// The source (index into `config.sources`) of copy `copy` of person `person_id`.
    /// Copies move along a random cycle through the sources (a step coprime to their
    /// number visits each once), staying put with probability `same_source_share`.
    fn source_index(&self, person_id: u64, copy: u8) -> usize {
        let ns = self.config.sources.len();
        let mut srng = SplitMix64::derive(self.config.seed, stream::SOURCES, person_id);
        let start = srng.index(ns);
        let step = if ns > 1 { 1 + srng.index(ns - 1) } else { 0 };
        let step = if gcd(step, ns) == 1 { step } else { 1 };
        let mut moves = 0usize;
        for _ in 0..copy {
            if !srng.chance(self.config.same_source_share) {
                moves += 1;
            }
        }
        (start + moves * step) % ns.max(1)
    }

    /// The record at output `position` (0-based), or `None` when out of range.
    pub fn record(&self, position: usize) -> Option<Record> {
        let packed = *self.order.get(position)?;
        let person_id = packed >> 8;
        let copy = (packed & 0xFF) as u8;
        let slot = *self.persons.get(person_id as usize)?;
        let inv = Inventory::get();
        let cfg = &self.config;
        let hh = household(cfg, inv, u64::from(slot.household));
        let m = hh.members.get(usize::from(slot.member))?;
        let mut rng = SplitMix64::derive(cfg.seed, stream::RECORD, packed);

        let source_index = self.source_index(person_id, copy);
        let source = cfg.sources.get(source_index)?.clone();
        let parts = names::NameParts {
            given: inv.given.get(m.given as usize)?,
            father: inv.given.get(hh.father as usize)?,
            grandfather: inv.given.get(hh.grandfather as usize)?,
            great_grandfather: inv.given.get(hh.great_grandfather as usize)?,
            family: inv.family.get(hh.family as usize)?,
        };
        let arabic_share = self.source_arabic.get(source_index).copied().unwrap_or(0.0);
        let script = if rng.chance(arabic_share) {
            Script::Arabic
        } else {
            Script::Latin
        };
        let style_seed = SplitMix64::derive(cfg.seed, stream::STYLE, person_id).next_u64();
        let name = names::render_name(
            &parts, script, hh.region, m.gender, &cfg.name, style_seed, &mut rng,
        );
        let (dob, dob_written) = fields::dob_text(m.dob_days, &cfg.dob, &mut rng);
        let id_digits = if m.has_id {
            fields::kuwait_civil_id(civil_from_days(m.dob_days), slot.serial)
        } else {
            None
        };
        let (civil_id, id_status) = fields::civil_id_text(id_digits, &cfg.civil_id, &mut rng);
        let (gender, gender_error) = fields::gender_text(m.gender, &cfg.fields, &mut rng);
        let nationality = fields::nationality_text(hh.nationality, m.gender, &cfg.fields, &mut rng);
        let phone = fields::phone_text(m.phone, &cfg.fields, &mut rng);
        Some(Record {
            unique_id: format!("r{:0width$}", position + 1, width = self.id_width),
            source,
            full_name: name.text,
            dob,
            civil_id,
            gender,
            nationality,
            phone,
            cluster: person_id,
            appearance: Appearance {
                copy,
                script,
                convention: name.convention,
                dob: dob_written,
                civil_id: id_status,
                name_parts: name.parts,
                gender_error,
            },
        })
    }
}

fn gcd(a: usize, b: usize) -> usize {
    if b == 0 { a } else { gcd(b, a % b) }
}

impl Iterator for Generator {
    type Item = Record;

    fn next(&mut self) -> Option<Record> {
        let r = self.record(self.next)?;
        self.next += 1;
        Some(r)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = self.order.len().saturating_sub(self.next);
        (left, Some(left))
    }
}

impl ExactSizeIterator for Generator {}

/// Generate all records of `config` into a vector (convenient for tests; stream with
/// [`Generator`] for large datasets).
///
/// # Errors
/// [`crate::ErrorKind::Config`] when a config value is out of range.
///
/// ```
/// let records = hawiya::synth::generate(hawiya::synth::GeneratorConfig {
///     records: 10,
///     ..Default::default()
/// })?;
/// assert_eq!(records.len(), 10);
/// # Ok::<(), hawiya::Error>(())
/// ```
pub fn generate(config: GeneratorConfig) -> Result<Vec<Record>> {
    Ok(Generator::new(config)?.collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn small(records: u64) -> GeneratorConfig {
        GeneratorConfig {
            records,
            ..GeneratorConfig::default()
        }
    }

    #[test]
    fn exact_record_count_and_unique_ids() {
        for n in [0u64, 1, 2, 17, 500] {
            let recs = generate(small(n)).unwrap();
            assert_eq!(recs.len() as u64, n);
            let ids: std::collections::BTreeSet<_> = recs.iter().map(|r| &r.unique_id).collect();
            assert_eq!(ids.len() as u64, n);
        }
    }

    #[test]
    fn invalid_configs_are_rejected_with_the_key() {
        let bad = GeneratorConfig {
            arabic_share: 1.5,
            ..GeneratorConfig::default()
        };
        let e = Generator::new(bad).unwrap_err();
        assert!(e.to_string().contains("arabic_share"), "{e}");
        let bad = GeneratorConfig {
            sources: vec![],
            ..GeneratorConfig::default()
        };
        assert!(Generator::new(bad).is_err());
        let bad = GeneratorConfig {
            max_copies: 0,
            ..GeneratorConfig::default()
        };
        assert!(Generator::new(bad).is_err());
    }

    #[test]
    fn copies_of_a_person_go_to_distinct_sources() {
        let g = Generator::new(GeneratorConfig {
            same_source_share: 0.0,
            ..small(3000)
        })
        .unwrap();
        let mut by_person: std::collections::BTreeMap<u64, Vec<String>> = Default::default();
        for r in g.clone() {
            by_person.entry(r.cluster).or_default().push(r.source);
        }
        for (p, sources) in by_person {
            let distinct: std::collections::BTreeSet<_> = sources.iter().collect();
            assert_eq!(distinct.len(), sources.len(), "person {p}: {sources:?}");
            assert_eq!(g.person(p).unwrap().copies as usize, sources.len());
        }
    }

    #[test]
    fn public_types_are_send_and_sync() {
        fn check<T: Send + Sync>() {}
        check::<Generator>();
        check::<GeneratorConfig>();
        check::<Record>();
        check::<Person>();
        check::<SplitMix64>();
    }

    #[test]
    fn source_shares_must_name_known_sources() {
        let mut c = GeneratorConfig::default();
        c.source_arabic_share.insert("nowhere".into(), 0.5);
        let e = c.validate().unwrap_err().to_string();
        assert!(e.contains("source_arabic_share.nowhere"), "{e}");
        let mut c = GeneratorConfig::default();
        c.source_arabic_share.insert("health".into(), 2.0);
        assert!(c.validate().is_err());
    }
}
