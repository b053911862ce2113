//! Writing a person's name the way one registry would: which parts, which script, which
//! transliteration convention, and which orthographic noise and typing errors.

mod arabic;
mod latin;

use super::inventory::NameEntry;
use super::{Gender, LatinConvention, NameConfig, Region, Script};
use arabic::arabic_name;
use hawiya::SplitMix64;
use latin::latin_name;

/// The name parts of one person, in registry order.
pub(crate) struct NameParts<'a> {
    pub given: &'a NameEntry,
    pub father: &'a NameEntry,
    pub grandfather: &'a NameEntry,
    pub great_grandfather: &'a NameEntry,
    pub family: &'a NameEntry,
    /// A Christian family: no religious titles, no bin/ibn connectors.
    pub christian: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Given,
    Father,
    Grandfather,
    GreatGrandfather,
    Family,
}

impl Part {
    fn code(self) -> u64 {
        self as u64
    }
    fn is_ancestor(self) -> bool {
        matches!(
            self,
            Part::Father | Part::Grandfather | Part::GreatGrandfather
        )
    }
}

impl<'a> NameParts<'a> {
    fn entry(&self, part: Part) -> &'a NameEntry {
        match part {
            Part::Given => self.given,
            Part::Father => self.father,
            Part::Grandfather => self.grandfather,
            Part::GreatGrandfather => self.great_grandfather,
            Part::Family => self.family,
        }
    }
}

/// Which parts a record writes: the full registry chain (sometimes with a fifth,
/// great-grandfather part) or a short passport-style form.
fn choose_parts(full_share: f64, cfg: &NameConfig, rng: &mut SplitMix64) -> Vec<Part> {
    use Part::*;
    if rng.chance(full_share) {
        if rng.chance(cfg.fifth_part_share) {
            vec![Given, Father, Grandfather, GreatGrandfather, Family]
        } else {
            vec![Given, Father, Grandfather, Family]
        }
    } else {
        match rng.weighted(&[45.0, 45.0, 10.0]) {
            0 => vec![Given, Father, Family],
            1 => vec![Given, Family],
            _ => vec![Given, Father, Grandfather],
        }
    }
}

/// A rendered full name.
pub(crate) struct RenderedName {
    pub text: String,
    pub convention: Option<LatinConvention>,
    /// Name parts written (titles and connectors not counted).
    pub parts: u8,
}

/// Render a full name: the script is decided by the caller.
pub(crate) fn render_name(
    parts: &NameParts<'_>,
    script: Script,
    region: Region,
    gender: Gender,
    cfg: &NameConfig,
    style_seed: u64,
    rng: &mut SplitMix64,
) -> RenderedName {
    match script {
        Script::Arabic => {
            let (text, parts) = arabic_name(parts, region, gender, cfg, rng);
            RenderedName {
                text,
                convention: None,
                parts,
            }
        }
        Script::Latin => {
            let (text, c, parts) = latin_name(parts, region, gender, cfg, style_seed, rng);
            RenderedName {
                text,
                convention: Some(c),
                parts,
            }
        }
    }
}

/// Doubled, non-breaking or trailing spaces.
fn whitespace_noise(s: &str, rng: &mut SplitMix64) -> String {
    match rng.below(3) {
        0 => s.replacen(' ', "  ", 1),
        1 => s.replacen(' ', "\u{00A0}", 1),
        _ => format!("{s} "),
    }
}
