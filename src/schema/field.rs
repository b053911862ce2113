//! One compared field: its column(s), its kind and its comparison options.

use serde::{Deserialize, Serialize};

use crate::core::SimilarityLevels;

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
