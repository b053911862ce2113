//! The report page: static sections (summary, model, blocking, scores) written here with
//! their SVG charts, the dynamic ones (waterfall, clusters, review, audit) filled by the
//! page's script from the embedded JSON.

use std::fmt::Write;

use super::charts;
use super::data::{ReportData, r4};
use super::svg::{escape, thousands};

const CSS: &str = include_str!("assets/report.css");
const JS: &str = include_str!("assets/report.js");

/// Counts errors before the page's own script runs, so that the page can report them.
const EARLY: &str = "window.__errors=[];window.addEventListener('error',function(e){window.__errors.push(String(e.message||e))});\
(function(){var ce=console.error;console.error=function(){window.__errors.push(Array.prototype.join.call(arguments,' '));return ce.apply(console,arguments)}})();";

/// JSON safe inside a `<script>` element.
fn script_json(json: &str) -> String {
    json.replace('<', "\\u003c")
}

pub(crate) fn page(d: &ReportData) -> String {
    let mut o = String::with_capacity(1 << 20);
    let _ = write!(
        o,
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <meta name=\"generator\" content=\"hawiya {}\"><title>{}</title>\
         <style>{CSS}</style><script>{EARLY}</script></head><body>",
        d.version,
        escape(&d.title)
    );
    let _ = write!(
        o,
        "<header><h1>{}</h1><nav>\
         <a href=\"#summary\">Summary</a><a href=\"#model\">Model</a><a href=\"#blocking\">Blocking</a>\
         <a href=\"#scores\">Scores</a><a href=\"#waterfall\">Pair</a><a href=\"#clusters\">Clusters</a>\
         <a href=\"#review\">Review</a><a href=\"#audit\">Labels</a></nav></header><main>",
        escape(&d.title)
    );
    summary(&mut o, d);
    model(&mut o, d);
    blocking(&mut o, d);
    scores(&mut o, d);
    o.push_str(
        "<section id=\"waterfall\" data-section><h2>A pair's weights</h2>\
         <p class=\"note\">Pick a pair in the cluster viewer or the review list, or give two unique ids. \
         Bars add up from the prior to the pair's match weight; the names are shown as written, with their token alignment.</p>\
         <form id=\"pair-form\"><input id=\"pair-l\" placeholder=\"unique id\" aria-label=\"first unique id\">\
         <input id=\"pair-r\" placeholder=\"unique id\" aria-label=\"second unique id\"><button>Show</button>\
         <span id=\"pair-msg\" class=\"msg\"></span></form><div id=\"wf\"></div></section>",
    );
    let _ = write!(
        o,
        "<section id=\"clusters\" data-section><h2>Clusters</h2>\
         <p class=\"note\">{} of {} clusters of two or more records are in this report ({} records): weak clusters first, \
         then those of the review pairs, then the largest; single records fill what the budget leaves.</p>\
         <input id=\"search\" type=\"search\" placeholder=\"search a unique id or any value\" aria-label=\"search records\">\
         <div id=\"search-out\"></div><div class=\"split\"><div id=\"cluster-list\"></div><div id=\"cluster-view\"></div></div></section>",
        thousands(d.clusters.iter().filter(|c| c.members.len() > 1).count() as u64),
        thousands(d.clusters_total as u64),
        thousands(d.records.len() as u64),
    );
    let _ = write!(
        o,
        "<section id=\"review\" data-section><h2>Clerical review</h2>\
         <p class=\"note\">Pairs worth a human look, ranked by how much a decision is expected to change the clusters \
         ({} proposed, {} shown). Mark each as a match or not, add a note, then download the labels and pass them to \
         <code>hawiya dedupe … --labels labels.csv</code>: a match joins the two records, a non-match keeps them apart \
         whatever chain of links would join them.</p>\
         <div class=\"bar\"><label>Reviewer <input id=\"reviewer\" placeholder=\"your name\"></label>\
         <button id=\"download\">Download labels CSV</button><span id=\"review-count\" class=\"msg\"></span></div>\
         <div id=\"review-table\"></div></section>",
        d.review_total,
        d.review.len()
    );
    o.push_str(
        "<section id=\"audit\" data-section><h2>Labels applied in this run</h2><div id=\"audit-table\"></div></section>",
    );
    o.push_str("</main><pre id=\"selfcheck\" hidden></pre>");
    let json = serde_json::to_string(d).expect("report data serialises");
    let _ = writeln!(
        o,
        "<script type=\"application/json\" id=\"data\">{}</script><script>{JS}</script></body></html>",
        script_json(&json)
    );
    o
}

fn kv(o: &mut String, k: &str, v: &str) {
    let _ = write!(o, "<tr><th>{}</th><td>{}</td></tr>", escape(k), escape(v));
}

fn summary(o: &mut String, d: &ReportData) {
    let s = &d.summary;
    o.push_str("<section id=\"summary\" data-section><h2>Summary</h2><table class=\"kv\">");
    kv(
        o,
        "records",
        &format!(
            "{} usable of {} rows ({} rejected){}",
            thousands(s.records as u64),
            thousands(s.rows as u64),
            thousands(s.rejected as u64),
            if s.link { ", two inputs linked" } else { "" }
        ),
    );
    kv(
        o,
        "pairs",
        &format!(
            "{} scored, {} kept (probability ≥ 0.5 or the threshold), {} at or above the threshold {}",
            thousands(s.pairs_scored),
            thousands(s.pairs_kept as u64),
            thousands(s.pairs_above_threshold),
            s.threshold
        ),
    );
    kv(
        o,
        "clusters",
        &format!(
            "{} ({} with 2+ records, largest {}, {} weak)",
            thousands(s.clusters as u64),
            thousands(s.multi_record_clusters as u64),
            s.largest_cluster,
            s.weak_clusters
        ),
    );
    if let Some(t) = &s.training {
        kv(o, "training", t);
    }
    if !s.seconds.is_empty() {
        let secs: Vec<String> = s
            .seconds
            .iter()
            .map(|(k, v)| format!("{k} {v:.2}s"))
            .collect();
        kv(o, "time", &secs.join(", "));
    }
    if !d.labels.is_empty() {
        kv(
            o,
            "labels",
            &format!(
                "{} decisions applied, {} scored links refused by cannot-links",
                d.labels.len(),
                d.refused_links
            ),
        );
    }
    o.push_str("</table>");
    if !s.warnings.is_empty() {
        o.push_str("<ul class=\"warnings\">");
        for w in &s.warnings {
            let _ = write!(o, "<li>{}</li>", escape(w));
        }
        o.push_str("</ul>");
    }
    o.push_str("</section>");
}

fn model(o: &mut String, d: &ReportData) {
    let m = &d.model;
    let _ = write!(
        o,
        "<section id=\"model\" data-section><h2>Model</h2>\
         <p class=\"note\">Fellegi–Sunter: a pair's match weight is the prior plus, per field, log2(m / u) of the level \
         the pair reaches (nothing for a missing value), plus term-frequency adjustments. \
         Prior λ = {:.3e} ({:+.2} bits).</p><h3>Match weights</h3><div class=\"chart-wrap\">{}</div>\
         <h3>m and u</h3><div class=\"chart-wrap\">{}</div>",
        m.prior,
        m.prior_weight,
        charts::weights(m),
        charts::m_u(m)
    );
    if !d.tf.is_empty() {
        o.push_str(
            "<h3>Term-frequency effects</h3><p class=\"note\">Agreeing on a common value is weaker evidence than agreeing on a rare one: \
             the adjustment is log2(u / frequency of the value), scaled by the level's term-frequency weight.</p>",
        );
        for t in &d.tf {
            let _ = write!(o, "<div class=\"row\"><div>{}</div><div>", charts::tf(t));
            for (title, list) in [
                ("commonest agreeing values", &t.common),
                ("rarest agreeing values", &t.rare),
            ] {
                let _ = write!(
                    o,
                    "<table class=\"small\"><caption>{} ({})</caption>",
                    title,
                    escape(&t.field)
                );
                for (v, a) in list.iter() {
                    let _ = write!(
                        o,
                        "<tr><td dir=\"auto\">{}</td><td class=\"num\">{:+.2}</td></tr>",
                        escape(v),
                        a
                    );
                }
                o.push_str("</table>");
            }
            o.push_str("</div></div>");
        }
    }
    o.push_str("</section>");
}

fn blocking(o: &mut String, d: &ReportData) {
    o.push_str("<section id=\"blocking\" data-section><h2>Blocking</h2>");
    let Some(b) = &d.blocking else {
        o.push_str("<p class=\"note\">No blocking statistics in this run.</p></section>");
        return;
    };
    let _ = write!(
        o,
        "<p class=\"note\">{} candidate pairs of {} possible (reduction ratio {:.6}).{}</p><div class=\"chart-wrap\">{}</div>",
        thousands(b.total),
        thousands(b.possible as u64),
        b.reduction_ratio,
        match (b.true_pairs, b.found) {
            (Some(t), Some(f)) if t > 0 => format!(
                " With the truth: the candidates hold {} of {} true pairs (pairs completeness {:.4}).",
                thousands(f),
                thousands(t),
                f as f64 / t as f64
            ),
            _ => String::new(),
        },
        charts::blocking(b)
    );
    let with_truth = b.true_pairs.is_some();
    o.push_str(
        "<table id=\"blocking-table\" class=\"grid\"><thead><tr><th>rule</th><th>pairs</th><th>blocks</th>\
         <th>oversized blocks</th><th>largest blocks (records)</th>",
    );
    if with_truth {
        o.push_str("<th>true pairs found first</th><th>completeness share</th>");
    }
    o.push_str("</tr></thead><tbody>");
    for r in &b.rules {
        let largest: Vec<String> = r.largest.iter().map(|x| x.to_string()).collect();
        let _ = write!(
            o,
            "<tr><td>{}</td><td class=\"num\" data-pairs=\"{}\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td>",
            escape(&r.name),
            r.pairs,
            thousands(r.pairs),
            thousands(r.blocks as u64),
            thousands(r.oversized as u64),
            largest.join(", ")
        );
        if let (Some(f), Some(t)) = (r.found, b.true_pairs) {
            let share = if t > 0 { f as f64 / t as f64 } else { 0.0 };
            let _ = write!(
                o,
                "<td class=\"num\">{}</td><td class=\"num\">{:.4}</td>",
                thousands(f),
                share
            );
        }
        o.push_str("</tr>");
    }
    o.push_str("</tbody></table></section>");
}

fn scores(o: &mut String, d: &ReportData) {
    let sc = &d.scores;
    let _ = write!(
        o,
        "<section id=\"scores\" data-section><h2>Scores</h2><div class=\"chart-wrap\">{}</div>",
        charts::histogram(sc)
    );
    if sc.pr.is_empty() {
        o.push_str(
            "<p class=\"note\">Precision and recall need a truth: <code>--report-truth COLUMN</code> on dedupe / link, \
             <code>--truth-column</code> on <code>hawiya report</code>.</p>",
        );
    } else {
        let _ = write!(
            o,
            "<div class=\"row\"><div>{}</div><div>",
            charts::pr_curve(sc)
        );
        o.push_str("<table class=\"kv\">");
        if let Some(a) = &sc.at_threshold {
            kv(
                o,
                &format!("at the threshold {}", sc.threshold),
                &format!("precision {:.4}, recall {:.4}", a.p, a.r),
            );
        }
        match &sc.choice {
            Some(c) => kv(
                o,
                &format!("for precision ≥ {}", sc.target_precision),
                &format!(
                    "threshold {}: precision {:.4}, recall {:.4}",
                    r4(c.t),
                    c.p,
                    c.r
                ),
            ),
            None => kv(
                o,
                &format!("for precision ≥ {}", sc.target_precision),
                "no threshold of the kept pairs reaches it",
            ),
        }
        o.push_str(
            "</table><p class=\"note\">Pairwise, recall against every true pair (also those blocking never produced).</p></div></div>",
        );
    }
    o.push_str("</section>");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_cannot_close_the_script() {
        let j = serde_json::to_string(&["</script><b>"]).unwrap();
        let s = script_json(&j);
        assert!(!s.contains("</script"));
        let back: Vec<String> = serde_json::from_str(&s).unwrap();
        assert_eq!(back, ["</script><b>"]);
    }
}
