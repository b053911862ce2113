//! The analyst's loop: an HTML report of a run, and clerical review.
//!
//! [`Matcher::report`] turns a run ([`MatchResult`]) and its input tables into a [`Report`]:
//! one self-contained, offline HTML file (no network, no external file) with
//! - the model: match weight, m and u of every field and level, the prior, the
//!   term-frequency adjustments;
//! - blocking: candidate pairs per rule, the largest blocks, and the true pairs each rule
//!   found when a truth column is given;
//! - scores: the histogram of match probabilities with the threshold, and with a truth the
//!   precision–recall curve and the threshold reaching a target precision;
//! - a waterfall of the weights of any pair of the viewer, with the two names and their
//!   token alignment;
//! - a cluster viewer (search a record, see its cluster's records side by side and the
//!   links holding them together; weak clusters first);
//! - the review list ([`Matcher::review`]): decisions can be marked in the page and
//!   downloaded as a labels CSV; and the audit trail of the labels applied in the run.
//!
//! The static charts are SVG written here (no charting dependency: a few hundred lines,
//! no script needed to see them, and small files); the waterfall and the cluster viewer
//! are drawn by a small script in the page from compact JSON, on demand.
//!
//! Owns: the report's data, charts and page; the review ranking.
//! Must not know: how a run works (it reads the [`MatchResult`]).

mod charts;
mod data;
mod html;
mod review;
mod svg;

pub use review::{ReviewOptions, ReviewPair, ReviewSheet};

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::engine::{MatchResult, Matcher};
use crate::{Error, Result, Table};

/// What goes into a [`Report`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReportOptions {
    /// The page title (default "hawiya run report").
    pub title: String,
    /// A column of the input holding the true entity of each row: adds precision–recall,
    /// the threshold for the target precision and, for one input, the true pairs each
    /// blocking rule found (default none).
    pub truth_column: Option<String>,
    /// Target precision of the threshold choice (default 0.99).
    pub target_precision: f64,
    /// Records held by the cluster viewer, whole clusters only: weak clusters first, then
    /// those of the review pairs, then the largest, then single records (default 20,000;
    /// keeps a report of a large registry to a few megabytes).
    pub max_records: usize,
    /// The review list shown (its `top` caps it; default 200).
    pub review: ReviewOptions,
}

impl Default for ReportOptions {
    fn default() -> Self {
        ReportOptions {
            title: "hawiya run report".into(),
            truth_column: None,
            target_precision: 0.99,
            max_records: 20_000,
            review: ReviewOptions::default(),
        }
    }
}

/// A run's report: see the module documentation. Write it with [`Report::to_html`].
pub struct Report {
    data: data::ReportData,
}

impl std::fmt::Debug for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Report")
            .field("records", &self.data.records.len())
            .field("pairs", &self.data.pairs.len())
            .field("review", &self.data.review.len())
            .finish()
    }
}

impl Report {
    /// The page: one self-contained HTML document.
    pub fn to_html(&self) -> String {
        html::page(&self.data)
    }

    /// The data the page embeds, as JSON (what the script of the page reads).
    pub fn data_json(&self) -> String {
        serde_json::to_string(&self.data).expect("report data serialises")
    }

    /// Write the page to `path`.
    ///
    /// # Errors
    /// An I/O error naming the path.
    pub fn write_html(&self, path: impl AsRef<std::path::Path>) -> Result<()> {
        let path = path.as_ref();
        std::fs::write(path, self.to_html()).map_err(|e| Error::io(Some(path.to_path_buf()), e))
    }

    /// Records the cluster viewer holds.
    pub fn viewer_records(&self) -> usize {
        self.data.records.len()
    }
}

impl Matcher {
    /// The report of `result`, a run of this matcher over `tables` (one for a dedupe, two
    /// for a link, as given to the run).
    ///
    /// # Errors
    /// An input error when `options.truth_column` is not a column of every table.
    ///
    /// ```
    /// use hawiya::{Config, Matcher, ReportOptions};
    /// use hawiya_synth::{Generator, GeneratorConfig};
    /// # fn main() -> hawiya::Result<()> {
    /// let table = Generator::new(GeneratorConfig { records: 1000, ..Default::default() })?.table()?;
    /// let m = Matcher::new(Config::infer(&["unique_id", "full_name", "dob", "civil_id"])?)?;
    /// let result = m.dedupe(&table)?;
    /// let options = ReportOptions { truth_column: Some("cluster".into()), ..Default::default() };
    /// let html = m.report(&result, &[&table], &options)?.to_html();
    /// assert!(html.starts_with("<!doctype html>") && html.contains("<svg"));
    /// assert!(!html.contains("http://") || !html.contains("src=\"http")); // nothing fetched
    /// # Ok(()) }
    /// ```
    pub fn report(
        &self,
        result: &MatchResult,
        tables: &[&Table],
        options: &ReportOptions,
    ) -> Result<Report> {
        let truth = match &options.truth_column {
            Some(col) => self.truth(result, tables, col)?,
            None => data::Truth {
                scores: None,
                blocking: None,
            },
        };
        let inputs = data::Inputs {
            matcher: self,
            result,
            tables,
            options,
            truth,
        };
        Ok(Report {
            data: inputs.build()?,
        })
    }

    /// Labelled scores and (one input) blocking completeness from a truth column.
    fn truth(&self, result: &MatchResult, tables: &[&Table], col: &str) -> Result<data::Truth> {
        for t in tables {
            if t.column(col).is_none() {
                return Err(Error::input(
                    None,
                    None,
                    Some(col),
                    "the truth column is missing",
                ));
            }
        }
        // Keys: input and unique id (ids may repeat across the two inputs of a link).
        let key = |source: u8, id: &str| format!("{source}\u{1f}{id}");
        let mut truth: HashMap<String, String> = HashMap::new();
        for r in &result.records {
            if let Some(t) = tables.get(usize::from(r.source)) {
                let v = t.value(r.row, col).unwrap_or("").trim();
                if !v.is_empty() {
                    truth.insert(key(r.source, &r.unique_id), v.to_string());
                }
            }
        }
        let scored: Vec<(String, String, f64)> = result
            .pairs
            .iter()
            .map(|p| {
                (
                    key(p.left.0, &p.unique_id_l),
                    key(p.right.0, &p.unique_id_r),
                    p.match_probability,
                )
            })
            .filter(|(a, b, _)| truth.contains_key(a) && truth.contains_key(b))
            .collect();
        let scores = crate::eval::label_pairs(
            scored.iter().map(|(a, b, p)| (a.as_str(), b.as_str(), *p)),
            &truth,
        )?;
        let blocking = match tables {
            [one] => Some(self.evaluate_blocking(one, col)?),
            _ => None,
        };
        Ok(data::Truth {
            scores: Some(scores),
            blocking,
        })
    }
}
