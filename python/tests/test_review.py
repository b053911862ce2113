"""Clerical review and the HTML report from pandas: review sheet, labels back in, report."""

from __future__ import annotations

import json
import pathlib
import re
from typing import Any

import pandas as pd
import pyarrow as pa
import pytest

import hawiya


@pytest.fixture(scope="module")
def registry() -> pd.DataFrame:
    return hawiya.generate(3000, seed=5)


def test_review_sheet_is_ranked_with_both_records(registry: pd.DataFrame) -> None:
    m = hawiya.Matcher()
    sheet = m.review(registry, top=40)
    assert isinstance(sheet, pd.DataFrame)
    assert 0 < len(sheet) <= 40
    assert list(sheet.columns[:4]) == ["unique_id_l", "unique_id_r", "match_probability", "why"]
    assert {"full_name_l", "full_name_r", "dob_l", "dob_r"} <= set(sheet.columns)
    assert list(sheet.columns[-4:]) == ["expected_change", "label", "note", "reviewer"]
    assert sheet["match_probability"].dtype == "float64"
    assert sheet["expected_change"].is_monotonic_decreasing
    assert (sheet["label"] == "").all()
    # The names shown are the input's.
    by_id = registry.set_index("unique_id")["full_name"]
    first = sheet.iloc[0]
    assert first["full_name_l"] == (by_id[first["unique_id_l"]] or "")


def test_truth_on_review_pairs_raises_f1_and_cannot_links_hold(registry: pd.DataFrame) -> None:
    m = hawiya.Matcher()
    before = m.dedupe(registry)
    sheet = m.review(registry, top=100)
    truth = dict(zip(registry["unique_id"], registry["cluster"]))
    sheet["label"] = [
        "match" if truth[a] == truth[b] else "non_match"
        for a, b in zip(sheet["unique_id_l"], sheet["unique_id_r"])
    ]
    sheet["reviewer"] = "test"
    after = m.dedupe(registry, labels=sheet)

    def f1(out: pd.DataFrame) -> float:
        cluster = dict(zip(out["unique_id"], out["cluster_id"]))
        ids = list(cluster)
        groups_p: dict[str, list[str]] = {}
        groups_t: dict[Any, list[str]] = {}
        for i in ids:
            groups_p.setdefault(cluster[i], []).append(i)
            groups_t.setdefault(truth[i], []).append(i)

        def pairs(groups: dict[Any, list[str]]) -> set[tuple[str, str]]:
            return {(a, b) for g in groups.values() for a in g for b in g if a < b}

        p, t = pairs(groups_p), pairs(groups_t)
        tp = len(p & t)
        return 2 * tp / (len(p) + len(t))

    assert f1(after) > f1(before)
    cluster = dict(zip(after["unique_id"], after["cluster_id"]))
    for a, b, label in zip(sheet["unique_id_l"], sheet["unique_id_r"], sheet["label"]):
        if label == "non_match":
            assert cluster[a] != cluster[b], (a, b)
        else:
            assert cluster[a] == cluster[b], (a, b)
    audit = m.last_labels
    assert len(audit) == len(sheet)
    assert all(x["outcome"] is not None and x["label"]["reviewer"] == "test" for x in audit)


def test_labels_as_tuples_and_bad_labels(registry: pd.DataFrame) -> None:
    small = registry.head(200)
    ids = list(small["unique_id"])
    m = hawiya.Matcher()
    out = m.dedupe(small, labels=[(ids[0], ids[1], "match"), (ids[2], ids[3], "")])
    cluster = dict(zip(out["unique_id"], out["cluster_id"]))
    assert cluster[ids[0]] == cluster[ids[1]]
    assert len(m.last_labels) == 1
    with pytest.raises(hawiya.InputError, match="label"):
        m.dedupe(small, labels=pa.table({"unique_id_l": ["a"], "unique_id_r": ["b"], "label": ["maybe"]}))
    with pytest.raises(hawiya.InputError, match="unique_id_l"):
        m.dedupe(small, labels=pd.DataFrame({"a": ["x"], "label": ["match"]}))


def test_report_is_one_offline_file_with_every_section(
    registry: pd.DataFrame, tmp_path: pathlib.Path
) -> None:
    m = hawiya.Matcher()
    with pytest.raises(hawiya.ConfigError, match="no run"):
        m.report(tmp_path / "none.html")
    m.dedupe(registry, labels=[(registry["unique_id"][0], registry["unique_id"][1], "non_match")])
    path = tmp_path / "report.html"
    m.report(path, title="registry check")
    html = path.read_text(encoding="utf-8")
    assert html.startswith("<!doctype html>")
    assert "<title>registry check</title>" in html
    for section in ["summary", "model", "blocking", "scores", "waterfall", "clusters", "review", "audit"]:
        assert f'<section id="{section}"' in html
    assert not re.search(r'(src|href)="https?:', html)
    data = json.loads(re.search(r'<script type="application/json" id="data">(.*?)</script>', html, re.S)[1])
    # Pairs per rule as the run counted them, and the label's audit entry.
    rules = m.last_report["blocking"]["rules"]
    assert [(r["name"], r["pairs"]) for r in data["blocking"]["rules"]] == [
        (r["name"], r["pairs"]) for r in rules
    ]
    assert len(data["labels"]) == 1 and data["labels"][0]["label"]["is_match"] is False
