//! Helpers shared by the table-driven field tests.

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
