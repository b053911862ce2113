#!/usr/bin/env python3
"""Tabulate criterion results of benches/similarity.rs as million pairs per second.

Usage: python3 scripts/bench-table.py [target/criterion]
Reads <group>/<function>/<parameter>/new/estimates.json (median time per iteration of
1000 pairs) and prints one row per kernel, one column per script/length group.
"""
import json
import os
import sys

PAIRS = 1000
root = sys.argv[1] if len(sys.argv) > 1 else "target/criterion"
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
            est = os.path.join(fdir, param, "new", "estimates.json")
            if not os.path.exists(est):
                continue
            with open(est) as f:
                ns = json.load(f)["median"]["point_estimate"]
            if group not in cols:
                cols.append(group)
            rows.setdefault(f"{func}/{param}", {})[group] = PAIRS / ns * 1e3  # M pairs/s

def key(g):
    script, length = g.split("_len")
    return (script != "latin", int(length))

cols.sort(key=key)
print("M pairs/s (median, 1 thread) | " + " | ".join(cols))
print("|".join(["---"] * (len(cols) + 1)))
for name in sorted(rows):
    print(name + " | " + " | ".join(f"{rows[name].get(c, float('nan')):.2f}" for c in cols))
