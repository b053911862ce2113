//! Aligning two prepared names: compounds written apart on one side joined into units,
//! the exact best one-to-one assignment of the shorter name's units to the longer name's,
//! and the score with its penalties for tokens left out and for a changed order.

use super::{MAX_TOKENS, NameComparator, PreparedName};

/// An aligned unit: tokens `first..=last` of one side.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Unit {
    pub(super) first: u8,
    pub(super) last: u8,
}

/// Units of one name on the stack (at most `MAX_TOKENS`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Units {
    v: [Unit; MAX_TOKENS],
    n: usize,
}

impl Units {
    fn singles(n: usize) -> Units {
        let mut u = Units {
            v: [Unit { first: 0, last: 0 }; MAX_TOKENS],
            n: n.min(MAX_TOKENS),
        };
        for (i, x) in u.v.iter_mut().enumerate() {
            *x = Unit {
                first: i as u8,
                last: i as u8,
            };
        }
        u
    }
    fn remove(&mut self, i: usize) {
        if i < self.n {
            self.v.copy_within(i + 1..self.n, i);
            self.n -= 1;
        }
    }
}

impl std::ops::Deref for Units {
    type Target = [Unit];
    fn deref(&self) -> &[Unit] {
        &self.v[..self.n]
    }
}

impl std::ops::DerefMut for Units {
    fn deref_mut(&mut self) -> &mut [Unit] {
        &mut self.v[..self.n]
    }
}

/// The result of aligning two names (short side `s`, long side `l`).
#[derive(Debug, Clone, Default)]
pub(crate) struct Alignment {
    pub(super) s_units: Vec<Unit>,
    pub(super) l_units: Vec<Unit>,
    /// For each unit of `s`: the aligned unit of `l` and the score.
    pub(super) assigned: Vec<Option<(u8, f64)>>,
    pub(crate) quality: f64,
    pub(crate) missing_penalty: f64,
    pub(crate) order_penalty: f64,
    pub(crate) score: f64,
    pub(super) swapped: bool,
}

impl NameComparator {
    /// Join adjacent tokens of `x` where the join matches a token of `y` clearly better
    /// than either part alone. Returns the units of `x`.
    fn joins(&self, x: &PreparedName, y: &PreparedName, y_units: &[Unit]) -> Units {
        let mut units = Units::singles(x.toks.len());
        let mut i = 0;
        while i + 1 < units.len() {
            let (u, v) = (units[i], units[i + 1]);
            let initial = |u: Unit| {
                x.toks[usize::from(u.first)..=usize::from(u.last)]
                    .iter()
                    .any(|t| t.initial)
            };
            if initial(u) || initial(v) {
                i += 1;
                continue;
            }
            let joined = Unit {
                first: u.first,
                last: v.last,
            };
            let cons = |p: &PreparedName, u: Unit| -> u32 {
                p.toks[usize::from(u.first)..=usize::from(u.last)]
                    .iter()
                    .map(|t| u32::from(t.cons))
                    .sum()
            };
            let joined_cons = cons(x, joined);
            let mut gain = false;
            for &w in y_units {
                if joined_cons.abs_diff(cons(y, w)) > 1 {
                    continue;
                }
                let js = self.unit_score(x, joined, y, w);
                if js >= self.options.join_min_score {
                    let su = self.unit_score(x, u, y, w);
                    let sv = self.unit_score(x, v, y, w);
                    if js > su.max(sv) + 0.05 {
                        gain = true;
                        break;
                    }
                }
            }
            if gain {
                units[i] = joined;
                units.remove(i + 1);
            } else {
                i += 1;
            }
        }
        units
    }

    /// Align `a` and `b`; with `detail`, keep the units and the assignment for an
    /// explanation (the score is the same either way).
    pub(crate) fn align(&self, a: &PreparedName, b: &PreparedName, detail: bool) -> Alignment {
        let swapped = swapped(a, b);
        let (s, l) = if swapped { (b, a) } else { (a, b) };
        let mut al = Alignment {
            swapped,
            ..Alignment::default()
        };
        if s.toks.is_empty() || l.toks.is_empty() {
            let same =
                s.toks.is_empty() && l.toks.is_empty() && s.name.normalized == l.name.normalized;
            al.score = if same { 1.0 } else { 0.0 };
            al.quality = al.score;
            al.s_units = (0..s.toks.len() as u8)
                .map(|i| Unit { first: i, last: i })
                .collect();
            al.l_units = (0..l.toks.len() as u8)
                .map(|i| Unit { first: i, last: i })
                .collect();
            al.assigned = vec![None; al.s_units.len()];
            return al;
        }
        let mut su = Units::singles(s.toks.len());
        let mut lu = Units::singles(l.toks.len());
        let mut m = self.matrix(s, &su, l, &lu);
        // Compounds: only where some token lacks a good partner.
        let weak = |m: &Matrix, rows: usize, cols: usize| {
            (0..rows).any(|i| (0..cols).map(|j| m.get(i, j)).fold(0.0, f64::max) < 0.85)
                || (0..cols).any(|j| (0..rows).map(|i| m.get(i, j)).fold(0.0, f64::max) < 0.85)
        };
        // Only a name with more tokens than the other can hold a split compound.
        if su.len() != lu.len() && weak(&m, su.len(), lu.len()) {
            let js = self.joins(s, l, &lu);
            let jl = self.joins(l, s, &su);
            if js.len() != su.len() || jl.len() != lu.len() {
                su = js;
                lu = jl;
                m = self.matrix(s, &su, l, &lu);
            }
        }
        // Keep the shorter side as rows.
        let (rows, cols) = (su.len(), lu.len());
        let transposed = rows > cols;
        let assigned_pairs = if transposed {
            best_assignment(
                &m.transpose(),
                cols,
                rows,
                self.options.min_token_score,
                |j| self.weight(j, cols),
            )
            .into_iter()
            .map(|(j, i, v)| (i, j, v))
            .collect::<Vec<_>>()
        } else {
            best_assignment(&m, rows, cols, self.options.min_token_score, |i| {
                self.weight(i, rows)
            })
        };
        let (short_n, long_n) = (rows.min(cols), rows.max(cols));
        let (short_name, short_units, long_name_, long_units_) = if transposed {
            (l, &lu, s, &su)
        } else {
            (s, &su, l, &lu)
        };
        // Quality: weighted mean over the shorter side's units. A unit without a partner
        // (a contradiction) keeps a small credit for how close it is written to the unit
        // of the other name in its place, so that scores stay continuous below the
        // alignment cutoff too.
        let mut num = 0.0;
        let mut den = 0.0;
        for k in 0..short_n {
            let w = self.weight(k, short_n);
            let v = assigned_pairs
                .iter()
                .find(|p| if transposed { p.1 == k } else { p.0 == k })
                .map_or_else(
                    || {
                        let j = if short_n > 1 {
                            (k * (long_n - 1) + (short_n - 1) / 2) / (short_n - 1)
                        } else {
                            0
                        };
                        match (short_units.get(k), long_units_.get(j)) {
                            (Some(&x), Some(&y)) => {
                                self.contradiction_credit(short_name, x, long_name_, y)
                            }
                            _ => 0.0,
                        }
                    },
                    |p| p.2,
                );
            num += w * v;
            den += w;
        }
        let quality = if den > 0.0 { num / den } else { 0.0 };
        // Omissions on the longer side. A title's territory left out of the other name
        // costs what a middle name costs, wherever it stands.
        let (long_name, long_units) = if transposed { (s, &su) } else { (l, &lu) };
        let mut missing = 0.0;
        for k in 0..long_n {
            let used = assigned_pairs
                .iter()
                .any(|p| if transposed { p.0 == k } else { p.1 == k });
            if !used {
                let territorial = long_units
                    .get(k)
                    .is_some_and(|&u| long_name.unit_territorial(u));
                missing += if (k == 0 || k + 1 == long_n) && !territorial {
                    self.options.missing_edge_penalty
                } else {
                    self.options.missing_middle_penalty
                };
            }
        }
        if short_n == 1 && long_n > 1 {
            missing += self.options.single_token_penalty;
        }
        // Order: aligned pairs sorted by row must have increasing columns.
        let mut assigned_pairs = assigned_pairs;
        assigned_pairs.sort_unstable_by_key(|p| p.0);
        let in_order = assigned_pairs.windows(2).all(|w| w[0].1 < w[1].1);
        let order = if in_order {
            0.0
        } else {
            self.options.order_penalty
        };
        let score = soft_floor(quality - missing - order).min(1.0);
        al.quality = quality;
        al.missing_penalty = missing;
        al.order_penalty = order;
        al.score = if score.is_finite() { score } else { 0.0 };
        if !detail {
            return al;
        }
        al.s_units = su.to_vec();
        al.l_units = lu.to_vec();
        al.assigned = vec![None; al.s_units.len()];
        for &(i, j, v) in &assigned_pairs {
            if let Some(slot) = al.assigned.get_mut(i) {
                *slot = Some((j as u8, v));
            }
        }
        al.quality = quality;
        al.missing_penalty = missing;
        al.order_penalty = order;
        al.score = if score.is_finite() { score } else { 0.0 };
        al
    }

    /// Whether the score of `a` and `b` is certainly below `floor`, found from the best
    /// token pair of each of the shorter name's tokens, heaviest rows first, without
    /// aligning: the weighted mean of those row maxima (1 for rows not yet scored) bounds
    /// the quality, and penalties only lower it. `false` when the bound does not show it,
    /// and whenever a compound could be joined (the joined units could score higher).
    pub(crate) fn surely_below(&self, a: &PreparedName, b: &PreparedName, floor: f64) -> bool {
        let o = &self.options;
        if floor.is_nan()
            || floor <= 0.0
            || o.missing_edge_penalty < 0.0
            || o.missing_middle_penalty < 0.0
            || o.single_token_penalty < 0.0
            || o.order_penalty < 0.0
        {
            return false;
        }
        let (s, l) = if swapped(a, b) { (b, a) } else { (a, b) };
        let (su, lu) = (Units::singles(s.toks.len()), Units::singles(l.toks.len()));
        let (ns, nl) = (su.len(), lu.len());
        if ns == 0 || nl == 0 {
            return false;
        }
        if ns != nl && (self.joins(s, l, &lu).len() != ns || self.joins(l, s, &su).len() != nl) {
            return false;
        }
        let total: f64 = (0..ns).map(|k| self.weight(k, ns)).sum();
        if total.is_nan() || total <= 0.0 {
            return false;
        }
        // A row's unit is aligned at its score, or kept at a contradiction's credit, which
        // stays below `CONTRADICTION_CREDIT · min_token_score`.
        let credit = CONTRADICTION_CREDIT * o.min_token_score;
        let (mut got, mut rest) = (0.0, total);
        let order = [0, ns - 1].into_iter().chain(1..ns.saturating_sub(1));
        for k in order.take(ns) {
            let row_max = lu
                .iter()
                .map(|&y| self.unit_score(s, su[k], l, y))
                .fold(credit, f64::max)
                .min(1.0);
            let w = self.weight(k, ns);
            got += w * row_max;
            rest -= w;
            // A margin for the rounding of the alignment's own sums.
            if soft_floor((got + rest.max(0.0)) / total) + 1e-9 < floor {
                return true;
            }
        }
        false
    }

    /// Credit of a short-side unit left without a partner: its letters' closeness to the
    /// long-side unit `y` in its place, scaled to stay below any aligned score.
    fn contradiction_credit(&self, a: &PreparedName, x: Unit, b: &PreparedName, y: Unit) -> f64 {
        let (ca, cb) = (
            a.span_code(usize::from(x.first), usize::from(x.last)),
            b.span_code(usize::from(y.first), usize::from(y.last)),
        );
        let arabic = a
            .toks
            .get(usize::from(x.first))
            .zip(b.toks.get(usize::from(y.first)))
            .is_some_and(|(p, q)| !p.latin && !q.latin);
        let kernel = if arabic {
            &self.arabic_table
        } else {
            &self.table
        };
        // Distance `d` (at most the normalisation `w`, where the kernel stops early)
        // against `w`: `w / (w + d)` stays positive for names with nothing in common.
        let t = kernel.table();
        let w = crate::similarity::weighted::worst_case(t, ca, cb);
        let d = crate::similarity::weighted::distance_with_cutoff(t, ca, cb, w).unwrap_or(w);
        let by_cost = if w + d > 0.0 { w / (w + d) } else { 1.0 };
        // Jaro–Winkler over the folded letters (of the codes for joined units) grades what
        // the cost leaves tied: letters of another class all cost the same.
        fn single(p: &PreparedName, u: Unit) -> Option<&super::prepared::PTok> {
            (u.first == u.last)
                .then(|| p.toks.get(usize::from(u.first)))
                .flatten()
        }
        let text = match (single(a, x), single(b, y)) {
            (Some(p), Some(q)) => crate::similarity::jaro::jaro_winkler(
                a.folded(p).as_bytes(),
                b.folded(q).as_bytes(),
            ),
            _ => crate::similarity::jaro::jaro_winkler(ca, cb),
        };
        let close = 0.5 * (by_cost + text);
        CONTRADICTION_CREDIT * self.options.min_token_score * close
    }

    /// Weight of position `k` of a name with `n` units: first and last 1, middle less.
    fn weight(&self, k: usize, n: usize) -> f64 {
        if k == 0 || k + 1 == n {
            1.0
        } else {
            self.options.middle_weight
        }
    }

    fn matrix(&self, s: &PreparedName, su: &[Unit], l: &PreparedName, lu: &[Unit]) -> Matrix {
        let mut m = Matrix::default();
        for (i, &x) in su.iter().enumerate().take(MAX_TOKENS) {
            for (j, &y) in lu.iter().enumerate().take(MAX_TOKENS) {
                m.set(i, j, self.unit_score(s, x, l, y));
            }
        }
        m
    }
}

/// Whether `a` and `b` swap places for the alignment: the canonical order (fewer tokens
/// first, ties by content) makes the score symmetric.
fn swapped(a: &PreparedName, b: &PreparedName) -> bool {
    match a.toks.len().cmp(&b.toks.len()) {
        std::cmp::Ordering::Less => false,
        std::cmp::Ordering::Greater => true,
        std::cmp::Ordering::Equal => match b.codes[..].cmp(&a.codes[..]) {
            // Codes and keys can agree for different spellings (`cc` / `cccc`): the
            // normalised text decides last, so the order is total.
            std::cmp::Ordering::Equal => match b.toks_key().cmp(&a.toks_key()) {
                std::cmp::Ordering::Equal => b.name.normalized < a.name.normalized,
                o => o == std::cmp::Ordering::Less,
            },
            o => o == std::cmp::Ordering::Less,
        },
    }
}

/// Share of the alignment cutoff a contradicting unit keeps, times its letters' closeness
/// (see [`NameComparator::contradiction_credit`]).
const CONTRADICTION_CREDIT: f64 = 0.3;

/// Below this, penalties no longer clamp a score to 0: it decays smoothly towards 0
/// instead, so that names with nothing in common still rank by how close they are.
const SOFT_FLOOR: f64 = 0.05;

/// `x` above [`SOFT_FLOOR`]; below, `SOFT_FLOOR · exp((x - SOFT_FLOOR) / SOFT_FLOOR)`:
/// continuous, increasing, positive.
fn soft_floor(x: f64) -> f64 {
    if x >= SOFT_FLOOR {
        x
    } else if x.is_finite() {
        SOFT_FLOOR * ((x - SOFT_FLOOR) / SOFT_FLOOR).exp()
    } else {
        0.0
    }
}

/// A small score matrix (at most `MAX_TOKENS` × `MAX_TOKENS`).
#[derive(Debug, Clone)]
struct Matrix {
    v: [[f64; MAX_TOKENS]; MAX_TOKENS],
}

impl Default for Matrix {
    fn default() -> Self {
        Matrix {
            v: [[0.0; MAX_TOKENS]; MAX_TOKENS],
        }
    }
}

impl Matrix {
    fn get(&self, i: usize, j: usize) -> f64 {
        self.v.get(i).and_then(|r| r.get(j)).copied().unwrap_or(0.0)
    }
    fn set(&mut self, i: usize, j: usize, x: f64) {
        if let Some(c) = self.v.get_mut(i).and_then(|r| r.get_mut(j)) {
            *c = x;
        }
    }
    fn transpose(&self) -> Matrix {
        let mut t = Matrix::default();
        for i in 0..MAX_TOKENS {
            for j in 0..MAX_TOKENS {
                t.v[j][i] = self.v[i][j];
            }
        }
        t
    }
}

/// The assignment of rows to distinct columns maximising `Σ weight(row) · score` over
/// pairs scoring at least `min` (rows may stay unassigned). Exact, by dynamic programming
/// over the subsets of used columns. Ties go to the assignment found first (rows in order,
/// lower columns first), which prefers the same order. Returns `(row, col, score)`.
fn best_assignment(
    m: &Matrix,
    rows: usize,
    cols: usize,
    min: f64,
    weight: impl Fn(usize) -> f64,
) -> Vec<(usize, usize, f64)> {
    let rows = rows.min(MAX_TOKENS);
    let cols = cols.min(MAX_TOKENS);
    let full = 1usize << cols;
    // best[r][mask]: best total for rows r.. given used columns mask; filled backwards.
    let size = (rows + 1) * full;
    let mut stack = [0.0f64; 320];
    let mut heap = Vec::new();
    let best: &mut [f64] = if size <= stack.len() {
        &mut stack[..size]
    } else {
        heap.resize(size, 0.0);
        &mut heap
    };
    for r in (0..rows).rev() {
        let w = weight(r);
        for mask in 0..full {
            let mut v = best[(r + 1) * full + mask];
            for c in 0..cols {
                let x = m.get(r, c);
                if mask & (1 << c) == 0 && x >= min {
                    let cand = w * x + best[(r + 1) * full + (mask | 1 << c)];
                    if cand > v + 1e-12 {
                        v = cand;
                    }
                }
            }
            best[r * full + mask] = v;
        }
    }
    // Walk forwards, preferring columns in order on ties.
    let mut out = Vec::with_capacity(rows);
    let mut mask = 0usize;
    for r in 0..rows {
        let target = best[r * full + mask];
        let w = weight(r);
        let mut chosen = None;
        for c in 0..cols {
            let x = m.get(r, c);
            if mask & (1 << c) == 0 && x >= min {
                let cand = w * x + best[(r + 1) * full + (mask | 1 << c)];
                if (cand - target).abs() <= 1e-9 {
                    chosen = Some((c, x));
                    break;
                }
            }
        }
        if let Some((c, x)) = chosen {
            out.push((r, c, x));
            mask |= 1 << c;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn assignment_is_exact() {
        let mut m = Matrix::default();
        // Greedy would take (0,0)=0.9 then (1,1)=0.1; the best is (0,1)+(1,0).
        m.set(0, 0, 0.9);
        m.set(0, 1, 0.85);
        m.set(1, 0, 0.8);
        m.set(1, 1, 0.1);
        let a = best_assignment(&m, 2, 2, 0.5, |_| 1.0);
        assert_eq!(a, vec![(0, 1, 0.85), (1, 0, 0.8)]);
        let b = best_assignment(&m, 2, 2, 0.95, |_| 1.0);
        assert!(b.is_empty());
    }
}
