#!/usr/bin/env bash
# Run every check of the project: formatting, lints, Rust tests (default and no-default
# features, doc tests, examples), and — where those parts exist — Python tests and the
# bench / fuzz smoke runs. Used as is by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy -D warnings"
cargo clippy --workspace --all-targets -- -D warnings

step "cargo test (default features)"
# The Python extension crate is built and tested by its own step (maturin + pytest).
# --all-targets includes the criterion benches: built with the test profile, each
# benchmark runs once ("test mode"), so a bench that panics fails here.
cargo test --workspace --exclude hawiya-python --all-targets
cargo test --workspace --exclude hawiya-python --doc

step "cargo test (no default features)"
cargo test -p hawiya --no-default-features --lib --tests

step "examples"
for example in dedupe_csv link_two service_index eval_search; do
  cargo run -q -p hawiya --example "$example" >/dev/null
  echo "example $example: ok"
done

if [ -f python/pyproject.toml ]; then
  step "python tests"
  bash scripts/test-python.sh
fi

step "doc blocks (README.md, python/README.md, docs/*.md)"
# Every shell and Python block of the docs, as a reader runs them (scripts/doc-blocks.py;
# Rust blocks are doc tests above, TOML blocks tests/doc_configs.rs).
cargo build -q -p hawiya-cli
doc_python=()
pyenv="${HAWIYA_PYENV:-target/pyenv}"
[ -x "$pyenv/bin/python" ] && doc_python=(--python "$pyenv/bin/python")
python3 scripts/doc-blocks.py --hawiya target/debug/hawiya "${doc_python[@]}"

if [ -d fuzz/fuzz_targets ] && [ "${HAWIYA_SKIP_FUZZ:-0}" != 1 ]; then
  step "fuzz smoke"
  bash scripts/fuzz-smoke.sh "${HAWIYA_FUZZ_SECONDS:-15}"
fi

step "all checks passed"
