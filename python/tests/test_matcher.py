"""Matcher: pandas / polars / pyarrow round-trips, nulls, link, predict, explain, models."""

from __future__ import annotations

import json
import pickle
from typing import Any

import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

import hawiya
from conftest import PADDING, padded

CONFIG = {
    "fields": [
        {"column": "full_name", "kind": "name"},
        {"column": "dob", "kind": "date"},
    ]
}

KINDS = {
    "pandas": pd.DataFrame,
    "polars": pl.DataFrame,
    "pyarrow": pa.table,
}


def rows(out: Any) -> list[dict[str, Any]]:
    """Rows of any output table as dicts, missing values as None."""
    if isinstance(out, pd.DataFrame):
        return [
            {k: (None if pd.isna(v) else v) for k, v in r.items()}
            for r in out.to_dict("records")
        ]
    return out.to_pylist() if isinstance(out, pa.Table) else out.to_dicts()


@pytest.mark.parametrize("kind", list(KINDS))
def test_dedupe_round_trip_keeps_kind_and_every_row(kind: str, people: dict[str, list[Any]]) -> None:
    df = KINDS[kind](people)
    out = hawiya.Matcher(CONFIG).dedupe(df)
    assert type(out) is type(df)
    got = rows(out)
    assert [r["unique_id"] for r in got] == people["unique_id"]
    got = got[:6]
    assert list(got[0]) == ["unique_id", "cluster_id", "reject_reason"]
    by_id = {r["unique_id"]: r for r in got}
    # The three spellings of Abd al-Rahman with the same birth date are one person.
    assert by_id["1"]["cluster_id"] == by_id["2"]["cluster_id"] == by_id["3"]["cluster_id"] == "1"
    assert by_id["4"]["cluster_id"] != "1"
    # Null name / null date: still a record, no reject.
    assert all(r["reject_reason"] is None for r in got)
    assert by_id["5"]["cluster_id"] == "5"


@pytest.mark.parametrize("kind", list(KINDS))
def test_same_result_whatever_the_input_kind(kind: str, people: dict[str, list[Any]]) -> None:
    ref = rows(hawiya.Matcher(CONFIG).dedupe(pa.table(people)))
    assert rows(hawiya.Matcher(CONFIG).dedupe(KINDS[kind](people))) == ref


@pytest.mark.parametrize(
    "text_type",
    [pa.string(), pa.large_string(), pa.string_view(), pa.dictionary(pa.int32(), pa.string())],
    ids=["utf8", "large-utf8", "utf8-view", "dictionary"],
)
def test_arrow_text_layouts(text_type: pa.DataType, people: dict[str, list[Any]]) -> None:
    ref = rows(hawiya.Matcher(CONFIG).dedupe(pa.table(people)))
    table = pa.table({k: pa.array(v).cast(text_type) for k, v in people.items()})
    assert rows(hawiya.Matcher(CONFIG).dedupe(table)) == ref


def test_non_text_columns_are_read_as_text() -> None:
    import datetime as dt

    n = len(PADDING["unique_id"])
    table = pa.table(
        {
            "unique_id": pa.array([10, 11, 12] + list(range(100, 100 + n)), type=pa.int64()),
            "full_name": ["Saleh Al-Fadhala", "صالح الفضالة", "Mona Haddad"] + PADDING["full_name"],
            "dob": pa.array(
                [dt.date(1985, 3, 14), dt.date(1985, 3, 14), None]
                + [dt.date(1950, 1, 1) + dt.timedelta(days=37 * i) for i in range(n)]
            ),
        }
    )
    got = rows(hawiya.Matcher(CONFIG).dedupe(table))
    assert [r["unique_id"] for r in got[:3]] == ["10", "11", "12"]
    assert got[0]["cluster_id"] == got[1]["cluster_id"] == "10"


def test_blank_and_duplicate_ids_are_rejected_not_lost(people: dict[str, list[Any]]) -> None:
    people["unique_id"][3] = None
    people["unique_id"][5] = "1"
    got = rows(hawiya.Matcher(CONFIG).dedupe(pl.DataFrame(people)))
    assert len(got) == len(people["unique_id"])
    assert got[3]["cluster_id"] is None and "empty" in got[3]["reject_reason"]
    assert got[5]["cluster_id"] is None and "duplicate" in got[5]["reject_reason"]
    assert got[5]["unique_id"] == "1"


def test_config_inferred_from_column_names(people: dict[str, list[Any]]) -> None:
    m = hawiya.Matcher()
    assert m.config is None
    out = m.dedupe(pd.DataFrame(people))
    assert [f["column"] for f in m.config["fields"]] == ["full_name", "dob"]
    assert out["cluster_id"].tolist()[:4] == ["1", "1", "1", "4"]


def test_config_as_toml_and_json_strings(people: dict[str, list[Any]]) -> None:
    toml = """
    threshold = 0.8
    [[fields]]
    column = "full_name"
    kind = "name"
    [[fields]]
    column = "dob"
    kind = "date"
    """
    a = hawiya.Matcher(toml)
    b = hawiya.Matcher(json.dumps({**CONFIG, "threshold": 0.8}))
    assert a.config == b.config
    assert a.config["threshold"] == 0.8
    assert rows(a.dedupe(pa.table(people))) == rows(b.dedupe(pa.table(people)))


@pytest.mark.parametrize("kind", list(KINDS))
def test_link_two_tables(kind: str) -> None:
    half = {k: v[:250] for k, v in PADDING.items()}
    other = {k: v[250:] for k, v in PADDING.items()}
    left = KINDS[kind](padded(
        {
            "unique_id": ["L1", "L2", "L3"],
            "full_name": ["صالح الفضالة", "منى حداد", "يوسف الكندري"],
            "dob": ["1985-03-14", "1990-02-23", "1979-11-30"],
        },
        half,
    ))
    right = KINDS[kind](padded(
        {
            "unique_id": ["R1", "R2"],
            "full_name": ["Saleh Al-Fadhala", "Mona Haddad"],
            "dob": ["14/03/1985", "1990-02-23"],
        },
        other,
    ))
    out = rows(hawiya.Matcher(CONFIG).link(left, right))
    assert len(out) == 505
    assert [(r["source"], r["unique_id"]) for r in out[:3] + out[253:255]] == [
        ("left", "L1"), ("left", "L2"), ("left", "L3"), ("right", "R1"), ("right", "R2"),
    ]
    c = {r["unique_id"]: r["cluster_id"] for r in out}
    assert c["L1"] == c["R1"]
    assert c["L2"] == c["R2"]
    assert c["L3"] not in (c["L1"], c["L2"])


@pytest.mark.parametrize("kind", list(KINDS))
def test_predict_pairs_and_explain(kind: str, people: dict[str, list[Any]]) -> None:
    m = hawiya.Matcher(CONFIG)
    pairs = m.predict(KINDS[kind](people))
    assert type(pairs) is type(KINDS[kind](people))
    got = rows(pairs)
    assert got, "some pairs"
    assert list(got[0]) == [
        "unique_id_l", "unique_id_r", "match_probability", "match_weight",
        "level_full_name", "level_dob",
    ]
    ids = {(r["unique_id_l"], r["unique_id_r"]) for r in got}
    assert ("1", "2") in ids or ("2", "1") in ids
    for r in got:
        assert 0.0 <= r["match_probability"] <= 1.0
    e = m.explain(
        {"full_name": "عبد الرحمن محمد الفضالة", "dob": "1985-03-14"},
        {"full_name": "Abdulrahman Mohammed Al-Fadhala", "dob": "14/03/1985"},
    )
    assert [c["field"] for c in e["contributions"]] == ["full_name", "dob"]
    total = e["prior_weight"] + sum(c["weight"] + c["tf_adjustment"] for c in e["contributions"])
    assert total == pytest.approx(e["match_weight"])
    assert e["match_probability"] > 0.5


def test_model_save_load_and_pickle(tmp_path: Any, people: dict[str, list[Any]]) -> None:
    m = hawiya.Matcher(CONFIG)
    assert m.model_json is None
    first = rows(m.dedupe(pa.table(people)))
    assert m.model_json is not None
    assert m.last_report is not None and m.last_report["rows"] == 506
    path = tmp_path / "model.json"
    m.save_model(path)
    m2 = hawiya.Matcher(CONFIG)
    m2.load_model(str(path))
    assert m2.model_json == m.model_json
    assert rows(m2.dedupe(pa.table(people))) == first
    m3 = pickle.loads(pickle.dumps(m))
    assert isinstance(m3, hawiya.Matcher)
    assert m3.config == m.config and m3.model_json == m.model_json
    assert rows(m3.dedupe(pd.DataFrame(people))) == first
    fresh = pickle.loads(pickle.dumps(hawiya.Matcher()))
    assert fresh.config is None and fresh.model_json is None


def test_train_then_explain() -> None:
    data = hawiya.generate(800, seed=3, kind="pyarrow")
    m = hawiya.Matcher({"fields": [{"column": "full_name", "kind": "name"},
                                   {"column": "dob", "kind": "date"}]})
    with pytest.raises(hawiya.ConfigError, match="no model"):
        m.explain({"full_name": "a"}, {"full_name": "b"})
    report = m.train(data)
    assert report["em_pairs"] > 0
    assert m.model_json is not None
    e = m.explain({"full_name": "Saleh"}, {"full_name": "صالح", "dob": "1985-01-01"})
    assert e["contributions"][1]["level_name"] == "null"


def test_dedupe_generated_registry() -> None:
    n = 3000
    df = hawiya.generate(n, seed=11, kind="pandas")
    assert len(df) == n
    out = hawiya.Matcher().dedupe(df.drop(columns=["cluster"]))
    assert len(out) == n
    assert out["unique_id"].tolist() == df["unique_id"].tolist()
    truth = dict(zip(df["unique_id"], df["cluster"]))
    pred = dict(zip(out["unique_id"], out["cluster_id"]))

    def pairs(labels: dict[str, Any]) -> set[tuple[str, str]]:
        groups: dict[Any, list[str]] = {}
        for k, v in labels.items():
            if v is not None:
                groups.setdefault(v, []).append(k)
        return {(a, b) for g in groups.values() for i, a in enumerate(g) for b in g[i + 1:]}

    t, p = pairs(truth), pairs(pred)
    assert t, "the generated registry has duplicates"
    precision = len(t & p) / max(len(p), 1)
    recall = len(t & p) / len(t)
    assert precision > 0.9, precision
    assert recall > 0.7, recall


def test_errors_map_to_classes(people: dict[str, list[Any]], tmp_path: Any) -> None:
    with pytest.raises(hawiya.ConfigError) as e:
        hawiya.Matcher({"fields": [{"column": "x", "kind": "nam"}]})
    assert isinstance(e.value, ValueError) and isinstance(e.value, hawiya.HawiyaError)
    with pytest.raises(ValueError):
        hawiya.Matcher("[[fields]]\ncolumn = 'x'\nkind = 'name'\nbogus = 1")
    with pytest.raises(hawiya.ConfigError):
        hawiya.Matcher({"fields": []})
    with pytest.raises(TypeError):
        hawiya.Matcher(42)  # type: ignore[arg-type]
    with pytest.raises(hawiya.InputError, match="missing"):
        hawiya.Matcher({"fields": [{"column": "nope", "kind": "name"}]}).dedupe(pa.table(people))
    with pytest.raises(hawiya.ConfigError):
        hawiya.Matcher().dedupe(pa.table({"unique_id": ["1"], "colour": ["red"]}))
    with pytest.raises(TypeError, match="__arrow_c_stream__"):
        hawiya.Matcher(CONFIG).dedupe([1, 2, 3])
    with pytest.raises(hawiya.HawiyaIOError) as io:
        hawiya.Matcher(CONFIG).load_model(tmp_path / "missing.json")
    assert isinstance(io.value, OSError)
    bad = tmp_path / "bad.json"
    bad.write_text("{\"not\": \"a model\"}")
    with pytest.raises(hawiya.HawiyaError):
        hawiya.Matcher(CONFIG).load_model(bad)
    with pytest.raises(hawiya.ConfigError, match="no model"):
        hawiya.Matcher(CONFIG).save_model(tmp_path / "m.json")


@pytest.mark.parametrize("kind", list(KINDS))
def test_empty_table_gives_empty_typed_result(kind: str) -> None:
    arrow = pa.table({"unique_id": pa.array([], pa.string()), "full_name": pa.array([], pa.string())})
    empty = {"pandas": arrow.to_pandas, "polars": lambda: pl.from_arrow(arrow), "pyarrow": lambda: arrow}[kind]()
    cfg = {"fields": [{"column": "full_name", "kind": "name"}]}
    out = hawiya.Matcher(cfg).dedupe(empty)
    assert type(out) is type(empty)
    assert rows(out) == []
    if kind == "pyarrow":
        assert out.schema.types == [pa.string()] * 3
    pairs = hawiya.Matcher(cfg).predict(empty)
    assert rows(pairs) == []
    if kind == "polars":
        assert pairs.schema["match_probability"] == pl.Float64


def test_any_arrow_stream_producer_gives_a_pyarrow_table() -> None:
    class Producer:
        """Only the Arrow PyCapsule stream interface, as other libraries offer it."""

        def __init__(self, table: pa.Table) -> None:
            self.table = table

        def __arrow_c_stream__(self, requested_schema: Any = None) -> Any:
            return self.table.__arrow_c_stream__(requested_schema)

    data = hawiya.generate(400, seed=4, kind="pyarrow")
    out = hawiya.Matcher().dedupe(Producer(data))
    assert isinstance(out, pa.Table)
    assert out.column("unique_id").to_pylist() == data.column("unique_id").to_pylist()
    assert rows(out) == rows(hawiya.Matcher().dedupe(data))


def test_generate_is_deterministic_and_typed() -> None:
    a = hawiya.generate(200, seed=9, kind="pyarrow")
    b = hawiya.generate(200, seed=9, kind="polars")
    assert a.equals(b.to_arrow().cast(a.schema))
    assert a.schema.field("cluster").type == pa.int64()
    assert hawiya.generate(200, seed=10, kind="dict") != hawiya.generate(200, seed=9, kind="dict")
