"""The examples in the package's docstrings run."""

from __future__ import annotations

import doctest

import hawiya


def test_docstring_examples() -> None:
    failures, tried = doctest.testmod(hawiya, optionflags=doctest.ELLIPSIS)
    assert tried >= 8
    assert failures == 0


def test_extension_docstring_examples() -> None:
    failures, tried = doctest.testmod(hawiya._core, optionflags=doctest.ELLIPSIS)
    assert tried >= 10
    assert failures == 0
