"""hawiya score-pairs vs the rapidfuzz pipeline on the same name pairs.

Usage: python3 benches/vs_rapidfuzz.py --hawiya target/release/hawiya --pairs N --work DIR

1. `hawiya generate` writes a synthetic registry (mixed Arabic-script and Latin names);
   N pairs are drawn from it with a fixed seed: half pairs of records of one cluster,
   half random pairs.
2. `hawiya score-pairs` scores the pairs (all cores), timed end to end (reading, scoring,
   writing).
3. The rapidfuzz pipeline: anyascii romanisation of both sides, then
   `process.cpdist(left, right, scorer=fuzz.token_sort_ratio, workers=-1)`, timed end to
   end; and cpdist alone on the pre-romanised strings.
Prints pairs/s of each and the ratios, plus the ROC-AUC of both scores against the
cluster truth (a sanity check that both did real work).
"""

import argparse
import csv
import os
import random
import resource
import subprocess
import sys
import time


def read_registry(path):
    names, clusters = [], []
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            names.append(row["full_name"])
            clusters.append(row["cluster"])
    return names, clusters


def make_pairs(names, clusters, n, seed):
    rng = random.Random(seed)
    by_cluster = {}
    for i, c in enumerate(clusters):
        by_cluster.setdefault(c, []).append(i)
    multi = [v for v in by_cluster.values() if len(v) > 1]
    pairs = []
    while len(pairs) < n // 2:
        members = rng.choice(multi)
        a, b = rng.sample(members, 2)
        pairs.append((a, b))
    while len(pairs) < n:
        pairs.append((rng.randrange(len(names)), rng.randrange(len(names))))
    rng.shuffle(pairs)
    return pairs


def auc(scores, labels):
    order = sorted(range(len(scores)), key=lambda i: scores[i])
    ranks = [0.0] * len(scores)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and scores[order[j + 1]] == scores[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2 + 1
        i = j + 1
    pos = sum(labels)
    neg = len(labels) - pos
    if pos == 0 or neg == 0:
        return float("nan")
    s = sum(r for r, l in zip(ranks, labels) if l)
    return (s - pos * (pos + 1) / 2) / (pos * neg)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--hawiya", required=True)
    ap.add_argument("--pairs", type=int, default=1_000_000)
    ap.add_argument("--records", type=int, default=200_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--work", required=True)
    args = ap.parse_args()

    from anyascii import anyascii
    from rapidfuzz import fuzz, process

    os.makedirs(args.work, exist_ok=True)
    reg = os.path.join(args.work, "registry.csv")
    subprocess.run(
        [args.hawiya, "generate", "--records", str(args.records), "--seed", str(args.seed), "--output", reg],
        check=True,
    )
    names, clusters = read_registry(reg)
    pairs = make_pairs(names, clusters, args.pairs, args.seed)
    left = [names[a] for a, _ in pairs]
    right = [names[b] for _, b in pairs]
    labels = [clusters[a] == clusters[b] for a, b in pairs]
    arabic = sum(any("\u0600" <= ch <= "\u06ff" for ch in s) for s in left + right)
    pairs_tsv = os.path.join(args.work, "pairs.tsv")
    scores_tsv = os.path.join(args.work, "scores.tsv")
    with open(pairs_tsv, "w", encoding="utf-8") as f:
        f.write("id\tleft\tright\n")
        for i, (l, r) in enumerate(zip(left, right)):
            f.write(f"{i}\t{l}\t{r}\n")
    n = len(pairs)
    print(f"{n} pairs ({sum(labels)} same-cluster), {arabic / (2 * n):.0%} of names in Arabic script, {os.cpu_count()} cores")

    def child_cpu():
        r = resource.getrusage(resource.RUSAGE_CHILDREN)
        return r.ru_utime + r.ru_stime

    c = child_cpu()
    t = time.perf_counter()
    subprocess.run([args.hawiya, "score-pairs", "--input", pairs_tsv, "--output", scores_tsv], check=True, stderr=subprocess.DEVNULL)
    t_hawiya = time.perf_counter() - t
    c_hawiya = child_cpu() - c
    with open(scores_tsv, encoding="utf-8") as f:
        next(f)
        h_scores = [float(line.split("\t")[1]) for line in f]
    assert len(h_scores) == n

    c = time.process_time()
    t = time.perf_counter()
    rl = [anyascii(s).lower() for s in left]
    rr = [anyascii(s).lower() for s in right]
    t_roman = time.perf_counter() - t
    c_roman = time.process_time() - c
    c = time.process_time()
    t = time.perf_counter()
    rf = process.cpdist(rl, rr, scorer=fuzz.token_sort_ratio, workers=-1)
    t_cpdist = time.perf_counter() - t
    c_cpdist = time.process_time() - c
    t_pipeline = t_roman + t_cpdist
    c_pipeline = c_roman + c_cpdist

    print(f"hawiya score-pairs (end to end, file in/out): {n / t_hawiya:12,.0f} pairs/s  ({t_hawiya:.2f} s)")
    print(f"rapidfuzz pipeline (anyascii + cpdist):      {n / t_pipeline:12,.0f} pairs/s  ({t_pipeline:.2f} s)")
    print(f"rapidfuzz cpdist alone (pre-romanised):      {n / t_cpdist:12,.0f} pairs/s  ({t_cpdist:.2f} s)")
    print(f"ratio hawiya / pipeline: {t_pipeline / t_hawiya:.2f}x wall")
    print(f"ratio hawiya / cpdist alone: {t_cpdist / t_hawiya:.2f}x wall")
    # The machine may be shared: CPU seconds are the steadier measure.
    print(f"CPU seconds: hawiya {c_hawiya:.2f}, pipeline {c_pipeline:.2f} (anyascii {c_roman:.2f} + cpdist {c_cpdist:.2f})")
    print(f"ratio hawiya / pipeline: {c_pipeline / c_hawiya:.2f}x per CPU-second")
    print(f"ratio hawiya / cpdist alone: {c_cpdist / c_hawiya:.2f}x per CPU-second")
    print(f"ROC-AUC vs cluster truth: hawiya {auc(h_scores, labels):.4f}, rapidfuzz {auc(list(map(float, rf)), labels):.4f}")


if __name__ == "__main__":
    sys.exit(main())
