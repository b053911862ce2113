//! Transliteration-aware similarity of phonetic codes ([`crate::Token::code`]).
//!
//! Arabic-script and Latin tokens are both encoded over the alphabet of
//! [`crate::name::phonetic`]. Two spellings of one name differ there in a few typical ways
//! (`ARABIC_NAMES.md` §3): short vowels written or not (`mHmd` / `mohammed`), long and short
//! vowels exchanged, doubled letters (shadda), glottals dropped (`EmAr` / `omar`) and one
//! letter of an ambiguous class written for another (ق `q` / `k` / `g`, ذ `V` / `z` / `d`).
//! [`TranslitCosts`] prices each of these phenomena once; [`TranslitCosts::table`] turns the
//! prices into a [`CostTable`] over the code groups ([`phonetic::CODE_GROUPS`]) and kinds
//! ([`phonetic::code_kind`]) of the alphabet, so the costs live in one table, not in code
//! branches. Codes are first mapped to dense symbols `0..64` with [`dense_code`].
//!
//! ```
//! use hawiya::similarity::translit::{TranslitCosts, encode_dense};
//! use hawiya::similarity::weighted;
//! use hawiya::name::phonetic::encode;
//! let table = TranslitCosts::default().table()?;
//! let code = |s: &str| { let mut c = Vec::new(); encode(s, &mut c); encode_dense(&c) };
//! let s = weighted::similarity(&table, &code("محمد"), &code("mohammed"));
//! assert!(s > 0.9, "{s}");
//! let t = weighted::similarity(&table, &code("خالد"), &code("ganem"));
//! assert!(t < 0.5, "{t}");
//! # Ok::<(), hawiya::Error>(())
//! ```

use std::sync::LazyLock;

use super::weighted::CostTable;
use crate::Result;
use crate::name::phonetic::{self, CodeKind};

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
/// use hawiya::similarity::translit::{dense_code, ALPHABET, OTHER};
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
    /// Insert or delete a short vowel (unwritten in Arabic script). Default 0.25.
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
            short_vowel_indel: 0.25,
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
/// [`encode_dense`] once per token and [`super::weighted::similarity`] in loops.
///
/// ```
/// use hawiya::similarity::translit::code_similarity;
/// assert!(code_similarity(b"xAld", b"xaled") > 0.9); // خالد / khaled
/// assert_eq!(code_similarity(b"", b""), 1.0);
/// ```
pub fn code_similarity(a: &[u8], b: &[u8]) -> f64 {
    super::weighted::similarity(default_table(), &encode_dense(a), &encode_dense(b))
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
            assert!(sim(a, b) >= 0.7, "{a} {b} {}", sim(a, b));
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
}

/// The costs of a [`CostTable`] laid out for short phonetic codes: the same integer
/// dynamic programme as [`super::weighted`] (same results, see the tests), with rows sized
/// to the input and a similarity cutoff. Built once per comparator with
/// [`TranslitKernel::new`].
#[derive(Debug, Clone)]
pub struct TranslitKernel {
    sub: Box<[[u32; 64]; 64]>,
    indel: [u32; 64],
    repeat: [u32; 64],
    trans: Option<u32>,
    table: CostTable,
}

/// Codes up to this length are scored on stack rows by the kernel; longer ones go through
/// [`super::weighted::similarity`].
const KERNEL_MAX: usize = 48;

#[inline]
fn units(cost: f64) -> u32 {
    (cost * f64::from(super::weighted::COST_SCALE)).round() as u32
}

impl TranslitKernel {
    /// Lay out `table` (its costs for dense codes `0..64`).
    pub fn new(table: &CostTable) -> Self {
        let mut sub = Box::new([[0u32; 64]; 64]);
        let mut indel = [0u32; 64];
        let mut repeat = [0u32; 64];
        for x in 0..64u8 {
            indel[usize::from(x)] = units(table.indel(x));
            repeat[usize::from(x)] = units(table.repeat_indel(x));
            for y in 0..64u8 {
                sub[usize::from(x)][usize::from(y)] = units(table.substitution(x, y));
            }
        }
        TranslitKernel {
            sub,
            indel,
            repeat,
            trans: table.transposition().map(units),
            table: table.clone(),
        }
    }

    /// The table the kernel was built from.
    pub fn table(&self) -> &CostTable {
        &self.table
    }

    #[inline(always)]
    fn indel_at(&self, s: &[u8], i: usize) -> u32 {
        let c = usize::from(s[i] & 63);
        if i > 0 && s[i - 1] == s[i] {
            self.repeat[c]
        } else {
            self.indel[c]
        }
    }

    /// The normalisation constant `W` of one code (cost of deleting all of it).
    pub fn worst(&self, s: &[u8]) -> u32 {
        (0..s.len()).map(|i| self.indel_at(s, i)).sum()
    }

    /// Similarity in [0, 1], equal to [`super::weighted::similarity`] under the kernel's
    /// table.
    ///
    /// ```
    /// use hawiya::similarity::translit::{TranslitKernel, default_table, encode_dense};
    /// use hawiya::similarity::weighted;
    /// let k = TranslitKernel::new(default_table());
    /// let (a, b) = (encode_dense(b"xAld"), encode_dense(b"xaled"));
    /// assert_eq!(k.similarity(&a, &b), weighted::similarity(default_table(), &a, &b));
    /// ```
    pub fn similarity(&self, a: &[u8], b: &[u8]) -> f64 {
        self.similarity_with_cutoff(a, b, 0.0)
    }

    /// The similarity if it is at least `min_similarity`, else 0.0 (stops early).
    pub fn similarity_with_cutoff(&self, a: &[u8], b: &[u8], min_similarity: f64) -> f64 {
        self.similarity_with_worst(a, self.worst(a), b, self.worst(b), min_similarity)
    }

    /// [`TranslitKernel::similarity_with_cutoff`] with the normalisation constants of `a`
    /// and `b` ([`TranslitKernel::worst`]) computed beforehand.
    pub fn similarity_with_worst(
        &self,
        a: &[u8],
        worst_a: u32,
        b: &[u8],
        worst_b: u32,
        min_similarity: f64,
    ) -> f64 {
        if a == b {
            return 1.0;
        }
        if a.len() > KERNEL_MAX || b.len() > KERNEL_MAX || a.iter().chain(b).any(|&c| c >= 64) {
            let s = super::weighted::similarity(&self.table, a, b);
            return if s >= min_similarity { s } else { 0.0 };
        }
        let w = worst_a.max(worst_b);
        if w == 0 {
            return 1.0;
        }
        let min_similarity = min_similarity.clamp(0.0, 1.0);
        // D may be up to (1 - s) W; one unit of slack against rounding.
        let max = (((1.0 - min_similarity) * f64::from(w)).floor() as u32 + 1).min(w);
        let d = if self.trans.is_some() {
            self.distance_bounded::<true>(a, b, max)
        } else {
            self.distance_bounded::<false>(a, b, max)
        };
        match d {
            Some(d) => {
                let s = 1.0 - f64::from(d.min(w)) / f64::from(w);
                if s >= min_similarity { s } else { 0.0 }
            }
            None => 0.0,
        }
    }

    /// The distance in units if at most `max` (both codes at most `KERNEL_MAX` long, all
    /// codes below 64).
    fn distance_bounded<const TRANS: bool>(&self, a: &[u8], b: &[u8], max: u32) -> Option<u32> {
        let (a, b) = if b.len() < a.len() { (b, a) } else { (a, b) };
        let n = a.len().min(KERNEL_MAX);
        let a = &a[..n];
        let mut r0 = [0u32; KERNEL_MAX + 1];
        let mut r1 = [0u32; KERNEL_MAX + 1];
        let mut r2 = [0u32; KERNEL_MAX + 1];
        let mut da = [0u32; KERNEL_MAX];
        let da = &mut da[..n];
        for (i, d) in da.iter_mut().enumerate() {
            *d = self.indel_at(a, i);
        }
        let (mut prev2, mut prev, mut cur) = (&mut r0, &mut r1, &mut r2);
        prev[0] = 0;
        for i in 0..n {
            prev[i + 1] = prev[i] + da[i];
        }
        let t = self.trans.unwrap_or(0);
        let mut prev_min = 0u32;
        let mut prev_cb = u8::MAX;
        for j in 0..b.len() {
            let cb = b[j];
            let ins_b = self.indel_at(b, j);
            let sub_row = &self.sub[usize::from(cb & 63)];
            let mut left = prev[0] + ins_b;
            cur[0] = left;
            let mut row_min = left;
            let (cur_tail, prev_head, prev_tail) = (&mut cur[1..=n], &prev[..n], &prev[1..=n]);
            let mut prev_ca = u8::MAX;
            for i in 0..n {
                let ca = a[i];
                let mut v = (prev_head[i] + sub_row[usize::from(ca & 63)])
                    .min(prev_tail[i] + ins_b)
                    .min(left + da[i]);
                if TRANS && i > 0 && j > 0 && ca != cb && ca == prev_cb && prev_ca == cb {
                    v = v.min(prev2[i - 1] + t);
                }
                cur_tail[i] = v;
                left = v;
                row_min = row_min.min(v);
                prev_ca = ca;
            }
            let bound = if TRANS {
                row_min.min(prev_min)
            } else {
                row_min
            };
            if bound > max {
                return None;
            }
            prev_min = row_min;
            prev_cb = cb;
            std::mem::swap(&mut prev2, &mut prev);
            std::mem::swap(&mut prev, &mut cur);
        }
        let d = prev[n];
        (d <= max).then_some(d)
    }
}

#[cfg(test)]
mod kernel_tests {
    use super::*;
    use crate::similarity::weighted;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1024))]
        #[test]
        fn kernel_equals_weighted(a in prop::collection::vec(0u8..44, 0..20), b in prop::collection::vec(0u8..44, 0..20), cut in 0.0f64..1.0) {
            let k = TranslitKernel::new(default_table());
            let want = weighted::similarity(default_table(), &a, &b);
            prop_assert_eq!(k.similarity(&a, &b), want);
            let got = k.similarity_with_cutoff(&a, &b, cut);
            prop_assert_eq!(got, if want >= cut { want } else { 0.0 });
            let arabic = TranslitCosts::arabic().table().unwrap();
            let k2 = TranslitKernel::new(&arabic);
            prop_assert_eq!(k2.similarity(&a, &b), weighted::similarity(&arabic, &a, &b));
        }

        #[test]
        fn kernel_long_and_odd_codes(a in prop::collection::vec(0u8..70, 0..60), b in prop::collection::vec(0u8..70, 0..60)) {
            let k = TranslitKernel::new(default_table());
            prop_assert_eq!(k.similarity(&a, &b), weighted::similarity(default_table(), &a, &b));
        }
    }
}
