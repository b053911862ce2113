//! Helpers shared by the integration tests: escapes of the golden files, the shared
//! development data.
#![allow(dead_code)] // each test binary uses some of them

/// Replace `\u{XXXX}` escapes with their characters (the golden TSV files keep invisible
/// and bidi characters readable this way).
pub fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find("\\u{") {
        out.push_str(&rest[..i]);
        let after = &rest[i + 3..];
        let end = after.find('}').expect("closing brace of \\u{...}");
        let cp = u32::from_str_radix(&after[..end], 16).expect("hex code point");
        out.push(char::from_u32(cp).expect("valid code point"));
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    out
}

/// Where the shared development data lives: `$HAWIYA_SHARED_DATA`, else `../shared/data`
/// next to the crate.
pub fn data_dir() -> std::path::PathBuf {
    match std::env::var_os("HAWIYA_SHARED_DATA") {
        Some(d) => std::path::PathBuf::from(d),
        None => std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data"),
    }
}

/// The labelled pairs of a development file, or `None` (with a note on stderr) when the
/// data is not there: tests on it then pass as skipped. A file that is there but cannot
/// be read is a test failure.
pub fn dev_pairs(file: &str) -> Option<Vec<hawiya::eval::LabelledPair>> {
    let path = data_dir().join(file);
    if !path.exists() {
        eprintln!("note: {} not found; skipped", path.display());
        return None;
    }
    Some(hawiya::eval::read_labelled_pairs(&path).expect("readable development data"))
}
