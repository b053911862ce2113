//! # hawiya-synth
//!
//! Deterministic synthetic person registries with known truth, for hawiya's demo, tests
//! and benchmarks. A crate of its own: the library does not carry the generator, its name
//! inventories or its calendar arithmetic, and the generator uses only hawiya's public API.
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
//! from hawiya's [`SplitMix64`], so that no dependency update can change the data.
//!
//! ## What a dataset holds
//! - **People.** Households of 1–4 siblings (same father, grandfather, great-grandfather
//!   and family name; sometimes twins with one date of birth), pairs of cousin
//!   households (same grandfather and family, fathers who are brothers), from six origin
//!   regions (Gulf, stateless Bidoon, Levant, Egypt, Maghreb, South Asia). Given and
//!   family names are drawn by frequency from the inventories in `data/names/`, so many
//!   distinct people share a given and a tribe name, and some the whole registry name.
//! - **Appearances.** Each person has 1..=`max_copies` records, in distinct sources or
//!   (with `same_source_share`) twice in one. Rows are shuffled; `unique_id` is the row
//!   number and says nothing about the person.
//! - **Names.** Arabic script (share per source) with hamza / ة / ى variants, split or
//!   joined Abd-compounds, آل/ال article variants, tashkeel, tatweel, bidi and joiner
//!   marks, Persian letters, presentation forms, dot confusions and typos; or Latin in
//!   English, French, Gulf or scholarly (ALA-LC) spelling, a share reusing the person's
//!   own passport spelling, in Title, UPPER or lower case, family first or as a passport
//!   MRZ, with initials, Md./Mohd., typos and OCR confusions. Full four- or five-part
//!   registry chains or short forms; bin/bint/ibn, s/o, d/o connectors; titles.
//! - **Fields.** Date of birth as Gregorian or Hijri text in many formats (day/month
//!   swapped, two-digit or year-only, placeholders, typos, Arabic-Indic digits) or
//!   missing; Kuwait civil ID (century digit, YYMMDD of the birth date, serial unique per
//!   birth date, valid check digit) sometimes mistyped, reformatted or missing, and absent
//!   for most stateless persons; gender, nationality (Arabic / English word, ISO code,
//!   بدون; reassigned for some stateless persons) and phone (+965 forms, landlines shared
//!   by siblings, old numbers) in their usual forms.
//!
//! Hijri dates are written with the tabular (arithmetic) Islamic calendar; read back with
//! Umm al-Qura they are within ±2 days of the truth date. Civil IDs embed the true date of
//! birth and carry a valid check digit unless the record's ID was mistyped.
//!
//! ## Cost
//! [`Generator::new`] lays the dataset out in about 16 bytes per record; records are
//! then produced one at a time (or in parallel batches with [`Generator::records`]), so
//! a million records stream in a few seconds with a few tens of MB. Persons do not depend
//! on the record count: a larger dataset with the same seed holds the same people (it
//! only shuffles and truncates differently).
//!
//! ```
//! use hawiya_synth::{Generator, GeneratorConfig};
//! let config = GeneratorConfig { records: 50, seed: 7, ..GeneratorConfig::default() };
//! let records: Vec<_> = Generator::new(config.clone())?.collect();
//! assert_eq!(records.len(), 50);
//! // Deterministic: the same config gives the same records.
//! let again: Vec<_> = Generator::new(config)?.collect();
//! assert_eq!(records, again);
//! # Ok::<(), hawiya::Error>(())
//! ```

mod calendar;
mod config;
mod fields;
mod generator;
mod inventory;
mod names;

pub use calendar::{
    Ymd, civil_from_days, days_from_civil, days_from_tabular_hijri, days_in_month, is_leap_year,
    tabular_hijri_from_days,
};
pub use config::{
    ConventionWeights, DobConfig, FieldConfig, GeneratorConfig, IdConfig, NameConfig, RegionWeights,
};
pub use generator::Generator;
pub use hawiya::SplitMix64;

use serde::{Deserialize, Serialize};

use hawiya::Result;

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
    /// A Christian family (its names come from the Christian and shared lists).
    pub christian: bool,
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

/// Generate all records of `config` into a vector (convenient for tests; stream with
/// [`Generator`] for large datasets).
///
/// # Errors
/// [`hawiya::ErrorKind::Config`] when a config value is out of range.
///
/// ```
/// let records = hawiya_synth::generate(hawiya_synth::GeneratorConfig {
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
