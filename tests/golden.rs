//! Golden cases in `tests/data/*.toml` (see the header of `orthography.toml` for the
//! format). Every case is checked; failures are collected and reported together.

use std::path::PathBuf;

use hawiya::name::Normalizer;
use hawiya::text::Script;
use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    same: Vec<Same>,
    #[serde(default)]
    differ: Vec<Differ>,
    #[serde(default)]
    parse: Vec<Parse>,
    #[serde(default)]
    rasm: Vec<Rasm>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Same {
    about: String,
    key: Option<String>,
    names: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Differ {
    about: String,
    #[serde(default)]
    strict: bool,
    names: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Parse {
    about: String,
    input: String,
    normalized: Option<String>,
    roles: Option<Vec<String>>,
    key: Option<String>,
    family_first: Option<bool>,
    script: Option<Script>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Rasm {
    about: String,
    same: Vec<Vec<String>>,
}

#[test]
fn golden_cases() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let n = Normalizer::default();
    let mut failures: Vec<String> = Vec::new();
    let mut cases = 0usize;
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/data exists")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        // compare_*.toml are the comparator's golden pairs (tests/compare.rs).
        .filter(|p| {
            !p.file_name()
                .is_some_and(|f| f.to_string_lossy().starts_with("compare_"))
        })
        .collect();
    files.sort();
    assert!(!files.is_empty());
    for path in files {
        let text = std::fs::read_to_string(&path).expect("readable");
        let file: File =
            toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let fname = path.file_name().unwrap().to_string_lossy().to_string();
        for s in &file.same {
            let expected = match &s.key {
                Some(k) => k.clone(),
                None => n.normalize(&s.names[0]).key(),
            };
            for name in &s.names {
                cases += 1;
                let got = n.normalize(name).key();
                if got != expected {
                    failures.push(format!(
                        "{fname}: [{}] {name:?}: key {got:?}, expected {expected:?}",
                        s.about
                    ));
                }
            }
        }
        for d in &file.differ {
            let keys: Vec<String> = d
                .names
                .iter()
                .map(|s| {
                    let p = n.normalize(s);
                    if d.strict { p.strict_key() } else { p.key() }
                })
                .collect();
            for i in 0..keys.len() {
                for j in i + 1..keys.len() {
                    cases += 1;
                    if keys[i] == keys[j] {
                        failures.push(format!(
                            "{fname}: [{}] {:?} and {:?} share key {:?}",
                            d.about, d.names[i], d.names[j], keys[i]
                        ));
                    }
                }
            }
        }
        for p in &file.parse {
            cases += 1;
            let got = n.normalize(&p.input);
            let mut bad = Vec::new();
            if p.normalized.as_ref().is_some_and(|x| *x != got.normalized) {
                bad.push(format!("normalized {:?}", got.normalized));
            }
            if p.key.as_ref().is_some_and(|x| *x != got.key()) {
                bad.push(format!("key {:?}", got.key()));
            }
            if p.family_first.is_some_and(|x| x != got.family_first) {
                bad.push(format!("family_first {}", got.family_first));
            }
            if p.script.is_some_and(|x| x != got.script) {
                bad.push(format!("script {:?}", got.script));
            }
            if let Some(roles) = &p.roles {
                let r: Vec<&str> = got.tokens.iter().map(|t| t.role().as_str()).collect();
                if r != *roles {
                    bad.push(format!("roles {r:?}"));
                }
            }
            if !bad.is_empty() {
                failures.push(format!(
                    "{fname}: [{}] {:?}: {}",
                    p.about,
                    p.input,
                    bad.join(", ")
                ));
            }
        }
        for r in &file.rasm {
            for group in &r.same {
                let expected = n.normalize(&group[0]).rasm_key();
                for name in group {
                    cases += 1;
                    let got = n.normalize(name).rasm_key();
                    if got != expected {
                        failures.push(format!(
                            "{fname}: [{}] {name:?}: rasm {got:?}, expected {expected:?}",
                            r.about
                        ));
                    }
                }
            }
        }
    }
    println!("golden cases checked: {cases}");
    assert!(
        failures.is_empty(),
        "{} of {cases} golden cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(cases >= 300, "only {cases} golden cases");
}
