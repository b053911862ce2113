//! Name screening at scale: build a name-only `Index` from generated names and run queries
//! against it, printing build time, peak memory, queries per second and per-query latency.
//!
//! ```text
//! cargo run --release --example bench_search -- [--index 1000000] [--queries 10000] [--seed 7]
//! ```
//!
//! The workload (`benches/common/search_workload.rs`): a generated registry of
//! index + queries records; each query is another record (spelling, often the other
//! script) of a person with records in the index. Printed:
//! - build: wall and CPU seconds of `Index::from_names` (names prepared, keys, postings);
//! - memory: peak resident set (`VmHWM` of /proc/self/status) before and after the build
//!   (the difference is the index's own peak; the generated records are in both);
//! - throughput: all queries with `Index::search_many` (parallel over queries, top 10);
//! - latency: every query alone with `Index::search` on one thread, p50 / p99 / max; each
//!   query runs three times and its fastest run counts (on a shared machine the slower
//!   runs measure the other processes);
//! - quality on this workload: top-1, top-5, MRR and the share lost by retrieval.

#[path = "../benches/common/search_workload.rs"]
mod workload;

use std::time::Instant;

use hawiya::Index;

/// A line of /proc/self/status in kB (`None` off Linux).
fn status_kb(key: &str) -> Option<u64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = s.lines().find(|l| l.starts_with(key))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// CPU seconds (user + system) of this process so far (`None` off Linux).
fn cpu_seconds() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/self/stat").ok()?;
    let after = &s[s.rfind(')')? + 2..];
    let f: Vec<&str> = after.split_whitespace().collect();
    let ticks: f64 = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (mut n, mut q, mut seed) = (1_000_000usize, 10_000usize, 7u64);
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let v = args.next().ok_or("every option needs a value")?;
        match a.as_str() {
            "--index" => n = v.parse()?,
            "--queries" => q = v.parse()?,
            "--seed" => seed = v.parse()?,
            _ => return Err(format!("unknown option {a}").into()),
        }
    }
    let t = Instant::now();
    let w = workload::build(n, q, seed);
    println!(
        "workload: {} indexed names, {} queries, generated in {:.1}s",
        w.names.len(),
        w.queries.len(),
        t.elapsed().as_secs_f64()
    );
    let hwm_before = status_kb("VmHWM:").unwrap_or(0);

    let ids: Vec<&str> = w.ids.iter().map(String::as_str).collect();
    let names: Vec<&str> = w.names.iter().map(String::as_str).collect();
    let (t, c) = (Instant::now(), cpu_seconds());
    let index = Index::from_names(&ids, &names)?;
    let (build_wall, build_cpu) = (
        t.elapsed().as_secs_f64(),
        cpu_seconds().zip(c).map_or(f64::NAN, |(b, a)| b - a),
    );
    let hwm_after = status_kb("VmHWM:").unwrap_or(0);
    println!(
        "build: {build_wall:.1}s wall, {build_cpu:.1}s CPU ({} threads)",
        rayon_threads()
    );
    println!(
        "memory: peak RSS {:.0} MiB before the build, {:.0} MiB after (+{:.0} MiB); RSS now {:.0} MiB",
        hwm_before as f64 / 1024.0,
        hwm_after as f64 / 1024.0,
        hwm_after.saturating_sub(hwm_before) as f64 / 1024.0,
        status_kb("VmRSS:").unwrap_or(0) as f64 / 1024.0
    );

    let queries: Vec<&str> = w.queries.iter().map(String::as_str).collect();
    let (t, c) = (Instant::now(), cpu_seconds());
    let hits = index.search_many(&queries, 10)?;
    let (wall, cpu) = (
        t.elapsed().as_secs_f64(),
        cpu_seconds().zip(c).map_or(f64::NAN, |(b, a)| b - a),
    );
    let found: usize = hits.iter().map(Vec::len).sum();
    println!(
        "throughput: {} queries in {wall:.2}s wall, {cpu:.2}s CPU: {:.0} queries/s wall, {:.0} queries per CPU-second ({found} hits)",
        queries.len(),
        queries.len() as f64 / wall,
        queries.len() as f64 / cpu
    );

    let mut lat: Vec<f64> = Vec::with_capacity(queries.len());
    for name in &queries {
        let mut best = f64::INFINITY;
        for _ in 0..3 {
            let t = Instant::now();
            let h = index.search(name, 10)?;
            best = best.min(t.elapsed().as_secs_f64() * 1e3);
            std::hint::black_box(h);
        }
        lat.push(best);
    }
    lat.sort_by(f64::total_cmp);
    let pct = |p: f64| lat[((lat.len() as f64 * p) as usize).min(lat.len() - 1)];
    println!(
        "latency (one query, one thread, fastest of 3 runs): p50 {:.3} ms, p99 {:.3} ms, max {:.3} ms",
        pct(0.50),
        pct(0.99),
        lat.last().copied().unwrap_or(0.0)
    );

    let m = index.evaluate_search(&queries, &w.answers, 10)?;
    println!("quality: {m}");
    Ok(())
}

fn rayon_threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}
