//! Encoding one unit into its token: the segments its phonetic code is built from
//! (article stripped, `abd` and `…الدين` compounds split, taa marbuta in construct state),
//! the variant table, the romanisation and the loose and strict keys.

use super::super::lexicon as lx;
use super::super::phonetic;
use super::super::token::{Role, Token, TokenFlags};
use super::super::variants::{self, VariantTable};
use super::Normalizer;
use super::parse::{Kind, Prefix, Unit};
use super::scan::Words;
use crate::text::Script;

/// Buffers reused for every token of one name.
#[derive(Debug, Default)]
pub(super) struct Scratch {
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
    #[allow(clippy::too_many_arguments)]
    pub(super) fn build_token(
        &self,
        u: &Unit,
        w: &Words<'_>,
        prepared: &str,
        scratch: &mut Scratch,
    ) -> Token {
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
        // The buffer starts at 64 bytes; a prepared dataset keeps every token, so it keeps
        // only what the token holds.
        buf.shrink_to_fit();
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
