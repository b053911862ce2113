//! [`Column`]: one prepared field, typed by its kind. Every operation dispatches on the
//! variant; comparing two columns of different kinds (never done by the engine, whose two
//! sides share one config) gives a null level.

use crate::core::{Level, LevelSpec};
use crate::field::{
    DateComparator, GenderComparator, IdComparator, NationalityComparator, PhoneComparator,
    PhoneConfig,
};
use crate::schema::{CategoricalValues, FieldConfig, FieldKind, KeyPart};

use super::categorical::CategoricalColumn;
use super::name::NameColumn;
use super::parsed::Parsed;
use super::text::TextColumn;

/// One prepared field of a set of records.
pub(crate) enum Column {
    /// A person's name (boxed: the comparator it holds is large).
    Name(Box<NameColumn>),
    /// A date (of birth).
    Date(Parsed<DateComparator>),
    /// An identifier.
    Id(Parsed<IdComparator>),
    /// A phone number.
    Phone(Parsed<PhoneComparator>),
    /// Gender words and codes.
    Gender(Parsed<GenderComparator>),
    /// Nationality words and codes.
    Nationality(Parsed<NationalityComparator>),
    /// Any other code, compared exactly.
    Categorical(CategoricalColumn),
    /// Free text, compared by string similarity.
    Text(TextColumn),
}

/// `$body` with `$c` bound to the inner column of any variant.
macro_rules! each {
    ($self:expr, $c:ident => $body:expr) => {
        match $self {
            Column::Name($c) => $body,
            Column::Date($c) => $body,
            Column::Id($c) => $body,
            Column::Phone($c) => $body,
            Column::Gender($c) => $body,
            Column::Nationality($c) => $body,
            Column::Categorical($c) => $body,
            Column::Text($c) => $body,
        }
    };
}

impl Column {
    /// The column of `field` prepared from raw values.
    pub(crate) fn build(field: &FieldConfig, raw: &[Option<&str>]) -> Column {
        let levels = field.levels.clone().unwrap_or_default();
        match (field.kind, field.values) {
            (FieldKind::Name, _) => Column::Name(Box::new(NameColumn::new(levels, raw))),
            (FieldKind::Date, _) => Column::Date(Parsed::new(DateComparator::default(), raw)),
            (FieldKind::Id, _) => Column::Id(Parsed::new(IdComparator, raw)),
            (FieldKind::Phone, _) => Column::Phone(Parsed::new(
                PhoneComparator::new(PhoneConfig::default()),
                raw,
            )),
            (FieldKind::Categorical, CategoricalValues::Gender) => {
                Column::Gender(Parsed::new(GenderComparator, raw))
            }
            (FieldKind::Categorical, CategoricalValues::Nationality) => {
                Column::Nationality(Parsed::new(NationalityComparator, raw))
            }
            (FieldKind::Categorical, CategoricalValues::Plain) => {
                Column::Categorical(CategoricalColumn::new(raw))
            }
            (FieldKind::Text, _) => Column::Text(TextColumn::new(levels, raw)),
        }
    }

    /// Append records.
    pub(crate) fn extend(&mut self, raw: &[Option<&str>]) {
        each!(self, c => c.extend(raw))
    }

    /// The comparison levels, strongest first.
    pub(crate) fn level_specs(&self) -> Vec<LevelSpec> {
        each!(self, c => c.level_specs())
    }

    /// Level of record `a` of `self` against record `b` of `other` (a column of the same
    /// field, possibly `self`). Null when either value is null.
    pub(crate) fn compare(&self, a: usize, other: &Column, b: usize) -> Level {
        match (self, other) {
            (Column::Name(x), Column::Name(y)) => x.compare(a, y, b),
            (Column::Date(x), Column::Date(y)) => x.compare(a, y, b),
            (Column::Id(x), Column::Id(y)) => x.compare(a, y, b),
            (Column::Phone(x), Column::Phone(y)) => x.compare(a, y, b),
            (Column::Gender(x), Column::Gender(y)) => x.compare(a, y, b),
            (Column::Nationality(x), Column::Nationality(y)) => x.compare(a, y, b),
            (Column::Categorical(x), Column::Categorical(y)) => x.compare(a, y, b),
            (Column::Text(x), Column::Text(y)) => x.compare(a, y, b),
            _ => Level::NULL,
        }
    }

    /// How often record `a`'s value occurs, and among how many values (for the
    /// term-frequency adjustment of an agreeing pair); `None` for kinds without counts.
    pub(crate) fn term_count(&self, a: usize) -> Option<(u64, u64)> {
        match self {
            Column::Name(c) => c.term_count(a),
            Column::Categorical(c) => c.term_count(a),
            _ => None,
        }
    }

    /// The term record `a` is counted under for term frequencies (see
    /// [`Column::term_count`]); `None` for kinds without counts or a null value.
    pub(crate) fn term_key(&self, a: usize) -> Option<String> {
        match self {
            Column::Name(c) => c.term_key(a),
            Column::Categorical(c) => c.term_key(a),
            _ => None,
        }
    }

    /// Count terms as `counts` (over `total` values) say, not by this column's records:
    /// a part of a dataset scored with the whole dataset's term frequencies. Kinds without
    /// counts are unchanged.
    pub(crate) fn use_term_counts(
        &mut self,
        counts: &std::collections::HashMap<String, u64>,
        total: u64,
    ) {
        match self {
            Column::Name(c) => c.use_term_counts(counts, total),
            Column::Categorical(c) => c.use_term_counts(counts, total),
            _ => {}
        }
    }

    /// Blocking keys of record `i` for `part`.
    pub(crate) fn keys(&self, i: usize, part: KeyPart, out: &mut Vec<u64>) {
        each!(self, c => c.keys(i, part, out))
    }

    /// An order-preserving sort key (sorted neighbourhood, oversized blocks); `None` for
    /// kinds without one or a null value.
    pub(crate) fn sort_key(&self, i: usize) -> Option<u64> {
        match self {
            Column::Name(c) => c.sort_key(i),
            Column::Text(c) => c.sort_key(i),
            _ => None,
        }
    }

    /// Why values are null, with counts (for the run report; never the values).
    pub(crate) fn null_reasons(&self) -> Vec<(&'static str, u64)> {
        match self {
            Column::Name(c) => c.null_reasons(),
            Column::Date(c) => c.null_reasons(),
            Column::Id(c) => c.null_reasons(),
            Column::Phone(c) => c.null_reasons(),
            Column::Gender(c) => c.null_reasons(),
            Column::Nationality(c) => c.null_reasons(),
            Column::Categorical(_) | Column::Text(_) => Vec::new(),
        }
    }

    /// Whether comparing two values costs far more than the other kinds (names and free
    /// text run an alignment or edit-distance DP); the scorer compares such fields last and
    /// only where their level can still change the decision.
    pub(crate) fn is_costly(&self) -> bool {
        matches!(self, Column::Name(_) | Column::Text(_))
    }

    /// The name column, for name similarity, closeness and explanations.
    pub(crate) fn as_name(&self) -> Option<&NameColumn> {
        match self {
            Column::Name(c) => Some(c.as_ref()),
            _ => None,
        }
    }
}
