//! [`CostSpec`]: a cost table as configuration files hold it (symbol groups and their
//! costs), built into a [`CostTable`].

use super::CostTable;
use crate::Result;

/// A serialisable description of a [`CostTable`], for tables kept in configuration files:
/// lists of symbol groups with their costs, applied in a fixed order (indel, substitution
/// groups, substitutions between groups, doubling, then transposition and defaults),
/// later entries of a list overriding earlier ones.
///
/// ```
/// use hawiya::similarity::weighted::CostSpec;
/// # fn main() -> hawiya::Result<()> {
/// let spec: CostSpec = serde_json::from_str(r#"{
///     "indel": [{"symbols": [0, 1, 2], "cost": 0.3}],
///     "substitution": [{"symbols": [0, 1, 2], "cost": 0.3}, {"symbols": [10, 11], "cost": 0.4}],
///     "doubling": [{"symbols": [10, 11, 12], "cost": 0.0}],
///     "transposition": 0.8
/// }"#).expect("valid json");
/// let table = spec.build()?;
/// assert_eq!(table.substitution(10, 11), 0.4);
/// assert_eq!(table.repeat_indel(12), 0.0);
/// # Ok(()) }
/// ```
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CostSpec {
    /// Insertion/deletion costs per group (default 1).
    #[serde(default)]
    pub indel: Vec<GroupCost>,
    /// Substitution costs between any two symbols of a group (default 1).
    #[serde(default)]
    pub substitution: Vec<GroupCost>,
    /// Substitution costs between each symbol of `left` and each of `right`.
    #[serde(default)]
    pub substitution_between: Vec<BetweenCost>,
    /// Doubling costs per group (effective cost `min(indel, doubling)`).
    #[serde(default)]
    pub doubling: Vec<GroupCost>,
    /// Cost of swapping two adjacent different symbols; none by default.
    #[serde(default)]
    pub transposition: Option<f32>,
    /// Indel cost of codes `>= 64` (default 1).
    #[serde(default)]
    pub default_indel: Option<f32>,
    /// Substitution cost involving a code `>= 64` (default 1).
    #[serde(default)]
    pub default_substitution: Option<f32>,
}

/// One cost for a group of symbols.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupCost {
    /// Symbol codes (`0..64`).
    pub symbols: Vec<u8>,
    /// The cost (finite, `0..=MAX_COST`).
    pub cost: f32,
}

/// One substitution cost between two groups of symbols.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BetweenCost {
    /// Symbol codes on one side.
    pub left: Vec<u8>,
    /// Symbol codes on the other side.
    pub right: Vec<u8>,
    /// The cost (finite, `0..=MAX_COST`).
    pub cost: f32,
}

impl CostSpec {
    /// Build the table.
    ///
    /// # Errors
    /// A config error naming the first invalid setting, as
    /// [`CostTableBuilder::build`](super::CostTableBuilder::build).
    pub fn build(&self) -> Result<CostTable> {
        let mut b = CostTable::builder();
        for g in &self.indel {
            b = b.indel_group(&g.symbols, g.cost);
        }
        for g in &self.substitution {
            b = b.substitution_group(&g.symbols, g.cost);
        }
        for g in &self.substitution_between {
            b = b.substitution_between(&g.left, &g.right, g.cost);
        }
        for g in &self.doubling {
            b = b.doubling_group(&g.symbols, g.cost);
        }
        b = b.transposition(self.transposition);
        if self.default_indel.is_some() || self.default_substitution.is_some() {
            b = b.defaults(
                self.default_indel.unwrap_or(1.0),
                self.default_substitution.unwrap_or(1.0),
            );
        }
        b.build()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spec_builds_the_same_table_as_the_builder() {
        let spec: CostSpec = serde_json::from_str(
            r#"{"indel": [{"symbols": [0, 1, 2, 3, 4], "cost": 0.25}],
                "substitution": [{"symbols": [0, 1, 2, 3, 4], "cost": 0.3},
                                 {"symbols": [5, 6, 7], "cost": 0.4}],
                "substitution_between": [{"left": [8], "right": [9, 10], "cost": 0.6}],
                "doubling": [{"symbols": [5, 6, 12, 13], "cost": 0.0}, {"symbols": [14], "cost": 0.5}],
                "transposition": 0.7}"#,
        )
        .unwrap();
        let built = CostTable::builder()
            .indel_group(&[0, 1, 2, 3, 4], 0.25)
            .substitution_group(&[0, 1, 2, 3, 4], 0.3)
            .substitution_group(&[5, 6, 7], 0.4)
            .substitution_between(&[8], &[9, 10], 0.6)
            .doubling_group(&[5, 6, 12, 13], 0.0)
            .doubling_group(&[14], 0.5)
            .transposition(Some(0.7))
            .build()
            .unwrap();
        assert_eq!(spec.build().unwrap(), built);
        let back: CostSpec = serde_json::from_str(&serde_json::to_string(&spec).unwrap()).unwrap();
        assert_eq!(back, spec);
        assert_eq!(CostSpec::default().build().unwrap(), CostTable::unit());
        let bad: CostSpec =
            serde_json::from_str(r#"{"indel": [{"symbols": [70], "cost": 0.5}]}"#).unwrap();
        let e = bad.build().unwrap_err();
        assert!(e.to_string().contains("cost_table.indel"), "{e}");
        assert!(serde_json::from_str::<CostSpec>(r#"{"indels": []}"#).is_err());
    }
}
