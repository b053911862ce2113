//! The calibration of [`super::NameComparator::probability`]: per pair kind (both names in
//! Arabic script, both Latin, one of each), the isotonic regression of the labels of the
//! development pairs on the name score, as points `(score, probability)`. The table
//! `data/name_calibration.tsv` (rows `kind<TAB>score<TAB>probability`) is written by
//! `examples/calibrate_names.rs`; rerun it when the comparator's scores change.

use std::sync::LazyLock;

/// The table, compiled in.
pub(super) const CALIBRATION_TSV: &str = include_str!("../data/name_calibration.tsv");

/// Pair kinds, in table order.
pub(super) const KINDS: [&str; 3] = ["ar-ar", "ar-lat", "lat-lat"];

/// Per kind, the points `(score, probability)`, scores ascending, probabilities
/// non-decreasing.
#[derive(Debug, Default)]
pub(super) struct Calibration {
    points: [Vec<(f64, f64)>; 3],
}

pub(super) fn table() -> &'static Calibration {
    static T: LazyLock<Calibration> = LazyLock::new(|| Calibration::parse(CALIBRATION_TSV));
    &T
}

impl Calibration {
    /// Parse rows `kind<TAB>score<TAB>probability` (`#` comments); bad rows are skipped,
    /// and each kind is made monotone (the compiled-in file is checked by a test).
    pub(super) fn parse(tsv: &str) -> Calibration {
        let mut c = Calibration::default();
        for line in tsv.lines().filter(|l| !l.starts_with('#')) {
            let cols: Vec<&str> = line.split('\t').collect();
            let [kind, score, p] = cols[..] else {
                continue;
            };
            let (Some(k), Ok(s), Ok(p)) = (
                KINDS.iter().position(|&x| x == kind),
                score.trim().parse::<f64>(),
                p.trim().parse::<f64>(),
            ) else {
                continue;
            };
            if (0.0..=1.0).contains(&s) && (0.0..=1.0).contains(&p) {
                c.points[k].push((s, p));
            }
        }
        for pts in &mut c.points {
            pts.sort_by(|a, b| a.0.total_cmp(&b.0));
            let mut max = 0.0f64;
            for p in pts.iter_mut() {
                max = max.max(p.1);
                p.1 = max;
            }
        }
        c
    }

    /// The probability of a score of kind `kind` (index into [`KINDS`]): linear between
    /// the points, flat beyond them; the score itself when the kind has no points.
    pub(super) fn probability(&self, kind: usize, score: f64) -> f64 {
        let Some(pts) = self.points.get(kind).filter(|p| !p.is_empty()) else {
            return score.clamp(0.0, 1.0);
        };
        let i = pts.partition_point(|p| p.0 <= score);
        if i == 0 {
            return pts[0].1;
        }
        if i == pts.len() {
            return pts[i - 1].1;
        }
        let ((x0, y0), (x1, y1)) = (pts[i - 1], pts[i]);
        if x1 > x0 {
            y0 + (y1 - y0) * (score - x0) / (x1 - x0)
        } else {
            y1
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interpolates_monotonically() {
        let c =
            Calibration::parse("ar-lat\t0.2\t0.1\nar-lat\t0.8\t0.9\nar-lat\t0.5\t0.05\nx\t1\t1\n");
        // Made monotone: the 0.05 at 0.5 is lifted to 0.1.
        assert_eq!(c.probability(1, 0.0), 0.1);
        assert_eq!(c.probability(1, 0.5), 0.1);
        assert!((c.probability(1, 0.65) - 0.5).abs() < 1e-9);
        assert_eq!(c.probability(1, 1.0), 0.9);
        // No points: the score.
        assert_eq!(c.probability(0, 0.3), 0.3);
    }

    #[test]
    fn compiled_table_covers_every_kind() {
        let c = table();
        let rows = CALIBRATION_TSV
            .lines()
            .filter(|l| !l.starts_with('#'))
            .count();
        assert_eq!(rows, c.points.iter().map(Vec::len).sum::<usize>());
        for pts in &c.points {
            assert!(pts.len() >= 2);
            assert!(pts.windows(2).all(|w| w[0].1 <= w[1].1));
            assert!(pts.iter().all(|p| p.1 > 0.0 && p.1 < 1.0));
        }
    }
}
