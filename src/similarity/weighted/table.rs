//! The [`CostTable`] and its [`CostTableBuilder`]: costs per symbol and per pair of
//! symbols, kept in integer units, validated setting by setting.

use super::{COST_SCALE, MAX_COST, N, from_units, to_units};
use crate::{Error, Result};

/// Edit costs per symbol and per pair of symbols of the prepared alphabet. Immutable once
/// built, cheap to share (`Send + Sync`); build it with [`CostTable::builder`].
///
/// ```
/// use hawiya::similarity::{CostTable, weighted};
/// # fn main() -> hawiya::Result<()> {
/// const A: u8 = 0; const H: u8 = 1; const S: u8 = 2; const N: u8 = 3; const U: u8 = 4;
/// let table = CostTable::builder()
///     .indel_group(&[A, U], 0.2)      // short vowels are cheap to add or drop
///     .substitution_group(&[A, U], 0.2)
///     .doubling_group(&[S, N], 0.0)   // shadda is optional
///     .build()?;
/// let hassan = [H, A, S, S, A, N];
/// let husan = [H, U, S, A, N];
/// assert_eq!(weighted::distance(&table, &hassan, &husan), 0.2); // a→u 0.2, second s free
/// assert!(weighted::similarity(&table, &hassan, &husan) > 0.9);
/// # Ok(()) }
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CostTable {
    /// Substitution costs in units, symmetric, zero diagonal.
    pub(super) sub: Box<[[u32; N]; N]>,
    indel: [u32; N],
    /// Effective cost of deleting/inserting a symbol that repeats its predecessor.
    repeat: [u32; N],
    pub(super) transposition: Option<u32>,
    default_indel: u32,
    default_substitution: u32,
}

impl CostTable {
    /// The unit-cost table: every substitution, insertion and deletion costs 1, no
    /// transposition, no doubling discount (plain Levenshtein).
    pub fn unit() -> Self {
        let mut sub = Box::new([[COST_SCALE; N]; N]);
        for (i, row) in sub.iter_mut().enumerate() {
            row[i] = 0;
        }
        CostTable {
            sub,
            indel: [COST_SCALE; N],
            repeat: [COST_SCALE; N],
            transposition: None,
            default_indel: COST_SCALE,
            default_substitution: COST_SCALE,
        }
    }

    /// A builder starting from the unit-cost table.
    pub fn builder() -> CostTableBuilder {
        CostTableBuilder {
            table: CostTable::unit(),
            error: None,
        }
    }

    #[inline(always)]
    pub(super) fn sub_units(&self, x: u8, y: u8) -> u32 {
        if x == y {
            return 0;
        }
        let (xi, yi) = (usize::from(x), usize::from(y));
        if xi < N && yi < N {
            self.sub[xi][yi]
        } else {
            self.default_substitution
        }
    }

    #[inline(always)]
    fn indel_units(&self, x: u8) -> u32 {
        self.indel
            .get(usize::from(x))
            .copied()
            .unwrap_or(self.default_indel)
    }

    #[inline(always)]
    fn repeat_units(&self, x: u8) -> u32 {
        self.repeat
            .get(usize::from(x))
            .copied()
            .unwrap_or(self.default_indel)
    }

    /// Cost of substituting `x` by `y` (0 when equal).
    pub fn substitution(&self, x: u8, y: u8) -> f64 {
        from_units(self.sub_units(x, y).into())
    }

    /// Cost of inserting or deleting `x`.
    pub fn indel(&self, x: u8) -> f64 {
        from_units(self.indel_units(x).into())
    }

    /// Cost of inserting or deleting `x` right after another `x` (at most [`Self::indel`]).
    pub fn repeat_indel(&self, x: u8) -> f64 {
        from_units(self.repeat_units(x).into())
    }

    /// Cost of swapping two adjacent different symbols, if transpositions are enabled.
    pub fn transposition(&self) -> Option<f64> {
        self.transposition.map(|t| from_units(t.into()))
    }

    /// Indel cost of codes outside the table (`>= 64`). Default 1.
    pub fn default_indel(&self) -> f64 {
        from_units(self.default_indel.into())
    }

    /// Substitution cost between two different codes when one is outside the table.
    /// Default 1.
    pub fn default_substitution(&self) -> f64 {
        from_units(self.default_substitution.into())
    }

    /// Whether every substitution costs at most the indel cost of each of its symbols and
    /// no doubling discount is set: then the normalised similarity is never clamped (see
    /// the module documentation).
    pub fn is_bounded(&self) -> bool {
        let sub_ok =
            (0..N).all(|x| (0..N).all(|y| self.sub[x][y] <= self.indel[x].min(self.indel[y])));
        let no_discount = self.repeat == self.indel;
        let defaults_ok = self.default_substitution <= self.default_indel
            && self.indel.iter().all(|&c| self.default_substitution <= c);
        sub_ok && no_discount && defaults_ok
    }

    /// Cost in units of deleting `s[i]` from `s` (or inserting it), with the doubling
    /// discount.
    #[inline(always)]
    pub(super) fn indel_at(&self, s: &[u8], i: usize) -> u32 {
        let c = s[i];
        if i > 0 && s[i - 1] == c {
            self.repeat_units(c)
        } else {
            self.indel_units(c)
        }
    }
}

impl Default for CostTable {
    fn default() -> Self {
        CostTable::unit()
    }
}

/// Builds a [`CostTable`] group by group; later settings override earlier ones. Costs must
/// be finite, non-negative and at most [`MAX_COST`], symbols below 64; otherwise
/// [`CostTableBuilder::build`] fails with a config error naming the first offending
/// setting.
#[derive(Clone, Debug)]
pub struct CostTableBuilder {
    table: CostTable,
    /// The first invalid setting: (config key, message).
    error: Option<(String, String)>,
}

impl CostTableBuilder {
    /// Validate a setting; on success the cost in units.
    fn check(&mut self, what: &str, symbols: &[u8], cost: f32) -> Option<u32> {
        if self.error.is_some() {
            return None;
        }
        if !(cost.is_finite() && (0.0..=MAX_COST).contains(&cost)) {
            self.error = Some((
                format!("cost_table.{what}"),
                format!("cost must be finite and within 0..={MAX_COST}, got {cost}"),
            ));
            return None;
        }
        if let Some(&s) = symbols.iter().find(|&&s| usize::from(s) >= N) {
            self.error = Some((
                format!("cost_table.{what}"),
                format!("symbol code {s} is outside the alphabet 0..{N}"),
            ));
            return None;
        }
        Some(to_units(cost))
    }

    /// Insertion/deletion cost of one symbol (default 1).
    pub fn indel(self, symbol: u8, cost: f32) -> Self {
        self.indel_group(&[symbol], cost)
    }

    /// Insertion/deletion cost of each symbol of `group`. A doubling discount already set
    /// for these symbols is kept (capped at the new indel cost).
    pub fn indel_group(mut self, group: &[u8], cost: f32) -> Self {
        if let Some(units) = self.check("indel", group, cost) {
            for &s in group {
                let s = usize::from(s);
                let had_discount = self.table.repeat[s] < self.table.indel[s];
                self.table.indel[s] = units;
                self.table.repeat[s] = if had_discount {
                    self.table.repeat[s].min(units)
                } else {
                    units
                };
            }
        }
        self
    }

    /// Substitution cost between `x` and `y`, both directions (ignored when `x == y`).
    pub fn substitution(self, x: u8, y: u8, cost: f32) -> Self {
        self.substitution_between(&[x], &[y], cost)
    }

    /// Substitution cost between any two different symbols of `group` (a class of
    /// interchangeable spellings, e.g. the Latin renderings of ق: q, k, g).
    pub fn substitution_group(mut self, group: &[u8], cost: f32) -> Self {
        if let Some(units) = self.check("substitution", group, cost) {
            for &x in group {
                for &y in group {
                    self.set_sub(x, y, units);
                }
            }
        }
        self
    }

    /// Substitution cost between every symbol of `left` and every symbol of `right`, both
    /// directions.
    pub fn substitution_between(mut self, left: &[u8], right: &[u8], cost: f32) -> Self {
        let ok = self.check("substitution", left, cost).is_some();
        if let Some(units) = self.check("substitution", right, cost).filter(|_| ok) {
            for &x in left {
                for &y in right {
                    self.set_sub(x, y, units);
                }
            }
        }
        self
    }

    fn set_sub(&mut self, x: u8, y: u8, units: u32) {
        if x != y {
            let (x, y) = (usize::from(x), usize::from(y));
            self.table.sub[x][y] = units;
            self.table.sub[y][x] = units;
        }
    }

    /// Cost of inserting or deleting a symbol of `group` right after the same symbol
    /// (optional doubling, e.g. shadda). The effective cost is `min(indel, cost)`.
    pub fn doubling_group(mut self, group: &[u8], cost: f32) -> Self {
        if let Some(units) = self.check("doubling", group, cost) {
            for &s in group {
                let s = usize::from(s);
                self.table.repeat[s] = units.min(self.table.indel[s]);
            }
        }
        self
    }

    /// Enable transpositions of two adjacent different symbols at `cost` (`None` disables).
    pub fn transposition(mut self, cost: Option<f32>) -> Self {
        match cost {
            Some(c) => {
                if let Some(units) = self.check("transposition", &[], c) {
                    self.table.transposition = Some(units);
                }
            }
            None => self.table.transposition = None,
        }
        self
    }

    /// Costs used for codes `>= 64`: indel and substitution (defaults 1 and 1).
    pub fn defaults(mut self, indel: f32, substitution: f32) -> Self {
        let i = self.check("defaults", &[], indel);
        let s = self.check("defaults", &[], substitution);
        if let (Some(i), Some(s)) = (i, s) {
            self.table.default_indel = i;
            self.table.default_substitution = s;
        }
        self
    }

    /// The table.
    ///
    /// # Errors
    /// A config error (`cost_table.<setting>`) for a negative, NaN, infinite or too large
    /// cost, or a symbol code outside `0..64`.
    pub fn build(self) -> Result<CostTable> {
        match self.error {
            Some((key, message)) => Err(Error::config(key, message)),
            None => Ok(self.table),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builder_rejects_bad_costs_and_symbols() {
        let e = CostTable::builder().indel(1, -1.0).build().unwrap_err();
        assert!(e.to_string().contains("cost_table.indel"), "{e}");
        let e = CostTable::builder()
            .substitution(1, 70, 0.5)
            .build()
            .unwrap_err();
        assert!(e.to_string().contains("outside the alphabet"), "{e}");
        let e = CostTable::builder()
            .transposition(Some(f32::NAN))
            .build()
            .unwrap_err();
        assert!(e.to_string().contains("transposition"), "{e}");
        // The first error wins.
        let e = CostTable::builder()
            .doubling_group(&[99], 0.0)
            .indel(1, f32::INFINITY)
            .build()
            .unwrap_err();
        assert!(e.to_string().contains("doubling"), "{e}");
    }

    #[test]
    fn table_is_send_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<CostTable>();
        assert_send_sync::<CostTableBuilder>();
    }
}
