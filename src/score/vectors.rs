//! Comparison vectors of candidate pairs: one level per field, compared in parallel chunks
//! and either kept row by row or counted by pattern.

use super::PatternCounts;
use crate::block::CandidatePair;
use crate::core::{Level, par};
use crate::prepare::PreparedDataset;

/// Pairs per parallel task.
const CHUNK: usize = 8192;

/// Comparison vectors of pairs, one row of `width` levels per pair, in pair order.
pub(crate) fn vector_rows(data: &PreparedDataset, pairs: &[CandidatePair]) -> Vec<Level> {
    let width = data.width();
    par::map_chunks(pairs, CHUNK, |_, ps| {
        let mut out = Vec::with_capacity(ps.len() * width);
        let mut v = vec![Level::NULL; width];
        for p in ps {
            data.compare_into(p.left as usize, data, p.right as usize, &mut v);
            out.extend_from_slice(&v);
        }
        out
    })
    .concat()
}

/// Counts of the rows of [`vector_rows`], of every row or of the rows with `keep[i]`.
pub(crate) fn count_rows(rows: &[Level], width: usize, keep: Option<&[bool]>) -> PatternCounts {
    let mut all = PatternCounts::new(width);
    if width == 0 {
        return all;
    }
    let parts = par::map_chunks(rows, CHUNK * width, |c, part| {
        let mut pc = PatternCounts::new(width);
        for (i, v) in part.chunks_exact(width).enumerate() {
            if keep.is_none_or(|k| k[c * CHUNK + i]) {
                pc.add(v);
            }
        }
        pc
    });
    for p in parts {
        all.merge(p);
    }
    all
}

/// Comparison vectors of pairs, counted.
pub(crate) fn count_vectors(data: &PreparedDataset, pairs: &[CandidatePair]) -> PatternCounts {
    let width = data.width();
    let parts = par::map_chunks(pairs, CHUNK, |_, ps| {
        let mut pc = PatternCounts::new(width);
        let mut v = vec![Level::NULL; width];
        for p in ps {
            data.compare_into(p.left as usize, data, p.right as usize, &mut v);
            pc.add(&v);
        }
        pc
    });
    let mut all = PatternCounts::new(width);
    for p in parts {
        all.merge(p);
    }
    all
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::{Config, FieldConfig, FieldKind};

    #[test]
    fn rows_and_counts_agree() {
        let config = Config::new(vec![FieldConfig::new("dob", FieldKind::Date)]);
        let dates = vec![
            Some("1985-07-14"),
            Some("1985-07-14"),
            Some("1990-03-02"),
            None,
        ];
        let data = PreparedDataset::build(&config, &[dates]);
        let pair = |l, r| CandidatePair {
            left: l,
            right: r,
            rule: 0,
        };
        let pairs = [pair(0, 1), pair(0, 2), pair(1, 2), pair(2, 3)];
        let rows = vector_rows(&data, &pairs);
        assert_eq!(rows.len(), 4);
        assert_eq!(rows[0], Level(0));
        assert_eq!(rows[3], Level::NULL);
        let counted = count_vectors(&data, &pairs);
        assert_eq!(counted.total(), 4.0);
        assert_eq!(count_rows(&rows, 1, None).sorted(), counted.sorted());
        let some = count_rows(&rows, 1, Some(&[true, false, false, true]));
        assert_eq!(some.total(), 2.0);
    }
}
