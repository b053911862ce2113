//! Phone numbers → an E.164-like string (`+96550012345`).
//!
//! Digits of any script are folded, separators, invisible marks and extensions dropped.
//! `+` or `00` introduce an international number; a national number of the configured
//! length (Kuwait: 8 digits, no trunk prefix) gets the configured country code; other
//! national numbers (with a trunk `0`, from another country) are kept as digits without
//! `+`, so that the last-digits level still compares them.

use std::fmt;

use super::{FieldComparator, Level, LevelInfo, NullReason, reason_of};
use crate::text::digits::fold_digits;
use crate::text::word_key;

/// Options of the phone parser.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PhoneConfig {
    /// Country calling code given to national numbers of `national_length` digits.
    /// Default 965 (Kuwait).
    pub country_code: u16,
    /// Length of a national number in that country. Default 8.
    pub national_length: u8,
}

impl Default for PhoneConfig {
    fn default() -> Self {
        PhoneConfig {
            country_code: 965,
            national_length: 8,
        }
    }
}

/// A normalised phone number: `+` and 8–15 digits, or (country unknown) 7–15 digits.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Phone {
    text: Box<str>,
}

/// Fewer digits than this cannot be a phone number (and the last-7 level needs 7).
const MIN_DIGITS: usize = 7;
/// E.164 allows at most 15 digits.
const MAX_DIGITS: usize = 15;

const UNKNOWN: &[&str] = &[
    "na",
    "n a",
    "none",
    "null",
    "nil",
    "unknown",
    "no",
    "لا يوجد",
    "لايوجد",
    "غير معروف",
    "-",
];

/// Words after which an extension follows.
const EXTENSION_MARKERS: &[&str] = &["ext", "x", "extension", "تحويله", "داخلي"];

impl PhoneConfig {
    /// Parse and normalise a phone number.
    ///
    /// # Errors
    /// [`NullReason::Empty`], [`NullReason::Unknown`] (`N/A`, `لا يوجد`),
    /// [`NullReason::Placeholder`] (all zeros), [`NullReason::Unparseable`] (letters),
    /// [`NullReason::WrongLength`] (fewer than 7 or more than 15 digits).
    ///
    /// ```
    /// use hawiya::field::PhoneConfig;
    /// let cfg = PhoneConfig::default();
    /// assert_eq!(cfg.parse("٩٩٧٨ ١٢٣٤")?.as_str(), "+96599781234");
    /// assert_eq!(cfg.parse("00965-9978-1234")?.as_str(), "+96599781234");
    /// assert_eq!(cfg.parse("+971 50 123 4567")?.as_str(), "+971501234567");
    /// # Ok::<(), hawiya::field::NullReason>(())
    /// ```
    pub fn parse(&self, raw: &str) -> Result<Phone, NullReason> {
        let folded = fold_digits(raw);
        let s = folded.trim();
        if s.is_empty() {
            return Err(NullReason::Empty);
        }
        if UNKNOWN.contains(&word_key(s).as_str()) {
            return Err(NullReason::Unknown);
        }
        let mut digits = String::with_capacity(16);
        let mut plus = false;
        let mut chars = s.chars().peekable();
        while let Some(c) = chars.next() {
            if c.is_ascii_digit() {
                digits.push(c);
            } else if c == '+' && digits.is_empty() {
                plus = true;
            } else if c == '#' || c == ',' || c == ';' {
                break;
            } else if c.is_alphabetic() {
                let mut w = String::from(c);
                while let Some(&d) = chars.peek() {
                    if !d.is_alphabetic() {
                        break;
                    }
                    w.push(d);
                    chars.next();
                }
                if EXTENSION_MARKERS.contains(&word_key(&w).as_str()) && !digits.is_empty() {
                    break;
                }
                return Err(NullReason::Unparseable);
            } else if !(c.is_whitespace() || matches!(c, '-' | '.' | '(' | ')' | '/')) {
                return Err(NullReason::Unparseable);
            }
        }
        if digits.is_empty() {
            return Err(NullReason::Empty);
        }
        if digits.bytes().all(|b| b == b'0') {
            return Err(NullReason::Placeholder);
        }
        let cc = self.country_code.to_string();
        let national = usize::from(self.national_length);
        let text = if plus {
            format!("+{digits}")
        } else if let Some(rest) = digits.strip_prefix("00") {
            format!("+{rest}")
        } else if digits.len() == national {
            format!("+{cc}{digits}")
        } else if digits.len() == cc.len() + national && digits.starts_with(&cc) {
            format!("+{digits}")
        } else {
            digits
        };
        let n = text.trim_start_matches('+').len();
        if !(MIN_DIGITS..=MAX_DIGITS).contains(&n) {
            return Err(NullReason::WrongLength);
        }
        Ok(Phone {
            text: text.into_boxed_str(),
        })
    }
}

impl Phone {
    /// The normalised number (`+96599781234`, or bare digits when the country is unknown).
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The last `n` digits (fewer when the number is shorter).
    pub fn last_digits(&self, n: usize) -> &str {
        let d = self.text.trim_start_matches('+');
        &d[d.len().saturating_sub(n)..]
    }
}

impl fmt::Debug for Phone {
    /// Phone numbers are personal data: debug output shows only the length.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Phone(len {})", self.text.len())
    }
}

/// Compares phone numbers. Levels, strongest first:
///
/// | level | name | meaning |
/// |---|---|---|
/// | 0 | `exact` | same normalised number |
/// | 1 | `last_7` | same last 7 digits (country code or trunk prefix written differently) |
/// | 2 | `else` | anything else |
#[derive(Clone, Debug, Default)]
pub struct PhoneComparator {
    config: PhoneConfig,
}

const PHONE_LEVELS: &[LevelInfo] = &[
    LevelInfo {
        name: "exact",
        description: "same number",
    },
    LevelInfo {
        name: "last_7",
        description: "same last 7 digits",
    },
    LevelInfo {
        name: "else",
        description: "different numbers",
    },
];

impl PhoneComparator {
    /// Level `exact`.
    pub const EXACT: Level = Level(0);
    /// Level `last_7`.
    pub const LAST_7: Level = Level(1);
    /// Level `else`.
    pub const ELSE: Level = Level(2);

    /// A comparator parsing with `config`.
    pub fn new(config: PhoneConfig) -> Self {
        PhoneComparator { config }
    }
}

impl FieldComparator for PhoneComparator {
    type Prepared = Result<Phone, NullReason>;

    fn prepare(&self, raw: &str) -> Self::Prepared {
        self.config.parse(raw)
    }

    fn compare(&self, a: &Self::Prepared, b: &Self::Prepared) -> Level {
        match (a, b) {
            (Ok(a), Ok(b)) if a.text == b.text => Self::EXACT,
            (Ok(a), Ok(b)) if a.last_digits(MIN_DIGITS) == b.last_digits(MIN_DIGITS) => {
                Self::LAST_7
            }
            (Ok(_), Ok(_)) => Self::ELSE,
            _ => Level::NULL,
        }
    }

    fn levels(&self) -> &'static [LevelInfo] {
        PHONE_LEVELS
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
        let cfg = PhoneConfig::default();
        let cases = [
            ("99781234", "+96599781234"),
            ("9978 1234", "+96599781234"),
            ("9978-1234", "+96599781234"),
            ("٩٩٧٨١٢٣٤", "+96599781234"),
            ("۹۹۷۸۱۲۳۴", "+96599781234"),
            ("\u{200E}+965 9978 1234", "+96599781234"),
            ("+965-99781234", "+96599781234"),
            ("00965 99781234", "+96599781234"),
            ("٠٠٩٦٥٩٩٧٨١٢٣٤", "+96599781234"),
            ("96599781234", "+96599781234"),
            ("(965) 9978-1234", "+96599781234"),
            ("22401234", "+96522401234"),
            ("+965 2240 1234 ext 12", "+96522401234"),
            ("22401234 x12", "+96522401234"),
            ("22401234 داخلي 5", "+96522401234"),
            ("+971 50 123 4567", "+971501234567"),
            ("00966 50 123 4567", "+966501234567"),
            ("0501234567", "0501234567"),
            ("+1 (202) 555-0143", "+12025550143"),
            ("+91 98765 43210", "+919876543210"),
        ];
        for (raw, want) in cases {
            assert_eq!(
                cfg.parse(raw).map(|p| p.as_str().to_owned()),
                Ok(want.to_owned()),
                "{raw:?}"
            );
        }
        let nulls = [
            ("", NullReason::Empty),
            ("  ", NullReason::Empty),
            ("()", NullReason::Empty),
            ("N/A", NullReason::Unknown),
            ("لا يوجد", NullReason::Unknown),
            ("00000000", NullReason::Placeholder),
            ("call me", NullReason::Unparseable),
            ("9978abcd", NullReason::Unparseable),
            ("12345", NullReason::WrongLength),
            ("+1234567890123456", NullReason::WrongLength),
        ];
        for (raw, want) in nulls {
            assert_eq!(cfg.parse(raw), Err(want), "{raw:?}");
        }
    }

    #[test]
    fn levels() {
        let c = PhoneComparator::default();
        let l = |a: &str, b: &str| {
            let (x, y) = (c.prepare(a), c.prepare(b));
            assert_eq!(c.compare(&x, &y), c.compare(&y, &x));
            c.compare(&x, &y)
        };
        assert_eq!(l("99781234", "+965 9978 1234"), PhoneComparator::EXACT);
        assert_eq!(l("0501234567", "+966 50 123 4567"), PhoneComparator::LAST_7);
        assert_eq!(l("99781234", "99781235"), PhoneComparator::ELSE);
        assert_eq!(l("99781234", ""), Level::NULL);
        assert_eq!(c.levels()[1].name, "last_7");
    }

    #[test]
    fn other_home_country() {
        let sa = PhoneConfig {
            country_code: 966,
            national_length: 9,
        };
        assert_eq!(sa.parse("501234567").unwrap().as_str(), "+966501234567");
        assert!(format!("{:?}", sa.parse("501234567").unwrap()).starts_with("Phone(len"));
    }
}
