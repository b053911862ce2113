//! The cross-script phonetic code: one small alphabet for Arabic-script and Latin tokens.
//!
//! Every token is encoded once into a sequence of `u8` codes. The codes are printable ASCII
//! letters (plus `'` for hamza), so a code is also a readable string and keys built from it
//! are plain strings. An Arabic-script token is encoded letter by letter, with `ا و ي`
//! read as long vowels or consonants from their position; a Latin token is encoded by a
//! longest-match parser over the tables [`LATIN_UNITS`] and [`LATIN_INITIAL_UNITS`]
//! (`kh`, `sh`, `sch`, `dj`, `ou`, `ee` …), so spelling conventions live in data, not in
//! branches.
//!
//! ## The alphabet
//!
//! | code | Arabic | Latin units | kind |
//! |---|---|---|---|
//! | `'` | ء (hamza, in digit spellings `2`) | `2` | glottal |
//! | `E` | ع | `3` | glottal |
//! | `a` `e` `i` `o` `u` | — (short vowels are not written) | `a` `e` `i` `o` `u` | short vowel |
//! | `A` | ا (not initial), آ | `aa` | long vowel |
//! | `I` | ي between consonants or final | `ee` `ii` `ei` `ai` | long vowel |
//! | `U` | و between consonants or final | `ou` `oo` `uu` | long vowel |
//! | `b` | ب | `b` | consonant |
//! | `p` | پ | `p` | consonant |
//! | `t` | ت | `t` | consonant |
//! | `T` | ط | — | consonant |
//! | `F` | ث | `th` | consonant |
//! | `j` | ج | `j` `dj` | consonant |
//! | `J` | ژ | `zh` | consonant |
//! | `C` | چ | `tch` | consonant |
//! | `H` | ح | `7` | consonant |
//! | `x` | خ | `kh` `5` | consonant |
//! | `h` | ه ة | `h` | consonant |
//! | `d` | د | `d` | consonant |
//! | `V` | ذ | — | consonant |
//! | `r` | ر | `r` | consonant |
//! | `z` | ز | `z` | consonant |
//! | `s` | س | `s` `ce` `ci` | consonant |
//! | `c` | ش | `sh` `ch` `sch` | consonant |
//! | `S` | ص | — | consonant |
//! | `D` | ض | `dh` | consonant |
//! | `Z` | ظ | `6` | consonant |
//! | `G` | غ | `gh` `8` | consonant |
//! | `f` | ف | `f` `ph` | consonant |
//! | `v` | ڤ | `v` | consonant |
//! | `q` | ق | `q` `9` | consonant |
//! | `k` | ك | `k` `c` `ck`, `x` (read `ks`) | consonant |
//! | `g` | گ | `g` | consonant |
//! | `l` `m` `n` `r` | ل م ن ر | `l` `m` `n` `r` | consonant |
//! | `w` | و (initial, next to a long vowel) | `w` | semivowel |
//! | `y` | ي (initial, next to a long vowel) | `y` | semivowel |
//!
//! A Latin letter that stands for several Arabic ones gets the code of its commonest
//! reading (`t`→ت, `s`→س, `d`→د, `h`→ه, `th`→ث, `dh`→ض, `x`→`ks` as in Western names); a comparator puts a cheap
//! substitution cost on the ambiguous pairs of `ARABIC_NAMES.md` §3, which [`CODE_GROUPS`]
//! lists, and a cheap insertion/deletion cost on vowels and glottals ([`is_vowel`],
//! [`is_glottal`]).
//!
//! ## Keys
//! - **Loose key** ([`loose_key`]): vowels, glottals and non-initial semivowels dropped, the
//!   codes merged by [`loose_class`] (one class per group of [`CODE_GROUPS`] that popular
//!   spellings confuse), a final `h` dropped (taa marbuta, `-ah`/`-eh`). Doubling is already
//!   gone from the code: tashkeel (shadda) is folded away in Arabic script and the Latin
//!   parser reads a doubled consonant letter (`ss`, `mm`) as one. `محمد`, `Muhammad`,
//!   `Mohamed` → `mhmd`; `بلال`, `Bilal` → `bll`.
//! - **Strict key** ([`strict_key`]): fewer merges (`gh` ≠ `k`, `j` ≠ `k`, `p` ≠ `b`), an onset mark
//!   `'` when the name starts with a vowel, hamza or ayn, and the long vowels `I`/`U`
//!   inside the word kept as `y`/`w`: `محمد` → `mhmd` but `محمود` → `mhmwd`; `حسن` →
//!   `hsn` but `حسين`, `Hussein` → `hsyn`.

mod arabic;
mod latin;

pub use arabic::{ARABIC_LETTERS, encode_arabic};
pub use latin::{LATIN_INITIAL_UNITS, LATIN_UNITS, encode_latin};

use std::sync::LazyLock;

/// What a code stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeKind {
    /// A short vowel (`a e i o u`), written only in Latin.
    ShortVowel,
    /// A long vowel (`A I U`).
    LongVowel,
    /// Hamza or ayn (`'`, `E`).
    Glottal,
    /// `w` or `y` used as a consonant.
    Semivowel,
    /// Any other consonant.
    Consonant,
}

/// The kind of a code, or `None` for a byte that is not in the alphabet.
///
/// ```
/// use hawiya::name::phonetic::{code_kind, CodeKind};
/// assert_eq!(code_kind(b'U'), Some(CodeKind::LongVowel));
/// assert_eq!(code_kind(b'H'), Some(CodeKind::Consonant));
/// assert_eq!(code_kind(b'!'), None);
/// ```
pub fn code_kind(code: u8) -> Option<CodeKind> {
    Some(match code {
        b'a' | b'e' | b'i' | b'o' | b'u' => CodeKind::ShortVowel,
        b'A' | b'I' | b'U' => CodeKind::LongVowel,
        b'\'' | b'E' => CodeKind::Glottal,
        b'w' | b'y' => CodeKind::Semivowel,
        b'b' | b'p' | b't' | b'T' | b'F' | b'j' | b'J' | b'C' | b'H' | b'x' | b'h' | b'd'
        | b'V' | b'r' | b'z' | b's' | b'c' | b'S' | b'D' | b'Z' | b'G' | b'f' | b'v' | b'q'
        | b'k' | b'g' | b'l' | b'm' | b'n' => CodeKind::Consonant,
        _ => return None,
    })
}

/// Whether `code` is a short or long vowel.
pub fn is_vowel(code: u8) -> bool {
    matches!(
        code_kind(code),
        Some(CodeKind::ShortVowel | CodeKind::LongVowel)
    )
}

/// Whether `code` is hamza or ayn (often unwritten in Latin).
pub fn is_glottal(code: u8) -> bool {
    code == b'\'' || code == b'E'
}

/// Groups of codes that the spellings of `ARABIC_NAMES.md` §3 confuse. Codes in one
/// group share a [`loose_class`]; a comparator should make substitutions inside a group
/// cheap. The first byte of each entry is the class letter.
///
/// Latin `g` stands for `ج` (Egypt: Gamal, Ragab) about as often as for `ق`, `غ` or `گ`
/// (Gulf Gasim, Ganem, Persian names), so `ج` shares the velar class `k` in the loose key;
/// the strict key keeps `j` apart. `ذ` and `ظ` are spelt `z` more often than `dh` (Persian,
/// Urdu, Egyptian spellings), so they share the class `z`; `ض` is mostly `d`/`dh` and
/// stays with `d`, as does Latin `dh`.
pub const CODE_GROUPS: &[(u8, &[u8])] = &[
    (b'b', b"bp"),
    (b't', b"tTF"),
    (b'd', b"dD"),
    (b's', b"sS"),
    (b'z', b"zVZ"),
    (b'c', b"cC"),
    (b'h', b"hH"),
    (b'x', b"x"),
    (b'k', b"kqgGjJ"),
    (b'f', b"f"),
    (b'w', b"wvU"),
    (b'y', b"yI"),
    (b'r', b"r"),
    (b'l', b"l"),
    (b'm', b"m"),
    (b'n', b"n"),
];

static LOOSE: LazyLock<[u8; 128]> = LazyLock::new(|| {
    let mut t = [0u8; 128];
    for &(class, members) in CODE_GROUPS {
        for &m in members {
            t[m as usize] = class;
        }
    }
    // Long vowels are vowels in the loose key, whatever their group for comparison.
    t[b'U' as usize] = 0;
    t[b'I' as usize] = 0;
    t
});

static STRICT: LazyLock<[u8; 128]> = LazyLock::new(|| {
    let mut t = *LOOSE;
    t[b'p' as usize] = b'p';
    t[b'G' as usize] = b'g';
    t[b'j' as usize] = b'j';
    t[b'J' as usize] = b'j';
    t[b'U' as usize] = b'w';
    t[b'I' as usize] = b'y';
    t
});

/// The loose-key class of a code (a lowercase ASCII letter), or 0 when the loose key
/// drops it (vowels, hamza, ayn).
///
/// ```
/// use hawiya::name::phonetic::loose_class;
/// assert_eq!(loose_class(b'q'), b'k'); // ق ~ k ~ g
/// assert_eq!(loose_class(b'V'), b'z'); // ذ ~ z (Monzer)
/// assert_eq!(loose_class(b'D'), b'd'); // ض ~ d (Fadala, Fadhala)
/// assert_eq!(loose_class(b'a'), 0);
/// ```
pub fn loose_class(code: u8) -> u8 {
    if code < 128 { LOOSE[code as usize] } else { 0 }
}

/// The strict-key class of a code, or 0 when the strict key drops it.
pub fn strict_class(code: u8) -> u8 {
    if code < 128 { STRICT[code as usize] } else { 0 }
}

/// Encode folded text of any script: Arabic-script runs with [`encode_arabic`], ASCII
/// runs with [`encode_latin`]; other characters are skipped.
///
/// ```
/// use hawiya::name::phonetic::encode;
/// let mut c = Vec::new();
/// encode("hasan", &mut c);
/// assert_eq!(c, b"hasan");
/// ```
pub fn encode(folded: &str, out: &mut Vec<u8>) {
    let bytes = folded.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii() {
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii() {
                i += 1;
            }
            encode_latin(&bytes[start..i], out);
        } else {
            let start = i;
            while i < bytes.len() && !bytes[i].is_ascii() {
                i += 1;
            }
            encode_arabic(&folded[start..i], out);
        }
    }
}

/// Append the loose key of `code` to `out` (see the module docs).
///
/// ```
/// use hawiya::name::phonetic::{encode, loose_key};
/// for name in ["محمد", "muhammad", "mohamed", "mohammed"] {
///     let mut c = Vec::new();
///     encode(name, &mut c);
///     let mut k = String::new();
///     loose_key(&c, &mut k);
///     assert_eq!(k, "mhmd");
/// }
/// ```
pub fn loose_key(code: &[u8], out: &mut String) {
    let start = out.len();
    for (i, &c) in code.iter().enumerate() {
        let class = loose_class(c);
        if class == 0 || ((class == b'w' || class == b'y') && i != 0) {
            continue;
        }
        out.push(class as char);
    }
    drop_final_h(out, start);
}

/// Append the strict key of `code` to `out` (see the module docs).
///
/// ```
/// use hawiya::name::phonetic::{encode, strict_key};
/// let key = |s: &str| {
///     let mut c = Vec::new();
///     encode(s, &mut c);
///     let mut k = String::new();
///     strict_key(&c, &mut k);
///     k
/// };
/// assert_eq!(key("محمد"), "mhmd");
/// assert_eq!(key("محمود"), "mhmwd");
/// assert_eq!(key("mahmoud"), "mhmwd");
/// assert_eq!(key("حسين"), key("hussein"));
/// assert_ne!(key("حسن"), key("حسين"));
/// ```
pub fn strict_key(code: &[u8], out: &mut String) {
    let start = out.len();
    if code
        .first()
        .is_some_and(|&c0| is_vowel(c0) || is_glottal(c0))
    {
        out.push('\'');
    }
    let n = code.len();
    for (i, &c) in code.iter().enumerate() {
        let medial = i > 0 && i + 1 < n;
        let class = match c {
            b'I' | b'U' if !medial => 0,
            _ => strict_class(c),
        };
        if class != 0 {
            out.push(class as char);
        }
    }
    drop_final_h(out, start);
}

fn drop_final_h(out: &mut String, start: usize) {
    let key = &out.as_bytes()[start..];
    // Only the first byte can be the onset mark `'`.
    let consonants = key.len() - usize::from(key.first() == Some(&b'\''));
    if key.last() == Some(&b'h') && consonants > 1 {
        out.pop();
    }
}

/// A readable romanisation of a code: each code written with its usual Latin letters
/// (`x`→`kh`, `c`→`sh`, `F`→`th`, `V`→`dh`, `G`→`gh`, long vowels single), glottals
/// omitted, a final `h` after a consonant written `a` (taa marbuta).
///
/// ```
/// use hawiya::name::phonetic::{encode, romanize};
/// let mut c = Vec::new();
/// encode("خالد", &mut c);
/// let mut r = String::new();
/// romanize(&c, &mut r);
/// assert_eq!(r, "khald");
/// ```
pub fn romanize(code: &[u8], out: &mut String) {
    let n = code.len();
    for (i, &c) in code.iter().enumerate() {
        let s = match c {
            b'\'' | b'E' => "",
            b'A' => "a",
            b'I' => "i",
            b'U' => "u",
            b'T' => "t",
            b'F' => "th",
            b'J' => "zh",
            b'C' => "ch",
            b'H' => "h",
            b'x' => "kh",
            b'V' => "dh",
            b'c' => "sh",
            b'S' => "s",
            b'D' => "d",
            b'Z' => "z",
            b'G' => "gh",
            b'h' if i + 1 == n && i > 0 && code_kind(code[i - 1]) == Some(CodeKind::Consonant) => {
                "a"
            }
            _ if c.is_ascii_alphabetic() => {
                out.push(c as char);
                continue;
            }
            _ => "",
        };
        out.push_str(s);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(s: &str) -> Vec<u8> {
        let mut c = Vec::new();
        encode(s, &mut c);
        c
    }
    fn loose(s: &str) -> String {
        let mut k = String::new();
        loose_key(&code(s), &mut k);
        k
    }
    fn strict(s: &str) -> String {
        let mut k = String::new();
        strict_key(&code(s), &mut k);
        k
    }

    #[test]
    fn every_code_in_tables_is_in_the_alphabet() {
        for &(_, codes) in LATIN_UNITS.iter().chain(LATIN_INITIAL_UNITS) {
            for &c in codes {
                assert!(code_kind(c).is_some(), "{}", c as char);
            }
        }
        for &(_, c) in ARABIC_LETTERS {
            assert!(code_kind(c).is_some(), "{}", c as char);
        }
        for &(class, members) in CODE_GROUPS {
            assert!(class.is_ascii_lowercase());
            for &m in members {
                assert!(code_kind(m).is_some());
            }
        }
    }

    #[test]
    fn loose_keys_across_scripts() {
        assert_eq!(loose("خالد"), loose("khaled"));
        assert_eq!(loose("khalid"), "xld");
        assert_eq!(loose("فاطمه"), loose("fatima"));
        assert_eq!(loose("fatmah"), "ftm");
        assert_eq!(loose("عمر"), loose("omar"));
        assert_eq!(loose("umar"), "mr");
        assert_eq!(loose("قاسم"), loose("kassem"));
        assert_eq!(loose("gasim"), "ksm");
        assert_eq!(loose("فضاله"), loose("fadhala"));
        assert_eq!(loose("fadala"), "fdl");
        assert_eq!(loose("عايشه"), loose("aicha"));
        assert_eq!(loose("aisha"), loose("aischa"));
        assert_eq!(loose("غانم"), loose("ghanim"));
        assert_eq!(loose("ganem"), "knm");
        assert_eq!(loose("جمال"), loose("djamel"));
        assert_eq!(loose("يوسف"), loose("youssef"));
        assert_eq!(loose("yusuf"), "ysf");
        assert_eq!(loose("حسين"), loose("hussain"));
        assert_eq!(loose("عثمان"), loose("othman"));
    }

    #[test]
    fn strict_keys_keep_long_vowels_and_onset() {
        assert_eq!(strict("محمد"), strict("muhammad"));
        assert_ne!(strict("محمد"), strict("محمود"));
        assert_eq!(strict("حسين"), strict("husain"));
        assert_eq!(strict("حسين"), strict("hossein"));
        assert_eq!(strict("حسن"), strict("hassan"));
        assert_ne!(strict("حسن"), strict("حسين"));
        assert_eq!(strict("احمد"), "'hmd");
        assert_eq!(strict("ahmed"), "'hmd");
        assert_eq!(strict("حامد"), "hmd");
        assert_eq!(strict("سعيد"), strict("saeed"));
        assert_eq!(strict("سعيد"), strict("said"));
    }

    #[test]
    fn romanisation() {
        let r = |s: &str| {
            let mut out = String::new();
            romanize(&code(s), &mut out);
            out
        };
        assert_eq!(r("شريف"), "sharif".replace('a', ""));
        assert_eq!(r("فاطمه"), "fatma");
        assert_eq!(r("ذياب"), "dhyab");
    }

    #[test]
    fn never_panics_on_odd_bytes() {
        let mut c = Vec::new();
        encode("\u{10ffff}x\u{0}ب", &mut c);
        assert_eq!(c, b"ksb");
        let mut k = String::new();
        loose_key(b"\xff\x80", &mut k);
        strict_key(b"", &mut k);
        assert_eq!(k, "");
    }
}
