#!/usr/bin/env bash
# Build every cargo-fuzz target and run each one briefly. Usage: fuzz-smoke.sh [SECONDS]
# The stable toolchain runs cargo-fuzz with RUSTC_BOOTSTRAP=1.
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${1:-20}"
if ! command -v cargo-fuzz >/dev/null 2>&1; then
  echo "cargo-fuzz not installed; fuzz smoke skipped"
  exit 0
fi
for target in fuzz/fuzz_targets/*.rs; do
  name="$(basename "$target" .rs)"
  echo "fuzzing $name for ${secs}s"
  RUSTC_BOOTSTRAP=1 cargo fuzz run "$name" -- -max_total_time="$secs"
done
