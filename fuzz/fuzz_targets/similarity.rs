//! Similarity kernels on arbitrary symbol strings: no panic, scores in [0, 1], symmetry,
//! agreement with strsim and between free, cached and weighted forms.
#![no_main]

use hawiya::similarity::{BatchComparator, CostTable, jaro, levenshtein, weighted};
use libfuzzer_sys::fuzz_target;

fn decode(v: &[u8]) -> String {
    v.iter()
        .map(|&c| char::from_u32(0x100 + u32::from(c)).unwrap_or('?'))
        .collect()
}

fuzz_target!(|data: &[u8]| {
    let Some((&split, rest)) = data.split_first() else {
        return;
    };
    let k = usize::from(split) % (rest.len() + 1);
    let (a, b) = rest.split_at(k);
    // Half the time fold into the prepared alphabet to exercise the bit-parallel paths.
    let fold = split & 1 == 1;
    let a: Vec<u8> = a.iter().map(|&c| if fold { c % 8 } else { c }).collect();
    let b: Vec<u8> = b.iter().map(|&c| if fold { c % 8 } else { c }).collect();
    let (da, db) = (decode(&a), decode(&b));

    let d = levenshtein::distance(&a, &b);
    assert_eq!(d, strsim::levenshtein(&da, &db));
    assert_eq!(d, levenshtein::distance(&b, &a));
    let s = levenshtein::normalized_similarity(&a, &b);
    assert!((0.0..=1.0).contains(&s));

    let jw = jaro::jaro_winkler(&a, &b);
    assert_eq!(jw, strsim::jaro_winkler(&da, &db));
    assert_eq!(jw, jaro::jaro_winkler(&b, &a));
    assert!((0.0..=1.0).contains(&jw));

    let batch = BatchComparator::new(&a);
    assert_eq!(batch.levenshtein_distance(&b), d);
    assert_eq!(batch.jaro_winkler(&b), jw);

    assert_eq!(weighted::similarity(&CostTable::unit(), &a, &b), s);
    let table = CostTable::builder()
        .indel_group(&[0, 1], 0.25)
        .substitution_group(&[2, 3, 4], 0.4)
        .doubling_group(&[5, 6], 0.0)
        .transposition(Some(0.6))
        .build()
        .expect("valid table");
    let w = weighted::similarity(&table, &a, &b);
    assert!((0.0..=1.0).contains(&w));
    assert_eq!(w, weighted::similarity(&table, &b, &a));
});
