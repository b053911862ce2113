#!/usr/bin/env bash
# Build the Python extension (python/) into a virtualenv and run its pytest suite.
# Works on a fresh machine that reaches crates.io and PyPI: the virtualenv lives in
# target/pyenv (override with HAWIYA_PYENV); HAWIYA_PY_PROFILE=debug builds faster,
# HAWIYA_PY_PROFILE=release is the fully optimised build.
set -euo pipefail
cd "$(dirname "$0")/.."

venv="${HAWIYA_PYENV:-target/pyenv}"
python="${PYTHON:-python3}"
if [ ! -x "$venv/bin/python" ]; then
  "$python" -m venv "$venv"
fi
venv="$(cd "$venv" && pwd)"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r python/requirements-dev.txt

# python-release: the profile `pip install ./python` uses (python/pyproject.toml).
profile="${HAWIYA_PY_PROFILE:-python-release}"
# Always named: without --profile, maturin builds the profile of python/pyproject.toml.
[ "$profile" = debug ] && profile=dev
flags=(--profile "$profile")
# maturin develop installs into the active virtualenv.
VIRTUAL_ENV="$venv" PATH="$venv/bin:$PATH" \
  "$venv/bin/maturin" develop --quiet "${flags[@]}" -m python/Cargo.toml

cd python
exec "$venv/bin/python" -m pytest -q tests "$@"
