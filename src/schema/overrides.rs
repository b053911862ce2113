//! Partial configs: a config file or dict without `fields` keeps the fields inferred from
//! the header and overrides the other keys (`threshold = 0.95` alone is a valid config).

use serde_json::{Map, Value};

use super::{Config, FieldConfig, FieldKind};
use crate::{Error, Result};

/// A config as written: complete (it has `fields`), or partial: without `fields`, its keys
/// override those of the config inferred from a header ([`Config::infer`]).
///
/// ```
/// # fn main() -> hawiya::Result<()> {
/// use hawiya::WrittenConfig;
/// let partial = WrittenConfig::from_toml("threshold = 0.95")?;
/// let cfg = partial.resolve(&["unique_id", "full_name", "dob"])?;
/// assert_eq!(cfg.threshold, 0.95);
/// assert_eq!(cfg.fields.len(), 2); // inferred: full_name, dob
/// // Values are checked when the config is read, before any header is seen.
/// let e = WrittenConfig::from_toml("threshold = 2").unwrap_err().to_string();
/// assert!(e.contains("threshold") && e.contains("not in (0, 1)"), "{e}");
/// # Ok(()) }
/// ```
#[derive(Clone, Debug, PartialEq)]
pub enum WrittenConfig {
    /// A whole config, checked.
    Complete(Config),
    /// The keys of a config without `fields` (checked as far as they can be without the
    /// fields: values, types, unknown keys).
    Partial(Map<String, Value>),
}

impl WrittenConfig {
    /// Read a TOML config, complete or partial.
    ///
    /// # Errors
    /// A config error naming the key (and the line for TOML syntax errors).
    pub fn from_toml(text: &str) -> Result<Self> {
        let value: Value = toml::from_str(text).map_err(|e| {
            let at = e
                .span()
                .map(|s| {
                    let line = text[..s.start.min(text.len())].matches('\n').count() + 1;
                    format!("line {line}")
                })
                .unwrap_or_else(|| "toml".into());
            Error::config(at, e.message().to_lowercase())
        })?;
        if value.get("fields").is_some() {
            return Config::from_toml(text).map(WrittenConfig::Complete);
        }
        Self::partial(value)
    }

    /// Read a JSON config (an object), complete or partial.
    ///
    /// # Errors
    /// As [`WrittenConfig::from_toml`].
    pub fn from_json(text: &str) -> Result<Self> {
        let value: Value = serde_json::from_str(text).map_err(|e| {
            Error::config(format!("line {}", e.line()), e.to_string().to_lowercase())
        })?;
        if value.get("fields").is_some() {
            return Config::from_json(text).map(WrittenConfig::Complete);
        }
        Self::partial(value)
    }

    fn partial(value: Value) -> Result<Self> {
        let Value::Object(keys) = value else {
            return Err(Error::config("config", "must be a table of keys"));
        };
        // Check every key and value that does not depend on the fields, on a stand-in
        // config with one name field (blocking rules name columns: checked at resolve).
        let mut checked = keys.clone();
        checked.remove("blocking");
        Config::new(vec![FieldConfig::new("full_name", FieldKind::Name)])
            .with_overrides(&checked)?;
        Ok(WrittenConfig::Partial(keys))
    }

    /// Whether this config leaves the fields to inference.
    pub fn is_partial(&self) -> bool {
        matches!(self, WrittenConfig::Partial(_))
    }

    /// The config for a file with this header: the complete config as it is, or the
    /// config inferred from the header with the partial config's keys over it.
    ///
    /// # Errors
    /// As [`Config::infer`], and a config error for keys that do not fit the inferred
    /// fields (a blocking rule naming a column that is not a field).
    pub fn resolve<S: AsRef<str>>(&self, header: &[S]) -> Result<Config> {
        match self {
            WrittenConfig::Complete(c) => Ok(c.clone()),
            WrittenConfig::Partial(keys) => Config::infer(header)?.with_overrides(keys),
        }
    }
}

impl Config {
    /// This config with some keys replaced (a key's whole value: `blocking` replaces the
    /// rules, `em` the EM options), checked. [`Config::inferred`] is kept.
    ///
    /// # Errors
    /// A config error naming the key: unknown keys, wrong types, values out of range.
    pub fn with_overrides(&self, keys: &Map<String, Value>) -> Result<Config> {
        let mut merged =
            serde_json::to_value(self).map_err(|e| Error::config("config", e.to_string()))?;
        if let Value::Object(m) = &mut merged {
            for (k, v) in keys {
                m.insert(k.clone(), v.clone());
            }
        }
        let mut cfg: Config = serde_json::from_value(merged)
            .map_err(|e| Error::config("config", e.to_string().to_lowercase()))?;
        cfg.validate()?;
        cfg.inferred = self.inferred.clone();
        Ok(cfg)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: [&str; 4] = ["unique_id", "full_name", "dob", "civil_id"];

    #[test]
    fn a_partial_config_overrides_the_inferred_one() {
        let inferred = Config::infer(&HEADER).unwrap();
        let w = WrittenConfig::from_json(r#"{"threshold": 0.8, "seed": 7}"#).unwrap();
        assert!(w.is_partial());
        let cfg = w.resolve(&HEADER).unwrap();
        assert_eq!((cfg.threshold, cfg.seed), (0.8, 7));
        assert_eq!(cfg.fields, inferred.fields);
        assert_eq!(cfg.inferred, inferred.inferred);
        // Blocking rules are checked against the inferred fields.
        let w = WrittenConfig::from_toml(
            "[[blocking]]\nname = 'fam'\non = ['full_name:family', 'dob:year']",
        )
        .unwrap();
        assert_eq!(w.resolve(&HEADER).unwrap().blocking.len(), 1);
        let e = w.resolve(&["unique_id", "name"]).unwrap_err().to_string();
        assert!(e.contains("blocking[0]"), "{e}");
    }

    #[test]
    fn partial_values_are_checked_when_read() {
        for (text, want) in [
            (r#"{"threshold": 2}"#, "not in (0, 1)"),
            (r#"{"threshold": "high"}"#, "invalid type"),
            (r#"{"treshold": 0.9}"#, "unknown field"),
            (r#"{"min_density": -1}"#, "min_density"),
            ("[1, 2]", "table of keys"),
        ] {
            let e = WrittenConfig::from_json(text).unwrap_err().to_string();
            assert!(e.contains(want), "{text}: {e}");
        }
        let e = WrittenConfig::from_toml("threshold = 1.5")
            .unwrap_err()
            .to_string();
        assert!(e.contains("threshold"), "{e}");
    }

    #[test]
    fn a_complete_config_is_taken_as_is() {
        let text = "[[fields]]\ncolumn = 'n'\nkind = 'name'";
        let w = WrittenConfig::from_toml(text).unwrap();
        assert!(!w.is_partial());
        assert_eq!(
            w.resolve(&["whatever"]).unwrap(),
            Config::from_toml(text).unwrap()
        );
    }
}
