//! The score of two tokens: their spellings under the transliteration kernel, the floors
//! of agreeing keys, the caps of different variant-table names and of romanised tokens,
//! initials and nicknames; and the score of two units (tokens joined or not).

use super::align::Unit;
use super::prepared::{Ending, NO_NICKNAME, PTok};
use super::{NameComparator, PreparedName, senses};
use crate::name::nicknames;

impl NameComparator {
    /// Score of token `ta` of `a` against token `tb` of `b`: their spelling score, lifted
    /// for a listed nickname pair, capped when a romanisation is involved.
    fn token_score(&self, a: &PreparedName, ta: &PTok, b: &PreparedName, tb: &PTok) -> f64 {
        let o = &self.options;
        let (mut score, edit) = self.spelling_score(a, ta, b, tb);
        let ev = self.evidence(a, ta, b, tb);
        if ev.nickname {
            score = score.max(o.nickname_score - o.closeness_weight * (1.0 - edit));
        }
        if ev.romanized {
            score = score.min(o.romanized_cap);
        }
        if score > 0.0 {
            if let Some((agree, confidence)) =
                senses::table().agreement((ta.sense, ta.latin), (tb.sense, tb.latin))
            {
                score = (score - o.sense_penalty * confidence * (1.0 - agree)).max(0.0);
            }
        }
        score
    }

    /// A score `floor` lifted above the letters' similarity `edit`, kept below 1 by how
    /// far the spellings are apart (see [`super::CompareOptions::closeness_weight`]).
    fn lifted(&self, floor: f64, edit: f64) -> f64 {
        edit.max(floor - self.options.closeness_weight * (1.0 - edit))
    }

    /// What besides the spelling bears on a token pair.
    pub(super) fn evidence(
        &self,
        a: &PreparedName,
        ta: &PTok,
        b: &PreparedName,
        tb: &PTok,
    ) -> Evidence {
        let nickname = ta.nick != NO_NICKNAME
            && tb.nick != NO_NICKNAME
            && nicknames::table().related_ids(ta.nick, tb.nick);
        let romanized = (ta.romanized || tb.romanized) && a.text(ta) != b.text(tb);
        Evidence {
            nickname,
            romanized,
        }
    }

    /// Score of the spellings of token `ta` of `a` and token `tb` of `b`, and the
    /// transliteration similarity of the letters (0 when not computed: an initial, or a
    /// pair below the alignment cutoff).
    fn spelling_score(
        &self,
        a: &PreparedName,
        ta: &PTok,
        b: &PreparedName,
        tb: &PTok,
    ) -> (f64, f64) {
        let o = &self.options;
        if ta.initial || tb.initial {
            let s = match (ta.first == tb.first, ta.initial && tb.initial) {
                (false, _) => 0.0,
                (true, true) => 1.0,
                (true, false) => o.initial_score,
            };
            return (s, 0.0);
        }
        let (ca, cb) = (a.code(ta), b.code(tb));
        let arabic = !ta.latin && !tb.latin;
        let kernel = if arabic {
            &self.arabic_table
        } else {
            &self.table
        };
        let k = usize::from(arabic);
        if ca == cb {
            // One reading, spelled alike or not (`Mohammed` / `Mohamed` share a code): 1.0
            // only for the same spelling, else a hair below by the spellings' distance.
            let (x, y) = (a.folded(ta), b.folded(tb));
            if x == y {
                return (1.0, 1.0);
            }
            let text = 0.5
                * (crate::similarity::levenshtein_similarity(x, y)
                    + crate::similarity::jaro_winkler_similarity(x, y));
            // Weighed by the token's share of the two names' letters: a space or a doubled
            // letter matters less in a long name.
            let share =
                (ca.len() + cb.len()) as f64 / (a.codes.len() + b.codes.len()).max(1) as f64;
            let gap = SAME_CODE_WEIGHT * o.closeness_weight * (1.0 - text) * (0.5 + 0.5 * share);
            return (1.0 - gap, 1.0);
        }
        // The variant table: one name → 1.0 less the spellings' distance; two different
        // names → capped, unless a spelling is listed for both (ambiguous, no verdict from
        // the table).
        let mut cap = 1.0f64;
        if let (Some(x), Some(y)) = (ta.variant, tb.variant) {
            if x == y {
                let edit = kernel.similarity_with_worst(ca, ta.worst[k], cb, tb.worst[k], 0.0);
                return (self.lifted(1.0, edit), edit);
            }
            // Two Latin spellings with one strict key (`Saied` / `Sayed`: the ayn and the
            // doubled y unwritten) may write either name: the table gives no verdict, the
            // senses below weigh the evidence.
            let one_key = ta.latin && tb.latin && ta.strict != 0 && ta.strict == tb.strict;
            if !one_key && !tb.listed.contains(&x) && !ta.listed.contains(&y) {
                cap = if ta.latin || tb.latin {
                    o.distinct_variant_cap_latin
                } else {
                    o.distinct_variant_cap
                };
                if cap < o.min_token_score {
                    // Not aligned whatever the edit similarity.
                    return (0.0, 0.0);
                }
            }
        }
        // Scores below the cutoff change nothing (the pair is not aligned), so the kernel
        // may stop early there.
        // Between two Latin spellings, a loose key of one consonant (`Ali` / `Louai` /
        // `Ola`: `l`) joins too many names to lift a pair. (Against Arabic script it stays:
        // a Latin spelling may write a semivowel as a vowel, `Daouia` / `ضاوية`.)
        let loose_agree = ta.loose != 0
            && ta.loose == tb.loose
            && (!(ta.latin && tb.latin) || ta.cons.min(tb.cons) >= 2);
        let keys_agree = !arabic && ((ta.strict != 0 && ta.strict == tb.strict) || loose_agree);
        let cutoff = if keys_agree {
            o.key_floor_min_edit.min(o.min_token_score)
        } else {
            o.min_token_score
        };
        // Other readings. With the article or connector (`اليان` read `al-yan` against
        // `Eliane`, `بن طاهر` against `Bentahar`) a whole prefix changes, so it is always
        // tried; split digraphs change a letter or two, so only when the plain reading is
        // already fairly close.
        const SPLIT_MIN: f64 = 0.4;
        let mut edit =
            kernel.similarity_with_worst(ca, ta.worst[k], cb, tb.worst[k], cutoff.min(SPLIT_MIN));
        // When both tokens have such a reading, their plain readings already agree on
        // dropping it.
        let (alt_a, alt_b) = (a.alt(ta), b.alt(tb));
        if edit < 0.9 && alt_a.is_empty() != alt_b.is_empty() {
            for (x, y) in [(alt_a, cb), (ca, alt_b)] {
                if !x.is_empty() && !y.is_empty() {
                    edit = edit.max(kernel.similarity_with_cutoff(x, y, cutoff.max(edit)));
                }
            }
        }
        if (SPLIT_MIN..0.9).contains(&edit) {
            for (x, y) in [(a.split(ta), cb), (ca, b.split(tb))] {
                if !x.is_empty() && !y.is_empty() {
                    edit = edit.max(kernel.similarity_with_cutoff(x, y, cutoff.max(edit)));
                }
            }
        }
        if edit < cutoff {
            edit = 0.0;
        }
        if cap < 1.0 {
            return (edit.min(cap), edit);
        }
        if edit > 0.0 {
            // The ending penalty sets apart names of one root that the keys join
            // (`Munir` / `Munira`); a nisba against a consonant is always a different name.
            let penalty = match Ending::conflict((ta.ending, ta.latin), (tb.ending, tb.latin)) {
                Some(true) => Some(o.nisba_penalty),
                Some(false) if keys_agree => Some(o.ending_penalty),
                _ => None,
            };
            if let Some(penalty) = penalty {
                return ((edit - penalty).max(0.0), edit);
            }
        }
        // Keys bridge the ambiguity of Latin spellings; two Arabic-script tokens are
        // compared on their letters.
        let score = if arabic || edit < o.key_floor_min_edit {
            edit
        } else if ta.strict != 0 && ta.strict == tb.strict {
            self.lifted(o.strict_key_floor, edit)
        } else if loose_agree {
            self.lifted(o.loose_key_floor, edit)
        } else {
            edit
        };
        (score, edit)
    }

    pub(super) fn unit_score(&self, a: &PreparedName, ua: Unit, b: &PreparedName, ub: Unit) -> f64 {
        if ua.first == ua.last && ub.first == ub.last {
            match (
                a.toks.get(usize::from(ua.first)),
                b.toks.get(usize::from(ub.first)),
            ) {
                (Some(x), Some(y)) => self.token_score(a, x, b, y),
                _ => 0.0,
            }
        } else {
            let s = self.table.similarity_with_cutoff(
                a.span_code(usize::from(ua.first), usize::from(ua.last)),
                b.span_code(usize::from(ub.first), usize::from(ub.last)),
                self.options.min_token_score,
            );
            if a.unit_romanized(ua) || b.unit_romanized(ub) {
                s.min(self.options.romanized_cap)
            } else {
                s
            }
        }
    }
}

/// Share of [`super::CompareOptions::closeness_weight`] that separates two spellings with
/// one phonetic code, by their letters' edit distance.
const SAME_CODE_WEIGHT: f64 = 0.2;

/// What besides the spelling bears on a token pair (see [`NameComparator::token_score`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Evidence {
    /// Two given names listed as a name and its nickname.
    pub(crate) nickname: bool,
    /// One of the two was romanised from another script, and they are not the same text.
    pub(crate) romanized: bool,
}
