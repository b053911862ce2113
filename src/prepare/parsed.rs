//! Columns of the field kinds with a parser and comparator of their own in `field`: dates,
//! identifiers, phones, gender and nationality. The comparator prepares and compares; this
//! module adds the blocking key parts of each kind and the null counts.

use std::collections::HashMap;

use crate::core::{Level, LevelSpec, hash_bytes, par};
use crate::field::{
    DateComparator, DatePrecision, FieldComparator, GenderComparator, IdComparator,
    NationalityComparator, NullReason, PhoneComparator,
};
use crate::schema::KeyPart;

/// What a column adds to its kind's comparator: the blocking key parts of a value, and
/// what the comparator learns from the whole column once it is prepared.
pub(crate) trait Keyed: FieldComparator {
    /// Push the keys of `value` for `part`.
    fn keys(value: &Self::Prepared, part: KeyPart, out: &mut Vec<u64>);

    /// Learn from the prepared column (and re-read its values when what was learned
    /// changes their reading). Nothing by default.
    fn learn_column(&mut self, _values: &mut [Self::Prepared]) {}
}

/// A column of values prepared by a [`FieldComparator`].
pub(crate) struct Parsed<C: FieldComparator> {
    cmp: C,
    values: Vec<C::Prepared>,
}

// Preparing.
impl<C: FieldComparator + Keyed> Parsed<C> {
    pub(crate) fn new(cmp: C, raw: &[Option<&str>]) -> Self {
        let mut d = Parsed {
            cmp,
            values: Vec::new(),
        };
        d.extend(raw);
        d.cmp.learn_column(&mut d.values);
        d
    }

    pub(crate) fn extend(&mut self, raw: &[Option<&str>]) {
        let cmp = &self.cmp;
        let v = par::map(raw, 1024, |r| cmp.prepare(r.unwrap_or("")));
        self.values.extend(v);
    }

    /// Why values are null, with counts, by reason name.
    pub(crate) fn null_reasons(&self) -> Vec<(&'static str, u64)> {
        let mut h: HashMap<NullReason, u64> = HashMap::new();
        for v in &self.values {
            if let Some(r) = self.cmp.null_reason(v) {
                *h.entry(r).or_insert(0) += 1;
            }
        }
        let mut v: Vec<_> = h.into_iter().map(|(r, c)| (r.as_str(), c)).collect();
        v.sort_unstable();
        v
    }
}

// Keys.
impl<C: FieldComparator + Keyed> Parsed<C> {
    pub(crate) fn keys(&self, i: usize, part: KeyPart, out: &mut Vec<u64>) {
        if let Some(v) = self.values.get(i) {
            C::keys(v, part, out);
        }
    }
}

// Comparison.
impl<C: FieldComparator + Keyed> Parsed<C> {
    pub(crate) fn level_specs(&self) -> Vec<LevelSpec> {
        self.cmp
            .levels()
            .iter()
            .map(|l| LevelSpec::new(l.name))
            .collect()
    }

    pub(crate) fn compare(&self, a: usize, o: &Self, b: usize) -> Level {
        match (self.values.get(a), o.values.get(b)) {
            (Some(x), Some(y)) => self.cmp.compare(x, y),
            _ => Level::NULL,
        }
    }
}

impl Keyed for DateComparator {
    /// Placeholder day-months and the calendar of bare years, learned from the column
    /// (see [`DateComparator::learn_column`]).
    fn learn_column(&mut self, values: &mut [Self::Prepared]) {
        DateComparator::learn_column(self, values);
    }

    fn keys(p: &Self::Prepared, part: KeyPart, out: &mut Vec<u64>) {
        let Ok(d) = p else { return };
        for r in d.readings() {
            match part {
                KeyPart::Year => {
                    out.push(hash_bytes(&r.year().to_le_bytes(), 0xDA7E));
                    if r.last_year() != r.year() {
                        out.push(hash_bytes(&r.last_year().to_le_bytes(), 0xDA7E));
                    }
                }
                KeyPart::Day if r.precision() == DatePrecision::Day => {
                    out.push(hash_bytes(&r.day_number().to_le_bytes(), 0xDA1));
                }
                _ => {}
            }
        }
    }
}

impl Keyed for IdComparator {
    fn keys(p: &Self::Prepared, _part: KeyPart, out: &mut Vec<u64>) {
        if let Ok(id) = p {
            out.push(hash_bytes(id.as_str().as_bytes(), 0x1D));
        }
    }
}

impl Keyed for PhoneComparator {
    fn keys(p: &Self::Prepared, part: KeyPart, out: &mut Vec<u64>) {
        if let Ok(phone) = p {
            let digits = if part == KeyPart::Last7 {
                phone.last_digits(7)
            } else {
                phone.as_str()
            };
            out.push(hash_bytes(digits.as_bytes(), 0xF0));
        }
    }
}

impl Keyed for GenderComparator {
    fn keys(p: &Self::Prepared, _part: KeyPart, out: &mut Vec<u64>) {
        if let Ok(g) = p {
            out.push(hash_bytes(g.as_str().as_bytes(), 0x6E));
        }
    }
}

impl Keyed for NationalityComparator {
    fn keys(p: &Self::Prepared, _part: KeyPart, out: &mut Vec<u64>) {
        if let Ok(n) = p {
            out.push(hash_bytes(n.as_str().as_bytes(), 0x4A7));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_key_on_year_and_day_and_count_nulls() {
        let d = Parsed::new(
            DateComparator::default(),
            &[
                Some("1985-07-14"),
                Some("14/07/1985"),
                Some("غير معروف"),
                None,
            ],
        );
        assert_eq!(d.compare(0, &d, 1), Level(0));
        assert_eq!(d.compare(0, &d, 2), Level::NULL);
        let key = |i, part| {
            let mut k = Vec::new();
            d.keys(i, part, &mut k);
            k
        };
        assert_eq!(key(0, KeyPart::Day), key(1, KeyPart::Day));
        assert_eq!(key(0, KeyPart::Year), key(1, KeyPart::Year));
        assert!(key(2, KeyPart::Year).is_empty());
        assert_eq!(d.null_reasons(), [("empty", 1), ("unknown", 1)]);
    }
}
