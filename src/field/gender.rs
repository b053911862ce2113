//! Gender / sex codes in Arabic and English: words, abbreviations and the ISO/IEC 5218
//! digits (1 male, 2 female, 0 not known, 9 not applicable).
//!
//! Only the field value is read: a name ending in ة is not a gender test (`حمزة`, `أسامة`
//! and `طلحة` are male names).

use super::{FieldComparator, Level, LevelInfo, NullReason, reason_of};
use crate::text::digits::fold_digits;
use crate::text::word_key;

/// A recorded gender.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Gender {
    /// Male (`M`, `male`, `ذكر`, `1`).
    Male,
    /// Female (`F`, `female`, `أنثى`, `2`).
    Female,
}

const MALE: &[&str] = &[
    "m",
    "male",
    "man",
    "men",
    "boy",
    "masculine",
    "1",
    "ذكر",
    "ذ",
    "رجل",
    "ولد",
    "مذكر",
    "ذكور",
    "h",
    "homme",
];
const FEMALE: &[&str] = &[
    "f",
    "female",
    "woman",
    "women",
    "girl",
    "feminine",
    "w",
    "2",
    "انثي",
    "انثا",
    "ا",
    "ث",
    "امراه",
    "مراه",
    "بنت",
    "مونث",
    "اناث",
    "femme",
];
const UNKNOWN: &[&str] = &[
    "u",
    "unknown",
    "x",
    "o",
    "other",
    "0",
    "9",
    "na",
    "n a",
    "unspecified",
    "not known",
    "غير معروف",
    "غير محدد",
    "مجهول",
    "-",
];

impl Gender {
    /// Parse a gender code or word.
    ///
    /// # Errors
    /// [`NullReason::Empty`] for a blank value, [`NullReason::Unknown`] for `U`, `unknown`,
    /// `0`, `9`, `غير معروف` …, [`NullReason::Unrecognised`] for anything else.
    ///
    /// ```
    /// use hawiya::field::{Gender, NullReason};
    /// assert_eq!(Gender::parse("أنثى"), Ok(Gender::Female));
    /// assert_eq!(Gender::parse(" M "), Ok(Gender::Male));
    /// assert_eq!(Gender::parse("١"), Ok(Gender::Male));
    /// assert_eq!(Gender::parse("?"), Err(NullReason::Unknown));
    /// assert_eq!(Gender::parse("Q"), Err(NullReason::Unrecognised));
    /// ```
    pub fn parse(raw: &str) -> Result<Self, NullReason> {
        let folded = fold_digits(raw);
        let full = word_key(folded.trim());
        if full.is_empty() {
            return Err(NullReason::Empty);
        }
        let key = full.trim_matches(|c: char| c.is_ascii_punctuation());
        if key.is_empty() {
            // Only punctuation: `?`, `-`, `--`.
            return Err(NullReason::Unknown);
        }
        if MALE.contains(&key) {
            Ok(Gender::Male)
        } else if FEMALE.contains(&key) {
            Ok(Gender::Female)
        } else if UNKNOWN.contains(&key) {
            Err(NullReason::Unknown)
        } else {
            Err(NullReason::Unrecognised)
        }
    }

    /// `"M"` or `"F"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Gender::Male => "M",
            Gender::Female => "F",
        }
    }
}

/// Compares genders. Levels: 0 `exact`, 1 `else`.
#[derive(Clone, Copy, Debug, Default)]
pub struct GenderComparator;

const GENDER_LEVELS: &[LevelInfo] = &[
    LevelInfo {
        name: "exact",
        description: "same gender",
    },
    LevelInfo {
        name: "else",
        description: "different genders",
    },
];

impl GenderComparator {
    /// Level `exact`.
    pub const EXACT: Level = Level(0);
    /// Level `else`.
    pub const ELSE: Level = Level(1);
}

impl FieldComparator for GenderComparator {
    type Prepared = Result<Gender, NullReason>;

    fn prepare(&self, raw: &str) -> Self::Prepared {
        Gender::parse(raw)
    }

    fn compare(&self, a: &Self::Prepared, b: &Self::Prepared) -> Level {
        match (a, b) {
            (Ok(a), Ok(b)) if a == b => Self::EXACT,
            (Ok(_), Ok(_)) => Self::ELSE,
            _ => Level::NULL,
        }
    }

    fn levels(&self) -> &'static [LevelInfo] {
        GENDER_LEVELS
    }

    fn null_reason(&self, prepared: &Self::Prepared) -> Option<NullReason> {
        reason_of(prepared)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table() {
        use Gender::{Female as F, Male as M};
        let ok = [
            ("M", M),
            ("m", M),
            ("Male", M),
            ("MALE", M),
            ("male.", M),
            ("ذكر", M),
            ("ذ", M),
            ("\u{200F}ذكر\u{200F}", M),
            ("1", M),
            ("١", M),
            ("F", F),
            ("female", F),
            ("Female", F),
            ("أنثى", F),
            ("انثى", F),
            ("انثي", F),
            ("أُنْثَى", F),
            ("أ", F),
            ("ث", F),
            ("2", F),
            ("٢", F),
            ("۲", F),
            ("W", F),
        ];
        for (s, want) in ok {
            assert_eq!(Gender::parse(s), Ok(want), "{s:?}");
        }
        let null = [
            ("", NullReason::Empty),
            ("  ", NullReason::Empty),
            ("U", NullReason::Unknown),
            ("unknown", NullReason::Unknown),
            ("0", NullReason::Unknown),
            ("9", NullReason::Unknown),
            ("غير معروف", NullReason::Unknown),
            ("N/A", NullReason::Unknown),
            ("حمزة", NullReason::Unrecognised),
            ("3", NullReason::Unrecognised),
            ("mf", NullReason::Unrecognised),
        ];
        for (s, want) in null {
            assert_eq!(Gender::parse(s), Err(want), "{s:?}");
        }
    }

    #[test]
    fn levels() {
        let c = GenderComparator;
        let l = |a: &str, b: &str| c.compare(&c.prepare(a), &c.prepare(b));
        assert_eq!(l("M", "ذكر"), GenderComparator::EXACT);
        assert_eq!(l("F", "ذكر"), GenderComparator::ELSE);
        assert_eq!(l("F", ""), Level::NULL);
        assert_eq!(c.levels().len(), 2);
        assert_eq!(Gender::Female.as_str(), "F");
    }
}
