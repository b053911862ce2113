#!/usr/bin/env bash
# Build every cargo-fuzz target and run each briefly. Usage: scripts/fuzz-smoke.sh [SECONDS]
# Skips (successfully) when cargo-fuzz is not installed. cargo-fuzz needs nightly features;
# RUSTC_BOOTSTRAP lets the stable toolchain provide them.
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${1:-20}"
if ! command -v cargo-fuzz >/dev/null 2>&1; then
  echo "note: cargo-fuzz not installed, fuzz smoke skipped"
  exit 0
fi
for target in fuzz/fuzz_targets/*.rs; do
  name="$(basename "$target" .rs)"
  echo "fuzzing $name for ${secs}s"
  RUSTC_BOOTSTRAP=1 cargo fuzz run "$name" -- -max_total_time="$secs" -max_len=512
done
