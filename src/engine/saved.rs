//! A run seen again from its saved outputs (clusters, scored pairs, model), for a report
//! made after the fact: the records and their clusters as written, the pairs scored again
//! under the saved model (their explanations need the comparison vectors), the blocking
//! counted again.

use std::collections::HashMap;

use super::{MatchResult, Matcher, RunReport};
use crate::block::Mode;
use crate::cluster::{Edge, RecordCluster, from_groups};
use crate::core::Level;
use crate::ingest::Records;
use crate::prepare::PreparedDataset;
use crate::score::{ScoredPair, Scorer, match_probability};
use crate::{Error, Result, Table};

impl Matcher {
    /// The result of an earlier dedupe of `table` from what it wrote: `clusters` (unique
    /// id, cluster id) for every usable row and `pairs` (the unique ids of each scored
    /// pair). The pairs are scored again with the matcher's model, which must be set (the
    /// saved model of that run); the blocking is counted again.
    ///
    /// # Errors
    /// A config error without a model; an input error naming the row (1-based, in the
    /// order given) of a pair or cluster whose unique id is not a usable record of
    /// `table`, and of a record without a cluster.
    ///
    /// ```
    /// use hawiya::{Matcher, Table};
    /// # fn main() -> hawiya::Result<()> {
    /// let mut t = Table::new(vec!["unique_id".into(), "full_name".into()])?;
    /// t.push_row(&["1", "صالح الفضالة"])?;
    /// t.push_row(&["2", "Saleh Al-Fadhala"])?;
    /// let m = Matcher::builder().name("full_name").build()?;
    /// let run = m.dedupe(&t)?;
    /// let m = m.with_model(run.model.clone())?;
    /// let clusters: Vec<(String, String)> =
    ///     run.records.iter().map(|r| (r.unique_id.clone(), r.cluster_id.clone())).collect();
    /// let pairs: Vec<(String, String)> =
    ///     run.pairs.iter().map(|p| (p.unique_id_l.clone(), p.unique_id_r.clone())).collect();
    /// let again = m.result_from_outputs(&t, &clusters, &pairs)?;
    /// assert_eq!(again.records, run.records);
    /// assert_eq!(again.pairs, run.pairs);
    /// # Ok(()) }
    /// ```
    pub fn result_from_outputs(
        &self,
        table: &Table,
        clusters: &[(String, String)],
        pairs: &[(String, String)],
    ) -> Result<MatchResult> {
        let model = self
            .model()
            .cloned()
            .ok_or_else(|| Error::config("model", "no model: load the run's saved model"))?;
        let records = Records::new(self.config(), &[table])?;
        let data = PreparedDataset::from_records(self.config(), &records);
        let mut report = RunReport {
            rows: records.rows(),
            records: records.len(),
            rejected: records.rejects().len(),
            nulls: self.null_reasons(&data),
            ..RunReport::default()
        };
        let blocking = self.plan().blocking(&data, Mode::Dedupe)?;
        let breport = blocking.for_each_batch(1 << 18, |_| {});
        report.pairs_scored = breport.total_pairs;
        report.warnings.extend(breport.warnings());
        report.blocking = Some(breport);

        let index: HashMap<&str, usize> = records
            .ids()
            .iter()
            .enumerate()
            .map(|(i, id)| (id.as_str(), i))
            .collect();
        let find = |id: &str, row: usize, what: &str| {
            index.get(id.trim()).copied().ok_or_else(|| {
                Error::input(
                    Some(what),
                    Some(row as u64 + 1),
                    Some("unique_id"),
                    "the unique id is not a usable record of the input",
                )
            })
        };
        // Clusters: a group per cluster id.
        let mut group_of_id: HashMap<&str, u32> = HashMap::new();
        let mut group = vec![u32::MAX; records.len()];
        let mut name = vec![String::new(); records.len()];
        for (row, (id, cluster)) in clusters.iter().enumerate() {
            let i = find(id, row, "clusters")?;
            let next = group_of_id.len() as u32;
            group[i] = *group_of_id.entry(cluster.as_str()).or_insert(next);
            name[i] = cluster.clone();
        }
        if let Some(i) = group.iter().position(|&g| g == u32::MAX) {
            return Err(Error::input(
                Some("clusters"),
                None,
                Some("unique_id"),
                format!(
                    "input row {} is a usable record but has no cluster",
                    records.origin(i).1 + 1
                ),
            ));
        }
        // Pairs, scored again.
        let scorer = Scorer::new(&model, self.config());
        let width = data.width();
        let mut scored = Vec::with_capacity(pairs.len());
        let mut edges = Vec::with_capacity(pairs.len());
        for (row, (l, r)) in pairs.iter().enumerate() {
            let (a, b) = (find(l, row, "pairs")?, find(r, row, "pairs")?);
            let mut levels = vec![Level::NULL; width];
            let mut tf = vec![None; width];
            let w = scorer.score(&data, a, &data, b, &mut levels, &mut tf);
            let p = match_probability(w);
            edges.push(Edge {
                a: a as u32,
                b: b as u32,
                probability: p,
            });
            scored.push(ScoredPair {
                left: records.origin(a),
                right: records.origin(b),
                unique_id_l: records.ids()[a].clone(),
                unique_id_r: records.ids()[b].clone(),
                levels,
                term_frequencies: tf,
                match_weight: w,
                match_probability: p,
            });
        }
        let mut clustering = from_groups(&group, &edges, self.config().threshold);
        self.cluster_report(&clustering, &edges, &mut report);

        // Records in input order, as a run returns them.
        let mut perm: Vec<usize> = (0..records.len()).collect();
        perm.sort_unstable_by_key(|&i| records.origin(i));
        let out = perm
            .iter()
            .map(|&i| RecordCluster {
                source: records.origin(i).0,
                row: records.origin(i).1,
                unique_id: records.ids()[i].clone(),
                cluster_id: name[i].clone(),
            })
            .collect();
        clustering.cluster_of = perm.iter().map(|&i| clustering.cluster_of[i]).collect();
        let (_, _, rejects) = records.into_parts();
        Ok(MatchResult {
            records: out,
            rejects,
            pairs: scored,
            model,
            clustering,
            report,
        })
    }
}
