"""The .pyi stubs match the extension module (mypy's stubtest), and the package is typed."""

from __future__ import annotations

import inspect
import pathlib
import subprocess
import sys

import pytest

import hawiya
from hawiya import _core

STUB = pathlib.Path(hawiya.__file__).with_name("_core.pyi")


def test_py_typed_and_stub_ship() -> None:
    assert STUB.is_file()
    assert STUB.with_name("py.typed").is_file()


def test_stubtest(tmp_path: pathlib.Path) -> None:
    """The stub of the extension and the typed package agree with the runtime."""
    pytest.importorskip("mypy")
    r = subprocess.run(
        [sys.executable, "-m", "mypy.stubtest", "hawiya"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert r.returncode == 0, r.stdout + r.stderr


def test_package_type_checks_strictly(tmp_path: pathlib.Path) -> None:
    """Code using the package type-checks with `mypy --strict` against the shipped types."""
    pytest.importorskip("mypy")
    use = tmp_path / "use.py"
    use.write_text(
        "import hawiya\n"
        "import numpy as np\n"
        "import numpy.typing as npt\n"
        "s: float = hawiya.similarity('a', 'b')\n"
        "d: dict[str, object] = hawiya.normalize('a')\n"
        "a: npt.NDArray[np.float64] = hawiya.score_pairs(['a'], ['b'])\n"
        "m = hawiya.Matcher({'fields': [{'column': 'n', 'kind': 'name'}]})\n"
        "j: str | None = m.model_json\n"
        "e: type[ValueError] = hawiya.ConfigError\n",
        encoding="utf-8",
    )
    r = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(use)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert r.returncode == 0, r.stdout + r.stderr


def test_every_public_name_is_in_the_stub() -> None:
    text = STUB.read_text(encoding="utf-8")
    public = [n for n in dir(_core) if not n.startswith("_")]
    assert public, "module has public names"
    for name in public:
        assert (f"def {name}(" in text) or (f"class {name}" in text), name
    for name, member in inspect.getmembers(_core.Matcher):
        if name.startswith("_"):
            continue
        assert f"def {name}(" in text, f"Matcher.{name}"


def test_runtime_signatures_match() -> None:
    assert str(inspect.signature(_core.score_pairs)) == "(lefts, rights)"
    assert str(inspect.signature(_core.generate)) == "(records=1000, seed=1)"
    assert str(inspect.signature(_core.Matcher)) == "(config=None)"
