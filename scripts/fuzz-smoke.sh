#!/usr/bin/env bash
# Build every cargo-fuzz target and run each briefly: `scripts/fuzz-smoke.sh [SECONDS]`
# (default 20 per target). cargo-fuzz needs nightly features; RUSTC_BOOTSTRAP lets the
# stable toolchain build them. A crash fails the run and leaves its input in
# fuzz/artifacts/<target>/.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-20}"
export RUSTC_BOOTSTRAP=1
for target in $(cargo fuzz list); do
  printf -- '--- fuzz %s (%ss)\n' "$target" "$seconds"
  cargo fuzz run "$target" -- -max_total_time="$seconds" -print_final_stats=0 2>&1 | tail -n 3
  status="${PIPESTATUS[0]}"
  if [ "$status" -ne 0 ]; then
    echo "fuzz target $target failed (exit $status)" >&2
    exit "$status"
  fi
done
