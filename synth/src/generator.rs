//! Laying out a dataset (households, persons, copies, shuffled order) and producing
//! each record from its own random stream.

use super::calendar::civil_from_days;
use super::inventory::Inventory;
use super::{Appearance, Gender, GeneratorConfig, Person, Record, Region, Script, fields, names};
use hawiya::Result;
use hawiya::SplitMix64;

/// Sub-stream ids of [`SplitMix64::derive`].
mod stream {
    pub const HOUSEHOLD: u64 = 2;
    pub const CLAN_SHARED: u64 = 3;
    pub const CLAN_OWN: u64 = 4;
    pub const COUSIN: u64 = 5;
    pub const RECORD: u64 = 6;
    pub const SOURCES: u64 = 7;
    pub const STYLE: u64 = 8;
    pub const SERIAL: u64 = 9;
    pub const SHUFFLE: u64 = 10;
}

/// Earliest and latest household base birth dates (days since 1970-01-01).
const BASE_FIRST_DAY: i64 = -9_131; // 1945-01-01
const BASE_LAST_DAY: i64 = 13_879; // 2007-12-31

#[derive(Debug, Clone)]
struct Member {
    gender: Gender,
    given: u32,
    dob_days: i64,
    phone: u32,
    has_id: bool,
    copies: u8,
}

#[derive(Debug, Clone)]
struct Household {
    region: Region,
    nationality: usize,
    family: u32,
    father: u32,
    grandfather: u32,
    great_grandfather: u32,
    christian: bool,
    members: Vec<Member>,
}

/// Nationality index for a household of `region`.
fn nationality_for(region: Region, rng: &mut SplitMix64) -> usize {
    let (choices, weights): (&[usize], &[f64]) = match region {
        Region::Gulf => (
            &[0, 1, 2, 3, 4, 5, 6],
            &[80.0, 7.0, 3.0, 3.0, 2.0, 2.0, 3.0],
        ),
        Region::Bidoon => (&[fields::STATELESS], &[1.0]),
        Region::Levant => (&[8, 9, 10, 11, 7], &[30.0, 25.0, 18.0, 20.0, 7.0]),
        Region::Egypt => (&[12], &[1.0]),
        Region::Maghreb => (&[13, 14, 15], &[40.0, 35.0, 25.0]),
        Region::SouthAsia => (&[16, 17, 18], &[40.0, 35.0, 25.0]),
    };
    choices[rng.weighted(weights).min(choices.len() - 1)]
}

/// The lineage shared by cousins.
struct Clan {
    region: Region,
    nationality: usize,
    family: u32,
    grandfather: u32,
    great_grandfather: u32,
    /// Two brothers: the fathers of the two cousin households.
    fathers: [u32; 2],
    /// A Christian family (Levant, Egypt): names from the Christian pools.
    christian: bool,
}

fn clan(config: &GeneratorConfig, inv: &Inventory, stream_id: u64, index: u64) -> Clan {
    let mut rng = SplitMix64::derive(config.seed, stream_id, index);
    let region = Region::ALL[rng.weighted(&config.regions.as_array()).min(5)];
    let nationality = nationality_for(region, &mut rng);
    let christian =
        matches!(region, Region::Levant | Region::Egypt) && rng.chance(config.christian_share);
    let family = inv.sample_family(region, christian, &mut rng);
    let mut male = || inv.sample_given(region, Gender::Male, christian, &mut rng);
    let great_grandfather = male();
    let grandfather = male();
    let f0 = male();
    let mut f1 = male();
    for _ in 0..16 {
        if f1 != f0 {
            break;
        }
        f1 = male();
    }
    Clan {
        region,
        nationality,
        family,
        grandfather,
        great_grandfather,
        fathers: [f0, f1],
        christian,
    }
}

/// Household `h`, a pure function of the config and `h`. Households `2k` and `2k + 1`
/// are cousins (their fathers brothers) with probability `cousin_share`.
fn household(config: &GeneratorConfig, inv: &Inventory, h: u64) -> Household {
    let pair = h >> 1;
    let cousins = SplitMix64::derive(config.seed, stream::COUSIN, pair).chance(config.cousin_share);
    let Clan {
        region,
        nationality,
        family,
        grandfather,
        great_grandfather,
        fathers,
        christian,
    } = if cousins {
        clan(config, inv, stream::CLAN_SHARED, pair)
    } else {
        clan(config, inv, stream::CLAN_OWN, h)
    };
    let father = fathers[(h & 1) as usize];
    let mut rng = SplitMix64::derive(config.seed, stream::HOUSEHOLD, h);
    let size = if rng.chance(config.sibling_share) && config.max_siblings > 1 {
        2 + rng.below(u64::from(config.max_siblings) - 1) as usize
    } else {
        1
    };
    let landline = fields::landline_number(&mut rng);
    let mut dob = BASE_FIRST_DAY + rng.below((BASE_LAST_DAY - BASE_FIRST_DAY) as u64) as i64;
    let mut members: Vec<Member> = Vec::with_capacity(size);
    for m in 0..size {
        if m > 0 && !rng.chance(config.twin_share) {
            dob += 300 + rng.below(1500) as i64;
        }
        let gender = if rng.chance(0.5) {
            Gender::Male
        } else {
            Gender::Female
        };
        // Siblings get distinct names, and sons are not named after their father.
        let mut given = inv.sample_given(region, gender, christian, &mut rng);
        for _ in 0..16 {
            let clash = members
                .iter()
                .any(|o| o.given == given && o.gender == gender)
                || (gender == Gender::Male && given == father);
            if !clash {
                break;
            }
            given = inv.sample_given(region, gender, christian, &mut rng);
        }
        let phone = if rng.chance(config.fields.household_phone_share) {
            landline
        } else {
            fields::mobile_number(&mut rng)
        };
        let has_id = region != Region::Bidoon || rng.chance(config.civil_id.bidoon_with_id_share);
        let copies = if rng.chance(config.duplicate_share) && config.max_copies > 1 {
            2 + rng.below(u64::from(config.max_copies) - 1) as u8
        } else {
            1
        };
        members.push(Member {
            gender,
            given,
            dob_days: dob,
            phone,
            has_id,
            copies,
        });
    }
    Household {
        region,
        nationality,
        family,
        father,
        grandfather,
        great_grandfather,
        christian,
        members,
    }
}

/// One person of the dataset layout (8 bytes).
#[derive(Debug, Clone, Copy)]
struct PersonSlot {
    household: u32,
    member: u8,
    copies: u8,
    serial: u16,
}

/// The record generator: an iterator of [`Record`]s in a shuffled order (the records of
/// one person are not adjacent), with random access by position.
///
/// Building it lays out the dataset (which person has how many records, where each
/// record goes): about 16 bytes per record. Records are then produced one at a time.
///
/// ```
/// use hawiya_synth::{Generator, GeneratorConfig};
/// let g = Generator::new(GeneratorConfig { records: 1000, ..GeneratorConfig::default() })?;
/// assert_eq!(g.record_count(), 1000);
/// let r = g.record(0).expect("in range");
/// let p = g.person(r.cluster).expect("every cluster is a person");
/// assert!(p.copies >= 1);
/// # Ok::<(), hawiya::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Generator {
    config: GeneratorConfig,
    persons: Vec<PersonSlot>,
    /// Output position → (person, copy), packed as `person << 8 | copy`.
    order: Vec<u64>,
    next: usize,
    id_width: usize,
    /// Arabic-script share of each source, in `config.sources` order.
    source_arabic: Vec<f64>,
}

impl Generator {
    /// Validate `config` and lay out the dataset.
    ///
    /// # Errors
    /// [`hawiya::ErrorKind::Config`] when a config value is out of range.
    pub fn new(config: GeneratorConfig) -> Result<Self> {
        config.validate()?;
        let inv = Inventory::get();
        let n = config.records as usize;
        let mut persons: Vec<PersonSlot> = Vec::with_capacity(n);
        let mut dobs: Vec<(i64, u32)> = Vec::with_capacity(n);
        let mut total = 0usize;
        let mut h = 0u64;
        while total < n {
            let hh = household(&config, inv, h);
            for (m, member) in hh.members.iter().enumerate() {
                if total >= n {
                    break;
                }
                let copies = usize::from(member.copies).min(n - total);
                total += copies;
                dobs.push((member.dob_days, persons.len() as u32));
                persons.push(PersonSlot {
                    household: h as u32,
                    member: m as u8,
                    copies: copies as u8,
                    serial: 0,
                });
            }
            h += 1;
        }
        // Civil-ID serials: unique among persons born the same day. Each person gets the
        // even serial 2·(rank + offset) mod 10 000; when that serial has no valid check
        // digit the next (odd) one does, so no two persons share an ID while fewer than
        // 5 000 are born on one day.
        dobs.sort_unstable();
        let mut rank = 0u64;
        for i in 0..dobs.len() {
            rank = if i > 0 && dobs[i].0 == dobs[i - 1].0 {
                rank + 1
            } else {
                0
            };
            let offset =
                SplitMix64::derive(config.seed, stream::SERIAL, dobs[i].0 as u64).below(5000);
            let serial = (2 * ((rank + offset) % 5000)) as u16;
            if let Some(p) = persons.get_mut(dobs[i].1 as usize) {
                p.serial = serial;
            }
        }
        drop(dobs);
        let mut order: Vec<u64> = Vec::with_capacity(n);
        for (p, slot) in persons.iter().enumerate() {
            for c in 0..slot.copies {
                order.push(((p as u64) << 8) | u64::from(c));
            }
        }
        // Fisher–Yates shuffle so that row order says nothing about the truth.
        let mut rng = SplitMix64::derive(config.seed, stream::SHUFFLE, 0);
        for i in (1..order.len()).rev() {
            let j = rng.index(i + 1);
            order.swap(i, j);
        }
        let id_width = n.to_string().len().max(7);
        let source_arabic = config
            .sources
            .iter()
            .map(|s| {
                config
                    .source_arabic_share
                    .get(s)
                    .copied()
                    .unwrap_or(config.arabic_share)
            })
            .collect();
        Ok(Generator {
            config,
            persons,
            order,
            next: 0,
            id_width,
            source_arabic,
        })
    }

    /// The config this generator was built from.
    pub fn config(&self) -> &GeneratorConfig {
        &self.config
    }

    /// Number of records in the whole dataset (the iterator's `len()` counts those
    /// still to come).
    pub fn record_count(&self) -> usize {
        self.order.len()
    }

    /// Number of distinct persons (clusters).
    pub fn person_count(&self) -> usize {
        self.persons.len()
    }

    /// All records as a [`hawiya::Table`] with the [`super::COLUMNS`] (the `cluster` truth
    /// included), ready for the engine.
    ///
    /// ```
    /// use hawiya_synth::{Generator, GeneratorConfig};
    /// # fn main() -> hawiya::Result<()> {
    /// let table = Generator::new(GeneratorConfig { records: 50, ..Default::default() })?.table()?;
    /// assert_eq!(table.len(), 50);
    /// assert!(table.value(0, "cluster").is_some());
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// Only if a column would exceed 4 GiB of text.
    pub fn table(&self) -> Result<hawiya::Table> {
        let mut t = hawiya::Table::new(super::COLUMNS.iter().map(|c| c.to_string()).collect())?;
        for r in self.clone() {
            let cluster = r.cluster.to_string();
            t.push_row(&[
                &r.unique_id,
                &r.source,
                &r.full_name,
                &r.dob,
                &r.civil_id,
                &r.gender,
                &r.nationality,
                &r.phone,
                &cluster,
            ])?;
        }
        Ok(t)
    }

    /// The truth about person `id` (a record's `cluster`), or `None` when out of range.
    pub fn person(&self, id: u64) -> Option<Person> {
        let slot = *self.persons.get(usize::try_from(id).ok()?)?;
        let inv = Inventory::get();
        let hh = household(&self.config, inv, u64::from(slot.household));
        let m = hh.members.get(usize::from(slot.member))?;
        let name = |i: u32| inv.given.get(i as usize).map_or("", |e| e.arabic);
        let dob = civil_from_days(m.dob_days);
        let civil_id = if m.has_id {
            fields::kuwait_civil_id(dob, slot.serial)
                .map(|d| d.iter().map(|x| char::from(b'0' + x)).collect())
        } else {
            None
        };
        Some(Person {
            id,
            household: u64::from(slot.household),
            region: hh.region,
            christian: hh.christian,
            gender: m.gender,
            given: name(m.given),
            father: name(hh.father),
            grandfather: name(hh.grandfather),
            great_grandfather: name(hh.great_grandfather),
            family: inv.family.get(hh.family as usize).map_or("", |e| e.arabic),
            dob,
            civil_id,
            nationality: fields::NATIONALITIES[hh.nationality.min(fields::STATELESS)].alpha3,
            phone: format!("{:08}", m.phone),
            copies: slot.copies,
        })
    }

    /// The records at output positions `range` (clamped to the dataset), in order. With
    /// the `parallel` feature they are generated on all cores; the result is the same.
    ///
    /// ```
    /// use hawiya_synth::{Generator, GeneratorConfig};
    /// let g = Generator::new(GeneratorConfig { records: 100, ..GeneratorConfig::default() })?;
    /// let batch = g.records(90..200);
    /// assert_eq!(batch.len(), 10);
    /// assert_eq!(batch[0], g.record(90).expect("in range"));
    /// # Ok::<(), hawiya::Error>(())
    /// ```
    pub fn records(&self, range: std::ops::Range<usize>) -> Vec<Record> {
        let end = range.end.min(self.order.len());
        let start = range.start.min(end);
        #[cfg(feature = "parallel")]
        {
            use rayon::prelude::*;
            (start..end)
                .into_par_iter()
                .filter_map(|i| self.record(i))
                .collect()
        }
        #[cfg(not(feature = "parallel"))]
        {
            (start..end).filter_map(|i| self.record(i)).collect()
        }
    }

    /// The source (index into `config.sources`) of copy `copy` of person `person_id`.
    /// Copies move along a random cycle through the sources (a step coprime to their
    /// number visits each once), staying put with probability `same_source_share`.
    fn source_index(&self, person_id: u64, copy: u8) -> usize {
        let ns = self.config.sources.len();
        let mut srng = SplitMix64::derive(self.config.seed, stream::SOURCES, person_id);
        let start = srng.index(ns);
        let step = if ns > 1 { 1 + srng.index(ns - 1) } else { 0 };
        let step = if gcd(step, ns) == 1 { step } else { 1 };
        let mut moves = 0usize;
        for _ in 0..copy {
            if !srng.chance(self.config.same_source_share) {
                moves += 1;
            }
        }
        (start + moves * step) % ns.max(1)
    }

    /// The record at output `position` (0-based), or `None` when out of range.
    pub fn record(&self, position: usize) -> Option<Record> {
        let packed = *self.order.get(position)?;
        let person_id = packed >> 8;
        let copy = (packed & 0xFF) as u8;
        let slot = *self.persons.get(person_id as usize)?;
        let inv = Inventory::get();
        let cfg = &self.config;
        let hh = household(cfg, inv, u64::from(slot.household));
        let m = hh.members.get(usize::from(slot.member))?;
        let mut rng = SplitMix64::derive(cfg.seed, stream::RECORD, packed);

        let source_index = self.source_index(person_id, copy);
        let source = cfg.sources.get(source_index)?.clone();
        let parts = names::NameParts {
            given: inv.given.get(m.given as usize)?,
            father: inv.given.get(hh.father as usize)?,
            grandfather: inv.given.get(hh.grandfather as usize)?,
            great_grandfather: inv.given.get(hh.great_grandfather as usize)?,
            family: inv.family.get(hh.family as usize)?,
            christian: hh.christian,
        };
        let arabic_share = self.source_arabic.get(source_index).copied().unwrap_or(0.0);
        let script = if rng.chance(arabic_share) {
            Script::Arabic
        } else {
            Script::Latin
        };
        let style_seed = SplitMix64::derive(cfg.seed, stream::STYLE, person_id).next_u64();
        let name = names::render_name(
            &parts, script, hh.region, m.gender, &cfg.name, style_seed, &mut rng,
        );
        let (dob, dob_written) = fields::dob_text(m.dob_days, &cfg.dob, &mut rng);
        let id_digits = if m.has_id {
            fields::kuwait_civil_id(civil_from_days(m.dob_days), slot.serial)
        } else {
            None
        };
        let (civil_id, id_status) = fields::civil_id_text(id_digits, &cfg.civil_id, &mut rng);
        let (gender, gender_error) = fields::gender_text(m.gender, &cfg.fields, &mut rng);
        let nationality = fields::nationality_text(hh.nationality, m.gender, &cfg.fields, &mut rng);
        let phone = fields::phone_text(m.phone, &cfg.fields, &mut rng);
        Some(Record {
            unique_id: format!("r{:0width$}", position + 1, width = self.id_width),
            source,
            full_name: name.text,
            dob,
            civil_id,
            gender,
            nationality,
            phone,
            cluster: person_id,
            appearance: Appearance {
                copy,
                script,
                convention: name.convention,
                dob: dob_written,
                civil_id: id_status,
                name_parts: name.parts,
                gender_error,
            },
        })
    }
}

fn gcd(a: usize, b: usize) -> usize {
    if b == 0 { a } else { gcd(b, a % b) }
}

impl Iterator for Generator {
    type Item = Record;

    fn next(&mut self) -> Option<Record> {
        let r = self.record(self.next)?;
        self.next += 1;
        Some(r)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = self.order.len().saturating_sub(self.next);
        (left, Some(left))
    }
}

impl ExactSizeIterator for Generator {}
