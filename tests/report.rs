//! The HTML report of a generated registry: self-contained, every section, and the numbers
//! it embeds equal to the library's (the browser test in `tests/report_browser.rs`
//! checks what a browser shows).

use hawiya::{Config, Matcher, ReportOptions, Table};
use hawiya_synth::{COLUMNS, Generator, GeneratorConfig};
use serde_json::Value;

fn registry(records: u64) -> Table {
    Generator::new(GeneratorConfig {
        records,
        seed: 11,
        ..GeneratorConfig::default()
    })
    .unwrap()
    .table()
    .unwrap()
}

/// The JSON the page embeds.
fn embedded(html: &str) -> Value {
    let start = html
        .find(r#"<script type="application/json" id="data">"#)
        .unwrap();
    let rest = &html[start..];
    let open = rest.find('>').unwrap() + 1;
    let close = rest.find("</script>").unwrap();
    serde_json::from_str(&rest[open..close]).unwrap()
}

#[test]
fn the_report_is_self_contained_and_embeds_the_library_numbers() {
    let t = registry(3_000);
    let m = Matcher::new(Config::infer(&COLUMNS).unwrap()).unwrap();
    let result = m.dedupe(&t).unwrap();
    let options = ReportOptions {
        truth_column: Some("cluster".into()),
        ..Default::default()
    };
    let report = m.report(&result, &[&t], &options).unwrap();
    let html = report.to_html();
    for id in [
        "summary",
        "model",
        "blocking",
        "scores",
        "waterfall",
        "clusters",
        "review",
        "audit",
    ] {
        assert!(html.contains(&format!("<section id=\"{id}\"")), "{id}");
    }
    // Offline: nothing loaded from elsewhere.
    for bad in ["src=\"http", "href=\"http", "@import", "url(http", "<link "] {
        assert!(!html.contains(bad), "{bad}");
    }
    assert!(html.matches("<svg").count() >= 5);
    let d = embedded(&html);
    // Pairs per rule, as the run counted them.
    let rules = d["blocking"]["rules"].as_array().unwrap();
    let lib = &result.report.blocking.as_ref().unwrap().rules;
    assert_eq!(rules.len(), lib.len());
    for (a, b) in rules.iter().zip(lib) {
        assert_eq!(a["name"], b.name.as_str());
        assert_eq!(a["pairs"].as_u64(), Some(b.pairs));
        assert!(a["found"].as_u64().is_some());
    }
    // With a truth: a precision–recall curve and a threshold for the target precision.
    assert!(!d["scores"]["pr"].as_array().unwrap().is_empty());
    assert!(d["scores"]["choice"]["p"].as_f64().unwrap() >= 0.99);
    // Every embedded pair's weights add up to the library's match weight.
    let fields = d["model"]["fields"].as_array().unwrap();
    let records = d["records"].as_array().unwrap();
    let pairs = d["pairs"].as_array().unwrap();
    assert!(!pairs.is_empty());
    let by_ids: std::collections::HashMap<(String, String), usize> = result
        .pairs
        .iter()
        .enumerate()
        .map(|(i, p)| ((p.unique_id_l.clone(), p.unique_id_r.clone()), i))
        .collect();
    for p in pairs.iter().take(300) {
        let id = |k: &Value| {
            records[k.as_u64().unwrap() as usize][0]
                .as_str()
                .unwrap()
                .to_string()
        };
        let i = by_ids[&(id(&p[0]), id(&p[1]))];
        let e = result.explain(i).unwrap();
        let levels = p[3].as_str().unwrap();
        let mut w = d["model"]["prior_weight"].as_f64().unwrap();
        for (k, ch) in levels.chars().enumerate() {
            if let Some(l) = ch.to_digit(36) {
                w += fields[k]["levels"][l as usize]["weight"].as_f64().unwrap();
            }
            w += p[4][k].as_f64().unwrap();
        }
        assert!(
            (w - e.match_weight).abs() < 1e-4,
            "{w} vs {}",
            e.match_weight
        );
    }
    // The review list is ranked and points at embedded pairs.
    let review = d["review"].as_array().unwrap();
    assert!(!review.is_empty());
    for w in review.windows(2) {
        assert!(w[0]["expected"].as_f64() >= w[1]["expected"].as_f64());
    }
    // A budget of records keeps whole clusters, weak ones first.
    let small = m
        .report(
            &result,
            &[&t],
            &ReportOptions {
                max_records: 50,
                ..Default::default()
            },
        )
        .unwrap();
    assert!(small.viewer_records() <= 50);
    let sd = embedded(&small.to_html());
    let clusters = sd["clusters"].as_array().unwrap();
    let weak: Vec<bool> = clusters
        .iter()
        .map(|c| c["weak"].as_bool().unwrap())
        .collect();
    assert!(
        weak.windows(2).all(|w| w[0] || !w[1]),
        "weak clusters first"
    );
}

#[test]
fn a_missing_truth_column_is_an_error_naming_it() {
    let t = registry(300);
    let m = Matcher::new(Config::infer(&COLUMNS).unwrap()).unwrap();
    let result = m.dedupe(&t).unwrap();
    let options = ReportOptions {
        truth_column: Some("nope".into()),
        ..Default::default()
    };
    let e = m.report(&result, &[&t], &options).unwrap_err().to_string();
    assert!(e.contains("nope"), "{e}");
}

#[test]
fn a_tiny_run_and_a_link_make_reports_too() {
    // Three records, one pair at most: every section still renders.
    let mut t = Table::new(vec!["unique_id".into(), "full_name".into()]).unwrap();
    t.push_row(&["1", "صالح الفضالة"]).unwrap();
    t.push_row(&["2", "Saleh Al-Fadhala"]).unwrap();
    t.push_row(&["3", "Mona Haddad"]).unwrap();
    let m = Matcher::builder().name("full_name").build().unwrap();
    let result = m.dedupe(&t).unwrap();
    let html = m
        .report(&result, &[&t], &ReportOptions::default())
        .unwrap()
        .to_html();
    assert!(html.contains("<section id=\"clusters\""));
    let d = embedded(&html);
    assert_eq!(d["records"].as_array().unwrap().len(), 3);

    // A link: records of both inputs, each with its input.
    let all = registry(1_000);
    let (mut left, mut right) = (
        Table::new(all.names().to_vec()).unwrap(),
        Table::new(all.names().to_vec()).unwrap(),
    );
    for i in 0..all.len() {
        let row: Vec<&str> = all
            .names()
            .iter()
            .map(|c| all.value(i, c).unwrap_or(""))
            .collect();
        if i % 2 == 0 { &mut left } else { &mut right }
            .push_row(&row)
            .unwrap();
    }
    let m = Matcher::new(Config::infer(&COLUMNS).unwrap()).unwrap();
    let result = m.link(&left, &right).unwrap();
    let options = ReportOptions {
        truth_column: Some("cluster".into()),
        ..Default::default()
    };
    let d = embedded(
        &m.report(&result, &[&left, &right], &options)
            .unwrap()
            .to_html(),
    );
    let sources = d["sources"].as_array().unwrap();
    assert_eq!(sources.len(), d["records"].as_array().unwrap().len());
    assert!(sources.iter().any(|s| s == 0) && sources.iter().any(|s| s == 1));
    // Blocking completeness needs one input; precision–recall works for a link.
    assert!(d["blocking"]["rules"][0]["found"].is_null());
    assert!(!d["scores"]["pr"].as_array().unwrap().is_empty());
}
