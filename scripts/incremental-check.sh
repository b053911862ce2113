#!/usr/bin/env bash
# Registry over time, on the generated registry: build an index on the first 90% of the rows,
# add the rest, and compare with a full run over all rows; then a second full run with
# --previous on unchanged data. Needs the release CLI (cargo build --release -p hawiya-cli).
#   scripts/incremental-check.sh [RECORDS] [WORKDIR]
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-100000}"
work="${2:-target/incremental-check}"
bin="$(pwd)/target/release/hawiya"
mkdir -p "$work"
cd "$work"
t() { /usr/bin/time -f "  %es %MKB  $*" "$@"; }

t "$bin" generate --records "$n" --seed 1 --output reg.csv
python3 - "$n" <<'EOF'
import csv, sys
n = int(sys.argv[1])
cut = n * 9 // 10
with open("reg.csv", newline="") as f:
    rows = list(csv.reader(f))
head, body = rows[0], rows[1:]
for name, part in (("old.csv", body[:cut]), ("new.csv", body[cut:])):
    with open(name, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(head)
        w.writerows(part)
EOF

echo "full run over all rows"
t "$bin" dedupe reg.csv --output full.csv -q
echo "run over the old rows, index built on them, new rows added"
t "$bin" dedupe old.csv --output old_clusters.csv --save-model old_model.json -q
t "$bin" index build old.csv --output idx --clusters old_clusters.csv --model old_model.json -q
t "$bin" index add idx new.csv --output new_clusters.csv
t "$bin" index clusters idx --output incremental.csv
echo "second full run with --previous on unchanged data"
t "$bin" dedupe reg.csv --output again.csv --previous full.csv -q

f1() { "$bin" eval --clusters "$1" --truth reg.csv --truth-column cluster | tail -n 1 |
  python3 -c 'import json,sys; m=json.load(sys.stdin)["pairwise"]; print("P %.4f R %.4f F1 %.4f" % (m["precision"], m["recall"], m["f1"]))'; }
echo "pairwise vs truth: full run      $(f1 full.csv)"
echo "pairwise vs truth: incremental   $(f1 incremental.csv)"
python3 - <<'EOF'
import csv
from collections import Counter
def read(p, key="unique_id", val="cluster_id"):
    with open(p, newline="") as f:
        return {r[key]: r[val] for r in csv.DictReader(f)}
old, inc = read("old_clusters.csv"), read("incremental.csv")
with open("new_clusters.csv.changes.csv", newline="") as f:
    log = list(csv.DictReader(f))
logged = {r["unique_id"]: r for r in log}
changed = [u for u in old if inc[u] != old[u]]
unexplained = [u for u in changed if u not in logged or logged[u]["new_cluster_id"] != inc[u]]
print(f"old records whose id changed: {len(changed)} of {len(old)}; not in the change log: {len(unexplained)}")
print("change log:", dict(Counter(r["change"] for r in log)))
full, again = read("full.csv"), read("again.csv")
diff = sum(full[u] != again[u] for u in full)
with open("again.csv.changes.csv", newline="") as f:
    rows = sum(1 for _ in csv.DictReader(f))
print(f"second run with --previous: {diff} ids differ of {len(full)}; change log rows {rows}")
EOF
