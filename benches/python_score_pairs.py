"""Throughput of `hawiya.score_pairs` from Python against the CLI's `hawiya score-pairs`.

Both score the same pairs of names from the synthetic registry (half of them neighbours in
truth-cluster order, so many are the same person written another way; half random). The
CLI time is the whole command (read TSV, score, write TSV); the Python time is the call on
two lists of str (conversion included), and on two pyarrow arrays.

    python benches/python_score_pairs.py [--pairs 1000000] [--cli target/release/hawiya]

Needs the extension installed (scripts/test-python.sh) and a release CLI
(`cargo build --release -p hawiya-cli`). Exits non-zero when the scores differ from the
CLI's or Python is slower than 1.2x the CLI.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import subprocess
import sys
import tempfile
import time

import numpy as np

import hawiya


def make_pairs(n: int, seed: int = 5) -> tuple[list[str], list[str]]:
    data = hawiya.generate(max(n // 5, 1000), seed=seed, kind="dict")
    rows = sorted(
        (c, name) for c, name in zip(data["cluster"], data["full_name"]) if name
    )
    names = [name for _, name in rows]
    rng = random.Random(seed)
    lefts, rights = [], []
    m = len(names)
    for i in range(n):
        j = i % m
        lefts.append(names[j])
        rights.append(names[(j + 1) % m] if i % 2 == 0 else names[rng.randrange(m)])
    return lefts, rights


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pairs", type=int, default=1_000_000)
    ap.add_argument("--cli", default=os.path.join("target", "release", "hawiya"))
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    lefts, rights = make_pairs(args.pairs)
    with tempfile.TemporaryDirectory() as tmp:
        src, dst = os.path.join(tmp, "pairs.tsv"), os.path.join(tmp, "scores.tsv")
        with open(src, "w", encoding="utf-8", newline="") as f:
            f.write("id\tleft\tright\n")
            for i, (a, b) in enumerate(zip(lefts, rights)):
                f.write(f"{i}\t{a}\t{b}\n")
        cli = []
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            subprocess.run(
                [args.cli, "score-pairs", "--input", src, "--output", dst],
                check=True,
                stderr=subprocess.DEVNULL,
            )
            cli.append(time.perf_counter() - t0)
        with open(dst, encoding="utf-8") as f:
            cli_scores = np.array([float(r["score"]) for r in csv.DictReader(f, delimiter="\t")])
    py, arrow = [], []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        scores = hawiya.score_pairs(lefts, rights)
        py.append(time.perf_counter() - t0)
    try:
        import pyarrow as pa

        la, ra = pa.array(lefts), pa.array(rights)
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            arrow_scores = hawiya.score_pairs(la, ra)
            arrow.append(time.perf_counter() - t0)
        assert np.array_equal(arrow_scores, scores)
    except ImportError:
        pass
    same = np.allclose(scores, cli_scores, atol=1e-6)
    n = args.pairs
    best_cli, best_py = min(cli), min(py)
    print(f"pairs: {n}, cores: {os.cpu_count()}, best of {args.repeat}")
    print(f"cli  score-pairs (TSV in/out): {best_cli:.3f} s  {n / best_cli / 1e6:.3f} M pairs/s")
    print(f"python score_pairs (lists):    {best_py:.3f} s  {n / best_py / 1e6:.3f} M pairs/s")
    if arrow:
        print(f"python score_pairs (pyarrow):  {min(arrow):.3f} s  {n / min(arrow) / 1e6:.3f} M pairs/s")
    ratio = best_py / best_cli
    print(f"python / cli time: {ratio:.2f}x (target <= 1.2x); scores equal to the CLI's: {same}")
    return 0 if same and ratio <= 1.2 else 1


if __name__ == "__main__":
    sys.exit(main())
