"""hawiya.spark on a local[2] Spark: the same clusters as the engine (``hawiya.Matcher``).

Skipped where pyspark is not installed, but failing under CI (``CI=true``), where it must be.
"""

from __future__ import annotations

import os
import sys
from typing import Any

import pytest

import hawiya

if os.environ.get("CI") == "true":
    import pyspark  # noqa: F401  (CI installs it: a missing pyspark fails there)
else:
    pytest.importorskip("pyspark")

import pandas as pd
import pyarrow as pa
from pyspark.sql import SparkSession

from hawiya import spark as hspark

# Fields inferred from the column names (name, date, id, gender), as Matcher() does.
CONFIG: Any = None
COLUMNS = ["unique_id", "full_name", "dob", "civil_id", "gender"]


@pytest.fixture(scope="session")
def spark() -> Any:
    # Workers run this Python (the one with hawiya), not the first python3 on the PATH.
    os.environ["PYSPARK_PYTHON"] = sys.executable
    s = (
        SparkSession.builder.master("local[2]")
        .appName("hawiya-tests")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.default.parallelism", "4")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .getOrCreate()
    )
    s.sparkContext.setLogLevel("ERROR")
    yield s
    s.stop()


def registry(n: int, seed: int) -> pd.DataFrame:
    return hawiya.generate(n, seed=seed)[COLUMNS]


def partition(ids: Any, clusters: Any) -> set[frozenset[str]]:
    """The clusters as a set of sets of ids (cluster names aside)."""
    groups: dict[str, set[str]] = {}
    for i, c in zip(ids, clusters):
        if c is not None and c == c:
            groups.setdefault(c, set()).add(i)
    return {frozenset(g) for g in groups.values()}


def check_same(out: pd.DataFrame, engine: pd.DataFrame) -> None:
    """Same rows, same cluster ids and reject reasons, so the same partition."""
    assert len(out) == len(engine)
    a = out.sort_values("unique_id", kind="stable").reset_index(drop=True)
    b = engine.sort_values("unique_id", kind="stable").reset_index(drop=True)
    assert list(a["unique_id"]) == list(b["unique_id"])
    assert list(a["cluster_id"].fillna("")) == list(b["cluster_id"].fillna(""))
    assert list(a["reject_reason"].fillna("")) == list(b["reject_reason"].fillna(""))
    assert partition(a["unique_id"], a["cluster_id"]) == partition(b["unique_id"], b["cluster_id"])


def test_dedupe_gives_the_engines_clusters(spark: Any) -> None:
    df = registry(2500, seed=11)
    engine = hawiya.Matcher(CONFIG).dedupe(df)
    out = hspark.dedupe(spark.createDataFrame(df), CONFIG).toPandas()
    assert list(out.columns) == COLUMNS + ["cluster_id", "reject_reason"]
    check_same(out, engine)
    multi = engine.groupby("cluster_id").size()
    assert (multi > 1).sum() > 100  # a test with real clusters


def test_salted_blocks_give_the_same_clusters(spark: Any) -> None:
    """Tiny blocks and slices: oversized blocks paired in windows, split into slices."""
    df = registry(2000, seed=12)
    config = {"blocking": [
        {"name": "family", "on": ["full_name:family"], "max_block": 5, "window": 3,
         "unknown": "dob:year"},
        {"name": "sorted", "sorted": "full_name", "window": 4},
        {"name": "civil_id", "on": ["civil_id:value"]},
    ]}
    engine = hawiya.Matcher(config).dedupe(df)
    out = hspark.dedupe(spark.createDataFrame(df), config, salt_limit=7).toPandas()
    check_same(out, engine)
    assert hspark.last_stats["salted_blocks"] > 10, hspark.last_stats


def test_rejected_rows_are_kept_with_their_reason(spark: Any) -> None:
    df = registry(1000, seed=13)  # few records: every pair compared (the all-pairs rule)
    df.loc[3, "unique_id"] = " "
    df.loc[7, "unique_id"] = df.loc[5, "unique_id"]
    df.loc[9, "full_name"] = "x" * 5000
    engine = hawiya.Matcher(CONFIG).dedupe(df)
    assert engine["reject_reason"].notna().sum() == 3
    out = hspark.dedupe(spark.createDataFrame(df), CONFIG).toPandas()
    assert len(out) == len(df)
    # Row order is kept; the rejected rows have a reason and no cluster.
    assert list(out["reject_reason"].fillna("")) == list(engine["reject_reason"].fillna(""))
    assert list(out["cluster_id"].fillna("")) == list(engine["cluster_id"].fillna(""))


def test_link_gives_the_engines_clusters(spark: Any) -> None:
    df = registry(2400, seed=14)
    left, right = df.iloc[:1300].reset_index(drop=True), df.iloc[1300:].reset_index(drop=True)
    engine = hawiya.Matcher(CONFIG).link(left, right)
    out = hspark.link(spark.createDataFrame(left), spark.createDataFrame(right), CONFIG)
    o = out.toPandas()
    assert list(o.columns[:2]) == ["source", "unique_id"]
    for side in ("left", "right"):
        check_same(
            o[o["source"] == side][["unique_id", "cluster_id", "reject_reason"]],
            engine[engine["source"] == side][["unique_id", "cluster_id", "reject_reason"]],
        )
    assert partition(o["unique_id"] + o["source"], o["cluster_id"]) == partition(
        engine["unique_id"] + engine["source"], engine["cluster_id"]
    )


def test_bad_input_gives_a_clear_error(spark: Any) -> None:
    df = spark.createDataFrame(registry(50, seed=15).drop(columns=["dob"]))
    fields = {"fields": [{"column": "full_name", "kind": "name"}, {"column": "dob", "kind": "date"}]}
    with pytest.raises(hawiya.InputError, match="'dob': a configured column is missing"):
        hspark.dedupe(df, fields)
    with pytest.raises(TypeError, match="expected a Spark DataFrame"):
        hspark.dedupe(pa.table({"unique_id": ["1"]}), CONFIG)
    with pytest.raises(hawiya.ConfigError):
        hspark.dedupe(df, {"threshold": 2})
