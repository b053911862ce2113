//! Folding a name and cutting it into words: every character is folded (romanised when of
//! another script) into one buffer, and each word is kept as offsets into the input and
//! into that buffer, with the scripts it holds and where a family-first split is.

use unicode_normalization::char::is_combining_mark;

use crate::text::romanize::{self, Romanized};
use crate::text::{self, CharKind};

/// One whitespace/punctuation-delimited word of the input, as offsets.
#[derive(Debug, Clone, Copy)]
pub(super) struct Raw {
    pub(super) text: (u32, u32),
    pub(super) folded: (u32, u32),
    pub(super) arabic: bool,
    pub(super) latin: bool,
    pub(super) other: bool,
    pub(super) digits: bool,
    pub(super) family_first: bool,
    /// Some letters were romanised from another script (see [`text::romanize`]).
    pub(super) romanized: bool,
    /// A comma (`,` or `،`) came before the word.
    pub(super) after_comma: bool,
}

/// The folded words of a name, in given-first order.
pub(super) struct Words<'a> {
    pub(super) fbuf: &'a str,
    pub(super) raws: &'a [Raw],
}

impl<'a> Words<'a> {
    pub(super) fn len(&self) -> usize {
        self.raws.len()
    }
    pub(super) fn get(&self, k: usize) -> &'a str {
        let r = &self.raws[k];
        &self.fbuf[r.folded.0 as usize..r.folded.1 as usize]
    }
}

/// What [`scan`] found besides the words.
pub(super) struct Split {
    /// Where a family-first split is: the number of words before the first `<<`, or
    /// before the only comma.
    pub(super) at: Option<usize>,
    /// A character whose fold may differ after NFKC was seen.
    pub(super) needs_nfkc: bool,
}

/// Scan `s`: fold every character into `fbuf`, cut words into `raws`.
pub(super) fn scan(s: &str, fbuf: &mut String, raws: &mut Vec<Raw>) -> Split {
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
