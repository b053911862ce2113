//! Name screening quality on the shared development pairs: each Latin side of an `ar-lat`
//! positive pair is a query, every distinct Arabic-script name of the file (either side,
//! any pair kind) is the index, and the query's answers are its pair's Arabic name and
//! the other Arabic-script spellings of the same person: linked to it by `ar-ar` positive
//! pairs, or equal to it after folding (harakat, tatweel, hamza seats, ta marbuta: the
//! index holds `منة شلبي` and `منة شلبـى` as two names, which no name search can tell
//! apart). The strict figures (the pair's exact string only) are printed too.
//!
//! ```text
//! cargo run --release --example eval_search -- [FILE.tsv] [--errors N]
//! ```
//!
//! Prints top-1, top-5, MRR@10 and the share of answers lost by candidate retrieval
//! (separately from ranking errors), then up to N (default 0) ranking errors. Without a
//! FILE, `$HAWIYA_SHARED_DATA/xscript-dev.tsv` (else `<crate>/../shared/data/…`) is used;
//! when it is missing the example says so and exits successfully.

use std::collections::HashMap;
use std::path::PathBuf;

use hawiya::eval::SearchMetrics;
use hawiya::text::{Script, detect_script};
use hawiya::{Index, NameComparator};

fn default_file() -> PathBuf {
    let dir = std::env::var_os("HAWIYA_SHARED_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data"));
    dir.join("xscript-dev.tsv")
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut file = None;
    let mut errors = 0usize;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--errors" => errors = args.next().ok_or("--errors needs a number")?.parse()?,
            _ => file = Some(PathBuf::from(a)),
        }
    }
    let path = file.unwrap_or_else(default_file);
    if !path.exists() {
        println!("note: {} not found, nothing to evaluate", path.display());
        return Ok(());
    }
    let text = std::fs::read_to_string(&path)?;
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().ok_or("empty file")?.split('\t').collect();
    let col = |name: &str| header.iter().position(|h| *h == name);
    let (kind, label, left, right) = match (col("kind"), col("label"), col("left"), col("right")) {
        (Some(k), Some(l), Some(a), Some(b)) => (k, l, a, b),
        _ => return Err("need the columns kind, label, left and right".into()),
    };

    // The index: every distinct Arabic-script name, in order of first appearance.
    let mut names: Vec<&str> = Vec::new();
    let mut position: HashMap<&str, usize> = HashMap::new();
    let mut queries: Vec<(&str, &str)> = Vec::new();
    let mut same: Vec<(&str, &str)> = Vec::new();
    for line in lines {
        let f: Vec<&str> = line.split('\t').collect();
        let (Some(&k), Some(&l), Some(&a), Some(&b)) =
            (f.get(kind), f.get(label), f.get(left), f.get(right))
        else {
            continue;
        };
        for n in [a, b] {
            if detect_script(n) == Script::Arabic && !position.contains_key(n) {
                position.insert(n, names.len());
                names.push(n);
            }
        }
        if k == "ar-ar" && l == "1" {
            same.push((a, b));
        }
        if k == "ar-lat" && l == "1" {
            let (ar, lat) = if detect_script(a) == Script::Arabic {
                (a, b)
            } else {
                (b, a)
            };
            queries.push((lat, ar));
        }
    }
    let ids: Vec<String> = (0..names.len()).map(|i| format!("n{i}")).collect();
    let id_refs: Vec<&str> = ids.iter().map(String::as_str).collect();
    let index = Index::from_names(&id_refs, &names)?;
    let q: Vec<&str> = queries.iter().map(|x| x.0).collect();
    // Spellings of one person: connected components of the ar-ar positive pairs.
    let mut uf = hawiya::UnionFind::new(names.len());
    for (a, b) in &same {
        uf.union(position[a] as u32, position[b] as u32);
    }
    let mut by_fold: HashMap<String, usize> = HashMap::new();
    for (p, n) in names.iter().enumerate() {
        let first = *by_fold.entry(hawiya::text::fold(n)).or_insert(p);
        uf.union(first as u32, p as u32);
    }
    let mut members: HashMap<u32, Vec<usize>> = HashMap::new();
    for p in 0..names.len() {
        members.entry(uf.find(p as u32)).or_default().push(p);
    }
    let answers: Vec<Vec<usize>> = queries
        .iter()
        .map(|x| {
            position
                .get(x.1)
                .map(|&p| members[&uf.find(p as u32)].clone())
                .unwrap_or_default()
        })
        .collect();
    let strict: Vec<Vec<usize>> = queries
        .iter()
        .map(|x| position.get(x.1).map(|&p| vec![p]).unwrap_or_default())
        .collect();
    let m = SearchMetrics::evaluate(&index, &q, &strict, 10)?;
    println!("index {} Arabic-script names", names.len());
    println!("strict (the pair's own string):   {m}");
    let m = SearchMetrics::evaluate(&index, &q, &answers, 10)?;
    println!("any spelling of the same person:  {m}");

    let cmp = NameComparator::default();
    let mut shown = 0;
    for (query, answer) in q.iter().zip(&answers) {
        if shown >= errors {
            break;
        }
        let hits = index.search(query, 3)?;
        if hits.first().is_some_and(|h| answer.contains(&h.position)) {
            continue;
        }
        shown += 1;
        let gold = names[answer[0]];
        let retrieved = index
            .name_candidates(query)?
            .binary_search(&answer[0])
            .is_ok();
        println!(
            "{query}  answer {gold} ({:.3}, retrieved {retrieved})",
            cmp.similarity_str(query, gold)
        );
        for h in hits {
            println!("    {:.3} {}", h.score, names[h.position]);
        }
    }
    Ok(())
}
