"""Properties of the name functions on arbitrary text (hypothesis)."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

import hawiya

# Arabic letters, Latin letters, spaces, hyphens and a few awkward code points.
names = st.text(
    alphabet=st.sampled_from(
        list("ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإةى") + list("abcdefghijklmnopqrstuvwxyzAEIOU")
        + [" ", "-", "'", "\u064e", "\u0640", "\u200c", "0", "٣"]
    ),
    max_size=40,
)


@settings(max_examples=200, deadline=None)
@given(names, names)
def test_similarity_in_range_and_symmetric(a: str, b: str) -> None:
    s = hawiya.similarity(a, b)
    assert 0.0 <= s <= 1.0
    assert s == hawiya.similarity(b, a)


@settings(max_examples=200, deadline=None)
@given(names)
def test_normalize_is_total_and_keys_are_stable(a: str) -> None:
    n = hawiya.normalize(a)
    assert n["input"] == a
    assert hawiya.normalize(a)["key"] == n["key"]


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(st.one_of(st.none(), names), st.one_of(st.none(), names)), max_size=30))
def test_score_pairs_agrees_with_similarity(pairs: list[tuple[str | None, str | None]]) -> None:
    lefts = [a for a, _ in pairs]
    rights = [b for _, b in pairs]
    out = hawiya.score_pairs(lefts, rights)
    assert len(out) == len(pairs)
    for (a, b), s in zip(pairs, out):
        if a is None or b is None:
            assert math.isnan(s)
        else:
            assert s == hawiya.similarity(a, b)
