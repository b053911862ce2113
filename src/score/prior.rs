//! The built-in prior model: m and u of each level of each kind of field, measured on
//! registries of several shapes (`data/prior_model.json`, made by
//! `benches/prior_model.py`), used as pseudo-counts in training.
//!
//! Training learns m by EM and u from random pairs. On a large file the data decide; on a
//! file of a few dozen records there are too few candidate pairs to identify m (EM on 40
//! pairs) and too few distinct random pairs to measure a rare level's u (156 pairs cannot
//! show that an exact full name is a one-in-a-million coincidence). The prior fills the
//! gap the way a Dirichlet prior does: m is learned from the expected match counts plus
//! `prior_matches` pseudo-matches spread as the prior's m, and u from the random-pair
//! counts plus `prior_non_matches` pseudo-pairs spread as the prior's u. A few pseudo
//! counts weigh nothing against a million pairs and most of the model against forty.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Deserialize;

use super::FellegiSunter;
use crate::schema::{CategoricalValues, Config, FieldConfig, FieldKind};

/// The measured prior (m, u) of one level.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub(crate) struct LevelPrior {
    pub(crate) m: f64,
    pub(crate) u: f64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PriorFile {
    #[allow(dead_code)]
    about: String,
    families: HashMap<String, HashMap<String, LevelPrior>>,
}

fn table() -> &'static HashMap<String, HashMap<String, LevelPrior>> {
    static TABLE: OnceLock<HashMap<String, HashMap<String, LevelPrior>>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let file: PriorFile = serde_json::from_str(include_str!("data/prior_model.json"))
            .expect("the built-in prior model is valid JSON (checked by a unit test)");
        file.families
    })
}

/// The family of a field in the prior model: its kind, and for categorical fields the
/// kind of values (gender and nationality agree far more often by chance than a code).
pub(crate) fn family(f: &FieldConfig) -> &'static str {
    match (f.kind, f.values) {
        (FieldKind::Name, _) => "name",
        (FieldKind::Date, _) => "date",
        (FieldKind::Id, _) => "id",
        (FieldKind::Phone, _) => "phone",
        (FieldKind::Text, _) => "text",
        (FieldKind::Categorical, CategoricalValues::Gender) => "gender",
        (FieldKind::Categorical, CategoricalValues::Nationality) => "nationality",
        (FieldKind::Categorical, CategoricalValues::Plain) => "categorical",
    }
}

/// The prior of every level of every comparison of `model` (in config order): `None` for a
/// comparison whose levels the prior does not know by name (a custom level list).
pub(crate) fn level_priors(config: &Config, model: &FellegiSunter) -> Vec<Option<Vec<LevelPrior>>> {
    config
        .fields
        .iter()
        .zip(&model.comparisons)
        .map(|(f, c)| {
            let fam = table().get(family(f))?;
            let levels: Option<Vec<LevelPrior>> =
                c.levels.iter().map(|l| fam.get(&l.name).copied()).collect();
            // Normalised: the stored values are rounded.
            levels.map(|mut ls| {
                let (sm, su) = ls.iter().fold((0.0, 0.0), |(a, b), l| (a + l.m, b + l.u));
                for l in &mut ls {
                    l.m /= sm;
                    l.u /= su;
                }
                ls
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::LevelSpec;

    #[test]
    fn every_family_of_the_file_is_a_distribution_over_the_levels_of_its_kind() {
        for (fam, kind, values) in [
            ("name", FieldKind::Name, CategoricalValues::Plain),
            ("date", FieldKind::Date, CategoricalValues::Plain),
            ("id", FieldKind::Id, CategoricalValues::Plain),
            ("phone", FieldKind::Phone, CategoricalValues::Plain),
            ("text", FieldKind::Text, CategoricalValues::Plain),
            ("gender", FieldKind::Categorical, CategoricalValues::Gender),
            (
                "nationality",
                FieldKind::Categorical,
                CategoricalValues::Nationality,
            ),
            (
                "categorical",
                FieldKind::Categorical,
                CategoricalValues::Plain,
            ),
        ] {
            let f = FieldConfig {
                values,
                ..FieldConfig::new("c", kind)
            };
            assert_eq!(family(&f), fam);
            let levels = table()
                .get(fam)
                .unwrap_or_else(|| panic!("{fam} in the prior"));
            let specs: Vec<LevelSpec> = crate::prepare::level_specs(&f);
            let names: Vec<&str> = specs.iter().map(|s| s.name.as_ref()).collect();
            for n in &names {
                let l = levels.get(*n).unwrap_or_else(|| panic!("{fam}: level {n}"));
                assert!(
                    l.m > 0.0 && l.m < 1.0 && l.u > 0.0 && l.u < 1.0,
                    "{fam} {n} {l:?}"
                );
            }
            assert_eq!(levels.len(), names.len(), "{fam}: no stray levels");
            let sm: f64 = levels.values().map(|l| l.m).sum();
            let su: f64 = levels.values().map(|l| l.u).sum();
            assert!(
                (sm - 1.0).abs() < 0.01 && (su - 1.0).abs() < 0.01,
                "{fam}: {sm} {su}"
            );
        }
    }
}
