//! Free text compared by Jaro–Winkler on folded text.

use crate::core::{Level, LevelSpec, SimilarityLevels, hash_bytes, pack_prefix, par};
use crate::schema::KeyPart;
use crate::similarity::jaro::jaro_winkler;

/// A free-text column.
pub(crate) struct TextColumn {
    levels: SimilarityLevels,
    values: Vec<Option<Box<[char]>>>,
}

// Preparing.
impl TextColumn {
    pub(crate) fn new(levels: SimilarityLevels, raw: &[Option<&str>]) -> Self {
        let mut t = TextColumn {
            levels,
            values: Vec::new(),
        };
        t.extend(raw);
        t
    }

    pub(crate) fn extend(&mut self, raw: &[Option<&str>]) {
        let v = par::map(raw, 1024, |r| {
            r.map(|v| crate::text::fold(v).chars().collect::<Box<[char]>>())
                .filter(|c| !c.is_empty())
        });
        self.values.extend(v);
    }
}

// Keys.
impl TextColumn {
    pub(crate) fn keys(&self, i: usize, _part: KeyPart, out: &mut Vec<u64>) {
        if let Some(Some(v)) = self.values.get(i) {
            let s: String = v.iter().collect();
            out.push(hash_bytes(s.as_bytes(), 0x7E7));
        }
    }

    pub(crate) fn sort_key(&self, i: usize) -> Option<u64> {
        let v = self.values.get(i)?.as_ref()?;
        let s: String = v.iter().collect();
        Some(pack_prefix(s.as_bytes()))
    }
}

// Comparison.
impl TextColumn {
    pub(crate) fn level_specs(&self) -> Vec<LevelSpec> {
        self.levels.specs()
    }

    pub(crate) fn compare(&self, a: usize, o: &TextColumn, b: usize) -> Level {
        match (self.values.get(a), o.values.get(b)) {
            (Some(Some(x)), Some(Some(y))) => {
                let s = jaro_winkler(x, y);
                self.levels.level(Some(s), x == y)
            }
            _ => Level::NULL,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn similar_text_meets_a_similarity_level() {
        let t = TextColumn::new(
            SimilarityLevels::default(),
            &[
                Some("Kuwait City"),
                Some("kuwait  city"),
                Some("Kuwait Citty"),
                Some("Basra"),
                None,
            ],
        );
        assert_eq!(t.compare(0, &t, 1), Level(0));
        assert_eq!(t.compare(0, &t, 2), Level(1));
        assert_eq!(t.compare(0, &t, 3), Level(4));
        assert_eq!(t.compare(0, &t, 4), Level::NULL);
        assert!(t.sort_key(0).is_some() && t.sort_key(4).is_none());
    }
}
