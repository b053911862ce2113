//! Similarity kernels against strsim, grouped by script and input length.
//!
//! Time is the benchmark thread's CPU time (from `/proc/thread-self/schedstat`, wall
//! time where that file does not exist), so figures are pairs per CPU-second: on a
//! machine shared with other jobs, wall time mostly measures the wait for a core.
//!
//! Every group first checks that the kernels agree with strsim on all its pairs (exactly:
//! Levenshtein, Jaro–Winkler, and the weighted similarity with unit costs),
//! then times one pass over the pairs. Throughput is reported in pairs ("elements") per
//! second, single thread.
//!
//! Inputs: name-like strings of a fixed length cut from a list of Latin and of
//! Arabic-script names, each paired with a copy carrying a few random edits (fixed seed).
//! Prepared forms (u8 codes, chars, cached queries) are built outside the timing: that is
//! the regime the kernels are for.

use std::collections::HashMap;
use std::hint::black_box;
use std::time::Duration;

use criterion::measurement::{Measurement, ValueFormatter, WallTime};
use criterion::{
    BenchmarkId, Criterion, SamplingMode, Throughput, criterion_group, criterion_main,
};
use hawiya::similarity::{
    CachedJaroWinkler, CachedLevenshtein, CostTable, jaro, levenshtein, weighted,
};

const LATIN: &str = "muhammad ahmed hassan hussein abdulrahman fatima aisha khaled omar \
youssef ibrahim saleh alfadhala mahmoud abdullah mustafa nasser sultan hamad jassim \
mohamed abdelkader slimane mouloud cherif hossein gholam fatemeh chaudhry ahmet \
dhafer munther othman qasim gamal djamel mariam zainab khadija yasmin";

const ARABIC: &str = "محمد أحمد حسن حسين عبدالرحمن فاطمة عائشة خالد عمر يوسف إبراهيم \
صالح الفضالة محمود عبدالله مصطفى ناصر سلطان حمد جاسم عبدالقادر سليمان مولود شريف \
حسين غلام ظافر منذر عثمان قاسم جمال مريم زينب خديجة ياسمين الرشيد العنزي";

/// CPU time of the calling thread (ns), if the kernel exposes it.
fn thread_cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}

/// Criterion measurement: thread CPU time, falling back to wall time.
struct CpuTime;

static WALL: WallTime = WallTime;

impl Measurement for CpuTime {
    type Intermediate = (std::time::Instant, Option<u64>);
    type Value = Duration;

    fn start(&self) -> Self::Intermediate {
        (std::time::Instant::now(), thread_cpu_ns())
    }
    fn end(&self, (wall, cpu): Self::Intermediate) -> Self::Value {
        match (cpu, thread_cpu_ns()) {
            (Some(a), Some(b)) => Duration::from_nanos(b.saturating_sub(a)),
            _ => wall.elapsed(),
        }
    }
    fn add(&self, v1: &Self::Value, v2: &Self::Value) -> Self::Value {
        *v1 + *v2
    }
    fn zero(&self) -> Self::Value {
        Duration::ZERO
    }
    fn to_f64(&self, value: &Self::Value) -> f64 {
        value.as_nanos() as f64
    }
    fn formatter(&self) -> &dyn ValueFormatter {
        WALL.formatter()
    }
}

const PAIRS: usize = 1000;
const LENGTHS: [usize; 4] = [8, 17, 32, 64];

struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// `PAIRS` pairs of strings of `len` chars: a window of the name list and an edited copy.
fn make_pairs(text: &str, len: usize, seed: u64) -> Vec<(String, String)> {
    let chars: Vec<char> = text.chars().filter(|c| !c.is_control()).collect();
    let alphabet: Vec<char> = {
        let mut a = chars.clone();
        a.sort_unstable();
        a.dedup();
        a
    };
    let mut rng = Lcg(seed);
    (0..PAIRS)
        .map(|_| {
            let start = rng.below(chars.len() - len);
            let a: Vec<char> = chars[start..start + len].to_vec();
            let mut b = a.clone();
            for _ in 0..1 + len / 8 {
                let i = rng.below(b.len());
                match rng.below(4) {
                    0 => b[i] = alphabet[rng.below(alphabet.len())],
                    1 if b.len() > 1 => {
                        b.remove(i);
                    }
                    2 => b.insert(i, alphabet[rng.below(alphabet.len())]),
                    _ if i + 1 < b.len() => b.swap(i, i + 1),
                    _ => {}
                }
            }
            (a.into_iter().collect(), b.into_iter().collect())
        })
        .collect()
}

/// Encode chars to u8 codes, one code per distinct char (fewer than 64 here).
fn encoder(pairs: &[(String, String)]) -> HashMap<char, u8> {
    let mut map = HashMap::new();
    for (a, b) in pairs {
        for c in a.chars().chain(b.chars()) {
            let next = map.len() as u8;
            map.entry(c).or_insert(next);
        }
    }
    assert!(map.len() < 64, "alphabet of {} symbols", map.len());
    map
}

/// Groups of interchangeable symbols, for a transliteration-like cost table.
const VOWELS: &str = "aeiouyاويى";
const CLASSES: [&str; 6] = ["sṣصسث", "dzذضظدز", "qkgقكج", "hحهة", "tطت", "أإآءع"];

fn translit_table(map: &HashMap<char, u8>) -> CostTable {
    let codes = |s: &str| -> Vec<u8> { s.chars().filter_map(|c| map.get(&c).copied()).collect() };
    let mut b = CostTable::builder()
        .indel_group(&codes(VOWELS), 0.3)
        .substitution_group(&codes(VOWELS), 0.3)
        .doubling_group(&codes("bdfhjklmnrstwzبتدرزسشصلمن"), 0.1)
        .transposition(Some(0.8));
    for class in CLASSES {
        b = b.substitution_group(&codes(class), 0.4);
    }
    b.build().expect("valid bench table")
}

fn bench_group(c: &mut Criterion<CpuTime>, script: &str, text: &str) {
    let unit = CostTable::unit();
    for (gi, &len) in LENGTHS.iter().enumerate() {
        let pairs = make_pairs(text, len, 0x5eed + gi as u64);
        let map = encoder(&pairs);
        let translit = translit_table(&map);
        let enc = |s: &str| -> Vec<u8> { s.chars().map(|c| map[&c]).collect() };
        let codes: Vec<(Vec<u8>, Vec<u8>)> = pairs.iter().map(|(a, b)| (enc(a), enc(b))).collect();
        let chars: Vec<(Vec<char>, Vec<char>)> = pairs
            .iter()
            .map(|(a, b)| (a.chars().collect(), b.chars().collect()))
            .collect();
        let cached_lev: Vec<CachedLevenshtein<u8>> = codes
            .iter()
            .map(|(a, _)| CachedLevenshtein::new(a))
            .collect();
        let cached_jw: Vec<CachedJaroWinkler<u8>> = codes
            .iter()
            .map(|(a, _)| CachedJaroWinkler::new(a))
            .collect();
        let cached_jw_chars: Vec<CachedJaroWinkler<char>> = chars
            .iter()
            .map(|(a, _)| CachedJaroWinkler::new(a))
            .collect();

        // Agreement with strsim before any timing.
        for (i, (a, b)) in pairs.iter().enumerate() {
            let (ca, cb) = (&codes[i].0, &codes[i].1);
            let lev = strsim::normalized_levenshtein(a, b);
            assert_eq!(levenshtein::normalized_similarity(ca, cb), lev);
            assert_eq!(
                levenshtein::normalized_similarity(&chars[i].0, &chars[i].1),
                lev
            );
            assert_eq!(cached_lev[i].normalized_similarity(cb), lev);
            assert_eq!(weighted::similarity(&unit, ca, cb), lev);
            let jw = strsim::jaro_winkler(a, b);
            assert_eq!(jaro::jaro_winkler(ca, cb), jw);
            assert_eq!(jaro::jaro_scalar(ca, cb), strsim::jaro(a, b));
            assert_eq!(jaro::jaro_winkler(&chars[i].0, &chars[i].1), jw);
            assert_eq!(cached_jw[i].jaro_winkler(cb), jw);
            assert_eq!(cached_jw_chars[i].jaro_winkler(&chars[i].1), jw);
        }

        let mut g = c.benchmark_group(format!("{script}/len{len}"));
        g.throughput(Throughput::Elements(PAIRS as u64));
        g.warm_up_time(Duration::from_millis(500));
        g.measurement_time(Duration::from_millis(1500));
        g.sample_size(20);
        // Equal samples, each long against the scheduler tick that updates CPU time.
        g.sampling_mode(SamplingMode::Flat);

        g.bench_function(BenchmarkId::new("levenshtein", "strsim_str"), |bn| {
            bn.iter(|| {
                pairs
                    .iter()
                    .map(|(a, b)| strsim::normalized_levenshtein(black_box(a), black_box(b)))
                    .sum::<f64>()
            })
        });
        g.bench_function(BenchmarkId::new("levenshtein", "hawiya_u8"), |bn| {
            bn.iter(|| {
                codes
                    .iter()
                    .map(|(a, b)| levenshtein::normalized_similarity(black_box(a), black_box(b)))
                    .sum::<f64>()
            })
        });
        g.bench_function(BenchmarkId::new("levenshtein", "hawiya_char"), |bn| {
            bn.iter(|| {
                chars
                    .iter()
                    .map(|(a, b)| levenshtein::normalized_similarity(black_box(a), black_box(b)))
                    .sum::<f64>()
            })
        });
        g.bench_function(BenchmarkId::new("levenshtein", "hawiya_cached_u8"), |bn| {
            bn.iter(|| {
                cached_lev
                    .iter()
                    .zip(&codes)
                    .map(|(q, (_, b))| q.normalized_similarity(black_box(b)))
                    .sum::<f64>()
            })
        });
        g.bench_function(BenchmarkId::new("jaro_winkler", "strsim_str"), |bn| {
            bn.iter(|| {
                pairs
                    .iter()
                    .map(|(a, b)| strsim::jaro_winkler(black_box(a), black_box(b)))
                    .sum::<f64>()
            })
        });
        g.bench_function(BenchmarkId::new("jaro_winkler", "hawiya_u8"), |bn| {
            bn.iter(|| {
                codes
                    .iter()
                    .map(|(a, b)| jaro::jaro_winkler(black_box(a), black_box(b)))
                    .sum::<f64>()
            })
        });
        g.bench_function(BenchmarkId::new("jaro", "hawiya_scalar_u8"), |bn| {
            bn.iter(|| {
                codes
                    .iter()
                    .map(|(a, b)| jaro::jaro_scalar(black_box(a), black_box(b)))
                    .sum::<f64>()
            })
        });
        g.bench_function(BenchmarkId::new("jaro", "hawiya_bitparallel_u8"), |bn| {
            bn.iter(|| {
                codes
                    .iter()
                    .map(|(a, b)| jaro::jaro(black_box(a), black_box(b)))
                    .sum::<f64>()
            })
        });
        g.bench_function(BenchmarkId::new("jaro_winkler", "hawiya_char"), |bn| {
            bn.iter(|| {
                chars
                    .iter()
                    .map(|(a, b)| jaro::jaro_winkler(black_box(a), black_box(b)))
                    .sum::<f64>()
            })
        });
        g.bench_function(BenchmarkId::new("jaro_winkler", "hawiya_cached_u8"), |bn| {
            bn.iter(|| {
                cached_jw
                    .iter()
                    .zip(&codes)
                    .map(|(q, (_, b))| q.jaro_winkler(black_box(b)))
                    .sum::<f64>()
            })
        });
        g.bench_function(
            BenchmarkId::new("jaro_winkler", "hawiya_cached_char"),
            |bn| {
                bn.iter(|| {
                    cached_jw_chars
                        .iter()
                        .zip(&chars)
                        .map(|(q, (_, b))| q.jaro_winkler(black_box(b)))
                        .sum::<f64>()
                })
            },
        );
        g.bench_function(BenchmarkId::new("weighted", "hawiya_unit_u8"), |bn| {
            bn.iter(|| {
                codes
                    .iter()
                    .map(|(a, b)| weighted::similarity(&unit, black_box(a), black_box(b)))
                    .sum::<f64>()
            })
        });
        g.bench_function(BenchmarkId::new("weighted", "hawiya_translit_u8"), |bn| {
            bn.iter(|| {
                codes
                    .iter()
                    .map(|(a, b)| weighted::similarity(&translit, black_box(a), black_box(b)))
                    .sum::<f64>()
            })
        });
        g.finish();
    }
}

fn similarity(c: &mut Criterion<CpuTime>) {
    bench_group(c, "latin", LATIN);
    bench_group(c, "arabic", ARABIC);
}

criterion_group! {
    name = benches;
    config = Criterion::default().with_measurement(CpuTime);
    targets = similarity
}
criterion_main!(benches);
