//! The schema / config: which column is which kind of field, how fields are compared, how
//! candidates are generated and how pairs become clusters. Read from TOML or JSON, or
//! inferred from column names.
//!
//! ```toml
//! id_column = "unique_id"
//! threshold = 0.9
//!
//! [[fields]]
//! column = "full_name"
//! kind = "name"
//!
//! [[fields]]
//! column = "dob"
//! kind = "date"
//!
//! [[blocking]]                      # optional: default rules are derived from the fields
//! name = "given+family"
//! on = ["full_name:given", "full_name:family"]
//! ```

use serde::{Deserialize, Serialize};

use crate::score::{EmOptions, SimilarityLevels};
use crate::{ClusterOptions, Error, Result};

/// The kind of a field: decides how it is prepared and compared.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FieldKind {
    /// A person's full name, in any script.
    Name,
    /// A date (of birth): Gregorian or Hijri text, partial dates.
    Date,
    /// An identifier (civil ID, passport, residency or review-card number).
    Id,
    /// A categorical value (gender, nationality, or any code).
    Categorical,
    /// A phone number.
    Phone,
    /// Free text compared by string similarity.
    Text,
}

/// How the values of a categorical field are normalised before comparison.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CategoricalValues {
    /// Case- and whitespace-folded text.
    #[default]
    Plain,
    /// Gender words and codes in Arabic or English → M / F.
    Gender,
    /// Nationality / country words and codes in Arabic or English → ISO alpha-3.
    Nationality,
}

/// One compared field.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldConfig {
    /// Column name in the input.
    pub column: String,
    /// Field kind.
    pub kind: FieldKind,
    /// For `categorical`: how values are normalised (default `plain`).
    #[serde(default, skip_serializing_if = "is_default")]
    pub values: CategoricalValues,
    /// For `name` and `text`: similarity thresholds of the comparison levels.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub levels: Option<SimilarityLevels>,
    /// Term-frequency adjustment of agreeing values (default: on for names, off otherwise).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tf_adjustment: Option<bool>,
    /// For `name`: columns holding further parts of the name, in order after `column`
    /// (`first_name` + `father_name` + `family_name`); the non-blank parts are joined with
    /// a space into one full name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<String>,
    /// For `name`: columns holding the same person's name written another way (`name_en`
    /// next to `name_ar`, an alias). Two records compare on their best pair of spellings;
    /// blocking keys come from every spelling.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<String>,
}

/// Separates the spellings of a name field with [`FieldConfig::also`] columns in the
/// composed value (a control character that never survives name normalisation).
pub const ALTERNATIVE_SEPARATOR: char = '\u{1F}';

fn is_default<T: Default + PartialEq>(t: &T) -> bool {
    *t == T::default()
}

impl FieldConfig {
    /// A field of `kind` on `column` with default options.
    pub fn new(column: impl Into<String>, kind: FieldKind) -> Self {
        FieldConfig {
            column: column.into(),
            kind,
            values: CategoricalValues::Plain,
            levels: None,
            tf_adjustment: None,
            parts: Vec::new(),
            also: Vec::new(),
        }
    }

    /// Whether the field reads more than its `column` (`parts` or `also`).
    pub fn is_composed(&self) -> bool {
        !(self.parts.is_empty() && self.also.is_empty())
    }

    /// Every input column the field reads: `column`, then `parts`, then `also`.
    pub fn columns(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.column.as_str())
            .chain(self.parts.iter().map(String::as_str))
            .chain(self.also.iter().map(String::as_str))
    }

    /// The field's value in one row, `cell` giving a column's cell: `column` itself, or
    /// with `parts` the non-blank parts joined with a space, and with `also` the non-blank
    /// spellings joined with [`ALTERNATIVE_SEPARATOR`]. `None` when every cell is missing.
    ///
    /// ```
    /// use hawiya::{FieldConfig, FieldKind};
    /// let mut f = FieldConfig::new("first", FieldKind::Name);
    /// f.parts = vec!["family".into()];
    /// let row = |c: &str| match c { "first" => Some("Saleh"), "family" => Some("Al-Fadhala"), _ => None };
    /// assert_eq!(f.value(row).as_deref(), Some("Saleh Al-Fadhala"));
    /// ```
    pub fn value<'a>(
        &self,
        cell: impl Fn(&str) -> Option<&'a str>,
    ) -> Option<std::borrow::Cow<'a, str>> {
        use std::borrow::Cow;
        if !self.is_composed() {
            return cell(&self.column).map(Cow::Borrowed);
        }
        let mut any = false;
        let mut join = |cols: &mut dyn Iterator<Item = &str>, sep: &str, out: &mut String| {
            let start = out.len();
            for c in cols {
                if let Some(v) = cell(c) {
                    any = true;
                    let v = v.trim();
                    if !v.is_empty() {
                        if out.len() > start {
                            out.push_str(sep);
                        }
                        out.push_str(v);
                    }
                }
            }
        };
        let mut out = String::new();
        let mut first =
            std::iter::once(self.column.as_str()).chain(self.parts.iter().map(String::as_str));
        join(&mut first, " ", &mut out);
        let sep = ALTERNATIVE_SEPARATOR.to_string();
        for alt in &self.also {
            let mut spelling = String::new();
            join(&mut std::iter::once(alt.as_str()), " ", &mut spelling);
            if !spelling.is_empty() {
                if !out.is_empty() {
                    out.push_str(&sep);
                }
                out.push_str(&spelling);
            }
        }
        any.then_some(Cow::Owned(out))
    }

    /// Whether term-frequency adjustment applies.
    pub fn tf_enabled(&self) -> bool {
        self.tf_adjustment.unwrap_or(self.kind == FieldKind::Name)
    }
}

/// One blocking rule: records whose keys agree on every part of `on` become candidates
/// (parts combine with AND, rules combine with OR). `sorted` instead makes a
/// sorted-neighbourhood rule over the name key of that column.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BlockingRuleConfig {
    /// Rule name (shown in reports).
    pub name: String,
    /// Key parts, each `column:key` (see [`KeyPart`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub on: Vec<String>,
    /// A name column for a sorted-neighbourhood rule (instead of `on`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sorted: Option<String>,
    /// Oversized-block limit (default 100).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_block: Option<u32>,
    /// Window for oversized blocks and sorted neighbourhood (default 10). 0 for a key rule:
    /// oversized blocks pair their unknown records only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub window: Option<usize>,
    /// A `column:key` (e.g. `"dob:year"`): records without that key are *unknown* for this
    /// rule and are paired with every member of an oversized block of at most
    /// `max_unknown_block` records, not only with their window (a missing birth date rules
    /// nobody out).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unknown: Option<String>,
    /// Largest oversized block whose unknown records pair with every member (default 1000).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_unknown_block: Option<u32>,
}

impl BlockingRuleConfig {
    /// The rule's limits, with defaults for what is not set.
    pub fn options(&self) -> crate::block::RuleOptions {
        let d = crate::block::RuleOptions::default();
        crate::block::RuleOptions {
            max_block: self.max_block.unwrap_or(d.max_block),
            window: self.window.unwrap_or(d.window),
            max_unknown_block: self.max_unknown_block.unwrap_or(d.max_unknown_block),
        }
    }
}

/// The keys a field can give for blocking (`column:key` in a rule's `on`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum KeyPart {
    /// Name: loose cross-script key of the first given name.
    Given,
    /// Name: loose key of the family name (last token), with and without article.
    Family,
    /// Name: loose key of every token.
    Token,
    /// Name: every unordered pair of token keys.
    TokenPair,
    /// Name: MinHash LSH bands over the phonetic q-grams of the whole name.
    Lsh,
    /// Date: the year (both Hijri-converted and written years).
    Year,
    /// Date: the exact day.
    Day,
    /// Id, phone, categorical, text: the normalised value.
    Value,
    /// Phone: last seven digits.
    Last7,
}

impl KeyPart {
    fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "given" => KeyPart::Given,
            "family" => KeyPart::Family,
            "token" => KeyPart::Token,
            "token_pair" => KeyPart::TokenPair,
            "lsh" => KeyPart::Lsh,
            "year" => KeyPart::Year,
            "day" => KeyPart::Day,
            "value" => KeyPart::Value,
            "last7" => KeyPart::Last7,
            _ => return None,
        })
    }

    /// Whether a field of `kind` can give this key.
    pub fn fits(self, kind: FieldKind) -> bool {
        use KeyPart::*;
        match kind {
            FieldKind::Name => matches!(self, Given | Family | Token | TokenPair | Lsh),
            FieldKind::Date => matches!(self, Year | Day),
            FieldKind::Phone => matches!(self, Value | Last7),
            FieldKind::Id | FieldKind::Categorical | FieldKind::Text => self == Value,
        }
    }
}

/// A parsed `column:key` part: the index of the field and the key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ResolvedPart {
    /// Index into [`Config::fields`].
    pub field: usize,
    /// The key.
    pub key: KeyPart,
}

/// The whole configuration of a matching run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Column holding each record's unique id (default `unique_id`).
    #[serde(default = "default_id_column")]
    pub id_column: String,
    /// Compared fields, in comparison-vector order.
    pub fields: Vec<FieldConfig>,
    /// Blocking rules; empty = derived from the fields ([`Config::effective_blocking`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub blocking: Vec<BlockingRuleConfig>,
    /// Match-probability threshold for clustering (default 0.9).
    #[serde(default = "default_threshold")]
    pub threshold: f64,
    /// Chaining guard of the clustering (see [`ClusterOptions`]); `threshold` above wins.
    #[serde(default)]
    pub min_density: f64,
    /// EM options.
    #[serde(default)]
    pub em: EmOptions,
    /// Seed of random-pair sampling (default 1).
    #[serde(default = "default_seed")]
    pub seed: u64,
    /// Random pairs sampled to estimate u (default 1,000,000; at most 100 per record).
    #[serde(default = "default_u_pairs")]
    pub u_sample_pairs: u64,
}

fn default_id_column() -> String {
    "unique_id".into()
}
fn default_threshold() -> f64 {
    0.9
}
fn default_seed() -> u64 {
    1
}
fn default_u_pairs() -> u64 {
    1_000_000
}

impl Config {
    /// A config with default options for these fields.
    pub fn new(fields: Vec<FieldConfig>) -> Self {
        Config {
            id_column: default_id_column(),
            fields,
            blocking: Vec::new(),
            threshold: default_threshold(),
            min_density: 0.0,
            em: EmOptions::default(),
            seed: default_seed(),
            u_sample_pairs: default_u_pairs(),
        }
    }

    /// Parse and validate a TOML config.
    ///
    /// ```
    /// # fn main() -> hawiya::Result<()> {
    /// let cfg = hawiya::Config::from_toml(r#"
    ///     [[fields]]
    ///     column = "full_name"
    ///     kind = "name"
    /// "#)?;
    /// assert_eq!(cfg.id_column, "unique_id");
    /// assert!(!cfg.effective_blocking().is_empty());
    /// assert!(hawiya::Config::from_toml("[[fields]]\ncolumn = 'x'\nkind = 'nam'").is_err());
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// A config error naming the key: unknown keys, wrong types, bad thresholds, unknown
    /// columns in blocking rules, duplicate columns.
    pub fn from_toml(text: &str) -> Result<Self> {
        let cfg: Config = toml::from_str(text).map_err(|e| {
            let msg = e.message().to_string();
            let at = e
                .span()
                .map(|s| {
                    let line = text[..s.start.min(text.len())].matches('\n').count() + 1;
                    format!("line {line}")
                })
                .unwrap_or_else(|| "toml".into());
            Error::config(at, msg.to_lowercase())
        })?;
        cfg.validate()?;
        Ok(cfg)
    }

    /// Parse and validate a JSON config (same keys as TOML).
    ///
    /// # Errors
    /// As [`Config::from_toml`].
    pub fn from_json(text: &str) -> Result<Self> {
        let cfg: Config = serde_json::from_str(text).map_err(|e| {
            Error::config(format!("line {}", e.line()), e.to_string().to_lowercase())
        })?;
        cfg.validate()?;
        Ok(cfg)
    }

    /// The config as TOML.
    pub fn to_toml(&self) -> String {
        toml::to_string_pretty(self).unwrap_or_default()
    }

    /// Check every value.
    ///
    /// # Errors
    /// A config error naming the key at fault.
    pub fn validate(&self) -> Result<()> {
        if self.fields.is_empty() {
            return Err(Error::config("fields", "at least one field is required"));
        }
        if self.id_column.trim().is_empty() {
            return Err(Error::config("id_column", "must not be empty"));
        }
        for (i, f) in self.fields.iter().enumerate() {
            if f.column.trim().is_empty() {
                return Err(Error::config(
                    format!("fields[{i}].column"),
                    "must not be empty",
                ));
            }
            for c in f.columns() {
                let again = self.fields[..i].iter().any(|o| o.columns().any(|x| x == c))
                    || f.columns().filter(|&x| x == c).count() > 1;
                if again || c.trim().is_empty() {
                    return Err(Error::config(
                        format!("fields[{i}].column"),
                        format!("column {c:?} is configured twice or blank"),
                    ));
                }
            }
            if f.kind != FieldKind::Name && f.is_composed() {
                return Err(Error::config(
                    format!("fields[{i}].parts"),
                    "parts and also apply to name fields only",
                ));
            }
            if f.columns().any(|c| c == self.id_column) {
                return Err(Error::config(
                    format!("fields[{i}].column"),
                    "the id column cannot be a compared field",
                ));
            }
            if let Some(l) = &f.levels {
                if !matches!(f.kind, FieldKind::Name | FieldKind::Text) {
                    return Err(Error::config(
                        format!("fields[{i}].levels"),
                        "levels apply to name and text fields only",
                    ));
                }
                l.validate()
                    .map_err(|e| Error::config(format!("fields[{i}].levels"), e.to_string()))?;
            }
            if f.values != CategoricalValues::Plain && f.kind != FieldKind::Categorical {
                return Err(Error::config(
                    format!("fields[{i}].values"),
                    "values apply to categorical fields only",
                ));
            }
        }
        if !(self.threshold > 0.0 && self.threshold < 1.0) {
            return Err(Error::config(
                "threshold",
                format!("{} is not in (0, 1)", self.threshold),
            ));
        }
        self.cluster_options().validate()?;
        for i in 0..self.blocking.len() {
            self.resolve_rule(i)?;
        }
        Ok(())
    }

    /// Clustering options from `threshold` and `min_density`.
    pub fn cluster_options(&self) -> ClusterOptions {
        ClusterOptions {
            threshold: self.threshold,
            min_density: self.min_density,
            ..ClusterOptions::default()
        }
    }

    /// The `unknown` key of blocking rule `i` (see [`BlockingRuleConfig::unknown`]).
    ///
    /// # Errors
    /// As [`Config::resolve_rule`].
    pub fn resolve_unknown(&self, i: usize) -> Result<Option<ResolvedPart>> {
        self.resolve_rule(i)?;
        self.blocking[i]
            .unknown
            .as_deref()
            .map(|u| self.resolve_part(i, u, "unknown"))
            .transpose()
    }

    /// Resolve `column:key` of blocking rule `i` (`what` names the config key in errors).
    fn resolve_part(&self, i: usize, p: &str, what: &str) -> Result<ResolvedPart> {
        let at = format!("blocking[{i}].{what}");
        let (col, key) = p
            .rsplit_once(':')
            .ok_or_else(|| Error::config(&at, format!("{p:?} is not `column:key`")))?;
        let field = self
            .fields
            .iter()
            .position(|f| f.column == col)
            .ok_or_else(|| {
                Error::config(&at, format!("column {col:?} is not a configured field"))
            })?;
        let key = KeyPart::parse(key)
            .ok_or_else(|| Error::config(&at, format!("unknown key {key:?} in {p:?}")))?;
        if !key.fits(self.fields[field].kind) {
            return Err(Error::config(
                &at,
                format!(
                    "key {p:?} does not fit a {:?} field",
                    self.fields[field].kind
                ),
            ));
        }
        Ok(ResolvedPart { field, key })
    }

    /// Resolve blocking rule `i` of `blocking` into field indices and keys.
    ///
    /// # Errors
    /// A config error for unknown columns, keys that do not fit the field kind, or a rule
    /// with neither or both of `on` and `sorted`.
    pub fn resolve_rule(&self, i: usize) -> Result<(Vec<ResolvedPart>, Option<usize>)> {
        let r = &self.blocking[i];
        let at = |what: &str| format!("blocking[{i}].{what}");
        if r.on.is_empty() == r.sorted.is_none() {
            return Err(Error::config(
                format!("blocking[{i}]"),
                "give either `on` or `sorted`",
            ));
        }
        if self.blocking[..i].iter().any(|o| o.name == r.name) {
            return Err(Error::config(
                at("name"),
                format!("rule name {:?} is used twice", r.name),
            ));
        }
        let field_of = |col: &str, what: &str| {
            self.fields
                .iter()
                .position(|f| f.column == col)
                .ok_or_else(|| {
                    Error::config(
                        at(what),
                        format!("column {col:?} is not a configured field"),
                    )
                })
        };
        let parts =
            r.on.iter()
                .map(|p| self.resolve_part(i, p, "on"))
                .collect::<Result<Vec<_>>>()?;
        if let Some(u) = &r.unknown {
            if r.sorted.is_some() {
                return Err(Error::config(
                    at("unknown"),
                    "a sorted-neighbourhood rule has no blocks to pair unknown records with",
                ));
            }
            self.resolve_part(i, u, "unknown")?;
        }
        let sorted = match &r.sorted {
            Some(col) => {
                let f = field_of(col, "sorted")?;
                if self.fields[f].kind != FieldKind::Name {
                    return Err(Error::config(
                        at("sorted"),
                        "sorted neighbourhood needs a name column",
                    ));
                }
                Some(f)
            }
            None => None,
        };
        if r.window == Some(0) && sorted.is_some() {
            return Err(Error::config(
                at("window"),
                "must be at least 1 for sorted neighbourhood",
            ));
        }
        Ok((parts, sorted))
    }

    /// The blocking rules in force: the configured ones, or rules derived from the field
    /// kinds: exact id; name given+family; family + birth year; given + birth day; any two
    /// name tokens; sorted neighbourhood on the name; phone (last 7 digits). Name LSH
    /// (`name:lsh`) is available for configs but not a default: on generated registries it
    /// added 4× the pairs for +0.1 % pairs completeness.
    pub fn effective_blocking(&self) -> Vec<BlockingRuleConfig> {
        if !self.blocking.is_empty() {
            return self.blocking.clone();
        }
        let col = |k: FieldKind| {
            self.fields
                .iter()
                .find(|f| f.kind == k)
                .map(|f| f.column.clone())
        };
        let rule = |name: &str, on: Vec<String>| BlockingRuleConfig {
            name: name.into(),
            on,
            sorted: None,
            max_block: None,
            window: None,
            unknown: None,
            max_unknown_block: None,
        };
        let limits = |r: BlockingRuleConfig, max_block: u32, window: usize| BlockingRuleConfig {
            max_block: Some(max_block),
            window: Some(window),
            ..r
        };
        let mut rules = Vec::new();
        if let Some(id) = col(FieldKind::Id) {
            rules.push(rule("id", vec![format!("{id}:value")]));
        }
        if let Some(n) = col(FieldKind::Name) {
            let (given, family, token, pair) = (
                format!("{n}:given"),
                format!("{n}:family"),
                format!("{n}:token"),
                format!("{n}:token_pair"),
            );
            match col(FieldKind::Date) {
                Some(d) => {
                    // Pairs sharing a birth date and any name token: small blocks, most
                    // matches without a shared id.
                    rules.push(rule("token+day", vec![token.clone(), format!("{d}:day")]));
                    // Year-only dates have no day: they pair with every record sharing a
                    // token and the year, in blocks of at most 150 (window 0: the other
                    // records of an oversized block are left to the rules around).
                    rules.push(BlockingRuleConfig {
                        unknown: Some(format!("{d}:day")),
                        max_unknown_block: Some(150),
                        ..limits(rule("token+year", vec![token, format!("{d}:year")]), 1, 0)
                    });
                    // Two name tokens and a birth year (other day, Hijri/Gregorian
                    // conversions a day apart, year-only dates).
                    rules.push(limits(
                        rule("token_pair+year", vec![pair.clone(), format!("{d}:year")]),
                        50,
                        5,
                    ));
                    // Name only, for records whose dates disagree or are missing. Records
                    // without a birth year pair with whole oversized blocks (given+family:
                    // up to 2500 records, the largest at 1M generated records): nothing
                    // else can tell them apart.
                    let unknown = Some(format!("{d}:year"));
                    rules.push(BlockingRuleConfig {
                        unknown: unknown.clone(),
                        max_unknown_block: Some(2500),
                        ..limits(rule("given+family", vec![given, family]), 50, 5)
                    });
                    rules.push(BlockingRuleConfig {
                        unknown,
                        max_unknown_block: Some(200),
                        ..limits(rule("token_pair", vec![pair]), 20, 1)
                    });
                }
                None => {
                    rules.push(rule("given+family", vec![given, family]));
                    // Any two tokens in common (order changes, dropped or added middle
                    // names); common pairs (محمد + عبدالله) make big blocks: keep those tight.
                    rules.push(limits(rule("token_pair", vec![pair]), 50, 5));
                }
            }
            rules.push(BlockingRuleConfig {
                sorted: Some(n),
                window: Some(3),
                ..rule("sorted_name", Vec::new())
            });
        }
        if let Some(p) = col(FieldKind::Phone) {
            rules.push(rule("phone", vec![format!("{p}:last7")]));
        }
        if rules.is_empty() {
            // No name, id or phone: block on every field's value.
            for f in &self.fields {
                let key = if f.kind == FieldKind::Date {
                    "day"
                } else {
                    "value"
                };
                rules.push(rule(&f.column, vec![format!("{}:{key}", f.column)]));
            }
        }
        rules
    }

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inference_skips_file_dates_and_file_numbers() {
        let cfg = Config::infer(&[
            "record_id",
            "registration_date",
            "case_id",
            "passport_no",
            "id_number",
            "place_of_birth",
            "civil_id",
            "date_of_birth",
            "email",
            "name",
        ])
        .unwrap();
        let kinds: Vec<(&str, FieldKind)> = cfg
            .fields
            .iter()
            .map(|f| (f.column.as_str(), f.kind))
            .collect();
        assert_eq!(cfg.id_column, "record_id");
        assert_eq!(
            kinds,
            [
                ("name", FieldKind::Name),
                ("civil_id", FieldKind::Id),
                ("date_of_birth", FieldKind::Date),
                ("passport_no", FieldKind::Id),
                ("id_number", FieldKind::Id),
                ("email", FieldKind::Categorical),
            ]
        );
        // The id blocking rule uses the civil ID.
        let rules = cfg.effective_blocking();
        assert_eq!(rules[0].on, ["civil_id:value"]);
    }

    #[test]
    fn name_columns_group_into_fields() {
        let names = |header: &[&str]| -> Vec<(String, Vec<String>, Vec<String>)> {
            Config::infer(header)
                .unwrap()
                .fields
                .into_iter()
                .filter(|f| f.kind == FieldKind::Name)
                .map(|f| (f.column, f.parts, f.also))
                .collect()
        };
        let v = |x: &[&str]| x.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        // One spelling per script: one field, best pair.
        assert_eq!(
            names(&["id", "name_ar", "dob", "name_en"]),
            [("name_ar".into(), v(&[]), v(&["name_en"]))]
        );
        // Parts in header order or not: given, father, family.
        assert_eq!(
            names(&[
                "id",
                "family_name",
                "first_name",
                "father_name",
                "mother_name"
            ]),
            [
                (
                    "first_name".into(),
                    v(&["father_name", "family_name"]),
                    v(&[])
                ),
                ("mother_name".into(), v(&[]), v(&[])),
            ]
        );
        // Parts in two scripts: one name per script.
        assert_eq!(
            names(&[
                "first_name_ar",
                "last_name_ar",
                "first_name_en",
                "last_name_en"
            ]),
            [
                ("first_name_ar".into(), v(&["last_name_ar"]), v(&[])),
                ("first_name_en".into(), v(&["last_name_en"]), v(&[])),
            ]
        );
        // A full name next to parts: the full name leads, the parts stay their own fields.
        assert_eq!(
            names(&["full_name", "first_name"]),
            [
                ("full_name".into(), v(&[]), v(&[])),
                ("first_name".into(), v(&[]), v(&[])),
            ]
        );
        // Arabic headers.
        assert_eq!(
            names(&["الاسم الأول", "اسم الأب", "اسم العائلة"]),
            [("الاسم الأول".into(), v(&["اسم الأب", "اسم العائلة"]), v(&[]))]
        );
    }

    #[test]
    fn composed_values_and_their_checks() {
        let mut f = FieldConfig::new("a", FieldKind::Name);
        f.parts = vec!["b".into()];
        f.also = vec!["c".into()];
        let row = |c: &str| match c {
            "a" => Some(" Saleh "),
            "b" => Some(""),
            "c" => Some("صالح"),
            _ => None,
        };
        assert_eq!(
            f.value(row).as_deref(),
            Some(format!("Saleh{ALTERNATIVE_SEPARATOR}صالح").as_str())
        );
        assert_eq!(f.value(|_| None), None);
        assert_eq!(f.value(|_| Some("")).as_deref(), Some(""));
        let twice = Config::new(vec![f.clone(), FieldConfig::new("c", FieldKind::Name)]);
        assert!(twice.validate().is_err());
        let mut date = FieldConfig::new("d", FieldKind::Date);
        date.also = vec!["e".into()];
        assert!(Config::new(vec![date]).validate().is_err());
        let toml = Config::new(vec![f]).to_toml();
        assert_eq!(Config::from_toml(&toml).unwrap().fields[0].also, ["c"]);
    }

    #[test]
    fn full_toml_round_trips() {
        let text = r#"
            id_column = "rid"
            threshold = 0.95
            min_density = 0.3
            seed = 7

            [[fields]]
            column = "full_name"
            kind = "name"
            levels = { thresholds = [0.97, 0.9] }

            [[fields]]
            column = "nat"
            kind = "categorical"
            values = "nationality"

            [[fields]]
            column = "dob"
            kind = "date"

            [[blocking]]
            name = "fam+year"
            on = ["full_name:family", "dob:year"]

            [[blocking]]
            name = "sn"
            sorted = "full_name"
            window = 5
        "#;
        let cfg = Config::from_toml(text).unwrap();
        assert_eq!(
            cfg.fields[0].levels.as_ref().unwrap().thresholds,
            vec![0.97, 0.9]
        );
        assert_eq!(cfg.resolve_rule(0).unwrap().0.len(), 2);
        assert_eq!(cfg.resolve_rule(1).unwrap().1, Some(0));
        let again = Config::from_toml(&cfg.to_toml()).unwrap();
        assert_eq!(again, cfg);
    }

    #[test]
    fn errors_name_the_key() {
        let cases = [
            (
                "[[fields]]\ncolumn='a'\nkind='name'\ncolour=1",
                "unknown field",
            ),
            (
                "threshold = 2\n[[fields]]\ncolumn='a'\nkind='name'",
                "threshold",
            ),
            (
                "[[fields]]\ncolumn='a'\nkind='name'\n[[fields]]\ncolumn='a'\nkind='date'",
                "fields[1].column",
            ),
            (
                "[[fields]]\ncolumn='a'\nkind='date'\nlevels={thresholds=[0.9]}",
                "fields[0].levels",
            ),
            (
                "[[fields]]\ncolumn='a'\nkind='name'\nlevels={thresholds=[0.8, 0.9]}",
                "descending",
            ),
            (
                "[[fields]]\ncolumn='a'\nkind='name'\n[[blocking]]\nname='r'\non=['b:given']",
                "blocking[0].on",
            ),
            (
                "[[fields]]\ncolumn='a'\nkind='name'\n[[blocking]]\nname='r'\non=['a:year']",
                "does not fit",
            ),
            (
                "[[fields]]\ncolumn='a'\nkind='name'\n[[blocking]]\nname='r'",
                "either",
            ),
            ("fields = []", "at least one field"),
        ];
        for (text, want) in cases {
            let e = Config::from_toml(text).unwrap_err().to_string();
            assert!(e.contains(want), "{text:?}: {e}");
        }
    }

    #[test]
    fn unknown_key_error_has_a_line() {
        let e =
            Config::from_toml("[[fields]]\ncolumn='a'\nkind='name'\n\nbogus = 3\n").unwrap_err();
        assert!(e.to_string().contains("line"), "{e}");
    }

    #[test]
    fn inference_covers_both_scripts() {
        let cfg =
            Config::infer(&["id", "الاسم", "تاريخ الميلاد", "الجنسية", "الهاتف", "cluster"]).unwrap();
        assert_eq!(cfg.id_column, "id");
        let kinds: Vec<_> = cfg.fields.iter().map(|f| f.kind).collect();
        assert_eq!(
            kinds,
            [
                FieldKind::Name,
                FieldKind::Date,
                FieldKind::Categorical,
                FieldKind::Phone
            ]
        );
        assert_eq!(cfg.fields[2].values, CategoricalValues::Nationality);
        assert!(Config::infer(&["foo", "bar"]).is_err());
    }

    #[test]
    fn default_blocking_resolves() {
        let cfg = Config::infer(&["unique_id", "full_name", "dob", "civil_id", "phone"]).unwrap();
        let mut with_rules = cfg.clone();
        with_rules.blocking = cfg.effective_blocking();
        with_rules.validate().unwrap();
        assert!(with_rules.blocking.iter().any(|r| r.sorted.is_some()));
    }

    #[test]
    fn json_config() {
        let cfg = Config::from_json(r#"{"fields":[{"column":"n","kind":"name"}]}"#).unwrap();
        assert_eq!(cfg.fields.len(), 1);
        assert!(Config::from_json(r#"{"fields":[{"column":"n","kind":"name","x":1}]}"#).is_err());
    }
}
