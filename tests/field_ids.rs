//! Table-driven tests of the identifier parsers and comparator: `tests/data/ids.tsv`.

use hawiya::field::{FieldComparator, IdComparator, Identifier, KuwaitCivilId};

mod common;
use common::unescape;

#[test]
fn golden_ids() {
    let table = include_str!("data/ids.tsv");
    let cmp = IdComparator;
    let mut failures = Vec::new();
    let mut n = 0;
    for (lineno, line) in table.lines().enumerate() {
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let (kind, input, expected) = (cols[0], unescape(cols[1]), cols[2]);
        let extra = cols.get(3).copied().unwrap_or("");
        n += 1;
        let got = match kind {
            "kuwait" => match KuwaitCivilId::parse(&input) {
                Ok(id) => {
                    assert_eq!(
                        id.birth_date().day(),
                        id.as_str()[5..7].parse::<u8>().unwrap()
                    );
                    format!("{} {}", id.as_str(), id.birth_date())
                }
                Err(r) => format!("!{r}"),
            },
            "generic" => match Identifier::parse(&input) {
                Ok(id) => id.as_str().to_owned(),
                Err(r) => format!("!{r}"),
            },
            "pair" => {
                let (a, b) = (cmp.prepare(&input), cmp.prepare(&unescape(expected)));
                let l = cmp.compare(&a, &b);
                assert_eq!(l, cmp.compare(&b, &a), "asymmetric on line {}", lineno + 1);
                l.name_in(cmp.levels()).to_owned()
            }
            other => panic!("unknown kind {other} on line {}", lineno + 1),
        };
        let want = match kind {
            "kuwait" if !extra.is_empty() => format!("{expected} {extra}"),
            "pair" => extra.to_owned(),
            _ => expected.to_owned(),
        };
        if got != want {
            failures.push(format!(
                "line {}: {kind} {input:?}: expected {want}, got {got}",
                lineno + 1
            ));
        }
    }
    assert!(n >= 50, "only {n} cases");
    assert!(
        failures.is_empty(),
        "{} of {n} failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
