//! Table-driven tests of the nationality parser: `tests/data/nationalities.tsv`.

use hawiya::field::Nationality;

mod common;
use common::unescape;

#[test]
fn golden_nationalities() {
    let table = include_str!("data/nationalities.tsv");
    let mut failures = Vec::new();
    let (mut n, mut arabic, mut latin) = (0, 0, 0);
    for (lineno, line) in table.lines().enumerate() {
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        let (input, expected) = line.split_once('\t').expect("two columns");
        let input = unescape(input);
        n += 1;
        if input
            .chars()
            .any(|c| ('\u{0600}'..='\u{06FF}').contains(&c))
        {
            arabic += 1;
        } else if input.chars().any(|c| c.is_ascii_alphabetic()) {
            latin += 1;
        }
        let got = match Nationality::parse(&input) {
            Ok(nat) => nat.as_str().to_owned(),
            Err(r) => format!("!{r}"),
        };
        if got != expected {
            failures.push(format!(
                "line {}: {input:?}: expected {expected}, got {got}",
                lineno + 1
            ));
        }
    }
    assert!(
        n >= 100 && arabic >= 50 && latin >= 50,
        "{n} cases, {arabic} Arabic, {latin} Latin"
    );
    assert!(
        failures.is_empty(),
        "{} of {n} failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
