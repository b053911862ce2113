#!/usr/bin/env bash
# hawiya score-pairs vs the rapidfuzz pipeline (anyascii + cpdist token_sort_ratio) on the
# same generated name pairs, in one invocation. Usage: benches/vs_rapidfuzz.sh [PAIRS]
# (default 1000000). Builds the CLI in release mode and a Python venv under target/.
set -euo pipefail
cd "$(dirname "$0")/.."
PAIRS="${1:-1000000}"
VENV=target/bench-venv
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet rapidfuzz anyascii numpy
fi
cargo build --release -p hawiya-cli --quiet
"$VENV/bin/python" benches/vs_rapidfuzz.py --hawiya target/release/hawiya --pairs "$PAIRS" \
  --work target/bench-vs-rapidfuzz
