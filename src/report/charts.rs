//! The report's static charts, drawn as SVG from the report data: match weights and m / u
//! per field and level, pairs per blocking rule, the histogram of match probabilities, the
//! precision–recall curve and the term-frequency adjustments.

use super::data::{BlockingInfo, ModelInfo, ScoresInfo, TfInfo};
use super::svg::{Svg, thousands, ticks};

const ROW: f64 = 20.0;
const LABEL: f64 = 230.0;

/// Match weight (log2 m/u) of every level of every field, and the prior.
pub(crate) fn weights(model: &ModelInfo) -> String {
    let rows: usize = 1 + model.fields.iter().map(|f| f.levels.len()).sum::<usize>();
    let (w, top) = (760.0, 24.0);
    let h = top + rows as f64 * ROW + 30.0;
    let max = model
        .fields
        .iter()
        .flat_map(|f| f.levels.iter().map(|l| l.weight.abs()))
        .chain([model.prior_weight.abs(), 5.0])
        .fold(0.0f64, f64::max)
        .ceil()
        // Room for the value of the longest negative bar left of it.
        + 2.0;
    let (x0, x1) = (LABEL, w - 60.0);
    let x = |v: f64| x0 + (v + max) / (2.0 * max) * (x1 - x0);
    let mut s = Svg::new(w, h, "match weight of every comparison level");
    for t in ticks(-max, max, 8) {
        s.line(
            x(t),
            top - 4.0,
            x(t),
            h - 26.0,
            if t == 0.0 { "axis" } else { "grid" },
        );
        s.text(x(t), h - 10.0, "middle", "tick", &format!("{t}"));
    }
    s.text(
        (x0 + x1) / 2.0,
        14.0,
        "middle",
        "cap",
        "match weight (bits) = log2(m / u)",
    );
    let mut y = top;
    let bar = |s: &mut Svg, label: &str, v: f64, tip: &str, y: f64| {
        s.text(LABEL - 8.0, y + 14.0, "end", "lbl", label);
        let class = if v >= 0.0 { "pos" } else { "neg" };
        s.rect(x(0.0), y + 3.0, x(v) - x(0.0), ROW - 6.0, class, tip);
        let (tx, anchor) = if v >= 0.0 {
            (x(v) + 4.0, "start")
        } else {
            (x(v) - 4.0, "end")
        };
        s.text(tx, y + 14.0, anchor, "val", &format!("{v:+.2}"));
    };
    bar(
        &mut s,
        "prior (λ)",
        model.prior_weight,
        &format!("prior λ = {:.3e}", model.prior),
        y,
    );
    y += ROW;
    for f in &model.fields {
        s.line(8.0, y, w - 8.0, y, "sep");
        for l in &f.levels {
            let tip = format!(
                "{} · {}: m = {:.4}, u = {:.6}, weight {:+.2}{}",
                f.name,
                l.name,
                l.m,
                l.u,
                l.weight,
                if l.tf_weight > 0.0 {
                    format!(", term-frequency weight {:.2}", l.tf_weight)
                } else {
                    String::new()
                }
            );
            bar(
                &mut s,
                &format!("{} · {}", f.name, l.name),
                l.weight,
                &tip,
                y,
            );
            y += ROW;
        }
    }
    s.finish()
}

/// m and u of every level, side by side on [0, 1].
pub(crate) fn m_u(model: &ModelInfo) -> String {
    let rows: usize = model.fields.iter().map(|f| f.levels.len()).sum();
    let (w, top) = (760.0, 24.0);
    let h = top + rows as f64 * ROW + 30.0;
    let panel = (w - LABEL - 40.0) / 2.0;
    let mut s = Svg::new(w, h, "m and u of every comparison level");
    for (k, name) in ["m = P(level | match)", "u = P(level | non-match)"]
        .iter()
        .enumerate()
    {
        let x0 = LABEL + k as f64 * (panel + 20.0);
        s.text(x0 + panel / 2.0, 14.0, "middle", "cap", name);
        for t in ticks(0.0, 1.0, 4) {
            let x = x0 + t * (panel - 50.0);
            s.line(
                x,
                top - 4.0,
                x,
                h - 26.0,
                if t == 0.0 { "axis" } else { "grid" },
            );
            s.text(x, h - 10.0, "middle", "tick", &format!("{t}"));
        }
    }
    let mut y = top;
    for f in &model.fields {
        s.line(8.0, y, w - 8.0, y, "sep");
        for l in &f.levels {
            s.text(
                LABEL - 8.0,
                y + 14.0,
                "end",
                "lbl",
                &format!("{} · {}", f.name, l.name),
            );
            for (k, (v, class)) in [(l.m, "m"), (l.u, "u")].into_iter().enumerate() {
                let x0 = LABEL + k as f64 * (panel + 20.0);
                let bw = v * (panel - 50.0);
                s.rect(
                    x0,
                    y + 3.0,
                    bw,
                    ROW - 6.0,
                    class,
                    &format!("{class} = {v:.6}"),
                );
                let label = if v < 0.001 {
                    format!("{v:.1e}")
                } else {
                    format!("{v:.3}")
                };
                s.text(x0 + bw + 4.0, y + 14.0, "start", "val", &label);
            }
            y += ROW;
        }
    }
    s.finish()
}

/// Candidate pairs produced by each blocking rule.
pub(crate) fn blocking(b: &BlockingInfo) -> String {
    let (w, top) = (760.0, 24.0);
    let h = top + b.rules.len() as f64 * ROW + 30.0;
    let max = b.rules.iter().map(|r| r.pairs).max().unwrap_or(1).max(1) as f64;
    let (x0, x1) = (LABEL, w - 90.0);
    let x = |v: f64| x0 + v / max * (x1 - x0);
    let mut s = Svg::new(w, h, "candidate pairs per blocking rule");
    s.text(
        (x0 + x1) / 2.0,
        14.0,
        "middle",
        "cap",
        "candidate pairs produced (each pair counted by the first rule that finds it)",
    );
    for t in ticks(0.0, max, 5) {
        s.line(
            x(t),
            top - 4.0,
            x(t),
            h - 26.0,
            if t == 0.0 { "axis" } else { "grid" },
        );
        s.text(x(t), h - 10.0, "middle", "tick", &thousands(t as u64));
    }
    for (i, r) in b.rules.iter().enumerate() {
        let y = top + i as f64 * ROW;
        s.text(LABEL - 8.0, y + 14.0, "end", "lbl", &r.name);
        let tip = format!(
            "{}: {} pairs, {} blocks, {} oversized",
            r.name,
            thousands(r.pairs),
            thousands(r.blocks as u64),
            r.oversized
        );
        s.rect(x0, y + 3.0, x(r.pairs as f64) - x0, ROW - 6.0, "bar", &tip);
        s.text(
            x(r.pairs as f64) + 4.0,
            y + 14.0,
            "start",
            "val",
            &thousands(r.pairs),
        );
    }
    s.finish()
}

/// Scored candidate pairs by match probability (log scale), with the threshold.
pub(crate) fn histogram(sc: &ScoresInfo) -> String {
    let (w, h) = (760.0, 300.0);
    let (x0, x1, y0, y1) = (70.0, w - 20.0, h - 40.0, 30.0);
    let bins = sc.histogram.len().max(1);
    let max = sc.histogram.iter().copied().max().unwrap_or(0).max(1) as f64;
    let ly = |c: u64| y0 - ((c as f64 + 1.0).log10() / (max + 1.0).log10()) * (y0 - y1);
    let x = |p: f64| x0 + p * (x1 - x0);
    let mut s = Svg::new(w, h, "histogram of match probabilities");
    let caption = if !sc.all_candidates {
        "kept pairs by match probability (log scale)".to_string()
    } else if sc.exact_from > 0.0 {
        format!(
            "scored candidate pairs by match probability (log scale); below {:.2} only those compared in full, {} more certainly below it",
            sc.exact_from,
            thousands(sc.cut_short)
        )
    } else {
        "every scored candidate pair, by match probability (log scale)".to_string()
    };
    s.text((x0 + x1) / 2.0, 16.0, "middle", "cap", &caption);
    let mut decade = 1.0;
    while decade <= max {
        let yy = ly(decade as u64 - 1);
        s.line(x0, yy, x1, yy, "grid");
        s.text(x0 - 6.0, yy + 4.0, "end", "tick", &thousands(decade as u64));
        decade *= 10.0;
    }
    for (i, &c) in sc.histogram.iter().enumerate() {
        let (a, b) = (i as f64 / bins as f64, (i + 1) as f64 / bins as f64);
        if c > 0 {
            s.rect(
                x(a) + 0.5,
                ly(c),
                x(b) - x(a) - 1.0,
                y0 - ly(c),
                "bar",
                &format!("{a:.2} – {b:.2}: {} pairs", thousands(c)),
            );
        }
    }
    for t in ticks(0.0, 1.0, 10) {
        s.text(x(t), y0 + 16.0, "middle", "tick", &format!("{t:.1}"));
    }
    s.line(x0, y0, x1, y0, "axis");
    s.line(x(sc.threshold), y1 - 6.0, x(sc.threshold), y0, "thr");
    s.text(
        x(sc.threshold) - 4.0,
        y1 + 4.0,
        "end",
        "thrlbl",
        &format!("threshold {}", sc.threshold),
    );
    s.text(
        (x0 + x1) / 2.0,
        h - 6.0,
        "middle",
        "tick",
        "match probability",
    );
    s.finish()
}

/// Precision against recall over thresholds, with the threshold chosen for the target
/// precision and the clustering threshold.
pub(crate) fn pr_curve(sc: &ScoresInfo) -> String {
    let (w, h) = (520.0, 360.0);
    let (x0, x1, y0, y1) = (60.0, w - 20.0, h - 40.0, 24.0);
    let lo_p = sc
        .pr
        .iter()
        .map(|p| p.p)
        .fold(1.0f64, f64::min)
        .min(sc.target_precision)
        .min(0.9);
    let lo_p = (lo_p * 20.0).floor() / 20.0;
    let lo_r = sc.pr.iter().map(|p| p.r).fold(1.0f64, f64::min);
    let lo_r = ((lo_r * 20.0).floor() / 20.0).min(0.9);
    let x = |r: f64| x0 + (r - lo_r) / (1.0 - lo_r) * (x1 - x0);
    let y = |p: f64| y0 - (p - lo_p) / (1.0 - lo_p) * (y0 - y1);
    let mut s = Svg::new(w, h, "precision and recall by threshold");
    s.text(
        (x0 + x1) / 2.0,
        14.0,
        "middle",
        "cap",
        "precision against recall (pairs; truth given)",
    );
    for t in ticks(lo_r, 1.0, 5) {
        s.line(x(t), y1, x(t), y0, "grid");
        s.text(x(t), y0 + 16.0, "middle", "tick", &format!("{t:.2}"));
    }
    for t in ticks(lo_p, 1.0, 5) {
        s.line(x0, y(t), x1, y(t), "grid");
        s.text(x0 - 6.0, y(t) + 4.0, "end", "tick", &format!("{t:.2}"));
    }
    s.line(x0, y0, x1, y0, "axis");
    s.line(x0, y0, x0, y1, "axis");
    let pts: Vec<(f64, f64)> = sc.pr.iter().map(|p| (x(p.r), y(p.p))).collect();
    s.polyline(&pts, "curve");
    if let Some(c) = &sc.choice {
        s.circle(
            x(c.r),
            y(c.p),
            5.0,
            "choice",
            &format!(
                "threshold {} reaches precision {:.4} with recall {:.4} (target {})",
                c.t, c.p, c.r, sc.target_precision
            ),
        );
    }
    if let Some(c) = &sc.at_threshold {
        s.circle(
            x(c.r),
            y(c.p),
            5.0,
            "current",
            &format!(
                "clustering threshold {}: precision {:.4}, recall {:.4}",
                sc.threshold, c.p, c.r
            ),
        );
    }
    s.text((x0 + x1) / 2.0, h - 6.0, "middle", "tick", "recall");
    s.finish()
}

/// Kept pairs by the term-frequency adjustment of one field.
pub(crate) fn tf(t: &TfInfo) -> String {
    let (w, h) = (520.0, 220.0);
    let (x0, x1, y0, y1) = (50.0, w - 20.0, h - 40.0, 24.0);
    let bins = t.histogram.len().max(1) as f64;
    let hi = t.lo + bins / 2.0;
    let max = t.histogram.iter().copied().max().unwrap_or(0).max(1) as f64;
    let x = |v: f64| x0 + (v - t.lo) / (hi - t.lo) * (x1 - x0);
    let y = |c: f64| y0 - c / max * (y0 - y1);
    let mut s = Svg::new(w, h, "term-frequency adjustments");
    s.text(
        (x0 + x1) / 2.0,
        14.0,
        "middle",
        "cap",
        &format!(
            "kept pairs by the {} term-frequency adjustment (bits)",
            t.field
        ),
    );
    for (i, &c) in t.histogram.iter().enumerate() {
        if c > 0 {
            let a = t.lo + i as f64 / 2.0;
            s.rect(
                x(a) + 0.5,
                y(c as f64),
                x(a + 0.5) - x(a) - 1.0,
                y0 - y(c as f64),
                if a < 0.0 { "neg" } else { "pos" },
                &format!("{a:+.1} … {:+.1} bits: {} pairs", a + 0.5, thousands(c)),
            );
        }
    }
    for tk in ticks(t.lo, hi, 8) {
        s.text(x(tk), y0 + 16.0, "middle", "tick", &format!("{tk}"));
    }
    s.line(x0, y0, x1, y0, "axis");
    s.line(x(0.0), y1, x(0.0), y0, "axis");
    s.finish()
}
