//! [`BlockingPlan`]: the blocking rules of a config resolved once — fields, key parts,
//! limits, unknown keys — and turned into key rules over prepared records, for a batch run
//! ([`BlockingPlan::blocking`]) or an incremental index ([`BlockingPlan::postings`]).

use super::keys::{rule_keys, unknown_flags};
use super::postings::PostingsIndex;
use super::{Blocking, KeyRule, Mode, RuleOptions};
use crate::Result;
use crate::prepare::PreparedDataset;
use crate::schema::{BlockingRuleConfig, Config, FieldKind, KeyPart, ResolvedPart};

/// Inputs with at most this many possible pairs (`n(n−1)/2` for a dedupe, `left · right`
/// for a link; 1,414 records, or 1,000 + 1,000) have every pair compared: scoring them
/// takes a few seconds, and no blocking rule can miss a pair whose values all differ in
/// spelling. Larger inputs rely on the blocking rules alone.
pub(crate) const ALL_PAIRS_BUDGET: f64 = 1_000_000.0;

/// The name of the rule that pairs every record of a small input.
pub(crate) const ALL_PAIRS_RULE: &str = "all pairs";

/// Pairs possible among `n` records in `mode`.
pub(super) fn possible_pairs(mode: Mode, n: usize) -> f64 {
    let n = n as f64;
    match mode {
        Mode::Dedupe => n * (n - 1.0) / 2.0,
        Mode::Link { left_len } => f64::from(left_len) * (n - f64::from(left_len)),
    }
}

/// One resolved rule.
#[derive(Clone, Debug)]
pub(crate) struct PlannedRule {
    /// The rule's name (reports).
    pub(crate) name: String,
    /// Key parts (AND); empty for a sorted-neighbourhood rule.
    pub(crate) parts: Vec<ResolvedPart>,
    /// The name field of a sorted-neighbourhood rule.
    pub(crate) sorted: Option<usize>,
    /// Records without this key are unknown for the rule.
    pub(crate) unknown: Option<ResolvedPart>,
    /// Limits.
    pub(crate) options: RuleOptions,
}

impl From<&BlockingRuleConfig> for RuleOptions {
    fn from(r: &BlockingRuleConfig) -> Self {
        let d = RuleOptions::default();
        RuleOptions {
            max_block: r.max_block.unwrap_or(d.max_block),
            window: r.window.unwrap_or(d.window),
            max_unknown_block: r.max_unknown_block.unwrap_or(d.max_unknown_block),
        }
    }
}

/// The blocking rules in force for a config, resolved once.
#[derive(Clone, Debug)]
pub(crate) struct BlockingPlan {
    rules: Vec<PlannedRule>,
    /// The first name field: its sort key orders records inside oversized blocks.
    sort_field: Option<usize>,
}

impl BlockingPlan {
    /// Resolve the rules in force ([`Config::effective_blocking`]).
    ///
    /// # Errors
    /// A config error for a rule that does not resolve (see [`Config::resolve_rule`]).
    pub(crate) fn new(config: &Config) -> Result<Self> {
        let mut cfg = config.clone();
        cfg.blocking = config.effective_blocking();
        let mut rules = Vec::with_capacity(cfg.blocking.len());
        for (i, r) in cfg.blocking.iter().enumerate() {
            let (parts, sorted) = cfg.resolve_rule(i)?;
            rules.push(PlannedRule {
                name: r.name.clone(),
                parts,
                sorted,
                unknown: cfg.resolve_unknown(i)?,
                options: RuleOptions::from(r),
            });
        }
        let sort_field = cfg.fields.iter().position(|f| f.kind == FieldKind::Name);
        Ok(BlockingPlan { rules, sort_field })
    }

    /// The rules, in order.
    pub(crate) fn rules(&self) -> &[PlannedRule] {
        &self.rules
    }

    /// The field whose sort key orders oversized blocks.
    pub(crate) fn sort_field(&self) -> Option<usize> {
        self.sort_field
    }

    /// The sort key of record `rec` (0 without a name or for a null name).
    pub(crate) fn sort_key(&self, data: &PreparedDataset, rec: usize) -> u64 {
        self.sort_field
            .and_then(|f| data.column(f).sort_key(rec))
            .unwrap_or(0)
    }

    /// The rules keyed on one identifier field alone, as (rule index, field): deterministic
    /// rules whose pairs are (almost) all matches.
    pub(crate) fn id_rules<'a>(
        &'a self,
        config: &'a Config,
    ) -> impl Iterator<Item = (usize, usize)> + 'a {
        self.rules
            .iter()
            .enumerate()
            .filter_map(|(i, r)| match (r.parts.as_slice(), r.sorted) {
                ([p], None) if config.fields[p.field].kind == FieldKind::Id => Some((i, p.field)),
                _ => None,
            })
    }

    /// The key rules over `data` for `mode`.
    ///
    /// # Errors
    /// A config error when a rule cannot be built (too many records or keys).
    pub(crate) fn blocking(&self, data: &PreparedDataset, mode: Mode) -> Result<Blocking> {
        let mut rules = Vec::with_capacity(self.rules.len());
        for r in &self.rules {
            let rule = if let Some(f) = r.sorted {
                let keys: Vec<Option<u64>> =
                    (0..data.n).map(|i| data.column(f).sort_key(i)).collect();
                KeyRule::sorted_neighbourhood(&r.name, &keys, r.options.window)?
            } else {
                let sort: Option<Vec<u64>> = self.sort_field.map(|f| {
                    (0..data.n)
                        .map(|i| data.column(f).sort_key(i).unwrap_or(0))
                        .collect()
                });
                let rule = KeyRule::build(
                    &r.name,
                    data.n,
                    r.options.clone(),
                    sort.as_deref(),
                    |rec, out| rule_keys(data, &r.parts, rec, out),
                )?;
                match r.unknown {
                    Some(u) => rule.with_unknown(unknown_flags(data, u, 0..data.n))?,
                    None => rule,
                }
            };
            rules.push(rule);
        }
        if possible_pairs(mode, data.n) <= ALL_PAIRS_BUDGET {
            // Few records: every pair is compared (the rules above still name the pairs
            // they find; this rule adds the rest).
            let all = KeyRule::build(
                ALL_PAIRS_RULE,
                data.n,
                RuleOptions {
                    max_block: u32::MAX,
                    ..RuleOptions::default()
                },
                None,
                |_, out| out.push(0),
            )?;
            rules.push(all);
        }
        Blocking::new(mode, data.n, rules)
    }

    /// Record `rec`'s keys for the key rule `r` (not a sorted-neighbourhood rule) into
    /// `keys` (cleared first), ascending and distinct, and whether the record is unknown
    /// for the rule (it lacks the rule's unknown key): the memberships of a part, and the
    /// postings a record joins or queries.
    pub(crate) fn record_keys(
        data: &PreparedDataset,
        r: &PlannedRule,
        rec: usize,
        keys: &mut Vec<u64>,
    ) -> bool {
        keys.clear();
        let unknown = r.unknown.is_some_and(|u| {
            data.column(u.field).keys(rec, u.key, keys);
            keys.is_empty()
        });
        keys.clear();
        rule_keys(data, &r.parts, rec, keys);
        keys.sort_unstable();
        keys.dedup();
        unknown
    }

    /// Postings of every rule over `data`, for one-record queries and inserts.
    pub(crate) fn postings(&self, data: &PreparedDataset) -> PostingsIndex {
        PostingsIndex::build(self, data)
    }

    /// Whether record `rec` has the value of `part` (a filled identifier, say).
    pub(crate) fn has_key(data: &PreparedDataset, part: ResolvedPart, rec: usize) -> bool {
        let mut keys = Vec::new();
        data.column(part.field).keys(rec, part.key, &mut keys);
        !keys.is_empty()
    }

    /// Whether records of `data` have a value for `field` (for the id-rule prior).
    pub(crate) fn filled_share(data: &PreparedDataset, field: usize) -> f64 {
        let part = ResolvedPart {
            field,
            key: KeyPart::Value,
        };
        let filled = (0..data.n)
            .filter(|&r| Self::has_key(data, part, r))
            .count();
        filled as f64 / data.n.max(1) as f64
    }
}
