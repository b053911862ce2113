// hawiya run report: the waterfall, the cluster viewer, the review list and the audit
// trail, drawn on demand from the JSON embedded in the page. No network, no library.
(function () {
  "use strict";
  var t0 = performance.now();
  var D = JSON.parse(document.getElementById("data").textContent);
  var NS = "http://www.w3.org/2000/svg";
  var F = D.model.fields;

  function $(s) { return document.querySelector(s); }
  // An element with attributes and children (strings become text: never parsed as HTML).
  function el(tag, attrs) {
    var e = document.createElement(tag);
    for (var k in attrs || {}) {
      if (k === "on") { for (var ev in attrs.on) e.addEventListener(ev, attrs.on[ev]); }
      else if (k === "text") e.textContent = attrs[k];
      else e.setAttribute(k, attrs[k]);
    }
    for (var i = 2; i < arguments.length; i++) add(e, arguments[i]);
    return e;
  }
  function add(e, c) {
    if (c === null || c === undefined) return;
    if (Array.isArray(c)) { c.forEach(function (x) { add(e, x); }); return; }
    e.appendChild(typeof c === "object" ? c : document.createTextNode(String(c)));
  }
  function sv(tag, attrs, text) {
    var e = document.createElementNS(NS, tag);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function f2(x) { var s = x.toFixed(2); return s === "-0.00" ? "0.00" : s; }
  function sign(x) { var s = f2(x); return x > 0 && s !== "0.00" ? "+" + s : s; }
  function prob(w) { return 1 / (1 + Math.pow(2, -w)); }
  function num(x) { return Number(x).toLocaleString("en-US"); }

  // Indexes, built once.
  var byId = new Map();
  D.records.forEach(function (r, k) {
    var key = (D.sources.length ? D.sources[k] + ":" : "") + r[0];
    byId.set(key, k);
    if (!byId.has(r[0])) byId.set(r[0], k);
  });
  var pairsOf = D.records.map(function () { return []; });
  D.pairs.forEach(function (p, i) { pairsOf[p[0]].push(i); pairsOf[p[1]].push(i); });
  function rid(k) { return D.records[k][0]; }
  function findPair(a, b) {
    var ka = byId.get(a), kb = byId.get(b);
    if (ka === undefined || kb === undefined) return -1;
    var list = pairsOf[ka];
    for (var i = 0; i < list.length; i++) {
      var p = D.pairs[list[i]];
      if ((p[0] === ka && p[1] === kb) || (p[0] === kb && p[1] === ka)) return list[i];
    }
    return -1;
  }
  var nameField = -1;
  F.forEach(function (f, i) { if (nameField < 0 && f.kind === "name") nameField = i; });
  function colsOf(i) { return i < 0 ? [] : F[i].columns; }
  function value(k, col) { var j = D.columns.indexOf(col); return j < 0 ? "" : D.records[k][j + 1]; }

  // ---- waterfall ----
  function contributions(pi) {
    var P = D.pairs[pi], rows = [], total = D.model.prior_weight;
    F.forEach(function (f, i) {
      var ch = P[3].charAt(i);
      var L = ch === "-" || ch === "" ? null : f.levels[parseInt(ch, 36)];
      var w = L ? L.weight : 0, tf = P[4][i] || 0;
      rows.push({ field: f.name, level: L ? L.name : "null", m: L ? L.m : null, u: L ? L.u : null, w: w, tf: tf });
      total += w + tf;
    });
    return { rows: rows, total: total };
  }

  function waterfallSvg(c) {
    var steps = [{ label: "prior", v: D.model.prior_weight }];
    c.rows.forEach(function (r) {
      steps.push({ label: r.field, sub: r.level, v: r.w });
      if (r.tf !== 0) steps.push({ label: r.field + " (tf)", sub: "term frequency", v: r.tf });
    });
    var cum = 0, lo = 0, hi = 0;
    steps.forEach(function (s) { s.from = cum; cum += s.v; s.to = cum; lo = Math.min(lo, s.from, s.to); hi = Math.max(hi, s.from, s.to); });
    lo = Math.floor(lo) - 1; hi = Math.ceil(hi) + 1;
    var bw = 74, W = 70 + (steps.length + 1) * bw, H = 300, y0 = 30, y1 = H - 60;
    var y = function (v) { return y0 + (hi - v) / (hi - lo) * (y1 - y0); };
    var s = sv("svg", { "class": "chart", width: W, height: H, viewBox: "0 0 " + W + " " + H, role: "img", "aria-label": "waterfall of match weights" });
    var step = Math.max(1, Math.round((hi - lo) / 8));
    for (var t = Math.ceil(lo / step) * step; t <= hi; t += step) {
      s.appendChild(sv("line", { x1: 60, x2: W - 10, y1: y(t), y2: y(t), "class": t === 0 ? "axis" : "grid" }));
      s.appendChild(sv("text", { x: 54, y: y(t) + 4, "text-anchor": "end", "class": "tick" }, String(t)));
    }
    steps.push({ label: "total", sub: "p " + prob(cum).toFixed(4), v: cum, from: 0, to: cum, total: true });
    steps.forEach(function (st, i) {
      var x = 70 + i * bw, top = y(Math.max(st.from, st.to)), h = Math.abs(y(st.from) - y(st.to));
      var r = sv("rect", { x: x, y: top, width: bw - 14, height: Math.max(h, 1), "class": st.total ? "bar" : (st.v >= 0 ? "pos" : "neg") });
      r.appendChild(sv("title", {}, st.label + (st.sub ? " · " + st.sub : "") + ": " + sign(st.v) + " bits"));
      s.appendChild(r);
      if (!st.total && i + 1 < steps.length) s.appendChild(sv("line", { x1: x + bw - 14, x2: x + bw, y1: y(st.to), y2: y(st.to), "class": "cum" }));
      s.appendChild(sv("text", { x: x + (bw - 14) / 2, y: top - 4, "text-anchor": "middle", "class": "val" }, sign(st.v)));
      s.appendChild(sv("text", { x: x + (bw - 14) / 2, y: y1 + 16, "text-anchor": "middle", "class": "lbl" }, st.label.length > 12 ? st.label.slice(0, 11) + "…" : st.label));
      if (st.sub) s.appendChild(sv("text", { x: x + (bw - 14) / 2, y: y1 + 30, "text-anchor": "middle", "class": "tick" }, st.sub.length > 13 ? st.sub.slice(0, 12) + "…" : st.sub));
    });
    return s;
  }

  function alignmentTable(a) {
    if (!a) return el("p", { "class": "note", text: "No token alignment (a name is missing)." });
    var t = el("table", { "class": "grid" }, el("thead", {}, el("tr", {}, el("th", { text: "left token" }), el("th", { text: "right token" }), el("th", { "class": "num", text: "similarity" }))));
    var b = el("tbody");
    a[0].forEach(function (x) { b.appendChild(el("tr", {}, el("td", { dir: "auto", text: x[0] }), el("td", { dir: "auto", text: x[1] }), el("td", { "class": "num", text: x[2].toFixed(2) }))); });
    a[1].forEach(function (x) { b.appendChild(el("tr", {}, el("td", { dir: "auto", text: x }), el("td", { text: "—" }), el("td", { "class": "num", text: "unaligned" }))); });
    a[2].forEach(function (x) { b.appendChild(el("tr", {}, el("td", { text: "—" }), el("td", { dir: "auto", text: x }), el("td", { "class": "num", text: "unaligned" }))); });
    t.appendChild(b);
    return el("div", {}, el("p", { "class": "note", text: "Name similarity " + a[3].toFixed(3) + " from the token alignment:" }), t);
  }

  var shownPair = -1;
  function showPair(pi, scroll) {
    var box = $("#wf");
    box.textContent = "";
    shownPair = pi;
    if (pi < 0) return;
    var P = D.pairs[pi], c = contributions(pi), a = P[0], b = P[1];
    var head = el("p", {}, "Pair ", el("b", { "class": "w-ids", text: rid(a) + " – " + rid(b) }),
      ": match weight ", el("b", { id: "wf-total", text: f2(c.total) }), " bits, probability ",
      el("b", { id: "wf-prob", text: prob(c.total).toFixed(4) }),
      D.record_cluster[a] === D.record_cluster[b] ? " (same cluster)" : " (different clusters)");
    var names = el("div", { "class": "names" });
    [a, b].forEach(function (k) {
      var v = colsOf(nameField).map(function (col) { return value(k, col); }).filter(Boolean).join(" / ");
      names.appendChild(el("div", {}, el("div", { "class": "note", text: rid(k) }), el("div", { "class": "nm", dir: "auto", text: v || "—" })));
    });
    var tb = el("tbody");
    var cum = D.model.prior_weight;
    tb.appendChild(el("tr", {}, el("td", { text: "(prior)" }), el("td"), el("td"), el("td"),
      el("td", { "class": "num w-prior", text: f2(D.model.prior_weight) }), el("td"), el("td", { "class": "num", text: f2(cum) })));
    c.rows.forEach(function (r) {
      cum += r.w + r.tf;
      tb.appendChild(el("tr", { "class": "w-row" }, el("td", { text: r.field }), el("td", { text: r.level }),
        el("td", { "class": "num", text: r.m === null ? "–" : r.m.toFixed(4) }),
        el("td", { "class": "num", text: r.u === null ? "–" : (r.u < 0.001 ? r.u.toExponential(2) : r.u.toFixed(4)) }),
        el("td", { "class": "num", text: f2(r.w) }), el("td", { "class": "num", text: f2(r.tf) }),
        el("td", { "class": "num", text: f2(cum) })));
    });
    var table = el("table", { "class": "grid" }, el("thead", {}, el("tr", {},
      ["field", "level", "m", "u", "weight", "tf adj.", "cumulative"].map(function (h) { return el("th", { text: h }); }))), tb);
    var side = el("table", { "class": "grid" }, el("thead", {}, el("tr", {}, el("th", { text: D.id_column }), el("th", { text: rid(a) }), el("th", { text: rid(b) }))));
    var sb = el("tbody");
    D.columns.forEach(function (col) { sb.appendChild(el("tr", {}, el("th", { text: col }), el("td", { dir: "auto", text: value(a, col) }), el("td", { dir: "auto", text: value(b, col) }))); });
    side.appendChild(sb);
    add(box, [head, names, waterfallSvg(c), el("div", { "class": "row" }, table, alignmentTable(P[5])), el("h3", { text: "The two records" }), side]);
    if (scroll) $("#waterfall").scrollIntoView();
  }

  $("#pair-form").addEventListener("submit", function (e) {
    e.preventDefault();
    var pi = findPair($("#pair-l").value.trim(), $("#pair-r").value.trim());
    $("#pair-msg").textContent = pi < 0 ? "no scored pair of these two records in this report" : "";
    if (pi >= 0) showPair(pi, false);
  });

  // ---- clusters ----
  var listed = D.clusters.map(function (c, i) { return i; }).filter(function (i) { return D.clusters[i].members.length > 1; });
  var page = 0, PAGE = 100, shownCluster = -1;
  function renderList() {
    var box = $("#cluster-list");
    box.textContent = "";
    var list = el("div", { "class": "clist" });
    listed.slice(page * PAGE, (page + 1) * PAGE).forEach(function (ci) {
      var c = D.clusters[ci];
      list.appendChild(el("div", { "data-c": ci, "class": ci === shownCluster ? "sel" : "", on: { click: function () { showCluster(ci, -1); } } },
        el("b", { text: c.id }), " · " + c.members.length + " records · density " + c.density.toFixed(2) + " · weakest " + c.min_link.toFixed(3),
        c.weak ? el("span", { "class": "badge", text: "weak" }) : null));
    });
    var pages = Math.max(1, Math.ceil(listed.length / PAGE));
    var pager = el("div", { "class": "pager" },
      el("button", { text: "‹", on: { click: function () { if (page > 0) { page--; renderList(); } } } }),
      " page " + (page + 1) + " of " + pages + " ",
      el("button", { text: "›", on: { click: function () { if (page + 1 < pages) { page++; renderList(); } } } }));
    add(box, [pager, list]);
  }

  function labelEdges(members) {
    var inside = new Set(members), out = [];
    D.labels.forEach(function (l) {
      var a = byId.get(l.label.unique_id_l), b = byId.get(l.label.unique_id_r);
      if (a !== undefined && b !== undefined && (inside.has(a) || inside.has(b))) out.push({ a: a, b: b, l: l });
    });
    return out;
  }

  function clusterGraph(c, hit) {
    var n = c.members.length, W = 360, H = 300, R = Math.min(120, 30 + n * 8);
    var pos = new Map();
    c.members.forEach(function (k, i) {
      var ang = 2 * Math.PI * i / n - Math.PI / 2;
      pos.set(k, [W / 2 + R * Math.cos(ang), H / 2 + R * Math.sin(ang)]);
    });
    var s = sv("svg", { "class": "chart", width: W, height: H, viewBox: "0 0 " + W + " " + H, role: "img", "aria-label": "links of the cluster" });
    var seen = new Set();
    c.members.forEach(function (k) {
      pairsOf[k].forEach(function (pi) {
        var p = D.pairs[pi];
        if (seen.has(pi) || !pos.has(p[0]) || !pos.has(p[1])) return;
        seen.add(pi);
        var A = pos.get(p[0]), B = pos.get(p[1]);
        var ln = sv("line", { x1: A[0], y1: A[1], x2: B[0], y2: B[1], "class": "link" + (p[2] < D.summary.threshold ? " below" : ""), "stroke-width": 1 + 4 * Math.max(0, (p[2] - 0.5) * 2) });
        ln.appendChild(sv("title", {}, rid(p[0]) + " – " + rid(p[1]) + ": p " + p[2].toFixed(4)));
        ln.addEventListener("click", function () { showPair(pi, true); });
        s.appendChild(ln);
      });
    });
    labelEdges(c.members).forEach(function (e) {
      if (!pos.has(e.a) || !pos.has(e.b)) return;
      var A = pos.get(e.a), B = pos.get(e.b);
      var ln = sv("line", { x1: A[0], y1: A[1], x2: B[0], y2: B[1], "class": "link " + (e.l.label.is_match ? "must" : "cannot"), "stroke-width": 2 });
      ln.appendChild(sv("title", {}, "reviewed: " + (e.l.label.is_match ? "match" : "non-match")));
      s.appendChild(ln);
    });
    c.members.forEach(function (k) {
      var A = pos.get(k);
      var ci = sv("circle", { cx: A[0], cy: A[1], r: 7, "class": "node" + (k === hit ? " hit" : "") });
      ci.appendChild(sv("title", {}, rid(k)));
      s.appendChild(ci);
      s.appendChild(sv("text", { x: A[0], y: A[1] - 11, "text-anchor": "middle", "class": "tick" }, rid(k)));
    });
    return s;
  }

  function showCluster(ci, hit) {
    shownCluster = ci;
    Array.prototype.forEach.call(document.querySelectorAll(".clist div"), function (d) { d.className = Number(d.getAttribute("data-c")) === ci ? "sel" : ""; });
    var c = D.clusters[ci], box = $("#cluster-view");
    box.textContent = "";
    var t = el("table", { "class": "grid" });
    var hr = el("tr", {}, el("th", { text: D.id_column }));
    c.members.forEach(function (k) { hr.appendChild(el("th", { "class": k === hit ? "hit" : "", text: rid(k) + (D.sources.length ? (D.sources[k] ? " (right)" : " (left)") : "") })); });
    t.appendChild(el("thead", {}, hr));
    var tb = el("tbody");
    D.columns.forEach(function (col) {
      var tr = el("tr", {}, el("th", { text: col }));
      c.members.forEach(function (k) { tr.appendChild(el("td", { "class": "rec", dir: "auto", text: value(k, col) })); });
      tb.appendChild(tr);
    });
    t.appendChild(tb);
    var links = el("tbody"), near = el("tbody");
    var inside = new Set(c.members), seen = new Set();
    c.members.forEach(function (k) {
      pairsOf[k].forEach(function (pi) {
        if (seen.has(pi)) return;
        seen.add(pi);
        var p = D.pairs[pi], both = inside.has(p[0]) && inside.has(p[1]);
        var row = el("tr", {}, el("td", {}, el("a", { "class": "pick", text: rid(p[0]) + " – " + rid(p[1]), on: { click: function () { showPair(pi, true); } } })),
          el("td", { "class": "num", text: p[2].toFixed(4) }),
          el("td", { text: F.map(function (f, i) { var ch = p[3].charAt(i); return f.name + " " + (ch === "-" ? "null" : f.levels[parseInt(ch, 36)].name); }).join(", ") }));
        (both ? links : near).appendChild(row);
      });
    });
    var head = el("tr", {}, el("th", { text: "pair" }), el("th", { text: "p" }), el("th", { text: "levels" }));
    add(box, [el("h3", { text: "Cluster " + c.id + " · " + c.members.length + " records · " + c.edges + " links · density " + c.density.toFixed(2) + (c.weak ? " · weak" : "") }),
      el("div", { "class": "row" }, clusterGraph(c, hit), t),
      el("h3", { text: "Links holding it together" }), el("table", { "class": "grid" }, el("thead", {}, head.cloneNode(true)), links),
      near.children.length ? [el("h3", { text: "Scored pairs to records of other clusters" }), el("table", { "class": "grid" }, el("thead", {}, head.cloneNode(true)), near)] : null]);
  }

  var timer = null;
  $("#search").addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(search, 150);
  });
  function search() {
    var q = $("#search").value.trim().toLowerCase(), box = $("#search-out");
    box.textContent = "";
    if (!q) return;
    var hits = [];
    var exact = byId.get($("#search").value.trim());
    if (exact !== undefined) hits.push(exact);
    for (var k = 0; k < D.records.length && hits.length < 50; k++) {
      if (k === exact) continue;
      var r = D.records[k];
      for (var j = 0; j < r.length; j++) { if (r[j].toLowerCase().indexOf(q) >= 0) { hits.push(k); break; } }
    }
    if (!hits.length) { box.appendChild(el("p", { "class": "note", text: "No record of this report matches (the viewer holds only the clusters listed)." })); return; }
    var t = el("table", { "class": "grid" });
    hits.forEach(function (k) {
      var ci = D.record_cluster[k];
      t.appendChild(el("tr", {}, el("td", {}, el("a", { "class": "pick", text: rid(k), on: { click: function () { showCluster(ci, k); } } })),
        D.columns.slice(0, 3).map(function (col) { return el("td", { dir: "auto", text: value(k, col) }); }),
        el("td", { text: "cluster " + D.clusters[ci].id + " (" + D.clusters[ci].members.length + ")" })));
    });
    box.appendChild(t);
  }

  // ---- review ----
  var decisions = new Map();
  function renderReview() {
    var box = $("#review-table");
    box.textContent = "";
    if (!D.review.length) { box.appendChild(el("p", { "class": "note", text: "No pair to review." })); return; }
    var tb = el("tbody");
    D.review.forEach(function (r, j) {
      var p = D.pairs[r.pair];
      var bm = el("button", { "class": "match", text: "match" }), bn = el("button", { "class": "non_match", text: "non-match" });
      var note = el("input", { placeholder: "note", "aria-label": "note" });
      function set(label) {
        var cur = decisions.get(j);
        if (cur && cur.label === label) decisions.delete(j); else decisions.set(j, { label: label, note: note.value });
        var d = decisions.get(j);
        bm.className = "match" + (d && d.label === "match" ? " on" : "");
        bn.className = "non_match" + (d && d.label === "non_match" ? " on" : "");
        $("#review-count").textContent = decisions.size + " of " + D.review.length + " decided";
      }
      bm.addEventListener("click", function () { set("match"); });
      bn.addEventListener("click", function () { set("non_match"); });
      note.addEventListener("input", function () { var d = decisions.get(j); if (d) d.note = note.value; });
      tb.appendChild(el("tr", { "data-j": j }, el("td", { "class": "num", text: j + 1 }),
        el("td", {}, el("a", { "class": "pick", text: rid(p[0]) + " – " + rid(p[1]), on: { click: function () { showPair(r.pair, true); showCluster(D.record_cluster[p[0]], p[0]); } } })),
        el("td", { dir: "auto", text: colsOf(nameField).map(function (c) { return value(p[0], c); }).join(" ") }),
        el("td", { dir: "auto", text: colsOf(nameField).map(function (c) { return value(p[1], c); }).join(" ") }),
        el("td", { "class": "num", text: p[2].toFixed(3) }),
        el("td", { "class": "num", text: r.expected.toFixed(2) }),
        el("td", { "class": "why", text: r.why }),
        el("td", {}, bm, " ", bn), el("td", {}, note)));
    });
    box.appendChild(el("table", { "class": "grid" }, el("thead", {}, el("tr", {},
      ["#", "pair", "name", "name", "p", "expected change", "why", "decision", "note"].map(function (h) { return el("th", { text: h }); }))), tb));
  }
  function csvCell(s) { s = String(s); return /[",\n\r]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s; }
  $("#download").addEventListener("click", function () {
    var who = $("#reviewer").value.trim(), lines = ["unique_id_l,unique_id_r,label,note,reviewer"];
    D.review.forEach(function (r, j) {
      var d = decisions.get(j);
      if (!d) return;
      var p = D.pairs[r.pair];
      lines.push([rid(p[0]), rid(p[1]), d.label, d.note, who].map(csvCell).join(","));
    });
    var url = URL.createObjectURL(new Blob([lines.join("\n") + "\n"], { type: "text/csv" }));
    var a = el("a", { href: url, download: "labels.csv" });
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  });

  // ---- audit ----
  function renderAudit() {
    var box = $("#audit-table");
    if (!D.labels.length) { box.appendChild(el("p", { "class": "note", text: "No labels were given to this run (dedupe / link --labels LABELS.csv)." })); return; }
    var describe = { joined: "must-link: joined two clusters", already_together: "must-link: already in one cluster", not_applied: "must-link: not applied, it contradicts a cannot-link", separated: "cannot-link: separated records the links joined", already_apart: "cannot-link: already in different clusters" };
    var tb = el("tbody");
    D.labels.forEach(function (l) {
      tb.appendChild(el("tr", {}, el("td", { text: l.label.unique_id_l }), el("td", { text: l.label.unique_id_r }),
        el("td", { text: l.label.is_match ? "match" : "non_match" }),
        el("td", { text: l.outcome ? describe[l.outcome] : "not applied, a record of the pair is not in this run" }),
        el("td", { text: l.used_in_training ? "yes" : "no" }), el("td", { text: l.label.note }), el("td", { text: l.label.reviewer })));
    });
    box.appendChild(el("p", { "class": "note", text: D.labels.length + " decisions; " + D.refused_links + " scored links above the threshold were refused because they would have joined the records of a cannot-link." }));
    box.appendChild(el("table", { "class": "grid" }, el("thead", {}, el("tr", {},
      ["unique_id_l", "unique_id_r", "label", "effect", "used in training", "note", "reviewer"].map(function (h) { return el("th", { text: h }); }))), tb));
  }

  // ---- start ----
  function param(name) {
    var m = location.hash.slice(1).split("&").map(function (kv) { return kv.split("="); }).filter(function (kv) { return kv[0] === name; });
    return m.length ? decodeURIComponent(m[0].slice(1).join("=")) : null;
  }
  try {
    renderList();
    renderReview();
    renderAudit();
    var want = param("pair"), pi = -1;
    if (want) { var ids = want.split(","); pi = findPair(ids[0], ids[1]); }
    if (pi < 0 && D.review.length) pi = D.review[0].pair;
    if (pi < 0 && D.pairs.length) pi = 0;
    showPair(pi, false);
    var wantCluster = param("cluster"), ci = listed.length ? listed[0] : -1;
    if (wantCluster !== null) {
      var k = byId.get(wantCluster);
      if (k !== undefined) ci = D.record_cluster[k];
    }
    if (ci >= 0) showCluster(ci, -1);
    var only = param("only");
    if (only) {
      Array.prototype.forEach.call(document.querySelectorAll("[data-section]"), function (s) { s.hidden = s.id !== only; });
      if (only === "waterfall" || only === "clusters") { $("#summary").hidden = true; }
    }
  } catch (e) {
    window.__errors.push(String(e && e.stack || e));
  }

  // What the page shows, for automated checks (read with a headless browser's DOM dump).
  var check = {
    errors: window.__errors,
    sections: Array.prototype.map.call(document.querySelectorAll("[data-section]"), function (s) { return s.id; }),
    charts: document.querySelectorAll("svg.chart").length,
    rules: Array.prototype.map.call(document.querySelectorAll("#blocking-table tbody tr"), function (tr) {
      return [tr.cells[0].textContent, Number(tr.cells[1].textContent.replace(/,/g, ""))];
    }),
    waterfall: shownPair < 0 ? null : {
      ids: $("#wf .w-ids").textContent.split(" – "),
      prior: Number($("#wf .w-prior").textContent),
      rows: Array.prototype.map.call(document.querySelectorAll("#wf tr.w-row"), function (tr) {
        return [tr.cells[0].textContent, tr.cells[1].textContent, Number(tr.cells[4].textContent), Number(tr.cells[5].textContent)];
      }),
      total: Number($("#wf-total").textContent),
      probability: Number($("#wf-prob").textContent),
      aligned: document.querySelectorAll("#wf .row table").length
    },
    clusters_listed: document.querySelectorAll(".clist div").length,
    cluster_shown: shownCluster >= 0 ? D.clusters[shownCluster].id : null,
    review_rows: document.querySelectorAll("#review-table tbody tr").length,
    render_ms: Math.round(performance.now() - t0),
    // Since the navigation started: reading, parsing and the script.
    page_ms: Math.round(performance.now())
  };
  document.getElementById("selfcheck").textContent = JSON.stringify(check);
})();
