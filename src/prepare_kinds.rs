//! Prepared columns for the field kinds with their own parsers and comparators: names,
//! dates, identifiers and phones. Each wraps the kind's comparator and adds what the engine
//! needs on top: blocking keys, sort keys, term frequencies, renderings, null counts.

use std::any::Any;
use std::collections::HashMap;

use crate::block::{minhash_band_keys, pack_prefix, qgram_hashes};
use crate::field::{
    DateComparator, DatePrecision, FieldComparator, GenderComparator, IdComparator,
    NationalityComparator, NullReason, PhoneComparator, PhoneConfig,
};
use crate::name::Role;
use crate::name::compare::{NameComparator, PreparedName};
use crate::prepare::{FieldData, par_map};
use crate::rng::hash_bytes;
use crate::schema::{ALTERNATIVE_SEPARATOR, CategoricalValues, FieldConfig, FieldKind, KeyPart};
use crate::score::{Level, LevelSpec, SimilarityLevels};

/// Build the prepared column of a name, date, id or phone field, or of a categorical
/// field holding gender or nationality values.
pub(crate) fn build(
    kind: FieldKind,
    field: &FieldConfig,
    raw: &[Option<&str>],
) -> Box<dyn FieldData> {
    match (kind, field.values) {
        (FieldKind::Name, _) => {
            Box::new(NameData::new(field.levels.clone().unwrap_or_default(), raw))
        }
        (FieldKind::Date, _) => Box::new(CmpData::new(DateComparator::default(), raw, date_keys)),
        (FieldKind::Id, _) => Box::new(CmpData::new(IdComparator, raw, id_keys)),
        (FieldKind::Phone, _) => Box::new(CmpData::new(
            PhoneComparator::new(PhoneConfig::default()),
            raw,
            phone_keys,
        )),
        (FieldKind::Categorical, CategoricalValues::Gender) => {
            Box::new(CmpData::new(GenderComparator, raw, gender_keys))
        }
        (FieldKind::Categorical, CategoricalValues::Nationality) => {
            Box::new(CmpData::new(NationalityComparator, raw, nationality_keys))
        }
        (FieldKind::Categorical | FieldKind::Text, _) => unreachable!("built in prepare.rs"),
    }
}

type Keyer<C> = fn(&<C as FieldComparator>::Prepared, KeyPart, &mut Vec<u64>);

/// A column of values prepared by a [`FieldComparator`].
pub(crate) struct CmpData<C: FieldComparator> {
    cmp: C,
    values: Vec<C::Prepared>,
    keyer: Keyer<C>,
}

impl<C: FieldComparator + 'static> CmpData<C> {
    fn new(cmp: C, raw: &[Option<&str>], keyer: Keyer<C>) -> Self {
        let mut d = CmpData {
            cmp,
            values: Vec::new(),
            keyer,
        };
        d.extend(raw);
        d
    }

    /// Null reasons and their counts (for the run report).
    pub(crate) fn null_counts(&self) -> HashMap<NullReason, u64> {
        let mut h = HashMap::new();
        for v in &self.values {
            if let Some(r) = self.cmp.null_reason(v) {
                *h.entry(r).or_insert(0) += 1;
            }
        }
        h
    }
}

impl<C: FieldComparator + 'static> FieldData for CmpData<C> {
    fn level_specs(&self) -> Vec<LevelSpec> {
        self.cmp
            .levels()
            .iter()
            .map(|l| LevelSpec::new(l.name))
            .collect()
    }
    fn compare(&self, a: usize, other: &dyn FieldData, b: usize) -> Level {
        let Some(o) = other.as_any().downcast_ref::<Self>() else {
            return Level::NULL;
        };
        match (self.values.get(a), o.values.get(b)) {
            (Some(x), Some(y)) => self.cmp.compare(x, y),
            _ => Level::NULL,
        }
    }
    fn keys(&self, i: usize, part: KeyPart, out: &mut Vec<u64>) {
        if let Some(v) = self.values.get(i) {
            (self.keyer)(v, part, out);
        }
    }
    fn extend(&mut self, raw: &[Option<&str>]) {
        let cmp = &self.cmp;
        let v = par_map(raw, |r| cmp.prepare(r.unwrap_or("")));
        self.values.extend(v);
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn null_reasons(&self) -> Vec<(&'static str, u64)> {
        let mut v: Vec<_> = self
            .null_counts()
            .into_iter()
            .map(|(r, c)| (r.as_str(), c))
            .collect();
        v.sort_unstable();
        v
    }
}

fn date_keys(p: &<DateComparator as FieldComparator>::Prepared, part: KeyPart, out: &mut Vec<u64>) {
    let Ok(d) = p else { return };
    let readings = std::iter::once(d.date).chain(d.swapped);
    for r in readings {
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

fn id_keys(p: &<IdComparator as FieldComparator>::Prepared, _part: KeyPart, out: &mut Vec<u64>) {
    if let Ok(id) = p {
        out.push(hash_bytes(id.as_str().as_bytes(), 0x1D));
    }
}

fn phone_keys(
    p: &<PhoneComparator as FieldComparator>::Prepared,
    part: KeyPart,
    out: &mut Vec<u64>,
) {
    if let Ok(phone) = p {
        let digits = if part == KeyPart::Last7 {
            phone.last_digits(7)
        } else {
            phone.as_str()
        };
        out.push(hash_bytes(digits.as_bytes(), 0xF0));
    }
}

fn gender_keys(
    p: &<GenderComparator as FieldComparator>::Prepared,
    _part: KeyPart,
    out: &mut Vec<u64>,
) {
    if let Ok(g) = p {
        out.push(hash_bytes(g.as_str().as_bytes(), 0x6E));
    }
}

fn nationality_keys(
    p: &<NationalityComparator as FieldComparator>::Prepared,
    _part: KeyPart,
    out: &mut Vec<u64>,
) {
    if let Ok(n) = p {
        out.push(hash_bytes(n.as_str().as_bytes(), 0x4A7));
    }
}

/// One prepared name: the comparator's prepared form plus the token keys blocking needs,
/// and the record's other spellings of it (a field with `also` columns).
struct NameValue {
    name: PreparedName,
    /// Loose keys of the name tokens, in order (titles, connectors, articles left out).
    keys: Vec<String>,
    /// Other spellings (usually none).
    others: Vec<NameValue>,
}

impl NameValue {
    /// This spelling and the others.
    fn spellings(&self) -> impl Iterator<Item = &NameValue> {
        std::iter::once(self).chain(&self.others)
    }
}

/// A name column, compared with the [`NameComparator`].
pub(crate) struct NameData {
    levels: SimilarityLevels,
    comparator: NameComparator,
    values: Vec<Option<NameValue>>,
    /// Frequency of each full-name key (token keys joined), for TF adjustment.
    key_counts: HashMap<String, u32>,
    total: u64,
    /// Null names without letters (blank, only marks, digits or symbols).
    empty: u64,
    /// Null names with letters but no name token (only titles or an article; letters no
    /// romanisation covers).
    other_script: u64,
}

impl NameData {
    fn new(levels: SimilarityLevels, raw: &[Option<&str>]) -> Self {
        let mut d = NameData {
            levels,
            comparator: NameComparator::default(),
            values: Vec::new(),
            key_counts: HashMap::new(),
            total: 0,
            empty: 0,
            other_script: 0,
        };
        d.extend(raw);
        d
    }

    fn value(&self, i: usize) -> Option<&NameValue> {
        self.values.get(i)?.as_ref()
    }
}

/// The prepared spellings of a raw value (several when joined with
/// [`ALTERNATIVE_SEPARATOR`]); `None` when none has a name token.
fn prepare_name(comparator: &NameComparator, raw: &str) -> Option<NameValue> {
    let mut spellings = raw
        .split(ALTERNATIVE_SEPARATOR)
        .filter_map(|s| prepare_spelling(comparator, s));
    let mut first = spellings.next()?;
    first.others = spellings.collect();
    Some(first)
}

fn prepare_spelling(comparator: &NameComparator, raw: &str) -> Option<NameValue> {
    let name = comparator.prepare(raw);
    let keys: Vec<String> = name
        .name()
        .name_tokens()
        .map(|t| t.loose_key().to_string())
        .filter(|k| !k.is_empty())
        .collect();
    if name.token_count() == 0 {
        return None;
    }
    Some(NameValue {
        name,
        keys,
        others: Vec::new(),
    })
}

/// The blocking keys of one spelling.
fn name_keys(v: &NameValue, part: KeyPart, out: &mut Vec<u64>) {
    let h = |s: &str, salt: u64| hash_bytes(s.as_bytes(), salt);
    match part {
        KeyPart::Given => {
            if let Some(k) = v.keys.first() {
                out.push(h(k, 0x61));
            }
        }
        KeyPart::Family => {
            if v.keys.len() >= 2 {
                out.push(h(v.keys.last().unwrap(), 0xFA));
            }
            // Family-first input and single-token names: the first token may be the family.
            if let Some(t) = v
                .name
                .name()
                .name_tokens()
                .find(|t| t.role() == Role::Family)
            {
                if !t.loose_key().is_empty() {
                    out.push(h(t.loose_key(), 0xFA));
                }
            }
        }
        KeyPart::Token => {
            for k in &v.keys {
                out.push(h(k, 0x70));
            }
        }
        KeyPart::TokenPair => {
            for (i, a) in v.keys.iter().enumerate() {
                for b in &v.keys[i + 1..] {
                    let (x, y) = if a <= b { (a, b) } else { (b, a) };
                    out.push(h(&format!("{x}\u{1}{y}"), 0x77));
                }
            }
        }
        KeyPart::Lsh => {
            let mut grams = Vec::new();
            let joined: Vec<u8> = v.keys.join("").into_bytes();
            qgram_hashes(&joined, 2, &mut grams);
            out.extend(minhash_band_keys(&grams, 6, 3, 0x15A));
        }
        _ => {}
    }
}

impl FieldData for NameData {
    fn level_specs(&self) -> Vec<LevelSpec> {
        self.levels.specs()
    }
    fn compare(&self, a: usize, other: &dyn FieldData, b: usize) -> Level {
        let Some(o) = other.as_any().downcast_ref::<NameData>() else {
            return Level::NULL;
        };
        let (Some(x), Some(y)) = (self.value(a), o.value(b)) else {
            return Level::NULL;
        };
        // The best pair of spellings (one pair for fields of one column).
        let floor = self.levels.thresholds.first().copied().unwrap_or(0.0);
        let mut best = Level::NULL;
        for x in x.spellings() {
            for y in y.spellings() {
                let s = self.comparator.similarity(&x.name, &y.name);
                // Equal keys are an exact level only when the comparator agrees.
                let exact = !x.keys.is_empty() && x.keys == y.keys && s >= floor;
                best = best.min(self.levels.level(Some(s), exact));
            }
        }
        best
    }
    fn similarity(&self, a: usize, other: &dyn FieldData, b: usize) -> Option<f64> {
        let o = other.as_any().downcast_ref::<NameData>()?;
        let (x, y) = (self.value(a)?, o.value(b)?);
        Some(self.comparator.similarity(&x.name, &y.name))
    }
    fn closeness(&self, a: usize, other: &dyn FieldData, b: usize) -> Option<f64> {
        let o = other.as_any().downcast_ref::<NameData>()?;
        let (x, y) = (self.value(a)?, o.value(b)?);
        Some(self.comparator.closeness(&x.name, &y.name))
    }
    fn explain(&self, a: usize, other: &dyn FieldData, b: usize) -> Option<crate::NameExplanation> {
        let o = other.as_any().downcast_ref::<NameData>()?;
        let (x, y) = (self.value(a)?, o.value(b)?);
        Some(self.comparator.explain(&x.name, &y.name))
    }
    fn term_count(&self, a: usize, _other: &dyn FieldData, _b: usize) -> Option<(u64, u64)> {
        let v = self.value(a)?;
        let c = *self.key_counts.get(&v.keys.join(" "))?;
        Some((u64::from(c), self.total))
    }
    fn keys(&self, i: usize, part: KeyPart, out: &mut Vec<u64>) {
        let Some(v) = self.value(i) else { return };
        if v.others.is_empty() {
            name_keys(v, part, out);
            return;
        }
        // Every spelling's keys, each once.
        let start = out.len();
        for s in v.spellings() {
            name_keys(s, part, out);
        }
        out[start..].sort_unstable();
        let mut tail = out.split_off(start);
        tail.dedup();
        out.extend(tail);
    }
    fn sort_key(&self, i: usize) -> Option<u64> {
        let v = self.value(i)?;
        Some(pack_prefix(v.keys.join("").as_bytes()))
    }
    fn extend(&mut self, raw: &[Option<&str>]) {
        let comparator = &self.comparator;
        let v = par_map(raw, |r| r.and_then(|s| prepare_name(comparator, s)));
        for (x, r) in v.iter().zip(raw) {
            let Some(x) = x else {
                // Letters but no name token: only titles or an article, or letters no
                // romanisation covers.
                if r.is_some_and(|s| s.chars().any(char::is_alphabetic)) {
                    self.other_script += 1;
                } else {
                    self.empty += 1;
                }
                continue;
            };
            *self.key_counts.entry(x.keys.join(" ")).or_insert(0) += 1;
            self.total += 1;
        }
        self.values.extend(v);
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn null_reasons(&self) -> Vec<(&'static str, u64)> {
        [("empty", self.empty), ("no_name_token", self.other_script)]
            .into_iter()
            .filter(|&(_, c)| c > 0)
            .collect()
    }
}
