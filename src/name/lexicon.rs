//! Word lists of the name parser: titles, nasab connectors, kunya prefixes, articles,
//! theophoric `abd` prefixes and `…الدين` endings, as folded spellings (lowercase ASCII
//! for Latin, folded letters for Arabic script; see [`crate::text`]).

/// Titles and honorifics dropped (and flagged) before the first name word
/// (`ARABIC_NAMES.md` §2). Words that are often real names or surnames (`Syed`, `Sayed`,
/// `Khan`, `Amir`) are not listed.
pub const TITLES: &[&str] = &[
    // Latin
    "sheikh",
    "shaikh",
    "shaykh",
    "sheik",
    "shiekh",
    "cheikh",
    "chekh",
    "sheikha",
    "shaikha",
    "shaykha",
    "cheikha",
    "haj",
    "hajj",
    "haji",
    "hajji",
    "hadj",
    "hadja",
    "hajja",
    "hajjah",
    "hajah",
    "dr",
    "doctor",
    "prof",
    "professor",
    "eng",
    "engr",
    "engineer",
    "mr",
    "mrs",
    "ms",
    "miss",
    "mme",
    "mlle",
    "mister",
    "madam",
    "madame",
    "sir",
    "sayyid",
    "sayyida",
    "seyed",
    "seyyed",
    "sayyed",
    "ayatollah",
    "ayatullah",
    "hojatoleslam",
    "maulana",
    "mawlana",
    "moulana",
    "mufti",
    "gen",
    "general",
    "col",
    "colonel",
    "capt",
    "captain",
    "lt",
    "maj",
    "brig",
    "amb",
    "ambassador",
    "hon",
    "excellency",
    "hh",
    "hrh",
    "marhoum",
    "mst",
    "shri",
    "sri",
    "smt",
    // Arabic script (folded)
    "الشيخ",
    "الشيخه",
    "شيخ",
    "السيد",
    "السيده",
    "الحاج",
    "الحاجه",
    "حاج",
    "الدكتور",
    "الدكتوره",
    "دكتور",
    "د",
    "م",
    "المهندس",
    "المهندسه",
    "مهندس",
    "الاستاذ",
    "الاستاذه",
    "استاذ",
    "السفير",
    "السفيره",
    "اللوا",
    "العميد",
    "العقيد",
    "الفريق",
    "المقدم",
    "الرايد",
    "النقيب",
    "الملازم",
    "المشير",
    "المرحوم",
    "المرحومه",
    "الامير",
    "الاميره",
    "سمو",
    "معالي",
    "فضيله",
    "سماحه",
    "الامام",
    "حجت",
    "ملا",
    "الملا",
    "مولانا",
    "مولوي",
    "اقاي",
    "خانم",
    "جناب",
];

/// Two-word titles, matched as a pair before the first name word.
pub const TITLE_PAIRS: &[(&str, &str)] = &[
    ("ايه", "الله"),
    ("ايت", "الله"),
    ("حجه", "الاسلام"),
    ("حجت", "الاسلام"),
    ("ayat", "allah"),
    ("hojat", "al"),
    ("his", "excellency"),
];

/// Nasab connectors (`ibn`, `bint`, `بن` …): dropped from the key, kept as a token.
pub const CONNECTORS: &[&str] = &[
    "bin", "ben", "ibn", "ebn", "bint", "binti", "bte", "bt", "binte", "ould", "ibnu", "بن", "ابن",
    "بنت", "ولد",
];

/// South-Asian relation markers written with a slash: `s/o`, `d/o`, `w/o`.
pub const SLASH_CONNECTORS: &[(&str, &str)] = &[("s", "o"), ("d", "o"), ("w", "o")];

/// Kunya prefixes (`أبو`, `أم`): bound to the next word.
pub const KUNYA: &[&str] = &[
    "abu", "abou", "abo", "bou", "bu", "aboo", "umm", "um", "om", "oum", "omm", "ابو", "ام", "ابي",
    "بو",
];

/// Kunya prefixes that carry the article (`Abul Hassan` = `Abu al-Hassan`).
pub const KUNYA_WITH_ARTICLE: &[&str] = &["abul", "aboul", "abil", "abol", "bul"];

/// The article as a separate word (`al`, `el`, `ال`, `آل` after folding).
pub const ARTICLES: &[&str] = &["al", "el", "ul", "il", "aal", "ال"];

/// The assimilated article before sun letters, as a separate word: valid only when the
/// next word starts with the consonant after the vowel (`ar Rashid`, `ash Shami`).
pub const ASSIMILATED_ARTICLES: &[&str] = &[
    "ar", "as", "ash", "at", "ath", "ad", "adh", "az", "an", "er", "es", "esh", "et", "ed", "ez",
    "en", "ur", "us", "ush", "ut", "ud", "uz", "un",
];

/// Separate-word forms of `abd` (servant of) that always join the next word.
pub const ABD_PREFIXES: &[&str] = &[
    "abd", "abdul", "abdel", "abdal", "abdol", "abdoul", "abdil", "abdur", "abdar", "abder",
    "abdus", "abdas", "abdes", "abdaal", "abdool", "abdull", "عبد",
];

/// The second word of a `…الدين` compound, after article removal (`din`, `deen`, `دين`).
pub const DIN: &[&str] = &["din", "deen", "dine", "diin", "dien", "دين"];

/// Joined article + `din` forms written as one word (`Nour Eddine`, `Nur Uddin`).
pub const JOINED_DIN: &[&str] = &[
    "eddine",
    "eddin",
    "eddeen",
    "uddin",
    "uddeen",
    "uddine",
    "addin",
    "addine",
    "addeen",
    "aldin",
    "aldine",
    "aldeen",
    "eldin",
    "eldine",
    "eldeen",
    "iddin",
    "iddine",
    "oddin",
    "الدين",
];

/// Whether `w` is in `list`.
pub(crate) fn has(list: &[&str], w: &str) -> bool {
    list.contains(&w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_entry_is_already_folded() {
        let lists: [&[&str]; 9] = [
            TITLES,
            CONNECTORS,
            KUNYA,
            KUNYA_WITH_ARTICLE,
            ARTICLES,
            ASSIMILATED_ARTICLES,
            ABD_PREFIXES,
            DIN,
            JOINED_DIN,
        ];
        let pairs = TITLE_PAIRS
            .iter()
            .chain(SLASH_CONNECTORS)
            .flat_map(|(a, b)| [*a, *b]);
        let mut bad = Vec::new();
        for w in lists.iter().flat_map(|l| l.iter().copied()).chain(pairs) {
            if crate::text::fold(w) != w {
                bad.push(w);
            }
        }
        assert!(bad.is_empty(), "not folded: {bad:?}");
    }
}
