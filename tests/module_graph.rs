//! The library's module graph follows the stages: no cycle between the top-level modules of
//! `src/`, and none of the arrows the architecture forbids. Read from the code's own
//! `crate::` paths (names re-exported by `lib.rs` traced to the module defining them);
//! test modules may use anything and are left out.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The stages in order: a module may use only modules before it. `eval` reads the result
/// types of the stages before it (pairs, clusters, blocking reports) and labels; the engine
/// and the index use its metrics, never the other way round.
const ORDER: [&str; 15] = [
    "core",
    "text",
    "similarity",
    "name",
    "field",
    "schema",
    "ingest",
    "prepare",
    "block",
    "score",
    "cluster",
    "eval",
    "engine",
    "index",
    "report",
];

/// Arrows that must never exist.
const NEVER: [(&str, &str); 7] = [
    ("similarity", "name"),
    ("field", "score"),
    ("prepare", "block"),
    ("prepare", "score"),
    ("block", "score"),
    ("eval", "engine"),
    ("eval", "index"),
];

/// Shared by every module by design.
const IGNORED: [&str; 2] = ["error", "lib"];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src/ is readable") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The source without comments and without `#[cfg(test)]` modules.
fn code(src: &str) -> String {
    let mut out = String::new();
    let mut rest = src;
    while let Some(i) = rest.find("#[cfg(test)]") {
        out.push_str(&rest[..i]);
        let after = &rest[i..];
        // A test module declared in another file (`mod tests;`) or inline: skip the item.
        match after.find(['{', ';']) {
            Some(j) if after.as_bytes()[j] == b';' => rest = &after[j + 1..],
            Some(j) => {
                let mut depth = 0usize;
                let mut end = after.len();
                for (k, c) in after[j..].char_indices() {
                    match c {
                        '{' => depth += 1,
                        '}' => {
                            depth -= 1;
                            if depth == 0 {
                                end = j + k + 1;
                                break;
                            }
                        }
                        _ => {}
                    }
                }
                rest = &after[end..];
            }
            None => rest = "",
        }
    }
    out.push_str(rest);
    out.lines()
        .map(|l| match l.find("//") {
            Some(i) => &l[..i],
            None => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Names re-exported by `lib.rs`, with the module they come from.
fn reexports(lib: &str) -> BTreeMap<String, String> {
    let mut map = BTreeMap::new();
    let lib = code(lib);
    let mut rest = lib.as_str();
    while let Some(i) = rest.find("pub use ") {
        let stmt = &rest[i + 8..];
        let end = stmt.find(';').unwrap_or(stmt.len());
        let stmt = &stmt[..end];
        let module = stmt.split("::").next().unwrap_or("").trim().to_string();
        let names = match (stmt.find('{'), stmt.rfind('}')) {
            (Some(a), Some(b)) => stmt[a + 1..b].to_string(),
            _ => stmt.rsplit("::").next().unwrap_or("").to_string(),
        };
        for name in names.split(',') {
            let name = name.split(" as ").last().unwrap_or("").trim();
            if !name.is_empty() {
                map.insert(name.to_string(), module.clone());
            }
        }
        rest = &rest[i + 8 + end..];
    }
    map
}

/// The first path segments after `crate::` in `src` (grouped imports expanded).
fn crate_heads(src: &str) -> Vec<String> {
    let mut heads = Vec::new();
    let mut rest = src;
    while let Some(i) = rest.find("crate::") {
        let ok_before = rest[..i]
            .chars()
            .last()
            .is_none_or(|c| !(c.is_alphanumeric() || c == '_' || c == ':'));
        let after = &rest[i + 7..];
        if ok_before {
            if let Some(group) = after.strip_prefix('{') {
                let end = group.find('}').map_or(group.len(), |e| {
                    // The matching brace of nested groups.
                    let mut depth = 1;
                    let mut at = e;
                    for (k, c) in group.char_indices() {
                        match c {
                            '{' => depth += 1,
                            '}' => {
                                depth -= 1;
                                if depth == 0 {
                                    at = k;
                                    break;
                                }
                            }
                            _ => {}
                        }
                    }
                    at
                });
                let mut depth = 0;
                let mut item = String::new();
                for c in group[..end].chars() {
                    match c {
                        '{' => depth += 1,
                        '}' => depth -= 1,
                        ',' if depth == 0 => {
                            heads.push(item.clone());
                            item.clear();
                            continue;
                        }
                        _ => {}
                    }
                    item.push(c);
                }
                heads.push(item);
            } else {
                heads.push(after.to_string());
            }
        }
        rest = after;
    }
    heads
        .into_iter()
        .filter_map(|h| {
            let h = h.trim();
            let name: String = h
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            (!name.is_empty()).then_some(name)
        })
        .collect()
}

fn module_of(root: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(root).expect("a file under src/");
    let first = rel.components().next().expect("a path component");
    first
        .as_os_str()
        .to_string_lossy()
        .trim_end_matches(".rs")
        .to_string()
}

fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let lib = std::fs::read_to_string(root.join("lib.rs")).expect("lib.rs");
    let reexported = reexports(&lib);
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in files {
        let from = module_of(&root, &file);
        if IGNORED.contains(&from.as_str()) {
            continue;
        }
        let src = std::fs::read_to_string(&file).expect("a source file");
        for head in crate_heads(&code(&src)) {
            let to = reexported.get(&head).cloned().unwrap_or(head);
            if to != from && !IGNORED.contains(&to.as_str()) {
                edges.entry(from.clone()).or_default().insert(to);
            }
        }
    }
    edges
}

#[test]
fn modules_use_only_earlier_stages() {
    let edges = graph();
    let rank = |m: &str| ORDER.iter().position(|o| *o == m);
    let mut wrong = Vec::new();
    for (from, tos) in &edges {
        let Some(rf) = rank(from) else {
            wrong.push(format!("{from}: not a stage of the architecture"));
            continue;
        };
        for to in tos {
            match rank(to) {
                None => wrong.push(format!("{from} -> {to}: not a stage of the architecture")),
                Some(rt) if rt >= rf => wrong.push(format!("{from} -> {to}: a later stage")),
                Some(_) => {}
            }
            if NEVER.contains(&(from.as_str(), to.as_str())) {
                wrong.push(format!("{from} -> {to}: forbidden"));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "module arrows against the stages:\n{}",
        wrong.join("\n")
    );
    // The graph is read at all: the engine uses the stages it orchestrates.
    let engine = &edges["engine"];
    for stage in ["ingest", "prepare", "block", "score", "cluster"] {
        assert!(
            engine.contains(stage),
            "engine does not use {stage}: {engine:?}"
        );
    }
}

#[test]
fn the_reader_sees_grouped_and_inline_paths() {
    let src = "use crate::{core::{Level, par}, schema::Config};\nfn f() { crate::text::fold(x); }\n// crate::engine\n#[cfg(test)]\nmod tests { use crate::index; }";
    let heads = crate_heads(&code(src));
    assert_eq!(heads, ["core", "schema", "text"]);
}
