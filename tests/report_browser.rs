//! The HTML report in a real browser: headless Chromium opens the report of a generated
//! registry, its script runs, and the numbers the page shows (pairs per blocking rule, the
//! weights of the pair in the waterfall) must equal the library's; any console message or
//! script error fails the test. Screenshots of the page are written next to the report (and
//! into `$HAWIYA_SCREENSHOTS` when set: the README's images).
//!
//! Chromium is looked for as `$HAWIYA_CHROMIUM`, `chromium`, `chromium-browser`,
//! `google-chrome`; without one the test is skipped (with a message), except under
//! `CI=true`, where `.ci/run` installs Debian's `chromium`.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use hawiya::{Config, MatchResult, Matcher, ReportOptions, Table};
use hawiya_synth::{COLUMNS, Generator, GeneratorConfig};
use serde_json::Value;

fn chromium() -> Option<PathBuf> {
    let mut names: Vec<String> = std::env::var("HAWIYA_CHROMIUM").into_iter().collect();
    names.extend(["chromium", "chromium-browser", "google-chrome"].map(String::from));
    let path = std::env::var_os("PATH")?;
    names.iter().find_map(|n| {
        let p = Path::new(n);
        if p.is_absolute() {
            return p.is_file().then(|| p.to_path_buf());
        }
        std::env::split_paths(&path)
            .map(|d| d.join(n))
            .find(|c| c.is_file())
    })
}

/// What the page's script wrote into `#selfcheck`, and the browser's log lines of the
/// page's console.
struct Opened {
    check: Value,
    console: Vec<String>,
    seconds: f64,
}

fn browser_args(profile: &Path) -> Vec<String> {
    [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-extensions",
        "--hide-scrollbars",
        "--enable-logging=stderr",
        "--v=0",
    ]
    .map(String::from)
    .into_iter()
    .chain([format!("--user-data-dir={}", profile.display())])
    .collect()
}

fn url(html: &Path, hash: &str) -> String {
    format!("file://{}{hash}", html.canonicalize().unwrap().display())
}

/// Console messages of the page in Chromium's log (`…:CONSOLE(line)] "message", source: …`).
fn console_lines(stderr: &[u8]) -> Vec<String> {
    String::from_utf8_lossy(stderr)
        .lines()
        .filter(|l| l.contains(":CONSOLE"))
        .map(str::to_string)
        .collect()
}

fn open(chrome: &Path, html: &Path, profile: &Path) -> Opened {
    let t0 = Instant::now();
    let out = Command::new(chrome)
        .args(browser_args(profile))
        .arg("--dump-dom")
        .arg(url(html, ""))
        .output()
        .expect("chromium runs");
    let seconds = t0.elapsed().as_secs_f64();
    let dom = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && !dom.is_empty(),
        "chromium failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let start = dom
        .find("<pre id=\"selfcheck\"")
        .expect("the page has its self-check");
    let text_start = start + dom[start..].find('>').unwrap() + 1;
    let text_end = text_start + dom[text_start..].find("</pre>").unwrap();
    let text = dom[text_start..text_end]
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&nbsp;", "\u{a0}")
        .replace("&amp;", "&");
    assert!(!text.is_empty(), "the page's script did not run");
    Opened {
        check: serde_json::from_str(&text).expect("self-check JSON"),
        console: console_lines(&out.stderr),
        seconds,
    }
}

fn screenshot(chrome: &Path, html: &Path, profile: &Path, hash: &str, size: &str, png: &Path) {
    let out = Command::new(chrome)
        .args(browser_args(profile))
        .arg(format!("--screenshot={}", png.display()))
        .arg(format!("--window-size={size}"))
        .arg(url(html, hash))
        .output()
        .expect("chromium runs");
    assert!(
        out.status.success(),
        "chromium screenshot failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let console = console_lines(&out.stderr);
    assert!(console.is_empty(), "console messages: {console:#?}");
    let bytes = std::fs::read(png).expect("the screenshot is written");
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "{}", png.display());
    // A blank page compresses to almost nothing.
    assert!(bytes.len() > 20_000, "{} looks blank", png.display());
}

fn registry() -> Table {
    Generator::new(GeneratorConfig {
        records: 3_000,
        seed: 23,
        ..GeneratorConfig::default()
    })
    .unwrap()
    .table()
    .unwrap()
}

/// The position in the run of the pair of unique ids `ids` (either order).
fn library_pair(result: &MatchResult, ids: &[Value]) -> usize {
    let (a, b) = (ids[0].as_str().unwrap(), ids[1].as_str().unwrap());
    result
        .pairs
        .iter()
        .position(|p| {
            (p.unique_id_l == a && p.unique_id_r == b) || (p.unique_id_l == b && p.unique_id_r == a)
        })
        .expect("the waterfall's pair is a pair of the run")
}

#[test]
fn the_report_opens_in_chromium_and_shows_the_library_numbers() {
    let Some(chrome) = chromium() else {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "CI=true but no Chromium (install Debian's chromium)"
        );
        eprintln!("skipped: no Chromium (set HAWIYA_CHROMIUM or install chromium)");
        return;
    };
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("report_browser");
    let profile = dir.join("profile");
    std::fs::create_dir_all(&profile).unwrap();
    let t = registry();
    let m = Matcher::new(Config::infer(&COLUMNS).unwrap()).unwrap();
    let result = m.dedupe(&t).unwrap();
    let options = ReportOptions {
        truth_column: Some("cluster".into()),
        ..Default::default()
    };
    let html = dir.join("report.html");
    m.report(&result, &[&t], &options)
        .unwrap()
        .write_html(&html)
        .unwrap();

    let opened = open(&chrome, &html, &profile);
    let c = &opened.check;
    eprintln!(
        "chromium ran {:.2}s; the page was ready {} ms after navigation (script {} ms)",
        opened.seconds, c["page_ms"], c["render_ms"]
    );
    assert!(opened.console.is_empty(), "console: {:#?}", opened.console);
    assert_eq!(c["errors"], Value::Array(vec![]), "script errors");
    let sections: Vec<&str> = c["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    for s in [
        "summary",
        "model",
        "blocking",
        "scores",
        "waterfall",
        "clusters",
        "review",
        "audit",
    ] {
        assert!(sections.contains(&s), "section {s} in {sections:?}");
    }
    assert!(
        c["charts"].as_u64().unwrap() >= 6,
        "charts: {}",
        c["charts"]
    );

    // Pairs per blocking rule, as shown, equal the run's.
    let rules = c["rules"].as_array().unwrap();
    let lib = &result.report.blocking.as_ref().unwrap().rules;
    assert_eq!(rules.len(), lib.len());
    for (shown, r) in rules.iter().zip(lib) {
        assert_eq!(shown[0].as_str(), Some(r.name.as_str()));
        assert_eq!(shown[1].as_u64(), Some(r.pairs), "rule {}", r.name);
    }

    // The waterfall's pair: every weight shown equals the library's explanation (to the
    // two decimals shown).
    let wf = &c["waterfall"];
    let i = library_pair(&result, wf["ids"].as_array().unwrap());
    let e = result.explain(i).unwrap();
    let close = |shown: &Value, x: f64, what: &str| {
        let s = shown.as_f64().unwrap();
        assert!(
            (s - x).abs() <= 0.005 + 1e-9,
            "{what}: shown {s}, library {x}"
        );
    };
    close(&wf["prior"], e.prior_weight, "prior");
    let rows = wf["rows"].as_array().unwrap();
    assert_eq!(rows.len(), e.contributions.len());
    for (row, contribution) in rows.iter().zip(&e.contributions) {
        assert_eq!(row[0].as_str(), Some(contribution.field.as_str()));
        assert_eq!(row[1].as_str(), Some(contribution.level_name.as_str()));
        close(&row[2], contribution.weight, &contribution.field);
        close(&row[3], contribution.tf_adjustment, &contribution.field);
    }
    close(&wf["total"], e.match_weight, "match weight");
    let p = wf["probability"].as_f64().unwrap();
    assert!(
        (p - e.match_probability).abs() <= 5e-5 + 1e-9,
        "probability {p}"
    );
    assert_eq!(
        wf["aligned"].as_u64(),
        Some(2),
        "weights and token alignment"
    );
    assert!(c["clusters_listed"].as_u64().unwrap() > 0);
    assert!(c["cluster_shown"].is_string());
    assert!(c["review_rows"].as_u64().unwrap() > 0);

    // Screenshots: the top of the page, the pair's waterfall, the cluster viewer.
    let shots = [
        ("report-overview.png", "", "1280,1700"),
        ("report-waterfall.png", "#only=waterfall", "1280,1150"),
        ("report-clusters.png", "#only=clusters", "1280,1000"),
    ];
    let keep = std::env::var_os("HAWIYA_SCREENSHOTS").map(PathBuf::from);
    for (name, hash, size) in shots {
        let png = dir.join(name);
        screenshot(&chrome, &html, &profile, hash, size, &png);
        if let Some(k) = &keep {
            std::fs::create_dir_all(k).unwrap();
            std::fs::copy(&png, k.join(name)).unwrap();
        }
    }
}
