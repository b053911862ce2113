//! Names in Arabic script: titles, compounds written joined or apart, the article,
//! regional spellings, and the noise of registries (dot confusions, tashkeel, tatweel,
//! presentation forms, invisible marks, extra spaces, typing errors).

use super::{NameParts, Part, choose_parts, whitespace_noise};
use crate::{Gender, NameConfig, Region};
use hawiya::SplitMix64;

const AR_TITLES_M: [&str; 8] = [
    "الشيخ",
    "السيد",
    "الحاج",
    "د.",
    "الدكتور",
    "المهندس",
    "م.",
    "الأستاذ",
];
const AR_TITLES_F: [&str; 8] = [
    "الشيخة",
    "السيدة",
    "الحاجة",
    "د.",
    "الدكتورة",
    "المهندسة",
    "م.",
    "الأستاذة",
];

/// Letters that do not join to the following letter (tatweel cannot follow them).
const NON_JOINING: &str = "اأإآدذرزوؤةىء";
/// Groups of letters that differ only by dots (OCR and hand-copy confusions).
const DOT_GROUPS: [&str; 9] = ["بتثني", "جحخ", "دذ", "رز", "سش", "صض", "طظ", "عغ", "فق"];
const HARAKAT: [char; 6] = [
    '\u{064E}', '\u{064F}', '\u{0650}', '\u{0652}', '\u{0651}', '\u{064B}',
];
const INVISIBLES: [char; 6] = [
    '\u{200F}', '\u{200E}', '\u{061C}', '\u{200C}', '\u{200D}', '\u{202B}',
];

pub(super) fn arabic_name(
    parts: &NameParts<'_>,
    region: Region,
    gender: Gender,
    cfg: &NameConfig,
    rng: &mut SplitMix64,
) -> (String, u8) {
    let chosen = choose_parts(cfg.full_form_share_arabic, cfg, rng);
    let mut words: Vec<String> = Vec::with_capacity(8);
    if rng.chance(cfg.title_share) {
        let titles = if gender == Gender::Male {
            &AR_TITLES_M
        } else {
            &AR_TITLES_F
        };
        // Sheikh titles are a Gulf usage; Christians carry no Islamic titles (the first
        // three: الشيخ, السيد, الحاج).
        let from = if parts.christian {
            3
        } else {
            usize::from(!matches!(region, Region::Gulf))
        };
        words.push(titles[from + rng.index(titles.len() - from)].to_owned());
    }
    let connectors = rng.chance(cfg.connector_share) && !parts.christian;
    // Words of the family name, which comes last when written.
    let mut family_words = 0;
    for (i, &part) in chosen.iter().enumerate() {
        if connectors && part.is_ancestor() && (i == 1 || rng.chance(0.6)) {
            let c = if i == 1 && gender == Gender::Female {
                "بنت"
            } else if rng.chance(0.15) {
                "ابن"
            } else {
                "بن"
            };
            words.push(c.to_owned());
        }
        let entry = parts.entry(part);
        let mut text = arabic_compound_variant(entry.arabic, cfg, rng);
        if part == Part::Family {
            text = arabic_article_variant(&text, cfg, rng);
        }
        if part == Part::Family {
            family_words = text.split(' ').count();
        }
        for w in text.split(' ') {
            let w = if rng.chance(cfg.orthography_share) {
                orthographic_variant(w, region, rng)
            } else {
                w.to_owned()
            };
            words.push(w);
        }
    }
    if family_words > 0 && family_words < words.len() && rng.chance(cfg.family_first_share_arabic) {
        // Some systems store the family name first: العنزي محمد عبدالله.
        words.rotate_right(family_words);
    }
    let mut tokens: Vec<Vec<char>> = words.iter().map(|w| w.chars().collect()).collect();
    if region == Region::SouthAsia && rng.chance(cfg.persian_letters_share) {
        for t in &mut tokens {
            persian_letters(t);
        }
    }
    if rng.chance(cfg.typo_share) {
        if let Some(t) = pick_token(&mut tokens, rng) {
            typo(t, rng);
        }
    }
    if rng.chance(cfg.dot_confusion_share) {
        if let Some(t) = pick_token(&mut tokens, rng) {
            dot_confusion(t, rng);
        }
    }
    if rng.chance(cfg.tashkeel_share) {
        for t in &mut tokens {
            tashkeel(t, rng);
        }
    }
    if rng.chance(cfg.tatweel_share) {
        if let Some(t) = pick_token(&mut tokens, rng) {
            tatweel(t, rng);
        }
    }
    let mut out = String::with_capacity(64);
    for (i, t) in tokens.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.extend(t.iter());
    }
    if rng.chance(cfg.presentation_forms_share) {
        out = presentation_forms(&out);
    }
    if rng.chance(cfg.invisible_share) {
        out = invisible_marks(&out, rng);
    }
    if rng.chance(cfg.whitespace_share) {
        out = whitespace_noise(&out, rng);
    }
    (out, chosen.len() as u8)
}

/// Isolated presentation form (Arabic Presentation Forms-B) of a letter, and how many
/// forms it has: 4 for dual-joining letters (isolated, final, initial, medial), 2 for
/// right-joining ones (isolated, final), 1 for hamza.
fn presentation_base(c: char) -> Option<(u32, u8)> {
    Some(match c {
        'ء' => (0xFE80, 1),
        'آ' => (0xFE81, 2),
        'أ' => (0xFE83, 2),
        'ؤ' => (0xFE85, 2),
        'إ' => (0xFE87, 2),
        'ئ' => (0xFE89, 4),
        'ا' => (0xFE8D, 2),
        'ب' => (0xFE8F, 4),
        'ة' => (0xFE93, 2),
        'ت' => (0xFE95, 4),
        'ث' => (0xFE99, 4),
        'ج' => (0xFE9D, 4),
        'ح' => (0xFEA1, 4),
        'خ' => (0xFEA5, 4),
        'د' => (0xFEA9, 2),
        'ذ' => (0xFEAB, 2),
        'ر' => (0xFEAD, 2),
        'ز' => (0xFEAF, 2),
        'س' => (0xFEB1, 4),
        'ش' => (0xFEB5, 4),
        'ص' => (0xFEB9, 4),
        'ض' => (0xFEBD, 4),
        'ط' => (0xFEC1, 4),
        'ظ' => (0xFEC5, 4),
        'ع' => (0xFEC9, 4),
        'غ' => (0xFECD, 4),
        'ف' => (0xFED1, 4),
        'ق' => (0xFED5, 4),
        'ك' => (0xFED9, 4),
        'ل' => (0xFEDD, 4),
        'م' => (0xFEE1, 4),
        'ن' => (0xFEE5, 4),
        'ه' => (0xFEE9, 4),
        'و' => (0xFEED, 2),
        'ى' => (0xFEEF, 2),
        'ي' => (0xFEF1, 4),
        _ => return None,
    })
}

/// Text as legacy systems and PDFs store it: every letter in its contextual
/// presentation form, lam-alef as one ligature. NFKC turns it back into plain letters.
/// Words holding anything else (marks, tatweel, Persian letters) are left as they are.
fn presentation_forms(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 2);
    for (wi, word) in s.split(' ').enumerate() {
        if wi > 0 {
            out.push(' ');
        }
        let chars: Vec<char> = word.chars().collect();
        if chars.is_empty() || !chars.iter().all(|&c| presentation_base(c).is_some()) {
            out.push_str(word);
            continue;
        }
        let forms = |c: char| presentation_base(c).map_or(0, |(_, n)| n);
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            let joins_prev = i > 0 && forms(chars[i - 1]) == 4;
            let lam_alef = match (c, chars.get(i + 1)) {
                ('ل', Some('آ')) => Some(0xFEF5),
                ('ل', Some('أ')) => Some(0xFEF7),
                ('ل', Some('إ')) => Some(0xFEF9),
                ('ل', Some('ا')) => Some(0xFEFB),
                _ => None,
            };
            if let Some(base) = lam_alef {
                let cp = base + u32::from(joins_prev);
                out.extend(char::from_u32(cp));
                i += 2;
                continue;
            }
            let (base, n) = presentation_base(c).unwrap_or((u32::from(c), 1));
            let joins_next = n == 4 && chars.get(i + 1).is_some_and(|&x| forms(x) >= 2);
            let offset = match (joins_prev && n >= 2, joins_next) {
                (false, false) => 0,
                (true, false) => 1,
                (false, true) => 2,
                (true, true) => 3,
            };
            out.extend(char::from_u32(base + offset));
            i += 1;
        }
    }
    out
}

fn pick_token<'t>(tokens: &'t mut [Vec<char>], rng: &mut SplitMix64) -> Option<&'t mut Vec<char>> {
    let n = tokens.len();
    if n == 0 {
        return None;
    }
    let i = rng.index(n);
    tokens.get_mut(i)
}

/// `عبدالله` ↔ `عبد الله`, `نور الدين` ↔ `نورالدين`.
fn arabic_compound_variant(name: &str, cfg: &NameConfig, rng: &mut SplitMix64) -> String {
    if let Some(rest) = name.strip_prefix("عبد") {
        if rest.starts_with("ال") && rng.chance(cfg.compound_variant_share) {
            return format!("عبد {rest}");
        }
    }
    if name.contains(' ') && !name.starts_with("آل ") && rng.chance(cfg.compound_variant_share) {
        return name.replace(' ', "");
    }
    name.to_owned()
}

/// Article noise on a family name: `الفضالة` → `فضالة`, `آل ثاني` → `ال ثاني` / `آلثاني`.
fn arabic_article_variant(name: &str, cfg: &NameConfig, rng: &mut SplitMix64) -> String {
    if let Some(rest) = name.strip_prefix("آل ") {
        if rng.chance(cfg.drop_article_share * 3.0) {
            return match rng.below(3) {
                0 => format!("ال {rest}"),
                1 => format!("آل{rest}"),
                _ => rest.to_owned(),
            };
        }
    } else if let Some(rest) = name.strip_prefix("ال") {
        if rng.chance(cfg.drop_article_share) {
            return rest.to_owned();
        }
    }
    name.to_owned()
}

/// Hamza, taa marbuta and alef maqsura variants of one word.
fn orthographic_variant(word: &str, region: Region, rng: &mut SplitMix64) -> String {
    let mut out = String::with_capacity(word.len());
    let n = word.chars().count();
    let drop_hamza = rng.chance(0.8);
    let plain_ta = rng.chance(0.6);
    let final_ya = rng.chance(if region == Region::Egypt { 0.8 } else { 0.4 });
    for (i, c) in word.chars().enumerate() {
        let last = i + 1 == n;
        let r = match c {
            'أ' | 'إ' | 'آ' if drop_hamza => 'ا',
            'ؤ' if drop_hamza => 'و',
            'ئ' if drop_hamza => 'ي',
            'ء' if drop_hamza && last => continue,
            'ة' if last && plain_ta => 'ه',
            'ى' if last && final_ya => 'ي',
            'ي' if last && final_ya && n > 2 => 'ى',
            c => c,
        };
        out.push(r);
    }
    out
}

fn persian_letters(t: &mut [char]) {
    let n = t.len();
    for (i, c) in t.iter_mut().enumerate() {
        *c = match *c {
            'ي' => 'ی',
            'ك' => 'ک',
            'ه' if i + 1 == n => 'ہ',
            x => x,
        };
    }
}

fn is_arabic_letter(c: char) -> bool {
    ('\u{0621}'..='\u{064A}').contains(&c) || ('\u{0671}'..='\u{06D3}').contains(&c)
}

/// One typing error: a deleted, doubled, swapped or neighbour-key letter.
fn typo(t: &mut Vec<char>, rng: &mut SplitMix64) {
    let n = t.len();
    if n < 3 {
        return;
    }
    let i = 1 + rng.index(n - 1);
    match rng.below(3) {
        0 => {
            t.remove(i);
        }
        1 => {
            let c = t[i];
            t.insert(i, c);
        }
        _ => t.swap(i - 1, i),
    }
}

fn dot_confusion(t: &mut [char], rng: &mut SplitMix64) {
    let candidates: Vec<usize> = (0..t.len())
        .filter(|&i| DOT_GROUPS.iter().any(|g| g.contains(t[i])))
        .collect();
    let Some(&i) = rng.pick(&candidates) else {
        return;
    };
    if let Some(group) = DOT_GROUPS.iter().find(|g| g.contains(t[i])) {
        let others: Vec<char> = group.chars().filter(|&c| c != t[i]).collect();
        if let Some(&c) = rng.pick(&others) {
            t[i] = c;
        }
    }
}

fn tashkeel(t: &mut Vec<char>, rng: &mut SplitMix64) {
    let mut out = Vec::with_capacity(t.len() * 2);
    for &c in t.iter() {
        out.push(c);
        if is_arabic_letter(c) && rng.chance(0.5) {
            out.push(HARAKAT[rng.index(HARAKAT.len())]);
        }
    }
    *t = out;
}

fn tatweel(t: &mut Vec<char>, rng: &mut SplitMix64) {
    let n = t.len();
    let spots: Vec<usize> = (0..n.saturating_sub(1))
        .filter(|&i| {
            is_arabic_letter(t[i]) && !NON_JOINING.contains(t[i]) && is_arabic_letter(t[i + 1])
        })
        .collect();
    if let Some(&i) = rng.pick(&spots) {
        for _ in 0..1 + rng.below(3) {
            t.insert(i + 1, '\u{0640}');
        }
    }
}

/// Bidi and joiner controls as pasted text carries them.
fn invisible_marks(s: &str, rng: &mut SplitMix64) -> String {
    match rng.below(4) {
        0 => format!("\u{200F}{s}"),
        1 => format!("{s}\u{200E}"),
        2 => {
            let m = INVISIBLES[rng.index(INVISIBLES.len())];
            s.replacen(' ', &format!(" {m}"), 1)
        }
        _ => {
            let chars: Vec<char> = s.chars().collect();
            let spots: Vec<usize> = (1..chars.len())
                .filter(|&i| is_arabic_letter(chars[i - 1]) && is_arabic_letter(chars[i]))
                .collect();
            match rng.pick(&spots) {
                Some(&i) => {
                    let mut c = chars;
                    c.insert(
                        i,
                        if rng.chance(0.5) {
                            '\u{200C}'
                        } else {
                            '\u{200B}'
                        },
                    );
                    c.into_iter().collect()
                }
                None => format!("\u{200F}{s}"),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn orthographic_variants() {
        let mut rng = SplitMix64::new(1);
        let mut seen = std::collections::BTreeSet::new();
        for _ in 0..200 {
            seen.insert(orthographic_variant("فاطمة", Region::Gulf, &mut rng));
            seen.insert(orthographic_variant("أسماء", Region::Gulf, &mut rng));
            seen.insert(orthographic_variant("مصطفى", Region::Egypt, &mut rng));
        }
        for v in ["فاطمه", "اسما", "مصطفي", "فاطمة", "مصطفى"] {
            assert!(seen.contains(v), "{v} not in {seen:?}");
        }
    }

    #[test]
    fn compounds_split_and_join() {
        let cfg = NameConfig {
            compound_variant_share: 1.0,
            ..NameConfig::default()
        };
        let mut rng = SplitMix64::new(1);
        assert_eq!(
            arabic_compound_variant("عبدالرحمن", &cfg, &mut rng),
            "عبد الرحمن"
        );
        assert_eq!(
            arabic_compound_variant("نور الدين", &cfg, &mut rng),
            "نورالدين"
        );
        // عبده is not a compound.
        assert_eq!(arabic_compound_variant("عبده", &cfg, &mut rng), "عبده");
    }

    #[test]
    fn presentation_forms_fold_back_under_nfkc() {
        use unicode_normalization::UnicodeNormalization;
        for name in [
            "محمد عبدالله الفضالة",
            "لؤي سلامة",
            "إلياس أبو غزالة",
            "آمنة",
            "لا",
        ] {
            let shaped = presentation_forms(name);
            assert_ne!(shaped, name);
            assert!(
                shaped
                    .chars()
                    .all(|c| c == ' ' || ('\u{FE70}'..='\u{FEFF}').contains(&c)),
                "{shaped}"
            );
            assert_eq!(shaped.nfkc().collect::<String>(), name);
        }
        // Known forms: ﻣﺤﻤﺪ (initial meem, medial hah, medial meem, final dal).
        assert_eq!(
            presentation_forms("محمد"),
            "\u{FEE3}\u{FEA4}\u{FEE4}\u{FEAA}"
        );
        // Words with marks are left alone.
        assert_eq!(presentation_forms("مُحمد"), "مُحمد");
    }

    #[test]
    fn tatweel_and_tashkeel_only_touch_letters() {
        let mut rng = SplitMix64::new(4);
        for _ in 0..100 {
            let mut t: Vec<char> = "محمد".chars().collect();
            tatweel(&mut t, &mut rng);
            let s: String = t.iter().filter(|&&c| c != '\u{0640}').collect();
            assert_eq!(s, "محمد");
            let mut t: Vec<char> = "علي".chars().collect();
            tashkeel(&mut t, &mut rng);
            let s: String = t.iter().filter(|c| !HARAKAT.contains(c)).collect();
            assert_eq!(s, "علي");
        }
    }
}
