//! Names in Latin script: the transliteration convention of a registry, the article and
//! its assimilation, titles, case, and typing and OCR errors.

use super::{NameParts, Part, choose_parts, whitespace_noise};
use crate::inventory::NameEntry;
use crate::{Gender, LatinConvention, NameConfig, Region};
use hawiya::SplitMix64;

const LAT_TITLES_M: [&str; 10] = [
    "Sheikh", "Shaikh", "Sayed", "Haji", "Hajj", "Dr.", "Dr", "Eng.", "Mr.", "Mr",
];
const LAT_TITLES_F: [&str; 9] = [
    "Sheikha", "Shaikha", "Sayeda", "Hajja", "Dr.", "Dr", "Eng.", "Mrs.", "Ms.",
];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Case {
    Title,
    Upper,
    Lower,
}

/// Sun letters: the article assimilates before them (ar-Rashid, ash-Shammari).
const SUN_LETTERS: &str = "تثدذرزسشصضطظلن";

pub(super) fn latin_name(
    parts: &NameParts<'_>,
    region: Region,
    gender: Gender,
    cfg: &NameConfig,
    style_seed: u64,
    rng: &mut SplitMix64,
) -> (String, LatinConvention, u8) {
    // A share of records reuse the person's own (passport) spelling choices: the same
    // convention, variants and article form every time.
    let consistent = rng.chance(cfg.consistent_latin_share);
    let mut style = if consistent {
        SplitMix64::derive(style_seed, 0, 0)
    } else {
        SplitMix64::new(rng.next_u64())
    };
    let w = &cfg.latin_conventions;
    let (french_boost, gulf_boost) = match region {
        Region::Maghreb => (6.0, 0.2),
        Region::Gulf | Region::Bidoon => (0.3, 1.6),
        Region::Levant => (1.5, 0.3),
        _ => (0.5, 0.3),
    };
    let convention = match style.weighted(&[
        w.english,
        w.french * french_boost,
        w.gulf * gulf_boost,
        w.scholarly,
    ]) {
        0 => LatinConvention::English,
        1 => LatinConvention::French,
        2 => LatinConvention::Gulf,
        _ => LatinConvention::Scholarly,
    };
    let case = if convention == LatinConvention::Scholarly {
        Case::Title
    } else {
        match style.weighted(&[1.0 - cfg.all_caps_share - 0.02, cfg.all_caps_share, 0.02]) {
            0 => Case::Title,
            1 => Case::Upper,
            _ => Case::Lower,
        }
    };
    let egyptian_g = region == Region::Egypt && style.chance(0.7);
    let chosen = choose_parts(cfg.full_form_share_latin, cfg, rng);
    let initials = rng.chance(cfg.initials_share);
    let connectors = rng.chance(cfg.connector_share) && !initials && !parts.christian;

    let mut given_words: Vec<String> = Vec::with_capacity(6);
    let mut family_word: Option<String> = None;
    for (i, &part) in chosen.iter().enumerate() {
        let entry = parts.entry(part);
        let mut variant_rng = if consistent {
            SplitMix64::derive(style_seed, 1, part.code())
        } else {
            SplitMix64::new(style.next_u64())
        };
        if connectors && part.is_ancestor() && (i == 1 || rng.chance(0.5)) {
            let c = if i == 1 && gender == Gender::Female {
                *rng.pick(&["bint", "Bint", "binti"]).unwrap_or(&"bint")
            } else if region == Region::Maghreb {
                "ben"
            } else if region == Region::SouthAsia {
                // Pakistani and Indian forms: son of / daughter of.
                if gender == Gender::Female {
                    *rng.pick(&["d/o", "D/O"]).unwrap_or(&"d/o")
                } else {
                    *rng.pick(&["s/o", "S/O"]).unwrap_or(&"s/o")
                }
            } else {
                *rng.pick(&["bin", "Bin", "ibn", "bin"]).unwrap_or(&"bin")
            };
            given_words.push(c.to_owned());
        }
        let mut text = if part == Part::Family {
            latin_family(entry, convention, &mut variant_rng)
        } else if region == Region::SouthAsia
            && entry.arabic == "محمد"
            && part == Part::Given
            && variant_rng.chance(0.35)
        {
            (*variant_rng
                .pick(&["Md.", "Md", "Mohd.", "Mohd", "Muhammad"])
                .unwrap_or(&"Md."))
            .to_owned()
        } else {
            pick_latin(entry, convention, &mut variant_rng).to_owned()
        };
        if egyptian_g && convention == LatinConvention::English && entry.arabic.contains('ج') {
            text = text.replace('j', "g").replace('J', "G");
        }
        if initials && part.is_ancestor() {
            // Western-style forms keep only the initial of a middle name: "Mohammed A. Al-Enezi".
            let initial = text.chars().find(|c| c.is_alphabetic());
            text = initial.map_or(text, |c| format!("{c}."));
        }
        if part == Part::Family {
            family_word = Some(text);
        } else {
            given_words.push(text);
        }
    }

    let mut title = None;
    if rng.chance(cfg.title_share) {
        // Sheikh titles are a Gulf usage; Christians carry no Islamic titles.
        let (from_m, from_f) = if parts.christian {
            (5, 4)
        } else if matches!(region, Region::Gulf) {
            (0, 0)
        } else {
            (2, 2)
        };
        title = Some(if gender == Gender::Male {
            LAT_TITLES_M[from_m + rng.index(LAT_TITLES_M.len() - from_m)]
        } else {
            LAT_TITLES_F[from_f + rng.index(LAT_TITLES_F.len() - from_f)]
        });
    }

    if title.is_none()
        && region == Region::SouthAsia
        && gender == Gender::Female
        && rng.chance(cfg.title_share * 3.0)
    {
        // Bangladeshi female prefix (Mosammat), written like a title.
        title = Some(*rng.pick(&["Mst.", "Mst", "Most."]).unwrap_or(&"Mst."));
    }
    let given = given_words.join(" ");
    let mut out = match (&family_word, rng.chance(cfg.family_first_share)) {
        (Some(f), true) => {
            if rng.chance(0.1) && convention != LatinConvention::Scholarly {
                // Passport machine-readable zone: SURNAME<<GIVEN<NAMES.
                let mrz = format!(
                    "{}<<{}",
                    f.replace(['-', ' ', '\''], ""),
                    given.replace(['-', '\'', '.'], "").replace(' ', "<")
                );
                return (mrz.to_uppercase(), convention, chosen.len() as u8);
            }
            match rng.below(3) {
                0 => format!("{f}, {given}"),
                1 => format!("{}, {given}", f.to_uppercase()),
                _ => format!("{} {given}", f.to_uppercase()),
            }
        }
        (Some(f), false) => format!("{given} {f}"),
        (None, _) => given,
    };
    if let Some(t) = title {
        out = format!("{t} {out}");
    }
    out = match case {
        Case::Title => out,
        Case::Upper => out.to_uppercase(),
        Case::Lower => out.to_lowercase(),
    };
    if rng.chance(cfg.typo_share) {
        out = latin_typo(&out, rng);
    }
    if rng.chance(cfg.dot_confusion_share) {
        out = latin_ocr(&out, rng);
    }
    if rng.chance(cfg.whitespace_share) {
        out = whitespace_noise(&out, rng);
    }
    (out, convention, chosen.len() as u8)
}

fn pick_latin<'e>(
    entry: &'e NameEntry,
    convention: LatinConvention,
    rng: &mut SplitMix64,
) -> &'e str {
    let list = match convention {
        LatinConvention::Scholarly => return entry.scholarly,
        LatinConvention::English => &entry.latin[0],
        LatinConvention::French => &entry.latin[1],
        LatinConvention::Gulf => &entry.latin[2],
    };
    // The first spelling is the commonest one.
    let i = if rng.chance(0.5) {
        0
    } else {
        rng.index(list.len())
    };
    list.get(i).copied().unwrap_or(entry.arabic)
}

/// A Latin family name with the article written the way the convention does.
fn latin_family(entry: &NameEntry, convention: LatinConvention, rng: &mut SplitMix64) -> String {
    let stem = pick_latin(entry, convention, rng);
    let lower_first = |s: &str| {
        let mut c = s.chars();
        match c.next() {
            Some(f) => f.to_lowercase().chain(c).collect::<String>(),
            None => String::new(),
        }
    };
    if entry.arabic.starts_with("آل ") {
        if convention == LatinConvention::Scholarly {
            return format!("Āl {stem}");
        }
        let prefix = *rng
            .pick(&["Al ", "Al ", "Al-", "Aal ", "Al"])
            .unwrap_or(&"Al ");
        return format!("{prefix}{stem}");
    }
    let Some(rest) = entry.arabic.strip_prefix("ال") else {
        return stem.to_owned();
    };
    let sun = rest.chars().next().is_some_and(|c| SUN_LETTERS.contains(c));
    match convention {
        LatinConvention::Scholarly => format!("al-{stem}"),
        LatinConvention::English | LatinConvention::Gulf => {
            let gulf = convention == LatinConvention::Gulf;
            match rng.weighted(&[
                40.0,
                20.0,
                if gulf { 22.0 } else { 15.0 },
                if gulf { 6.0 } else { 15.0 },
                if sun { 10.0 } else { 0.0 },
                4.0,
            ]) {
                0 => format!("Al-{stem}"),
                1 => format!("Al {stem}"),
                2 => {
                    if rng.chance(0.7) {
                        format!("Al{}", lower_first(stem))
                    } else {
                        format!("Al{stem}")
                    }
                }
                3 => stem.to_owned(),
                4 => {
                    let lead: String = stem
                        .chars()
                        .take(
                            if ["Sh", "Th", "Dh", "Kh"].iter().any(|p| stem.starts_with(p)) {
                                2
                            } else {
                                1
                            },
                        )
                        .collect();
                    format!("A{}-{stem}", lead.to_lowercase())
                }
                _ => format!("El-{stem}"),
            }
        }
        LatinConvention::French => match rng.weighted(&[30.0, 25.0, 10.0, 35.0]) {
            0 => format!("El-{stem}"),
            1 => format!("El {stem}"),
            2 => format!("El{}", lower_first(stem)),
            _ => stem.to_owned(),
        },
    }
}

/// One Latin typing error: a deleted, doubled or swapped letter, or a vowel slip.
fn latin_typo(s: &str, rng: &mut SplitMix64) -> String {
    let mut c: Vec<char> = s.chars().collect();
    let letters: Vec<usize> = (1..c.len())
        .filter(|&i| c[i].is_alphabetic() && c[i - 1].is_alphabetic())
        .collect();
    let Some(&i) = rng.pick(&letters) else {
        return s.to_owned();
    };
    match rng.below(4) {
        0 => {
            c.remove(i);
        }
        1 => {
            let x = c[i];
            c.insert(i, x);
        }
        2 => c.swap(i - 1, i),
        _ => {
            let upper = c[i].is_uppercase();
            let swapped = match c[i].to_ascii_lowercase() {
                'a' => 'e',
                'e' => 'i',
                'i' => 'e',
                'o' => 'u',
                'u' => 'o',
                'y' => 'i',
                other => other,
            };
            c[i] = if upper {
                swapped.to_ascii_uppercase()
            } else {
                swapped
            };
        }
    }
    c.into_iter().collect()
}

/// OCR-like confusions of Latin letters (m/rn, l/I, O/0, cl/d).
fn latin_ocr(s: &str, rng: &mut SplitMix64) -> String {
    let pairs: [(&str, &str); 8] = [
        ("m", "rn"),
        ("rn", "m"),
        ("l", "I"),
        ("I", "l"),
        ("O", "0"),
        ("d", "cl"),
        ("S", "5"),
        ("h", "b"),
    ];
    let present: Vec<&(&str, &str)> = pairs.iter().filter(|(a, _)| s.contains(a)).collect();
    match rng.pick(&present) {
        Some((a, b)) => s.replacen(a, b, 1),
        None => s.to_owned(),
    }
}
