//! The [`Normalizer`]: fold, split, parse and key a person name in one pass.

use crate::error::{Error, Result};
use unicode_normalization::char::is_combining_mark;

use crate::text::romanize::{self, Romanized};
use crate::text::{self, CharKind, Script};

use super::lexicon::{self as lx, class as C};
use super::phonetic;
use super::token::{PersonName, Role, Token, TokenFlags};
use super::variants::{self, VariantTable};

/// One stage of name normalisation, as listed in [`NormalizerOptions::steps`].
///
/// The character folds of `ARABIC_NAMES.md` §1 and the Latin folds (case, marks,
/// apostrophes) always run: the phonetic code and the keys are defined on folded text.
/// The steps choose the rest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    /// NFKC before folding (presentation forms, full-width letters, NBSP). Skipped for
    /// ASCII and already-NFKC input even when listed.
    Nfkc,
    /// Read `FAMILY, GIVEN` and MRZ `FAMILY<<GIVEN` input and put the family name last.
    FamilyFirst,
    /// Drop leading titles and honorifics (kept as [`Role::Title`] tokens).
    Titles,
    /// Recognise nasab connectors (`bin`, `بن`, `s/o`).
    Connectors,
    /// Strip the article (`al-`, `el `, `ال`, assimilated `ar-`) from keys.
    Articles,
    /// Join theophoric `abd` compounds and `…الدين` compounds into one token.
    Compounds,
    /// Bind a kunya (`Abu`, `أم`) to its next word.
    Kunya,
    /// Use the curated variant table for the commonest names.
    Variants,
}

/// The serde-able configuration of a [`Normalizer`].
///
/// Default: every [`Step`], in the order `Nfkc, FamilyFirst, Titles, Connectors,
/// Articles, Compounds, Kunya, Variants`. The parser applies the listed steps in that
/// fixed order whatever their order in the list; a step listed twice is a configuration
/// error.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NormalizerOptions {
    /// The steps to run.
    pub steps: Vec<Step>,
}

impl Default for NormalizerOptions {
    fn default() -> Self {
        NormalizerOptions {
            steps: vec![
                Step::Nfkc,
                Step::FamilyFirst,
                Step::Titles,
                Step::Connectors,
                Step::Articles,
                Step::Compounds,
                Step::Kunya,
                Step::Variants,
            ],
        }
    }
}

#[derive(Debug, Clone, Copy, Default)]
struct StepSet {
    nfkc: bool,
    family_first: bool,
    titles: bool,
    connectors: bool,
    articles: bool,
    compounds: bool,
    kunya: bool,
    variants: bool,
}

/// Normalises, parses and keys person names. Immutable and `Send + Sync`: build one and
/// share it between threads.
///
/// [`Normalizer::normalize`] is total: every string gives a [`PersonName`], characters it
/// cannot interpret pass through and are flagged.
///
/// ```
/// use hawiya::name::{Normalizer, NormalizerOptions};
/// let n = Normalizer::new(NormalizerOptions::default())?;
/// let a = n.normalize("الشيخ عبد الرحمن بن محمد آل ثاني");
/// let b = n.normalize("Sheikh Abdulrahman bin Mohammed Al Thani");
/// assert_eq!(a.key(), b.key());
/// assert_eq!(a.key(), "bdrhmn mhmd tn");
/// # Ok::<(), hawiya::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Normalizer {
    options: NormalizerOptions,
    steps: StepSet,
}

impl Default for Normalizer {
    fn default() -> Self {
        Normalizer::new(NormalizerOptions::default()).unwrap_or_else(|_| Normalizer {
            options: NormalizerOptions::default(),
            steps: StepSet::default(),
        })
    }
}

/// One whitespace/punctuation-delimited word of the input, as offsets.
#[derive(Debug, Clone, Copy)]
struct Raw {
    text: (u32, u32),
    folded: (u32, u32),
    arabic: bool,
    latin: bool,
    other: bool,
    digits: bool,
    family_first: bool,
    /// Some letters were romanised from another script (see [`text::romanize`]).
    romanized: bool,
    /// A comma (`,` or `،`) came before the word.
    after_comma: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Name,
    Title,
    Connector,
    Article,
    Compound,
    Kunya,
    CompoundPart,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Prefix {
    None,
    Abd,
    Kunya,
    /// Encoded as written (`ben`, `بن` starting a surname).
    Word,
}

/// A unit under construction: raw words (indices into the reordered sequence) that
/// become one token.
#[derive(Debug, Clone)]
struct Unit {
    parts: [u32; 8],
    len: u8,
    kind: Kind,
    prefix: Prefix,
    /// Index in `parts` of the main word (after prefix / separate article).
    main: u8,
    /// A separate article word precedes the main word.
    article_word: bool,
    /// Index in `parts` where a `din` part begins (0 = none).
    din_at: u8,
    /// The unit follows a Latin title phrase (`1st Baron`, `of`): it names the title or
    /// its territory.
    territorial: bool,
}

impl Unit {
    fn new(kind: Kind) -> Unit {
        Unit {
            territorial: false,
            parts: [0; 8],
            len: 0,
            kind,
            prefix: Prefix::None,
            main: 0,
            article_word: false,
            din_at: 0,
        }
    }
    fn push(&mut self, i: usize) {
        if (self.len as usize) < self.parts.len() {
            self.parts[self.len as usize] = i as u32;
            self.len += 1;
        }
    }
    fn parts(&self) -> &[u32] {
        &self.parts[..self.len as usize]
    }
}

/// Buffers reused from one name to the next on a thread.
#[derive(Debug, Default)]
struct Work {
    fbuf: String,
    raws: Vec<Raw>,
    units: Vec<Unit>,
    scratch: Scratch,
}

thread_local! {
    static WORK: std::cell::RefCell<Work> = std::cell::RefCell::new(Work::default());
}

/// The folded words of a name, in given-first order.
struct Words<'a> {
    fbuf: &'a str,
    raws: &'a [Raw],
}

impl<'a> Words<'a> {
    fn len(&self) -> usize {
        self.raws.len()
    }
    fn get(&self, k: usize) -> &'a str {
        let r = &self.raws[k];
        &self.fbuf[r.folded.0 as usize..r.folded.1 as usize]
    }
}

/// Buffers reused for every token of one name.
#[derive(Debug, Default)]
struct Scratch {
    code: Vec<u8>,
    lookup_core: String,
    rule_loose: String,
    joined: String,
}

/// Segments of a word that are encoded one after the other (prefix, core, `din`).
#[derive(Debug, Default)]
struct Segs<'a> {
    segs: [&'a str; 3],
    len: usize,
    had_article: bool,
    /// The word is a joined compound (`abdullah`, `نورالدين`).
    compound: bool,
}

impl<'a> Segs<'a> {
    fn push(&mut self, s: &'a str) {
        if self.len < 3 && !s.is_empty() {
            self.segs[self.len] = s;
            self.len += 1;
        }
    }
    fn iter(&self) -> impl Iterator<Item = &'a str> + '_ {
        self.segs[..self.len].iter().copied()
    }
}

impl Normalizer {
    /// Build a normaliser from options.
    ///
    /// # Errors
    /// [`crate::ErrorKind::Config`] when a step is listed twice.
    pub fn new(options: NormalizerOptions) -> Result<Self> {
        let mut s = StepSet::default();
        for (i, step) in options.steps.iter().enumerate() {
            let flag = match step {
                Step::Nfkc => &mut s.nfkc,
                Step::FamilyFirst => &mut s.family_first,
                Step::Titles => &mut s.titles,
                Step::Connectors => &mut s.connectors,
                Step::Articles => &mut s.articles,
                Step::Compounds => &mut s.compounds,
                Step::Kunya => &mut s.kunya,
                Step::Variants => &mut s.variants,
            };
            if *flag {
                return Err(Error::config(
                    format!("steps[{i}]"),
                    format!("step `{step:?}` is listed twice"),
                ));
            }
            *flag = true;
        }
        Ok(Normalizer { options, steps: s })
    }

    /// The options this normaliser was built from.
    pub fn options(&self) -> &NormalizerOptions {
        &self.options
    }

    /// Normalise, parse and key one name. Total: never fails, never panics.
    ///
    /// ```
    /// use hawiya::name::{Normalizer, Role};
    /// let n = Normalizer::default();
    /// let p = n.normalize("AL-FADHALA, Dr. Mohammed Abdullah");
    /// assert!(p.family_first);
    /// let roles: Vec<Role> = p.tokens.iter().map(|t| t.role()).collect();
    /// assert_eq!(roles, [Role::Title, Role::Given, Role::Compound, Role::Family]);
    /// assert_eq!(p.key(), "mhmd bdl fdl");
    /// ```
    pub fn normalize(&self, name: &str) -> PersonName {
        WORK.with(|cell| match cell.try_borrow_mut() {
            Ok(mut work) => self.normalize_with(name, &mut work),
            // Re-entered (the variant table is being built by a normalisation on this
            // thread): use fresh buffers.
            Err(_) => self.normalize_with(name, &mut Work::default()),
        })
    }

    fn normalize_with(&self, name: &str, work: &mut Work) -> PersonName {
        let Work {
            fbuf,
            raws,
            units,
            scratch,
        } = work;
        fbuf.clear();
        raws.clear();
        // Fold without NFKC first; redo with NFKC only when a character needs it.
        let mut prepared = std::borrow::Cow::Borrowed(name);
        let mut split = scan(name, fbuf, raws);
        if self.steps.nfkc && split.needs_nfkc {
            prepared = text::prepare(name);
            if let std::borrow::Cow::Owned(_) = prepared {
                fbuf.clear();
                raws.clear();
                split = scan(&prepared, fbuf, raws);
            }
        }
        let prepared: &str = &prepared;

        // Given-first order: the words before the family-first split go last.
        let n = raws.len();
        let mut family_first = false;
        let title_suffix =
            |s: usize| self.steps.titles && raws[s].after_comma && title_after_comma(fbuf, raws, s);
        match split.at.filter(|_| self.steps.family_first) {
            Some(s) if s > 0 && s < n && !title_suffix(s) => {
                family_first = true;
                for r in &mut raws[..s] {
                    r.family_first = true;
                }
                raws.rotate_left(s);
            }
            _ => {}
        }
        let words = Words { fbuf, raws };
        units.clear();
        self.parse(&words, units);

        // Build tokens.
        let mut tokens = Vec::with_capacity(units.len());
        for u in units.iter() {
            tokens.push(self.build_token(u, &words, prepared, scratch));
        }
        // The script of the name as written: romanised letters are of neither script.
        let script = Script::from_flags(
            words.raws.iter().any(|r| r.arabic),
            words.raws.iter().any(|r| r.latin && !r.romanized),
        );
        assign_roles(&mut tokens, units);

        let mut normalized = String::with_capacity(fbuf.len() + 4);
        for t in &tokens {
            if !normalized.is_empty() {
                normalized.push(' ');
            }
            normalized.push_str(t.folded());
        }
        PersonName {
            original: name.to_owned(),
            normalized,
            tokens,
            script,
            family_first,
        }
    }

    fn parse(&self, w: &Words<'_>, units: &mut Vec<Unit>) {
        let n = w.len();
        let st = &self.steps;
        let mut i = 0;
        let mut leading = true;
        let mut had_name = false;
        // The next name unit names the territory of a title phrase just read.
        let mut territorial = false;
        let mut classes = [0u16; 32];
        for (k, c) in classes.iter_mut().enumerate().take(n) {
            *c = lx::classify(w.get(k));
        }
        let cl = |k: usize| -> u16 {
            if k < classes.len() {
                classes[k]
            } else {
                lx::classify(w.get(k))
            }
        };
        let is = |k: usize, bits: u16| -> bool { cl(k) & bits != 0 };
        let is_article = |k: usize| -> bool {
            st.articles
                && k + 1 < n
                && (is(k, C::ARTICLE)
                    || (is(k, C::ASSIMILATED)
                        && w.get(k + 1).len() > w.get(k).len() - 1
                        && w.get(k + 1).starts_with(&w.get(k)[1..])))
        };
        // The next word able to follow a prefix: (index of the word, separate article).
        let next_word = |k: usize| -> Option<(usize, bool)> {
            if k >= n || is(k, C::CONNECTOR) {
                return None;
            }
            if is_article(k) {
                return Some((k + 1, true));
            }
            Some((k, false))
        };
        while i < n {
            let f = w.get(i);
            if st.titles && leading {
                if i + 2 < n && lx::TITLE_PAIRS.contains(&(f, w.get(i + 1))) {
                    let mut u = Unit::new(Kind::Title);
                    u.push(i);
                    u.push(i + 1);
                    units.push(u);
                    i += 2;
                    continue;
                }
                if i + 1 < n && is(i, C::TITLE) {
                    let mut u = Unit::new(Kind::Title);
                    u.push(i);
                    units.push(u);
                    i += 1;
                    continue;
                }
            }
            leading = false;
            // Latin title phrases after the first word (or beginning with an ordinal or a
            // peerage title followed by `of`): ordinals, peerage titles, post-nominals, `of`.
            if st.titles {
                let (len, names_territory) = title_phrase(w, i, &cl, had_name);
                if len > 0 {
                    let mut u = Unit::new(Kind::Title);
                    for k in i..i + len {
                        u.push(k);
                    }
                    units.push(u);
                    territorial = names_territory;
                    i += len;
                    continue;
                }
            }
            if st.connectors && had_name {
                if i + 2 < n && lx::SLASH_CONNECTORS.contains(&(f, w.get(i + 1))) {
                    let mut u = Unit::new(Kind::Connector);
                    u.push(i);
                    u.push(i + 1);
                    units.push(u);
                    i += 2;
                    continue;
                }
                if i + 1 < n && is(i, C::CONNECTOR) {
                    let mut u = Unit::new(Kind::Connector);
                    u.push(i);
                    units.push(u);
                    i += 1;
                    continue;
                }
            }
            // A connector before any name begins a surname (Maghrebi `Ben Ali`, `بن نعماني`):
            // joined with its next word.
            let ben = st.compounds && !had_name && i + 1 < n && is(i, C::CONNECTOR);
            let abd = st.compounds && (is(i, C::ABD) || ben);
            let kunya = st.kunya
                && is(i, C::KUNYA | C::KUNYA_WITH_ARTICLE)
                && w.raws[i].arabic != w.raws[i].latin;
            let mut u;
            if abd || kunya {
                match next_word(i + 1) {
                    Some((k, art)) if !is_title_or_digit(w.get(k)) => {
                        u = Unit::new(if abd { Kind::Compound } else { Kind::Kunya });
                        u.prefix = if ben {
                            Prefix::Word
                        } else if abd {
                            Prefix::Abd
                        } else {
                            Prefix::Kunya
                        };
                        u.push(i);
                        if art {
                            u.push(k - 1);
                        }
                        u.main = u.len;
                        u.article_word = art;
                        u.push(k);
                        i = k + 1;
                    }
                    _ => {
                        u = Unit::new(Kind::CompoundPart);
                        u.push(i);
                        i += 1;
                    }
                }
            } else if is_article(i) && !is(i + 1, C::CONNECTOR) {
                u = Unit::new(Kind::Name);
                u.push(i);
                u.main = 1;
                u.article_word = true;
                u.push(i + 1);
                i += 2;
            } else if st.articles && is(i, C::ARTICLE) && i + 1 == n && i > 0 {
                // A lone article after other words; alone it is a name (`Al` for Albert).
                u = Unit::new(Kind::Article);
                u.push(i);
                i += 1;
            } else {
                u = Unit::new(Kind::Name);
                u.push(i);
                i += 1;
            }
            // `…الدين` compounds: join a following (article +) din word.
            if st.compounds && u.kind != Kind::CompoundPart && i < n {
                let din = if is(i, C::JOINED_DIN) {
                    Some(i)
                } else if i + 1 < n && is_article(i) && is(i + 1, C::DIN) {
                    Some(i + 1)
                } else {
                    None
                };
                if let Some(d) = din {
                    u.din_at = u.len;
                    for k in i..=d {
                        u.push(k);
                    }
                    if u.kind == Kind::Name {
                        u.kind = Kind::Compound;
                    }
                    i = d + 1;
                }
            }
            // `… Allah` compounds: `Nasr Allah`, `سميع الله`.
            if st.compounds
                && i < n
                && is(i, C::ALLAH)
                && matches!(u.kind, Kind::Name | Kind::Compound)
                && u.din_at == 0
            {
                u.push(i);
                u.kind = Kind::Compound;
                i += 1;
            }
            had_name = true;
            u.territorial = std::mem::take(&mut territorial);
            units.push(u);
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn build_token(&self, u: &Unit, w: &Words<'_>, prepared: &str, scratch: &mut Scratch) -> Token {
        let Scratch {
            code,
            lookup_core,
            rule_loose,
            joined,
        } = scratch;
        let parts = u.parts();
        let mut buf = String::with_capacity(64);
        let mut ends = [0u32; 6];
        let mut flags = TokenFlags::empty();
        let (mut ar, mut la, mut other, mut digits) = (false, false, false, false);
        // text
        for (j, &p) in parts.iter().enumerate() {
            let r = &w.raws[p as usize];
            if j > 0 {
                buf.push(' ');
            }
            buf.push_str(&prepared[r.text.0 as usize..r.text.1 as usize]);
            ar |= r.arabic;
            la |= r.latin;
            other |= r.other;
            digits |= r.digits;
            if r.romanized {
                flags.insert(TokenFlags::ROMANIZED);
            }
            if r.family_first {
                flags.insert(TokenFlags::FAMILY_FIRST);
            }
        }
        ends[0] = buf.len() as u32;
        // folded (and the same without spaces, for the variant table)
        let folded_start = buf.len();
        joined.clear();
        for (j, &p) in parts.iter().enumerate() {
            if j > 0 {
                buf.push(' ');
            }
            buf.push_str(w.get(p as usize));
            joined.push_str(w.get(p as usize));
        }
        ends[1] = buf.len() as u32;
        let script = Script::from_flags(ar, la);
        if other {
            flags.insert(TokenFlags::UNKNOWN_CHARS);
        }
        if digits {
            flags.insert(TokenFlags::HAD_DIGITS);
        }
        if parts.len() > 1 {
            flags.insert(TokenFlags::JOINED);
        }

        // Segments to encode.
        code.clear();
        let main_end = if u.din_at > 0 {
            u.din_at as usize
        } else {
            parts.len()
        };
        lookup_core.clear();
        let mut joined_compound = false;
        // Code index of a word-final `ه` (taa marbuta) that another word follows.
        let mut open_h: Option<usize> = None;
        match u.kind {
            Kind::Name | Kind::Compound | Kind::Kunya | Kind::CompoundPart => {
                if u.prefix != Prefix::None {
                    let pw = w.get(parts[0] as usize);
                    let seg = prefix_segment(pw, u.prefix);
                    phonetic::encode(seg, code);
                    lookup_core.push_str(seg);
                }
                if u.article_word {
                    flags.insert(TokenFlags::HAD_ARTICLE);
                }
                let main_idx = u.main as usize;
                if main_idx < main_end {
                    for &p in &parts[main_idx..main_end] {
                        let k = p as usize;
                        let allow_article = self.steps.articles && !u.article_word;
                        let segs = core_segments(w.get(k), allow_article, self.steps.compounds);
                        if segs.had_article {
                            flags.insert(TokenFlags::HAD_ARTICLE);
                        }
                        joined_compound |= segs.compound;
                        for s in segs.iter() {
                            construct_t(code, &mut open_h);
                            phonetic::encode(s, code);
                            lookup_core.push_str(s);
                            open_h = ends_in_marbuta(s, code);
                        }
                    }
                }
                if u.din_at > 0 {
                    // The din word: its article (separate or joined) is not encoded.
                    let last = w.get(parts[parts.len() - 1] as usize);
                    let din = if last.is_ascii() { "din" } else { "دين" };
                    construct_t(code, &mut open_h);
                    phonetic::encode(din, code);
                    lookup_core.push_str(din);
                }
            }
            _ => {
                for &p in parts {
                    phonetic::encode(w.get(p as usize), code);
                }
            }
        }

        // Variant table.
        let mut variant = None;
        let mut exact = false;
        let name_kind = matches!(
            u.kind,
            Kind::Name | Kind::Compound | Kind::Kunya | Kind::CompoundPart
        );
        rule_loose.clear();
        phonetic::loose_key(code, rule_loose);
        if self.steps.variants && name_kind {
            let table: &VariantTable = variants::table();
            let hit = table.exact(joined).or_else(|| {
                if lookup_core != joined {
                    table.exact(lookup_core)
                } else {
                    None
                }
            });
            if let Some(id) = hit {
                variant = Some(id);
                exact = true;
            } else {
                variant = table.by_skeleton(rule_loose, code);
            }
        }

        // romanized
        let entry = variant.and_then(|id| variants::table().entry(id));
        match entry {
            Some(e) if exact => buf.push_str(e.canonical),
            _ if !ar => {
                for (j, &p) in parts.iter().enumerate() {
                    if j > 0 {
                        buf.push(' ');
                    }
                    buf.push_str(w.get(p as usize));
                }
            }
            _ => phonetic::romanize(code, &mut buf),
        }
        ends[2] = buf.len() as u32;
        // code (ASCII by construction)
        for &c in code.iter() {
            if c.is_ascii() {
                buf.push(c as char);
            }
        }
        ends[3] = buf.len() as u32;
        // keys
        let unknown_only = code.is_empty() && other;
        match entry {
            Some(e) => {
                if exact {
                    flags.insert(TokenFlags::VARIANT);
                }
                buf.push_str(&e.loose);
            }
            None if unknown_only => push_unknown_key(&mut buf, folded_start, ends[1]),
            None => buf.push_str(rule_loose),
        }
        ends[4] = buf.len() as u32;
        match entry {
            Some(e) if exact => buf.push_str(&e.strict),
            _ if unknown_only => push_unknown_key(&mut buf, folded_start, ends[1]),
            _ => phonetic::strict_key(code, &mut buf),
        }
        ends[5] = buf.len() as u32;

        if u.territorial {
            flags.insert(TokenFlags::TERRITORIAL);
        }
        let role = match u.kind {
            Kind::Name if joined_compound => Role::Compound,
            Kind::Name => Role::Given,
            Kind::Title => {
                flags.insert(TokenFlags::WAS_TITLE);
                Role::Title
            }
            Kind::Connector => Role::Connector,
            Kind::Article => Role::Article,
            Kind::Compound => Role::Compound,
            Kind::Kunya => Role::Kunya,
            Kind::CompoundPart => Role::CompoundPart,
        };
        Token::new(
            buf,
            ends,
            script,
            role,
            flags,
            if exact { variant } else { None },
        )
    }
}

/// The Latin title phrase that begins at word `k`, if any: its length in words (0 for
/// none) and whether the word after it names the title or its territory.
///
/// - an ordinal: a numeral (`1st`, `16th`), a spelled ordinal before a peerage title or a
///   post-nominal (`First Baron`), or a regnal numeral after a name (`Henry VIII`);
/// - then a post-nominal (`Baronet`, `Jr`, `KCB`; `bt` only last or after an ordinal),
///   not as the first word;
/// - or a peerage title (`Baron`, `Earl`, `Duchess`) after an ordinal, before `of` and a
///   word (with that `of`), or between a name word and another name word;
/// - or `of` between two words (`Ross of Bladensburg`).
fn title_phrase(
    w: &Words<'_>,
    k: usize,
    cl: &impl Fn(usize) -> u16,
    had_name: bool,
) -> (usize, bool) {
    let n = w.len();
    let is = |j: usize, bits: u16| j < n && cl(j) & bits != 0;
    let mut j = k;
    let numeric = lx::is_numeric_ordinal(w.get(k));
    let spelled = is(k, C::SPELLED_ORDINAL) && is(k + 1, C::PEERAGE | C::POST_NOMINAL);
    let regnal = is(k, C::ORDINAL) && !is(k, C::SPELLED_ORDINAL) && had_name;
    if numeric || spelled || regnal {
        j += 1;
    }
    let ordinal = j > k;
    if j > 0 && is(j, C::POST_NOMINAL) && (w.get(j) != "bt" || j + 1 == n || ordinal) {
        return (j + 1 - k, false);
    }
    let of_next = |j: usize| is(j, C::OF) && j + 1 < n;
    let mut territory = numeric || spelled;
    // After a name word, a peerage title before another name word (`George Cave, Viscount
    // Cave`); not before a title word or at the end (`Martin Luther King Jr`, `Carole King`).
    let before_name = |j: usize| {
        had_name
            && j + 1 < n
            && !is(
                j + 1,
                C::POST_NOMINAL | C::ORDINAL | C::PEERAGE | C::TITLE | C::OF | C::CONNECTOR,
            )
            && !lx::is_numeric_ordinal(w.get(j + 1))
    };
    if is(j, C::PEERAGE) && (ordinal || of_next(j + 1) || before_name(j)) {
        j += 1;
        territory = true;
    }
    if of_next(j) && (j > k || k > 0) {
        j += 1;
        territory = true;
    }
    (j - k, territory)
}

/// Whether the words after a single comma read as a title phrase (`Thomas Clifford, 1st
/// Baron Clifford`, `Alan, Earl Menteith`, `Edmund Howard, Fitzalan of Derwent`) rather
/// than the given names of family-first input (`AL-FADHALA, MOHAMMED`).
fn title_after_comma(fbuf: &str, raws: &[Raw], at: usize) -> bool {
    let word = |r: &Raw| &fbuf[r.folded.0 as usize..r.folded.1 as usize];
    let Some(first) = raws.get(at).map(word) else {
        return false;
    };
    lx::is_numeric_ordinal(first)
        || lx::classify(first) & (C::PEERAGE | C::POST_NOMINAL | C::SPELLED_ORDINAL | C::OF) != 0
        || raws[at..]
            .iter()
            .any(|r| lx::classify(word(r)) & C::OF != 0)
}

/// Whether the Arabic segment `seg`, just encoded at the end of `code`, ends in `ه`
/// (folded taa marbuta): returns the code index of that `h`.
fn ends_in_marbuta(seg: &str, code: &[u8]) -> Option<usize> {
    (!seg.is_ascii() && seg.ends_with('ه') && code.last() == Some(&b'h')).then(|| code.len() - 1)
}

/// Taa marbuta before another word of the same compound is read `t` (construct state:
/// `أمة الله` Amat Allah, `عظمة الله` Azmatullah).
fn construct_t(code: &mut [u8], open_h: &mut Option<usize>) {
    if let Some(i) = open_h.take() {
        if let Some(c) = code.get_mut(i) {
            *c = b't';
        }
    }
}

fn push_unknown_key(buf: &mut String, start: usize, end: u32) {
    let s: String = buf[start..end as usize]
        .chars()
        .filter(|&c| c != ' ')
        .collect();
    buf.push_str(&s);
}

fn is_title_or_digit(w: &str) -> bool {
    w.bytes().all(|b| b.is_ascii_digit())
}

/// The text encoded for a compound prefix word.
fn prefix_segment(w: &str, prefix: Prefix) -> &str {
    match prefix {
        Prefix::Abd => {
            if w.is_ascii() {
                "abd"
            } else {
                "عبد"
            }
        }
        Prefix::Kunya => {
            if lx::has(lx::KUNYA_WITH_ARTICLE, w) {
                &w[..w.len() - 1]
            } else {
                w
            }
        }
        Prefix::None | Prefix::Word => w,
    }
}

const SUN_LATIN: &[u8] = b"tdrzsnl";

/// Split one folded word into the segments its code is built from: article stripped,
/// joined `abd` compounds and joined `…الدين` split.
fn core_segments(w: &str, allow_article: bool, compounds: bool) -> Segs<'_> {
    let mut segs = Segs::default();
    if w.is_ascii() {
        let b = w.as_bytes();
        if compounds && b.len() >= 6 && w.starts_with("abd") && !lx::has(lx::ABD_PREFIXES, w) {
            segs.push("abd");
            segs.push(strip_linking_article(&w[3..]));
            segs.compound = true;
            return segs;
        }
        if compounds && w.starts_with("ab") {
            for k in lx::JOINED_KUNYA_ARTICLE {
                if let Some(rest) = w.strip_prefix(k) {
                    if rest.len() >= 3 {
                        segs.push("abu");
                        segs.push(rest);
                        segs.compound = true;
                        return segs;
                    }
                }
            }
        }
        let mut core = w;
        if allow_article {
            let rest = &w[2.min(w.len())..];
            if (w.starts_with("al") || w.starts_with("el")) && article_rest_ok(rest) {
                core = rest;
                segs.had_article = true;
            } else if b.len() >= 7
                && matches!(b[0], b'a' | b'e')
                && SUN_LATIN.contains(&b[1])
                && b[1] == b[2]
                && !ends_with_din(w)
            {
                core = &w[2..];
                segs.had_article = true;
            }
        }
        if compounds && matches!(b.last(), Some(b'n' | b'e')) {
            for suf in [
                "eldin", "aldin", "uldin", "eldine", "aldine", "eldeen", "aldeen",
            ] {
                if core.len() > suf.len() + 1 && core.ends_with(suf) {
                    segs.push(&core[..core.len() - suf.len()]);
                    segs.push("din");
                    segs.compound = true;
                    return segs;
                }
            }
        }
        segs.push(core);
        return segs;
    }
    // Arabic script (or other).
    const ABD: &str = "عبد";
    const AL: &str = "ال";
    let nchars = w.chars().count();
    if compounds && w.starts_with(ABD) && nchars >= 5 {
        let rest = &w[ABD.len()..];
        let rest = if rest.starts_with(AL) && rest.chars().count() >= 4 {
            &rest[AL.len()..]
        } else {
            rest
        };
        segs.push(ABD);
        segs.push(rest);
        segs.compound = true;
        return segs;
    }
    let mut core = w;
    // Folded text no longer tells `ال` from `أل`/`إل` (alef folding), so a word-initial
    // `ال` is always read as the article: normalising stays idempotent, and the variant
    // table lists the few names that begin with these letters (`إلياس`).
    if allow_article && w.starts_with(AL) && nchars >= 4 {
        core = &w[AL.len()..];
        segs.had_article = true;
    }
    if compounds {
        const DIN: &str = "الدين";
        const ALLAH: &str = "الله";
        for (suffix, second) in [(DIN, "دين"), (ALLAH, "له")] {
            if core.ends_with(suffix) && core.len() >= suffix.len() + 4 {
                segs.push(&core[..core.len() - suffix.len()]);
                segs.push(second);
                segs.compound = true;
                return segs;
            }
        }
    }
    segs.push(core);
    segs
}

fn article_rest_ok(rest: &str) -> bool {
    let b = rest.as_bytes();
    let Some(&first) = b.first() else {
        return false;
    };
    // Length with doubled letters counted once: `Almass` reads like `Almas`.
    let len = 1 + b.windows(2).filter(|p| p[0] != p[1]).count();
    let vowel = matches!(first, b'a' | b'e' | b'i' | b'o' | b'u');
    first.is_ascii_alphabetic() && ((!vowel && len >= 3) || (vowel && len >= 5)) && first != b'l'
}

fn ends_with_din(w: &str) -> bool {
    ["din", "dine", "deen"].iter().any(|s| w.ends_with(s))
}

/// After `abd`: drop the linking vowel(s) and the article's `l` (`abdullah` → `lah`,
/// `abdelkader` → `kader`, `abdurrahman` → `rrahman`).
fn strip_linking_article(rest: &str) -> &str {
    let b = rest.as_bytes();
    let mut i = 0;
    while i < b.len() && i < 2 && matches!(b[i], b'a' | b'e' | b'i' | b'o' | b'u') {
        i += 1;
    }
    if i > 0 && i < b.len() && b[i] == b'l' && b.len() - i >= 3 {
        i += 1;
    }
    &rest[i..]
}

fn assign_roles(tokens: &mut [Token], units: &[Unit]) {
    let mut names = 0usize;
    let mut last = 0usize;
    for (i, t) in tokens.iter_mut().enumerate() {
        if !t.role().is_name() {
            continue;
        }
        // Letters of other scripts are romanised: what is left unknown is symbols, or a
        // letter no romanisation table covers.
        let has_letters = t.script() != Script::Other
            || (t.flags().contains(TokenFlags::UNKNOWN_CHARS)
                && t.folded().chars().any(char::is_alphabetic));
        if !has_letters {
            t.set_role(Role::Unknown);
            continue;
        }
        if units[i].kind == Kind::Name && t.script() == Script::Latin && t.folded().len() == 1 {
            t.set_role(Role::Initial);
            continue;
        }
        names += 1;
        last = i;
        // A title's name or territory is not a given name.
        if t.role() == Role::Given && t.flags().contains(TokenFlags::TERRITORIAL) {
            t.set_role(Role::Family);
        }
    }
    if names >= 2 {
        tokens[last].insert_flags(TokenFlags::LAST);
        if tokens[last].role() == Role::Given {
            tokens[last].set_role(Role::Family);
        }
    }
}

/// What [`scan`] found besides the words.
struct Split {
    /// Where a family-first split is: the number of words before the first `<<`, or
    /// before the only comma.
    at: Option<usize>,
    /// A character whose fold may differ after NFKC was seen.
    needs_nfkc: bool,
}

/// Scan `s`: fold every character into `fbuf`, cut words into `raws`.
fn scan(s: &str, fbuf: &mut String, raws: &mut Vec<Raw>) -> Split {
    let mut cur: Option<Raw> = None;
    let mut commas = 0usize;
    let mut comma_at = 0usize;
    let mut mrz_at: Option<usize> = None;
    let mut lt_run = 0u8;
    let mut needs_nfkc = false;
    // The previous character, when it was romanised (a combining mark after it is
    // romanised too).
    let mut prev_romanized: Option<char> = None;
    let mut after_comma = false;
    for (i, c) in s.char_indices() {
        let before = fbuf.len();
        let mut romanized = false;
        let mut syllable = false;
        let kind = if c.is_ascii_lowercase() {
            fbuf.push(c);
            CharKind::Latin
        } else if c.is_ascii_uppercase() {
            fbuf.push(c.to_ascii_lowercase());
            CharKind::Latin
        } else {
            if !needs_nfkc
                && !c.is_ascii()
                && !('\u{0621}'..='\u{064A}').contains(&c)
                && !text::fold_equal_without_nfkc(c)
            {
                needs_nfkc = true;
            }
            match text::fold_char(c, fbuf) {
                // A letter of another script: romanised (or deleted, or kept as it is).
                CharKind::Other => {
                    fbuf.truncate(before);
                    match romanize::romanize_char(c, prev_romanized, fbuf) {
                        Romanized::Letters => {
                            romanized = true;
                            syllable = romanize::is_syllable_word(c);
                            CharKind::Latin
                        }
                        Romanized::Silent => CharKind::Dropped,
                        Romanized::No => text::fold_char(c, fbuf),
                    }
                }
                // A combining mark after a romanised letter: an Indic or Thai vowel sign.
                CharKind::Dropped if prev_romanized.is_some() && is_combining_mark(c) => {
                    match romanize::romanize_char(c, prev_romanized, fbuf) {
                        Romanized::Letters => {
                            romanized = true;
                            CharKind::Latin
                        }
                        _ => CharKind::Dropped,
                    }
                }
                k => k,
            }
        };
        // Han and Hangul syllables are words of their own (the word before ends here; the
        // syllable's letters begin at `before`).
        if syllable {
            if let Some(r) = cur.take() {
                raws.push(r);
            }
        }
        if kind != CharKind::Dropped {
            prev_romanized = romanized.then_some(c);
        }
        let end = (i + c.len_utf8()) as u32;
        match kind {
            CharKind::Arabic | CharKind::Latin | CharKind::Digit | CharKind::Other => {
                let r = cur.get_or_insert(Raw {
                    text: (i as u32, end),
                    folded: (before as u32, before as u32),
                    arabic: false,
                    latin: false,
                    other: false,
                    digits: false,
                    family_first: false,
                    romanized: false,
                    after_comma: std::mem::take(&mut after_comma),
                });
                r.text.1 = end;
                r.folded.1 = fbuf.len() as u32;
                r.romanized |= romanized;
                match kind {
                    CharKind::Arabic => r.arabic = true,
                    CharKind::Latin => r.latin = true,
                    CharKind::Digit => r.digits = true,
                    _ => r.other = true,
                }
                lt_run = 0;
                if syllable {
                    if let Some(r) = cur.take() {
                        raws.push(r);
                    }
                }
            }
            CharKind::Dropped => {
                if let Some(r) = cur.as_mut() {
                    r.text.1 = end;
                }
            }
            CharKind::Space | CharKind::Separator(_) => {
                if let Some(r) = cur.take() {
                    raws.push(r);
                }
                if let CharKind::Separator(ch) = kind {
                    if ch == ',' || ch == '،' {
                        commas += 1;
                        comma_at = raws.len();
                        after_comma = true;
                    }
                    if ch == '<' {
                        lt_run = lt_run.saturating_add(1);
                        if lt_run == 2 && mrz_at.is_none() {
                            mrz_at = Some(raws.len());
                        }
                    } else {
                        lt_run = 0;
                    }
                }
            }
        }
    }
    if let Some(r) = cur.take() {
        raws.push(r);
    }
    Split {
        at: mrz_at.or(if commas == 1 { Some(comma_at) } else { None }),
        needs_nfkc,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n() -> Normalizer {
        Normalizer::default()
    }
    fn key(s: &str) -> String {
        n().normalize(s).key()
    }

    #[test]
    fn normalizer_is_send_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Normalizer>();
        assert_send_sync::<PersonName>();
    }

    #[test]
    fn options_round_trip_through_toml() {
        let opts = NormalizerOptions::default();
        let text = toml::to_string(&opts).unwrap();
        assert!(text.contains("\"family_first\""), "{text}");
        let back: NormalizerOptions = toml::from_str(&text).unwrap();
        assert_eq!(back, opts);
        let partial: NormalizerOptions = toml::from_str("steps = [\"nfkc\", \"titles\"]").unwrap();
        let n = Normalizer::new(partial).unwrap();
        // Without the article step, `al` stays part of the key.
        assert_eq!(n.normalize("Mohammed Al-Fadhala").key(), "mhmd l fdl");
        assert!(toml::from_str::<NormalizerOptions>("steps = [\"nfkd\"]").is_err());
    }

    #[test]
    fn duplicate_step_is_config_error() {
        let opts = NormalizerOptions {
            steps: vec![Step::Nfkc, Step::Titles, Step::Nfkc],
        };
        let e = Normalizer::new(opts).unwrap_err();
        assert!(e.to_string().contains("steps[2]"), "{e}");
    }

    #[test]
    fn orthographic_variants_share_a_key() {
        let k = key("أحمد");
        for s in ["احمد", "أحمـــد", "أَحْمَد", "ﺃﺣﻤﺪ", "\u{200f}أحمد"]
        {
            assert_eq!(key(s), k, "{s}");
        }
    }

    #[test]
    fn abdullah_family() {
        let k = key("عبد الله");
        assert_eq!(k, "bdl");
        for s in [
            "عبدالله",
            "Abdullah",
            "Abdallah",
            "Abd Allah",
            "Abdulla",
            "Abd-Allah",
            "Abdollah",
        ] {
            assert_eq!(key(s), k, "{s}");
        }
    }

    #[test]
    fn fadhala_family() {
        let k = key("الفضالة");
        for s in [
            "Al-Fadhala",
            "Alfadhala",
            "El Fadhala",
            "AL FADHALAH",
            "فضالة",
            "Fadhala",
        ] {
            assert_eq!(key(s), k, "{s}");
        }
    }

    #[test]
    fn abd_al_rahman_family() {
        let k = key("عبد الرحمن");
        for s in [
            "عبدالرحمن",
            "Abd al-Rahman",
            "Abdulrahman",
            "Abdul Rahman",
            "Abdel Rahman",
            "Abdurrahman",
            "Abderrahmane",
            "Abdur-Rahman",
        ] {
            assert_eq!(key(s), k, "{s}");
        }
    }

    #[test]
    fn family_first_and_mrz() {
        let a = n().normalize("AL-FADHALA, MOHAMMED SALEH");
        assert!(a.family_first);
        assert_eq!(a.key(), key("Mohammed Saleh Al-Fadhala"));
        let m = n().normalize("ALFADHALA<<MOHAMMED<SALEH<<<<<");
        assert!(m.family_first);
        assert_eq!(m.key(), a.key());
    }

    #[test]
    fn titles_connectors_kunya() {
        let p = n().normalize("الشيخ محمد بن راشد آل مكتوم");
        let roles: Vec<Role> = p.tokens.iter().map(|t| t.role()).collect();
        assert_eq!(
            roles,
            [
                Role::Title,
                Role::Given,
                Role::Connector,
                Role::Given,
                Role::Family
            ]
        );
        assert_eq!(p.key(), key("Sheikh Mohammed bin Rashid Al Maktoum"));
        assert_eq!(key("أبو بكر"), key("Abu Bakr"));
        assert_eq!(key("Abubakr"), key("Abu Bakr"));
        assert_eq!(key("Nur al-Din"), key("Noureddine"));
        assert_eq!(key("نور الدين"), key("Nuruddin"));
        assert_eq!(key("Salah ad-Din"), key("صلاح الدين"));
        assert_eq!(key("Mohammed s/o Ahmed"), key("Mohammed Ahmed"));
    }

    #[test]
    fn confusables_differ() {
        assert_ne!(key("محمد"), key("محمود"));
        assert_ne!(key("حسن"), key("حسين"));
        assert_ne!(
            n().normalize("محمد").strict_key(),
            n().normalize("محمود").strict_key()
        );
        assert_eq!(key("Mahmoud"), key("محمود"));
        assert_eq!(key("Hussein"), key("حسين"));
        assert_eq!(key("Hassan"), key("حسن"));
    }

    #[test]
    fn total_on_odd_input() {
        for s in [
            "",
            " ",
            ",",
            "<<",
            "al",
            "abd",
            "ال",
            "ﷺ",
            "\u{0}",
            "٣٤٥",
            "Иван Петров",
            "a,b,c",
            "-al-",
        ] {
            let p = n().normalize(s);
            assert_eq!(p.original, s);
        }
        // Letters of other scripts are romanised, symbols kept and flagged.
        let p = n().normalize("Иван");
        assert_eq!(p.key(), key("Ivan"));
        assert!(p.tokens[0].flags().contains(TokenFlags::ROMANIZED));
        let p = n().normalize("🙂");
        assert_eq!(p.tokens[0].role(), Role::Unknown);
        assert!(p.tokens[0].flags().contains(TokenFlags::UNKNOWN_CHARS));
    }

    #[test]
    fn every_script_gives_name_tokens() {
        for (name, romanized) in [
            ("Сергей Иванов", "sergey ivanov"),
            ("Γιάννης Παπαδόπουλος", "giannis papadopoulos"),
            ("नेपाल राम", "nepal ram"),
            ("习近平", "xi jin ping"),
            ("สมชาย ใจดี", "smchay aichdi"),
            ("דוד כהן", "dvd khhn"),
            ("Արամ Խաչատրյան", "aram khachatryan"),
            ("김정은", "gim jeong eun"),
            ("ქართველი", "kartveli"),
            ("たなか", "tanaka"),
        ] {
            let p = n().normalize(name);
            assert_eq!(p.normalized, romanized, "{name}");
            assert_eq!(p.script, Script::Other, "{name}");
            assert!(p.name_tokens().count() >= 1, "{name}");
            for t in &p.tokens {
                assert!(t.flags().contains(TokenFlags::ROMANIZED), "{name}");
                assert_eq!(t.script(), Script::Latin, "{name}");
                assert!(!t.code().is_empty(), "{name}");
            }
            // The romanisation normalises to itself.
            assert_eq!(n().normalize(&p.normalized).key(), p.key(), "{name}");
        }
        assert_eq!(key("Сергей Иванов"), key("Sergey Ivanov"));
        // Vowel signs of an abugida are read with their consonant.
        assert_eq!(n().normalize("मोहम्मद").normalized, "mohmmd");
        // A word mixing scripts: Latin letters keep their fold, the rest is romanised.
        let p = n().normalize("Ivanов");
        assert_eq!(p.normalized, "ivanov");
        assert_eq!(p.script, Script::Other);
        assert_eq!(n().normalize("Ivan Иванов").script, Script::Latin);
        // Arabic script is never romanised.
        let p = n().normalize("محمد Иван");
        assert_eq!(p.script, Script::Arabic);
        assert_eq!(p.tokens[0].folded(), "محمد");
        assert!(!p.tokens[0].flags().contains(TokenFlags::ROMANIZED));
    }

    #[test]
    fn controls_between_hangul_jamo_do_not_change_a_second_pass() {
        // Found by the `normalize` fuzz target: the jamo composed only on a second pass
        // once the control character between them had been deleted.
        let s = "\u{3145}\u{1}\u{315f}";
        let once = n().normalize(s);
        let twice = n().normalize(&once.normalized);
        assert_eq!(once.normalized, twice.normalized);
        assert_eq!(
            once.normalized,
            n().normalize("\u{3145}\u{315f}").normalized
        );
        assert_eq!(once.key(), twice.key());
    }

    fn roles(s: &str) -> Vec<&'static str> {
        n().normalize(s)
            .tokens
            .iter()
            .map(|t| t.role().as_str())
            .collect()
    }

    #[test]
    fn latin_titles_and_peerage_phrases() {
        let p = n().normalize("Thomas Clifford, 1st Baron Clifford of Chudleigh");
        // A title phrase after the comma: not family-first input.
        assert!(!p.family_first);
        assert_eq!(
            roles(&p.original),
            ["given", "given", "title", "family", "title", "family"]
        );
        assert_eq!(p.tokens[2].folded(), "1st baron");
        assert!(p.tokens[3].flags().contains(TokenFlags::TERRITORIAL));
        assert!(p.tokens[5].flags().contains(TokenFlags::TERRITORIAL));
        assert_eq!(p.key(), "tms klfrd klfrd cdlk");
        for (s, want) in [
            ("Countess of Lovelace", vec!["title", "title", "family"]),
            ("Earl of Derby", vec!["title", "family"]),
            ("Sir John Foster", vec!["title", "given", "family"]),
            (
                "Rt Hon Sir John Foster",
                vec!["title", "title", "title", "given", "family"],
            ),
            ("The Rev. John Foster", vec!["title", "given", "family"]),
            (
                "Sir Robert Perks, 1st Baronet",
                vec!["title", "given", "family", "title"],
            ),
            (
                "George Cave, Viscount Cave",
                vec!["given", "given", "title", "family"],
            ),
            ("Henry VIII", vec!["given", "title"]),
            (
                "Martin Luther King Jr",
                vec!["given", "given", "family", "title"],
            ),
            ("3rd Baron Hylton", vec!["title", "family"]),
            ("Sir Baronet", vec!["title", "title"]),
            ("Ross of Bladensburg", vec!["given", "title", "family"]),
            // Given names and surnames that are also titles.
            ("Earl Warren", vec!["given", "family"]),
            ("Duke Ellington", vec!["given", "family"]),
            ("Carole King", vec!["given", "family"]),
            ("Lord", vec!["given"]),
            ("Xi Jinping", vec!["given", "family"]),
            // `bt` is a connector inside a name, a baronetcy at its end.
            ("Fatma bt Ali", vec!["given", "connector", "family"]),
            ("John Smith, Bt", vec!["given", "family", "title"]),
        ] {
            assert_eq!(roles(s), want, "{s}");
        }
        // Family-first input is still read as such.
        assert!(n().normalize("SMITH, JOHN").family_first);
        assert!(n().normalize("AL-FADHALA, MOHAMMED").family_first);
    }
}
