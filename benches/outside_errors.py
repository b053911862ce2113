#!/usr/bin/env python3
"""Error analysis of `hawiya dedupe` / `hawiya link` on a data set with truth: which true pairs
it misses and which false links it makes, sorted by mechanism and by phenomenon, with counts,
the F1 each category would give if it were fixed, and anonymised examples.

Usage:
    python3 benches/outside_errors.py --hawiya target/release/hawiya --work DIR \\
        --data ../shared/data/latin/historical_50k_dev.csv [--data B.csv] \\
        [--config benches/configs/historical_50k.toml] [--label config] [--examples 8] \\
        [--show-values]

One `--data` file is deduplicated, two are linked. The truth column (`--truth`, default
`cluster`) is dropped from the copies hawiya reads. hawiya runs twice with the same model:
once as a user would (clusters at the config's threshold, run report kept) and once with
`--threshold 1e-12`, which only makes `--pairs` write every candidate pair it scored; a true
pair absent from that file was never a candidate (a blocking miss).

Missed true pairs (false negatives: same person, different clusters) are split by mechanism:
- blocking: the pair was never scored;
- scoring: scored below the threshold;
- clustering: scored at or above the threshold but split by the clustering (chaining guard).
and, per pair of fragments of one person, by whether any pair across them was scored (the
link that would join the fragments). False links (false positives: different people, one
cluster) are split into direct (the pair itself scored above the threshold) and chained.
Every pair is tagged with the phenomena it shows (dates, names, other columns; see `tags`),
and the levels hawiya gave each field (`level_*` columns of `--pairs`) are counted.

Examples are anonymised by default: name tokens and postcodes become symbols (`A`, `B` …; the
same token, the same symbol; `A'` a spelling variant of `A`, `A~` a short form or nickname of
`A`), while title words, ordinals, dates, places, occupations and gender are kept, so the
phenomenon stays visible. `--show-values` prints the values as they are. Standard library only.
"""

import argparse
import csv
import os
import re
import subprocess
import sys
from collections import Counter, defaultdict
from itertools import combinations

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from vs_splink import pairwise_metrics  # noqa: E402  (the bench's P/R/F1)

# Words of titles and peerages in English names (kept in the anonymised examples).
TITLE_WORDS = {
    "sir", "lord", "lady", "dame", "baron", "baroness", "baronet", "bt", "bt.", "earl", "count",
    "countess", "duke", "duchess", "viscount", "viscountess", "marquess", "marquis", "prince",
    "princess", "king", "queen", "rev", "rev.", "reverend", "dr", "dr.", "of", "de", "the",
    "van", "von", "la", "le", "du", "jr", "jr.", "sr", "junior", "senior", "hon", "hon.",
}
ORDINAL = re.compile(r"^\d+(st|nd|rd|th)$")

# Common English short forms and nicknames (given name → forms). A short form that is a
# prefix of the full name (tom / thomas) is found without the table.
NICKNAMES = {
    "william": "bill billy will willie willy wills liam",
    "robert": "bob bobby rob robbie bert",
    "richard": "dick rick ricky rich dickie",
    "john": "jack johnny jock ian jon",
    "james": "jim jimmy jamie jem",
    "thomas": "tom tommy",
    "henry": "harry hal hank",
    "edward": "ed eddie ted teddy ned",
    "charles": "charlie chas chuck carl",
    "george": "georgie geordie",
    "arthur": "art artie",
    "frederick": "fred freddie freddy",
    "alfred": "alf alfie fred",
    "walter": "walt wally",
    "joseph": "joe joey jos",
    "samuel": "sam sammy",
    "francis": "frank frankie fran",
    "alexander": "alex alec sandy sandie",
    "benjamin": "ben benny",
    "albert": "bert bertie al",
    "herbert": "herb bert bertie",
    "archibald": "archie",
    "margaret": "maggie meg peggy madge daisy",
    "elizabeth": "eliza liz lizzie beth betty bess bessie libby",
    "mary": "molly polly mae mamie",
    "sarah": "sally sadie",
    "anne": "ann annie nan nancy",
    "catherine": "kate katie kitty cathy",
    "christopher": "chris kit",
    "nicholas": "nick nicky",
    "michael": "mike mick mickey",
    "daniel": "dan danny",
    "david": "dave davy",
    "anthony": "tony",
    "lawrence": "larry laurie",
    "patrick": "pat paddy",
    "stephen": "steve",
    "matthew": "matt",
    "andrew": "andy drew",
    "peter": "pete",
    "philip": "phil pip",
    "harold": "harry hal",
    "leonard": "len lenny leo",
    "ernest": "ernie",
    "stanley": "stan",
    "reginald": "reg reggie",
    "douglas": "doug",
    "donald": "don",
    "ronald": "ron ronnie",
    "timothy": "tim",
    "jacob": "jake",
    "isaac": "ike",
    "eleanor": "ellie nell nellie",
    "helen": "nell nellie",
    "dorothy": "dot dolly",
    "florence": "flo florrie",
    "susan": "sue susie",
    "rebecca": "becky",
    "victoria": "vicky",
    "jennifer": "jenny",
    "oliver": "ollie",
}
NICK_OF = defaultdict(set)
for _full, _forms in NICKNAMES.items():
    for _f in _forms.split():
        NICK_OF[_f].add(_full)
        NICK_OF[_full].add(_f)


# ----------------------------------------------------------------------------------------
# Small helpers


def lev(a, b):
    """Levenshtein distance (short strings)."""
    if a == b:
        return 0
    if len(a) < len(b):
        a, b = b, a
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def tokens(s):
    return [t for t in re.split(r"[\s,;()]+", s.lower().strip()) if t]


def is_title(t):
    return t in TITLE_WORDS or bool(ORDINAL.match(t))


def near(a, b):
    """Spelling variants: edit distance 1, or 2 on words of 6+ letters."""
    d = lev(a, b)
    return 0 < d <= (2 if min(len(a), len(b)) >= 6 else 1)


def short_form(a, b):
    """`a` and `b` are a name and its short form or nickname (tom / thomas, bill / william)."""
    if a == b or not a or not b:
        return False
    if b in NICK_OF.get(a, ()):
        return True
    s, long_ = sorted((a.rstrip("."), b.rstrip(".")), key=len)
    return len(s) >= 3 and long_.startswith(s[:3]) and len(long_) > len(s) and not near(a, b)


def parse_dob(s):
    """(year, month, day) of `YYYY-MM-DD` or `YYYYMMDD`; None when empty or other."""
    s = s.strip()
    m = re.match(r"^(\d{4})-?(\d{2})-?(\d{2})$", s)
    return tuple(int(x) for x in m.groups()) if m else None


def valid_day(y, m, d):
    if not 1 <= m <= 12:
        return False
    days = [31, 29 if (y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)) else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    return 1 <= d <= days[m - 1]


# ----------------------------------------------------------------------------------------
# Columns of the data set


class Columns:
    """Which column plays which part, from the header (historical_50k, fake_1000, Febrl)."""

    def __init__(self, header, truth):
        h = [c for c in header if c not in ("unique_id", truth)]
        self.full = "full_name" if "full_name" in h else None
        self.first = next((c for c in ("first_name", "given_name") if c in h), None)
        self.surname = "surname" if "surname" in h else None
        self.dob = next((c for c in ("dob", "date_of_birth") if c in h), None)
        name_cols = {self.full, self.first, self.surname, "first_and_surname"}
        self.other = [c for c in h if c not in name_cols and c != self.dob]
        self.masked = {"postcode_fake", "postcode", "email", "soc_sec_id", "address_1", "address_2", "street_number"}

    def full_name(self, r):
        if self.full:
            return r[self.full]
        return " ".join(x for x in (r.get(self.first, ""), r.get(self.surname, "")) if x.strip())


# ----------------------------------------------------------------------------------------
# Phenomena of a pair


def dob_tags(cols, a, b, min_year, hijri):
    if not cols.dob:
        return []
    x, y = a[cols.dob].strip(), b[cols.dob].strip()
    if not x or not y:
        return ["dob missing (one or both)", "dob unusable by hawiya on a side (missing, <min year, Hijri range, invalid)"]
    tags = []
    px, py = parse_dob(x), parse_dob(y)
    for p in (px, py):
        if p and not valid_day(*p):
            tags.append("dob invalid month/day (typo; hawiya null)")
            break
    years = [p[0] for p in (px, py) if p]
    if any(p is None or not valid_day(*p) or p[0] < min_year or hijri[0] <= p[0] <= hijri[1] for p in (px, py)):
        tags.append("dob unusable by hawiya on a side (missing, <min year, Hijri range, invalid)")
    if any(y_ < min_year for y_ in years) and not any(hijri[0] <= y_ <= hijri[1] for y_ in years):
        tags.append(f"dob before {min_year} (hawiya null: out_of_range)")
    if any(hijri[0] <= y_ <= hijri[1] for y_ in years):
        tags.append(f"dob year {hijri[0]}-{hijri[1]} (hawiya reads it as Hijri)")
    if any(p and p[1:] in ((1, 1), (7, 1)) for p in (px, py)):
        tags.append("dob 1 Jan / 1 Jul on a side (hawiya: placeholder, weak)")
    if x == y:
        tags.append("dob equal")
    elif px and py and px[0] == py[0]:
        tags.append("dob same year, other month/day")
    elif lev(x, y) == 1:
        tags.append("dob other year, one digit differs")
    elif lev(x, y) == 2:
        tags.append("dob other year, two digits differ")
    else:
        tags.append("dob differs more")
    return tags


def name_tags(cols, a, b):
    tags = []
    fa, fb = cols.full_name(a), cols.full_name(b)
    ta, tb = tokens(fa), tokens(fb)
    if not ta or not tb:
        return ["name missing"]
    if "," in fa or "," in fb:
        tags.append("comma in a name (hawiya reads 'family, given')")
    if any(is_title(t) for t in ta + tb):
        tags.append("title/peerage words (sir, baron, 1st, of …)")
    core_a = [t for t in ta if not is_title(t)]
    core_b = [t for t in tb if not is_title(t)]
    if any(len(t.rstrip(".")) == 1 for t in core_a + core_b):
        tags.append("initials")
    if len(core_a) <= 1 or len(core_b) <= 1:
        tags.append("one name token on a side (e.g. surname only)")
    if cols.first and cols.surname:
        fa1, sa1 = a[cols.first].strip().lower(), a[cols.surname].strip().lower()
        fb1, sb1 = b[cols.first].strip().lower(), b[cols.surname].strip().lower()
        if fa1 and fb1 and sa1 and sb1 and (fa1 == sb1 or sa1 == fb1 or (lev(fa1, sb1) <= 1 and lev(sa1, fb1) <= 1)):
            if not (fa1 == fb1 and sa1 == sb1):
                tags.append("given name and surname swapped between columns")
        if fa1 and fb1 and fa1 != fb1:
            if short_form(fa1, fb1):
                tags.append("first name: nickname/short form (tom/thomas)")
            elif near(fa1, fb1):
                tags.append("first name: typo")
        if sa1 and sb1 and sa1 != sb1 and not (fa1 == sb1 or sa1 == fb1):
            if near(sa1, sb1):
                tags.append("surname: typo")
            else:
                tags.append("surname: different word")
        if not sa1 or not sb1:
            tags.append("surname column empty on a side")
    sa, sb = set(core_a), set(core_b)
    if core_a != core_b and sa == sb:
        tags.append("name order differs")
    elif sa and sb and (sa < sb or sb < sa):
        tags.append("tokens of one name within the other (dropped middle/title parts)")
    if fa.strip().lower() == fb.strip().lower():
        tags.append("full name identical")
    return tags


def other_tags(cols, a, b):
    tags = []
    for c in cols.other:
        x, y = a[c].strip().lower(), b[c].strip().lower()
        if not x or not y:
            tags.append(f"{c}: missing")
        elif x == y:
            tags.append(f"{c}: agrees")
        else:
            tags.append(f"{c}: differs")
    return tags


def tags(cols, a, b, min_year, hijri):
    return name_tags(cols, a, b) + dob_tags(cols, a, b, min_year, hijri) + other_tags(cols, a, b)


# ----------------------------------------------------------------------------------------
# Anonymised examples


class Anonymiser:
    """Maps the name tokens and masked values of one example to symbols."""

    def __init__(self, show):
        self.show = show
        self.sym = {}

    def token(self, t):
        if self.show or is_title(t):
            return t
        if t in self.sym:
            return self.sym[t]
        for u, s in list(self.sym.items()):
            if s[-1] in "'~":
                continue
            if near(t, u):
                self.sym[t] = s + "'"
                return self.sym[t]
            if short_form(t, u):
                self.sym[t] = s + "~"
                return self.sym[t]
        k = sum(1 for s in self.sym.values() if s[-1] not in "'~")
        self.sym[t] = chr(ord("A") + k % 26) + ("" if k < 26 else str(k // 26))
        return self.sym[t]

    def name(self, s):
        return " ".join(self.token(t) for t in tokens(s)) or "∅"

    def value(self, c, v, cols):
        v = v.strip()
        if not v:
            return "∅"
        if self.show or c not in cols.masked:
            return v
        return "#" + self.token("§" + v.lower())[0:]


def show_pair(cols, a, b, prob, show, level_cols, pair_levels):
    an = Anonymiser(show)
    out = []
    for r in (a, b):
        parts = [an.name(cols.full_name(r))]
        if cols.full and cols.first:
            parts.append(f"[{an.name(r[cols.first])} | {an.name(r[cols.surname]) if cols.surname else ''}]")
        if cols.dob:
            parts.append(r[cols.dob].strip() or "∅")
        parts += [f"{c}={an.value(c, r[c], cols)}" for c in cols.other]
        out.append("; ".join(parts))
    lv = ""
    if pair_levels:
        lv = "  levels: " + ", ".join(f"{c[6:]}={v}" for c, v in zip(level_cols, pair_levels))
    p = "never scored" if prob is None else f"p={prob:.3f}"
    return f"      {out[0]}\n      {out[1]}\n      ({p}){lv}"


def blocking_share_table(pairs, cols, records, n_scored):
    """What the never-scored true pairs have in common: the keys a blocking rule could use."""
    if not pairs:
        return
    share = Counter()
    for a, b, _ in pairs:
        ra, rb = records[a], records[b]
        ta = {t for t in tokens(cols.full_name(ra)) if not is_title(t)}
        tb = {t for t in tokens(cols.full_name(rb)) if not is_title(t)}
        tok = bool(ta & tb)
        loose = tok or any(near(x, y) or short_form(x, y) for x in ta for y in tb)
        keys = {"any name token": tok, "a name token up to typo/short form": loose}
        if cols.dob:
            da, db = parse_dob(ra[cols.dob]), parse_dob(rb[cols.dob])
            keys["dob string"] = bool(ra[cols.dob].strip()) and ra[cols.dob].strip() == rb[cols.dob].strip()
            keys["dob year"] = bool(da and db and da[0] == db[0])
            keys["any name token + dob string"] = tok and keys["dob string"]
            keys["any name token + dob year"] = tok and keys["dob year"]
        for c in cols.other:
            x, y = ra[c].strip().lower(), rb[c].strip().lower()
            keys[c] = bool(x) and x == y
            keys[f"any name token + {c}"] = tok and keys[c]
        for k, v in keys.items():
            share[k] += v
        share["none of these"] += not any(keys.values())
    print(f"\n### Never-scored true pairs ({len(pairs)}; {n_scored} candidate pairs were scored): what they share")
    for k, n in share.most_common():
        print(f"  {n:>7} {n / len(pairs):>6.1%}  {k}")


# ----------------------------------------------------------------------------------------
# What-if rewrites of the input (the truth and the tags keep the original values)


def remap_dob_years(row, cols):
    """Years outside 1850–2097 into it (year ≡ 1850 + (year − 1850) mod 248: a multiple of 4,
    so leap days stay valid; equal and neighbouring years stay equal and neighbouring):
    what hawiya would do with dates of birth before 1850 and in 1300–1500 if it read them."""
    if not cols.dob:
        return
    v = row[cols.dob].strip()
    m = re.match(r"^(\d{4})(-?\d{2}-?\d{2})$", v)
    if m:
        y = int(m.group(1))
        if not 1850 <= y <= 2097:
            row[cols.dob] = f"{1850 + (y - 1850) % 248}{m.group(2)}"


def jan1_year_only(row, cols):
    """`YYYY-01-01` → `YYYY`: a date of birth known to the year only (as Wikidata writes one)."""
    if cols.dob:
        v = row[cols.dob].strip()
        if re.match(r"^\d{4}-01-01$", v):
            row[cols.dob] = v[:4]


def nicknames_to_names(row, cols):
    """Short forms from the NICKNAMES table (`tom`, `bill`) → the full given name, in every
    name column: what a nickname table in the name comparison and the name keys would give."""
    short = {f: full for full, forms in NICKNAMES.items() for f in forms.split()}
    for c in (cols.full, cols.first, "first_and_surname"):
        if c and c in row:
            row[c] = re.sub(r"\b(\w+)\b", lambda m: short.get(m.group(1).lower(), m.group(1)), row[c])


def blank_name_parts(row, cols):
    """Empty `first_and_surname`, `first_name`, `surname` next to a `full_name`: the name
    counted once, as if the inferred schema made one name field of the columns."""
    if cols.full:
        for c in ("first_and_surname", "first_name", "surname"):
            if c in row:
                row[c] = ""


WHAT_IF = {
    "one-name-field": blank_name_parts,
    "dob-in-range": remap_dob_years,
    "jan1-year-only": jan1_year_only,
    "nicknames": nicknames_to_names,
}


# ----------------------------------------------------------------------------------------
# Running hawiya


def run_hawiya(args, inputs, tag, extra):
    out = os.path.join(args.work, f"{tag}_clusters.csv")
    pairs = os.path.join(args.work, f"{tag}_pairs.csv")
    log = os.path.join(args.work, f"{tag}.log")
    cmd = [args.hawiya, "link" if len(inputs) == 2 else "dedupe", *inputs, "--output", out, "--pairs", pairs]
    if args.config:
        cmd += ["--config", args.config]
    cmd += extra
    with open(log, "w", encoding="utf-8") as f:
        rc = subprocess.run(cmd, stdout=f, stderr=f).returncode
    if rc != 0:
        sys.exit(f"{' '.join(cmd)} failed; see {log}")
    return out, pairs, log


def read_pairs(path):
    with open(path, newline="", encoding="utf-8") as f:
        r = csv.reader(f)
        header = next(r)
        level_cols = [c for c in header if c.startswith("level_")]
        li = [header.index(c) for c in level_cols]
        pairs = {}
        for row in r:
            k = tuple(sorted((row[0].strip(), row[1].strip())))
            pairs[k] = (float(row[2]), tuple(row[i] for i in li))
    return pairs, level_cols


def threshold_of(config, log, default=0.9):
    """The clustering threshold of the run: the config's, else the inferred schema's as the
    run printed it, else 0.9."""
    if config:
        import tomllib

        with open(config, "rb") as f:
            return float(tomllib.load(f).get("threshold", default))
    with open(log, encoding="utf-8") as f:
        for line in f:
            m = re.match(r"^threshold = ([0-9.]+)", line.strip())
            if m:
                return float(m.group(1))
    return default


def report_lines(log):
    with open(log, encoding="utf-8") as f:
        lines = f.read().splitlines()
    keep = []
    on = False
    for line in lines:
        if line.startswith("run report"):
            on = True
        if on and (line.strip().startswith(("nulls", "records", "total", "pairs", "clusters", "prior")) or "warning" in line):
            keep.append(line.rstrip())
    return keep


# ----------------------------------------------------------------------------------------
# Analysis


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--hawiya", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--data", action="append", required=True, help="CSV with truth (twice to link)")
    ap.add_argument("--config", help="hawiya config; default: inferred from the header")
    ap.add_argument("--label", default=None)
    ap.add_argument("--truth", default="cluster")
    ap.add_argument("--examples", type=int, default=8)
    ap.add_argument("--show-values", action="store_true")
    ap.add_argument("--threshold", type=float, help="clustering threshold (default: the config's)")
    ap.add_argument(
        "--what-if",
        action="append",
        default=[],
        choices=sorted(WHAT_IF),
        help="rewrite the copies hawiya reads, to measure what a fix would gain (repeatable)",
    )
    ap.add_argument("--min-year", type=int, default=1850, help="hawiya's earliest date of birth (DateConfig)")
    ap.add_argument("--hijri-years", default="1300-1500", help="years hawiya reads as Hijri (DateConfig)")
    args = ap.parse_args()
    if len(args.data) > 2:
        sys.exit("one --data to deduplicate, two to link")
    hijri = tuple(int(x) for x in args.hijri_years.split("-"))
    os.makedirs(args.work, exist_ok=True)
    label = args.label or ("config" if args.config else "inferred")
    if args.what_if:
        label += "+" + "+".join(args.what_if)
    base = os.path.splitext(os.path.basename(args.data[0]))[0]
    tag = f"{base}_{label}".replace(" ", "_")

    # Data without the truth column; records and truth by id.
    records, truth, inputs = {}, {}, []
    for k, path in enumerate(args.data):
        with open(path, newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        header = list(rows[0].keys())
        cols = Columns(header, args.truth)
        dst = os.path.join(args.work, f"{tag}_input{k}.csv")
        with open(dst, "w", newline="", encoding="utf-8") as g:
            w = csv.DictWriter(g, fieldnames=[c for c in header if c != args.truth])
            w.writeheader()
            for r in rows:
                uid = r["unique_id"].strip()
                records[uid] = r
                truth[uid] = r[args.truth].strip()
                out = {c: r[c] for c in header if c != args.truth}
                for name in args.what_if:
                    WHAT_IF[name](out, cols)
                w.writerow(out)
        inputs.append(dst)

    extra = ["--threshold", str(args.threshold)] if args.threshold else []
    clusters_csv, pairs_csv, log = run_hawiya(args, inputs, tag, extra)
    threshold = args.threshold or threshold_of(args.config, log)
    _, all_pairs_csv, _ = run_hawiya(args, inputs, tag + "_all", ["--threshold", "1e-12"])
    with open(clusters_csv, newline="", encoding="utf-8") as f:
        pred = {r["unique_id"].strip(): r["cluster_id"].strip() for r in csv.DictReader(f)}
    scored, level_cols = read_pairs(all_pairs_csv)

    p, r, f1 = pairwise_metrics(pred, truth)
    c2 = lambda n: n * (n - 1) // 2  # noqa: E731
    both = Counter((pred.get(i, ("missing", i)), truth[i]) for i in truth)
    tp = sum(c2(n) for n in both.values())
    pp = sum(c2(n) for n in Counter(pred.get(i, ("missing", i)) for i in truth).values())
    apairs = sum(c2(n) for n in Counter(truth.values()).values())
    link = len(args.data) == 2
    print(f"# {base}, hawiya {label} ({'link' if link else 'dedupe'}; threshold {threshold})")
    print(f"P {p:.4f} R {r:.4f} F1 {f1:.4f}: {tp} true pairs found of {apairs}, {pp - tp} false; "
          f"{len(scored)} candidate pairs scored")

    def f1_with(tp_add=0, fp_remove=0):
        """F1 with `tp_add` missed true pairs linked, or `fp_remove` false links undone."""
        t = tp + tp_add
        linked = pp + tp_add - fp_remove
        pr = t / linked if linked else 1.0
        rc = t / apairs if apairs else 1.0
        return 2 * pr * rc / (pr + rc) if pr + rc else 0.0

    print("\n## Run report (null reasons per field, blocking, clusters)")
    for line in report_lines(log):
        print("   ", line.strip())

    # ---- missed true pairs
    by_person = defaultdict(list)
    for i, t in truth.items():
        by_person[t].append(i)
    fn = []  # (a, b, mechanism)
    frag_pairs = []  # (n_pairs, best (prob, a, b) or None, person)
    for person, ids in by_person.items():
        frags = defaultdict(list)
        for i in ids:
            frags[pred.get(i, ("missing", i))].append(i)
        if len(frags) == 1:
            continue
        for a, b in combinations(sorted(ids), 2):
            if pred.get(a) == pred.get(b):
                continue
            s = scored.get((a, b))
            mech = "blocking" if s is None else ("scoring" if s[0] < threshold else "clustering")
            fn.append((a, b, mech))
        fl = list(frags.values())
        for x, y in combinations(fl, 2):
            best = None
            for a in x:
                for b in y:
                    s = scored.get(tuple(sorted((a, b))))
                    if s and (best is None or s[0] > best[0]):
                        best = (s[0], *sorted((a, b)))
            frag_pairs.append((len(x) * len(y), best, person))
    n_fn = len(fn)
    print(f"\n## Missed true pairs: {n_fn} ({n_fn / apairs:.1%} of true pairs)")
    mech = Counter(m for _, _, m in fn)
    for m in ("blocking", "scoring", "clustering"):
        print(f"  {m:<11} {mech[m]:>7}  ({mech[m] / max(n_fn, 1):.1%}); F1 if all found: {f1_with(tp_add=mech[m]):.4f}")
    nf = sum(n for n, _, _ in frag_pairs)
    never = sum(n for n, b, _ in frag_pairs if b is None)
    print(f"  by fragments of one person ({len(frag_pairs)} fragment pairs, {nf} record pairs): "
          f"no pair across them scored {never} ({never / max(nf, 1):.1%}), "
          f"best pair across them scored below the threshold {nf - never} ({(nf - never) / max(nf, 1):.1%})")
    if frag_pairs:
        hist = Counter()
        for n, b, _ in frag_pairs:
            if b is not None:
                hist[min(int(b[0] * 10), 9) / 10] += n
        print("  best cross-fragment probability (record pairs): " + ", ".join(f"[{k:.1f},{k + 0.1:.1f}) {v}" for k, v in sorted(hist.items())))

    def tag_table(pairs, title, fp=False, split=None):
        tc = Counter()
        split_c = defaultdict(Counter)
        examples = defaultdict(list)
        for a, b, m in pairs:
            tg = tags(cols, records[a], records[b], args.min_year, hijri)
            for t in tg:
                tc[t] += 1
                split_c[t][m] += 1
                examples[t].append((a, b))
        total = max(len(pairs), 1)
        print(f"\n### {title}: phenomena (a pair has several; share of {len(pairs)} pairs)")
        for t, n in sorted(tc.items(), key=lambda kv: -kv[1]):
            gain = f1_with(fp_remove=n) if fp else f1_with(tp_add=n)
            sp = "  " + ", ".join(f"{k} {v}" for k, v in split_c[t].most_common()) if split else ""
            print(f"  {n:>7} {n / total:>6.1%}  {t:<58} F1 if fixed ≤ {gain:.4f}{sp}")
        return examples

    fn_ex = tag_table(fn, "Missed true pairs", split=True)
    blocking_share_table([x for x in fn if x[2] == "blocking"], cols, records, len(scored))

    def level_table(pairs, title):
        lc = defaultdict(Counter)
        n = 0
        for a, b, _ in pairs:
            s = scored.get((a, b))
            if s is None:
                continue
            n += 1
            for c, v in zip(level_cols, s[1]):
                lc[c][v] += 1
        print(f"\n### {title}: hawiya's level per field ({n} scored pairs)")
        for c in level_cols:
            print(f"  {c[6:]:<18} " + ", ".join(f"{v} {k / max(n, 1):.0%}" for v, k in lc[c].most_common(6)))

    level_table([x for x in fn if x[2] != "blocking"], "Missed true pairs that were scored")

    # ---- false links
    fp = []
    members = defaultdict(list)
    for i, c in pred.items():
        members[c].append(i)
    for c, ids in members.items():
        if len(ids) < 2 or len({truth[i] for i in ids}) == 1:
            continue
        for a, b in combinations(sorted(ids), 2):
            if truth[a] != truth[b]:
                s = scored.get((a, b))
                fp.append((a, b, "direct" if s and s[0] >= threshold else "chained"))
    print(f"\n## False links: {len(fp)} pairs of different people in one cluster ({len(fp) / max(pp, 1):.1%} of linked pairs)")
    fmech = Counter(m for _, _, m in fp)
    for m in ("direct", "chained"):
        print(f"  {m:<8} {fmech[m]:>7}  ({fmech[m] / max(len(fp), 1):.1%}); F1 without them: {f1_with(fp_remove=fmech[m]):.4f}")
    sizes = sorted(((len(ids), c) for c, ids in members.items() if len({truth[i] for i in ids}) > 1), reverse=True)
    print("  largest mixed clusters (records, people, false pairs in it): " + ", ".join(
        f"{n}/{len({truth[i] for i in members[c]})}/{sum(1 for a, b in combinations(members[c], 2) if truth[a] != truth[b])}"
        for n, c in sizes[:8]))
    fp_ex = tag_table(fp, "False links", fp=True, split=True)
    level_table([x for x in fp if x[2] == "direct"], "False links scored above the threshold (the edges)")

    # The edges that join different people inside the largest mixed cluster.
    if sizes:
        n, c = sizes[0]
        ids = set(members[c])
        edges = [(k, v) for k, v in scored.items() if k[0] in ids and k[1] in ids and v[0] >= threshold and truth[k[0]] != truth[k[1]]]
        print(f"\n### Largest mixed cluster: {n} records of {len({truth[i] for i in ids})} people, "
              f"{len(edges)} edges above the threshold between different people")
        lc = defaultdict(Counter)
        for _, (_, lv) in edges:
            for col, v in zip(level_cols, lv):
                lc[col][v] += 1
        for col in level_cols:
            print(f"  {col[6:]:<18} " + ", ".join(f"{v} {k}" for v, k in lc[col].most_common(5)))
        tok = Counter(t for i in ids for t in set(tokens(cols.full_name(records[i]))) if is_title(t))
        print("  title words in its names (records): " + ", ".join(f"{t} {k}" for t, k in tok.most_common(8)))
        an = Anonymiser(args.show_values)
        shapes = Counter(an.name(cols.full_name(records[i])) if args.show_values else
                         " ".join(t if is_title(t) else "X" for t in tokens(cols.full_name(records[i]))) for i in ids)
        print("  name shapes (X = a name token): " + ", ".join(f"'{s}' {k}" for s, k in shapes.most_common(8)))

    # ---- examples
    def examples(ex, title, pick):
        print(f"\n## Examples: {title} ({args.examples} per phenomenon{', anonymised' if not args.show_values else ''})")
        for t, pairs in sorted(ex.items(), key=lambda kv: -len(kv[1])):
            if pick(t):
                continue
            print(f"  - {t} ({len(pairs)})")
            step = max(len(pairs) // args.examples, 1)
            for a, b in pairs[::step][: args.examples]:
                s = scored.get((a, b))
                print(show_pair(cols, records[a], records[b], s[0] if s else None, args.show_values, level_cols, s[1] if s else None))

    skip_agree = lambda t: t.endswith(": agrees") or t.endswith(": missing") or t == "dob equal"  # noqa: E731
    examples(fn_ex, "missed true pairs", skip_agree)
    examples(fp_ex, "false links", lambda t: t.endswith(": missing") or t.endswith(": differs"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
