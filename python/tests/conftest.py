"""Shared fixtures: a people table mixing Arabic and Latin spellings.

Six hand-written rows come first; 500 rows of the synthetic registry follow, so that the
model learned without labels has enough pairs to learn from.
"""

from __future__ import annotations

from typing import Any

import pytest

import hawiya

PEOPLE: dict[str, list[Any]] = {
    "unique_id": ["1", "2", "3", "4", "5", "6"],
    "full_name": [
        "عبد الرحمن محمد الفضالة",
        "Abdulrahman Mohammed Al-Fadhala",
        "Abd al-Rahman Muhammad Alfadhala",
        "Mona Haddad",
        None,
        "منى حداد",
    ],
    "dob": ["1985-03-14", "14/03/1985", "1985-03-14", "1990-02-23", "1970-01-01", None],
}

PADDING = hawiya.generate(500, seed=2, kind="dict")


def padded(rows: dict[str, list[Any]], padding: dict[str, list[Any]]) -> dict[str, list[Any]]:
    return {k: list(v) + list(padding[k]) for k, v in rows.items()}


@pytest.fixture
def people() -> dict[str, list[Any]]:
    return padded(PEOPLE, PADDING)
