//! Blocking rules as written in a config (`column:key` parts), checked against the fields,
//! and the default rules derived from the field kinds. Turning them into key rules is the
//! blocking stage's job (`crate::block::BlockingPlan`); this module only reads and checks.

use serde::{Deserialize, Serialize};

use super::{CategoricalValues, Config, FieldKind};
use crate::{Error, Result};

/// One blocking rule: records whose keys agree on every part of `on` become candidates
/// (parts combine with AND, rules combine with OR). `sorted` instead makes a
/// sorted-neighbourhood rule over the name key of that column.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
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
    pub(crate) fn parse(s: &str) -> Option<Self> {
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

impl Config {
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
    /// name tokens; sorted neighbourhood on the name; phone (last 7 digits); then, for every
    /// further identifier and every plain categorical or text field (places, postcodes,
    /// occupations, e-mail, addresses), the value, and a name token with the value (see
    /// [`Config::other_column_rules`]). Name LSH (`name:lsh`) is available for configs but
    /// not a default: on generated registries it added 4× the pairs for +0.1 % pairs
    /// completeness.
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
                    // without a birth year pair with whole oversized blocks of up to 500
                    // records (given+family), and with their window beyond that: a block
                    // of 2500 costs each such record 2500 comparisons. On 1M generated
                    // records 500 instead of 2500 gave 4.9M fewer candidate pairs and a
                    // higher F1 (0.9841 vs 0.9829: fewer chances of a false link); on
                    // historical_50k this rule changes nothing (F1 0.913 with or without).
                    let unknown = Some(format!("{d}:year"));
                    rules.push(BlockingRuleConfig {
                        unknown: unknown.clone(),
                        max_unknown_block: Some(500),
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
        } else {
            rules.extend(self.other_column_rules());
        }
        // Rule names are unique (a column may be called like a default rule).
        for i in 1..rules.len() {
            let mut k = 2;
            let base = rules[i].name.clone();
            while rules[..i].iter().any(|r| r.name == rules[i].name) {
                rules[i].name = format!("{base} ({k})");
                k += 1;
            }
        }
        rules
    }

    /// Default rules for the fields beyond the first name, date, identifier and phone:
    /// pairs whose names differ (a nickname, a dropped title, a typo in every shared token)
    /// and whose birth dates are missing are found through the other columns of the person.
    /// For every identifier after the first: its value. For every plain categorical or text
    /// field (a place, postcode, occupation, e-mail or address; not gender or nationality,
    /// which split nobody): a name token with the value, then the value alone. A value
    /// shared by more than 25 records (a city of birth, an occupation) makes an oversized
    /// block of the value-alone rule, whose records are paired with their 3 neighbours in
    /// name order only: the work stays linear.
    ///
    /// ```
    /// use hawiya::{Config, FieldConfig, FieldKind};
    /// let cfg = Config::new(vec![
    ///     FieldConfig::new("full_name", FieldKind::Name),
    ///     FieldConfig::new("birth_place", FieldKind::Categorical),
    /// ]);
    /// let names: Vec<String> = cfg.other_column_rules().into_iter().map(|r| r.name).collect();
    /// assert_eq!(names, ["token+birth_place", "birth_place"]);
    /// ```
    pub fn other_column_rules(&self) -> Vec<BlockingRuleConfig> {
        let name = self.fields.iter().find(|f| f.kind == FieldKind::Name);
        let first_id = self.fields.iter().position(|f| f.kind == FieldKind::Id);
        let mut rules = Vec::new();
        for (i, f) in self.fields.iter().enumerate() {
            let c = &f.column;
            let value = format!("{c}:value");
            let plain = match f.kind {
                FieldKind::Id => Some(i) != first_id,
                FieldKind::Categorical => f.values == CategoricalValues::Plain,
                FieldKind::Text => true,
                _ => false,
            };
            if !plain {
                continue;
            }
            if f.kind != FieldKind::Id {
                if let Some(n) = name {
                    rules.push(BlockingRuleConfig {
                        name: format!("token+{c}"),
                        on: vec![format!("{}:token", n.column), value.clone()],
                        ..BlockingRuleConfig::default()
                    });
                }
            }
            rules.push(BlockingRuleConfig {
                name: c.clone(),
                on: vec![value],
                max_block: Some(25),
                window: Some(3),
                ..BlockingRuleConfig::default()
            });
        }
        rules
    }
}
