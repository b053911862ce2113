//! The generator's configuration: every share, weight and count, with defaults.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use hawiya::{Error, Result};

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
    pub(crate) fn as_array(&self) -> [f64; 6] {
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
/// use hawiya_synth::GeneratorConfig;
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
    /// Share of Levantine and Egyptian households that are Christian families (given and
    /// family names from the Christian and shared lists). Default 0.1.
    pub christian_share: f64,
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
            christian_share: 0.1,
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
    /// [`hawiya::ErrorKind::Config`] naming the first bad key.
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
        let more: [(&str, f64); 13] = [
            (
                "name.family_first_share_arabic",
                self.name.family_first_share_arabic,
            ),
            ("name.initials_share", self.name.initials_share),
            ("same_source_share", self.same_source_share),
            ("christian_share", self.christian_share),
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
