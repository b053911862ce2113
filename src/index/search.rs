//! Name screening: an index built from names only (or the first name field of a record
//! index), queried one name at a time and ranked by the name comparator.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::Index;
use crate::core::par;
use crate::engine::Matcher;
use crate::eval::SearchMetrics;
use crate::ingest::too_long;
use crate::name::NameExplanation;
use crate::prepare::PreparedDataset;
use crate::schema::{BlockingRuleConfig, Config, FieldConfig, FieldKind};
use crate::{Error, MAX_FIELD_CHARS, Result};

/// One answer of a name search ([`Index::search`]).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NameHit {
    /// The indexed name's id.
    pub id: String,
    /// Its position in the index (insertion order).
    pub position: usize,
    /// Name similarity in [0, 1] ([`crate::NameComparator::similarity`]).
    pub score: f64,
}

/// Column of the one name field of a name-only index ([`Index::from_names`]).
pub const NAME_COLUMN: &str = "name";

/// Posting lists of a name-only index longer than this (a common token such as محمد or
/// a common token pair) give only the `SEARCH_WINDOW` names nearest the query in sort
/// order on each side; shorter lists (rare tokens) give all their names.
const SEARCH_MAX_BLOCK: u32 = 300;
const SEARCH_WINDOW: usize = 40;
/// A name search scores at most this many candidates: those sharing the most (and the
/// rarest) keys with the query. Bounds the work of a query on a large index.
const SEARCH_MAX_CANDIDATES: usize = 300;

/// The config of a name-only index: one name field, and candidate rules that tolerate
/// cross-script spellings (every token's loose key), dropped or added tokens (pairs of
/// tokens) and typos or vowel changes in every token (MinHash LSH over the name's
/// q-grams).
fn names_config() -> Config {
    let rule = |name: &str, key: &str| BlockingRuleConfig {
        name: name.into(),
        on: vec![format!("{NAME_COLUMN}:{key}")],
        sorted: None,
        max_block: Some(SEARCH_MAX_BLOCK),
        window: Some(SEARCH_WINDOW),
        unknown: None,
        max_unknown_block: None,
    };
    let mut c = Config::new(vec![FieldConfig::new(NAME_COLUMN, FieldKind::Name)]);
    c.id_column = "id".into();
    c.blocking = vec![
        rule("token", "token"),
        rule("token_pair", "token_pair"),
        rule("lsh", "lsh"),
    ];
    c
}

/// Name screening: an index built from names only, queried with one name at a time.
impl Index {
    /// A name-only index over `names` (any script) with their `ids`: the same postings
    /// as a record index, over one name field ([`NAME_COLUMN`]), with no model; query it
    /// with [`Index::search`]. Names without a name token (blank, titles only) are
    /// indexed but never found.
    ///
    /// ```
    /// use hawiya::Index;
    /// # fn main() -> hawiya::Result<()> {
    /// let index = Index::from_names(
    ///     &["1", "2", "3"],
    ///     &["صالح عبدالله الفضالة", "منى حداد", "عبد الرحمن الخالد"],
    /// )?;
    /// let hits = index.search("Saleh Al-Fadhala", 2)?;
    /// assert_eq!(hits[0].id, "1");
    /// assert!(hits[0].score > 0.8);
    /// println!("{}", index.explain_hit("Saleh Al-Fadhala", hits[0].position)?);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// An input error naming the 1-based row for a blank or duplicate id or a name longer
    /// than [`crate::MAX_FIELD_CHARS`] characters, or when `ids` and `names` differ in
    /// length.
    pub fn from_names(ids: &[&str], names: &[&str]) -> Result<Index> {
        if ids.len() != names.len() {
            return Err(Error::input(
                None,
                None,
                None,
                format!("{} ids but {} names", ids.len(), names.len()),
            ));
        }
        let mut seen: HashMap<&str, usize> = HashMap::with_capacity(ids.len());
        for (i, (id, name)) in ids.iter().zip(names).enumerate() {
            let row = Some(i as u64 + 1);
            let id = id.trim();
            if id.is_empty() {
                return Err(Error::input(None, row, Some("id"), "empty id"));
            }
            if let Some(first) = seen.insert(id, i + 1) {
                return Err(Error::input(
                    None,
                    row,
                    Some("id"),
                    format!("duplicate id (first at row {first})"),
                ));
            }
            if too_long(name) {
                return Err(Error::input(
                    None,
                    row,
                    Some(NAME_COLUMN),
                    format!("longer than {MAX_FIELD_CHARS} characters"),
                ));
            }
        }
        let matcher = Matcher::new(names_config())?;
        let column: Vec<Option<&str>> = names.iter().map(|n| Some(*n)).collect();
        let data = PreparedDataset::build(matcher.config(), &[column]);
        let ids = ids.iter().map(|s| s.trim().to_string()).collect();
        Ok(Index::build(matcher, None, data, ids))
    }

    /// The first name field and `name` prepared as a one-record query on it.
    fn name_query(&self, name: &str) -> Result<(usize, PreparedDataset)> {
        let f = self
            .matcher
            .plan()
            .sort_field()
            .ok_or_else(|| Error::config("fields", "the index has no name field"))?;
        if too_long(name) {
            return Err(Error::input(
                None,
                None,
                Some(&self.matcher.config().fields[f].column),
                format!("longer than {MAX_FIELD_CHARS} characters"),
            ));
        }
        let column = self.matcher.config().fields[f].column.as_str();
        Ok((f, self.prepare_record(&[(column, name)])))
    }

    /// Positions of the indexed records that share a candidate key with `name` (the only
    /// ones [`Index::search`] scores), ascending. A gold answer missing here is lost by
    /// retrieval, whatever the ranking.
    ///
    /// # Errors
    /// As [`Index::search`].
    pub fn name_candidates(&self, name: &str) -> Result<Vec<usize>> {
        let (_, q) = self.name_query(name)?;
        Ok(self
            .search_candidates(&q)
            .into_iter()
            .map(|p| p as usize)
            .collect())
    }

    /// The `top` indexed names most similar to `name`, best first (equal scores by
    /// [`crate::NameComparator::closeness`], then by id): only the
    /// candidates that share a token key, a token-pair key or an LSH band with `name` are
    /// scored, with the [`crate::NameComparator`]. Works on any index with a name field
    /// (on a record index, by its first name field alone).
    ///
    /// # Errors
    /// A config error when the index has no name field; an input error for a name longer
    /// than [`crate::MAX_FIELD_CHARS`] characters.
    pub fn search(&self, name: &str, top: usize) -> Result<Vec<NameHit>> {
        let (f, q) = self.name_query(name)?;
        let (Some(field), Some(qf)) = (self.data.column(f).as_name(), q.column(f).as_name()) else {
            return Ok(Vec::new());
        };
        let mut hits: Vec<(f64, u32, f64)> = self
            .search_candidates(&q)
            .into_iter()
            .filter_map(|p| {
                let s = field.similarity(p as usize, qf, 0)?;
                Some((s, p, f64::NAN))
            })
            .collect();
        hits.sort_by(|a, b| {
            b.0.total_cmp(&a.0)
                .then_with(|| self.ids[a.1 as usize].cmp(&self.ids[b.1 as usize]))
        });
        // Equal scores (key floors, two spellings of one variant-table name) within the
        // top are ranked by letter-by-letter closeness, then by id.
        let mut start = 0;
        while start < hits.len().min(top) {
            let end = start + hits[start..].partition_point(|h| h.0 == hits[start].0);
            if end - start > 1 {
                let group = &mut hits[start..end];
                for h in group.iter_mut() {
                    h.2 = field.closeness(h.1 as usize, qf, 0).unwrap_or(0.0);
                }
                group.sort_by(|a, b| {
                    b.2.total_cmp(&a.2)
                        .then_with(|| self.ids[a.1 as usize].cmp(&self.ids[b.1 as usize]))
                });
            }
            start = end;
        }
        hits.truncate(top);
        Ok(hits
            .into_iter()
            .map(|(score, p, _)| NameHit {
                id: self.ids[p as usize].clone(),
                position: p as usize,
                score,
            })
            .collect())
    }

    /// [`Index::search`] for every name of `names`, in parallel over the names (with the
    /// `parallel` feature; same result), in input order.
    ///
    /// # Errors
    /// The first error of [`Index::search`], in input order.
    pub fn search_many(&self, names: &[&str], top: usize) -> Result<Vec<Vec<NameHit>>> {
        par::map(names, 1, |n| self.search(n, top))
            .into_iter()
            .collect()
    }

    /// Why `name` scores what it does against the indexed record at `position`: the token
    /// alignment of the two names ([`NameExplanation`]; its score is the hit's score).
    ///
    /// # Errors
    /// An input error for a position out of range or an indexed record without a name;
    /// otherwise as [`Index::search`].
    pub fn explain_hit(&self, name: &str, position: usize) -> Result<NameExplanation> {
        let (f, q) = self.name_query(name)?;
        if position >= self.ids.len() {
            return Err(Error::input(
                None,
                None,
                None,
                format!("position {position} is not in the index"),
            ));
        }
        let pair = self.data.column(f).as_name().zip(q.column(f).as_name());
        pair.and_then(|(x, y)| x.explain(position, y, 0))
            .ok_or_else(|| {
                Error::input(
                    None,
                    None,
                    Some(&self.matcher.config().fields[f].column),
                    "no name to compare",
                )
            })
    }
    /// The candidates a name search scores: all of them, or the
    /// [`SEARCH_MAX_CANDIDATES`] with the most key evidence (ties by position), ascending.
    fn search_candidates(&self, q: &PreparedDataset) -> Vec<u32> {
        let mut c = self.weighted_candidates(q);
        if c.len() > SEARCH_MAX_CANDIDATES {
            c.select_nth_unstable_by(SEARCH_MAX_CANDIDATES - 1, |a, b| {
                b.1.total_cmp(&a.1).then(a.0.cmp(&b.0))
            });
            c.truncate(SEARCH_MAX_CANDIDATES);
            c.sort_unstable_by_key(|x| x.0);
        }
        c.into_iter().map(|x| x.0).collect()
    }

    /// Search every query of `queries` and rank its `answers` (positions in the index; any
    /// one of them counts), with MRR over the first `depth` hits (at least 5).
    ///
    /// ```
    /// use hawiya::Index;
    /// # fn main() -> hawiya::Result<()> {
    /// let index = Index::from_names(&["a", "b"], &["منى حداد", "صالح الفضالة"])?;
    /// let m = index.evaluate_search(&["Saleh Al-Fadhala", "Mona Haddad"], &[vec![1], vec![0]], 10)?;
    /// assert_eq!((m.queries, m.top1, m.mrr, m.retrieval_lost), (2, 1.0, 1.0, 0.0));
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// As [`Index::search`]; an input error when `answers` and `queries` differ in length.
    pub fn evaluate_search(
        &self,
        queries: &[&str],
        answers: &[Vec<usize>],
        depth: usize,
    ) -> Result<SearchMetrics> {
        let depth = depth.max(5);
        let hits: Vec<Vec<usize>> = self
            .search_many(queries, depth)?
            .into_iter()
            .map(|h| h.into_iter().map(|h| h.position).collect())
            .collect();
        let candidates = queries
            .iter()
            .zip(answers)
            .map(|(q, a)| {
                if a.is_empty() {
                    Ok(Vec::new())
                } else {
                    self.name_candidates(q)
                }
            })
            .collect::<Result<Vec<_>>>()?;
        SearchMetrics::from_hits(&hits, &candidates, answers, depth)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NAMES: [&str; 8] = [
        "صالح عبدالله الفضالة",
        "منى حداد",
        "عبد الرحمن الخالد",
        "محمد العنزي",
        "محمد العنزي",
        "Saleh Al-Fadhala",
        "",
        "Dr.",
    ];

    fn index() -> Index {
        let ids: Vec<String> = (0..NAMES.len()).map(|i| format!("id{i}")).collect();
        let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
        Index::from_names(&ids, &NAMES).unwrap()
    }

    #[test]
    fn search_ranks_by_similarity_with_ties_by_id() {
        let index = index();
        assert!(index.model().is_none());
        let hits = index.search("Mohammed Al-Enezi", 10).unwrap();
        // Two equal names tie: the smaller id first.
        assert_eq!(hits[0].id, "id3");
        assert_eq!(hits[1].id, "id4");
        assert_eq!(hits[0].score, hits[1].score);
        assert!(hits.windows(2).all(|w| w[0].score >= w[1].score));
        // Every hit is a candidate; the score is the comparator's.
        let cands = index.name_candidates("Mohammed Al-Enezi").unwrap();
        let cmp = crate::name::NameComparator::default();
        for h in &hits {
            assert!(cands.binary_search(&h.position).is_ok());
            assert_eq!(
                h.score,
                cmp.similarity_str("Mohammed Al-Enezi", NAMES[h.position])
            );
        }
        assert!(index.search("Mohammed Al-Enezi", 1).unwrap().len() == 1);
        assert!(index.search("Mohammed Al-Enezi", 0).unwrap().is_empty());
        // Names without a name token are indexed but never found.
        assert!(index.search("", 10).unwrap().is_empty());
    }

    #[test]
    fn search_many_equals_search_one_by_one() {
        let index = index();
        let qs = ["Saleh Al-Fadhala", "منى", "Abdulrahman Alkhalid", "", "zzz"];
        let many = index.search_many(&qs, 3).unwrap();
        for (q, hits) in qs.iter().zip(&many) {
            assert_eq!(&index.search(q, 3).unwrap(), hits);
        }
        assert_eq!(many[0][0].id, "id5");
        assert_eq!(many[0][1].id, "id0");
    }

    #[test]
    fn explanations_and_errors() {
        let index = index();
        let e = index.explain_hit("Saleh Al-Fadhala", 0).unwrap();
        let h = index.search("Saleh Al-Fadhala", 2).unwrap();
        assert_eq!(e.score, h.iter().find(|h| h.position == 0).unwrap().score);
        assert!(index.explain_hit("Saleh", 99).is_err());
        assert!(index.explain_hit("Saleh", 6).is_err()); // blank name
        assert!(index.query(&[("name", "Saleh")], 3).is_err()); // no model
        let long = "a ".repeat(400);
        assert!(index.search(&long, 3).is_err());
        let e = Index::from_names(&["a", "a"], &["x", "y"])
            .unwrap_err()
            .to_string();
        assert!(e.contains("row 2") && e.contains("duplicate"), "{e}");
        assert!(Index::from_names(&[" "], &["x"]).is_err());
        assert!(Index::from_names(&["a"], &[]).is_err());
    }

    #[test]
    fn inserted_names_are_found() {
        let mut index = index();
        index
            .insert("new", &[(NAME_COLUMN, "Mona Haddad")])
            .unwrap();
        let hits = index.search("منى حداد", 2).unwrap();
        assert!(hits.iter().any(|h| h.id == "new"), "{hits:?}");
    }
}
