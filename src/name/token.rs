//! Tokens and parsed names.

use crate::text::Script;

/// The role of a token in a person name (`ARABIC_NAMES.md` §2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// A personal name: the given name, or a father's / grandfather's name (nasab).
    Given,
    /// The last name word of a name with two or more: family, tribe or nisba.
    Family,
    /// A nasab connector (`bin`, `ibn`, `bint`, `بن`, `s/o` …): left out of keys.
    Connector,
    /// A kunya bound to its next word (`Abu Bakr`, `أم أحمد`), as one token.
    Kunya,
    /// A lone article (`al`, `ال`) with no word after it: left out of keys.
    Article,
    /// A title or honorific before the name (`Sheikh`, `الدكتور`, `Dr`): left out of keys.
    Title,
    /// A joined compound (`عبد الله`, `Abdul Rahman`, `Nur al-Din`), as one token.
    Compound,
    /// A compound prefix with nothing to join (`Abdul` as the last word).
    CompoundPart,
    /// A single Latin letter (`K. P. Thomas`): left out of keys.
    Initial,
    /// No letters (digits, symbols): left out of keys.
    Unknown,
}

impl Role {
    /// The role name as used in JSON output (`given`, `family`, `connector` …).
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Given => "given",
            Role::Family => "family",
            Role::Connector => "connector",
            Role::Kunya => "kunya",
            Role::Article => "article",
            Role::Title => "title",
            Role::Compound => "compound",
            Role::CompoundPart => "compound_part",
            Role::Initial => "initial",
            Role::Unknown => "unknown",
        }
    }

    /// Whether tokens of this role carry name information and go into the name's key.
    pub fn is_name(self) -> bool {
        matches!(
            self,
            Role::Given | Role::Family | Role::Kunya | Role::Compound | Role::CompoundPart
        )
    }
}

/// Flags on a token: what the parser removed or noticed. A small bit set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct TokenFlags(u16);

impl TokenFlags {
    /// The token had an article (`al-`, `el `, `ال`, assimilated `ar-`) that the keys drop.
    pub const HAD_ARTICLE: TokenFlags = TokenFlags(1);
    /// The token is a title (see [`Role::Title`]).
    pub const WAS_TITLE: TokenFlags = TokenFlags(1 << 1);
    /// The token contains characters the folds do not know (kept as they are).
    pub const UNKNOWN_CHARS: TokenFlags = TokenFlags(1 << 2);
    /// The token was joined from several words (compound, kunya, article + word).
    pub const JOINED: TokenFlags = TokenFlags(1 << 3);
    /// The token's keys come from the curated variant table.
    pub const VARIANT: TokenFlags = TokenFlags(1 << 4);
    /// The token contains digits.
    pub const HAD_DIGITS: TokenFlags = TokenFlags(1 << 5);
    /// The token is the last name word (family position), whatever its role.
    pub const LAST: TokenFlags = TokenFlags(1 << 6);
    /// The token came before a comma or `<<` in family-first input and was moved to the end.
    pub const FAMILY_FIRST: TokenFlags = TokenFlags(1 << 7);
    /// Some letters of the token were romanised from a script other than Arabic and Latin
    /// (Cyrillic, Greek, Devanagari, Han …, see [`crate::text::romanize`]): the token is
    /// compared as a Latin spelling, which is weaker evidence (one romanisation among
    /// several in use). The token's [`Token::script`] is then [`Script::Latin`].
    pub const ROMANIZED: TokenFlags = TokenFlags(1 << 8);
    /// The token names the territory or the title of a peerage (`Chudleigh` in `1st Baron
    /// Clifford of Chudleigh`, `Tennyson` in `Baron Tennyson`): a name word, but not a
    /// given name, and often left out of other records of the person.
    pub const TERRITORIAL: TokenFlags = TokenFlags(1 << 9);

    /// No flag set.
    pub const fn empty() -> Self {
        TokenFlags(0)
    }
    /// Whether every flag of `other` is set in `self`.
    pub const fn contains(self, other: TokenFlags) -> bool {
        self.0 & other.0 == other.0
    }
    /// Set the flags of `other`.
    pub fn insert(&mut self, other: TokenFlags) {
        self.0 |= other.0;
    }
    /// The raw bits.
    pub const fn bits(self) -> u16 {
        self.0
    }
    /// Names of the flags that are set, for display and JSON.
    pub fn names(self) -> impl Iterator<Item = &'static str> {
        const NAMES: [&str; 10] = [
            "had_article",
            "was_title",
            "unknown_chars",
            "joined",
            "variant",
            "had_digits",
            "last",
            "family_first",
            "romanized",
            "territorial",
        ];
        NAMES
            .into_iter()
            .enumerate()
            .filter(move |(i, _)| self.0 & (1 << i) != 0)
            .map(|(_, n)| n)
    }
}

impl std::ops::BitOr for TokenFlags {
    type Output = TokenFlags;
    fn bitor(self, rhs: TokenFlags) -> TokenFlags {
        TokenFlags(self.0 | rhs.0)
    }
}

// Indices of the parts of a token's buffer.
const TEXT: usize = 0;
const FOLDED: usize = 1;
const ROMANIZED: usize = 2;
const CODE: usize = 3;
const LOOSE: usize = 4;
const STRICT: usize = 5;

/// One word (or joined group of words) of a parsed name, with its folded form, phonetic
/// code and matching keys.
///
/// All strings of a token live in one buffer (one allocation per token); the accessors
/// return slices of it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Token {
    buf: String,
    ends: [u32; 6],
    script: Script,
    role: Role,
    flags: TokenFlags,
    variant: Option<u16>,
}

impl Token {
    /// Assemble a token from a buffer holding text | folded | romanized | code | loose |
    /// strict, with the end offset of each part.
    pub(crate) fn new(
        buf: String,
        ends: [u32; 6],
        script: Script,
        role: Role,
        flags: TokenFlags,
        variant: Option<u16>,
    ) -> Token {
        Token {
            buf,
            ends,
            script,
            role,
            flags,
            variant,
        }
    }

    fn part(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.buf[start..self.ends[i] as usize]
    }

    /// The token as written in the input (after NFKC), words joined by one space.
    pub fn text(&self) -> &str {
        self.part(TEXT)
    }
    /// The folded token (Arabic orthographic folds, or lowercase ASCII Latin), article and
    /// compound words included, words joined by one space.
    pub fn folded(&self) -> &str {
        self.part(FOLDED)
    }
    /// A canonical romanisation: the variant table's spelling for names it lists,
    /// otherwise the folded Latin text, or a letter-by-letter romanisation of Arabic script.
    pub fn romanized(&self) -> &str {
        self.part(ROMANIZED)
    }
    /// The full phonetic code (vowels kept, article dropped) over the alphabet of
    /// [`super::phonetic`]. Every byte is printable ASCII.
    pub fn code(&self) -> &[u8] {
        self.part(CODE).as_bytes()
    }
    /// The loose cross-script key (see [`super::phonetic::loose_key`]); for names in the
    /// variant table, the table's key. May be empty (a token of vowels only).
    pub fn loose_key(&self) -> &str {
        self.part(LOOSE)
    }
    /// The strict cross-script key (see [`super::phonetic::strict_key`]); for names in the
    /// variant table, the strict key of the table's primary spelling.
    pub fn strict_key(&self) -> &str {
        self.part(STRICT)
    }
    /// The dotless (rasm) skeleton of the folded token, for catching dot typos in Arabic
    /// script (see [`crate::text::arabic::rasm`]); computed on each call.
    pub fn rasm_key(&self) -> String {
        crate::text::arabic::rasm(self.folded())
    }
    /// The script of the token's letters.
    pub fn script(&self) -> Script {
        self.script
    }
    /// The token's role in the name.
    pub fn role(&self) -> Role {
        self.role
    }
    /// The token's flags.
    pub fn flags(&self) -> TokenFlags {
        self.flags
    }
    /// The canonical name of the variant-table entry this token was matched to, if any.
    pub fn variant(&self) -> Option<&'static str> {
        self.variant.and_then(super::variants::canonical_of)
    }
    /// The id of the variant-table entry this token was matched to, if any: equal ids
    /// mean the table lists both spellings as one name.
    pub fn variant_id(&self) -> Option<u16> {
        self.variant
    }

    pub(crate) fn set_role(&mut self, role: Role) {
        self.role = role;
    }
    pub(crate) fn insert_flags(&mut self, f: TokenFlags) {
        self.flags.insert(f);
    }
}

/// A parsed person name: the input, its normalised text and its tokens in given-first
/// order (family-first input is reordered).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PersonName {
    /// The input exactly as given.
    pub original: String,
    /// The folded tokens in given-first order, joined by one space (titles and connectors
    /// included). Normalising this string again gives the same `normalized` and keys.
    pub normalized: String,
    /// The tokens in given-first order.
    pub tokens: Vec<Token>,
    /// The script of the whole name as written: [`Script::Other`] for a name in another
    /// script even though its tokens are romanised (and report [`Script::Latin`]).
    pub script: Script,
    /// Whether the input was family-first (`AL-FADHALA, MOHAMMED`, MRZ `SURNAME<<GIVEN`).
    pub family_first: bool,
}

impl PersonName {
    /// The tokens that carry name information (roles for which [`Role::is_name`] holds),
    /// in given-first order.
    pub fn name_tokens(&self) -> impl Iterator<Item = &Token> + '_ {
        self.tokens.iter().filter(|t| t.role.is_name())
    }

    /// The name's loose cross-script matching key: the loose keys of its name tokens,
    /// joined by single spaces, in given-first order (titles, connectors, lone articles,
    /// initials and digits left out; compounds joined). This is the `key` of
    /// `hawiya normalize`.
    ///
    /// ```
    /// let n = hawiya::name::Normalizer::default();
    /// assert_eq!(n.normalize("AL-FADHALA, Mohammed").key(), n.normalize("محمد الفضالة").key());
    /// assert_ne!(n.normalize("محمد").key(), n.normalize("محمود").key());
    /// ```
    pub fn key(&self) -> String {
        join_keys(self.name_tokens().map(Token::loose_key))
    }

    /// The rasm (dotless) keys of the name tokens joined like [`PersonName::key`].
    pub fn rasm_key(&self) -> String {
        let keys: Vec<String> = self.name_tokens().map(Token::rasm_key).collect();
        join_keys(keys.iter().map(String::as_str))
    }

    /// The strict keys of the name tokens joined like [`PersonName::key`].
    pub fn strict_key(&self) -> String {
        join_keys(self.name_tokens().map(Token::strict_key))
    }
}

fn join_keys<'a>(keys: impl Iterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for k in keys.filter(|k| !k.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(k);
    }
    out
}
