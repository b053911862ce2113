"""The README's Python example runs and does what it says."""

from __future__ import annotations

import contextlib
import io
import pathlib
import re

README = pathlib.Path(__file__).resolve().parents[1] / "README.md"


def test_readme_example() -> None:
    text = README.read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", text, flags=re.S)
    assert len(blocks) == 1
    assert len(blocks[0].strip().splitlines()) <= 12
    scope: dict[str, object] = {}
    with contextlib.redirect_stdout(io.StringIO()) as out:
        exec(compile(blocks[0], str(README), "exec"), scope)
    clusters = scope["clusters"]
    import pandas as pd

    assert isinstance(clusters, pd.DataFrame)
    head = clusters.head(4)["cluster_id"].tolist()
    assert head == ["a1", "a1", "a1", "a4"]
    assert "a1" in out.getvalue()
