//! Generic identifiers — passport, residency, review-card ("security card") and civil ID
//! numbers — normalised for comparison: digits of any script folded to ASCII, separators
//! and invisible marks removed, Latin letters upper-cased.

use std::fmt;

use super::{FieldComparator, Level, LevelInfo, NullReason, reason_of};
use crate::text::digits::digit_value;
use crate::text::{is_invisible, word_key};

/// A normalised identifier: only letters and ASCII digits, Latin letters upper-case.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Identifier {
    text: Box<str>,
    ascii: bool,
}

/// Values that say there is no identifier.
const UNKNOWN: &[&str] = &[
    "na",
    "n a",
    "none",
    "null",
    "nil",
    "nan",
    "unknown",
    "no",
    "not available",
    "لا يوجد",
    "لايوجد",
    "غير معروف",
    "بدون رقم",
    "مجهول",
];

/// Fewer characters than this cannot identify a person.
const MIN_LEN: usize = 3;

impl Identifier {
    /// Normalise a raw identifier.
    ///
    /// # Errors
    /// [`NullReason::Empty`] when nothing is left, [`NullReason::Unknown`] for `N/A`,
    /// `none`, `لا يوجد` and the like, [`NullReason::Placeholder`] when every character is
    /// the same digit (`000000`, `999999999`), [`NullReason::WrongLength`] for fewer than 3
    /// characters.
    ///
    /// ```
    /// use hawiya::field::Identifier;
    /// assert_eq!(Identifier::parse("p-123 456\u{200F}")?.as_str(), "P123456");
    /// assert_eq!(Identifier::parse("٢٨٨٠٢٠١٢٢٥٩٦")?.as_str(), "288020122596");
    /// # Ok::<(), hawiya::field::NullReason>(())
    /// ```
    pub fn parse(raw: &str) -> Result<Self, NullReason> {
        let mut out = String::with_capacity(raw.len());
        for c in raw.chars() {
            if let Some(d) = digit_value(c) {
                out.push(char::from(b'0' + d));
            } else if c.is_ascii_alphabetic() {
                out.push(c.to_ascii_uppercase());
            } else if c.is_alphabetic() && !is_invisible(c) {
                // Keep a letter whose upper case is several characters (`ΰ`) as it is,
                // so that normalising twice gives the same result.
                let mut up = c.to_uppercase();
                match (up.next(), up.next()) {
                    (Some(u), None) => out.push(u),
                    _ => out.push(c),
                }
            }
        }
        if out.is_empty() {
            return Err(NullReason::Empty);
        }
        if !out.bytes().any(|b| b.is_ascii_digit()) && UNKNOWN.contains(&word_key(&out).as_str()) {
            return Err(NullReason::Unknown);
        }
        let first = out.as_bytes()[0];
        if first.is_ascii_digit() && out.bytes().all(|b| b == first) {
            return Err(NullReason::Placeholder);
        }
        if out.chars().count() < MIN_LEN {
            return Err(NullReason::WrongLength);
        }
        let ascii = out.is_ascii();
        Ok(Identifier {
            text: out.into_boxed_str(),
            ascii,
        })
    }

    /// The normalised text.
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

impl fmt::Debug for Identifier {
    /// Identifiers are personal data: debug output shows only the length.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Identifier(len {})", self.text.len())
    }
}

/// How two sequences differ, when by at most one edit.
#[derive(Debug, PartialEq, Eq)]
enum Edit {
    Same,
    Transposition,
    One,
    More,
}

fn edit_class<T: PartialEq>(a: &[T], b: &[T]) -> Edit {
    if a.len() == b.len() {
        let mut diffs = a.iter().zip(b).enumerate().filter(|(_, (x, y))| x != y);
        match (diffs.next(), diffs.next(), diffs.next()) {
            (None, _, _) => Edit::Same,
            (Some(_), None, _) => Edit::One,
            (Some((i, _)), Some((j, _)), None) if j == i + 1 && a[i] == b[j] && a[j] == b[i] => {
                Edit::Transposition
            }
            _ => Edit::More,
        }
    } else {
        let (short, long) = if a.len() < b.len() { (a, b) } else { (b, a) };
        if long.len() - short.len() != 1 {
            return Edit::More;
        }
        let prefix = short.iter().zip(long).take_while(|(x, y)| x == y).count();
        if short[prefix..] == long[prefix + 1..] {
            Edit::One
        } else {
            Edit::More
        }
    }
}

/// Compares identifiers. Levels, strongest first:
///
/// | level | name | meaning |
/// |---|---|---|
/// | 0 | `exact` | same normalised identifier |
/// | 1 | `transposition` | two adjacent characters swapped |
/// | 2 | `edit_1` | one character substituted, inserted or deleted |
/// | 3 | `else` | anything else |
#[derive(Clone, Copy, Debug, Default)]
pub struct IdComparator;

const ID_LEVELS: &[LevelInfo] = &[
    LevelInfo {
        name: "exact",
        description: "same identifier",
    },
    LevelInfo {
        name: "transposition",
        description: "two adjacent characters swapped",
    },
    LevelInfo {
        name: "edit_1",
        description: "one character substituted, inserted or deleted",
    },
    LevelInfo {
        name: "else",
        description: "different identifiers",
    },
];

impl IdComparator {
    /// Level `exact`.
    pub const EXACT: Level = Level(0);
    /// Level `transposition`.
    pub const TRANSPOSITION: Level = Level(1);
    /// Level `edit_1`.
    pub const EDIT_1: Level = Level(2);
    /// Level `else`.
    pub const ELSE: Level = Level(3);

    /// The level of two identifiers.
    ///
    /// ```
    /// use hawiya::field::{IdComparator, Identifier};
    /// let a = Identifier::parse("288020122596")?;
    /// let b = Identifier::parse("288020122569")?;
    /// assert_eq!(IdComparator::compare_ids(&a, &b), IdComparator::TRANSPOSITION);
    /// # Ok::<(), hawiya::field::NullReason>(())
    /// ```
    pub fn compare_ids(a: &Identifier, b: &Identifier) -> Level {
        if a.text == b.text {
            return Self::EXACT;
        }
        let class = if a.ascii && b.ascii {
            edit_class(a.text.as_bytes(), b.text.as_bytes())
        } else {
            // Rare: letters outside ASCII. Compare by characters.
            let x: Vec<char> = a.text.chars().collect();
            let y: Vec<char> = b.text.chars().collect();
            edit_class(&x, &y)
        };
        match class {
            Edit::Same => Self::EXACT,
            Edit::Transposition => Self::TRANSPOSITION,
            Edit::One => Self::EDIT_1,
            Edit::More => Self::ELSE,
        }
    }
}

impl FieldComparator for IdComparator {
    type Prepared = Result<Identifier, NullReason>;

    fn prepare(&self, raw: &str) -> Self::Prepared {
        Identifier::parse(raw)
    }

    fn compare(&self, a: &Self::Prepared, b: &Self::Prepared) -> Level {
        match (a, b) {
            (Ok(a), Ok(b)) => Self::compare_ids(a, b),
            _ => Level::NULL,
        }
    }

    fn levels(&self) -> &'static [LevelInfo] {
        ID_LEVELS
    }

    fn null_reason(&self, prepared: &Self::Prepared) -> Option<NullReason> {
        reason_of(prepared)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_classes() {
        let e = |a: &str, b: &str| edit_class(a.as_bytes(), b.as_bytes());
        assert_eq!(e("12345", "12345"), Edit::Same);
        assert_eq!(e("12345", "12354"), Edit::Transposition);
        assert_eq!(e("12345", "21345"), Edit::Transposition);
        assert_eq!(e("12345", "12355"), Edit::One);
        assert_eq!(e("12345", "1245"), Edit::One);
        assert_eq!(e("12345", "123456"), Edit::One);
        assert_eq!(e("12345", "012345"), Edit::One);
        assert_eq!(e("12345", "13245"), Edit::Transposition);
        assert_eq!(e("12345", "14325"), Edit::More);
        assert_eq!(e("12345", "54321"), Edit::More);
        assert_eq!(e("12345", "123"), Edit::More);
        assert_eq!(e("", "1"), Edit::One);
    }

    #[test]
    fn comparison_is_symmetric() {
        let c = IdComparator;
        let vals = [
            "A1234567",
            "A1234576",
            "A123456",
            "B1234567",
            "",
            "ع١٢٣٤",
            "ع١٢٣٥",
        ];
        for a in vals {
            for b in vals {
                let (pa, pb) = (c.prepare(a), c.prepare(b));
                assert_eq!(c.compare(&pa, &pb), c.compare(&pb, &pa), "{a} {b}");
            }
        }
        assert_eq!(
            c.compare(&c.prepare("ع١٢٣٤"), &c.prepare("ع١٢٣٥")),
            IdComparator::EDIT_1
        );
    }

    #[test]
    fn fuzz_regression_control_characters_do_not_hide_unknown_words() {
        // Found by the `ids` fuzz target: "nil\x04" normalised to "NIL", which is unknown.
        assert_eq!(Identifier::parse("nil\u{4}"), Err(NullReason::Unknown));
        assert_eq!(Identifier::parse("NIL"), Err(NullReason::Unknown));
        // "\\ΰ": upper-casing ΰ gives three characters, two of them combining marks.
        let once = Identifier::parse("ΰab").unwrap();
        assert_eq!(Identifier::parse(once.as_str()), Ok(once));
    }

    #[test]
    fn debug_output_hides_the_value() {
        let id = Identifier::parse("A1234567").unwrap();
        assert!(!format!("{id:?}").contains("1234"));
    }
}
