//! Encoding Latin spellings: the tables of spelling units ([`LATIN_UNITS`], and
//! [`LATIN_INITIAL_UNITS`] at the start of a token) and the longest-match parser over
//! them ([`encode_latin`]).

use std::sync::LazyLock;

/// Latin spelling units, tried longest first at every position: `(spelling, codes)`.
/// A unit may give several codes (`ce` → `s` `e`) or none.
pub const LATIN_UNITS: &[(&str, &[u8])] = &[
    ("dsch", b"j"), // ج in German: Dschihad, Dschamal
    ("sch", b"c"),
    ("tch", b"C"),
    ("kh", b"x"),
    ("sh", b"c"),
    ("ch", b"c"),
    ("th", b"F"),
    ("dh", b"D"),
    ("gh", b"G"),
    ("dj", b"j"),
    ("zh", b"J"),
    ("ph", b"f"),
    ("ck", b"k"),
    ("ou", b"U"),
    ("oo", b"U"),
    ("uu", b"U"),
    ("ee", b"I"),
    ("ii", b"I"),
    ("ei", b"I"),
    ("ai", b"I"),
    ("aa", b"A"),
    ("ce", b"se"),
    ("ci", b"si"),
    ("a", b"a"),
    ("b", b"b"),
    ("c", b"k"),
    ("d", b"d"),
    ("e", b"e"),
    ("f", b"f"),
    ("g", b"g"),
    ("h", b"h"),
    ("i", b"i"),
    ("j", b"j"),
    ("k", b"k"),
    ("l", b"l"),
    ("m", b"m"),
    ("n", b"n"),
    ("o", b"o"),
    ("p", b"p"),
    ("q", b"q"),
    ("r", b"r"),
    ("s", b"s"),
    ("t", b"t"),
    ("u", b"u"),
    ("v", b"v"),
    ("w", b"w"),
    ("x", b"ks"),
    ("y", b"y"),
    ("z", b"z"),
    // Digits written for Arabic letters in chat-style spellings.
    ("2", b"'"),
    ("3", b"E"),
    ("5", b"x"),
    ("6", b"Z"),
    ("7", b"H"),
    ("8", b"G"),
    ("9", b"q"),
];

/// Units tried first at the start of a token only: French `ou` before a vowel is a `w`
/// (`Ouail`, `Ouafa`).
pub const LATIN_INITIAL_UNITS: &[(&str, &[u8])] = &[
    ("oua", b"wa"),
    ("oue", b"we"),
    ("oui", b"wi"),
    ("ouaa", b"wA"),
];

/// One unit: its spelling (up to 4 bytes, zero-padded), length and codes.
#[derive(Clone, Copy)]
struct Unit {
    pat: [u8; 4],
    len: u8,
    codes: &'static [u8],
}

struct UnitTable {
    /// Per first byte: the units starting with it, longest first.
    by_first: Vec<Vec<Unit>>,
}

impl UnitTable {
    fn new(units: &'static [(&'static str, &'static [u8])]) -> Self {
        let mut by_first: Vec<Vec<Unit>> = vec![Vec::new(); 128];
        for &(pat, codes) in units {
            let p = pat.as_bytes();
            let mut arr = [0u8; 4];
            let len = p.len().min(4);
            arr[..len].copy_from_slice(&p[..len]);
            if let Some(v) = by_first.get_mut(usize::from(p[0])) {
                v.push(Unit {
                    pat: arr,
                    len: len as u8,
                    codes,
                });
            }
        }
        for v in &mut by_first {
            v.sort_by_key(|u| std::cmp::Reverse(u.len));
        }
        UnitTable { by_first }
    }

    #[inline]
    fn longest(&self, rest: &[u8]) -> Option<(usize, &'static [u8])> {
        let first = *rest.first()?;
        let units = self.by_first.get(usize::from(first))?;
        let mut window = [0u8; 4];
        let n = rest.len().min(4);
        window[..n].copy_from_slice(&rest[..n]);
        for u in units {
            let l = usize::from(u.len);
            if l <= n && window[..l] == u.pat[..l] {
                return Some((l, u.codes));
            }
        }
        None
    }
}

static LATIN: LazyLock<UnitTable> = LazyLock::new(|| UnitTable::new(LATIN_UNITS));
static LATIN_INITIAL: LazyLock<UnitTable> = LazyLock::new(|| UnitTable::new(LATIN_INITIAL_UNITS));

/// Encode folded Latin text (lowercase ASCII letters and digits) with the longest-match
/// unit parser. Bytes that no unit covers are skipped.
///
/// ```
/// use hawiya::name::phonetic::encode_latin;
/// let mut c = Vec::new();
/// encode_latin(b"khaled", &mut c);
/// assert_eq!(c, b"xaled");
/// c.clear();
/// encode_latin(b"youssef", &mut c);
/// assert_eq!(c, b"yUsef"); // doubled consonant letters are one consonant
/// ```
pub fn encode_latin(text: &[u8], out: &mut Vec<u8>) {
    let mut i = 0;
    if let Some((n, codes)) = LATIN_INITIAL.longest(text) {
        out.extend_from_slice(codes);
        i = n;
    }
    while i < text.len() {
        // A doubled consonant letter (shadda in Latin: `ss`, `mm`, `rr`) is one consonant;
        // Arabic script does not write the doubling once tashkeel is gone.
        if i > 0 && text[i] == text[i - 1] && is_latin_consonant(text[i]) {
            i += 1;
            continue;
        }
        match LATIN.longest(&text[i..]) {
            Some((n, codes)) => {
                out.extend_from_slice(codes);
                i += n;
            }
            None => i += 1,
        }
    }
}

fn is_latin_consonant(b: u8) -> bool {
    b.is_ascii_lowercase() && !matches!(b, b'a' | b'e' | b'i' | b'o' | b'u')
}
