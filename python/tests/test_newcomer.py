"""A new user's first steps: the README's install line, partial configs, float ids, a
clean ``dir(hawiya)``, and the run report with the keys of the CLI's ``--report-json``."""

from __future__ import annotations

import ast
import math
import pathlib
import re
import sys
from typing import Any

import pandas as pd
import pytest

import hawiya

ROOT = pathlib.Path(__file__).resolve().parents[2]

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    tomllib = None

# The keys of `RunReport::to_json`, one list for these tests and the CLI's (--report-json);
# `inferred` appears when the config was inferred.
_REPORT_KEYS_FILE = ROOT / "cli/tests/fixtures/run_report_keys.txt"
REPORT_KEYS = {
    line
    for line in _REPORT_KEYS_FILE.read_text(encoding="utf-8").splitlines()
    if line and not line.startswith("#")
}


def _requirement_names(reqs: list[str]) -> set[str]:
    return {re.split(r"[<>=!~\[; ]", r, maxsplit=1)[0].lower() for r in reqs}


@pytest.mark.skipif(tomllib is None, reason="tomllib needs Python 3.11")
@pytest.mark.parametrize("readme", ["README.md", "python/README.md"])
def test_readme_install_line_installs_what_the_snippet_imports(readme: str) -> None:
    readme = (ROOT / readme).read_text(encoding="utf-8")
    python = readme[readme.index("## Python") :]
    install = re.search(r"```sh\n(pip install[^\n]*)\n```", python)
    assert install, "the README's install line"
    line = install.group(1)
    extras = re.search(r"\./python\[([a-z,]+)\]", line)
    pyproject = tomllib.loads((ROOT / "python/pyproject.toml").read_text(encoding="utf-8"))
    installed = _requirement_names(pyproject["project"]["dependencies"])
    for extra in extras.group(1).split(",") if extras else []:
        installed |= _requirement_names(pyproject["project"]["optional-dependencies"][extra])
    snippet = re.findall(r"```python\n(.*?)```", python, flags=re.S)[0]
    imported = set()
    for node in ast.walk(ast.parse(snippet)):
        if isinstance(node, ast.Import):
            imported |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            imported.add(node.module.split(".")[0])
    imported.discard("hawiya")
    assert imported, snippet
    assert imported <= installed, f"{line!r} installs {installed}, the snippet imports {imported}"
    # pandas' tables go through pyarrow: the extra brings both.
    assert "pyarrow" in installed


@pytest.mark.skipif(tomllib is None, reason="tomllib needs Python 3.11")
def test_the_wheel_builds_with_the_lighter_release_profile() -> None:
    pyproject = tomllib.loads((ROOT / "python/pyproject.toml").read_text(encoding="utf-8"))
    profile = pyproject["tool"]["maturin"]["profile"]
    cargo = tomllib.loads((ROOT / "Cargo.toml").read_text(encoding="utf-8"))
    assert cargo["profile"][profile]["inherits"] == "release"


def test_a_partial_config_overrides_the_inferred_one(people: dict[str, list[Any]]) -> None:
    m = hawiya.Matcher({"threshold": 0.95})
    out = m.dedupe(pd.DataFrame(people))
    assert len(out) == len(people["unique_id"])
    cfg = m.config
    assert cfg is not None and cfg["threshold"] == 0.95
    assert [f["column"] for f in cfg["fields"]] == ["full_name", "dob"]
    # The same as TOML and JSON strings; a pickled matcher keeps it.
    for given in ("threshold = 0.95", '{"threshold": 0.95}'):
        m = hawiya.Matcher(given)
        m.dedupe(pd.DataFrame(people))
        assert m.config["threshold"] == 0.95
    import pickle

    again = pickle.loads(pickle.dumps(hawiya.Matcher({"threshold": 0.95})))
    again.dedupe(pd.DataFrame(people))
    assert again.config["threshold"] == 0.95


@pytest.mark.parametrize(
    ("config", "words"),
    [
        ({"threshold": 2}, ["threshold", "not in (0, 1)"]),
        ({"threshold": 0}, ["threshold", "not in (0, 1)"]),
        ({"treshold": 0.9}, ["unknown field", "treshold"]),
        ({"min_density": 3}, ["min_density"]),
        ("threshold = 1.5", ["threshold"]),
    ],
)
def test_a_bad_partial_config_fails_at_once(config: Any, words: list[str]) -> None:
    with pytest.raises(hawiya.ConfigError) as e:
        hawiya.Matcher(config)
    for w in words:
        assert w in str(e.value), str(e.value)


def test_float_ids_read_as_whole_numbers(people: dict[str, list[Any]]) -> None:
    n = len(people["unique_id"])
    df = pd.DataFrame(people)
    ids = [float(i + 1) for i in range(n)]
    ids[3] = math.nan
    df["unique_id"] = ids
    assert df["unique_id"].dtype == "float64"
    out = hawiya.Matcher().dedupe(df)
    assert len(out) == n
    got = out["unique_id"].tolist()
    assert got[0] == "1" and got[1] == "2", got[:5]
    assert not any(isinstance(x, str) and x.endswith(".0") for x in got)
    # The row without an id is rejected, not lost.
    assert isinstance(out["reject_reason"][3], str)
    assert set(out["cluster_id"].dropna()) <= {str(i + 1) for i in range(n)}


def test_dir_shows_the_public_names_only() -> None:
    names = dir(hawiya)
    for helper in ("Any", "annotations", "import_module"):
        assert helper not in names
    for public in ("Matcher", "Index", "normalize", "similarity", "score_pairs", "search"):
        assert public in names
    assert set(names) == set(hawiya.__all__)


def test_last_report_has_the_keys_of_report_json(people: dict[str, list[Any]]) -> None:
    m = hawiya.Matcher()
    m.dedupe(pd.DataFrame(people))
    report = m.last_report
    assert report is not None
    assert set(report) - {"inferred"} == REPORT_KEYS
    assert report["rows"] == len(people["unique_id"])
