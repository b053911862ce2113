//! Scoring one candidate pair: its comparison vector, the term frequencies of its agreeing
//! values, and the match weight under a model.

use serde::{Deserialize, Serialize};

use super::FellegiSunter;
use crate::core::Level;
use crate::prepare::PreparedDataset;
use crate::schema::{Config, FieldConfig};

/// A scored candidate pair.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScoredPair {
    /// Source (0/1) and row of the first record.
    pub left: (u8, usize),
    /// Source (0/1) and row of the second record.
    pub right: (u8, usize),
    /// Unique id of the first record.
    pub unique_id_l: String,
    /// Unique id of the second record.
    pub unique_id_r: String,
    /// Comparison level per configured field.
    pub levels: Vec<Level>,
    /// Relative frequency of the agreeing value per field, where term-frequency adjustment
    /// applies (`None` elsewhere).
    pub term_frequencies: Vec<Option<f64>>,
    /// log2 Bayes factor including the prior.
    pub match_weight: f64,
    /// Match probability in [0, 1].
    pub match_probability: f64,
}

/// A model and the fields whose agreeing values are adjusted by their frequency.
#[derive(Debug)]
pub(crate) struct Scorer<'a> {
    model: &'a FellegiSunter,
    tf_enabled: Vec<bool>,
    prior_weight: f64,
}

impl<'a> Scorer<'a> {
    pub(crate) fn new(model: &'a FellegiSunter, config: &Config) -> Self {
        Scorer {
            model,
            tf_enabled: config.fields.iter().map(FieldConfig::tf_enabled).collect(),
            prior_weight: model.prior_weight(),
        }
    }

    /// The match weight of record `a` of `left` and record `b` of `right`, with the
    /// comparison vector in `levels` and the term frequencies in `tf`.
    pub(crate) fn score(
        &self,
        left: &PreparedDataset,
        a: usize,
        right: &PreparedDataset,
        b: usize,
        levels: &mut [Level],
        tf: &mut [Option<f64>],
    ) -> f64 {
        left.compare_into(a, right, b, levels);
        self.term_frequencies(left, a, tf);
        self.model.match_weight_tf(levels, tf)
    }

    /// [`score`](Self::score) for a pair that only matters when its weight reaches
    /// `floor`: the cheap fields are compared first, and the costly ones (names, free text)
    /// only when their best possible contribution could still lift the pair to `floor`.
    /// `None` means the pair's weight is certainly below `floor` (its costly levels are
    /// then not set); otherwise the weight is exactly that of [`score`](Self::score).
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn score_above(
        &self,
        left: &PreparedDataset,
        a: usize,
        right: &PreparedDataset,
        b: usize,
        levels: &mut [Level],
        tf: &mut [Option<f64>],
        floor: f64,
    ) -> Option<f64> {
        self.term_frequencies(left, a, tf);
        let mut partial = self.prior_weight;
        let mut bound = 0.0;
        let mut costly = false;
        for (i, slot) in levels.iter_mut().enumerate() {
            if left.column(i).is_costly() {
                costly = true;
                bound += self.model.best_contribution(i, tf[i]);
            } else {
                *slot = left.compare_field(i, a, right, b);
                partial += self.model.contribution(i, *slot, tf[i]);
            }
        }
        // The margin covers rounding: the exact weight is summed in another order.
        if costly && partial + bound < floor - Self::MARGIN {
            return None;
        }
        for (i, slot) in levels.iter_mut().enumerate() {
            if left.column(i).is_costly() {
                *slot = left.compare_field(i, a, right, b);
            }
        }
        Some(self.model.match_weight_tf(levels, tf))
    }

    /// Slack (in bits of weight) between a bound and the floor it is compared with.
    const MARGIN: f64 = 1e-6;

    /// Term frequencies of record `a`'s values, shrunk towards the model's average
    /// agreement `u₀` of each field: `(count + 1) / (total + 1/u₀)`. On a large dataset this
    /// is the value's share; on a handful of records it stays near `u₀` (no adjustment),
    /// instead of calling every value of a three-row table "very common".
    fn term_frequencies(&self, data: &PreparedDataset, a: usize, out: &mut [Option<f64>]) {
        for (i, slot) in out.iter_mut().enumerate() {
            *slot = if self.tf_enabled[i] {
                let u0 = self
                    .model
                    .comparisons
                    .get(i)
                    .and_then(|c| c.levels.first())
                    .map_or(1.0, |l| l.u);
                data.column(i)
                    .term_count(a)
                    .map(|(count, total)| (count as f64 + 1.0) / (total as f64 + 1.0 / u0))
            } else {
                None
            };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prepare;
    use crate::schema::FieldKind;
    use proptest::prelude::*;

    const NAMES: [&str; 8] = [
        "صالح الفضالة",
        "Saleh Al-Fadhala",
        "Salih al-Fudala",
        "Mona Haddad",
        "منى حداد",
        "Omar Khalid",
        "Mona Hadad",
        "Saleh Al-Fadhala",
    ];
    const DATES: [&str; 4] = ["1985-07-01", "01/07/1985", "1990-02-03", "1985-07-02"];
    const PLACES: [&str; 3] = ["Kuwait", "Jahra", "Kuwait"];

    fn config() -> Config {
        let mut place = FieldConfig::new("place", FieldKind::Categorical);
        place.tf_adjustment = Some(true);
        Config::new(vec![
            FieldConfig::new("name", FieldKind::Name),
            FieldConfig::new("dob", FieldKind::Date),
            place,
            FieldConfig::new("note", FieldKind::Text),
        ])
    }

    fn data(config: &Config, rows: &[(usize, usize, usize)]) -> PreparedDataset {
        let pick = |i: usize, values: &[&'static str]| -> Option<&'static str> {
            // Every fifth value is missing.
            (i % 5 != 4).then(|| values[i % values.len()])
        };
        let columns: Vec<Vec<Option<&str>>> = vec![
            rows.iter().map(|r| pick(r.0, &NAMES)).collect(),
            rows.iter().map(|r| pick(r.1, &DATES)).collect(),
            rows.iter().map(|r| pick(r.2, &PLACES)).collect(),
            rows.iter().map(|r| pick(r.0 + r.2, &NAMES)).collect(),
        ];
        PreparedDataset::build(config, &columns)
    }

    fn model(config: &Config, ms: &[f64], us: &[f64], tf_weight: f64) -> FellegiSunter {
        let specs: Vec<_> = config
            .fields
            .iter()
            .map(|f| (f.column.clone(), prepare::level_specs(f)))
            .collect();
        let mut m = FellegiSunter::with_defaults(1e-4, &specs).unwrap();
        let mut k = 0;
        for c in &mut m.comparisons {
            for l in &mut c.levels {
                l.m = ms[k % ms.len()];
                l.u = us[k % us.len()];
                l.tf_weight = tf_weight;
                k += 1;
            }
        }
        m
    }

    proptest! {
        /// The cascade either gives exactly the full weight, or says the pair is below the
        /// floor and the full weight agrees.
        #[test]
        fn score_above_is_exact_or_certainly_below(
            rows in prop::collection::vec((0usize..40, 0usize..20, 0usize..15), 2..12),
            ms in prop::collection::vec(0.001f64..0.99, 1..9),
            us in prop::collection::vec(0.0001f64..0.99, 1..9),
            tf_weight in 0.0f64..1.0,
            floor_p in 0.0f64..1.0,
        ) {
            let config = config();
            let d = data(&config, &rows);
            let m = model(&config, &ms, &us, tf_weight);
            let scorer = Scorer::new(&m, &config);
            let floor = (floor_p / (1.0 - floor_p)).log2();
            let w = d.width();
            let (mut v1, mut v2) = (vec![Level::NULL; w], vec![Level::NULL; w]);
            let (mut t1, mut t2) = (vec![None; w], vec![None; w]);
            for a in 0..d.n {
                for b in 0..d.n {
                    let full = scorer.score(&d, a, &d, b, &mut v1, &mut t1);
                    match scorer.score_above(&d, a, &d, b, &mut v2, &mut t2, floor) {
                        Some(x) => {
                            prop_assert_eq!(x.to_bits(), full.to_bits());
                            prop_assert_eq!(&v1, &v2);
                        }
                        None => prop_assert!(full < floor, "cut a pair of weight {full} >= {floor}"),
                    }
                }
            }
        }
    }
}
