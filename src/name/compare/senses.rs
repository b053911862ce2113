//! Which Arabic names a Latin spelling denotes, and how often: the sense evidence of the
//! token score.
//!
//! A Latin spelling is a reading of an Arabic name, and some readings serve several names:
//! `Salim` is written for `سالم` and for `سليم`, `Kamel` for `كمال` and for `كامل`. The
//! table `data/spelling_senses.tsv` (rows `arabic<TAB>latin<TAB>weight`) is learned by
//! `examples/learn_spellings.rs` from the generator's inventory, the variant table and the
//! single-token development pairs; this module groups it by phonetic code:
//! `P(name | spelling) = weight(name, spelling) / (Σ weight(·, spelling) + α)`, where the
//! pseudo-weight `α` ([`UNSEEN`]) is the chance that the spelling stands for a name the
//! table does not know (so a spelling seen once is weak evidence).
//!
//! From it, [`Senses::agreement`] says how likely two tokens name the same Arabic name:
//! - an Arabic-script token and a Latin spelling, both known: the share of the spelling's
//!   known readings that are this name;
//! - two different Latin spellings, both known: the chance that a reading of one and a
//!   reading of the other are the same name (`Salem` / `Saleem` near 0; a spelling usual
//!   for two names against one of them about 1/2 — evidence for both, proof of neither);
//! - otherwise (an unknown token, two Arabic-script tokens, one spelling): no evidence.
//!
//! Each comes with a confidence, the known mass of the spellings involved.

use std::sync::LazyLock;

use super::FnvBuild;
use crate::name::Normalizer;

/// The learned table, compiled in.
pub(super) const SENSES_TSV: &str = include_str!("../data/spelling_senses.tsv");

/// Pseudo-weight of the names a spelling may denote that the table does not know.
pub(super) const UNSEEN: f64 = 1.0;

/// Id of a token the table does not know.
pub(super) const NO_SENSE: u32 = u32::MAX;

type CodeMap = std::collections::HashMap<Vec<u8>, u32, FnvBuild>;

/// The grouped table.
#[derive(Debug, Default)]
pub(super) struct Senses {
    /// Phonetic code of an Arabic-script name → its id.
    arabic: CodeMap,
    /// Phonetic code of a Latin spelling → its id.
    latin: CodeMap,
    /// Per Latin spelling: (Arabic name id, P(name | spelling)), by name id.
    readings: Vec<Vec<(u32, f64)>>,
    /// Per Latin spelling: its known mass Σ P(name | spelling) (the confidence).
    known: Vec<f64>,
}

/// The compiled-in table.
pub(super) fn table() -> &'static Senses {
    static T: LazyLock<Senses> = LazyLock::new(|| Senses::parse(SENSES_TSV));
    &T
}

/// The phonetic code of the one name token of `s`, if it has exactly one.
fn one_code(norm: &Normalizer, s: &str) -> Option<Vec<u8>> {
    let p = norm.normalize(s);
    let mut codes = p
        .tokens
        .iter()
        .filter(|t| t.role().is_name() && !t.code().is_empty())
        .map(|t| t.code().to_vec());
    let first = codes.next()?;
    codes.next().is_none().then_some(first)
}

impl Senses {
    /// Group rows `arabic<TAB>latin<TAB>weight` (`#` comments) by phonetic code. Rows that
    /// do not parse, or whose sides are not one name token each, are skipped (the
    /// compiled-in file is checked by a test).
    pub(super) fn parse(tsv: &str) -> Senses {
        let norm = Normalizer::default();
        let mut s = Senses::default();
        let mut weights: Vec<Vec<(u32, f64)>> = Vec::new();
        for line in tsv.lines().filter(|l| !l.starts_with('#')) {
            let mut cols = line.split('\t');
            let (Some(ar), Some(lat), Some(w)) = (cols.next(), cols.next(), cols.next()) else {
                continue;
            };
            let Ok(w) = w.trim().parse::<f64>() else {
                continue;
            };
            let (Some(ca), Some(cl)) = (one_code(&norm, ar), one_code(&norm, lat)) else {
                continue;
            };
            if !(w > 0.0 && w.is_finite()) {
                continue;
            }
            let n = s.arabic.len() as u32;
            let a = *s.arabic.entry(ca).or_insert(n);
            let n = s.latin.len() as u32;
            let l = *s.latin.entry(cl).or_insert(n);
            if l as usize == weights.len() {
                weights.push(Vec::new());
            }
            let row = &mut weights[l as usize];
            match row.iter_mut().find(|x| x.0 == a) {
                Some(x) => x.1 += w,
                None => row.push((a, w)),
            }
        }
        for mut row in weights {
            let total: f64 = row.iter().map(|x| x.1).sum::<f64>() + UNSEEN;
            for x in &mut row {
                x.1 /= total;
            }
            row.sort_by_key(|x| x.0);
            s.known.push(row.iter().map(|x| x.1).sum());
            s.readings.push(row);
        }
        s
    }

    /// The id of a token's code: among Arabic names for Arabic script, else among Latin
    /// spellings; [`NO_SENSE`] when unknown.
    pub(super) fn id(&self, code: &[u8], latin: bool) -> u32 {
        let m = if latin { &self.latin } else { &self.arabic };
        m.get(code).copied().unwrap_or(NO_SENSE)
    }

    /// How likely two tokens (id, is Latin) name the same Arabic name, and how confident
    /// the table is: `(agreement, confidence)`, both in [0, 1]; `None` without evidence.
    pub(super) fn agreement(&self, a: (u32, bool), b: (u32, bool)) -> Option<(f64, f64)> {
        if a.0 == NO_SENSE || b.0 == NO_SENSE {
            return None;
        }
        match (a.1, b.1) {
            (false, false) => None,
            (true, true) => {
                if a.0 == b.0 {
                    return None;
                }
                let (ra, rb) = (
                    self.readings.get(a.0 as usize)?,
                    self.readings.get(b.0 as usize)?,
                );
                let (ka, kb) = (self.known[a.0 as usize], self.known[b.0 as usize]);
                if ka <= 0.0 || kb <= 0.0 {
                    return None;
                }
                // Both lists are sorted by name id.
                let (mut i, mut j, mut same) = (0, 0, 0.0);
                while i < ra.len() && j < rb.len() {
                    match ra[i].0.cmp(&rb[j].0) {
                        std::cmp::Ordering::Less => i += 1,
                        std::cmp::Ordering::Greater => j += 1,
                        std::cmp::Ordering::Equal => {
                            same += ra[i].1 * rb[j].1;
                            i += 1;
                            j += 1;
                        }
                    }
                }
                Some(((same / (ka * kb)).clamp(0.0, 1.0), ka * kb))
            }
            (latin_a, _) => {
                let (name, spelling) = if latin_a { (b.0, a.0) } else { (a.0, b.0) };
                let r = self.readings.get(spelling as usize)?;
                let k = self.known[spelling as usize];
                if k <= 0.0 {
                    return None;
                }
                let p = r
                    .binary_search_by_key(&name, |x| x.0)
                    .map_or(0.0, |i| r[i].1);
                Some(((p / k).clamp(0.0, 1.0), k))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(s: &Senses, norm: &Normalizer, text: &str) -> (u32, bool) {
        let latin = crate::text::detect_script(text) != crate::text::Script::Arabic;
        let code = one_code(norm, text).unwrap_or_default();
        (s.id(&code, latin), latin)
    }

    #[test]
    fn ambiguous_spelling_is_evidence_for_both_proof_of_neither() {
        let s = Senses::parse("سالم\tSalem\t4\nسالم\tSalim\t2\nسليم\tSalim\t2\nسليم\tSaleem\t4\n");
        let n = Normalizer::default();
        let id = |t| ids(&s, &n, t);
        // Two spellings of two different names.
        let (g, c) = s.agreement(id("Salem"), id("Saleem")).unwrap();
        assert_eq!(g, 0.0);
        assert!(c > 0.6, "{c}");
        // The ambiguous one against either: about one half.
        let (g, _) = s.agreement(id("Salim"), id("Salem")).unwrap();
        assert!((g - 0.5).abs() < 1e-9, "{g}");
        let (g1, _) = s.agreement(id("سالم"), id("Salim")).unwrap();
        let (g2, _) = s.agreement(id("سليم"), id("Salim")).unwrap();
        assert!((g1 - 0.5).abs() < 1e-9 && (g2 - 0.5).abs() < 1e-9);
        // An unambiguous spelling of the name, and of another name.
        assert_eq!(s.agreement(id("سالم"), id("Salem")).unwrap().0, 1.0);
        assert_eq!(s.agreement(id("سالم"), id("Saleem")).unwrap().0, 0.0);
        // Symmetric; no evidence for unknown tokens, Arabic pairs or one spelling.
        assert_eq!(
            s.agreement(id("Salem"), id("سالم")),
            s.agreement(id("سالم"), id("Salem"))
        );
        assert_eq!(s.agreement(id("Karim"), id("Salem")), None);
        assert_eq!(s.agreement(id("سالم"), id("سليم")), None);
        assert_eq!(s.agreement(id("Salem"), id("Salem")), None);
    }

    #[test]
    fn compiled_table_parses_and_is_normalised() {
        let s = table();
        assert!(s.latin.len() > 500, "{}", s.latin.len());
        for (r, &k) in s.readings.iter().zip(&s.known) {
            assert!(!r.is_empty() && k > 0.0 && k < 1.0);
            assert!((r.iter().map(|x| x.1).sum::<f64>() - k).abs() < 1e-9);
        }
        // Every data row parses to one name token a side.
        let n = Normalizer::default();
        for line in SENSES_TSV.lines().filter(|l| !l.starts_with('#')) {
            let c: Vec<&str> = line.split('\t').collect();
            assert_eq!(c.len(), 3, "{line}");
            assert!(
                one_code(&n, c[0]).is_some() && one_code(&n, c[1]).is_some(),
                "{line}"
            );
            assert!(c[2].parse::<f64>().is_ok_and(|w| w > 0.0), "{line}");
        }
    }
}
