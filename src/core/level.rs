//! Comparison levels: the ordered outcomes of comparing one field of two records.

use serde::{Deserialize, Serialize};

/// The outcome of comparing one field of a pair: an index into that field's ordered levels
/// (0 = strongest agreement), or [`Level::NULL`] when either value is missing.
///
/// ```
/// use hawiya::Level;
/// assert!(Level::NULL.is_null());
/// assert_eq!(Level(2).index(), Some(2));
/// assert_eq!(Level::NULL.index(), None);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Level(pub u8);

impl Level {
    /// Either side was missing: the field gives no evidence either way (weight 0).
    pub const NULL: Level = Level(u8::MAX);

    /// Whether this is the null level.
    pub fn is_null(self) -> bool {
        self == Self::NULL
    }

    /// The level's index, `None` for null.
    pub fn index(self) -> Option<usize> {
        (!self.is_null()).then_some(self.0 as usize)
    }

    /// The stable name of this level among a field comparator's `levels` (`"null"` for
    /// [`Level::NULL`] and for an index out of range).
    ///
    /// ```
    /// use hawiya::Level;
    /// use hawiya::field::{DateComparator, FieldComparator};
    /// let cmp = DateComparator::default();
    /// assert_eq!(Level(0).name_in(cmp.levels()), "exact");
    /// assert_eq!(Level::NULL.name_in(cmp.levels()), "null");
    /// ```
    pub fn name_in(self, levels: &[LevelInfo]) -> &'static str {
        self.index()
            .and_then(|i| levels.get(i))
            .map_or(LevelInfo::NULL.name, |l| l.name)
    }
}

/// Description of one comparison level of a field kind (see
/// [`crate::field::FieldComparator::levels`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LevelInfo {
    /// Stable machine name (`snake_case`), used in output columns and model JSON.
    pub name: &'static str,
    /// One-line human description.
    pub description: &'static str,
}

impl LevelInfo {
    /// The description of [`Level::NULL`], shared by every field kind.
    pub const NULL: LevelInfo = LevelInfo {
        name: "null",
        description: "at least one value is missing or unusable",
    };
}

/// The declaration of one level: its stable name (used in output columns and saved models).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LevelSpec {
    /// Stable name, e.g. `"exact"`, `"sim>=0.88"`, `"else"`.
    pub name: String,
}

impl LevelSpec {
    /// A level named `name`.
    pub fn new(name: impl Into<String>) -> Self {
        LevelSpec { name: name.into() }
    }
}

/// Maps a similarity in [0, 1] to levels by descending thresholds, with an optional first
/// level for exact (key) agreement and a last level `else`.
///
/// Default (the name levels): `exact` / `sim>=0.95` / `sim>=0.88` / `sim>=0.75` / `else`.
///
/// ```
/// use hawiya::{Level, SimilarityLevels};
/// let levels = SimilarityLevels::default();
/// assert_eq!(levels.level(Some(1.0), true), Level(0));
/// assert_eq!(levels.level(Some(0.97), false), Level(1));
/// assert_eq!(levels.level(Some(0.80), false), Level(3));
/// assert_eq!(levels.level(Some(0.10), false), Level(4));
/// assert_eq!(levels.level(None, false), Level::NULL);
/// assert_eq!(levels.specs().len(), 5);
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SimilarityLevels {
    /// Whether the first level is "exact agreement" (decided by the caller, e.g. equal keys).
    #[serde(default = "default_true")]
    pub exact_level: bool,
    /// Similarity thresholds, strictly descending, each in (0, 1].
    pub thresholds: Vec<f64>,
}

fn default_true() -> bool {
    true
}

impl Default for SimilarityLevels {
    fn default() -> Self {
        SimilarityLevels {
            exact_level: true,
            thresholds: vec![0.95, 0.88, 0.75],
        }
    }
}

impl SimilarityLevels {
    /// Check that the thresholds are strictly descending and within (0, 1], and that there
    /// are fewer than 250 levels.
    ///
    /// # Errors
    /// A config error naming the first bad threshold.
    pub fn validate(&self) -> crate::Result<()> {
        if self.thresholds.len() > 250 {
            return Err(crate::Error::config(
                "thresholds",
                "too many levels (max 250)",
            ));
        }
        let mut prev = f64::INFINITY;
        for (i, &t) in self.thresholds.iter().enumerate() {
            if !(t > 0.0 && t <= 1.0) {
                return Err(crate::Error::config(
                    format!("thresholds[{i}]"),
                    format!("threshold {t} is not in (0, 1]"),
                ));
            }
            if t >= prev {
                return Err(crate::Error::config(
                    format!("thresholds[{i}]"),
                    "thresholds must be strictly descending",
                ));
            }
            prev = t;
        }
        Ok(())
    }

    /// The level of a similarity (`None` = a side is missing). `exact` selects the exact
    /// level when there is one.
    pub fn level(&self, similarity: Option<f64>, exact: bool) -> Level {
        let Some(s) = similarity else {
            return Level::NULL;
        };
        let offset = usize::from(self.exact_level);
        if exact && self.exact_level {
            return Level(0);
        }
        let i = self
            .thresholds
            .iter()
            .position(|&t| s >= t)
            .unwrap_or(self.thresholds.len());
        Level((i + offset) as u8)
    }

    /// The level declarations, strongest first.
    pub fn specs(&self) -> Vec<LevelSpec> {
        let mut v = Vec::with_capacity(self.thresholds.len() + 2);
        if self.exact_level {
            v.push(LevelSpec::new("exact"));
        }
        v.extend(
            self.thresholds
                .iter()
                .map(|t| LevelSpec::new(format!("sim>={t}"))),
        );
        v.push(LevelSpec::new("else"));
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validation_rejects_bad_thresholds() {
        let bad = SimilarityLevels {
            exact_level: false,
            thresholds: vec![0.9, 0.95],
        };
        assert!(bad.validate().is_err());
        let bad = SimilarityLevels {
            exact_level: false,
            thresholds: vec![1.5],
        };
        assert!(
            bad.validate()
                .unwrap_err()
                .to_string()
                .contains("thresholds[0]")
        );
        assert!(SimilarityLevels::default().validate().is_ok());
    }

    #[test]
    fn without_exact_level_thresholds_start_at_zero() {
        let l = SimilarityLevels {
            exact_level: false,
            thresholds: vec![0.9],
        };
        assert_eq!(l.level(Some(1.0), true), Level(0));
        assert_eq!(l.level(Some(0.5), false), Level(1));
        assert_eq!(l.specs().len(), 2);
    }
}
