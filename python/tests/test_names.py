"""normalize, similarity, explain_similarity and score_pairs."""

from __future__ import annotations

import math

import numpy as np
import pyarrow as pa
import polars as pl
import pandas as pd
import pytest

import hawiya


def test_normalize_gives_cross_script_key() -> None:
    a = hawiya.normalize("محمد عبد الرحمن")
    b = hawiya.normalize("Muhammad Abd al-Rahman")
    assert a["input"] == "محمد عبد الرحمن"
    assert a["script"] != b["script"]
    assert a["key"] == b["key"]
    assert hawiya.normalize("محمود")["key"] != hawiya.normalize("محمد")["key"]
    roles = {t["role"] for t in b["tokens"]}
    assert roles, "tokens carry roles"
    for t in a["tokens"]:
        assert {"text", "role", "script", "loose", "flags"} <= set(t)


def test_similarity_range_and_known_pairs() -> None:
    assert hawiya.similarity("Mohamed", "محمد") > 0.9
    assert hawiya.similarity("عبد الرحمن", "Abdulrahman") > 0.9
    assert hawiya.similarity("محمد", "محمود") < 0.5
    assert hawiya.similarity("Saleh", "Saleh") == 1.0
    s = hawiya.similarity("Mona Haddad", "Saleh Al-Fadhala")
    assert 0.0 <= s < 0.5
    # symmetric
    assert hawiya.similarity("Mona", "منى") == hawiya.similarity("منى", "Mona")


def test_explain_similarity_matches_score() -> None:
    e = hawiya.explain_similarity("Sheikh Mohammed bin Rashid", "محمد راشد")
    assert e["score"] == pytest.approx(hawiya.similarity("Sheikh Mohammed bin Rashid", "محمد راشد"))
    assert len(e["pairs"]) == 2


LEFTS = ["Saleh Al-Fadhala", "محمد", "Mona Haddad", "عبد الرحمن"]
RIGHTS = ["صالح الفضالة", "محمود", "Mona Hadad", "Abdulrahman"]


def expected() -> list[float]:
    return [hawiya.similarity(a, b) for a, b in zip(LEFTS, RIGHTS)]


@pytest.mark.parametrize(
    "wrap",
    [
        list,
        tuple,
        lambda x: np.array(x, dtype=object),
        pd.Series,
        lambda x: pd.Series(x, dtype="string[pyarrow]"),
        pl.Series,
        pa.array,
        lambda x: pa.array(x, type=pa.large_string()),
        lambda x: pa.array(x, type=pa.string_view()),
        lambda x: pa.chunked_array([x[:1], x[1:]]),
        lambda x: pa.array(x).dictionary_encode(),
    ],
    ids=[
        "list", "tuple", "numpy-object", "pandas", "pandas-arrow", "polars",
        "pa-utf8", "pa-large-utf8", "pa-utf8-view", "pa-chunked", "pa-dictionary",
    ],
)
def test_score_pairs_input_kinds(wrap) -> None:  # type: ignore[no-untyped-def]
    out = hawiya.score_pairs(wrap(LEFTS), wrap(RIGHTS))
    assert isinstance(out, np.ndarray)
    assert out.dtype == np.float64
    assert out.tolist() == expected()


def test_score_pairs_nulls_give_nan() -> None:
    lefts = ["Saleh", None, "Mona", float("nan"), "Ali"]
    rights = ["صالح", "Ali", None, "Ali", "علي"]
    out = hawiya.score_pairs(lefts, rights)
    assert [math.isnan(x) for x in out] == [False, True, True, True, False]
    assert out[0] == hawiya.similarity("Saleh", "صالح")
    # Arrow nulls behave the same
    out2 = hawiya.score_pairs(pa.array(["Saleh", None]), pl.Series(["صالح", "x"]))
    assert out2[0] == out[0] and math.isnan(out2[1])
    # pandas missing values
    out3 = hawiya.score_pairs(pd.Series(["Saleh", None]), pd.Series([pd.NA, "x"], dtype="string"))
    assert math.isnan(out3[0]) and math.isnan(out3[1])


def test_score_pairs_empty_and_errors() -> None:
    assert hawiya.score_pairs([], []).shape == (0,)
    with pytest.raises(hawiya.InputError, match="differ in length"):
        hawiya.score_pairs(["a", "b"], ["a"])
    with pytest.raises(ValueError):
        hawiya.score_pairs(["a", "b"], ["a"])
    with pytest.raises(TypeError, match=r"rights\[1\]"):
        hawiya.score_pairs(["a", "b"], ["a", 3])
    with pytest.raises(TypeError, match="single str"):
        hawiya.score_pairs("abc", "abd")


def test_score_pairs_100k_rows() -> None:
    base_l = [
        "Saleh Al-Fadhala", "محمد عبد الله", "Mona Haddad", "عبد الرحمن الشمري",
        "Fatima Al-Zahra", "يوسف", "Khaled bin Walid", "نورة العتيبي",
    ]
    base_r = [
        "صالح الفضالة", "Mohammed Abdullah", "منى حداد", "Abdulrahman Alshammari",
        "فاطمة الزهراء", "Youssef", "خالد بن الوليد", "Noura Al-Otaibi",
    ]
    n = 100_000
    # Vary the strings so that not every pair is a cache hit.
    lefts = [f"{base_l[i % 8]} {i % 997}" if i % 3 == 0 else base_l[i % 8] for i in range(n)]
    rights = [base_r[(i * 7) % 8] for i in range(n)]
    out = hawiya.score_pairs(lefts, rights)
    assert out.shape == (n,)
    assert np.all((out >= 0.0) & (out <= 1.0))
    # Spot-check against the one-pair function.
    for i in range(0, n, 9973):
        assert out[i] == hawiya.similarity(lefts[i], rights[i])
    # Same pairs through Arrow give the same scores.
    out_arrow = hawiya.score_pairs(pa.array(lefts), pa.array(rights, type=pa.string_view()))
    assert np.array_equal(out, out_arrow)
