//! Incremental matching: new records against a clustered index — each joins the cluster of
//! the records it matches, or forms a new one — without re-running the whole registry.
//!
//! [`Index::add`] prepares the new records, finds their candidates among the indexed
//! records through the postings (the one-record query of [`Index::query`], for every new
//! record at once) and among themselves with the batch blocking rules, scores every pair
//! with the index's model (term frequencies counted over the indexed and the new records,
//! as a run over their union would), and clusters: the indexed clusters stay whole, and
//! the pairs at or above the threshold join new records to them and to each other. Two
//! indexed clusters that one new record matches both are merged (a run over the union
//! would link them through it too). Old cluster ids are kept with the rule of
//! [`crate::PreviousClusters`]; the change log says which records are new and which
//! clusters merged.
//!
//! What a full run over the union would do differently: it trains its model again on all
//! records, may link or unlink indexed records among themselves (its blocking windows in
//! oversized blocks shift as records arrive) and applies the chaining guard
//! (`min_density`) to the whole registry; here indexed clusters are taken as they are.

use std::collections::HashMap;

use super::Index;
use crate::block::Mode;
use crate::cluster::{ChangeKind, PreviousClusters, RecordCluster, StableIds, UnionFind};
use crate::core::{Level, par};
use crate::ingest::{Records, RowReject};
use crate::score::{Scorer, match_probability};
use crate::{Error, Result, Table};

/// What [`Index::add`] did with a table of new records.
#[derive(Clone, Debug)]
pub struct AddResult {
    /// Every usable new row with its cluster id, in input order.
    pub records: Vec<RecordCluster>,
    /// New rows that could not be used (blank or duplicate ids, ids already indexed,
    /// over-long values …), in input order.
    pub rejects: Vec<RowReject>,
    /// The change log over the indexed and the new records: unique id, old cluster id
    /// (`None` for a new record), new cluster id and the change, for every record whose
    /// id changed or that is new; indexed records first, in index order.
    pub changes: Vec<(String, Option<String>, String, ChangeKind)>,
    /// Pairs scored.
    pub pairs_scored: u64,
    /// Pairs at or above the clustering threshold.
    pub pairs_linked: u64,
    /// Old cluster ids that no cluster keeps any more (merged into another).
    pub retired: Vec<String>,
}

impl Index {
    /// Give the indexed records their cluster ids, as `(unique id, cluster id)` pairs (a
    /// dedupe's output): every indexed record needs one.
    ///
    /// # Errors
    /// An input error naming the 1-based row of a pair whose id repeats an earlier one,
    /// is not indexed, or whose cluster id is blank, or the first indexed record without
    /// a cluster id.
    pub fn with_clusters<'a>(
        mut self,
        clusters: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Index> {
        let mut out: Vec<Option<String>> = vec![None; self.ids.len()];
        for (i, (id, cluster)) in clusters.into_iter().enumerate() {
            let row = Some(i as u64 + 1);
            let Some(&pos) = self.by_id.get(id.trim()) else {
                return Err(Error::input(
                    None,
                    row,
                    Some("unique_id"),
                    "not an indexed record",
                ));
            };
            if out[pos].is_some() {
                return Err(Error::input(
                    None,
                    row,
                    Some("unique_id"),
                    "duplicate unique_id",
                ));
            }
            let cluster = cluster.trim();
            if cluster.is_empty() {
                return Err(Error::input(None, row, Some("cluster_id"), "empty"));
            }
            out[pos] = Some(cluster.to_string());
        }
        let missing = out.iter().filter(|c| c.is_none()).count();
        if let Some(pos) = out.iter().position(Option::is_none) {
            return Err(Error::input(
                None,
                None,
                Some("unique_id"),
                format!(
                    "{missing} indexed record(s) have no cluster id, the first at index position {pos}"
                ),
            ));
        }
        self.clusters = Some(out.into_iter().flatten().collect());
        Ok(self)
    }

    /// Whether the index knows the cluster of every record ([`Index::with_clusters`]).
    pub fn is_clustered(&self) -> bool {
        self.clusters.is_some()
    }

    /// Match the rows of `table` (the configured columns and the id column) against the
    /// index and among themselves, give each a cluster id (an indexed cluster's where it
    /// joins a known person, else a new one), and add them to the index. See the module
    /// docs for how, and for what a full run over the union would do differently.
    ///
    /// # Errors
    /// A config error when the index has no clusters or no model; an input error for a
    /// missing column.
    ///
    /// ```
    /// use hawiya_synth::{COLUMNS, Generator, GeneratorConfig};
    /// use hawiya::{ChangeKind, Config, Matcher, Table};
    /// # fn main() -> hawiya::Result<()> {
    /// let all = Generator::new(GeneratorConfig { records: 2_000, ..Default::default() })?.table()?;
    /// // The first 1,900 rows are the registry, the last 100 arrive later.
    /// let mut old = Table::new(all.names().to_vec())?;
    /// let mut new = Table::new(all.names().to_vec())?;
    /// for i in 0..all.len() {
    ///     let row: Vec<&str> = all.names().iter().map(|c| all.value(i, c).unwrap_or("")).collect();
    ///     if i < 1_900 { old.push_row(&row)? } else { new.push_row(&row)? }
    /// }
    /// let matcher = Matcher::new(Config::infer(&COLUMNS)?)?;
    /// let run = matcher.dedupe(&old)?;
    /// let mut index = matcher
    ///     .index(&old)?
    ///     .with_clusters(run.records.iter().map(|r| (r.unique_id.as_str(), r.cluster_id.as_str())))?;
    /// let added = index.add(&new)?;
    /// assert_eq!(added.records.len() + added.rejects.len(), 100);
    /// assert_eq!(index.len(), 2_000);
    /// // Every new record is in the change log as new.
    /// let new_ones = added.changes.iter().filter(|c| c.3 == ChangeKind::New).count();
    /// assert_eq!(new_ones, added.records.len());
    /// # Ok(()) }
    /// ```
    pub fn add(&mut self, table: &Table) -> Result<AddResult> {
        let Some(old_clusters) = self.clusters.clone() else {
            return Err(Error::config(
                "clusters",
                "the index has no cluster ids: give them with with_clusters",
            ));
        };
        let Some(model) = self.model.clone() else {
            return Err(Error::config("model", "a name-only index has no model"));
        };
        let config = self.matcher.config().clone();
        let records = Records::new(&config, &[table])?;
        let (mut origin, mut ids, mut rejects) = {
            let (o, i, r) = records.clone().into_parts();
            (o, i, r)
        };
        let field_values: Vec<Vec<Option<std::borrow::Cow<'_, str>>>> = config
            .fields
            .iter()
            .map(|f| records.field_values(f))
            .collect();
        // Ids already indexed are rejected rows, like repeated ids within one table.
        let keep: Vec<bool> = ids.iter().map(|id| !self.by_id.contains_key(id)).collect();
        for (i, _) in keep.iter().enumerate().filter(|(_, k)| !**k) {
            rejects.push(RowReject {
                source: 0,
                row: origin[i].1,
                unique_id: ids[i].clone(),
                reason: format!("{}: unique id already indexed", config.id_column),
            });
        }
        rejects.sort_by_key(|r| r.row);
        let columns: Vec<Vec<Option<&str>>> = field_values
            .iter()
            .map(|v| {
                v.iter()
                    .zip(&keep)
                    .filter(|(_, k)| **k)
                    .map(|(x, _)| x.as_deref())
                    .collect()
            })
            .collect();
        let mut i = 0;
        origin.retain(|_| {
            i += 1;
            keep[i - 1]
        });
        let mut i = 0;
        ids.retain(|_| {
            i += 1;
            keep[i - 1]
        });
        let fresh = crate::prepare::PreparedDataset::build(&config, &columns);
        let n_old = self.ids.len();
        let n_new = fresh.n;

        // Candidates: new × indexed through the postings, new × new by the batch rules.
        let plan = self.matcher.plan();
        let mut pairs: Vec<(u32, u32)> = par::map_record_chunks(n_new, |range| {
            let mut out = Vec::new();
            for j in range {
                let q = (n_old + j) as u32;
                out.extend(
                    self.postings
                        .candidates_at(plan, &fresh, j, n_old)
                        .into_iter()
                        .map(|(p, _)| (p, q)),
                );
            }
            out
        })
        .concat();
        let blocking = plan.blocking(&fresh, Mode::Dedupe)?;
        blocking.for_each_batch(1 << 16, |batch| {
            pairs.extend(batch.iter().map(|p| {
                let (a, b) = (p.left.min(p.right), p.left.max(p.right));
                ((n_old as u32) + a, (n_old as u32) + b)
            }));
        });
        par::sort_unstable(&mut pairs);
        pairs.dedup();

        // The new records join the prepared data (term frequencies over old and new).
        for (column, raw) in self.data.columns.iter_mut().zip(&columns) {
            column.extend(raw);
        }
        self.data.n += n_new;
        let scorer = Scorer::new(&model, &config);
        let width = self.data.width();
        let threshold = config.threshold;
        let data = &self.data;
        let linked: Vec<(u32, u32)> = par::filter_map(&pairs, |&(a, b)| {
            let mut v = vec![Level::NULL; width];
            let mut tf = vec![None; width];
            let w = scorer.score(data, a as usize, data, b as usize, &mut v, &mut tf);
            (match_probability(w) >= threshold).then_some((a, b))
        });

        // Indexed clusters stay whole; links add new records and merge clusters.
        let n = n_old + n_new;
        let mut uf = UnionFind::new(n);
        let mut first_of: HashMap<&str, u32> = HashMap::new();
        for (p, c) in old_clusters.iter().enumerate() {
            let f = *first_of.entry(c.as_str()).or_insert(p as u32);
            uf.union(f, p as u32);
        }
        for &(a, b) in &linked {
            uf.union(a, b);
        }
        // Each component labelled by its smallest unique id, as a run names clusters.
        let all_ids: Vec<&str> = self.ids.iter().chain(&ids).map(String::as_str).collect();
        let mut label: HashMap<u32, &str> = HashMap::new();
        for (p, id) in all_ids.iter().enumerate() {
            let root = uf.find(p as u32);
            let l = label.entry(root).or_insert(id);
            if *id < *l {
                *l = id;
            }
        }
        let current: Vec<(u32, &str)> = (0..n as u32).map(|p| (p, label[&uf.find(p)])).collect();
        let previous = PreviousClusters::new(
            old_clusters
                .iter()
                .enumerate()
                .map(|(p, c)| (p as u32, c.as_str())),
        )?;
        let kept: StableIds = previous.keep_ids(&current);

        // The index takes the new records.
        let values = self
            .values
            .as_mut()
            .ok_or_else(|| Error::config("index", "a name-only index cannot take records"))?;
        for (column, raw) in values.iter_mut().zip(&columns) {
            for v in raw {
                column.push(*v)?;
            }
        }
        for (j, id) in ids.iter().enumerate() {
            self.by_id.insert(id.clone(), n_old + j);
        }
        self.ids.extend(ids.iter().cloned());
        for p in n_old..n {
            self.postings.insert(plan, &self.data, p);
        }
        let changes = (0..n)
            .filter(|&p| kept.changes[p] != ChangeKind::Same)
            .map(|p| {
                (
                    self.ids[p].clone(),
                    kept.old_cluster_ids[p].clone(),
                    kept.cluster_ids[p].clone(),
                    kept.changes[p],
                )
            })
            .collect();
        let mut out_records: Vec<RecordCluster> = (0..n_new)
            .map(|j| RecordCluster {
                source: 0,
                row: origin[j].1,
                unique_id: ids[j].clone(),
                cluster_id: kept.cluster_ids[n_old + j].clone(),
            })
            .collect();
        out_records.sort_by_key(|r| r.row);
        self.clusters = Some(kept.cluster_ids);
        Ok(AddResult {
            records: out_records,
            rejects,
            changes,
            pairs_scored: pairs.len() as u64,
            pairs_linked: linked.len() as u64,
            retired: kept.retired,
        })
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;
    use crate::Matcher;
    use crate::score::FellegiSunter;

    fn table(rows: &[[&str; 3]]) -> Table {
        let mut t =
            Table::new(["unique_id", "full_name", "dob"].map(String::from).to_vec()).unwrap();
        for r in rows {
            t.push_row(r).unwrap();
        }
        t
    }

    /// A matcher with a fixed model that trusts agreeing names and dates (no training: a
    /// run over the union uses the same model as the index).
    fn matcher() -> Matcher {
        let m = Matcher::builder()
            .name("full_name")
            .date("dob")
            .build()
            .unwrap();
        let specs: Vec<_> = m
            .config()
            .fields
            .iter()
            .map(|f| (f.column.clone(), crate::prepare::level_specs(f)))
            .collect();
        let mut model = FellegiSunter::with_defaults(1e-3, &specs).unwrap();
        for (name, levels) in &specs {
            let k = levels.len();
            for l in 0..k {
                let (mm, u) = if l + 1 < k && l <= 2 {
                    (0.3, 0.001)
                } else {
                    (0.01, 0.9)
                };
                model.set_level(name, l, mm, u).unwrap();
            }
        }
        m.with_model(model).unwrap()
    }

    const OLD: [[&str; 3]; 6] = [
        ["1", "صالح عبدالله الفضالة", "1985-07-01"],
        ["2", "Saleh Abdullah Al-Fadhala", "01/07/1985"],
        ["3", "Mona Haddad", "1990-02-03"],
        ["4", "منى حداد", "03/02/1990"],
        ["5", "Omar Khalid", "1971-11-20"],
        ["6", "Fatima Al-Sabah", "1988-05-14"],
    ];

    const NEW: [[&str; 3]; 4] = [
        ["7", "صالح الفضالة", "1985-07-01"],
        ["1", "Someone Else", "2000-01-01"],
        ["8", "Zainab Qasim", "1999-09-09"],
        ["9", "زينب قاسم", "09/09/1999"],
    ];

    fn partition<'a>(rows: impl Iterator<Item = (&'a str, &'a str)>) -> BTreeSet<Vec<String>> {
        let mut by: HashMap<&str, Vec<String>> = HashMap::new();
        for (id, c) in rows {
            by.entry(c).or_default().push(id.to_string());
        }
        by.into_values()
            .map(|mut v| {
                v.sort();
                v
            })
            .collect()
    }

    #[test]
    fn new_records_join_known_people_and_match_a_run_over_the_union() {
        let m = matcher();
        let old = table(&OLD);
        let run = m.dedupe(&old).unwrap();
        let mut index = m
            .index(&old)
            .unwrap()
            .with_clusters(
                run.records
                    .iter()
                    .map(|r| (r.unique_id.as_str(), r.cluster_id.as_str())),
            )
            .unwrap();
        let cluster_of_1 = index
            .cluster_id(index.position("1").unwrap())
            .unwrap()
            .to_string();
        let added = index.add(&table(&NEW)).unwrap();
        // The repeated id is a reject naming why; the others are clustered, in row order.
        assert_eq!(added.rejects.len(), 1);
        assert_eq!(added.rejects[0].row, 1); // 0-based table row
        assert!(added.rejects[0].reason.contains("already indexed"));
        let ids: Vec<&str> = added.records.iter().map(|r| r.unique_id.as_str()).collect();
        assert_eq!(ids, ["7", "8", "9"]);
        // 7 joins the person of 1 and 2 under its id; 8 and 9 are one new person with a
        // fresh id.
        assert_eq!(added.records[0].cluster_id, cluster_of_1);
        assert_eq!(added.records[1].cluster_id, added.records[2].cluster_id);
        assert!(
            run.records
                .iter()
                .all(|r| r.cluster_id != added.records[1].cluster_id)
        );
        // The change log: the three new records, nothing else.
        let log: Vec<(&str, ChangeKind)> =
            added.changes.iter().map(|c| (c.0.as_str(), c.3)).collect();
        assert_eq!(
            log,
            [
                ("7", ChangeKind::New),
                ("8", ChangeKind::New),
                ("9", ChangeKind::New)
            ]
        );
        assert!(added.retired.is_empty());
        assert_eq!(index.len(), 9);
        // The same partition as a run over the union with the same model.
        let mut union = OLD.to_vec();
        union.extend([NEW[0], NEW[2], NEW[3]]);
        let full = m.dedupe(&table(&union)).unwrap();
        let incremental = partition(
            (0..index.len()).map(|p| (index.id(p).unwrap(), index.cluster_id(p).unwrap())),
        );
        let expected = partition(
            full.records
                .iter()
                .map(|r| (r.unique_id.as_str(), r.cluster_id.as_str())),
        );
        assert_eq!(incremental, expected);
        // The added records are found by a query of the updated index.
        let hits = index
            .query(&[("full_name", "Zainab Qasim"), ("dob", "1999-09-09")], 2)
            .unwrap();
        assert!(
            hits.iter().any(|h| index.id(h.position) == Some("8")),
            "{hits:?}"
        );
    }

    #[test]
    fn a_record_matching_two_known_clusters_merges_them() {
        let m = matcher();
        // Two people by the index's clusters (given, not found): the new record agrees
        // with both, so their clusters merge, the larger keeps its id.
        let old = table(&[
            ["a", "Mona Haddad", "1990-02-03"],
            ["b", "Mona Haddad", "1990-02-03"],
            ["c", "Mona Haddad", "1990-02-03"],
        ]);
        let mut index = m
            .index(&old)
            .unwrap()
            .with_clusters([("a", "P1"), ("b", "P1"), ("c", "P2")])
            .unwrap();
        let added = index
            .add(&table(&[["d", "منى حداد", "03/02/1990"]]))
            .unwrap();
        assert_eq!(added.records[0].cluster_id, "P1");
        assert_eq!(added.retired, ["P2"]);
        let log: Vec<(&str, Option<&str>, &str, ChangeKind)> = added
            .changes
            .iter()
            .map(|c| (c.0.as_str(), c.1.as_deref(), c.2.as_str(), c.3))
            .collect();
        assert_eq!(
            log,
            [
                ("c", Some("P2"), "P1", ChangeKind::Merged),
                ("d", None, "P1", ChangeKind::New)
            ]
        );
    }

    #[test]
    fn an_index_without_clusters_refuses_to_add() {
        let m = matcher();
        let mut index = m.index(&table(&OLD)).unwrap();
        let e = index.add(&table(&NEW)).unwrap_err().to_string();
        assert!(e.contains("with_clusters"), "{e}");
    }
}
