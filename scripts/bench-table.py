#!/usr/bin/env python3
"""Tabulate criterion results of benches/similarity.rs as million pairs per second.

Usage: python3 scripts/bench-table.py [--best] [target/criterion]
Prints one row per kernel, one column per script/length group: criterion's median time
per iteration of 1000 pairs (the bench measures thread CPU time), as million pairs per
CPU-second. --best uses the fastest sample instead (the one least disturbed by other
processes sharing the caches).
"""
import json
import os
import sys

PAIRS = 1000
args = [a for a in sys.argv[1:] if a != "--best"]
median = "--best" not in sys.argv
root = args[0] if args else "target/criterion"
rows, cols = {}, []
for group in sorted(os.listdir(root)):
    gdir = os.path.join(root, group)
    if group == "report" or not os.path.isdir(gdir):
        continue
    for func in sorted(os.listdir(gdir)):
        fdir = os.path.join(gdir, func)
        if not os.path.isdir(fdir) or func == "report":
            continue
        for param in sorted(os.listdir(fdir)):
            new = os.path.join(fdir, param, "new")
            if not os.path.exists(os.path.join(new, "sample.json")):
                continue
            if median:
                with open(os.path.join(new, "estimates.json")) as f:
                    ns = json.load(f)["median"]["point_estimate"]
            else:
                with open(os.path.join(new, "sample.json")) as f:
                    sample = json.load(f)
                ns = min(t / i for t, i in zip(sample["times"], sample["iters"]))
            if group not in cols:
                cols.append(group)
            rows.setdefault(f"{func}/{param}", {})[group] = PAIRS / ns * 1e3  # M pairs/s

def key(g):
    script, length = g.split("_len")
    return (script != "latin", int(length))

cols.sort(key=key)
print(f"M pairs/s ({'median' if median else 'fastest sample'}, 1 thread) | " + " | ".join(cols))
print("|".join(["---"] * (len(cols) + 1)))
for name in sorted(rows):
    print(name + " | " + " | ".join(f"{rows[name].get(c, float('nan')):.2f}" for c in cols))
