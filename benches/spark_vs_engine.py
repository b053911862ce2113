"""hawiya.spark on a local Spark against the engine alone, on generated registries.

For each size: the engine (``hawiya.Matcher(config).dedupe`` on a pyarrow table) and
``hawiya.spark.dedupe`` on ``local[N]`` over the same rows and config; prints both wall
times, their ratio, and whether the clusters are identical (same cluster id for every row).
Not run in CI (minutes of Spark). Needs the extension and pyspark in the Python that runs it
(``scripts/test-python.sh`` builds both into target/pyenv):

    target/pyenv/bin/python benches/spark_vs_engine.py --records 200000 1000000

Spark's time includes its jobs (rejects, training, term counts, blocking, scoring,
components) but not starting the session.
"""

from __future__ import annotations

import argparse
import os
import sys
import time

import hawiya
from hawiya import spark as hspark

COLUMNS = ["unique_id", "full_name", "dob", "civil_id", "gender"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--records", type=int, nargs="+", default=[200_000, 1_000_000])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--cores", type=int, default=2, help="local[N] for Spark")
    ap.add_argument("--memory", default="4g", help="spark.driver.memory")
    args = ap.parse_args()

    from pyspark.sql import SparkSession

    os.environ["PYSPARK_PYTHON"] = sys.executable  # workers need this Python's hawiya
    spark = (
        SparkSession.builder.master(f"local[{args.cores}]")
        .appName("hawiya-bench")
        .config("spark.driver.memory", args.memory)
        .config("spark.sql.shuffle.partitions", str(4 * args.cores))
        .config("spark.ui.enabled", "false")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    print("records  engine_s  spark_s  spark/engine  identical")
    for n in args.records:
        table = hawiya.generate(n, seed=args.seed, kind="pyarrow").select(COLUMNS)
        t0 = time.perf_counter()
        engine = hawiya.Matcher(None).dedupe(table)
        t_engine = time.perf_counter() - t0

        df = spark.createDataFrame(table.to_pandas()).cache()
        df.count()
        t0 = time.perf_counter()
        out = hspark.dedupe(df, None)
        got = out.select("unique_id", "cluster_id").toArrow()
        t_spark = time.perf_counter() - t0
        df.unpersist()

        want = dict(zip(engine["unique_id"].to_pylist(), engine["cluster_id"].to_pylist()))
        have = dict(zip(got["unique_id"].to_pylist(), got["cluster_id"].to_pylist()))
        same = want == have and got.num_rows == table.num_rows
        print(f"{n:>7}  {t_engine:8.1f}  {t_spark:7.1f}  {t_spark / t_engine:12.1f}  {same}", flush=True)
    spark.stop()


if __name__ == "__main__":
    main()
