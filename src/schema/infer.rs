//! A config inferred from column names.

use serde::{Deserialize, Serialize};

use super::{CategoricalValues, Config, FieldConfig, FieldKind, default_id_column};
use crate::{Error, Result};

impl Config {
    /// Infer a config from column names (case-insensitive, Arabic or English), recording
    /// how each column was read in [`Config::inferred`]:
    ///
    /// - names: `*name*`/`اسم`. The person's name becomes ONE field: several full-name
    ///   columns (`name_ar`, `name_en`) are spellings of one name ([`FieldConfig::also`]);
    ///   next to a full name, a column naming two parts (`first_and_surname`) is one more
    ///   spelling and single parts (`first_name`, `surname`) are left out (they repeat the
    ///   full name: counted again, one agreeing given name would weigh like a whole name);
    ///   parts without a full name (`first_name`, `father_name`, `family_name`) become one
    ///   field with [`FieldConfig::parts`]. Names of other people (`mother_name`) stay
    ///   fields of their own.
    /// - `dob`/`birth`/`تاريخ` → date; `*id*`/`civil`/`passport`/`رقم` → id;
    ///   `gender`/`sex`/`الجنس` → categorical (gender); `nationality`/`country`/`الجنسية`
    ///   → categorical (nationality); `phone`/`mobile`/`هاتف` → phone.
    /// - other columns of the person, compared as exact values with term frequencies
    ///   (categorical): places (`birth_place`, `city`, `suburb`, `state`, `مدينة`),
    ///   postcodes (`postcode`, `zip`), occupations (`occupation`, `job`, `مهنة`), e-mail,
    ///   house numbers (`street_number`); addresses (`address_1`, `street`, `عنوان`) are
    ///   free text compared by similarity.
    ///
    /// Dates of a file rather than of birth (`registration_date`, `expiry_date`), numbers
    /// of a file (`case_id`, `file_no`), truth and provenance columns (`cluster`, `source`)
    /// are not compared; a date of birth and a civil or national ID come before other dates
    /// and identifiers, so the default blocking rules use them. The id column is
    /// `unique_id` (or `id`, `record_id`) when present. Columns that match nothing are not
    /// compared.
    ///
    /// ```
    /// # fn main() -> hawiya::Result<()> {
    /// let cfg = hawiya::Config::infer(&["unique_id", "source", "full_name", "dob", "civil_id", "gender"])?;
    /// let kinds: Vec<_> = cfg.fields.iter().map(|f| (f.column.as_str(), f.kind)).collect();
    /// use hawiya::FieldKind::*;
    /// assert_eq!(kinds, [("full_name", Name), ("dob", Date), ("civil_id", Id), ("gender", Categorical)]);
    /// assert_eq!(cfg.inferred[1].to_string(), "source: left out (truth or provenance of the record, not a property of the person)");
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// A config error when no column can be compared, or when no column names or
    /// identifies a person (no name, identifier, phone or e-mail: a date of birth or a
    /// gender alone would cluster strangers); the message lists what was looked for and
    /// how each column was read.
    ///
    /// ```
    /// let e = hawiya::Config::infer(&["unique_id", "source", "dob"]).unwrap_err().to_string();
    /// assert!(e.contains("looked for a name") && e.contains("dob → date"), "{e}");
    /// ```
    pub fn infer<S: AsRef<str>>(header: &[S]) -> Result<Self> {
        let cols: Vec<&str> = header.iter().map(|s| s.as_ref().trim()).collect();
        let id_column = ["unique_id", "id", "record_id"]
            .iter()
            .find_map(|c| cols.iter().find(|h| h.eq_ignore_ascii_case(c)))
            .map_or_else(default_id_column, |s| s.to_string());
        let mut fields = Vec::new();
        let mut names = Vec::new();
        let mut notes: Vec<InferredColumn> = Vec::new();
        // Whether some column can tell two people apart: a name, an identifier, a phone or
        // an e-mail address (a date, gender, nationality or place alone cannot).
        let mut identifying = false;
        for &c in &cols {
            if c == id_column {
                notes.push(InferredColumn::new(c, None, "the record id"));
                continue;
            }
            match classify(c) {
                Class::Name => names.push(c),
                Class::Field(f, why) => {
                    identifying |= matches!(f.kind, FieldKind::Id | FieldKind::Phone)
                        || why.starts_with("an e-mail");
                    notes.push(InferredColumn::new(c, Some(f.kind), why));
                    fields.push(f);
                }
                Class::Skip(why) => notes.push(InferredColumn::new(c, None, why)),
            }
        }
        // Blocking defaults use the first field of each kind: a date of birth before other
        // dates, a civil or national ID before other identifiers.
        fields.sort_by_key(|f: &FieldConfig| {
            let l = f.column.to_lowercase();
            let marked = |words: &[&str]| words.iter().any(|w| l.contains(w));
            !matches!(f.kind, FieldKind::Date | FieldKind::Id)
                || !marked(&[
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
        let (mut name_fields, name_notes) = name_fields(&names);
        notes.extend(name_notes);
        // Notes in header order.
        notes.sort_by_key(|n| cols.iter().position(|c| *c == n.column));
        name_fields.append(&mut fields);
        let fields = name_fields;
        if fields.is_empty() {
            return Err(Error::config(
                "columns",
                "no column name looks like a name, date, id, gender, nationality, phone, place, postcode, occupation, e-mail or address; give a --config",
            ));
        }
        if !identifying && names.is_empty() {
            let found: Vec<String> = notes.iter().map(ToString::to_string).collect();
            return Err(Error::config(
                "columns",
                format!(
                    "no column names or identifies a person, so rows would be matched on {} \
                     alone; looked for a name (`name`, `full_name`, `first_name`, `surname`, \
                     `اسم` …), an identifier (`civil_id`, `national_id`, `passport`, `*_id`, \
                     `رقم` …), a phone (`phone`, `mobile`, `هاتف`) or an e-mail; found: {}. \
                     Rename a column or give a config",
                    if fields.len() == 1 {
                        "one column"
                    } else {
                        "these columns"
                    },
                    found.join("; ")
                ),
            ));
        }
        let cfg = Config {
            id_column,
            inferred: notes,
            ..Config::new(fields)
        };
        cfg.validate()?;
        Ok(cfg)
    }
}

/// How [`Config::infer`] read one column of a header: the kind of field it became (`None`
/// when it is not compared) and why.
///
/// ```
/// # fn main() -> hawiya::Result<()> {
/// let cfg = hawiya::Config::infer(&["unique_id", "full_name", "first_name", "birth_place"])?;
/// let lines: Vec<String> = cfg.inferred.iter().map(|c| c.to_string()).collect();
/// assert_eq!(lines[2], "first_name: left out (a part of the name in full_name: counted once)");
/// assert!(lines[3].starts_with("birth_place → categorical"));
/// # Ok(()) }
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InferredColumn {
    /// The column.
    pub column: String,
    /// The kind of the field it became or joined; `None` when it is not compared.
    pub kind: Option<FieldKind>,
    /// Why.
    pub reason: String,
}

impl InferredColumn {
    fn new(column: &str, kind: Option<FieldKind>, reason: impl Into<String>) -> Self {
        InferredColumn {
            column: column.to_string(),
            kind,
            reason: reason.into(),
        }
    }
}

impl std::fmt::Display for InferredColumn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.kind {
            Some(k) => {
                let kind = serde_json::to_value(k)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default();
                write!(f, "{} → {kind} ({})", self.column, self.reason)
            }
            None => write!(f, "{}: left out ({})", self.column, self.reason),
        }
    }
}

/// What one header says its column holds.
enum Class {
    /// A name column (grouped later).
    Name,
    /// A compared field, and why.
    Field(FieldConfig, &'static str),
    /// Not compared, and why.
    Skip(&'static str),
}

/// The lower-cased words of a header (split at anything but letters and digits).
fn words(l: &str) -> Vec<&str> {
    l.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect()
}

/// Read one column's header (not the id column).
fn classify(c: &str) -> Class {
    let l = c.to_lowercase();
    let ws = words(&l);
    // Substrings for long or Arabic words, whole words for short English ones
    // ("city" is in "ethnicity", "zip" in nothing else, "job" in "jobs").
    let has = |w: &[&str]| w.iter().any(|w| l.contains(w));
    let word = |w: &[&str]| w.iter().any(|w| ws.contains(w));
    // Dates other than the date of birth and numbers of a file rather than of a person
    // (`registration_date`, `case_id`) say nothing about identity.
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
    let categorical = |why| Class::Field(FieldConfig::new(c, FieldKind::Categorical), why);
    if has(&["cluster", "truth", "source", "dataset"]) {
        Class::Skip("truth or provenance of the record, not a property of the person")
    } else if has(&["nationality", "citizenship", "الجنسية", "جنسية", "الدولة"])
        || word(&["country"])
    {
        // Nationality before gender: "الجنسية" (nationality) contains "الجنس" (sex).
        Class::Field(
            FieldConfig {
                values: CategoricalValues::Nationality,
                ..FieldConfig::new(c, FieldKind::Categorical)
            },
            "nationality or country: codes and names in Arabic or English read as one value",
        )
    } else if has(&["postcode", "postal", "zipcode", "البريدي"]) || word(&["zip", "post"]) {
        categorical("a postcode: exact value, rare values weigh more")
    } else if has(&[
        "place",
        "suburb",
        "village",
        "county",
        "province",
        "governorate",
        "مكان",
        "محل",
        "مدينة",
        "المدينة",
        "محافظة",
        "المحافظة",
        "منطقة",
        "المنطقة",
        "بلدة",
    ]) || word(&[
        "city",
        "town",
        "district",
        "region",
        "state",
        "area",
        "birthplace",
    ]) {
        categorical("a place: exact value, rare values weigh more")
    } else if has(&["gender", "sex", "الجنس", "النوع"]) {
        Class::Field(
            FieldConfig {
                values: CategoricalValues::Gender,
                ..FieldConfig::new(c, FieldKind::Categorical)
            },
            "gender: words and codes in Arabic or English read as M / F",
        )
    } else if has(&["dob", "birth", "date", "تاريخ", "الميلاد"]) {
        if not_birth_date {
            Class::Skip("a date of the file, not of birth")
        } else {
            Class::Field(
                FieldConfig::new(c, FieldKind::Date),
                "a date of birth: Gregorian or Hijri, partial dates",
            )
        }
    } else if has(&["phone", "mobile", "هاتف", "جوال", "الهاتف"]) || word(&["tel"]) {
        Class::Field(
            FieldConfig::new(c, FieldKind::Phone),
            "a phone number: digits, last seven digits",
        )
    } else if has(&["email", "e-mail", "البريد"]) || word(&["mail"]) {
        categorical("an e-mail address: exact value")
    } else if has(&["name", "اسم", "الاسم"]) {
        Class::Name
    } else if has(&["street", "address", "avenue", "عنوان", "العنوان", "شارع"])
        || word(&["addr", "road"])
    {
        if word(&["number", "no", "num", "nr", "house"]) || has(&["رقم"]) {
            categorical("a house or street number: exact value")
        } else {
            Class::Field(
                FieldConfig::new(c, FieldKind::Text),
                "an address: free text compared by similarity",
            )
        }
    } else if has(&[
        "occupation",
        "profession",
        "employment",
        "مهنة",
        "المهنة",
        "الوظيفة",
        "وظيفة",
    ]) || word(&["job"])
    {
        categorical("an occupation: exact value, rare values weigh more")
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
        Class::Field(
            FieldConfig::new(c, FieldKind::Id),
            "an identifier of the person: exact, transposed or one digit off",
        )
    } else if not_person_id {
        Class::Skip("a number of the file, not of the person")
    } else {
        Class::Skip("no known kind from its name")
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

/// Whether a part column names two parts or more (`first_and_surname`, `given_family`):
/// a short spelling of the whole name rather than one part of it.
fn names_several_parts(header: &str) -> bool {
    let l = header.to_lowercase();
    let groups: [&[&str]; 4] = [
        &["first", "given", "fname", "forename", "الأول", "الاول"],
        &["father", "second", "middle", "الأب", "الاب", "الثاني"],
        &["grand", "third", "الجد", "الثالث"],
        &[
            "last",
            "family",
            "surname",
            "lname",
            "tribe",
            "العائلة",
            "العائله",
            "القبيلة",
            "اللقب",
        ],
    ];
    groups
        .iter()
        .filter(|g| g.iter().any(|w| l.contains(w)))
        .count()
        >= 2
}

/// The name fields of the name-like columns `names` (header order), the person's name
/// first, with how each column was read. See [`Config::infer`].
fn name_fields(names: &[&str]) -> (Vec<FieldConfig>, Vec<InferredColumn>) {
    let mut out = Vec::new();
    let mut notes = Vec::new();
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
        // The full name is the name; other full names and columns naming several parts
        // are more spellings of it; single parts repeat it and are left out.
        let (several, single): (Vec<&str>, Vec<&str>) = parts
            .iter()
            .map(|p| p.1)
            .partition(|c| names_several_parts(c));
        notes.push(InferredColumn::new(
            first,
            Some(FieldKind::Name),
            "the person's full name",
        ));
        for c in rest {
            notes.push(InferredColumn::new(
                c,
                Some(FieldKind::Name),
                format!("another spelling of {first}"),
            ));
        }
        for c in &several {
            notes.push(InferredColumn::new(
                c,
                Some(FieldKind::Name),
                format!("a short spelling of {first} (several parts)"),
            ));
        }
        for c in &single {
            notes.push(InferredColumn::new(
                c,
                None,
                format!("a part of the name in {first}: counted once"),
            ));
        }
        out.push(FieldConfig {
            also: rest.iter().chain(&several).map(|c| c.to_string()).collect(),
            ..FieldConfig::new(*first, FieldKind::Name)
        });
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
                notes.push(InferredColumn::new(
                    first,
                    Some(FieldKind::Name),
                    "the first part of the person's name",
                ));
                for c in rest {
                    notes.push(InferredColumn::new(
                        c,
                        Some(FieldKind::Name),
                        format!("a further part of the name of {first}"),
                    ));
                }
                out.push(FieldConfig {
                    parts: rest.iter().map(|c| c.to_string()).collect(),
                    ..FieldConfig::new(*first, FieldKind::Name)
                });
            }
        }
    }
    for c in names.iter().filter(|c| name_column(c) == NameColumn::Other) {
        notes.push(InferredColumn::new(
            c,
            Some(FieldKind::Name),
            "the name of another person (mother, spouse, sponsor): a field of its own",
        ));
        out.push(FieldConfig::new(*c, FieldKind::Name));
    }
    (out, notes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use FieldKind::*;

    #[test]
    fn a_header_without_a_name_or_identifier_is_refused() {
        for header in [
            &["unique_id", "source", "dob"][..],
            &["unique_id", "dob", "gender", "nationality", "city"],
        ] {
            let e = Config::infer(header).unwrap_err().to_string();
            assert!(e.contains("no column names or identifies a person"), "{e}");
            assert!(e.contains("civil_id") && e.contains("full_name"), "{e}");
            assert!(e.contains("unique_id: left out (the record id)"), "{e}");
        }
        // Any one identifying column is enough.
        for header in [
            &["unique_id", "dob", "civil_id"][..],
            &["unique_id", "dob", "mobile"],
            &["unique_id", "dob", "email"],
            &["unique_id", "dob", "surname"],
        ] {
            assert!(Config::infer(header).is_ok(), "{header:?}");
        }
    }

    fn fields(cfg: &Config) -> Vec<(&str, FieldKind, Vec<&str>, Vec<&str>)> {
        cfg.fields
            .iter()
            .map(|f| {
                (
                    f.column.as_str(),
                    f.kind,
                    f.parts.iter().map(String::as_str).collect(),
                    f.also.iter().map(String::as_str).collect(),
                )
            })
            .collect()
    }

    #[test]
    fn historical_figures_header_gives_one_name_and_every_person_column() {
        // Splink's historical_figures_with_errors_50k.
        let cfg = Config::infer(&[
            "unique_id",
            "cluster",
            "full_name",
            "first_and_surname",
            "first_name",
            "surname",
            "dob",
            "birth_place",
            "postcode_fake",
            "gender",
            "occupation",
        ])
        .unwrap();
        assert_eq!(
            fields(&cfg),
            [
                ("full_name", Name, vec![], vec!["first_and_surname"]),
                ("dob", Date, vec![], vec![]),
                ("birth_place", Categorical, vec![], vec![]),
                ("postcode_fake", Categorical, vec![], vec![]),
                ("gender", Categorical, vec![], vec![]),
                ("occupation", Categorical, vec![], vec![]),
            ]
        );
        assert_eq!(cfg.fields[4].values, CategoricalValues::Gender);
        assert_eq!(cfg.fields[2].values, CategoricalValues::Plain);
        // Every column of the header is accounted for, in header order.
        let lines: Vec<String> = cfg.inferred.iter().map(ToString::to_string).collect();
        assert_eq!(lines.len(), 11, "{lines:#?}");
        assert_eq!(lines[0], "unique_id: left out (the record id)");
        assert!(
            lines[1].starts_with("cluster: left out (truth"),
            "{}",
            lines[1]
        );
        assert_eq!(
            lines[3],
            "first_and_surname → name (a short spelling of full_name (several parts))"
        );
        assert_eq!(
            lines[4],
            "first_name: left out (a part of the name in full_name: counted once)"
        );
        assert!(lines[5].starts_with("surname: left out (a part"));
        assert!(lines[8].starts_with("postcode_fake → categorical (a postcode"));
        assert!(lines[10].starts_with("occupation → categorical (an occupation"));
        // Blocking: the person's other columns find pairs whose names differ.
        let rules: Vec<String> = cfg
            .effective_blocking()
            .into_iter()
            .map(|r| r.name)
            .collect();
        for r in [
            "token+birth_place",
            "birth_place",
            "token+postcode_fake",
            "postcode_fake",
            "token+occupation",
        ] {
            assert!(rules.iter().any(|x| x == r), "{r} in {rules:?}");
        }
        assert!(!rules.iter().any(|x| x.contains("gender")), "{rules:?}");
    }

    #[test]
    fn febrl_and_tutorial_headers() {
        // As the bench writes Febrl 3/4.
        let febrl = Config::infer(&[
            "unique_id",
            "given_name",
            "surname",
            "street_number",
            "address_1",
            "address_2",
            "suburb",
            "postcode",
            "state",
            "date_of_birth",
            "soc_sec_id",
        ])
        .unwrap();
        assert_eq!(
            fields(&febrl),
            [
                ("given_name", Name, vec!["surname"], vec![]),
                ("date_of_birth", Date, vec![], vec![]),
                ("street_number", Categorical, vec![], vec![]),
                ("address_1", Text, vec![], vec![]),
                ("address_2", Text, vec![], vec![]),
                ("suburb", Categorical, vec![], vec![]),
                ("postcode", Categorical, vec![], vec![]),
                ("state", Categorical, vec![], vec![]),
                ("soc_sec_id", Id, vec![], vec![]),
            ]
        );
        let fake =
            Config::infer(&["unique_id", "first_name", "surname", "dob", "city", "email"]).unwrap();
        assert_eq!(
            fields(&fake),
            [
                ("first_name", Name, vec!["surname"], vec![]),
                ("dob", Date, vec![], vec![]),
                ("city", Categorical, vec![], vec![]),
                ("email", Categorical, vec![], vec![]),
            ]
        );
    }

    #[test]
    fn words_keep_look_alike_headers_apart() {
        let kinds = |h: &[&str]| -> Vec<(String, Option<FieldKind>)> {
            Config::infer(h)
                .unwrap()
                .inferred
                .into_iter()
                .map(|c| (c.column, c.kind))
                .collect()
        };
        let v = |x: &[(&str, Option<FieldKind>)]| {
            x.iter()
                .map(|(c, k)| (c.to_string(), *k))
                .collect::<Vec<_>>()
        };
        // "city" inside "ethnicity", "country" inside "citizenship", "state" inside
        // "real_estate_value": words, not substrings.
        assert_eq!(
            kinds(&[
                "name",
                "ethnicity",
                "citizenship",
                "real_estate_value",
                "home_city"
            ]),
            v(&[
                ("name", Some(Name)),
                ("ethnicity", None),
                ("citizenship", Some(Categorical)),
                ("real_estate_value", None),
                ("home_city", Some(Categorical)),
            ])
        );
        // Arabic headers of places and occupations.
        assert_eq!(
            kinds(&["الاسم", "مكان الميلاد", "المهنة", "العنوان"]),
            v(&[
                ("الاسم", Some(Name)),
                ("مكان الميلاد", Some(Categorical)),
                ("المهنة", Some(Categorical)),
                ("العنوان", Some(Text)),
            ])
        );
    }
}
