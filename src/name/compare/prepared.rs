//! A name prepared for comparison ([`PreparedName`]): its name tokens with their dense
//! phonetic codes and alternative readings (with the article or connector, with Latin
//! digraphs split), key hashes, variant-table entries and nickname ids.

use super::align::Unit;
use super::{FnvBuild, MAX_TOKENS, NameComparator};
use crate::name::translit::dense_code;
use crate::name::{PersonName, Role, TokenFlags};
use crate::name::{nicknames, phonetic, variants};
use crate::text::Script;

/// One name token of a [`PreparedName`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct PTok {
    /// Index of the token in `PersonName::tokens`.
    pub(super) src: u8,
    /// Range of its dense code in `PreparedName::codes`.
    pub(super) start: u16,
    pub(super) end: u16,
    /// Range of the alternative code in `PreparedName::alts` (empty when none): the
    /// token with its article (`العراقي` / `Laraki`) or after its connector
    /// (`بن طاهر` / `Bentahar`), read as written.
    pub(super) alt_start: u16,
    pub(super) alt_end: u16,
    /// Second alternative: a Latin token read with its digraphs split (`Mazhar` z-h,
    /// `Fathi` t-h, `Adham` d-h), in `PreparedName::alts`.
    pub(super) split_start: u16,
    pub(super) split_end: u16,
    pub(super) latin: bool,
    /// Normalisation constant of the code under the Latin and the Arabic kernel.
    pub(super) worst: [u32; 2],
    /// How the token ends (nisba vowel, feminine or long `a`, consonant), for the
    /// penalties of [`super::CompareOptions::nisba_penalty`] and
    /// [`super::CompareOptions::ending_penalty`].
    pub(super) ending: Ending,
    /// Consonants in the code (a doubled one counted once): joins must agree on it.
    pub(super) cons: u8,
    /// Variant-table entries that list this exact spelling (up to 3; a spelling such as
    /// `rashid` can belong to several names).
    pub(super) listed: [u16; 3],
    /// Hashes of the loose and strict keys (0 = empty key).
    pub(super) loose: u64,
    pub(super) strict: u64,
    pub(super) variant: Option<u16>,
    pub(super) initial: bool,
    /// Class of the first code: its loose class, or 1 for a vowel / glottal onset.
    pub(super) first: u8,
    /// Id of the given name in the nickname table ([`NO_NICKNAME`] when not listed or not
    /// a given name).
    pub(super) nick: u16,
    /// The token was romanised from another script ([`TokenFlags::ROMANIZED`]).
    pub(super) romanized: bool,
    /// The token names a title's territory ([`TokenFlags::TERRITORIAL`]).
    pub(super) territorial: bool,
    /// Id of the token's code in the sense table ([`super::senses`]): an Arabic name for
    /// an Arabic-script token, a spelling for a Latin one; [`super::senses::NO_SENSE`]
    /// when not listed.
    pub(super) sense: u32,
}

pub(super) const NO_NICKNAME: u16 = u16::MAX;

/// A name normalised once for comparison: the parsed [`PersonName`] plus, for each name
/// token, its dense phonetic code, key hashes and variant id. Build it with
/// [`NameComparator::prepare`]; compare with [`NameComparator::similarity`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreparedName {
    pub(super) name: PersonName,
    pub(super) codes: Vec<u8>,
    alts: Vec<u8>,
    pub(super) toks: Vec<PTok>,
}

impl PreparedName {
    /// Forget the input text ([`PersonName::original`]): a dataset's prepared column
    /// keeps its records' raw values itself, and a million copies cost tens of MB.
    pub(crate) fn drop_original(&mut self) {
        self.name.original = String::new();
    }

    /// The parsed name.
    pub fn name(&self) -> &PersonName {
        &self.name
    }

    /// Number of tokens that take part in the comparison (name tokens and initials).
    pub fn token_count(&self) -> usize {
        self.toks.len()
    }

    pub(super) fn code(&self, t: &PTok) -> &[u8] {
        self.codes
            .get(usize::from(t.start)..usize::from(t.end))
            .unwrap_or(&[])
    }

    pub(super) fn alt(&self, t: &PTok) -> &[u8] {
        self.alts
            .get(usize::from(t.alt_start)..usize::from(t.alt_end))
            .unwrap_or(&[])
    }

    pub(super) fn split(&self, t: &PTok) -> &[u8] {
        self.alts
            .get(usize::from(t.split_start)..usize::from(t.split_end))
            .unwrap_or(&[])
    }

    /// The code of units `first..=last` (adjacent tokens are adjacent in `codes`).
    pub(super) fn span_code(&self, first: usize, last: usize) -> &[u8] {
        match (self.toks.get(first), self.toks.get(last)) {
            (Some(a), Some(b)) => self
                .codes
                .get(usize::from(a.start)..usize::from(b.end))
                .unwrap_or(&[]),
            _ => &[],
        }
    }
}

/// Append `code` as dense symbols. Taa marbuta: in Arabic script a final ه/ة after a
/// consonant is read as the vowel `a` (`فاطمة` Fatima, `عبدالله` Abdulla), as Latin
/// spellings mostly write it.
fn push_dense(out: &mut Vec<u8>, code: &[u8], arabic: bool) {
    out.extend(code.iter().map(|&c| dense_code(c)));
    let n = code.len();
    if arabic
        && n >= 3
        && code[n - 1] == b'h'
        && phonetic::code_kind(code[n - 2]) == Some(phonetic::CodeKind::Consonant)
    {
        if let Some(last) = out.last_mut() {
            *last = dense_code(b'a');
        }
    }
}

/// The class an initial is compared on: 1 for a name starting with a vowel, hamza or
/// ayn (`O.` for `Omar`, `عمر`), else the first Latin letter of its spelling (`K.` for
/// `Khaled` and `خالد`).
fn initial_class(t: &crate::name::Token) -> u8 {
    let c0 = t.code().first().copied().unwrap_or(0);
    if phonetic::is_vowel(c0) || phonetic::is_glottal(c0) {
        return 1;
    }
    let spelled = if t.script() == Script::Latin {
        t.folded()
    } else {
        t.romanized()
    };
    match spelled.bytes().find(u8::is_ascii_alphabetic) {
        Some(b) if b"aeiou".contains(&b.to_ascii_lowercase()) => 1,
        Some(b) => b.to_ascii_lowercase(),
        None => phonetic::loose_class(c0).max(1),
    }
}

/// How a name word ends, as far as it tells names of one root apart: `Munir` / `Munira`
/// / `Muniri`, `Fathi` / `Fatha`, `Sami` / `Samah`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Ending {
    /// A consonant other than `h`; `true` for `ح`, which a Latin `-ah` also writes
    /// (`صلاح` / `Salah`, `نناح` / `Nanah`). (A final `ع` or hamza is a glottal: `Other`.)
    Consonant(bool),
    /// `i`/`y` after a consonant: the nisba or a masculine `-i` (`Fathi`, `Sami`). In
    /// Arabic script a final `ي` also stands for `ى` (`مصطفي`), so it may be read `-a`.
    Nisba,
    /// `a` (Latin) or `ا`/`آ` after a consonant: a long or feminine `-a` (`Muna`, `Rida`).
    A,
    /// Latin `-ah`/`-eh`, Arabic `ة`/`ه` after a consonant: taa marbuta (`Samah`, `Munirah`).
    Feminine,
    /// Anything else (a vowel after a vowel, French `-e`, a short word).
    Other,
}

impl Ending {
    /// Which penalty two endings call for: `Some(true)` the nisba penalty (a nisba
    /// against a consonant), `Some(false)` the ending penalty (`-a` or taa marbuta against
    /// a consonant, or against a Latin `-i`), `None` when they agree or cannot tell.
    pub(super) fn conflict(a: (Ending, bool), b: (Ending, bool)) -> Option<bool> {
        use Ending::{A, Consonant, Feminine, Nisba};
        match (a.0, b.0) {
            (Nisba, Consonant(_)) | (Consonant(_), Nisba) => Some(true),
            (Feminine, Consonant(true)) | (Consonant(true), Feminine) => None,
            (A | Feminine, Consonant(_)) | (Consonant(_), A | Feminine) => Some(false),
            // An Arabic `ي` may be a `ى` read `-a`.
            (Nisba, A | Feminine) if a.1 => Some(false),
            (A | Feminine, Nisba) if b.1 => Some(false),
            _ => None,
        }
    }
}

/// The [`Ending`] of a token's code; `latin` tells how the code was read.
fn ending(code: &[u8], latin: bool) -> Ending {
    let n = code.len();
    let consonant = |c: u8| phonetic::code_kind(c) == Some(phonetic::CodeKind::Consonant);
    if n < 3 {
        return Ending::Other;
    }
    let (last, prev) = (code[n - 1], code[n - 2]);
    match last {
        // After `ع` or hamza too in Arabic script (`رفاعي`): Latin writes those as vowels.
        b'i' | b'I' | b'y' if consonant(prev) || (!latin && phonetic::is_glottal(prev)) => {
            Ending::Nisba
        }
        b'a' | b'A' if consonant(prev) => Ending::A,
        b'h' if !latin && consonant(prev) => Ending::Feminine,
        b'h' if latin && matches!(prev, b'a' | b'e') && consonant(code[n - 3]) => Ending::Feminine,
        b'h' => Ending::Other,
        c if consonant(c) => Ending::Consonant(c == b'H'),
        _ => Ending::Other,
    }
}

fn consonants(code: &[u8]) -> u8 {
    let mut n = 0u8;
    let mut last = 0u8;
    for &c in code {
        let k = phonetic::code_kind(c);
        if matches!(
            k,
            Some(phonetic::CodeKind::Consonant | phonetic::CodeKind::Semivowel)
        ) && c != last
        {
            n = n.saturating_add(1);
        }
        last = c;
    }
    n
}

const NOT_LISTED: u16 = u16::MAX;

/// The variant-table entries whose spellings include `code` exactly.
fn listed_in(code: &[u8]) -> [u16; 3] {
    type Index = std::collections::HashMap<Vec<u8>, Vec<u16>, FnvBuild>;
    static INDEX: std::sync::LazyLock<Index> = std::sync::LazyLock::new(|| {
        let t = variants::table();
        let mut m = Index::default();
        for id in 0..t.len().min(usize::from(NOT_LISTED)) as u16 {
            if let Some(e) = t.entry(id) {
                for c in &e.codes {
                    let ids = m.entry(c.clone()).or_default();
                    if !ids.contains(&id) {
                        ids.push(id);
                    }
                }
            }
        }
        m
    });
    let mut out = [NOT_LISTED; 3];
    if let Some(ids) = INDEX.get(code) {
        for (o, &id) in out.iter_mut().zip(ids) {
            *o = id;
        }
    }
    out
}

fn key_hash(key: &str) -> u64 {
    if key.is_empty() {
        return 0;
    }
    // Keys are short and only equality matters.
    let mut h = crate::core::Fnv::default();
    std::hash::Hasher::write(&mut h, key.as_bytes());
    std::hash::Hasher::finish(&h) | 1
}

impl NameComparator {
    /// Prepare an already parsed name.
    pub fn prepare_parsed(&self, name: PersonName) -> PreparedName {
        let mut codes = Vec::new();
        let mut alts = Vec::new();
        let mut toks = Vec::new();
        let mut candidates: Vec<usize> = name
            .tokens
            .iter()
            .enumerate()
            .filter(|(_, t)| {
                (t.role().is_name() || t.role() == Role::Initial) && !t.code().is_empty()
            })
            .map(|(i, _)| i)
            .collect();
        if candidates.len() > MAX_TOKENS {
            // Keep the first given names and the family name; drop from the middle.
            let last = candidates[candidates.len() - 1];
            candidates.truncate(MAX_TOKENS - 1);
            candidates.push(last);
        }
        let mut scratch = Vec::new();
        let mut text = String::new();
        for i in candidates {
            let t = &name.tokens[i];
            let start = codes.len();
            push_dense(&mut codes, t.code(), t.script() == Script::Arabic);
            let end = codes.len();
            // The alternative reading: connector + token, or the token with its article.
            let prev_connector = i
                .checked_sub(1)
                .and_then(|p| name.tokens.get(p))
                .filter(|p| p.role() == Role::Connector);
            text.clear();
            if let Some(p) = prev_connector {
                text.push_str(p.folded());
            }
            if prev_connector.is_some() || t.flags().contains(TokenFlags::HAD_ARTICLE) {
                text.extend(t.folded().chars().filter(|&c| c != ' '));
            }
            let alt_start = alts.len();
            if !text.is_empty() {
                scratch.clear();
                let folded: String = text.chars().filter(|&c| c != ' ').collect();
                phonetic::encode(&folded, &mut scratch);
                if scratch != t.code() {
                    push_dense(&mut alts, &scratch, t.script() == Script::Arabic);
                }
            }
            let alt_end = alts.len();
            let latin = t.script() == Script::Latin;
            if latin && t.role() != Role::Initial {
                let f = t.folded().as_bytes();
                let core = match f.iter().rposition(|&c| c == b' ') {
                    Some(p) if t.flags().contains(TokenFlags::HAD_ARTICLE) => &f[p + 1..],
                    _ => f,
                };
                if core
                    .windows(2)
                    .any(|w| matches!(w, [b't' | b's' | b'z' | b'd', b'h']))
                {
                    // A byte no spelling unit covers ('-') splits the digraph.
                    let mut text = Vec::with_capacity(core.len() + 4);
                    for (k, &c) in core.iter().enumerate() {
                        if c == b' ' {
                            continue;
                        }
                        text.push(c);
                        if matches!(c, b't' | b's' | b'z' | b'd') && core.get(k + 1) == Some(&b'h')
                        {
                            text.push(b'-');
                        }
                    }
                    scratch.clear();
                    phonetic::encode_latin(&text, &mut scratch);
                    push_dense(&mut alts, &scratch, false);
                }
            }
            let split_end = alts.len();
            if end > usize::from(u16::MAX) || split_end > usize::from(u16::MAX) {
                break;
            }
            let first = initial_class(t);
            let nick = if latin && t.role() == Role::Given {
                nicknames::table().id(t.folded())
            } else {
                None
            };
            toks.push(PTok {
                nick: nick.unwrap_or(NO_NICKNAME),
                romanized: t.flags().contains(TokenFlags::ROMANIZED),
                sense: if t.role() == Role::Initial || t.flags().contains(TokenFlags::ROMANIZED) {
                    super::senses::NO_SENSE
                } else {
                    super::senses::table().id(t.code(), latin)
                },
                territorial: t.flags().contains(TokenFlags::TERRITORIAL),
                src: i as u8,
                start: start as u16,
                end: end as u16,
                alt_start: alt_start as u16,
                alt_end: alt_end as u16,
                split_start: alt_end as u16,
                split_end: split_end as u16,
                latin,
                worst: [
                    self.table.worst(&codes[start..end]),
                    self.arabic_table.worst(&codes[start..end]),
                ],
                cons: consonants(t.code()),
                ending: ending(t.code(), latin),
                listed: listed_in(t.code()),
                loose: key_hash(t.loose_key()),
                strict: key_hash(t.strict_key()),
                variant: t.variant_id(),
                initial: t.role() == Role::Initial,
                first,
            });
        }
        // Prepared names are kept for a whole run (a million of them): no spare capacity.
        codes.shrink_to_fit();
        alts.shrink_to_fit();
        toks.shrink_to_fit();
        PreparedName {
            name,
            codes,
            alts,
            toks,
        }
    }
}

impl PreparedName {
    /// The folded text of a token.
    pub(super) fn folded(&self, t: &PTok) -> &str {
        self.name
            .tokens
            .get(usize::from(t.src))
            .map_or("", |tok| tok.folded())
    }

    /// The text of a token as written.
    pub(super) fn text(&self, t: &PTok) -> &str {
        self.name
            .tokens
            .get(usize::from(t.src))
            .map_or("", |tok| tok.text())
    }

    fn unit_toks(&self, u: Unit) -> &[PTok] {
        self.toks
            .get(usize::from(u.first)..=usize::from(u.last))
            .unwrap_or(&[])
    }

    /// Some token of the unit was romanised.
    pub(super) fn unit_romanized(&self, u: Unit) -> bool {
        self.unit_toks(u).iter().any(|t| t.romanized)
    }

    /// Every token of the unit names a title's territory.
    pub(super) fn unit_territorial(&self, u: Unit) -> bool {
        let t = self.unit_toks(u);
        !t.is_empty() && t.iter().all(|t| t.territorial)
    }

    /// A tie-breaker for the canonical order of two names with equal codes.
    pub(super) fn toks_key(&self) -> Vec<(u64, u64, bool)> {
        self.toks
            .iter()
            .map(|t| (t.loose, t.strict, t.initial))
            .collect()
    }
}
