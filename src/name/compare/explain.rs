//! [`NameExplanation`]: how a name similarity came about.

use std::fmt;

use super::PreparedName;
use super::align::{Alignment, Unit};
use crate::name::Role;

/// A token of one name that the comparison left out (title, connector, lone article,
/// digits), or that found no partner.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SideToken {
    /// The token as written.
    pub text: String,
    /// Its role in the name.
    pub role: Role,
}

/// What an aligned pair's score rests on besides the spelling.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PairNote {
    /// An initial against a name with that initial: partial evidence.
    Initial,
    /// Two given names listed as a name and its nickname (`Tom` / `Thomas`).
    Nickname,
    /// A token was romanised from another script and compared in that form: weaker
    /// evidence, the score is capped.
    Romanized,
    /// Adjacent tokens were joined (a compound written apart on one side).
    Joined,
}

impl PairNote {
    /// The note as shown in the text form of an explanation.
    pub fn describe(self) -> &'static str {
        match self {
            PairNote::Initial => "initial",
            PairNote::Nickname => "nickname",
            PairNote::Romanized => "romanised from another script: weaker evidence",
            PairNote::Joined => "joined",
        }
    }
}

/// Tokens of the left name aligned with tokens of the right name, and their score.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct AlignedPair {
    /// The left tokens (several when joined as a compound), as written, space-separated.
    pub left: String,
    /// The right tokens, as written.
    pub right: String,
    /// Token similarity in [0, 1].
    pub score: f64,
    /// What the score rests on besides the spelling (left out of JSON when empty).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<PairNote>,
}

/// The explanation of one name comparison (see [`super::NameComparator::explain`]).
///
/// `score = quality − missing_penalty − order_penalty`, at most 1; below 0.05 it decays
/// smoothly towards 0 instead of being clamped, so that scores stay continuous.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct NameExplanation {
    /// The similarity in [0, 1].
    pub score: f64,
    /// Weighted mean score of the shorter name's tokens (an unaligned one counts a small
    /// credit for its letters' closeness to the token in its place, below any aligned score).
    pub quality: f64,
    /// Penalty for tokens of the longer name left unaligned (omitted middle names …).
    pub missing_penalty: f64,
    /// Penalty for a changed token order.
    pub order_penalty: f64,
    /// Aligned tokens, in the left name's order.
    pub pairs: Vec<AlignedPair>,
    /// Name tokens of the left name with no partner.
    pub left_unaligned: Vec<SideToken>,
    /// Name tokens of the right name with no partner.
    pub right_unaligned: Vec<SideToken>,
    /// Tokens of the left name not compared (titles, connectors, articles, digits).
    pub left_ignored: Vec<SideToken>,
    /// Tokens of the right name not compared.
    pub right_ignored: Vec<SideToken>,
}

fn unit_text(p: &PreparedName, u: Unit) -> String {
    let mut out = String::new();
    for t in p
        .toks
        .get(usize::from(u.first)..=usize::from(u.last))
        .unwrap_or(&[])
    {
        if let Some(tok) = p.name.tokens.get(usize::from(t.src)) {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(tok.text());
        }
    }
    out
}

fn unit_tokens(p: &PreparedName, u: Unit) -> Vec<SideToken> {
    p.toks
        .get(usize::from(u.first)..=usize::from(u.last))
        .unwrap_or(&[])
        .iter()
        .filter_map(|t| p.name.tokens.get(usize::from(t.src)))
        .map(|t| SideToken {
            text: t.text().to_owned(),
            role: t.role(),
        })
        .collect()
}

fn ignored(p: &PreparedName) -> Vec<SideToken> {
    p.name
        .tokens
        .iter()
        .enumerate()
        .filter(|(i, _)| !p.toks.iter().any(|t| usize::from(t.src) == *i))
        .map(|(_, t)| SideToken {
            text: t.text().to_owned(),
            role: t.role(),
        })
        .collect()
}

pub(super) fn build(
    a: &PreparedName,
    b: &PreparedName,
    al: &Alignment,
    notes: impl Fn(&PreparedName, Unit, &PreparedName, Unit) -> Vec<PairNote>,
) -> NameExplanation {
    let (s, l) = if al.swapped { (b, a) } else { (a, b) };
    // (s unit, l unit, score) for every aligned pair.
    let mut pairs: Vec<(Unit, Unit, f64)> = Vec::new();
    for (i, slot) in al.assigned.iter().enumerate() {
        if let (Some((j, v)), Some(&su)) = (slot, al.s_units.get(i)) {
            if let Some(&lu) = al.l_units.get(usize::from(*j)) {
                pairs.push((su, lu, *v));
            }
        }
    }
    let s_free: Vec<Unit> = al
        .s_units
        .iter()
        .filter(|u| !pairs.iter().any(|p| p.0 == **u))
        .copied()
        .collect();
    let l_free: Vec<Unit> = al
        .l_units
        .iter()
        .filter(|u| !pairs.iter().any(|p| p.1 == **u))
        .copied()
        .collect();
    let (mut out_pairs, left_free, right_free) = if al.swapped {
        let mut v: Vec<_> = pairs.iter().map(|&(x, y, sc)| (y, x, sc)).collect();
        v.sort_by_key(|p| p.0.first);
        (v, (l, l_free), (s, s_free))
    } else {
        (pairs, (s, s_free), (l, l_free))
    };
    out_pairs.sort_by_key(|p| p.0.first);
    let (lp, rp) = if al.swapped { (l, s) } else { (s, l) };
    NameExplanation {
        score: al.score,
        quality: al.quality,
        missing_penalty: al.missing_penalty,
        order_penalty: al.order_penalty,
        pairs: out_pairs
            .iter()
            .map(|&(x, y, sc)| AlignedPair {
                left: unit_text(lp, x),
                right: unit_text(rp, y),
                score: sc,
                notes: notes(lp, x, rp, y),
            })
            .collect(),
        left_unaligned: left_free
            .1
            .iter()
            .flat_map(|&u| unit_tokens(left_free.0, u))
            .collect(),
        right_unaligned: right_free
            .1
            .iter()
            .flat_map(|&u| unit_tokens(right_free.0, u))
            .collect(),
        left_ignored: ignored(a),
        right_ignored: ignored(b),
    }
}

impl fmt::Display for NameExplanation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "similarity {:.4}", self.score)?;
        writeln!(
            f,
            "  token quality {:.4}, missing tokens {}, order {}",
            self.quality,
            Penalty(self.missing_penalty),
            Penalty(self.order_penalty)
        )?;
        for p in &self.pairs {
            write!(f, "  {:.4}  {}  ~  {}", p.score, p.left, p.right)?;
            if !p.notes.is_empty() {
                let notes: Vec<&str> = p.notes.iter().map(|n| n.describe()).collect();
                write!(f, "  ({})", notes.join("; "))?;
            }
            writeln!(f)?;
        }
        let list = |v: &[SideToken]| {
            v.iter()
                .map(|t| format!("{} ({})", t.text, t.role.as_str()))
                .collect::<Vec<_>>()
                .join(", ")
        };
        if !self.left_unaligned.is_empty() {
            writeln!(f, "  left only: {}", list(&self.left_unaligned))?;
        }
        if !self.right_unaligned.is_empty() {
            writeln!(f, "  right only: {}", list(&self.right_unaligned))?;
        }
        if !self.left_ignored.is_empty() {
            writeln!(f, "  left ignored: {}", list(&self.left_ignored))?;
        }
        if !self.right_ignored.is_empty() {
            writeln!(f, "  right ignored: {}", list(&self.right_ignored))?;
        }
        Ok(())
    }
}

/// A penalty as the explanation prints it: `-0.0500`, or `0` when it rounds to nothing (never
/// `-0.0000`, which reads as a number below zero).
struct Penalty(f64);

impl fmt::Display for Penalty {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let shown = format!("{:.4}", self.0.abs());
        if shown.bytes().all(|b| b == b'0' || b == b'.') {
            f.write_str("0")
        } else {
            write!(f, "-{shown}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn penalties_print_with_a_minus_sign_and_zero_as_zero() {
        assert_eq!(Penalty(0.05).to_string(), "-0.0500");
        assert_eq!(Penalty(0.0).to_string(), "0");
        assert_eq!(Penalty(-0.0).to_string(), "0");
        assert_eq!(Penalty(0.00004).to_string(), "0");
    }

    #[test]
    fn an_explanation_never_prints_negative_zero() {
        let cmp = crate::name::NameComparator::default();
        for (a, b) in [
            ("Saleh Al-Fadhala", "SALEH ALFADHALAH"),
            ("Salih al-Fudala", "صالح الفضالة"),
            ("Mohammed Ali", "Mohammed Ali"),
        ] {
            let text = cmp.explain(&cmp.prepare(a), &cmp.prepare(b)).to_string();
            assert!(!text.contains("-0.0000"), "{a} / {b}:\n{text}");
        }
    }
}
