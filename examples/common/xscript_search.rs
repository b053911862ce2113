//! The retrieval check built from the shared development pairs (`xscript-dev.tsv`), used
//! by `examples/eval_search.rs` and `tests/search_dev.rs`: each Latin side of an `ar-lat`
//! positive pair is a query, every distinct Arabic-script name of the file (either side,
//! any pair kind) is the index. A query's strict answer is its pair's Arabic name; its
//! answers are that name and the other Arabic-script spellings of the same person: linked
//! to it by `ar-ar` positive pairs, or equal to it after folding (harakat, tatweel, hamza
//! seats, ta marbuta: the index holds `منة شلبي` and `منة شلبـى` as two names, which no
//! name search can tell apart).

use std::collections::HashMap;
use std::path::PathBuf;

use hawiya::UnionFind;
use hawiya::eval::LabelledPair;
use hawiya::text::{Script, detect_script, fold};

/// The development file: `$HAWIYA_SHARED_DATA/xscript-dev.tsv`, else
/// `<crate>/../shared/data/xscript-dev.tsv`.
pub fn dev_file() -> PathBuf {
    let dir = std::env::var_os("HAWIYA_SHARED_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data"));
    dir.join("xscript-dev.tsv")
}

/// Index names, queries, and per query the strict answer and all answers (positions).
pub struct Check {
    pub names: Vec<String>,
    pub queries: Vec<String>,
    pub strict: Vec<Vec<usize>>,
    pub answers: Vec<Vec<usize>>,
}

/// Build the check from labelled pairs (`kind`, `label`, `left`, `right`).
pub fn build(pairs: &[LabelledPair]) -> Check {
    let mut names: Vec<&str> = Vec::new();
    let mut position: HashMap<&str, usize> = HashMap::new();
    let mut queries: Vec<(&str, &str)> = Vec::new();
    let mut same: Vec<(&str, &str)> = Vec::new();
    for p in pairs {
        let (a, b) = (p.left.as_str(), p.right.as_str());
        for n in [a, b] {
            if detect_script(n) == Script::Arabic && !position.contains_key(n) {
                position.insert(n, names.len());
                names.push(n);
            }
        }
        if p.get("kind") == "ar-ar" && p.label {
            same.push((a, b));
        }
        if p.get("kind") == "ar-lat" && p.label {
            let (ar, lat) = if detect_script(a) == Script::Arabic {
                (a, b)
            } else {
                (b, a)
            };
            if position.contains_key(ar) {
                queries.push((lat, ar));
            }
        }
    }
    let mut uf = UnionFind::new(names.len());
    for (a, b) in &same {
        if let (Some(&x), Some(&y)) = (position.get(a), position.get(b)) {
            uf.union(x as u32, y as u32);
        }
    }
    let mut by_fold: HashMap<String, usize> = HashMap::new();
    for (p, n) in names.iter().enumerate() {
        let first = *by_fold.entry(fold(n)).or_insert(p);
        uf.union(first as u32, p as u32);
    }
    let mut members: HashMap<u32, Vec<usize>> = HashMap::new();
    for p in 0..names.len() {
        members.entry(uf.find(p as u32)).or_default().push(p);
    }
    let strict = queries.iter().map(|x| vec![position[x.1]]).collect();
    let answers = queries
        .iter()
        .map(|x| members[&uf.find(position[x.1] as u32)].clone())
        .collect();
    Check {
        names: names.iter().map(|s| s.to_string()).collect(),
        queries: queries.iter().map(|x| x.0.to_string()).collect(),
        strict,
        answers,
    }
}
