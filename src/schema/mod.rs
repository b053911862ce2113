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
//!
//! Owns: the config and its checks (fields, blocking rules as written, options of training
//! and clustering), the default rules derived from field kinds, inference from headers.
//! Must not know: how the stages carry the config out (`block` resolves the rules into a
//! plan once; `score` and `cluster` read their options).

mod blocking;
mod field;
mod infer;
mod options;
mod overrides;

pub use blocking::{BlockingRuleConfig, KeyPart, ResolvedPart};
pub use field::{ALTERNATIVE_SEPARATOR, CategoricalValues, FieldConfig, FieldKind};
pub use infer::InferredColumn;
pub use options::{ClusterOptions, EmOptions};
pub use overrides::WrittenConfig;

use serde::{Deserialize, Serialize};

use crate::{Error, Result};

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
    /// Chaining guard of the clustering (see [`ClusterOptions::min_density`], default
    /// 0.3); `threshold` above wins.
    #[serde(default = "default_min_density")]
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
    /// Bin every scored pair in the run report's probability histogram (default `false`).
    /// By default a pair whose other fields leave it below the pairs threshold even with
    /// the best name agreement is decided without comparing its names, and the bins below
    /// that threshold hold only the pairs compared in full
    /// ([`RunReport::histogram_exact_from`](crate::RunReport::histogram_exact_from));
    /// `true` compares the names of every pair that could reach the histogram's second bin,
    /// so that every bin is exact, at the cost of comparing many more names.
    #[serde(default)]
    pub full_histogram: bool,
    /// How each column of the header was read when this config was inferred
    /// ([`Config::infer`]); empty for a config that was written. Not part of the TOML or
    /// JSON form.
    #[serde(skip)]
    pub inferred: Vec<InferredColumn>,
}

fn default_min_density() -> f64 {
    ClusterOptions::default().min_density
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
            min_density: default_min_density(),
            em: EmOptions::default(),
            seed: default_seed(),
            u_sample_pairs: default_u_pairs(),
            full_histogram: false,
            inferred: Vec::new(),
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
        for (key, v) in [
            ("em.prior_matches", self.em.prior_matches),
            ("em.prior_non_matches", self.em.prior_non_matches),
        ] {
            if !(v.is_finite() && v >= 0.0) {
                return Err(Error::config(key, format!("must be a number ≥ 0, not {v}")));
            }
        }
        if self.em.sample_pairs == 0 {
            return Err(Error::config("em.sample_pairs", "must be at least 1"));
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
                ("place_of_birth", FieldKind::Categorical),
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
        // A full name next to parts: the full name is the name, counted once.
        assert_eq!(
            names(&["full_name", "first_name"]),
            [("full_name".into(), v(&[]), v(&[]))]
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
            (
                "[em]\nsample_pairs = 0\n[[fields]]\ncolumn='a'\nkind='name'",
                "em.sample_pairs",
            ),
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
