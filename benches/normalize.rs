//! Name normalisation cost against a bare NFKC pass over the same 20,000 names.
//!
//! The names are generated deterministically (half Arabic script, half Latin, with
//! titles, articles, tashkeel and family-first order mixed in). Besides the criterion
//! groups, the bench times both passes interleaved in the same run (best of 5 × 20 passes,
//! thread CPU time where Linux provides it) and prints `ratio = normalise+parse+keys / NFKC`
//! (the target is at most 3).

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use hawiya::name::Normalizer;
use unicode_normalization::UnicodeNormalization;

const GIVEN_AR: &[&str] = &[
    "محمد",
    "أحمد",
    "عبدالله",
    "عبد الرحمن",
    "فاطمة",
    "عائشة",
    "يوسف",
    "خالد",
    "حسين",
    "حسن",
    "مريم",
    "نور الدين",
    "عمر",
    "علي",
    "سارة",
    "إبراهيم",
    "مُحَمَّد",
    "زينب",
    "سعيد",
    "هدى",
];
const FAMILY_AR: &[&str] = &[
    "الفضالة",
    "المطيري",
    "العنزي",
    "الشمري",
    "آل ثاني",
    "الصباح",
    "القحطاني",
    "الهاشمي",
    "الرشيد",
    "أبو غزالة",
    "الخطيب",
    "النجار",
];
const GIVEN_LAT: &[&str] = &[
    "Mohammed",
    "Ahmed",
    "Abdullah",
    "Abdul Rahman",
    "Fatima",
    "Aisha",
    "Youssef",
    "Khaled",
    "Hussein",
    "Hassan",
    "Mariam",
    "Noureddine",
    "Omar",
    "Ali",
    "Sarah",
    "Ibrahim",
    "Muḥammad",
    "Zainab",
    "Saeed",
    "Houda",
];
const FAMILY_LAT: &[&str] = &[
    "Al-Fadhala",
    "Al Mutairi",
    "ALENEZI",
    "Al-Shammari",
    "Al Thani",
    "Al-Sabah",
    "Alqahtani",
    "El Hashemi",
    "Ar-Rashid",
    "Abu Ghazaleh",
    "Al Khatib",
    "Najjar",
];

fn names(count: usize) -> Vec<String> {
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = |m: usize| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((state >> 33) as usize) % m
    };
    (0..count)
        .map(|i| {
            if i % 2 == 0 {
                let title = if next(10) == 0 { "الشيخ " } else { "" };
                format!(
                    "{title}{} {} {}",
                    GIVEN_AR[next(GIVEN_AR.len())],
                    GIVEN_AR[next(GIVEN_AR.len())],
                    FAMILY_AR[next(FAMILY_AR.len())]
                )
            } else if next(8) == 0 {
                format!(
                    "{}, {} {}",
                    FAMILY_LAT[next(FAMILY_LAT.len())].to_uppercase(),
                    GIVEN_LAT[next(GIVEN_LAT.len())].to_uppercase(),
                    GIVEN_LAT[next(GIVEN_LAT.len())].to_uppercase()
                )
            } else {
                format!(
                    "{} {} {}",
                    GIVEN_LAT[next(GIVEN_LAT.len())],
                    GIVEN_LAT[next(GIVEN_LAT.len())],
                    FAMILY_LAT[next(FAMILY_LAT.len())]
                )
            }
        })
        .collect()
}

fn nfkc_pass(names: &[String]) -> usize {
    names
        .iter()
        .map(|s| s.nfkc().collect::<String>().len())
        .sum()
}

fn hawiya_pass(n: &Normalizer, names: &[String]) -> usize {
    names
        .iter()
        .map(|s| {
            let p = n.normalize(s);
            p.key().len() + p.tokens.len()
        })
        .sum()
}

/// CPU time of this thread so far, from `/proc/thread-self/schedstat` (Linux): unlike wall
/// time it does not count the time other processes hold the CPU.
fn cpu_time() -> Option<Duration> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = s.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(ns))
}

/// Time `repeat` runs of `f`, divided by `repeat`. The kernel updates a thread's CPU time
/// at scheduler ticks (a few ms), so each measured interval must be much longer than that.
fn measure(f: &impl Fn() -> usize, repeat: u32) -> Duration {
    let run = || {
        for _ in 0..repeat {
            black_box(f());
        }
    };
    let total = match cpu_time() {
        Some(start) => {
            run();
            cpu_time().map_or(Duration::MAX, |end| end.saturating_sub(start))
        }
        None => {
            let t = Instant::now();
            run();
            t.elapsed()
        }
    };
    total / repeat
}

/// Best-of-`rounds` CPU times of two passes, interleaved so that whatever else runs on
/// the machine affects both alike.
fn time_pair(
    a: impl Fn() -> usize,
    b: impl Fn() -> usize,
    rounds: usize,
    repeat: u32,
) -> (Duration, Duration) {
    let (mut best_a, mut best_b) = (Duration::MAX, Duration::MAX);
    for _ in 0..rounds {
        best_a = best_a.min(measure(&a, repeat));
        best_b = best_b.min(measure(&b, repeat));
    }
    (best_a, best_b)
}

fn bench(c: &mut Criterion) {
    let names = names(20_000);
    let n = Normalizer::default();
    // Results are real: every generated name has a non-empty key.
    for s in names.iter().take(2_000) {
        assert!(!n.normalize(s).key().is_empty(), "{s}");
    }
    let smoke = std::env::args().any(|a| a == "--test");
    let (rounds, repeat) = if smoke { (1, 1) } else { (5, 20) };
    let (nfkc, ours) = time_pair(
        || nfkc_pass(&names),
        || hawiya_pass(&n, &names),
        rounds,
        repeat,
    );
    let per = |d: Duration| d.as_nanos() as f64 / names.len() as f64;
    println!(
        "normalize 20k names: nfkc {:.0} ns/name, hawiya {:.0} ns/name, ratio = {:.2} (target <= 3)",
        per(nfkc),
        per(ours),
        ours.as_secs_f64() / nfkc.as_secs_f64()
    );

    let mut g = c.benchmark_group("normalize_20k");
    g.sample_size(10);
    g.bench_function("unicode_normalization_nfkc", |b| {
        b.iter(|| nfkc_pass(black_box(&names)))
    });
    g.bench_function("hawiya_normalize_parse_keys", |b| {
        b.iter(|| hawiya_pass(&n, black_box(&names)))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
