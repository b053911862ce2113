"""hawiya.Index: build, add, save, load; bad directories raise named errors."""

from __future__ import annotations

import pathlib

import pandas as pd
import pyarrow as pa
import pytest

import hawiya

REG = hawiya.generate(1500, seed=5, kind="pyarrow").drop_columns(["cluster", "source"])


def test_build_add_save_load_round_trip(tmp_path: pathlib.Path) -> None:
    old, new = REG.slice(0, 1350), REG.slice(1350)
    first = hawiya.Matcher().dedupe(old)
    index = hawiya.Index.build(old, clusters=first)
    assert len(index) == 1350
    assert index.clusters()["cluster_id"].to_pylist() == [
        dict(zip(first["unique_id"].to_pylist(), first["cluster_id"].to_pylist()))[u]
        for u in index.clusters()["unique_id"].to_pylist()
    ]
    index.save(tmp_path / "idx")
    loaded = hawiya.Index.load(tmp_path / "idx")
    out = loaded.add(new.to_pandas())
    assert isinstance(out, pd.DataFrame)
    assert out["unique_id"].tolist() == new["unique_id"].to_pylist()
    assert len(loaded) == 1500
    known = set(first["cluster_id"].to_pylist())
    assert out["cluster_id"].isin(known).sum() > 50  # most arrivals are known people
    log = loaded.last_changes
    assert set(log["change"]) <= {"new", "merged"}
    assert (log["change"] == "new").sum() == len(out)
    # The same additions to the index as built (not reloaded) give the same clusters.
    again = index.add(new)
    assert again["cluster_id"].to_pylist() == out["cluster_id"].tolist()


def test_adding_known_ids_rejects_them() -> None:
    index = hawiya.Index.build(REG.slice(0, 600))
    out = index.add(REG.slice(590, 20))
    reasons = out["reject_reason"].to_pylist()
    assert all("already indexed" in r for r in reasons[:10])
    assert all(r is None for r in reasons[10:])
    assert len(index) == 610


def test_bad_index_directories(tmp_path: pathlib.Path) -> None:
    with pytest.raises(hawiya.InputError, match="manifest.json"):
        hawiya.Index.load(tmp_path)
    index = hawiya.Index.build(REG.slice(0, 400))
    index.save(tmp_path / "i")
    manifest = tmp_path / "i" / "manifest.json"
    manifest.write_text(manifest.read_text().replace('"format_version": 1', '"format_version": 7'))
    with pytest.raises(hawiya.InputError, match="format version 7"):
        hawiya.Index.load(tmp_path / "i")
    with pytest.raises(hawiya.InputError, match="not an indexed record"):
        hawiya.Index.build(REG.slice(0, 10), clusters=pa.table({"unique_id": ["zz"], "cluster_id": ["a"]}))
