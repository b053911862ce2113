#!/usr/bin/env bash
# Build every cargo-fuzz target, replay its regression inputs (fuzz/regressions/<target>/,
# inputs that once failed), then run it briefly: `scripts/fuzz-smoke.sh [SECONDS]`
# (default 15 per target). cargo-fuzz needs nightly features; RUSTC_BOOTSTRAP lets the
# stable toolchain build them. A crash fails the run and leaves its input in
# fuzz/artifacts/<target>/.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-15}"
export RUSTC_BOOTSTRAP=1
for target in $(cargo fuzz list); do
  printf -- '--- fuzz %s (%ss)\n' "$target" "$seconds"
  if [ -d "fuzz/regressions/$target" ]; then
    # -runs=0: execute every file of the directory once, no mutation.
    cargo fuzz run "$target" "fuzz/regressions/$target" -- -runs=0 2>&1 | tail -n 1
    status="${PIPESTATUS[0]}"
    if [ "$status" -ne 0 ]; then
      echo "fuzz target $target fails on a regression input (exit $status)" >&2
      exit "$status"
    fi
  fi
  cargo fuzz run "$target" -- -max_total_time="$seconds" -print_final_stats=0 2>&1 | tail -n 3
  status="${PIPESTATUS[0]}"
  if [ "$status" -ne 0 ]; then
    echo "fuzz target $target failed (exit $status)" >&2
    exit "$status"
  fi
done
