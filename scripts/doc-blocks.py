#!/usr/bin/env python3
"""Run the shell and Python code blocks of the README and docs/*.md, as a reader would.

Each Markdown file's blocks run in order in one fresh folder (later blocks see the files
of earlier ones), where `examples/` is the repository's `examples/` folder and `hawiya`
is on the PATH (`--hawiya`, default target/debug/hawiya). Shell blocks (```sh, ```bash)
run with `bash -euo pipefail`; Python blocks (```python, ```py) run with `--python`
(default: target/pyenv/bin/python when it exists, else they are skipped with a notice —
under CI=true a missing Python is an error). Rust blocks are doc tests (src/lib.rs) and
TOML blocks are loaded by tests/doc_configs.rs; other blocks are not run.

A block that cannot run in CI (it builds a release binary, installs a package, runs for
minutes) is skipped by a marker on the line before its fence:

    <!-- doc-blocks: skip (why) -->

Use it sparingly: a skipped block is a block nobody checks.

Usage: scripts/doc-blocks.py [--hawiya PATH] [--python PATH] [--list] [FILE.md ...]
"""

from __future__ import annotations

import argparse
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
SKIP = re.compile(r"<!--\s*doc-blocks:\s*skip\b.*?-->")
FENCE = re.compile(r"^```([A-Za-z0-9_+-]*)\s*$")
SHELL = {"sh", "bash", "shell"}
PYTHON = {"python", "py"}
TIMEOUT = 600


class Block:
    def __init__(self, path: pathlib.Path, line: int, lang: str, code: str, skip: bool):
        self.path, self.line, self.lang, self.code, self.skip = path, line, lang, code, skip

    def where(self) -> str:
        return f"{self.path.relative_to(ROOT)}:{self.line}"


def blocks(path: pathlib.Path) -> list[Block]:
    """The fenced blocks of a Markdown file, with their language and skip marker."""
    out: list[Block] = []
    lines = path.read_text(encoding="utf-8").splitlines()
    i = 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        start, lang = i, m.group(1).lower()
        j = i + 1
        while j < len(lines) and not lines[j].startswith("```"):
            j += 1
        prev = next((lines[k] for k in range(start - 1, -1, -1) if lines[k].strip()), "")
        out.append(Block(path, start + 1, lang, "\n".join(lines[start + 1 : j]) + "\n",
                         bool(SKIP.search(prev))))
        i = j + 1
    return out


def run(block: Block, work: pathlib.Path, env: dict[str, str], python: str | None) -> bool:
    if block.lang in SHELL:
        cmd = ["bash", "-euo", "pipefail", "-c", block.code]
    else:
        assert python is not None
        cmd = [python, "-c", block.code]
    t0 = time.monotonic()
    try:
        p = subprocess.run(cmd, cwd=work, env=env, capture_output=True, text=True,
                           timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        print(f"FAIL {block.where()} ({block.lang}): no end after {TIMEOUT} s")
        return False
    secs = time.monotonic() - t0
    if p.returncode != 0:
        print(f"FAIL {block.where()} ({block.lang}, exit {p.returncode}, {secs:.1f} s)")
        print("---- block ----\n" + block.code + "---- stdout ----\n" + p.stdout[-4000:]
              + "---- stderr ----\n" + p.stderr[-4000:])
        return False
    print(f"ok   {block.where()} ({block.lang}, {secs:.1f} s)")
    return True


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="*", type=pathlib.Path)
    ap.add_argument("--hawiya", type=pathlib.Path, default=ROOT / "target/debug/hawiya")
    ap.add_argument("--python", default=None)
    ap.add_argument("--list", action="store_true", help="list the blocks, run nothing")
    args = ap.parse_args()
    files = [f.resolve() for f in args.files] or [ROOT / "README.md", ROOT / "python/README.md",
                                                   *sorted((ROOT / "docs").glob("*.md"))]
    python = args.python
    if python is None and (ROOT / "target/pyenv/bin/python").exists():
        python = str(ROOT / "target/pyenv/bin/python")
    if python:
        # Blocks run in another folder; keep the venv's own path (no symlink resolving).
        python = str(pathlib.Path(python).absolute())
    ci = os.environ.get("CI") == "true"

    if args.list:
        for f in files:
            for b in blocks(f):
                state = "skip" if b.skip else ("run" if b.lang in SHELL | PYTHON else "-")
                print(f"{state:4} {b.where()} {b.lang}")
        return 0

    hawiya = args.hawiya.resolve()
    if not hawiya.exists():
        print(f"{hawiya}: no such file; build it first (cargo build -p hawiya-cli)")
        return 2
    # `hawiya` on the PATH; `python3` is the Python that has the package when there is one.
    bindir = pathlib.Path(tempfile.mkdtemp(prefix="doc-blocks-bin-"))
    (bindir / "hawiya").symlink_to(hawiya)
    path = [str(bindir)]
    if python:
        # The virtualenv's bin folder (not a link to its python, which would lose the venv).
        path.append(str(pathlib.Path(python).absolute().parent))
    path.append(os.environ.get("PATH", ""))
    env = dict(os.environ, PATH=os.pathsep.join(path))

    failed = ran = skipped = 0
    try:
        for f in files:
            work = pathlib.Path(tempfile.mkdtemp(prefix="doc-blocks-"))
            (work / "examples").symlink_to(ROOT / "examples")
            try:
                for b in blocks(f):
                    if b.lang not in SHELL | PYTHON:
                        continue
                    if b.skip:
                        skipped += 1
                        print(f"skip {b.where()} ({b.lang}, marked)")
                        continue
                    if b.lang in PYTHON and python is None:
                        if ci:
                            print(f"FAIL {b.where()}: no Python with hawiya (--python)")
                            failed += 1
                        else:
                            skipped += 1
                            print(f"skip {b.where()} (python: no target/pyenv; pass --python)")
                        continue
                    ran += 1
                    if not run(b, work, env, python):
                        failed += 1
            finally:
                shutil.rmtree(work, ignore_errors=True)
    finally:
        shutil.rmtree(bindir, ignore_errors=True)
    print(f"doc blocks: {ran} run, {failed} failed, {skipped} skipped")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
