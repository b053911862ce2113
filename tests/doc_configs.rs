//! The configs of the documentation are valid: every ```toml block of README.md and
//! docs/*.md, and examples/config.toml, read as a config and resolved against the header
//! of examples/data/registry.csv (the file the docs run them on).

use std::path::{Path, PathBuf};

use hawiya::{Config, FieldKind, WrittenConfig};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn registry_header() -> Vec<String> {
    let text = std::fs::read_to_string(root().join("examples/data/registry.csv")).unwrap();
    let first = text.lines().next().unwrap();
    first.split(',').map(str::to_string).collect()
}

/// The ```toml blocks of a Markdown file, with their first line number.
fn toml_blocks(path: &Path) -> Vec<(usize, String)> {
    let text = std::fs::read_to_string(path).unwrap();
    let mut out = Vec::new();
    let mut current: Option<(usize, String)> = None;
    for (i, line) in text.lines().enumerate() {
        match &mut current {
            None if line.trim_end() == "```toml" => current = Some((i + 2, String::new())),
            Some(_) if line.starts_with("```") => out.extend(current.take()),
            Some((_, body)) => {
                body.push_str(line);
                body.push('\n');
            }
            None => {}
        }
    }
    out
}

#[test]
fn every_toml_block_of_the_docs_is_a_valid_config() {
    let header = registry_header();
    let mut files = vec![root().join("README.md")];
    let mut docs: Vec<PathBuf> = std::fs::read_dir(root().join("docs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    docs.sort();
    files.extend(docs);
    let mut checked = 0;
    for f in &files {
        for (line, body) in toml_blocks(f) {
            let at = format!("{}:{line}", f.display());
            let written = WrittenConfig::from_toml(&body).unwrap_or_else(|e| panic!("{at}: {e}"));
            let cfg = written
                .resolve(&header)
                .unwrap_or_else(|e| panic!("{at}: {e}"));
            // Every field's column is in the file the docs run the config on.
            for c in cfg.fields.iter().flat_map(|f| f.columns()) {
                assert!(header.iter().any(|h| h == c), "{at}: no column {c:?}");
            }
            checked += 1;
        }
    }
    // README's config section and the guide's blocking example at least.
    assert!(checked >= 2, "{checked} toml blocks");
}

#[test]
fn the_example_config_is_complete_and_has_the_defaults() {
    let text = std::fs::read_to_string(root().join("examples/config.toml")).unwrap();
    let cfg = Config::from_toml(&text).unwrap();
    let header = registry_header();
    let kinds: Vec<(&str, FieldKind)> = cfg
        .fields
        .iter()
        .map(|f| (f.column.as_str(), f.kind))
        .collect();
    assert_eq!(
        kinds,
        [
            ("full_name", FieldKind::Name),
            ("dob", FieldKind::Date),
            ("civil_id", FieldKind::Id),
            ("gender", FieldKind::Categorical),
            ("nationality", FieldKind::Categorical),
            ("phone", FieldKind::Phone),
        ]
    );
    for c in cfg.fields.iter().flat_map(|f| f.columns()) {
        assert!(header.iter().any(|h| h == c), "no column {c:?}");
    }
    // It writes out every default, so it says what a config without those keys does.
    let defaults = Config::new(cfg.fields.clone());
    assert_eq!(cfg.threshold, defaults.threshold);
    assert_eq!(cfg.min_density, defaults.min_density);
    assert_eq!(cfg.seed, defaults.seed);
    assert_eq!(cfg.u_sample_pairs, defaults.u_sample_pairs);
    assert_eq!(cfg.full_histogram, defaults.full_histogram);
    assert_eq!(cfg.em, defaults.em);
    assert_eq!(cfg.id_column, defaults.id_column);
    assert!(cfg.blocking.is_empty());
    // The inferred config of the same header finds the same fields.
    let inferred = Config::infer(&header).unwrap();
    let inferred_columns: Vec<&str> = inferred.fields.iter().map(|f| f.column.as_str()).collect();
    for (c, _) in &kinds {
        assert!(inferred_columns.contains(c), "{c}");
    }
}
