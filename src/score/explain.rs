//! Per-pair explanations: which field gave which level and how much weight.

use std::fmt;

use serde::{Deserialize, Serialize};

/// One field's part in a pair's match weight.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Contribution {
    /// Field / comparison name.
    pub field: String,
    /// Level index, `None` for null.
    pub level: Option<u8>,
    /// Level name (`"null"` for null).
    pub level_name: String,
    /// m of the level (`None` for null).
    pub m: Option<f64>,
    /// u of the level (`None` for null).
    pub u: Option<f64>,
    /// `log2(m / u)`, 0 for null.
    pub weight: f64,
    /// Term-frequency adjustment added to the weight, 0 when none.
    pub tf_adjustment: f64,
}

/// Why a pair got its score: the prior, each field's contribution, and the total.
///
/// Invariant: `prior_weight + Σ (weight + tf_adjustment) == match_weight`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Explanation {
    /// `log2(λ / (1 − λ))`.
    pub prior_weight: f64,
    /// One entry per compared field, in comparison order.
    pub contributions: Vec<Contribution>,
    /// The total match weight (log2 Bayes factor incl. prior).
    pub match_weight: f64,
    /// `2^w / (1 + 2^w)`.
    pub match_probability: f64,
}

impl Explanation {
    /// The explanation as one JSON object.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("explanation serialises")
    }
}

impl fmt::Display for Explanation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{:<16} {:<14} {:>9} {:>9} {:>8} {:>7}",
            "field", "level", "m", "u", "weight", "tf"
        )?;
        writeln!(
            f,
            "{:<16} {:<14} {:>9} {:>9} {:>+8.2} {:>7}",
            "(prior)", "", "", "", self.prior_weight, ""
        )?;
        for c in &self.contributions {
            let p = |x: Option<f64>| x.map_or_else(|| "-".to_string(), |x| format!("{x:.4}"));
            writeln!(
                f,
                "{:<16} {:<14} {:>9} {:>9} {:>+8.2} {:>+7.2}",
                c.field,
                c.level_name,
                p(c.m),
                p(c.u),
                c.weight,
                c.tf_adjustment
            )?;
        }
        write!(
            f,
            "match weight {:+.2}  probability {:.4}",
            self.match_weight, self.match_probability
        )
    }
}
