//! The synthetic registry: determinism, distributions against the config, truth labels.

use std::collections::{BTreeMap, BTreeSet};

use hawiya::field::civil_id::is_valid_kuwait_civil_id;
use hawiya_synth::{
    Gender, Generator, GeneratorConfig, IdStatus, Record, Region, Script, Ymd, civil_from_days,
    days_from_tabular_hijri, generate,
};

/// Arabic-Indic and Persian digits to ASCII; everything else unchanged.
fn ascii_digits(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{0660}'..='\u{0669}' => char::from(b'0' + (c as u32 - 0x0660) as u8),
            '\u{06F0}'..='\u{06F9}' => char::from(b'0' + (c as u32 - 0x06F0) as u8),
            c => c,
        })
        .collect()
}

/// The runs of ASCII digits in `s` (after folding eastern digits).
fn numbers(s: &str) -> Vec<String> {
    ascii_digits(s)
        .split(|c: char| !c.is_ascii_digit())
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Arabic letters, including presentation forms (legacy / PDF text).
fn has_arabic(s: &str) -> bool {
    s.chars().any(|c| {
        ('\u{0621}'..='\u{064A}').contains(&c)
            || ('\u{FB50}'..='\u{FDFF}').contains(&c)
            || ('\u{FE70}'..='\u{FEFF}').contains(&c) && c != '\u{FEFF}'
    })
}

/// A written date is Hijri when it holds a four-digit year in 1300–1500.
fn is_hijri_text(dob: &str) -> bool {
    numbers(dob)
        .iter()
        .any(|n| n.len() == 4 && (1300..=1500).contains(&n.parse::<u32>().unwrap_or(0)))
}

const N: u64 = 60_000;

fn sample() -> (GeneratorConfig, Generator, Vec<Record>) {
    let config = GeneratorConfig {
        records: N,
        seed: 20_260_101,
        ..GeneratorConfig::default()
    };
    let g = Generator::new(config.clone()).unwrap();
    let recs: Vec<Record> = g.clone().collect();
    (config, g, recs)
}

/// `|observed - expected| <= k` standard errors of a proportion over `n` trials, plus a
/// small allowance `slack` for effects the binomial model leaves out.
fn assert_share(name: &str, hits: usize, n: usize, expected: f64, slack: f64) {
    let observed = hits as f64 / n as f64;
    let se = (expected * (1.0 - expected) / n as f64).sqrt();
    let tol = 5.0 * se + slack;
    assert!(
        (observed - expected).abs() <= tol,
        "{name}: observed {observed:.4} over {n}, expected {expected:.4} ± {tol:.4}"
    );
}

#[test]
fn same_config_gives_identical_records_and_other_seed_differs() {
    let config = GeneratorConfig {
        records: 3000,
        seed: 42,
        ..GeneratorConfig::default()
    };
    let a = generate(config.clone()).unwrap();
    let b = generate(config.clone()).unwrap();
    assert_eq!(a, b);
    let c = generate(GeneratorConfig { seed: 43, ..config }).unwrap();
    assert_ne!(a, c);
}

#[test]
fn random_access_matches_iteration() {
    let g = Generator::new(GeneratorConfig {
        records: 500,
        ..GeneratorConfig::default()
    })
    .unwrap();
    for (i, r) in g.clone().enumerate() {
        assert_eq!(g.record(i).as_ref(), Some(&r));
    }
    assert_eq!(g.record(500), None);
    // Batches (parallel with the default features) equal the sequential iteration.
    let all: Vec<Record> = g.clone().collect();
    assert_eq!(g.records(0..500), all);
    assert_eq!(g.records(120..130), all[120..130].to_vec());
    assert!(g.records(600..700).is_empty());
    assert_eq!(g.record_count(), 500);
    assert_eq!(ExactSizeIterator::len(&g), 500);
}

#[test]
fn distributions_follow_the_config() {
    let (config, g, recs) = sample();
    let n = recs.len();
    assert_eq!(n as u64, N);

    // Duplicates: share of persons with more than one record. The last person may be
    // truncated to fit the record count, hence a slack of one person.
    let mut per_person: BTreeMap<u64, usize> = BTreeMap::new();
    for r in &recs {
        *per_person.entry(r.cluster).or_default() += 1;
    }
    assert_eq!(per_person.len(), g.person_count());
    let dup = per_person.values().filter(|&&c| c > 1).count();
    assert_share(
        "persons with duplicates",
        dup,
        per_person.len(),
        config.duplicate_share,
        1.0 / per_person.len() as f64,
    );
    assert!(
        per_person
            .values()
            .all(|&c| c <= usize::from(config.max_copies))
    );
    // Copies are uniform on 2..=max_copies: mean copies = 1 + p * (mean of 2..=k − 1).
    let k = f64::from(config.max_copies);
    let expected_mean = 1.0 + config.duplicate_share * ((2.0 + k) / 2.0 - 1.0);
    let mean = n as f64 / per_person.len() as f64;
    assert!(
        (mean - expected_mean).abs() < 0.03,
        "mean copies {mean} vs {expected_mean}"
    );

    // Script: Arabic letters in the name ⇔ an Arabic-script record. The expected share
    // is each record's source share (Arabic registry, Latin passports, the rest
    // `arabic_share`); per source too.
    let share_of = |source: &str| {
        config
            .source_arabic_share
            .get(source)
            .copied()
            .unwrap_or(config.arabic_share)
    };
    let arabic = recs.iter().filter(|r| has_arabic(&r.full_name)).count();
    let expected = recs.iter().map(|r| share_of(&r.source)).sum::<f64>() / n as f64;
    assert_share("arabic-script names", arabic, n, expected, 0.0);
    for source in &config.sources {
        let of: Vec<&Record> = recs.iter().filter(|r| &r.source == source).collect();
        let a = of.iter().filter(|r| has_arabic(&r.full_name)).count();
        assert_share(source, a, of.len(), share_of(source), 0.0);
    }

    // Sources: a further copy stays in the previous copy's source with
    // `same_source_share` (six sources, at most four copies: moves never wrap around).
    let mut copies: BTreeMap<u64, BTreeMap<u8, &str>> = BTreeMap::new();
    for r in &recs {
        copies
            .entry(r.cluster)
            .or_default()
            .insert(r.appearance.copy, &r.source);
    }
    let (mut stays, mut steps) = (0, 0);
    for cs in copies.values() {
        let v: Vec<&str> = cs.values().copied().collect();
        for w in v.windows(2) {
            steps += 1;
            stays += usize::from(w[0] == w[1]);
        }
    }
    assert_share(
        "same-source copies",
        stays,
        steps,
        config.same_source_share,
        0.0,
    );
    for r in &recs {
        assert_eq!(
            has_arabic(&r.full_name),
            r.appearance.script == Script::Arabic,
            "{}",
            r.full_name
        );
    }

    // Dates: missing share, and the Hijri share among written dates (recognised from the
    // text alone by its year).
    let written: Vec<&Record> = recs.iter().filter(|r| !r.dob.is_empty()).collect();
    assert_share(
        "missing dob",
        n - written.len(),
        n,
        config.dob.missing_share,
        0.0,
    );
    let hijri = written.iter().filter(|r| is_hijri_text(&r.dob)).count();
    assert_share(
        "hijri dob",
        hijri,
        written.len(),
        config.dob.hijri_share,
        0.0,
    );
    for r in &written {
        assert_eq!(is_hijri_text(&r.dob), r.appearance.dob.hijri, "{}", r.dob);
    }

    // Civil IDs: among persons that hold one, the missing share; among written IDs, the
    // valid share is 1 − typo share, and a mistyped ID never passes the check digit.
    let holders: Vec<&Record> = recs
        .iter()
        .filter(|r| r.appearance.civil_id != IdStatus::NoId)
        .collect();
    let missing = holders.iter().filter(|r| r.civil_id.is_empty()).count();
    assert_share(
        "missing id",
        missing,
        holders.len(),
        config.civil_id.missing_share,
        0.0,
    );
    let ids: Vec<(&Record, String)> = holders
        .iter()
        .filter(|r| !r.civil_id.is_empty())
        .map(|r| (*r, numbers(&r.civil_id).concat()))
        .collect();
    let valid = ids
        .iter()
        .filter(|(_, d)| is_valid_kuwait_civil_id(d))
        .count();
    assert_share(
        "valid id",
        valid,
        ids.len(),
        1.0 - config.civil_id.typo_share,
        0.0,
    );
    for (r, d) in &ids {
        assert_eq!(d.len(), 12, "{}", r.civil_id);
        assert_eq!(
            is_valid_kuwait_civil_id(d),
            r.appearance.civil_id == IdStatus::Valid,
            "{}",
            r.civil_id
        );
    }
}

#[test]
fn records_carry_their_persons_truth() {
    let (_, g, recs) = sample();
    let mut id_owner: BTreeMap<String, u64> = BTreeMap::new();
    let mut checked_hijri = 0;
    for r in &recs {
        let p = g.person(r.cluster).expect("cluster is a person");
        // A correctly copied ID is the person's ID, and it embeds the true birth date.
        if r.appearance.civil_id == IdStatus::Valid {
            let d = numbers(&r.civil_id).concat();
            assert_eq!(Some(&d), p.civil_id.as_ref());
            let yymmdd = format!("{:02}{:02}{:02}", p.dob.year % 100, p.dob.month, p.dob.day);
            assert_eq!(&d[1..7], yymmdd);
            // No two persons share an ID.
            let owner = *id_owner.entry(d).or_insert(r.cluster);
            assert_eq!(owner, r.cluster);
        }
        // Christian families carry no Islamic titles and no bin/ibn connectors.
        if p.christian {
            for w in r.full_name.split([' ', '\u{00A0}']) {
                let w = w.trim_matches(|c: char| !c.is_alphabetic());
                assert!(
                    ![
                        "الحاج",
                        "الشيخ",
                        "Haji",
                        "Hajj",
                        "Sheikh",
                        "bin",
                        "ibn",
                        "بن",
                        "ابن"
                    ]
                    .contains(&w),
                    "{}",
                    r.full_name
                );
            }
        }
        // The gender column is the person's gender unless the record has an entry error.
        let written_gender = match r.gender.as_str() {
            "ذكر" | "Male" | "M" | "MALE" | "m" | "male" | "ذ" => Some(Gender::Male),
            "أنثى" | "انثى" | "Female" | "F" | "FEMALE" | "f" | "female" | "أ" => {
                Some(Gender::Female)
            }
            "" => None,
            other => panic!("unexpected gender text {other:?}"),
        };
        if let Some(wg) = written_gender {
            assert_eq!(wg != p.gender, r.appearance.gender_error);
        }
        // Numeric Hijri dates (year first or last) read back with the tabular calendar
        // give exactly the true date.
        let w = r.appearance.dob;
        if w.hijri && !w.year_only && !w.typo {
            let nums: Vec<i32> = numbers(&r.dob)
                .iter()
                .filter_map(|x| x.parse().ok())
                .collect();
            if nums.len() == 3 {
                let (y, m, d) = if nums[0] > 1000 {
                    (nums[0], nums[1], nums[2])
                } else {
                    (nums[2], nums[1], nums[0])
                };
                let days = days_from_tabular_hijri(Ymd {
                    year: y,
                    month: m as u8,
                    day: d as u8,
                });
                assert_eq!(civil_from_days(days), p.dob, "{}", r.dob);
                checked_hijri += 1;
            }
        }
        // Gregorian ISO dates without a placeholder are the truth.
        if w.gregorian && !w.placeholder && !w.typo && !w.eastern_digits && r.dob.len() == 10 {
            if let [y, m, d] = r.dob.split('-').collect::<Vec<_>>()[..] {
                if y.len() == 4 {
                    assert_eq!(
                        (
                            y.parse::<i32>().unwrap(),
                            m.parse::<u8>().unwrap(),
                            d.parse::<u8>().unwrap()
                        ),
                        (p.dob.year, p.dob.month, p.dob.day)
                    );
                }
            }
        }
    }
    assert!(checked_hijri > 1000, "{checked_hijri}");
}

#[test]
fn hard_negatives_are_present() {
    let (config, g, _) = sample();
    let persons: Vec<_> = (0..g.person_count() as u64)
        .map(|i| g.person(i).unwrap())
        .collect();
    // Many distinct people share a given name and a family name (محمد … العنزي).
    let mut by_given_family: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for p in &persons {
        *by_given_family.entry((p.given, p.family)).or_default() += 1;
    }
    let shared: usize = by_given_family.values().filter(|&&c| c > 1).sum();
    assert!(
        shared as f64 > 0.3 * persons.len() as f64,
        "only {shared} of {} persons share given+family name with someone",
        persons.len()
    );
    assert!(
        by_given_family
            .get(&("محمد", "العنزي"))
            .copied()
            .unwrap_or(0)
            > 20
    );
    // Some distinct people even share the whole four-part registry name.
    let mut by_full: BTreeMap<String, usize> = BTreeMap::new();
    for p in &persons {
        *by_full.entry(p.registry_name()).or_default() += 1;
    }
    let same_full: usize = by_full.values().filter(|&&c| c > 1).sum();
    eprintln!(
        "{} persons: {shared} share given+family, {same_full} share the full 4-part name",
        persons.len()
    );
    assert!(same_full > 0);
    // Christian families in the Levant and Egypt, about `christian_share` of them (by
    // household), never named محمد.
    let mut lev_egy: BTreeMap<u64, bool> = BTreeMap::new();
    for p in &persons {
        if matches!(p.region, Region::Levant | Region::Egypt) {
            lev_egy.insert(p.household, p.christian);
        } else {
            assert!(!p.christian);
        }
        if p.christian {
            assert!(
                p.given != "محمد" && p.father != "محمد",
                "{}",
                p.registry_name()
            );
        }
    }
    let christian = lev_egy.values().filter(|&&c| c).count();
    // Cousin households share one draw, so the effective sample is a little smaller.
    assert_share(
        "christian households",
        christian,
        lev_egy.len(),
        config.christian_share,
        0.01,
    );
    // Siblings: same household, same father, grandfather and family, different persons.
    let mut households: BTreeMap<u64, Vec<&hawiya_synth::Person>> = BTreeMap::new();
    for p in &persons {
        households.entry(p.household).or_default().push(p);
    }
    let with_siblings = households.values().filter(|v| v.len() > 1).count();
    assert!(with_siblings as f64 > 0.2 * households.len() as f64);
    for v in households.values() {
        for p in v {
            assert_eq!(
                (p.father, p.grandfather, p.family),
                (v[0].father, v[0].grandfather, v[0].family)
            );
        }
    }
    // Cousins: different households and fathers, same grandfather and family.
    type Lineage<'a> = (&'a str, &'a str, &'a str);
    let mut lineage: BTreeMap<Lineage<'_>, BTreeSet<(u64, &str)>> = BTreeMap::new();
    for p in &persons {
        lineage
            .entry((p.grandfather, p.great_grandfather, p.family))
            .or_default()
            .insert((p.household, p.father));
    }
    let cousin_lines = lineage
        .values()
        .filter(|hs| hs.iter().map(|(_, f)| *f).collect::<BTreeSet<_>>().len() > 1)
        .count();
    assert!(cousin_lines > 500, "{cousin_lines}");
}

#[test]
fn every_field_kind_shows_its_variety() {
    let (_, g, recs) = sample();
    let any = |f: &dyn Fn(&Record) -> bool| recs.iter().any(f);
    // Arabic orthographic noise and invisible characters.
    assert!(any(&|r| r.full_name.contains('\u{0640}')), "tatweel");
    assert!(
        any(&|r| r
            .full_name
            .chars()
            .any(|c| ('\u{064B}'..='\u{0652}').contains(&c))),
        "tashkeel"
    );
    assert!(
        any(&|r| r.full_name.contains('\u{200F}') || r.full_name.contains('\u{200C}')),
        "bidi marks"
    );
    assert!(any(&|r| r.full_name.contains("عبد ")), "split abd compound");
    assert!(
        any(&|r| r.full_name.contains('ی') || r.full_name.contains('ک')),
        "persian letters"
    );
    // Latin conventions, case, order.
    assert!(
        any(&|r| r.full_name.contains('ḥ') || r.full_name.contains('ʿ')),
        "scholarly"
    );
    assert!(any(&|r| r.full_name.contains(", ")), "family first");
    assert!(
        any(&|r| {
            let family = g.person(r.cluster).map(|p| p.family).unwrap_or("-");
            r.appearance.name_parts > 1 && r.full_name.starts_with(&format!("{family} "))
        }),
        "arabic family first"
    );
    assert!(
        any(&|r| r
            .full_name
            .split(' ')
            .any(|w| w.len() == 2 && w.ends_with('.'))),
        "initials"
    );
    assert!(any(&|r| r.full_name.contains("<<")), "mrz");
    assert!(
        any(&|r| r.full_name.starts_with("Dr") || r.full_name.starts_with("الشيخ")),
        "titles"
    );
    assert!(
        any(&|r| r.full_name.contains(" bin ") || r.full_name.contains(" بن ")),
        "connectors"
    );
    assert!(
        any(&|r| r.full_name.contains("El ") || r.full_name.contains("El-")),
        "french article"
    );
    // Other fields.
    assert!(any(&|r| r.dob.contains("هـ")), "hijri suffix");
    assert!(
        any(&|r| r
            .dob
            .chars()
            .any(|c| ('\u{0660}'..='\u{0669}').contains(&c))),
        "eastern digits"
    );
    assert!(any(&|r| r.dob.len() == 4), "year only");
    assert!(
        any(&|r| r.gender == "ذكر") && any(&|r| r.gender == "F"),
        "gender forms"
    );
    assert!(
        any(&|r| r.nationality == "بدون") && any(&|r| r.nationality == "KWT"),
        "nationality"
    );
    assert!(any(&|r| r.nationality == "414"), "numeric country code");
    assert!(
        any(&|r| r.full_name.starts_with("Mst")),
        "bangladeshi female prefix"
    );
    assert!(any(&|r| r.phone.starts_with("+965")), "phone");
    assert!(
        any(&|r| r.civil_id.starts_with('\u{200F}')),
        "rlm before id"
    );
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]

        /// Any valid config yields exactly `records` rows with unique ids, every cluster a
        /// person whose copy count matches, and no empty names.
        #[test]
        fn any_config_gives_consistent_records(
            seed in any::<u64>(),
            records in 0u64..400,
            dup in 0.0f64..=1.0,
            arabic in 0.0f64..=1.0,
            max_copies in 1u8..8,
            sources in 1usize..5,
            noise in 0.0f64..=1.0,
        ) {
            let mut config = GeneratorConfig {
                records,
                seed,
                duplicate_share: dup,
                arabic_share: arabic,
                max_copies,
                sources: (0..sources).map(|i| format!("s{i}")).collect(),
                source_arabic_share: [("s0".to_owned(), arabic / 2.0)].into_iter().collect(),
                ..GeneratorConfig::default()
            };
            config.name.typo_share = noise;
            config.name.tashkeel_share = noise;
            config.name.presentation_forms_share = noise;
            config.name.orthography_share = noise;
            config.civil_id.typo_share = noise;
            let g = Generator::new(config).unwrap();
            let recs: Vec<Record> = g.clone().collect();
            prop_assert_eq!(recs.len() as u64, records);
            let ids: BTreeSet<&str> = recs.iter().map(|r| r.unique_id.as_str()).collect();
            prop_assert_eq!(ids.len(), recs.len());
            let mut counts: BTreeMap<u64, u8> = BTreeMap::new();
            for r in &recs {
                prop_assert!(!r.full_name.trim().is_empty());
                *counts.entry(r.cluster).or_default() += 1;
            }
            for (p, c) in counts {
                let person = g.person(p).unwrap();
                prop_assert_eq!(person.copies, c);
                prop_assert!(c <= max_copies);
            }
        }
    }
}

#[test]
fn persons_do_not_depend_on_the_record_count() {
    let small = Generator::new(GeneratorConfig {
        records: 2000,
        ..GeneratorConfig::default()
    })
    .unwrap();
    let large = Generator::new(GeneratorConfig {
        records: 5000,
        ..GeneratorConfig::default()
    })
    .unwrap();
    let n = small.person_count() as u64;
    for id in 0..n {
        let (a, b) = (small.person(id).unwrap(), large.person(id).unwrap());
        if id + 1 < n {
            assert_eq!(a, b);
        } else {
            // The last person may have been truncated to fit the record count.
            assert!(a.copies <= b.copies);
            assert_eq!(a.civil_id, b.civil_id);
        }
    }
}
