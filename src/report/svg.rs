//! A minimal SVG writer for the report's charts: rectangles, lines, text and paths with
//! tooltips, escaped, with coordinates rounded to a tenth of a pixel (small files, stable
//! output).

use std::fmt::Write;

/// An SVG document being written.
pub(crate) struct Svg {
    out: String,
}

/// Text escaped for XML content and attribute values.
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' && c != '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A coordinate rounded to a tenth (`-0` written as `0`).
fn n(x: f64) -> String {
    let r = (x * 10.0).round() / 10.0;
    if r == 0.0 || !r.is_finite() {
        "0".to_string()
    } else {
        format!("{r}")
    }
}

impl Svg {
    /// A `width` × `height` chart with an accessible `label`.
    pub(crate) fn new(width: f64, height: f64, label: &str) -> Self {
        let mut out = String::new();
        let _ = write!(
            out,
            r#"<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" aria-label="{l}">"#,
            w = n(width),
            h = n(height),
            l = escape(label)
        );
        Svg { out }
    }

    /// A rectangle of class `class` with a tooltip (none when empty).
    pub(crate) fn rect(&mut self, x: f64, y: f64, w: f64, h: f64, class: &str, tip: &str) {
        let (x, w) = if w < 0.0 { (x + w, -w) } else { (x, w) };
        let _ = write!(
            self.out,
            r#"<rect x="{}" y="{}" width="{}" height="{}" class="{class}">"#,
            n(x),
            n(y),
            n(w.max(0.0)),
            n(h.max(0.0))
        );
        self.tip(tip);
        self.out.push_str("</rect>");
    }

    /// A line of class `class`.
    pub(crate) fn line(&mut self, x1: f64, y1: f64, x2: f64, y2: f64, class: &str) {
        let _ = write!(
            self.out,
            r#"<line x1="{}" y1="{}" x2="{}" y2="{}" class="{class}"/>"#,
            n(x1),
            n(y1),
            n(x2),
            n(y2)
        );
    }

    /// Text anchored at `anchor` (`start`, `middle`, `end`).
    pub(crate) fn text(&mut self, x: f64, y: f64, anchor: &str, class: &str, s: &str) {
        let _ = write!(
            self.out,
            r#"<text x="{}" y="{}" text-anchor="{anchor}" class="{class}">{}</text>"#,
            n(x),
            n(y),
            escape(s)
        );
    }

    /// A polyline through `points` of class `class`.
    pub(crate) fn polyline(&mut self, points: &[(f64, f64)], class: &str) {
        let pts: Vec<String> = points
            .iter()
            .map(|&(x, y)| format!("{},{}", n(x), n(y)))
            .collect();
        let _ = write!(
            self.out,
            r#"<polyline points="{}" class="{class}"/>"#,
            pts.join(" ")
        );
    }

    /// A circle with a tooltip.
    pub(crate) fn circle(&mut self, x: f64, y: f64, r: f64, class: &str, tip: &str) {
        let _ = write!(
            self.out,
            r#"<circle cx="{}" cy="{}" r="{}" class="{class}">"#,
            n(x),
            n(y),
            n(r)
        );
        self.tip(tip);
        self.out.push_str("</circle>");
    }

    fn tip(&mut self, tip: &str) {
        if !tip.is_empty() {
            let _ = write!(self.out, "<title>{}</title>", escape(tip));
        }
    }

    /// The finished document.
    pub(crate) fn finish(mut self) -> String {
        self.out.push_str("</svg>");
        self.out
    }
}

/// "Nice" axis ticks covering `[lo, hi]`: about `count` round values.
pub(crate) fn ticks(lo: f64, hi: f64, count: usize) -> Vec<f64> {
    // Also a NaN bound.
    if hi.partial_cmp(&lo) != Some(std::cmp::Ordering::Greater) || count == 0 {
        return vec![lo];
    }
    let raw = (hi - lo) / count as f64;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * mag);
    let start = (lo / step).ceil() as i64;
    let end = (hi / step).floor() as i64;
    (start..=end)
        .map(|i| (i as f64 * step * 1e9).round() / 1e9)
        .collect()
}

/// A count with thousands separators (`1 234 567` style, thin spaces avoided: commas).
pub(crate) fn thousands(x: u64) -> String {
    let s = x.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_rounds() {
        let mut s = Svg::new(100.0, 50.0, "a <b> & \"c\"");
        s.rect(10.04, 0.0, -5.0, 3.0, "bar", "x<y");
        s.text(1.0, 2.0, "start", "t", "صالح & Saleh");
        let out = s.finish();
        assert!(out.contains(r#"aria-label="a &lt;b&gt; &amp; &quot;c&quot;""#));
        assert!(
            out.contains(
                r#"<rect x="5" y="0" width="5" height="3" class="bar"><title>x&lt;y</title></rect>"#
            ),
            "{out}"
        );
        assert!(out.contains("صالح &amp; Saleh"));
        assert!(out.ends_with("</svg>"));
    }

    #[test]
    fn ticks_are_round_and_cover_the_range() {
        assert_eq!(ticks(0.0, 1.0, 5), vec![0.0, 0.2, 0.4, 0.6, 0.8, 1.0]);
        assert_eq!(ticks(-10.0, 10.0, 4), vec![-10.0, -5.0, 0.0, 5.0, 10.0]);
        assert_eq!(thousands(1234567), "1,234,567");
        assert_eq!(thousands(12), "12");
    }
}
