//! Transliteration costs of phonetic codes ([`crate::Token::code`]) and the similarity
//! the name comparator computes with them.
//!
//! Arabic-script and Latin tokens are both encoded over the alphabet of
//! [`crate::name::phonetic`]. Two spellings of one name differ there in a few typical ways
//! (`ARABIC_NAMES.md` §3): short vowels written or not (`mHmd` / `mohammed`), long and short
//! vowels exchanged, doubled letters (shadda), glottals dropped (`EmAr` / `omar`) and one
//! letter of an ambiguous class written for another (ق `q` / `k` / `g`, ذ `V` / `z` / `d`).
//! [`TranslitCosts`] prices each of these phenomena once; [`TranslitCosts::table`] turns the
//! prices into a [`CostTable`] over the code groups ([`phonetic::CODE_GROUPS`]) and kinds
//! ([`phonetic::code_kind`]) of the alphabet, so the costs live in one table, not in code
//! branches. Codes are first mapped to dense symbols `0..64` with [`dense_code`]; the
//! distance itself is the one weighted edit distance of [`crate::similarity::weighted`],
//! which knows nothing of names ([`TranslitKernel`] holds a table for it).
//!
//! ```
//! use hawiya::name::translit::{TranslitCosts, encode_dense};
//! use hawiya::similarity::weighted;
//! use hawiya::name::phonetic::encode;
//! let table = TranslitCosts::default().table()?;
//! let code = |s: &str| { let mut c = Vec::new(); encode(s, &mut c); encode_dense(&c) };
//! let s = weighted::similarity(&table, &code("محمد"), &code("mohammed"));
//! assert!(s > 0.75, "{s}");
//! let t = weighted::similarity(&table, &code("خالد"), &code("ganem"));
//! assert!(t < 0.5, "{t}");
//! # Ok::<(), hawiya::Error>(())
//! ```

use std::sync::LazyLock;

use crate::Result;
use crate::name::phonetic::{self, CodeKind};
use crate::similarity::weighted::{self, CostTable};

/// Every byte of the phonetic alphabet, in a fixed order: its position is its dense
/// symbol (see [`dense_code`]).
pub const ALPHABET: &[u8] = b"'EaeiouAIUbptTFjJCHxhdVrzscSDZGfvqkglmnwy";

/// Dense symbol of bytes outside the alphabet (never produced by the encoder).
pub const OTHER: u8 = 63;

static DENSE: LazyLock<[u8; 256]> = LazyLock::new(|| {
    let mut t = [OTHER; 256];
    for (i, &c) in ALPHABET.iter().enumerate() {
        t[usize::from(c)] = i as u8;
    }
    t
});

/// The dense symbol (`0..64`) of a phonetic code byte, the index a [`CostTable`] uses.
///
/// ```
/// use hawiya::name::translit::{dense_code, ALPHABET, OTHER};
/// assert_eq!(dense_code(b'\''), 0);
/// assert_eq!(usize::from(dense_code(b'y')), ALPHABET.len() - 1);
/// assert_eq!(dense_code(b'!'), OTHER);
/// ```
#[inline]
pub fn dense_code(code: u8) -> u8 {
    DENSE[usize::from(code)]
}

/// A phonetic code as dense symbols.
pub fn encode_dense(code: &[u8]) -> Vec<u8> {
    code.iter().map(|&c| dense_code(c)).collect()
}

fn dense_of(codes: &[u8]) -> Vec<u8> {
    encode_dense(codes)
}

fn kind_members(kind: CodeKind) -> Vec<u8> {
    ALPHABET
        .iter()
        .copied()
        .filter(|&c| phonetic::code_kind(c) == Some(kind))
        .collect()
}

/// The prices of the spelling phenomena of `ARABIC_NAMES.md` §3, in units of one
/// consonant edit (1.0). Defaults are the values tuned on the development pairs.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TranslitCosts {
    /// Insert or delete a short vowel (unwritten in Arabic script). Default 0.15.
    pub short_vowel_indel: f32,
    /// Insert or delete a long vowel (`ا و ي` read as vowels; `aa`, `ee`, `ou`). Default 0.4.
    pub long_vowel_indel: f32,
    /// Insert or delete hamza or ayn (often unwritten in Latin). Default 0.3.
    pub glottal_indel: f32,
    /// Insert or delete `w` / `y` used as consonants. Default 0.5.
    pub semivowel_indel: f32,
    /// Insert or delete `h` (ه, final ة, Latin `-ah`, `Achmed`). Default 0.45.
    pub h_indel: f32,
    /// Insert or delete any other consonant. Default 1.0.
    pub consonant_indel: f32,
    /// Exchange two vowels (short or long): `Mohamed` / `Muhammad`, `Amin` / `Ameen`.
    /// Default 0.2.
    pub vowel_substitution: f32,
    /// Exchange a glottal and a vowel (ع written `a`, `e`, `o`). Default 0.2.
    pub glottal_vowel_substitution: f32,
    /// Exchange a semivowel and its vowel (`y` / `i`, `w` / `u` / `o`). Default 0.25.
    pub semivowel_vowel_substitution: f32,
    /// Exchange two codes of one group of [`phonetic::CODE_GROUPS`] (ق `q k g`, ث `t th`,
    /// ذ ض ظ `d dh z` …). Default 0.3.
    pub group_substitution: f32,
    /// Exchange an emphatic or pharyngeal Arabic letter and the plain Latin letter that
    /// usually writes it ([`TranslitCosts::primary_pairs`]: ح `h`, ط `t`, ص `s`, ض `d`,
    /// ق `k` …). Default 0.1.
    pub primary_substitution: f32,
    /// Exchange two codes of the wider ambiguities listed in [`TranslitCosts::near_pairs`]
    /// (ج `g`, ث `s`, ذ `z`, خ `h`, ش `s`, ڤ `f` …). Default 0.5.
    pub near_substitution: f32,
    /// Any other substitution. Default 1.0.
    pub other_substitution: f32,
    /// Repeat a consonant (shadda, `ss`, `mm`). Default 0.1.
    pub doubling: f32,
    /// Swap two adjacent codes. Default 0.7.
    pub transposition: f32,
    /// Pairs of codes that regional or popular spellings exchange across code groups.
    pub near_pairs: Vec<(char, char)>,
    /// Pairs of an Arabic letter's code and the code of its usual Latin spelling.
    pub primary_pairs: Vec<(char, char)>,
}

impl Default for TranslitCosts {
    fn default() -> Self {
        TranslitCosts {
            short_vowel_indel: 0.15,
            long_vowel_indel: 0.4,
            glottal_indel: 0.3,
            semivowel_indel: 0.5,
            h_indel: 0.45,
            consonant_indel: 1.0,
            vowel_substitution: 0.2,
            glottal_vowel_substitution: 0.2,
            semivowel_vowel_substitution: 0.25,
            group_substitution: 0.3,
            primary_substitution: 0.1,
            near_substitution: 0.5,
            other_substitution: 1.0,
            doubling: 0.1,
            transposition: 0.7,
            near_pairs: [
                ('j', 'g'), // ج: Gamal (Egypt)
                ('j', 'y'), // ج: Gulf speech
                ('j', 'z'), // ج / ژ: zh
                ('F', 's'), // ث: Osman
                ('Z', 'z'), // ظ: Zafer
                ('D', 'z'), // ض
                ('V', 'F'), // ذ / ث: th
                ('F', 'z'), // ذ: th in Muath, z in Moaz
                ('Z', 'F'), // ظ: Thafer
                ('x', 'h'), // خ: Haled
                ('x', 'H'),
                ('x', 'k'), // خ: Chaled / k
                ('c', 's'), // ش: s
                ('c', 'x'), // ch: ش or خ
                ('G', 'r'), // غ: Maghreb r
                ('v', 'f'), // ڤ
                ('E', 'G'), // ع / غ dots
                ('E', 'h'), // ع dropped for h
                ('q', 'E'), // ق: glottal in Levant / Egypt
                ('q', '\''),
                ('s', 'z'), // س / ز voicing in spellings
                ('t', 'd'),
            ]
            .to_vec(),
            primary_pairs: [
                ('H', 'h'), // ح
                ('T', 't'), // ط
                ('S', 's'), // ص
                ('D', 'd'), // ض
                ('Z', 'z'), // ظ
                ('D', 'V'), // ض: dh
                ('Z', 'V'), // ظ: dh
                ('q', 'k'), // ق
                ('V', 'z'), // ذ: Monzer, Maaz
            ]
            .to_vec(),
        }
    }
}

impl TranslitCosts {
    /// Costs between two Arabic-script tokens: written letters (long vowels `ا و ي`,
    /// consonants of one class) count, folding noise (hamza, doubling) does not.
    pub fn arabic() -> Self {
        TranslitCosts {
            long_vowel_indel: 0.8,
            semivowel_indel: 0.8,
            h_indel: 0.8,
            glottal_indel: 0.4,
            group_substitution: 0.6,
            primary_substitution: 0.6,
            near_substitution: 0.8,
            ..TranslitCosts::default()
        }
    }

    /// Build the cost table over dense codes.
    ///
    /// # Errors
    /// A config error (`cost_table.<setting>`) for a negative, NaN or too large cost, or a
    /// near pair with a character outside the alphabet.
    pub fn table(&self) -> Result<CostTable> {
        let short = dense_of(&kind_members(CodeKind::ShortVowel));
        let long = dense_of(&kind_members(CodeKind::LongVowel));
        let glottal = dense_of(&kind_members(CodeKind::Glottal));
        let semi = dense_of(&kind_members(CodeKind::Semivowel));
        let consonants = dense_of(&kind_members(CodeKind::Consonant));
        let vowels: Vec<u8> = short.iter().chain(&long).copied().collect();
        let all: Vec<u8> = (0..ALPHABET.len() as u8).collect();
        let h = dense_code(b'h');

        let mut b = CostTable::builder()
            .defaults(self.consonant_indel, self.other_substitution)
            .indel_group(&all, self.consonant_indel)
            .substitution_group(&all, self.other_substitution)
            .indel_group(&consonants, self.consonant_indel)
            .indel_group(&short, self.short_vowel_indel)
            .indel_group(&long, self.long_vowel_indel)
            .indel_group(&glottal, self.glottal_indel)
            .indel_group(&semi, self.semivowel_indel)
            .indel(h, self.h_indel);
        // Wider ambiguities first, so the code groups (cheaper) win where both apply.
        for &(x, y) in &self.near_pairs {
            let (dx, dy) = (dense_code(x as u8), dense_code(y as u8));
            if !x.is_ascii() || !y.is_ascii() || dx == OTHER || dy == OTHER {
                return Err(crate::Error::config(
                    "cost_table.near_pairs",
                    "near pair with a code outside the phonetic alphabet",
                ));
            }
            b = b.substitution(dx, dy, self.near_substitution);
        }
        for &(_, members) in phonetic::CODE_GROUPS {
            b = b.substitution_group(&dense_of(members), self.group_substitution);
        }
        for &(x, y) in &self.primary_pairs {
            let (dx, dy) = (dense_code(x as u8), dense_code(y as u8));
            if !x.is_ascii() || !y.is_ascii() || dx == OTHER || dy == OTHER {
                return Err(crate::Error::config(
                    "cost_table.primary_pairs",
                    "primary pair with a code outside the phonetic alphabet",
                ));
            }
            b = b.substitution(dx, dy, self.primary_substitution);
        }
        b = b
            .substitution_group(&vowels, self.vowel_substitution)
            .substitution_group(&glottal, self.glottal_vowel_substitution)
            .substitution_between(&glottal, &vowels, self.glottal_vowel_substitution);
        let pairs: [(&[u8], &[u8]); 2] = [(b"y", b"iIe"), (b"w", b"uUo")];
        for (sv, vs) in pairs {
            b = b.substitution_between(
                &dense_of(sv),
                &dense_of(vs),
                self.semivowel_vowel_substitution,
            );
        }
        b.doubling_group(&consonants, self.doubling)
            .doubling_group(&semi, self.doubling)
            .doubling_group(&vowels, self.short_vowel_indel.min(self.doubling * 2.0))
            .transposition(Some(self.transposition))
            .build()
    }
}

static DEFAULT_TABLE: LazyLock<CostTable> = LazyLock::new(|| {
    TranslitCosts::default()
        .table()
        .unwrap_or_else(|_| CostTable::unit())
});

/// The table of [`TranslitCosts::default`], built once.
pub fn default_table() -> &'static CostTable {
    &DEFAULT_TABLE
}

/// Transliteration-aware similarity in [0, 1] of two phonetic codes (raw code bytes, as
/// [`crate::Token::code`] returns them) under the default costs. Allocates; prefer
/// [`encode_dense`] once per token and a [`TranslitKernel`] in loops.
///
/// ```
/// use hawiya::name::translit::code_similarity;
/// assert!(code_similarity(b"xAld", b"xaled") > 0.75); // خالد / khaled
/// assert_eq!(code_similarity(b"", b""), 1.0);
/// ```
pub fn code_similarity(a: &[u8], b: &[u8]) -> f64 {
    weighted::similarity(default_table(), &encode_dense(a), &encode_dense(b))
}

/// A cost table ready for the name comparator's loops: the weighted edit similarity of
/// [`crate::similarity::weighted`] on dense codes, with each code's normalisation weight
/// computable once ([`TranslitKernel::worst`]) and scores below a cutoff reported as 0.0.
/// Built once per comparator with [`TranslitKernel::new`].
///
/// ```
/// use hawiya::name::translit::{TranslitKernel, default_table, encode_dense};
/// use hawiya::similarity::weighted;
/// let k = TranslitKernel::new(default_table());
/// let (a, b) = (encode_dense(b"xAld"), encode_dense(b"xaled"));
/// assert_eq!(k.similarity(&a, &b), weighted::similarity(default_table(), &a, &b));
/// let (wa, wb) = (k.worst(&a), k.worst(&b));
/// assert_eq!(k.similarity_with_worst(&a, wa, &b, wb, 0.0), k.similarity(&a, &b));
/// assert_eq!(k.similarity_with_cutoff(&a, &encode_dense(b"slm"), 0.5), 0.0);
/// ```
#[derive(Debug, Clone)]
pub struct TranslitKernel {
    table: CostTable,
}

impl TranslitKernel {
    /// A kernel scoring with `table`.
    pub fn new(table: &CostTable) -> Self {
        TranslitKernel {
            table: table.clone(),
        }
    }

    /// The table the kernel was built from.
    pub fn table(&self) -> &CostTable {
        &self.table
    }

    /// The normalisation weight of one code (the cost, in units of
    /// 1/[`weighted::COST_SCALE`], of deleting all of it; see
    /// [`weighted::weight_units`]), saturating at `u32::MAX`.
    pub fn worst(&self, s: &[u8]) -> u32 {
        u32::try_from(weighted::weight_units(&self.table, s)).unwrap_or(u32::MAX)
    }

    /// Similarity in [0, 1], equal to [`weighted::similarity`] under the kernel's table.
    pub fn similarity(&self, a: &[u8], b: &[u8]) -> f64 {
        self.similarity_with_cutoff(a, b, 0.0)
    }

    /// The similarity if it is at least `min_similarity`, else 0.0 (stops early).
    pub fn similarity_with_cutoff(&self, a: &[u8], b: &[u8], min_similarity: f64) -> f64 {
        weighted::similarity_with_cutoff(&self.table, a, b, min_similarity.clamp(0.0, 1.0))
            .unwrap_or(0.0)
    }

    /// [`TranslitKernel::similarity_with_cutoff`] with the normalisation weights of `a`
    /// and `b` ([`TranslitKernel::worst`]) computed beforehand.
    pub fn similarity_with_worst(
        &self,
        a: &[u8],
        worst_a: u32,
        b: &[u8],
        worst_b: u32,
        min_similarity: f64,
    ) -> f64 {
        // A saturated weight is recomputed exactly.
        let weight = |s: &[u8], w: u32| {
            if w == u32::MAX {
                weighted::weight_units(&self.table, s)
            } else {
                u64::from(w)
            }
        };
        weighted::similarity_with_weights(
            &self.table,
            a,
            weight(a, worst_a),
            b,
            weight(b, worst_b),
            min_similarity.clamp(0.0, 1.0),
        )
        .unwrap_or(0.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::name::phonetic::encode;

    fn sim(a: &str, b: &str) -> f64 {
        let (mut ca, mut cb) = (Vec::new(), Vec::new());
        encode(a, &mut ca);
        encode(b, &mut cb);
        code_similarity(&ca, &cb)
    }

    #[test]
    fn alphabet_is_the_phonetic_alphabet() {
        assert!(ALPHABET.len() < usize::from(OTHER));
        for &c in ALPHABET {
            assert!(phonetic::code_kind(c).is_some(), "{}", c as char);
        }
        for c in 0u8..128 {
            if phonetic::code_kind(c).is_some() {
                assert_ne!(dense_code(c), OTHER, "{}", c as char);
            }
        }
        let mut sorted = ALPHABET.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), ALPHABET.len());
    }

    #[test]
    fn default_costs_build() {
        TranslitCosts::default().table().unwrap();
        let bad = TranslitCosts {
            near_pairs: vec![('j', '!')],
            ..TranslitCosts::default()
        };
        assert!(bad.table().is_err());
    }

    #[test]
    fn spellings_of_one_name_are_close() {
        for (a, b) in [
            ("محمد", "muhammad"),
            ("محمد", "mohamed"),
            ("mohammed", "muhammad"),
            ("عمر", "omar"),
            ("قاسم", "kassem"),
            ("gasim", "qasim"),
            ("عثمان", "osman"),
            ("يوسف", "youssef"),
            ("فاطمه", "fatima"),
            ("munther", "monzer"),
            ("hassan", "hasan"),
            ("حسين", "hussein"),
            ("جمال", "gamal"),
        ] {
            assert!(sim(a, b) >= 0.65, "{a} {b} {}", sim(a, b));
        }
    }

    #[test]
    fn different_names_are_far() {
        for (a, b) in [
            ("khaled", "saleh"),
            ("محمد", "khalid"),
            ("omar", "ali"),
            ("fatima", "zainab"),
        ] {
            assert!(sim(a, b) < 0.5, "{a} {b} {}", sim(a, b));
        }
    }

    #[test]
    fn symmetric_and_bounded() {
        let words = [
            "محمد",
            "mohamed",
            "",
            "aaa",
            "عبدالرحمن",
            "abdulrahman",
            "x",
        ];
        for a in words {
            for b in words {
                let s = sim(a, b);
                assert!((0.0..=1.0).contains(&s));
                assert_eq!(s, sim(b, a));
            }
            assert_eq!(sim(a, a), 1.0);
        }
    }

    /// Full-matrix weighted edit similarity from the table's public costs: the recurrence
    /// and normalisation of [`crate::similarity::weighted`], written out plainly.
    fn reference(t: &CostTable, a: &[u8], b: &[u8]) -> f64 {
        let units = |c: f64| (c * f64::from(weighted::COST_SCALE)).round() as u64;
        let del = |s: &[u8], i: usize| {
            if i > 0 && s[i - 1] == s[i] {
                units(t.repeat_indel(s[i]))
            } else {
                units(t.indel(s[i]))
            }
        };
        let (n, m) = (a.len(), b.len());
        let mut d = vec![vec![0u64; m + 1]; n + 1];
        for i in 1..=n {
            d[i][0] = d[i - 1][0] + del(a, i - 1);
        }
        for j in 1..=m {
            d[0][j] = d[0][j - 1] + del(b, j - 1);
        }
        for i in 1..=n {
            for j in 1..=m {
                let mut v = (d[i - 1][j - 1] + units(t.substitution(a[i - 1], b[j - 1])))
                    .min(d[i - 1][j] + del(a, i - 1))
                    .min(d[i][j - 1] + del(b, j - 1));
                if let Some(tc) = t.transposition() {
                    if i > 1
                        && j > 1
                        && a[i - 1] == b[j - 2]
                        && a[i - 2] == b[j - 1]
                        && a[i - 1] != b[j - 1]
                    {
                        v = v.min(d[i - 2][j - 2] + units(tc));
                    }
                }
                d[i][j] = v;
            }
        }
        let w = d[n][0].max(d[0][m]);
        if w == 0 {
            1.0
        } else {
            1.0 - d[n][m].min(w) as f64 / w as f64
        }
    }

    fn check_kernel(k: &TranslitKernel, a: &[u8], b: &[u8], cut: f64) {
        let want = reference(k.table(), a, b);
        assert_eq!(k.similarity(a, b), want, "{a:?} {b:?}");
        assert_eq!(k.similarity(b, a), want, "{a:?} {b:?}");
        let above = if want >= cut { want } else { 0.0 };
        assert_eq!(
            k.similarity_with_cutoff(a, b, cut),
            above,
            "{a:?} {b:?} {cut}"
        );
        let (wa, wb) = (k.worst(a), k.worst(b));
        assert_eq!(k.similarity_with_worst(a, wa, b, wb, cut), above);
        assert_eq!(k.similarity_with_worst(b, wb, a, wa, cut), above);
    }

    fn dense(word: &str) -> Vec<u8> {
        let mut c = Vec::new();
        encode(word, &mut c);
        encode_dense(&c)
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]

        #[test]
        fn kernel_equals_reference_on_codes(
            a in proptest::collection::vec(0u8..44, 0..20),
            b in proptest::collection::vec(0u8..44, 0..20),
            cut in 0.0f64..1.0,
        ) {
            let arabic = TranslitCosts::arabic().table().unwrap();
            for k in [TranslitKernel::new(default_table()), TranslitKernel::new(&arabic)] {
                check_kernel(&k, &a, &b, cut);
            }
        }

        #[test]
        fn kernel_equals_reference_on_long_and_odd_codes(
            a in proptest::collection::vec(0u8..70, 0..80),
            b in proptest::collection::vec(0u8..70, 0..80),
            cut in 0.0f64..1.0,
        ) {
            check_kernel(&TranslitKernel::new(default_table()), &a, &b, cut);
        }

        #[test]
        fn kernel_equals_reference_on_names(
            a in "[a-z]{0,12}|[\u{0621}-\u{064A}]{0,10}",
            b in "[a-z]{0,12}|[\u{0621}-\u{064A}]{0,10}",
            cut in 0.0f64..1.0,
        ) {
            let arabic = TranslitCosts::arabic().table().unwrap();
            let (a, b) = (dense(&a), dense(&b));
            for k in [TranslitKernel::new(default_table()), TranslitKernel::new(&arabic)] {
                check_kernel(&k, &a, &b, cut);
            }
        }
    }

    #[test]
    fn kernel_on_spellings_and_doubled_letters() {
        let k = TranslitKernel::new(default_table());
        for (x, y) in [
            ("hassan", "hasan"),
            ("mohammed", "muhammad"),
            ("محمد", "mohamed"),
            ("abdulrahman", "عبدالرحمن"),
            ("", "ali"),
            ("aaaa", "a"),
        ] {
            for cut in [0.0, 0.4, 0.7, 1.0] {
                check_kernel(&k, &dense(x), &dense(y), cut);
            }
        }
    }
}
