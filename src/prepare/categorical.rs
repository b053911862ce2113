//! Plain categorical values (case- and space-folded text): exact agreement or not, with
//! term frequencies. Gender and nationality have parsers of their own (`parsed`).

use super::interner::Interner;
use crate::core::{Level, LevelSpec, hash_bytes, par};
use crate::schema::KeyPart;

/// A plain categorical column.
pub(crate) struct CategoricalColumn {
    /// Interned value per record (0 = null).
    ids: Vec<u32>,
    labels: Vec<String>,
    interner: Interner,
}

// Preparing.
impl CategoricalColumn {
    pub(crate) fn new(raw: &[Option<&str>]) -> Self {
        let mut c = CategoricalColumn {
            ids: Vec::new(),
            labels: Vec::new(),
            interner: Interner::default(),
        };
        c.extend(raw);
        c
    }

    fn normalise(v: &str) -> Option<String> {
        let folded = crate::text::fold(v);
        let t = folded.split_whitespace().collect::<Vec<_>>().join(" ");
        (!t.is_empty()).then_some(t)
    }

    pub(crate) fn extend(&mut self, raw: &[Option<&str>]) {
        let norm = par::map(raw, 1024, |r| r.and_then(Self::normalise));
        for n in norm {
            let id = match n {
                Some(s) => {
                    let id = self.interner.intern(&s);
                    if id as usize > self.labels.len() {
                        self.labels.push(s);
                    }
                    id
                }
                None => 0,
            };
            self.ids.push(id);
        }
    }
}

// Keys.
impl CategoricalColumn {
    pub(crate) fn keys(&self, i: usize, _part: KeyPart, out: &mut Vec<u64>) {
        if let Some(&id) = self.ids.get(i).filter(|&&id| id != 0) {
            out.push(hash_bytes(self.labels[id as usize - 1].as_bytes(), 0xCA7));
        }
    }
}

// Comparison.
impl CategoricalColumn {
    pub(crate) fn level_specs(&self) -> Vec<LevelSpec> {
        vec![LevelSpec::new("exact"), LevelSpec::new("else")]
    }

    pub(crate) fn compare(&self, a: usize, o: &CategoricalColumn, b: usize) -> Level {
        match (self.ids.get(a), o.ids.get(b)) {
            (Some(&x), Some(&y)) if x != 0 && y != 0 => {
                // One column (a dedupe, or both sides of a link): equal ids are equal values.
                let same = if std::ptr::eq(self, o) {
                    x == y
                } else {
                    self.labels[x as usize - 1] == o.labels[y as usize - 1]
                };
                if same { Level(0) } else { Level(1) }
            }
            _ => Level::NULL,
        }
    }

    pub(crate) fn term_count(&self, a: usize) -> Option<(u64, u64)> {
        self.interner.count(*self.ids.get(a)?)
    }

    /// The term record `a` is counted under for term frequencies: its folded value.
    pub(crate) fn term_key(&self, a: usize) -> Option<String> {
        let id = *self.ids.get(a)?;
        Some(self.labels.get((id as usize).checked_sub(1)?)?.clone())
    }

    /// Count this column's values as `counts` (over `total` values) say instead of by its
    /// own records: term frequencies of a dataset split into parts, counted over the whole.
    pub(crate) fn use_term_counts(
        &mut self,
        counts: &std::collections::HashMap<String, u64>,
        total: u64,
    ) {
        self.interner.use_counts(counts, total);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folded_values_agree_and_are_counted() {
        let c = CategoricalColumn::new(&[Some("Teacher"), Some(" teacher "), Some("Nurse"), None]);
        assert_eq!(c.compare(0, &c, 1), Level(0));
        assert_eq!(c.compare(0, &c, 2), Level(1));
        assert_eq!(c.compare(0, &c, 3), Level::NULL);
        assert_eq!(c.term_count(0), Some((2, 3)));
        assert_eq!(c.term_count(3), None);
        let (mut a, mut b) = (Vec::new(), Vec::new());
        c.keys(0, KeyPart::Value, &mut a);
        c.keys(1, KeyPart::Value, &mut b);
        assert_eq!(a, b);
    }
}
