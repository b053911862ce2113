//! One run of the pipeline — ingest → prepare → block → (train) → score → cluster — and
//! what it returns: every record's cluster, the rejects, the kept pairs and a run report.

use std::time::Instant;

use serde::{Deserialize, Serialize};

use super::Matcher;
use super::labels::{AppliedLabel, Resolved, refine_m};
use crate::block::{BlockingReport, CandidatePair, Mode};
use crate::cluster::{
    Clustering, ConstraintReport, Edge, RecordCluster, cluster, cluster_constrained,
};
use crate::core::{Level, Progress, par};
use crate::ingest::{Records, RowReject};
use crate::prepare::PreparedDataset;
use crate::schema::InferredColumn;
use crate::score::{
    Explanation, FellegiSunter, ScoredPair, Scorer, Training, TrainingReport, match_probability,
};
use crate::{Result, Table};

/// Timings and counts of a run.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RunReport {
    /// How each column of the header was read, when the config was inferred from it (see
    /// [`Config::infer`](crate::Config::infer)); empty for a written config.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub inferred: Vec<InferredColumn>,
    /// Input rows.
    pub rows: usize,
    /// Rows matched (not rejected).
    pub records: usize,
    /// Rows rejected.
    pub rejected: usize,
    /// Per field: null reasons with counts.
    pub nulls: Vec<(String, Vec<(String, u64)>)>,
    /// Blocking statistics.
    pub blocking: Option<BlockingReport>,
    /// Training, when the model was learned in this run.
    pub training: Option<TrainingReport>,
    /// Pairs scored.
    pub pairs_scored: u64,
    /// Scored pairs decided without comparing their names (or other costly fields): even
    /// the best agreement there could not have lifted them to the pairs threshold.
    #[serde(default)]
    pub pairs_cut_short: u64,
    /// Pairs at or above the threshold.
    pub pairs_above_threshold: u64,
    /// Clusters (singletons included).
    pub clusters: usize,
    /// Clusters of two or more records.
    pub multi_record_clusters: usize,
    /// Largest cluster size.
    pub largest_cluster: u32,
    /// Clusters split by the chaining guard.
    pub split_clusters: usize,
    /// Warnings for the user (oversized blocks, weak clusters …).
    pub warnings: Vec<String>,
    /// Seconds per stage: prepare, block+train, score, cluster.
    pub seconds: Vec<(String, f64)>,
    /// Scored candidate pairs by match probability: bin `i` counts the pairs with
    /// probability in `[i / n, (i + 1) / n)` (the last bin includes 1), `n` the number of
    /// bins ([`RunReport::HISTOGRAM_BINS`]). Exact from
    /// [`histogram_exact_from`](Self::histogram_exact_from) up; below it, only the pairs
    /// compared in full.
    #[serde(default)]
    pub probability_histogram: Vec<u64>,
    /// The probability from which every bin of the histogram counts every pair: the pairs
    /// threshold, since the pairs certainly below it are not compared in full
    /// ([`pairs_cut_short`](Self::pairs_cut_short)) and are in no bin; `0` with
    /// [`Config::full_histogram`](crate::Config::full_histogram), where every scored pair
    /// is binned.
    #[serde(default)]
    pub histogram_exact_from: f64,
    /// Reviewers' decisions applied in this run, each with its effect (the audit trail).
    #[serde(default)]
    pub labels: Vec<AppliedLabel>,
    /// Scored edges refused because they would have joined the records of a cannot-link.
    #[serde(default)]
    pub refused_links: u64,
}

impl RunReport {
    /// Bins of [`RunReport::probability_histogram`].
    pub const HISTOGRAM_BINS: usize = 50;

    /// The report as one JSON object: the form of `hawiya dedupe --report-json` and of
    /// Python's `Matcher.last_report` (one serialisation for both). Keys are the fields of
    /// this struct; `nulls` and `seconds` are lists of `[name, value]` pairs.
    ///
    /// ```
    /// let report = hawiya::RunReport::default();
    /// let v = report.to_json_value();
    /// assert_eq!(v["records"], 0);
    /// assert!(v["warnings"].as_array().unwrap().is_empty());
    /// assert_eq!(report.to_json(), v.to_string());
    /// ```
    pub fn to_json_value(&self) -> serde_json::Value {
        // Every field serialises (numbers are finite counts and seconds).
        serde_json::to_value(self).unwrap_or(serde_json::Value::Null)
    }

    /// [`RunReport::to_json_value`] as compact JSON text (one line).
    pub fn to_json(&self) -> String {
        self.to_json_value().to_string()
    }
}

/// The result of `dedupe` or `link`.
#[derive(Clone, Debug)]
pub struct MatchResult {
    /// Every usable input row with its cluster, in input order (left then right for link).
    pub records: Vec<RecordCluster>,
    /// Rows that could not be used, in input order.
    pub rejects: Vec<RowReject>,
    /// Scored pairs at or above `pairs_threshold` (see [`Matcher::pairs_threshold`]).
    pub pairs: Vec<ScoredPair>,
    /// The model used (trained in this run unless one was given).
    pub model: FellegiSunter,
    /// Clustering details (indices are positions in `records`; clusters are numbered in
    /// the order of their smallest unique id, whatever the row order).
    pub clustering: Clustering,
    /// Counts and timings.
    pub report: RunReport,
}

/// One input row's outcome, in input order: its cluster, or why it was rejected.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowOutcome<'a> {
    /// The row was matched into a cluster.
    Clustered(&'a RecordCluster),
    /// The row could not be used.
    Rejected(&'a RowReject),
}

impl RowOutcome<'_> {
    /// Source (0 = dedupe / left, 1 = right) and 0-based row.
    pub fn origin(&self) -> (u8, usize) {
        match self {
            RowOutcome::Clustered(r) => (r.source, r.row),
            RowOutcome::Rejected(r) => (r.source, r.row),
        }
    }

    /// The row's unique id (may be empty for a rejected row).
    pub fn unique_id(&self) -> &str {
        match self {
            RowOutcome::Clustered(r) => &r.unique_id,
            RowOutcome::Rejected(r) => &r.unique_id,
        }
    }
}

impl MatchResult {
    /// Every input row once, in input order (left rows before right rows for a link):
    /// clustered or rejected.
    ///
    /// ```
    /// use hawiya::{Matcher, RowOutcome, Table};
    /// # fn main() -> hawiya::Result<()> {
    /// let mut t = Table::new(vec!["unique_id".into(), "full_name".into()])?;
    /// t.push_row(&["1", "صالح الفضالة"])?;
    /// t.push_row(&["", "Omar"])?;
    /// t.push_row(&["3", "Saleh Al-Fadhala"])?;
    /// let result = Matcher::builder().name("full_name").build()?.dedupe(&t)?;
    /// let rows: Vec<(usize, bool)> = result
    ///     .outcomes()
    ///     .map(|o| (o.origin().1, matches!(o, RowOutcome::Rejected(_))))
    ///     .collect();
    /// assert_eq!(rows, [(0, false), (1, true), (2, false)]);
    /// # Ok(()) }
    /// ```
    pub fn outcomes(&self) -> impl Iterator<Item = RowOutcome<'_>> {
        let mut records = self.records.iter().peekable();
        let mut rejects = self.rejects.iter().peekable();
        std::iter::from_fn(move || {
            let take_record = match (records.peek(), rejects.peek()) {
                (Some(c), Some(r)) => (c.source, c.row) < (r.source, r.row),
                (Some(_), None) => true,
                (None, Some(_)) => false,
                (None, None) => return None,
            };
            Some(if take_record {
                RowOutcome::Clustered(records.next()?)
            } else {
                RowOutcome::Rejected(rejects.next()?)
            })
        })
    }

    /// Why pair `i` of [`MatchResult::pairs`] got its score: each field's level and weight,
    /// the term-frequency adjustments and the prior. The parts add up to the pair's
    /// `match_weight`. `None` for an index out of range.
    pub fn explain(&self, i: usize) -> Option<Explanation> {
        let p = self.pairs.get(i)?;
        Some(self.model.explain(&p.levels, &p.term_frequencies))
    }

    /// This run's scored pairs labelled by a truth (unique id → true entity, for the
    /// records of this run), to choose a threshold where labels exist (see
    /// [`crate::eval::label_pairs`]): true pairs that were never scored count as missed.
    /// A result keeps only pairs at or above [`Matcher::pairs_threshold`], so lower
    /// thresholds are out of reach.
    ///
    /// # Errors
    /// As [`crate::eval::label_pairs`]: an id of a pair that is not in `truth`.
    ///
    /// ```
    /// use std::collections::HashMap;
    /// use hawiya_synth::{Generator, GeneratorConfig};
    /// use hawiya::{Config, Matcher};
    /// # fn main() -> hawiya::Result<()> {
    /// let table = Generator::new(GeneratorConfig { records: 1500, ..Default::default() })?.table()?;
    /// let cfg = Config::infer(&["unique_id", "full_name", "dob", "civil_id", "gender"])?;
    /// let result = Matcher::new(cfg)?.dedupe(&table)?;
    /// let truth: HashMap<&str, &str> = (0..table.len())
    ///     .filter_map(|i| Some((table.value(i, "unique_id")?, table.value(i, "cluster")?)))
    ///     .collect();
    /// if let Some(choice) = result.labelled_scores(&truth)?.threshold_for_precision(0.99) {
    ///     assert!(choice.point.precision >= 0.99);
    ///     println!("use threshold {} (recall {:.3})", choice.point.threshold, choice.point.recall);
    /// }
    /// # Ok(()) }
    /// ```
    pub fn labelled_scores<K, T>(
        &self,
        truth: &std::collections::HashMap<K, T>,
    ) -> Result<crate::eval::LabelledScores>
    where
        K: std::borrow::Borrow<str> + std::hash::Hash + Eq,
        T: std::hash::Hash + Eq,
    {
        crate::eval::label_pairs(
            self.pairs.iter().map(|p| {
                (
                    p.unique_id_l.as_str(),
                    p.unique_id_r.as_str(),
                    p.match_probability,
                )
            }),
            truth,
        )
    }
}

/// A kept pair: the candidate, its levels, term frequencies and weight.
type Kept = (CandidatePair, Vec<Level>, Vec<Option<f64>>, f64);

impl Matcher {
    /// Run the pipeline over one table (dedupe) or two (link).
    pub(super) fn run(&self, tables: &[&Table], progress: &dyn Progress) -> Result<MatchResult> {
        let mut report = RunReport {
            inferred: self.config.inferred.clone(),
            ..RunReport::default()
        };
        let t0 = Instant::now();
        let records = Records::new(&self.config, tables)?;
        let labels = (!self.labels.is_empty()).then(|| Resolved::new(&self.labels, &records));
        progress.start("prepare", records.len() as u64);
        let data = PreparedDataset::from_records(&self.config, &records);
        progress.advance(records.len() as u64);
        progress.finish();
        report.rows = records.rows();
        report.records = records.len();
        report.rejected = records.rejects().len();
        report.nulls = self.null_reasons(&data);
        report
            .seconds
            .push(("prepare".into(), t0.elapsed().as_secs_f64()));

        let t1 = Instant::now();
        let mode = if records.is_link() {
            Mode::Link {
                left_len: records.left_len() as u32,
            }
        } else {
            Mode::Dedupe
        };
        let blocking = self.plan.blocking(&data, mode)?;
        let model = match &self.model {
            Some(m) => m.clone(),
            None => {
                let specs = self.level_specs();
                let training = Training {
                    config: &self.config,
                    plan: &self.plan,
                    data: &data,
                    blocking: &blocking,
                    specs: &specs,
                };
                let (mut m, tr) = training.run(progress)?;
                let share = tr.prior_model;
                if share.m.max(share.u) > crate::score::PriorShare::WARN {
                    report.warnings.push(format!(
                        "few pairs to learn a model from: the built-in prior model carries {:.0} % of m and {:.0} % of u (see em.prior_matches)",
                        100.0 * share.m,
                        100.0 * share.u
                    ));
                }
                report.training = Some(tr);
                if let Some(l) = &labels {
                    refine_m(&mut m, &l.patterns(&self.labels, &data).0);
                }
                m
            }
        };
        report
            .seconds
            .push(("block+train".into(), t1.elapsed().as_secs_f64()));

        // Score all candidates in streamed batches; keep pairs above the pairs threshold.
        let t2 = Instant::now();
        let keep = self.pairs_threshold();
        let scorer = Scorer::new(&model, &self.config);
        let width = data.width();
        // The kept pairs and their weights; their levels and term frequencies are computed
        // again below, once the key rules are freed (at 1M records, some 700k pairs would
        // each keep two small vectors through the whole scoring).
        let mut kept: Vec<(CandidatePair, f64)> = Vec::new();
        let bins = RunReport::HISTOGRAM_BINS;
        let mut histogram = vec![0u64; bins];
        // A pair whose weight is certainly below `floor` is not kept, so its costly fields
        // need not be compared. With a full histogram the floor is the top of the first
        // bin (such a pair is binned there, exactly); by default it is the pairs threshold,
        // and such a pair is in no bin.
        let (floor_probability, exact_from) = if self.config.full_histogram {
            (keep.min(1.0 / bins as f64), 0.0)
        } else {
            (keep, keep)
        };
        let floor = match_weight_of(floor_probability);
        let bin_cut = self.config.full_histogram;
        let mut cut_short = 0u64;
        // A pair's weight when it can reach `floor`, with its levels and frequencies in
        // `v` and `tf`: once to keep the pairs, once to fill in the kept pairs' levels.
        let score = |p: &CandidatePair, v: &mut [Level], tf: &mut [Option<f64>]| {
            scorer.score_above(
                &data,
                p.left as usize,
                &data,
                p.right as usize,
                v,
                tf,
                floor,
            )
        };
        progress.start("score", 0);
        let breport = blocking.for_each_batch(1 << 16, |batch| {
            // Per chunk: the kept pairs and the histogram of every pair's probability.
            let parts = par::map_chunks(batch, 2048, |_, chunk| {
                let mut hist = vec![0u64; bins];
                let mut cut = 0u64;
                let mut out = Vec::new();
                let mut v = vec![Level::NULL; width];
                let mut tf = vec![None; width];
                for p in chunk {
                    let Some(w) = score(p, &mut v, &mut tf) else {
                        // Certainly below `floor`: not kept (in the first bin with a
                        // full histogram, whose floor is that bin's top).
                        if bin_cut {
                            hist[0] += 1;
                        }
                        cut += 1;
                        continue;
                    };
                    let prob = match_probability(w);
                    hist[((prob * bins as f64) as usize).min(bins - 1)] += 1;
                    if prob >= keep {
                        out.push((*p, w));
                    }
                }
                (hist, out, cut)
            });
            for (hist, out, cut) in parts {
                histogram.iter_mut().zip(hist).for_each(|(h, x)| *h += x);
                kept.extend(out);
                cut_short += cut;
            }
            progress.advance(batch.len() as u64);
        });
        progress.finish();
        report.pairs_scored = breport.total_pairs;
        report.pairs_cut_short = cut_short;
        report.probability_histogram = histogram;
        report.histogram_exact_from = exact_from;
        report.warnings.extend(breport.warnings());
        report.blocking = Some(breport);
        // Clustering and the result need neither the prepared records nor the rules' key
        // lists: free them before the result's ids and pairs are built.
        drop(blocking);
        let kept: Vec<Kept> = par::map_chunks(&kept, 2048, |_, chunk| {
            let mut v = vec![Level::NULL; width];
            let mut tf = vec![None; width];
            chunk
                .iter()
                .map(|&(p, w)| {
                    // The same call as above: the same weight, levels and frequencies.
                    let again = score(&p, &mut v, &mut tf);
                    debug_assert_eq!(again, Some(w));
                    (p, v.clone(), tf.clone(), w)
                })
                .collect::<Vec<Kept>>()
        })
        .concat();
        let n = data.n;
        drop(scorer);
        drop(data);
        report
            .seconds
            .push(("score".into(), t2.elapsed().as_secs_f64()));

        let t3 = Instant::now();
        progress.start("cluster", 0);
        let (origin, ids, rejects) = records.into_parts();
        let edges: Vec<Edge> = kept
            .iter()
            .map(|(p, _, _, w)| Edge {
                a: p.left,
                b: p.right,
                probability: match_probability(*w),
            })
            .collect();
        let clustering = match &labels {
            Some(l) => {
                let (constraints, _, _) = l.constraints(&self.labels);
                let (c, creport) =
                    cluster_constrained(n, &edges, &self.config.cluster_options(), &constraints)?;
                self.label_report(l, &creport, &mut report);
                c
            }
            None => cluster(n, &edges, &self.config.cluster_options())?,
        };
        let named = clustering.named_ids(&ids);
        progress.finish();
        self.cluster_report(&clustering, &edges, &mut report);
        report
            .seconds
            .push(("cluster".into(), t3.elapsed().as_secs_f64()));

        // Records back in input order; the clustering follows them.
        let mut perm: Vec<usize> = (0..origin.len()).collect();
        perm.sort_unstable_by_key(|&i| origin[i]);
        let out_records = perm
            .iter()
            .map(|&i| RecordCluster {
                source: origin[i].0,
                row: origin[i].1,
                unique_id: ids[i].clone(),
                cluster_id: named[i].clone(),
            })
            .collect();
        let mut clustering = clustering;
        clustering.cluster_of = perm.iter().map(|&i| clustering.cluster_of[i]).collect();
        let pairs = kept
            .into_iter()
            .map(|(p, levels, term_frequencies, w)| ScoredPair {
                left: origin[p.left as usize],
                right: origin[p.right as usize],
                unique_id_l: ids[p.left as usize].clone(),
                unique_id_r: ids[p.right as usize].clone(),
                levels,
                term_frequencies,
                match_weight: w,
                match_probability: match_probability(w),
            })
            .collect();
        Ok(MatchResult {
            records: out_records,
            rejects,
            pairs,
            model,
            clustering,
            report,
        })
    }

    /// Null reasons with counts, per field.
    pub(super) fn null_reasons(&self, data: &PreparedDataset) -> Vec<(String, Vec<(String, u64)>)> {
        self.config
            .fields
            .iter()
            .zip(&data.columns)
            .map(|(f, d)| {
                (
                    f.column.clone(),
                    d.null_reasons()
                        .into_iter()
                        .map(|(r, c)| (r.to_string(), c))
                        .collect(),
                )
            })
            .collect()
    }

    /// The audit trail of the labels and the links they refused.
    fn label_report(&self, labels: &Resolved, creport: &ConstraintReport, report: &mut RunReport) {
        report.labels = labels.audit(&self.labels, creport, report.training.is_some());
        report.refused_links = creport.refused_links;
    }

    /// Cluster counts and the weak-cluster warning.
    pub(super) fn cluster_report(
        &self,
        clustering: &Clustering,
        edges: &[Edge],
        report: &mut RunReport,
    ) {
        report.pairs_above_threshold = edges
            .iter()
            .filter(|e| e.probability >= self.config.threshold)
            .count() as u64;
        report.clusters = clustering.cluster_count as usize;
        report.multi_record_clusters = clustering.stats.len();
        report.largest_cluster = clustering.stats.iter().map(|s| s.size).max().unwrap_or(1);
        report.split_clusters = clustering.split_components;
        let weak = clustering
            .weak_clusters(self.config.threshold.max(0.95), 0.3)
            .len();
        if weak > 0 {
            report.warnings.push(format!(
                "{weak} cluster(s) of 3+ records are held together by weak or few links; review them or set min_density"
            ));
        }
    }
}

/// The match weight (log2 odds) of probability `p`; minus infinity for 0.
fn match_weight_of(p: f64) -> f64 {
    (p / (1.0 - p)).log2()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::{Config, FieldConfig, FieldKind};

    fn table(rows: &[[&str; 3]]) -> Table {
        let mut t =
            Table::new(["unique_id", "full_name", "dob"].map(String::from).to_vec()).unwrap();
        for r in rows {
            t.push_row(r).unwrap();
        }
        t
    }

    #[test]
    fn outcomes_interleave_records_and_rejects_in_input_order() {
        let left = table(&[
            ["a", "صالح الفضالة", "1985-07-01"],
            ["", "Omar", ""],
            ["b", "Mona Haddad", ""],
        ]);
        let mut right = table(&[["c", "Saleh Al-Fadhala", "01/07/1985"]]);
        right
            .push_unreadable("d", "row has 4 fields, the header has 3")
            .unwrap();
        let config = Config::new(vec![
            FieldConfig::new("full_name", FieldKind::Name),
            FieldConfig::new("dob", FieldKind::Date),
        ]);
        let result = Matcher::new(config).unwrap().link(&left, &right).unwrap();
        let order: Vec<((u8, usize), String)> = result
            .outcomes()
            .map(|o| (o.origin(), o.unique_id().to_string()))
            .collect();
        assert_eq!(
            order,
            [(0, 0), (0, 1), (0, 2), (1, 0), (1, 1)]
                .into_iter()
                .zip(["a", "", "b", "c", "d"].map(String::from))
                .collect::<Vec<_>>()
        );
        assert_eq!(result.report.rows, 5);
        assert_eq!(result.report.rejected, 2);
    }
}
