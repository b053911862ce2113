//! Table-driven tests of the date parser: `tests/data/dates.tsv`.

use hawiya::field::{DateConfig, DateFlags, DateValue, ParsedDate};

mod common;
use common::unescape;

fn flag_letters(p: &ParsedDate) -> String {
    let f = p.date.flags();
    [
        (DateFlags::WAS_HIJRI, 'h'),
        (DateFlags::DAY_MONTH_AMBIGUOUS, 'a'),
        (DateFlags::TWO_DIGIT_YEAR, 'y'),
    ]
    .iter()
    .filter(|(flag, _)| f.contains(*flag))
    .map(|&(_, c)| c)
    .collect()
}

fn sorted(s: &str) -> String {
    let mut v: Vec<char> = s.chars().collect();
    v.sort_unstable();
    v.into_iter().collect()
}

#[test]
fn golden_dates() {
    let table = include_str!("data/dates.tsv");
    let cfg = DateConfig::default();
    let mut failures = Vec::new();
    let mut n = 0;
    for (lineno, line) in table.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() && !line.contains('\t') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let input = unescape(cols[0]);
        let expected = cols.get(1).copied().unwrap_or("");
        let flags = cols.get(2).copied().unwrap_or("");
        let swapped = cols.get(3).copied().unwrap_or("");
        n += 1;
        let got = cfg.parse(&input);
        let read = cfg.read(&input);
        // `!reason ~YYYYMMDD`: no date, but kept as these digits; `!reason` alone: null.
        let (expected, digits) = match expected.split_once(" ~") {
            Some((e, d)) => (e, Some(d)),
            None => (expected, None),
        };
        let kept = match &read {
            Ok(DateValue::Digits { written, .. }) => Some(written.to_string()),
            _ => None,
        };
        let ok = match (&got, expected.strip_prefix('!')) {
            (Err(r), Some(reason)) => r.as_str() == reason && kept.as_deref() == digits,
            (Ok(p), None) => {
                let shown = p.date.to_string();
                let date_ok = if expected.ends_with('/') {
                    shown.starts_with(expected)
                } else {
                    shown == expected
                };
                let swapped_ok = swapped.is_empty()
                    || p.swapped.map(|s| s.to_string()).as_deref() == Some(swapped);
                date_ok && sorted(&flag_letters(p)) == sorted(flags) && swapped_ok
            }
            _ => false,
        };
        if !ok {
            let shown = match &got {
                Ok(p) => format!(
                    "{} flags={} swapped={:?}",
                    p.date,
                    flag_letters(p),
                    p.swapped.map(|s| s.to_string())
                ),
                Err(r) => format!("!{r} kept {kept:?}"),
            };
            failures.push(format!(
                "line {}: {input:?}: expected {expected} {flags} {swapped}, got {shown}",
                lineno + 1
            ));
        }
    }
    assert!(n >= 150, "only {n} cases");
    assert!(
        failures.is_empty(),
        "{} of {n} failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
