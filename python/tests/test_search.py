"""hawiya.search: ranked name screening, ids, table kinds, missing names, errors."""

from __future__ import annotations

import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

import hawiya

INDEX = ["صالح عبدالله الفضالة", "منى حداد", "عبد الرحمن الخالد", "محمد العنزي", "صالح المطيري"]
QUERIES = ["Saleh Abdullah Al-Fadhala", "Abdulrahman Al-Khalid", "Mona Haddad"]


def test_best_hit_is_the_same_person_and_scores_are_ranked() -> None:
    r = hawiya.search(INDEX, QUERIES, top=3)
    assert isinstance(r, pd.DataFrame)
    assert list(r.columns) == ["query_id", "index_id", "score"]
    assert r["score"].dtype == "float64" and r["query_id"].dtype == "int64"
    first = r.groupby("query_id", sort=True).head(1)
    assert list(first["index_id"]) == [0, 2, 1]
    for _, g in r.groupby("query_id"):
        assert len(g) <= 3
        assert list(g["score"]) == sorted(g["score"], reverse=True)
    assert r["score"].between(0.0, 1.0).all()
    # Queries come out in input order.
    assert list(r["query_id"]) == sorted(r["query_id"])


def test_ids_and_kinds() -> None:
    ids = [f"p{i}" for i in range(len(INDEX))]
    r = hawiya.search(pa.array(INDEX), pl.Series(QUERIES), top=1, index_ids=ids,
                      query_ids=["a", "b", "c"], kind="polars")
    assert isinstance(r, pl.DataFrame)
    assert r["query_id"].to_list() == ["a", "b", "c"]
    assert r["index_id"].to_list() == ["p0", "p2", "p1"]
    t = hawiya.search(INDEX, QUERIES, top=1, kind="pyarrow")
    assert isinstance(t, pa.Table) and t.num_rows == 3
    d = hawiya.search(INDEX, QUERIES, top=1, kind="dict")
    assert d["index_id"] == [0, 2, 1]


def test_missing_names_are_never_found_and_find_nothing() -> None:
    r = hawiya.search([None, "منى حداد"], ["Mona Haddad", None], top=5, kind="dict")
    assert r["query_id"] == [0]
    assert r["index_id"] == [1]


def test_top_zero_and_empty_inputs() -> None:
    assert hawiya.search(INDEX, QUERIES, top=0, kind="dict")["score"] == []
    assert hawiya.search([], QUERIES, kind="dict")["score"] == []


def test_bad_ids_raise_input_errors() -> None:
    with pytest.raises(hawiya.InputError, match="duplicate id"):
        hawiya.search(["Mona", "Huda"], ["Mona"], index_ids=["x", "x"])
    with pytest.raises(hawiya.InputError, match="index_ids"):
        hawiya.search(["Mona", "Huda"], ["Mona"], index_ids=["x"])


def test_matches_rust_similarity() -> None:
    r = hawiya.search(INDEX, QUERIES, top=1, kind="dict")
    for q, i, s in zip(r["query_id"], r["index_id"], r["score"]):
        assert s == pytest.approx(hawiya.similarity(QUERIES[q], INDEX[i]))
