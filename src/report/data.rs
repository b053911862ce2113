//! What the report shows, computed once from a run: the model, blocking, scores, the
//! records and links of the cluster viewer, the review list and the audit trail. Serialised
//! as compact JSON into the page; the charts are drawn from the same values.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use super::review::View;
use super::{ReportOptions, ReviewOptions};
use crate::engine::{AppliedLabel, MatchResult, Matcher};
use crate::eval::{BlockingEvaluation, LabelledScores, ThresholdPoint};
use crate::name::NameComparator;
use crate::schema::{ALTERNATIVE_SEPARATOR, FieldKind};
use crate::{Result, RunReport, Table};

/// Round to 4 decimals (short JSON).
pub(crate) fn r4(x: f64) -> f64 {
    if x.is_finite() {
        (x * 1e4).round() / 1e4
    } else {
        0.0
    }
}

/// Round to 6 decimals.
fn r6(x: f64) -> f64 {
    if x.is_finite() {
        (x * 1e6).round() / 1e6
    } else {
        0.0
    }
}

#[derive(Serialize)]
pub(crate) struct Summary {
    pub(crate) rows: usize,
    pub(crate) records: usize,
    pub(crate) rejected: usize,
    pub(crate) pairs_scored: u64,
    pub(crate) pairs_kept: usize,
    pub(crate) pairs_above_threshold: u64,
    pub(crate) clusters: usize,
    pub(crate) multi_record_clusters: usize,
    pub(crate) largest_cluster: u32,
    pub(crate) weak_clusters: usize,
    pub(crate) threshold: f64,
    pub(crate) link: bool,
    pub(crate) warnings: Vec<String>,
    pub(crate) seconds: Vec<(String, f64)>,
    pub(crate) training: Option<String>,
}

#[derive(Serialize)]
pub(crate) struct LevelInfo {
    pub(crate) name: String,
    pub(crate) m: f64,
    pub(crate) u: f64,
    /// log2(m / u), full precision (the waterfall adds these).
    pub(crate) weight: f64,
    pub(crate) tf_weight: f64,
}

#[derive(Serialize)]
pub(crate) struct FieldInfo {
    pub(crate) name: String,
    /// The input columns the field reads.
    pub(crate) columns: Vec<String>,
    pub(crate) kind: String,
    pub(crate) tf: bool,
    pub(crate) levels: Vec<LevelInfo>,
}

#[derive(Serialize)]
pub(crate) struct ModelInfo {
    pub(crate) prior: f64,
    pub(crate) prior_weight: f64,
    pub(crate) fields: Vec<FieldInfo>,
}

#[derive(Serialize)]
pub(crate) struct RuleInfo {
    pub(crate) name: String,
    pub(crate) pairs: u64,
    pub(crate) blocks: usize,
    pub(crate) oversized: usize,
    pub(crate) largest: Vec<u32>,
    /// True pairs this rule found first (with a truth).
    pub(crate) found: Option<u64>,
}

#[derive(Serialize)]
pub(crate) struct BlockingInfo {
    pub(crate) rules: Vec<RuleInfo>,
    pub(crate) total: u64,
    pub(crate) possible: f64,
    pub(crate) reduction_ratio: f64,
    /// True pairs and how many the candidates hold (with a truth).
    pub(crate) true_pairs: Option<u64>,
    pub(crate) found: Option<u64>,
}

#[derive(Serialize)]
pub(crate) struct PrPoint {
    pub(crate) t: f64,
    pub(crate) p: f64,
    pub(crate) r: f64,
}

#[derive(Serialize)]
pub(crate) struct ScoresInfo {
    /// Pairs per probability bin.
    pub(crate) histogram: Vec<u64>,
    /// Whether the histogram holds every scored candidate (else only the kept pairs).
    pub(crate) all_candidates: bool,
    /// The probability from which the bins are exact (below it, only the pairs compared
    /// in full), and the pairs certainly below it that are in no bin.
    pub(crate) exact_from: f64,
    pub(crate) cut_short: u64,
    pub(crate) threshold: f64,
    /// Precision–recall by threshold (with a truth), at most 200 points.
    pub(crate) pr: Vec<PrPoint>,
    pub(crate) target_precision: f64,
    /// The threshold reaching the target precision with the most recall.
    pub(crate) choice: Option<PrPoint>,
    /// Precision and recall of the kept pairs at the clustering threshold.
    pub(crate) at_threshold: Option<PrPoint>,
}

#[derive(Serialize)]
pub(crate) struct TfInfo {
    pub(crate) field: String,
    /// Kept pairs by term-frequency adjustment, one bin per half bit from `lo`.
    pub(crate) histogram: Vec<u64>,
    pub(crate) lo: f64,
    /// The agreeing values with the largest and the smallest adjustments: (value, bits).
    pub(crate) common: Vec<(String, f64)>,
    pub(crate) rare: Vec<(String, f64)>,
}

#[derive(Serialize)]
pub(crate) struct ClusterInfo {
    pub(crate) id: String,
    /// Record numbers (indices into `records`).
    pub(crate) members: Vec<u32>,
    pub(crate) edges: u64,
    pub(crate) density: f64,
    pub(crate) min_link: f64,
    pub(crate) weak: bool,
}

/// A token alignment of two names: aligned (left, right, score), then the unaligned tokens
/// of each side.
#[derive(Serialize)]
pub(crate) struct Alignment(
    pub(crate) Vec<(String, String, f64)>,
    pub(crate) Vec<String>,
    pub(crate) Vec<String>,
    pub(crate) f64,
);

/// One embedded pair: record numbers, probability, levels (one character per field:
/// `0`–`9`, `a`–`z` for the level, `-` for null), the term-frequency adjustment per field
/// (bits), and the alignment of the first name field.
#[derive(Serialize)]
pub(crate) struct PairRow(
    pub(crate) u32,
    pub(crate) u32,
    pub(crate) f64,
    pub(crate) String,
    pub(crate) Vec<f64>,
    pub(crate) Option<Alignment>,
);

#[derive(Serialize)]
pub(crate) struct ReviewRow {
    /// Index into `pairs`.
    pub(crate) pair: u32,
    pub(crate) linked: bool,
    pub(crate) changed: u64,
    pub(crate) expected: f64,
    pub(crate) why: String,
}

#[derive(Serialize)]
pub(crate) struct ReportData {
    pub(crate) title: String,
    pub(crate) version: &'static str,
    pub(crate) summary: Summary,
    pub(crate) id_column: String,
    /// Columns shown for every record, after the unique id.
    pub(crate) columns: Vec<String>,
    pub(crate) model: ModelInfo,
    pub(crate) blocking: Option<BlockingInfo>,
    pub(crate) scores: ScoresInfo,
    pub(crate) tf: Vec<TfInfo>,
    /// Records of the viewer: unique id, then the values of `columns` ("" when missing).
    pub(crate) records: Vec<Vec<String>>,
    /// Input of each record (link only): 0 left, 1 right.
    pub(crate) sources: Vec<u8>,
    /// Cluster of each record (index into `clusters`).
    pub(crate) record_cluster: Vec<u32>,
    pub(crate) clusters: Vec<ClusterInfo>,
    /// Clusters of 2+ records in the run, and how many the viewer holds.
    pub(crate) clusters_total: usize,
    pub(crate) pairs: Vec<PairRow>,
    pub(crate) review: Vec<ReviewRow>,
    pub(crate) review_total: usize,
    pub(crate) labels: Vec<AppliedLabel>,
    pub(crate) refused_links: u64,
}

/// What the truth says, when a truth column is given.
pub(crate) struct Truth {
    pub(crate) scores: Option<LabelledScores>,
    pub(crate) blocking: Option<BlockingEvaluation>,
}

/// Everything the report is built from.
pub(crate) struct Inputs<'a> {
    pub(crate) matcher: &'a Matcher,
    pub(crate) result: &'a MatchResult,
    pub(crate) tables: &'a [&'a Table],
    pub(crate) options: &'a ReportOptions,
    pub(crate) truth: Truth,
}

impl Inputs<'_> {
    pub(crate) fn build(&self) -> Result<ReportData> {
        let config = self.matcher.config();
        let result = self.result;
        let view = View::new(result);
        let review = self.matcher.review(
            result,
            &ReviewOptions {
                top: self.options.review.top,
                ..self.options.review.clone()
            },
        );
        let weak_link = self
            .options
            .review
            .weak_link
            .unwrap_or(config.threshold.max(0.95));
        let weak: Vec<u32> = {
            let mut w: Vec<_> = result
                .clustering
                .weak_clusters(weak_link, self.options.review.weak_density)
                .into_iter()
                .map(|s| (s.min_link, s.cluster))
                .collect();
            w.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            w.into_iter().map(|(_, c)| c).collect()
        };
        let weak_set: HashSet<u32> = weak.iter().copied().collect();

        // Clusters of the viewer: weak first, then those of the review pairs, then the
        // largest, then the rest; until the record budget is spent.
        let mut members: Vec<Vec<u32>> = vec![Vec::new(); result.clustering.cluster_count as usize];
        for (i, &c) in result.clustering.cluster_of.iter().enumerate() {
            members[c as usize].push(i as u32);
        }
        let mut order: Vec<u32> = weak.clone();
        for r in &review {
            if let Some((a, b)) = view.ends(r.pair) {
                order.extend([view.cluster(a), view.cluster(b)]);
            }
        }
        let mut by_size: Vec<&crate::ClusterStats> = result.clustering.stats.iter().collect();
        by_size.sort_by(|a, b| b.size.cmp(&a.size).then(a.cluster.cmp(&b.cluster)));
        order.extend(by_size.iter().map(|s| s.cluster));
        // Then single records while the budget lasts: a search finds them alone.
        order.extend(0..result.clustering.cluster_count);
        let mut chosen: Vec<u32> = Vec::new();
        let mut seen = HashSet::new();
        let mut budget = self.options.max_records;
        for c in order {
            let size = members[c as usize].len();
            if !seen.insert(c) || size > budget {
                continue;
            }
            budget -= size;
            chosen.push(c);
        }
        let stats_of: HashMap<u32, &crate::ClusterStats> = result
            .clustering
            .stats
            .iter()
            .map(|s| (s.cluster, s))
            .collect();

        // Records, numbered in the viewer's order.
        let columns = self.columns();
        let mut number: HashMap<u32, u32> = HashMap::new();
        let mut records = Vec::new();
        let mut sources = Vec::new();
        let mut record_cluster = Vec::new();
        let mut clusters = Vec::new();
        let link = self.tables.len() == 2;
        for &c in &chosen {
            let mut ms = Vec::new();
            for &pos in &members[c as usize] {
                let rc = &result.records[pos as usize];
                let table = self.tables.get(usize::from(rc.source)).copied();
                let mut row = vec![rc.unique_id.clone()];
                for col in &columns {
                    row.push(
                        table
                            .and_then(|t| t.value(rc.row, col))
                            .unwrap_or("")
                            .to_string(),
                    );
                }
                number.insert(pos, records.len() as u32);
                ms.push(records.len() as u32);
                records.push(row);
                if link {
                    sources.push(rc.source);
                }
                record_cluster.push(clusters.len() as u32);
            }
            let st = stats_of.get(&c);
            clusters.push(ClusterInfo {
                id: result.records[members[c as usize][0] as usize]
                    .cluster_id
                    .clone(),
                members: ms,
                edges: st.map_or(0, |s| s.edges),
                density: r4(st.map_or(1.0, |s| s.density)),
                min_link: r4(st.map_or(1.0, |s| s.min_link)),
                weak: weak_set.contains(&c),
            });
        }

        // Pairs between records of the viewer.
        let comparator = NameComparator::default();
        let name_field = config.fields.iter().position(|f| f.kind == FieldKind::Name);
        let mut pair_number: HashMap<usize, u32> = HashMap::new();
        let mut pairs = Vec::new();
        for (i, p) in result.pairs.iter().enumerate() {
            let Some((a, b)) = view.ends(i) else {
                continue;
            };
            let (Some(&na), Some(&nb)) = (number.get(&a), number.get(&b)) else {
                continue;
            };
            let e = result.model.explain(&p.levels, &p.term_frequencies);
            let levels: String = p
                .levels
                .iter()
                .map(|l| {
                    l.index()
                        .and_then(|x| char::from_digit(x as u32, 36))
                        .unwrap_or('-')
                })
                .collect();
            let tf: Vec<f64> = e
                .contributions
                .iter()
                .map(|c| r6(c.tf_adjustment))
                .collect();
            let alignment = name_field.and_then(|f| {
                let value = |pos: u32| {
                    let rc = &result.records[pos as usize];
                    let t = self.tables.get(usize::from(rc.source))?;
                    config.fields[f]
                        .value(|c| t.value(rc.row, c))
                        .map(|v| v.into_owned())
                };
                let (va, vb) = (value(a)?, value(b)?);
                align(&comparator, &va, &vb)
            });
            pair_number.insert(i, pairs.len() as u32);
            pairs.push(PairRow(
                na,
                nb,
                r4(p.match_probability),
                levels,
                tf,
                alignment,
            ));
        }
        let review_rows: Vec<ReviewRow> = review
            .iter()
            .filter_map(|r| {
                Some(ReviewRow {
                    pair: *pair_number.get(&r.pair)?,
                    linked: r.linked,
                    changed: r.changed_pairs,
                    expected: r4(r.expected_change),
                    why: r.why.clone(),
                })
            })
            .collect();

        Ok(ReportData {
            title: self.options.title.clone(),
            version: env!("CARGO_PKG_VERSION"),
            summary: self.summary(weak.len()),
            id_column: config.id_column.clone(),
            columns,
            model: self.model(),
            blocking: self.blocking(),
            scores: self.scores(),
            tf: self.tf(),
            records,
            sources,
            record_cluster,
            clusters,
            clusters_total: result.clustering.stats.len(),
            pairs,
            review_total: review.len(),
            review: review_rows,
            labels: result.report.labels.clone(),
            refused_links: result.report.refused_links,
        })
    }

    /// Every column the config compares, each once, in config order.
    fn columns(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for f in &self.matcher.config().fields {
            for c in f.columns() {
                if !out.iter().any(|x| x == c) {
                    out.push(c.to_string());
                }
            }
        }
        out
    }

    fn summary(&self, weak: usize) -> Summary {
        let r: &RunReport = &self.result.report;
        Summary {
            rows: r.rows,
            records: r.records,
            rejected: r.rejected,
            pairs_scored: r.pairs_scored,
            pairs_kept: self.result.pairs.len(),
            pairs_above_threshold: r.pairs_above_threshold,
            clusters: r.clusters,
            multi_record_clusters: r.multi_record_clusters,
            largest_cluster: r.largest_cluster,
            weak_clusters: weak,
            threshold: self.matcher.config().threshold,
            link: self.tables.len() == 2,
            warnings: r.warnings.clone(),
            seconds: r.seconds.iter().map(|(k, s)| (k.clone(), r4(*s))).collect(),
            training: r.training.as_ref().map(|t| {
                format!(
                    "u from {} random pairs; m by EM on {} sampled candidate pairs ({} passes); prior: {}",
                    t.u_pairs,
                    t.em_pairs,
                    t.passes.len(),
                    t.prior_method
                )
            }),
        }
    }

    fn model(&self) -> ModelInfo {
        let m = &self.result.model;
        let config = self.matcher.config();
        ModelInfo {
            prior: m.prior,
            prior_weight: m.prior_weight(),
            fields: m
                .comparisons
                .iter()
                .enumerate()
                .map(|(i, c)| FieldInfo {
                    name: c.name.clone(),
                    columns: config
                        .fields
                        .get(i)
                        .map_or_else(Vec::new, |f| f.columns().map(str::to_string).collect()),
                    kind: config
                        .fields
                        .get(i)
                        .map_or_else(String::new, |f| format!("{:?}", f.kind).to_lowercase()),
                    tf: config.fields.get(i).is_some_and(|f| f.tf_enabled()),
                    levels: c
                        .levels
                        .iter()
                        .map(|l| LevelInfo {
                            name: l.name.clone(),
                            m: l.m,
                            u: l.u,
                            weight: l.weight(),
                            tf_weight: l.tf_weight,
                        })
                        .collect(),
                })
                .collect(),
        }
    }

    fn blocking(&self) -> Option<BlockingInfo> {
        let b = self.result.report.blocking.as_ref()?;
        let eval = self.truth.blocking.as_ref();
        Some(BlockingInfo {
            rules: b
                .rules
                .iter()
                .enumerate()
                .map(|(i, r)| RuleInfo {
                    name: r.name.clone(),
                    pairs: r.pairs,
                    blocks: r.blocks,
                    oversized: r.oversized_blocks,
                    largest: r.largest_blocks.clone(),
                    found: eval.and_then(|e| e.found_by_rule.get(i).copied()),
                })
                .collect(),
            total: b.total_pairs,
            possible: b.possible_pairs,
            reduction_ratio: b.reduction_ratio(),
            true_pairs: eval.map(|e| e.true_pairs),
            found: eval.map(|e| e.found),
        })
    }

    fn scores(&self) -> ScoresInfo {
        let r = &self.result.report;
        let threshold = self.matcher.config().threshold;
        let all = !r.probability_histogram.is_empty();
        let histogram = if all {
            r.probability_histogram.clone()
        } else {
            let bins = RunReport::HISTOGRAM_BINS;
            let mut h = vec![0u64; bins];
            for p in &self.result.pairs {
                h[((p.match_probability * bins as f64) as usize).min(bins - 1)] += 1;
            }
            h
        };
        let point = |p: &ThresholdPoint| PrPoint {
            t: r4(p.threshold),
            p: r4(p.precision),
            r: r4(p.recall),
        };
        let target = self.options.target_precision;
        let (pr, choice, at) = match &self.truth.scores {
            Some(s) => {
                let curve = s.pr_curve();
                let step = curve.len().div_ceil(200).max(1);
                let mut pr: Vec<PrPoint> = curve.iter().step_by(step).map(point).collect();
                if let Some(last) = curve.last() {
                    if curve.len() % step != 1 || step == 1 {
                        pr.push(point(last));
                    }
                }
                pr.dedup_by(|a, b| a.t == b.t);
                let choice = s.threshold_for_precision(target).map(|c| point(&c.point));
                (pr, choice, Some(point(&s.at_threshold(threshold))))
            }
            None => (Vec::new(), None, None),
        };
        ScoresInfo {
            histogram,
            all_candidates: all,
            exact_from: if all { r.histogram_exact_from } else { 0.0 },
            cut_short: if all { r.pairs_cut_short } else { 0 },
            threshold,
            pr,
            target_precision: target,
            choice,
            at_threshold: at,
        }
    }

    fn tf(&self) -> Vec<TfInfo> {
        let config = self.matcher.config();
        let model = &self.result.model;
        let mut out = Vec::new();
        for (i, f) in config.fields.iter().enumerate() {
            if !f.tf_enabled() {
                continue;
            }
            let lo = -10.0;
            let mut histogram = vec![0u64; 40];
            let mut by_value: HashMap<String, f64> = HashMap::new();
            for p in &self.result.pairs {
                let e = model.explain(&p.levels, &p.term_frequencies);
                let Some(c) = e.contributions.get(i) else {
                    continue;
                };
                if c.tf_adjustment == 0.0 {
                    continue;
                }
                let bin = (((c.tf_adjustment - lo) * 2.0).floor().max(0.0) as usize).min(39);
                histogram[bin] += 1;
                if c.level == Some(0) {
                    if let Some(t) = self.tables.get(usize::from(p.left.0)) {
                        if let Some(v) = f.value(|col| t.value(p.left.1, col)) {
                            let v = v.split(ALTERNATIVE_SEPARATOR).next().unwrap_or("").trim();
                            by_value.entry(v.to_string()).or_insert(r4(c.tf_adjustment));
                        }
                    }
                }
            }
            let mut values: Vec<(String, f64)> = by_value.into_iter().collect();
            values.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
            let common: Vec<(String, f64)> = values.iter().take(10).cloned().collect();
            let rare: Vec<(String, f64)> = values.iter().rev().take(10).cloned().collect();
            out.push(TfInfo {
                field: f.column.clone(),
                histogram,
                lo,
                common,
                rare,
            });
        }
        out
    }
}

/// The token alignment of two name values (a field with `also` spellings: the best pair
/// of spellings), `None` when a name has no token.
fn align(comparator: &NameComparator, a: &str, b: &str) -> Option<Alignment> {
    let mut best: Option<crate::name::NameExplanation> = None;
    for sa in a.split(ALTERNATIVE_SEPARATOR) {
        for sb in b.split(ALTERNATIVE_SEPARATOR) {
            let (pa, pb) = (comparator.prepare(sa), comparator.prepare(sb));
            if pa.token_count() == 0 || pb.token_count() == 0 {
                continue;
            }
            let e = comparator.explain(&pa, &pb);
            if best.as_ref().is_none_or(|x| e.score > x.score) {
                best = Some(e);
            }
        }
    }
    let e = best?;
    Some(Alignment(
        e.pairs
            .iter()
            .map(|p| {
                (
                    p.left.clone(),
                    p.right.clone(),
                    (p.score * 100.0).round() / 100.0,
                )
            })
            .collect(),
        e.left_unaligned.iter().map(|t| t.text.clone()).collect(),
        e.right_unaligned.iter().map(|t| t.text.clone()).collect(),
        (e.score * 1000.0).round() / 1000.0,
    ))
}
