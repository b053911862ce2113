//! Blocking evaluated against a truth column: the share of true pairs the candidate
//! generation finds, overall, by the scripts of the two names and by rule.

use std::collections::HashMap;
use std::time::Instant;

use super::Matcher;
use crate::block::Mode;
use crate::eval::BlockingEvaluation;
use crate::ingest::Records;
use crate::prepare::PreparedDataset;
use crate::schema::FieldKind;
use crate::text::{Script, detect_script};
use crate::{Error, Result, Table};

/// Kinds of pairs by the scripts of their names.
const KINDS: [&str; 6] = ["ar-ar", "ar-lat", "lat-lat", "ar-none", "lat-none", "none"];

/// The kind of a pair of records whose names are in scripts `a` and `b` (0 Arabic,
/// 1 other, 2 no name).
fn kind(a: u8, b: u8) -> usize {
    match (a.min(b), a.max(b)) {
        (0, 0) => 0,
        (0, 1) => 1,
        (1, 1) => 2,
        (0, 2) => 3,
        (1, 2) => 4,
        _ => 5,
    }
}

impl Matcher {
    /// Evaluate candidate generation on a table whose `truth_column` holds the true entity
    /// of each row: pairs completeness overall and by script of the names, reduction ratio.
    ///
    /// # Errors
    /// Input errors for missing columns.
    pub fn evaluate_blocking(
        &self,
        table: &Table,
        truth_column: &str,
    ) -> Result<BlockingEvaluation> {
        let t0 = Instant::now();
        let truth_col = table.column(truth_column).ok_or_else(|| {
            Error::input(
                None,
                None,
                Some(truth_column),
                "the truth column is missing",
            )
        })?;
        let records = Records::new(&self.config, &[table])?;
        let data = PreparedDataset::from_records(&self.config, &records);
        let blocking = self.plan.blocking(&data, Mode::Dedupe)?;
        let name_col = self
            .config
            .fields
            .iter()
            .find(|f| f.kind == FieldKind::Name)
            .map(|f| f.column.clone());
        let rows: Vec<usize> = (0..records.len()).map(|i| records.origin(i).1).collect();
        let script: Vec<u8> = rows
            .iter()
            .map(
                |&r| match name_col.as_deref().and_then(|c| table.value(r, c)) {
                    Some(v) if detect_script(v) == Script::Arabic => 0,
                    Some(_) => 1,
                    None => 2,
                },
            )
            .collect();
        let truth: Vec<&str> = rows.iter().map(|&r| truth_col.raw(r).trim()).collect();
        let mut groups: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, t) in truth.iter().enumerate() {
            if !t.is_empty() {
                groups.entry(t).or_default().push(i);
            }
        }
        let mut true_by = [0u64; 6];
        for g in groups.values() {
            for (x, &a) in g.iter().enumerate() {
                for &b in &g[x + 1..] {
                    true_by[kind(script[a], script[b])] += 1;
                }
            }
        }
        let mut found_by = [0u64; 6];
        let mut found_by_rule = vec![0u64; blocking.rules().len()];
        let report = blocking.for_each_batch(1 << 18, |batch| {
            for p in batch {
                let (a, b) = (p.left as usize, p.right as usize);
                if !truth[a].is_empty() && truth[a] == truth[b] {
                    found_by[kind(script[a], script[b])] += 1;
                    found_by_rule[usize::from(p.rule)] += 1;
                }
            }
        });
        Ok(BlockingEvaluation {
            report,
            true_pairs: true_by.iter().sum(),
            found: found_by.iter().sum(),
            by_kind: KINDS
                .iter()
                .zip(true_by.iter().zip(&found_by))
                .filter(|(_, (t, _))| **t > 0)
                .map(|(k, (t, f))| (k.to_string(), *t, *f))
                .collect(),
            found_by_rule,
            seconds: t0.elapsed().as_secs_f64(),
        })
    }
}
