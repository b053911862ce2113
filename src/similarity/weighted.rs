//! Weighted edit distance with costs in a table, for transliteration-aware comparison of
//! prepared `u8` symbol codes.
//!
//! A [`CostTable`] holds, for the prepared alphabet (codes `0..64`):
//! - a substitution cost for every ordered pair, kept symmetric (setting `(x, y)` sets
//!   `(y, x)`); substituting a symbol by itself always costs 0;
//! - one insertion/deletion ("indel") cost per symbol: inserting `x` into one string costs
//!   the same as deleting `x` from the other, which keeps the distance symmetric;
//! - a *doubling* cost per symbol: deleting or inserting a symbol right after the same
//!   symbol in its own string (the second `s` of `Hassan`) costs
//!   `min(indel, doubling)`; by default the doubling cost equals the indel cost, i.e. no
//!   discount;
//! - an optional cost for swapping two adjacent different symbols (optimal string
//!   alignment, each substring edited at most once).
//!
//! Codes `>= 64` get the table's default costs: indel [`CostTable::default_indel`],
//! substitution of two different codes [`CostTable::default_substitution`], no doubling
//! discount.
//!
//! ## Normalisation
//! Let `A` be the cost of deleting every symbol of `a` one by one from the left and `B`
//! the cost of inserting every symbol of `b` (both with the doubling discount, i.e. the
//! first row and column of the dynamic programme). The similarity is
//! `1 − min(D, W) / W` with `W = max(A, B)`, and 1.0 when `W = 0`.
//!
//! With unit costs this is exactly the normalised Levenshtein similarity
//! `1 − d / max(|a|, |b|)`. Whenever every substitution costs at most the indel cost of
//! each of its two symbols (and doubling discounts are not used), `D ≤ W` always holds and
//! the clamp never acts; with other tables, pairs whose cheapest edit costs more than `W`
//! score 0. The result is always in [0, 1] and symmetric.
//!
//! ## Fixed point
//! Costs are given as `f32` and stored as integers in units of 1/[`COST_SCALE`] (rounded
//! to the nearest unit, at most [`MAX_COST`]). The dynamic programme adds and compares
//! integers: results are exact, do not depend on the order of the two strings, and the
//! inner loop has no floating-point latency.

use super::symbol::ALPHABET_SIZE;
use crate::{Error, Result};

const N: usize = ALPHABET_SIZE;

/// Costs are stored in units of `1 / COST_SCALE`.
pub const COST_SCALE: u32 = 1000;
/// Largest cost a table accepts.
pub const MAX_COST: f32 = 1000.0;

#[inline]
fn to_units(cost: f32) -> u32 {
    (f64::from(cost) * f64::from(COST_SCALE)).round() as u32
}

#[inline]
fn from_units(units: u64) -> f64 {
    units as f64 / f64::from(COST_SCALE)
}

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
    sub: Box<[[u32; N]; N]>,
    indel: [u32; N],
    /// Effective cost of deleting/inserting a symbol that repeats its predecessor.
    repeat: [u32; N],
    transposition: Option<u32>,
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
    fn sub_units(&self, x: u8, y: u8) -> u32 {
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
    fn indel_at(&self, s: &[u8], i: usize) -> u32 {
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

/// A serialisable description of a [`CostTable`], for tables kept in configuration files:
/// lists of symbol groups with their costs, applied in a fixed order (indel, substitution
/// groups, substitutions between groups, doubling, then transposition and defaults),
/// later entries of a list overriding earlier ones.
///
/// ```
/// use hawiya::similarity::weighted::CostSpec;
/// # fn main() -> hawiya::Result<()> {
/// let spec: CostSpec = serde_json::from_str(r#"{
///     "indel": [{"symbols": [0, 1, 2], "cost": 0.3}],
///     "substitution": [{"symbols": [0, 1, 2], "cost": 0.3}, {"symbols": [10, 11], "cost": 0.4}],
///     "doubling": [{"symbols": [10, 11, 12], "cost": 0.0}],
///     "transposition": 0.8
/// }"#).expect("valid json");
/// let table = spec.build()?;
/// assert_eq!(table.substitution(10, 11), 0.4);
/// assert_eq!(table.repeat_indel(12), 0.0);
/// # Ok(()) }
/// ```
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CostSpec {
    /// Insertion/deletion costs per group (default 1).
    #[serde(default)]
    pub indel: Vec<GroupCost>,
    /// Substitution costs between any two symbols of a group (default 1).
    #[serde(default)]
    pub substitution: Vec<GroupCost>,
    /// Substitution costs between each symbol of `left` and each of `right`.
    #[serde(default)]
    pub substitution_between: Vec<BetweenCost>,
    /// Doubling costs per group (effective cost `min(indel, doubling)`).
    #[serde(default)]
    pub doubling: Vec<GroupCost>,
    /// Cost of swapping two adjacent different symbols; none by default.
    #[serde(default)]
    pub transposition: Option<f32>,
    /// Indel cost of codes `>= 64` (default 1).
    #[serde(default)]
    pub default_indel: Option<f32>,
    /// Substitution cost involving a code `>= 64` (default 1).
    #[serde(default)]
    pub default_substitution: Option<f32>,
}

/// One cost for a group of symbols.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupCost {
    /// Symbol codes (`0..64`).
    pub symbols: Vec<u8>,
    /// The cost (finite, `0..=MAX_COST`).
    pub cost: f32,
}

/// One substitution cost between two groups of symbols.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BetweenCost {
    /// Symbol codes on one side.
    pub left: Vec<u8>,
    /// Symbol codes on the other side.
    pub right: Vec<u8>,
    /// The cost (finite, `0..=MAX_COST`).
    pub cost: f32,
}

impl CostSpec {
    /// Build the table.
    ///
    /// # Errors
    /// A config error naming the first invalid setting, as [`CostTableBuilder::build`].
    pub fn build(&self) -> Result<CostTable> {
        let mut b = CostTable::builder();
        for g in &self.indel {
            b = b.indel_group(&g.symbols, g.cost);
        }
        for g in &self.substitution {
            b = b.substitution_group(&g.symbols, g.cost);
        }
        for g in &self.substitution_between {
            b = b.substitution_between(&g.left, &g.right, g.cost);
        }
        for g in &self.doubling {
            b = b.doubling_group(&g.symbols, g.cost);
        }
        b = b.transposition(self.transposition);
        if self.default_indel.is_some() || self.default_substitution.is_some() {
            b = b.defaults(
                self.default_indel.unwrap_or(1.0),
                self.default_substitution.unwrap_or(1.0),
            );
        }
        b.build()
    }
}

/// Inputs whose shorter string has up to this many symbols keep their rows on the stack.
const STACK_ROW: usize = 64;

/// Weighted edit distance between `a` and `b` under `table` (≥ 0, symmetric, 0 for equal
/// strings), a multiple of `1 / COST_SCALE`. Allocation-free when the shorter string has
/// at most 64 symbols.
///
/// ```
/// use hawiya::similarity::{CostTable, weighted};
/// let unit = CostTable::unit();
/// assert_eq!(weighted::distance(&unit, &[1, 2, 3], &[1, 3]), 1.0);
/// ```
pub fn distance(table: &CostTable, a: &[u8], b: &[u8]) -> f64 {
    from_units(bounded(table, a, b, u64::MAX).unwrap_or(u64::MAX))
}

/// The distance if it is at most `max`, else `None` (stops early once the bound is
/// certain to be exceeded).
///
/// ```
/// use hawiya::similarity::{CostTable, weighted};
/// let unit = CostTable::unit();
/// assert_eq!(weighted::distance_with_cutoff(&unit, &[1, 2, 3], &[4, 5, 6], 2.0), None);
/// assert_eq!(weighted::distance_with_cutoff(&unit, &[1, 2, 3], &[4, 2, 3], 1.0), Some(1.0));
/// ```
pub fn distance_with_cutoff(table: &CostTable, a: &[u8], b: &[u8], max: f64) -> Option<f64> {
    if max.is_nan() || max < 0.0 {
        return None;
    }
    // The largest unit count not above `max`.
    let max_units = (max * f64::from(COST_SCALE) + 1e-6).floor();
    let max_units = if max_units >= u64::MAX as f64 {
        u64::MAX
    } else {
        max_units as u64
    };
    bounded(table, a, b, max_units)
        .map(from_units)
        .filter(|&d| d <= max)
}

/// The normalisation weight of `s`: the cost, in units of `1 / COST_SCALE`, of deleting
/// every symbol of `s` one by one from the left, with the doubling discount (`A` of the
/// module documentation). Compute it once per string to score that string against many
/// others with [`similarity_with_weights`].
///
/// ```
/// use hawiya::similarity::{CostTable, weighted};
/// let table = CostTable::builder().doubling_group(&[2], 0.5).build()?;
/// assert_eq!(weighted::weight_units(&table, &[1, 2, 2]), 2500);
/// # Ok::<(), hawiya::Error>(())
/// ```
pub fn weight_units(table: &CostTable, s: &[u8]) -> u64 {
    (0..s.len()).map(|i| u64::from(table.indel_at(s, i))).sum()
}

fn worst_units(table: &CostTable, a: &[u8], b: &[u8]) -> u64 {
    weight_units(table, a).max(weight_units(table, b))
}

/// The normalisation constant `W = max(A, B)` of the module documentation.
pub fn worst_case(table: &CostTable, a: &[u8], b: &[u8]) -> f64 {
    from_units(worst_units(table, a, b))
}

/// Normalised similarity `1 − min(D, W) / W` in [0, 1] (1.0 when `W = 0`), see the module
/// documentation.
///
/// ```
/// use hawiya::similarity::{CostTable, weighted};
/// let unit = CostTable::unit();
/// let kitten = [10u8, 8, 19, 19, 4, 13];
/// let sitting = [18u8, 8, 19, 19, 8, 13, 6];
/// assert_eq!(weighted::similarity(&unit, &kitten, &sitting), 1.0 - 3.0 / 7.0);
/// ```
pub fn similarity(table: &CostTable, a: &[u8], b: &[u8]) -> f64 {
    if a == b {
        return 1.0;
    }
    let w = worst_units(table, a, b);
    if w == 0 {
        return 1.0;
    }
    // D <= W is all that matters; beyond it the score is 0 anyway.
    let d = bounded(table, a, b, w).unwrap_or(w);
    normalise(d, w)
}

/// [`similarity`] if it is at least `min_similarity`, else `None`.
///
/// ```
/// use hawiya::similarity::{CostTable, weighted};
/// let unit = CostTable::unit();
/// assert_eq!(weighted::similarity_with_cutoff(&unit, &[1, 2], &[1, 2], 0.9), Some(1.0));
/// assert_eq!(weighted::similarity_with_cutoff(&unit, &[1, 2], &[3, 4], 0.1), None);
/// ```
pub fn similarity_with_cutoff(
    table: &CostTable,
    a: &[u8],
    b: &[u8],
    min_similarity: f64,
) -> Option<f64> {
    if min_similarity.is_nan() || min_similarity > 1.0 {
        return None;
    }
    let (wa, wb) = (weight_units(table, a), weight_units(table, b));
    similarity_with_weights(table, a, wa, b, wb, min_similarity)
}

/// [`similarity_with_cutoff`] with the normalisation weights of `a` and `b`
/// ([`weight_units`]) computed beforehand, for loops that score one string against many.
/// Given other weights the result is still in [0, 1] but not the similarity.
///
/// ```
/// use hawiya::similarity::{CostTable, weighted};
/// let unit = CostTable::unit();
/// let (a, b) = ([1u8, 2, 3], [1u8, 2, 4]);
/// let (wa, wb) = (weighted::weight_units(&unit, &a), weighted::weight_units(&unit, &b));
/// assert_eq!(
///     weighted::similarity_with_weights(&unit, &a, wa, &b, wb, 0.5),
///     weighted::similarity_with_cutoff(&unit, &a, &b, 0.5)
/// );
/// ```
pub fn similarity_with_weights(
    table: &CostTable,
    a: &[u8],
    weight_a: u64,
    b: &[u8],
    weight_b: u64,
    min_similarity: f64,
) -> Option<f64> {
    if min_similarity.is_nan() || min_similarity > 1.0 {
        return None;
    }
    if a == b {
        return Some(1.0);
    }
    let w = weight_a.max(weight_b);
    if w == 0 {
        return Some(1.0);
    }
    // D may be up to (1 - s) W; one unit of slack against rounding, the similarity decides.
    let max = ((1.0 - min_similarity.max(0.0)) * w as f64).floor() as u64 + 1;
    let d = bounded(table, a, b, max.min(w)).unwrap_or(w);
    let s = normalise(d, w);
    (s >= min_similarity).then_some(s)
}

#[inline]
fn normalise(d: u64, w: u64) -> f64 {
    1.0 - d.min(w) as f64 / w as f64
}

/// The distance in units if at most `max`.
fn bounded(table: &CostTable, a: &[u8], b: &[u8], max: u64) -> Option<u64> {
    // The shorter string is the row (on the stack up to 64 symbols).
    let (a, b) = if b.len() < a.len() { (b, a) } else { (a, b) };
    let fast = a.iter().chain(b).all(|&c| usize::from(c) < N);
    let trans = table.transposition.is_some();
    let n = a.len() + 1;
    if a.len() <= STACK_ROW {
        let mut rows = [[0u64; STACK_ROW + 1]; 3];
        let mut da = [0u32; STACK_ROW];
        let [r0, r1, r2] = &mut rows;
        run(
            table,
            a,
            b,
            max,
            &mut da[..a.len()],
            &mut r0[..n],
            &mut r1[..n],
            &mut r2[..n],
            fast,
            trans,
        )
    } else {
        let mut rows = vec![0u64; 3 * n];
        let mut da = vec![0u32; a.len()];
        let (r0, rest) = rows.split_at_mut(n);
        let (r1, r2) = rest.split_at_mut(n);
        run(table, a, b, max, &mut da, r0, r1, r2, fast, trans)
    }
}

#[allow(clippy::too_many_arguments)]
#[inline(always)]
fn run(
    table: &CostTable,
    a: &[u8],
    b: &[u8],
    max: u64,
    da: &mut [u32],
    r0: &mut [u64],
    r1: &mut [u64],
    r2: &mut [u64],
    fast: bool,
    trans: bool,
) -> Option<u64> {
    for (i, d) in da.iter_mut().enumerate() {
        *d = table.indel_at(a, i);
    }
    match (fast, trans) {
        (true, false) => dp::<true, false>(table, a, b, max, da, r0, r1, r2),
        (true, true) => dp::<true, true>(table, a, b, max, da, r0, r1, r2),
        (false, false) => dp::<false, false>(table, a, b, max, da, r0, r1, r2),
        (false, true) => dp::<false, true>(table, a, b, max, da, r0, r1, r2),
    }
}

/// The dynamic programme with `a` along the row and `b` down the columns. `prev2`, `prev`,
/// `cur` are rows `j − 2`, `j − 1`, `j` (the first only for transpositions). `FAST`: every
/// code is below 64, so substitution costs are read straight from the table row of `b[j]`.
#[allow(clippy::too_many_arguments)]
fn dp<'r, const FAST: bool, const TRANS: bool>(
    table: &CostTable,
    a: &[u8],
    b: &[u8],
    max: u64,
    da: &[u32],
    mut prev2: &'r mut [u64],
    mut prev: &'r mut [u64],
    mut cur: &'r mut [u64],
) -> Option<u64> {
    let n = a.len();
    prev[0] = 0;
    for i in 0..n {
        prev[i + 1] = prev[i] + u64::from(da[i]);
    }
    let t = u64::from(table.transposition.unwrap_or(0));
    let mut prev_min = 0u64;
    for j in 0..b.len() {
        let cb = b[j];
        let ins_b = u64::from(table.indel_at(b, j));
        let sub_row: &[u32; N] = &table.sub[usize::from(cb) % N];
        let mut left = prev[0] + ins_b;
        cur[0] = left;
        let mut row_min = left;
        let (cur_tail, prev_tail) = (&mut cur[1..=n], &prev[..=n]);
        // The symbol before b[j], widened so that "none" (256) never equals a symbol.
        let b_prev = if j > 0 { u16::from(b[j - 1]) } else { 256 };
        for i in 0..n {
            let ca = a[i];
            let sub = if FAST {
                sub_row[usize::from(ca) % N]
            } else {
                table.sub_units(ca, cb)
            };
            let mut v = (prev_tail[i] + u64::from(sub))
                .min(prev_tail[i + 1] + ins_b)
                .min(left + u64::from(da[i]));
            // Rarely true: test the row's previous symbol first.
            if TRANS && u16::from(ca) == b_prev && i > 0 && a[i - 1] == cb && ca != cb {
                v = v.min(prev2[i - 1] + t);
            }
            cur_tail[i] = v;
            left = v;
            row_min = row_min.min(v);
        }
        // Every path to the end crosses row j or, by a transposition, row j - 1.
        let bound = if TRANS {
            row_min.min(prev_min)
        } else {
            row_min
        };
        if bound > max {
            return None;
        }
        prev_min = row_min;
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    let d = prev[n];
    (d <= max).then_some(d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Full-matrix reference in cost units: same recurrence, no early exit, no row
    /// swapping, the strings in the given order.
    fn reference(t: &CostTable, a: &[u8], b: &[u8]) -> u64 {
        let (n, m) = (a.len(), b.len());
        let mut d = vec![vec![0u64; m + 1]; n + 1];
        let del = |s: &[u8], i: usize| u64::from(t.indel_at(s, i));
        for i in 1..=n {
            d[i][0] = d[i - 1][0] + del(a, i - 1);
        }
        for j in 1..=m {
            d[0][j] = d[0][j - 1] + del(b, j - 1);
        }
        for i in 1..=n {
            for j in 1..=m {
                let mut v = (d[i - 1][j - 1] + u64::from(t.sub_units(a[i - 1], b[j - 1])))
                    .min(d[i - 1][j] + del(a, i - 1))
                    .min(d[i][j - 1] + del(b, j - 1));
                if let Some(tc) = t.transposition {
                    if i > 1
                        && j > 1
                        && a[i - 1] == b[j - 2]
                        && a[i - 2] == b[j - 1]
                        && a[i - 1] != b[j - 1]
                    {
                        v = v.min(d[i - 2][j - 2] + u64::from(tc));
                    }
                }
                d[i][j] = v;
            }
        }
        d[n][m]
    }

    fn decode(v: &[u8]) -> String {
        v.iter()
            .map(|&c| char::from_u32(0x100 + u32::from(c)).unwrap())
            .collect()
    }

    fn translit_table() -> CostTable {
        // 0..5 vowels, 5..10 one consonant class, 10..20 others, 62/63 free doubles.
        CostTable::builder()
            .indel_group(&[0, 1, 2, 3, 4], 0.25)
            .substitution_group(&[0, 1, 2, 3, 4], 0.3)
            .substitution_group(&[5, 6, 7], 0.4)
            .substitution_between(&[8], &[9, 10], 0.6)
            .indel(11, 2.0)
            .doubling_group(&[5, 6, 12, 13], 0.0)
            .doubling_group(&[14], 0.5)
            .transposition(Some(0.7))
            .build()
            .unwrap()
    }

    #[test]
    fn unit_table_is_levenshtein_and_kitten_sitting() {
        let unit = CostTable::unit();
        let kitten: Vec<u8> = "kitten".bytes().map(|c| c - b'a').collect();
        let sitting: Vec<u8> = "sitting".bytes().map(|c| c - b'a').collect();
        assert_eq!(distance(&unit, &kitten, &sitting), 3.0);
        assert_eq!(
            similarity(&unit, &kitten, &sitting),
            strsim::normalized_levenshtein("kitten", "sitting")
        );
        assert!(unit.is_bounded());
    }

    #[test]
    fn empty_identical_and_all_free() {
        let t = translit_table();
        assert_eq!(similarity(&t, &[], &[]), 1.0);
        assert_eq!(similarity(&t, &[8, 9], &[8, 9]), 1.0);
        assert_eq!(similarity(&t, &[], &[15]), 0.0);
        // Only a doubled letter's second copy is free: W > 0.
        assert_eq!(distance(&t, &[5, 5], &[5]), 0.0);
        assert_eq!(similarity(&t, &[5, 5], &[5]), 1.0);
        // All symbols free to delete: W = 0, similarity 1 by definition.
        let free = CostTable::builder()
            .indel_group(&[1, 2], 0.0)
            .build()
            .unwrap();
        assert_eq!(similarity(&free, &[1], &[2]), 1.0);
    }

    #[test]
    fn doubling_and_vowels_are_cheap_consonants_are_not() {
        let t = translit_table();
        // 12 doubled is free; vowel 0 deleted costs 0.25.
        assert!((distance(&t, &[12, 12, 0, 15], &[12, 15]) - 0.25).abs() < 1e-6);
        // Doubling discount only applies right after the same symbol.
        assert_eq!(distance(&t, &[12, 15, 12], &[12, 15]), 1.0);
        // 14 doubles at 0.5.
        assert!((distance(&t, &[14, 14], &[14]) - 0.5).abs() < 1e-6);
        // Class substitution cheaper than an unrelated one.
        assert!((distance(&t, &[5, 0], &[7, 0]) - 0.4).abs() < 1e-6);
        assert_eq!(distance(&t, &[5, 0], &[15, 0]), 1.0);
        // Transposition.
        assert!((distance(&t, &[15, 16], &[16, 15]) - 0.7).abs() < 1e-6);
        assert!(!t.is_bounded());
    }

    #[test]
    fn codes_outside_the_table_use_defaults() {
        let t = CostTable::builder().defaults(2.0, 3.0).build().unwrap();
        assert_eq!(distance(&t, &[200], &[]), 2.0);
        assert_eq!(distance(&t, &[200], &[201]), 3.0);
        assert_eq!(distance(&t, &[200], &[1]), 3.0);
        assert_eq!(similarity(&t, &[200, 200], &[200, 200]), 1.0);
    }

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
    fn spec_builds_the_same_table_as_the_builder() {
        let spec: CostSpec = serde_json::from_str(
            r#"{"indel": [{"symbols": [0, 1, 2, 3, 4], "cost": 0.25}],
                "substitution": [{"symbols": [0, 1, 2, 3, 4], "cost": 0.3},
                                 {"symbols": [5, 6, 7], "cost": 0.4}],
                "substitution_between": [{"left": [8], "right": [9, 10], "cost": 0.6}],
                "doubling": [{"symbols": [5, 6, 12, 13], "cost": 0.0}, {"symbols": [14], "cost": 0.5}],
                "transposition": 0.7}"#,
        )
        .unwrap();
        let built = CostTable::builder()
            .indel_group(&[0, 1, 2, 3, 4], 0.25)
            .substitution_group(&[0, 1, 2, 3, 4], 0.3)
            .substitution_group(&[5, 6, 7], 0.4)
            .substitution_between(&[8], &[9, 10], 0.6)
            .doubling_group(&[5, 6, 12, 13], 0.0)
            .doubling_group(&[14], 0.5)
            .transposition(Some(0.7))
            .build()
            .unwrap();
        assert_eq!(spec.build().unwrap(), built);
        let back: CostSpec = serde_json::from_str(&serde_json::to_string(&spec).unwrap()).unwrap();
        assert_eq!(back, spec);
        assert_eq!(CostSpec::default().build().unwrap(), CostTable::unit());
        let bad: CostSpec =
            serde_json::from_str(r#"{"indel": [{"symbols": [70], "cost": 0.5}]}"#).unwrap();
        let e = bad.build().unwrap_err();
        assert!(e.to_string().contains("cost_table.indel"), "{e}");
        assert!(serde_json::from_str::<CostSpec>(r#"{"indels": []}"#).is_err());
    }

    #[test]
    fn table_is_send_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<CostTable>();
        assert_send_sync::<CostTableBuilder>();
    }

    #[test]
    fn long_input_uses_heap_rows() {
        let t = translit_table();
        let a: Vec<u8> = (0..90).map(|i| (i * 7 % 20) as u8).collect();
        let b: Vec<u8> = (0..100).map(|i| (i * 3 % 20) as u8).collect();
        assert_eq!(distance(&t, &a, &b), from_units(reference(&t, &a, &b)));
        let wide: Vec<u8> = a.iter().map(|&c| c * 3).collect();
        assert_eq!(
            distance(&t, &wide, &b),
            from_units(reference(&t, &wide, &b))
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn unit_matches_strsim(a in prop::collection::vec(0u8..4, 0..80), b in prop::collection::vec(0u8..4, 0..80)) {
            let unit = CostTable::unit();
            let (da, db) = (decode(&a), decode(&b));
            prop_assert_eq!(distance(&unit, &a, &b) as usize, strsim::levenshtein(&da, &db));
            let s = similarity(&unit, &a, &b);
            prop_assert_eq!(s, strsim::normalized_levenshtein(&da, &db));
            let osa = CostTable::builder().transposition(Some(1.0)).build().unwrap();
            prop_assert_eq!(distance(&osa, &a, &b) as usize, strsim::osa_distance(&da, &db));
        }

        #[test]
        fn matches_reference_dp(a in prop::collection::vec(0u8..20, 0..80), b in prop::collection::vec(0u8..20, 0..80)) {
            let t = translit_table();
            let d = distance(&t, &a, &b);
            prop_assert_eq!(d, from_units(reference(&t, &a, &b)));
            prop_assert_eq!(d, distance(&t, &b, &a));
            let s = similarity(&t, &a, &b);
            let (du, w) = (reference(&t, &a, &b), worst_units(&t, &a, &b));
            let want = if w == 0 { 1.0 } else { 1.0 - du.min(w) as f64 / w as f64 };
            prop_assert_eq!(s, want);
            prop_assert!((0.0..=1.0).contains(&s));
            prop_assert_eq!(s, similarity(&t, &b, &a));
            prop_assert_eq!(similarity(&t, &a, &a), 1.0);
        }

        #[test]
        fn codes_outside_the_table_match_reference(a in prop::collection::vec(60u8..70, 0..30), b in prop::collection::vec(60u8..70, 0..30)) {
            let t = CostTable::builder()
                .indel_group(&[60, 61], 0.5)
                .substitution(62, 63, 0.1)
                .doubling_group(&[63], 0.0)
                .defaults(1.5, 0.7)
                .transposition(Some(0.3))
                .build()
                .unwrap();
            prop_assert_eq!(distance(&t, &a, &b), from_units(reference(&t, &a, &b)));
            prop_assert_eq!(distance(&t, &b, &a), from_units(reference(&t, &a, &b)));
        }

        #[test]
        fn cutoff_agrees_with_full(a in prop::collection::vec(0u8..20, 0..40), b in prop::collection::vec(0u8..20, 0..40), max in 0.0f64..6.0, min_sim in 0.0f64..1.0) {
            let t = translit_table();
            let d = distance(&t, &a, &b);
            prop_assert_eq!(distance_with_cutoff(&t, &a, &b, max), (d <= max).then_some(d));
            let s = similarity(&t, &a, &b);
            prop_assert_eq!(similarity_with_cutoff(&t, &a, &b, min_sim), (s >= min_sim).then_some(s));
            let (wa, wb) = (weight_units(&t, &a), weight_units(&t, &b));
            prop_assert_eq!(similarity_with_weights(&t, &a, wa, &b, wb, min_sim), (s >= min_sim).then_some(s));
            prop_assert_eq!(similarity_with_weights(&t, &b, wb, &a, wa, min_sim), (s >= min_sim).then_some(s));
        }
    }
}
