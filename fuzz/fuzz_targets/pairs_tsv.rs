//! `hawiya score-pairs`'s streaming TSV reader on arbitrary bytes: never panics; when it
//! succeeds, the output has the header and one `id<TAB>score` row per input row, each
//! score in [0, 1].
#![no_main]

use std::path::Path;
use std::sync::LazyLock;

use hawiya::name::NameComparator;
use hawiya_cli::cmd_score_pairs::score_stream;
use libfuzzer_sys::fuzz_target;

static CMP: LazyLock<NameComparator> = LazyLock::new(NameComparator::default);

fuzz_target!(|data: &[u8]| {
    let mut out = Vec::new();
    let Ok(stats) = score_stream(&CMP, data, Path::new("in.tsv"), &mut out, Path::new("out.tsv"), false)
    else {
        return;
    };
    let text = std::str::from_utf8(&out).expect("output is UTF-8");
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("id\tscore"));
    let mut n = 0;
    for line in lines {
        n += 1;
        let score: f64 = line.rsplit('\t').next().unwrap().parse().unwrap();
        assert!((0.0..=1.0).contains(&score), "{score}");
    }
    assert_eq!(n, stats.rows);
    assert!(stats.empty_names <= stats.rows);
});
