//! Word lists of the name parser: titles, nasab connectors, kunya prefixes, articles,
//! theophoric `abd` prefixes and `…الدين` endings, and the Latin title phrases (peerage
//! titles, post-nominals, ordinals, the territorial `of`), as folded spellings (lowercase
//! ASCII for Latin, folded letters for Arabic script; see [`crate::text`]).

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
    // Latin: nobility, royalty, clergy, forces (`earl`, `duke`, `count` are also given
    // names, `king`, `bishop`, `pope` common surnames that swapped names put first: titles
    // only in a phrase, see PEERAGE)
    "lady",
    "lord",
    "dame",
    "baron",
    "baroness",
    "countess",
    "duchess",
    "viscount",
    "viscountess",
    "marquess",
    "marquis",
    "marchioness",
    "prince",
    "princess",
    "saint",
    "rev",
    "revd",
    "reverend",
    "fr",
    "father",
    "archbishop",
    "rabbi",
    "rt",
    "honourable",
    "honorable",
    "mx",
    "admiral",
    "adm",
    "lieutenant",
    "lieut",
    "sgt",
    "sergeant",
    "cmdr",
    "commander",
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
    ("her", "excellency"),
    ("right", "rev"),
    ("right", "reverend"),
    ("right", "hon"),
    ("right", "honourable"),
    ("the", "rev"),
    ("the", "reverend"),
    ("the", "hon"),
    ("the", "honourable"),
    ("very", "rev"),
    ("very", "reverend"),
    ("most", "rev"),
    ("most", "reverend"),
];

/// Peerage, royal and church titles that are title words only in a title phrase: after an
/// ordinal (`1st Baron Tennyson`), before `of` and a word (`Earl of Derby`, `Bishop of
/// Bristol`), or between two name words (`George Cave, Viscount Cave`). Several are also
/// given names or surnames (`Earl`, `Duke`, `King`, `Bishop`), read as names elsewhere.
/// The word after such a title names the title or its territory
/// ([`super::TokenFlags::TERRITORIAL`]).
pub const PEERAGE: &[&str] = &[
    "baron",
    "baroness",
    "earl",
    "count",
    "countess",
    "viscount",
    "viscountess",
    "marquess",
    "marquis",
    "marchioness",
    "duke",
    "duchess",
    "archduke",
    "prince",
    "princess",
    "lord",
    "lady",
    "king",
    "queen",
    "emperor",
    "empress",
    "dame",
    "laird",
    "bishop",
];

/// Post-nominal titles and suffixes, title words anywhere after the first word of a name
/// (`Sir Robert Perks, 1st Baronet`, `John Smith Jr`, `… KCB`). `bt` is also the nasab
/// connector `bint`: a post-nominal only as the last word or after an ordinal.
pub const POST_NOMINALS: &[&str] = &[
    "baronet", "bart", "bt", "jr", "jnr", "sr", "snr", "esq", "esquire", "kg", "kt", "kbe", "dbe",
    "gbe", "kcb", "gcb", "kcmg", "gcmg", "cmg", "kcvo", "gcvo", "cvo", "obe", "mbe", "cbe", "frs",
    "qc", "kc", "mp", "phd",
];

/// Ordinals of a title written as words, title words before a peerage title or a
/// post-nominal (`First Baron`), and regnal numbers after a name (`Henry VIII`). Roman
/// numerals that are also names (`vi`, `xi`, `x`, `v`, `i`) are not listed. Numerals such as
/// `1st`, `2nd`, `16th` are recognised by their form ([`is_numeric_ordinal`]).
pub const ORDINALS: &[&str] = &[
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
    "eleventh", "twelfth", "ii", "iii", "iv", "vii", "viii", "xii", "xiii", "xiv", "xv", "xvi",
];

/// Spelled ordinals of [`ORDINALS`]: ordinals only before a peerage title or a
/// post-nominal (`Second Earl`), unlike the regnal numerals.
pub(crate) const SPELLED_ORDINALS: usize = 12;

/// The territorial `of` of a title (`Countess of Lovelace`, `Ross of Bladensburg`): a title
/// word, and the word after it names a territory.
pub const OF: &[&str] = &["of"];

/// Whether the folded word `w` is a numeric ordinal: one to three digits and `st`, `nd`,
/// `rd` or `th` (`1st`, `2nd`, `16th`).
///
/// ```
/// use hawiya::name::lexicon::is_numeric_ordinal;
/// assert!(is_numeric_ordinal("1st") && is_numeric_ordinal("16th"));
/// assert!(!is_numeric_ordinal("1") && !is_numeric_ordinal("st") && !is_numeric_ordinal("1sth"));
/// ```
pub fn is_numeric_ordinal(w: &str) -> bool {
    let b = w.as_bytes();
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    (1..=3).contains(&digits) && matches!(&b[digits..], b"st" | b"nd" | b"rd" | b"th")
}

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

/// `Allah` as the second word of a compound (`Nasr Allah`, `Samiullah`, `سميع الله`).
pub const ALLAH: &[&str] = &[
    "allah", "ullah", "ollah", "illah", "ellah", "alla", "ulla", "الله",
];

/// Joined kunya with the article (`Abolhassan` = `Abu al-Hassan`): the prefix read as
/// the kunya before the rest of the word.
pub const JOINED_KUNYA_ARTICLE: &[&str] =
    &["aboul", "abouel", "aboel", "abuel", "abul", "abol", "abil"];

/// Whether `w` is in `list`.
pub(crate) fn has(list: &[&str], w: &str) -> bool {
    list.contains(&w)
}

/// Bits of [`classify`]: the lists a word is in.
pub(crate) mod class {
    pub const TITLE: u16 = 1;
    pub const CONNECTOR: u16 = 1 << 1;
    pub const KUNYA: u16 = 1 << 2;
    pub const KUNYA_WITH_ARTICLE: u16 = 1 << 3;
    pub const ARTICLE: u16 = 1 << 4;
    pub const ASSIMILATED: u16 = 1 << 5;
    pub const ABD: u16 = 1 << 6;
    pub const DIN: u16 = 1 << 7;
    pub const JOINED_DIN: u16 = 1 << 8;
    pub const ALLAH: u16 = 1 << 9;
    pub const PEERAGE: u16 = 1 << 10;
    pub const POST_NOMINAL: u16 = 1 << 11;
    pub const ORDINAL: u16 = 1 << 12;
    pub const SPELLED_ORDINAL: u16 = 1 << 13;
    pub const OF: u16 = 1 << 14;
}

static CLASSES: std::sync::LazyLock<crate::core::FnvMap<&'static str, u16>> =
    std::sync::LazyLock::new(|| {
        let mut m = crate::core::FnvMap::default();
        let lists: [(&[&str], u16); 15] = [
            (TITLES, class::TITLE),
            (PEERAGE, class::PEERAGE),
            (POST_NOMINALS, class::POST_NOMINAL),
            (ORDINALS, class::ORDINAL),
            (&ORDINALS[..SPELLED_ORDINALS], class::SPELLED_ORDINAL),
            (OF, class::OF),
            (CONNECTORS, class::CONNECTOR),
            (KUNYA, class::KUNYA),
            (KUNYA_WITH_ARTICLE, class::KUNYA_WITH_ARTICLE),
            (ARTICLES, class::ARTICLE),
            (ASSIMILATED_ARTICLES, class::ASSIMILATED),
            (ABD_PREFIXES, class::ABD),
            (DIN, class::DIN),
            (JOINED_DIN, class::JOINED_DIN),
            (ALLAH, class::ALLAH),
        ];
        for (list, bit) in lists {
            for &w in list {
                *m.entry(w).or_insert(0) |= bit;
            }
        }
        m
    });

/// A 4096-bit filter over (length, first byte, last byte) of every listed word: most
/// name words are rejected without hashing.
static FILTER: std::sync::LazyLock<[u64; 64]> = std::sync::LazyLock::new(|| {
    let mut f = [0u64; 64];
    for w in CLASSES.keys() {
        let i = filter_index(w.as_bytes());
        f[i / 64] |= 1 << (i % 64);
    }
    f
});

pub(crate) fn filter_index(b: &[u8]) -> usize {
    // Length and the first two and last two bytes: Arabic letters all start with the
    // lead byte D8/D9, so single bytes would tell little.
    let at = |i: usize| usize::from(b.get(i).copied().unwrap_or(0));
    let n = b.len();
    let h = n
        .wrapping_mul(0x9E37)
        .wrapping_add(at(0).wrapping_mul(0x85EB))
        .wrapping_add(at(1).wrapping_mul(0xC2B2))
        .wrapping_add(at(n.wrapping_sub(1)).wrapping_mul(0x27D4))
        .wrapping_add(at(n.wrapping_sub(2)).wrapping_mul(0x1656));
    (h ^ (h >> 13)) % 4096
}

/// The lists (bits of [`class`]) that the folded word `w` belongs to.
pub(crate) fn classify(w: &str) -> u16 {
    if w.len() > 24 {
        return 0;
    }
    let i = filter_index(w.as_bytes());
    if FILTER[i / 64] & (1 << (i % 64)) == 0 {
        return 0;
    }
    CLASSES.get(w).copied().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classify_agrees_with_the_lists() {
        assert_eq!(classify("al"), class::ARTICLE);
        assert_eq!(classify("bin"), class::CONNECTOR);
        assert_eq!(classify("عبد"), class::ABD);
        assert_eq!(classify("sheikh"), class::TITLE);
        assert_eq!(classify("mohammed"), 0);
        for w in TITLES.iter().chain(KUNYA).chain(JOINED_DIN) {
            assert_ne!(classify(w), 0, "{w}");
            assert!(w.len() <= 24, "{w}");
        }
    }

    #[test]
    fn every_entry_is_already_folded() {
        let lists: [&[&str]; 15] = [
            PEERAGE,
            POST_NOMINALS,
            ORDINALS,
            OF,
            ALLAH,
            JOINED_KUNYA_ARTICLE,
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
