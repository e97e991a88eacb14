#!/usr/bin/env bash
# Criterion benches. Small corpus (2,000 items) by default; pass an item count to scale the
# query benches up (the corpus and its index are built once under <target>/ and reused):
#   scripts/bench.sh            # parse, index, query on 2,000 items
#   scripts/bench.sh 100000     # same, queries on 100,000 items
# Extra arguments go to criterion, e.g. `scripts/bench.sh 100000 query/`.
set -euo pipefail
cd "$(dirname "$0")/.."
items="${1:-2000}"
shift || true
REFERAT_BENCH_ITEMS="$items" cargo bench --bench engine -- "$@"
