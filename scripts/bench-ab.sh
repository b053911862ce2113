#!/usr/bin/env bash
# Criterion before/after: build and run the crate's benches at two revisions back to back,
# in one target directory, and print each benchmark's change of the second against the first.
#
#   scripts/bench-ab.sh BEFORE AFTER [criterion options, e.g. a filter or --measurement-time 3]
#
# Run it on a quiet machine. Each revision is checked out as a detached worktree under
# target/bench-ab/ (BENCH_AB_DIR overrides); criterion keeps the first run as baseline
# `before`, compares the second with it, and the summary lists every benchmark with its
# median change, criterion's confidence interval and verdict (p < 0.05, noise band 1 %).
set -euo pipefail
[ $# -ge 2 ] || { echo "usage: $0 BEFORE AFTER [criterion options]" >&2; exit 2; }
before="$1" after="$2"
shift 2
root="$(git rev-parse --show-toplevel)"
work="${BENCH_AB_DIR:-$root/target/bench-ab}"
mkdir -p "$work"
work="$(cd "$work" && pwd)"
export CARGO_TARGET_DIR="$work/target"

checkout() { # label rev
  local tree="$work/$1"
  if [ -d "$tree" ]; then
    git -C "$tree" checkout -q --detach "$2"
  else
    git -C "$root" worktree add -q --detach "$tree" "$2"
  fi
  printf '%s %s\n' "$1" "$(git -C "$tree" log --oneline -1)"
}
checkout before "$before"
checkout after "$after"

(cd "$work/before" && cargo bench -q -p hawiya --bench '*' -- --save-baseline before "$@") >"$work/before.txt"
(cd "$work/after" && cargo bench -q -p hawiya --bench '*' -- --baseline-lenient before "$@") >"$work/after.txt"

python3 - "$work/after.txt" <<'PY'
import re, sys
# criterion's report: a benchmark's id (alone on its line when longer than 23 characters,
# else followed by "time:"), then "change: [low median high] (p = ...)" -- or, for a
# benchmark with a throughput, "change:" and the interval on the next "time:" line -- and
# the verdict on the line after.
name, rows, pending = None, [], False
for line in open(sys.argv[1], encoding="utf-8"):
    s = line.strip()
    if not s or s.startswith(("Benchmarking", "Found ", "Gnuplot", "Warning", "Testing")):
        continue
    if not line[0].isspace():
        name = s.split("time:")[0].strip()
        continue
    interval = re.match(r"(?:change|time):\s*\[(\S+)\s+(\S+)\s+(\S+)\]\s*\(p", s)
    if s == "change:":
        pending = True
    elif interval and (pending or s.startswith("change:")) and name:
        rows.append([name, interval.group(2), f"[{interval.group(1)} {interval.group(3)}]", ""])
        pending = False
    elif rows and rows[-1][0] == name and not rows[-1][3] and s.startswith(
        ("Performance", "No change", "Change within")
    ):
        rows[-1][3] = s.rstrip(".")
width = max((len(r[0]) for r in rows), default=10)
for r in rows:
    print(f"{r[0]:<{width}}  {r[1]:>9}  {r[2]:<22}  {r[3]}")
slower = [r for r in rows if r[3].startswith("Performance has regressed")]
print(f"\n{len(rows)} benchmarks compared, {len(slower)} slower beyond noise")
PY
