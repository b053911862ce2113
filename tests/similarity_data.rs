//! The prepared kernels agree with strsim on the real name tokens of the shared
//! development data (Arabic script and Latin), when that data is present.

use std::path::PathBuf;

use hawiya::similarity::{BatchComparator, jaro, levenshtein};

fn shared_data() -> PathBuf {
    std::env::var_os("HAWIYA_SHARED_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data"))
}

#[test]
fn kernels_agree_with_strsim_on_dev_tokens() {
    let path = shared_data().join("xscript-tokens-dev.tsv");
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("note: {} not found, test skipped", path.display());
        return;
    };
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap_or_default().split('\t').collect();
    let col = |name: &str| header.iter().position(|h| *h == name);
    let (Some(l), Some(r)) = (col("left"), col("right")) else {
        panic!("xscript-tokens-dev.tsv has no left/right columns");
    };
    let mut n = 0;
    for line in lines {
        let f: Vec<&str> = line.split('\t').collect();
        let (Some(a), Some(b)) = (f.get(l), f.get(r)) else {
            continue;
        };
        let (ca, cb): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
        let lev = strsim::levenshtein(a, b);
        let jw = strsim::jaro_winkler(a, b);
        assert_eq!(levenshtein::distance(&ca, &cb), lev, "pair {n}");
        assert_eq!(jaro::jaro_winkler(&ca, &cb), jw, "pair {n}");
        assert_eq!(jaro::jaro_winkler(&cb, &ca), jw, "pair {n}");
        let batch = BatchComparator::new(&ca);
        assert_eq!(batch.levenshtein_distance(&cb), lev, "pair {n}");
        assert_eq!(batch.jaro_winkler(&cb), jw, "pair {n}");
        n += 1;
    }
    assert!(n > 100, "only {n} token pairs read");
}
