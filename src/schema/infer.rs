//! A config inferred from column names.

use super::{CategoricalValues, Config, FieldConfig, FieldKind, default_id_column};
use crate::{Error, Result};

impl Config {
    /// Infer a config from column names (case-insensitive, Arabic or English):
    /// `*name*`/`اسم` → name (several full-name columns such as `name_ar` and `name_en`
    /// become one field with [`FieldConfig::also`]; name parts such as `first_name`,
    /// `father_name`, `family_name` without a full-name column become one field with
    /// [`FieldConfig::parts`]; names of other people such as `mother_name` stay fields of
    /// their own), `dob`/`birth`/`تاريخ` → date, `*id*`/`civil`/`passport`/`رقم`
    /// → id, `gender`/`sex`/`الجنس` → categorical (gender), `nationality`/`country`/`الجنسية`
    /// → categorical (nationality), `phone`/`mobile`/`هاتف` → phone, `email` → categorical.
    /// Dates of a file rather than of birth (`registration_date`, `expiry_date`), places
    /// (`place_of_birth`) and numbers of a file (`case_id`, `file_no`) are not compared; a
    /// date of birth and a civil or national ID come before other dates and identifiers, so
    /// the default blocking rules use them. The id column is `unique_id` (or `id`,
    /// `record_id`) when present. Columns that match nothing are not compared.
    ///
    /// ```
    /// # fn main() -> hawiya::Result<()> {
    /// let cfg = hawiya::Config::infer(&["unique_id", "source", "full_name", "dob", "civil_id", "gender"])?;
    /// let kinds: Vec<_> = cfg.fields.iter().map(|f| (f.column.as_str(), f.kind)).collect();
    /// use hawiya::FieldKind::*;
    /// assert_eq!(kinds, [("full_name", Name), ("dob", Date), ("civil_id", Id), ("gender", Categorical)]);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// A config error when no column can be compared.
    pub fn infer<S: AsRef<str>>(header: &[S]) -> Result<Self> {
        let cols: Vec<&str> = header.iter().map(|s| s.as_ref().trim()).collect();
        let id_column = ["unique_id", "id", "record_id"]
            .iter()
            .find_map(|c| cols.iter().find(|h| h.eq_ignore_ascii_case(c)))
            .map_or_else(default_id_column, |s| s.to_string());
        let mut fields = Vec::new();
        let mut names = Vec::new();
        for &c in &cols {
            if c == id_column {
                continue;
            }
            let l = c.to_lowercase();
            let has = |words: &[&str]| words.iter().any(|w| l.contains(w));
            // Nationality before gender: "الجنسية" (nationality) contains "الجنس" (sex).
            // Dates other than the date of birth and numbers of a file rather than of a
            // person (`registration_date`, `case_id`) say nothing about identity.
            let not_birth_date = has(&[
                "regist",
                "created",
                "updated",
                "modified",
                "issue",
                "expir",
                "entry",
                "arrival",
                "death",
                "visit",
                "admission",
                "التسجيل",
                "الإصدار",
                "الاصدار",
                "الانتهاء",
                "الوفاة",
            ]);
            let not_person_id = has(&[
                "record",
                "case",
                "file",
                "row",
                "request",
                "application",
                "serial",
                "batch",
                "ticket",
                "ملف",
                "طلب",
            ]);
            let field = if has(&["cluster", "truth", "source", "dataset"]) {
                None
            } else if has(&["place", "city", "مكان", "محل"]) {
                // Place of birth: not a date, not compared by default.
                None
            } else if has(&[
                "nationality",
                "country",
                "citizenship",
                "الجنسية",
                "جنسية",
                "الدولة",
            ]) {
                Some(FieldConfig {
                    values: CategoricalValues::Nationality,
                    ..FieldConfig::new(c, FieldKind::Categorical)
                })
            } else if has(&["gender", "sex", "الجنس", "النوع"]) {
                Some(FieldConfig {
                    values: CategoricalValues::Gender,
                    ..FieldConfig::new(c, FieldKind::Categorical)
                })
            } else if has(&["dob", "birth", "date", "تاريخ", "الميلاد"]) {
                (!not_birth_date).then(|| FieldConfig::new(c, FieldKind::Date))
            } else if has(&["phone", "mobile", "tel", "هاتف", "جوال", "الهاتف"]) {
                Some(FieldConfig::new(c, FieldKind::Phone))
            } else if has(&["name", "اسم", "الاسم"]) {
                names.push(c);
                None
            } else if has(&["email", "e-mail", "البريد"]) {
                Some(FieldConfig::new(c, FieldKind::Categorical))
            } else if (l.ends_with("_id")
                || l.ends_with(" id")
                || has(&[
                    "civil",
                    "passport",
                    "national_id",
                    "national_n",
                    "id_n",
                    "idno",
                    "id no",
                    "id number",
                    "residency",
                    "iqama",
                    "رقم",
                    "هوية",
                    "مدني",
                    "جواز",
                    "إقامة",
                    "اقامة",
                ]))
                && !not_person_id
            {
                Some(FieldConfig::new(c, FieldKind::Id))
            } else {
                None
            };
            fields.extend(field);
        }
        // Blocking defaults use the first field of each kind: a date of birth before other
        // dates, a civil or national ID before other identifiers.
        fields.sort_by_key(|f: &FieldConfig| {
            let l = f.column.to_lowercase();
            let marked = |words: &[&str]| words.iter().any(|w| l.contains(w));
            !marked(&[
                "dob",
                "birth",
                "ميلاد",
                "civil",
                "national_",
                "national id",
                "مدني",
                "هوية",
                "cid",
            ])
        });
        let mut name_fields = name_fields(&names);
        name_fields.append(&mut fields);
        let fields = name_fields;
        if fields.is_empty() {
            return Err(Error::config(
                "columns",
                "no column name looks like a name, date, id, gender, nationality or phone; give a --config",
            ));
        }
        let cfg = Config {
            id_column,
            ..Config::new(fields)
        };
        cfg.validate()?;
        Ok(cfg)
    }
}

/// What a name column holds, from its header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NameColumn {
    /// The person's whole name (in some script or spelling).
    Full,
    /// One part of it, with its place in an Arabic name (given, father, grandfather …,
    /// family last).
    Part(u8),
    /// Another person's name (mother, spouse, sponsor): a field of its own.
    Other,
}

fn name_column(header: &str) -> NameColumn {
    let l = header.to_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| l.contains(w));
    if has(&[
        "mother",
        "spouse",
        "wife",
        "husband",
        "guardian",
        "sponsor",
        "kafeel",
        "employer",
        "الأم",
        "الام",
        "الزوج",
        "الكفيل",
    ]) {
        NameColumn::Other
    } else if has(&["first", "given", "fname", "forename", "الأول", "الاول"]) {
        NameColumn::Part(0)
    } else if has(&["father", "second", "middle", "الأب", "الاب", "الثاني"]) {
        NameColumn::Part(1)
    } else if has(&["grand", "third", "الجد", "الثالث"]) {
        NameColumn::Part(2)
    } else if has(&["fourth", "الرابع"]) {
        NameColumn::Part(3)
    } else if has(&[
        "last",
        "family",
        "surname",
        "lname",
        "tribe",
        "العائلة",
        "العائله",
        "القبيلة",
        "اللقب",
    ]) {
        NameColumn::Part(9)
    } else {
        NameColumn::Full
    }
}

/// 1 for a column marked Arabic (`_ar`, `arabic`, `عربي`), 2 for one marked Latin
/// (`_en`, `english`, `latin`), else 0.
fn script_tag(header: &str) -> u8 {
    let l = header.to_lowercase();
    let marked = |short: &str, words: &[&str]| {
        l.ends_with(&format!("_{short}"))
            || l.starts_with(&format!("{short}_"))
            || l.contains(&format!("_{short}_"))
            || words.iter().any(|w| l.contains(w))
    };
    if marked("ar", &["arabic", "عربي"]) {
        1
    } else if marked("en", &["english", "latin", "انجليزي", "إنجليزي"]) {
        2
    } else {
        0
    }
}

/// The name fields of the name-like columns `names` (header order), the person's name
/// first. See [`Config::infer`].
fn name_fields(names: &[&str]) -> Vec<FieldConfig> {
    let mut out = Vec::new();
    let full: Vec<&str> = names
        .iter()
        .copied()
        .filter(|c| name_column(c) == NameColumn::Full)
        .collect();
    let mut parts: Vec<(u8, &str)> = names
        .iter()
        .filter_map(|&c| match name_column(c) {
            NameColumn::Part(r) => Some((r, c)),
            _ => None,
        })
        .collect();
    parts.sort_by_key(|p| p.0); // stable: header order within a rank
    if let Some((first, rest)) = full.split_first() {
        out.push(FieldConfig {
            also: rest.iter().map(|c| c.to_string()).collect(),
            ..FieldConfig::new(*first, FieldKind::Name)
        });
        // Parts next to a full name: compared on their own, as before.
        out.extend(parts.iter().map(|p| FieldConfig::new(p.1, FieldKind::Name)));
    } else {
        // One name per script when the parts come in several (`first_name_ar`,
        // `first_name_en` …).
        let mut scripts: Vec<u8> = Vec::new();
        for p in &parts {
            if !scripts.contains(&script_tag(p.1)) {
                scripts.push(script_tag(p.1));
            }
        }
        for tag in scripts {
            let mine: Vec<&str> = parts
                .iter()
                .filter(|p| script_tag(p.1) == tag)
                .map(|p| p.1)
                .collect();
            if let Some((first, rest)) = mine.split_first() {
                out.push(FieldConfig {
                    parts: rest.iter().map(|c| c.to_string()).collect(),
                    ..FieldConfig::new(*first, FieldKind::Name)
                });
            }
        }
    }
    out.extend(
        names
            .iter()
            .filter(|c| name_column(c) == NameColumn::Other)
            .map(|c| FieldConfig::new(*c, FieldKind::Name)),
    );
    out
}
