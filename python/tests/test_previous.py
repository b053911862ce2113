"""previous=: cluster ids of an earlier run are kept; last_changes logs what changed."""

from __future__ import annotations

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


@pytest.mark.parametrize("kind", ["pandas", "polars", "pyarrow"])
def test_unchanged_data_keeps_every_renamed_id(kind: str, people: dict[str, list[Any]]) -> None:
    make = {"pandas": pd.DataFrame, "polars": pl.DataFrame, "pyarrow": pa.table}[kind]
    m = hawiya.Matcher(CONFIG)
    first = pa.table(m.dedupe(make(people))) if kind != "polars" else m.dedupe(make(people)).to_arrow()
    renamed = first.set_column(
        1, "cluster_id", pa.array(["P-" + c for c in first["cluster_id"].to_pylist()])
    )
    second = m.dedupe(make(people), previous=make(renamed.to_pydict()))
    assert type(second) is type(make(people))
    got = pa.table(second) if kind != "polars" else second.to_arrow()
    assert got["cluster_id"].to_pylist() == renamed["cluster_id"].to_pylist()
    changes = m.last_changes
    assert type(changes) is type(make(people))
    assert len(changes) == 0
    assert list(changes.columns if kind != "pyarrow" else changes.column_names) == [
        "unique_id", "old_cluster_id", "new_cluster_id", "change"
    ]


def test_new_records_and_merges_are_logged(people: dict[str, list[Any]]) -> None:
    m = hawiya.Matcher(CONFIG)
    first = m.dedupe(pa.table(people)).to_pydict()
    # The previous run knew neither record 3 nor the padding's last row, and had 1 and 2
    # apart.
    drop = {"3", people["unique_id"][-1]}
    prev = {"unique_id": [], "cluster_id": []}
    for uid, cid in zip(first["unique_id"], first["cluster_id"]):
        if uid in drop:
            continue
        prev["unique_id"].append(uid)
        prev["cluster_id"].append("A" if uid == "1" else ("B" if uid == "2" else cid))
    out = m.dedupe(pa.table(people), previous=pa.table(prev)).to_pydict()
    by_id = dict(zip(out["unique_id"], out["cluster_id"]))
    # 1, 2 and 3 are one person: the smaller old id "A" stays on the tie, 2 is merged,
    # 3 is new.
    assert by_id["1"] == by_id["2"] == by_id["3"] == "A"
    log = m.last_changes.to_pydict()
    changes = dict(zip(log["unique_id"], log["change"]))
    assert changes["2"] == "merged" and changes["3"] == "new"
    assert changes[people["unique_id"][-1]] == "new"
    assert "1" not in changes


def test_bad_previous_tables_are_input_errors(people: dict[str, list[Any]]) -> None:
    m = hawiya.Matcher(CONFIG)
    table = pa.table(people)
    with pytest.raises(hawiya.InputError, match="row 2.*duplicate"):
        m.dedupe(table, previous=pa.table({"unique_id": ["1", "1"], "cluster_id": ["a", "b"]}))
    with pytest.raises(hawiya.InputError, match="row 2.*not a row of the input"):
        m.dedupe(table, previous=pa.table({"unique_id": ["1", "nobody"], "cluster_id": ["a", "b"]}))
    with pytest.raises(hawiya.InputError, match="cluster_id"):
        m.dedupe(table, previous=pa.table({"unique_id": ["1"]}))
    with pytest.raises(TypeError):
        m.dedupe(table, previous=[("1", "a")])


def test_link_previous_is_keyed_by_source() -> None:
    reg = hawiya.generate(600, seed=3, kind="pyarrow").drop_columns(["cluster", "source"])
    left, right = reg.slice(0, 300), reg.slice(300)
    m = hawiya.Matcher()
    first = m.link(left, right)
    again = m.link(left, right, previous=first)
    assert again["cluster_id"].to_pylist() == first["cluster_id"].to_pylist()
    assert m.last_changes.num_rows == 0
    assert "source" in m.last_changes.column_names


def test_labels_shape_the_clusters_and_previous_names_them() -> None:
    # labels= and previous= in one run: the labels constrain the clustering, then the old
    # ids are kept on the clusters the labels shaped and the change log says what moved.
    reg = hawiya.generate(1500, seed=11, kind="pyarrow").drop_columns(["cluster", "source"])
    m = hawiya.Matcher()
    first = m.dedupe(reg).to_pydict()
    members: dict[str, list[str]] = {}
    for uid, cid in zip(first["unique_id"], first["cluster_id"]):
        if cid is not None:
            members.setdefault(cid, []).append(uid)
    pairs = sorted(c for c, ids in members.items() if len(ids) == 2)
    singles = sorted(c for c, ids in members.items() if len(ids) == 1)
    assert pairs and len(singles) >= 2
    a, b = sorted(members[pairs[0]])
    c, d = members[singles[0]][0], members[singles[1]][0]
    prev = {
        "unique_id": [u for u, x in zip(first["unique_id"], first["cluster_id"]) if x],
        "cluster_id": ["P-" + x for x in first["cluster_id"] if x],
    }
    old = dict(zip(prev["unique_id"], prev["cluster_id"]))
    labels = [(a, b, "non_match"), (c, d, "match")]
    # The model of the first run is kept, so only the labels change the clusters.
    out = m.dedupe(reg, labels=labels, previous=pa.table(prev)).to_pydict()
    got = dict(zip(out["unique_id"], out["cluster_id"]))
    # The cannot-link split the pair: the record with the smaller id keeps the old id
    # (the tie rule), the other gets a fresh id named after itself.
    assert got[a] == old[a] and got[b] == b
    # The must-link joined two people: the smaller old id names the merged cluster.
    keep, gone = sorted([c, d], key=lambda u: old[u])
    assert got[c] == got[d] == old[keep]
    # Everyone else keeps the id of the previous run.
    touched = {a, b, c, d}
    assert all(got[u] == old[u] for u in old if u not in touched)
    log = m.last_changes.to_pydict()
    assert dict(zip(log["unique_id"], log["change"])) == {b: "split", gone: "merged"}
    assert dict(zip(log["unique_id"], log["old_cluster_id"])) == {b: old[b], gone: old[gone]}
    effects = {(x["label"]["unique_id_l"], x["outcome"]) for x in m.last_labels}
    assert effects == {(a, "separated"), (c, "joined")}
