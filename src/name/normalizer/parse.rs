//! Parsing the words of a name: titles and Latin title phrases, connectors, kunya and
//! compounds become units (the words of one token each), and the units' tokens get their
//! roles (initials, the family name last).

use super::super::lexicon::{self as lx, class as C};
use super::super::token::{Role, Token, TokenFlags};
use super::Normalizer;
use super::scan::{Raw, Words};
use crate::text::Script;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Name,
    Title,
    Connector,
    Article,
    Compound,
    Kunya,
    CompoundPart,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Prefix {
    None,
    Abd,
    Kunya,
    /// Encoded as written (`ben`, `بن` starting a surname).
    Word,
}

/// A unit under construction: raw words (indices into the reordered sequence) that
/// become one token.
#[derive(Debug, Clone)]
pub(super) struct Unit {
    parts: [u32; 8],
    len: u8,
    pub(super) kind: Kind,
    pub(super) prefix: Prefix,
    /// Index in `parts` of the main word (after prefix / separate article).
    pub(super) main: u8,
    /// A separate article word precedes the main word.
    pub(super) article_word: bool,
    /// Index in `parts` where a `din` part begins (0 = none).
    pub(super) din_at: u8,
    /// The unit follows a Latin title phrase (`1st Baron`, `of`): it names the title or
    /// its territory.
    pub(super) territorial: bool,
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
    pub(super) fn parts(&self) -> &[u32] {
        &self.parts[..self.len as usize]
    }
}

impl Normalizer {
    pub(super) fn parse(&self, w: &Words<'_>, units: &mut Vec<Unit>) {
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
pub(super) fn title_after_comma(fbuf: &str, raws: &[Raw], at: usize) -> bool {
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

fn is_title_or_digit(w: &str) -> bool {
    w.bytes().all(|b| b.is_ascii_digit())
}

pub(super) fn assign_roles(tokens: &mut [Token], units: &[Unit]) {
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
