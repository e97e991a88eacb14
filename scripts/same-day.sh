#!/usr/bin/env bash
# Two meetings of one forum on one day (issue 16, hole 3): a generated corpus (`referat
# generate`) plus, for every EVERY-th meeting, a second meeting of the same forum, niveau
# and date (another start time, or the same time for every other one, and another first
# item title). `referat index` must exit 0, index every file and hold one meeting id per
# file. Then the plain generated corpus alone must give one meeting per file too.
#
#   scripts/same-day.sh [ITEMS=5000] [EVERY=10]
#
# Uses the debug binary from $CARGO_TARGET_DIR (default target/). Needs python3.
set -euo pipefail
ITEMS=${1:-5000}
EVERY=${2:-10}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${CARGO_TARGET_DIR:-$ROOT/target}/debug/referat
WORK=$(mktemp -d /tmp/referat-same-day.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

"$BIN" generate --out "$WORK/corpus" --items "$ITEMS" >"$WORK/gen.out"
head -1 "$WORK/gen.out"
python3 - "$WORK/corpus" "$EVERY" <<'PY'
import os, re, sys
root, every = sys.argv[1], int(sys.argv[2])
files = sorted(os.path.join(d, f) for d, _, fs in os.walk(root) for f in fs if not f.startswith('.'))
for n, path in enumerate(files[::every]):
    text = open(path, encoding="utf-8").read()
    time = "17:45" if n % 2 == 0 else None        # every other one: the same start time
    if time:
        text = re.sub(r"kl\. \d\d[:.]\d\d", "kl. " + time, text, count=1)
    text = re.sub(r"(Punkt 1: )", r"\1Ekstraordinært møde: ", text, count=1)
    base, ext = os.path.splitext(path)
    open(base + "_second" + ext, "w", encoding="utf-8").write(text)
print(f"{len(files)} generated files, {len(files[::every])} second meetings on the same day")
PY
check() {
    local corpus=$1 index=$2 files code meetings
    files=$(find "$corpus" -type f -not -name ".*" | wc -l)
    code=0
    "$BIN" index "$corpus" --index "$index" >"$WORK/out" 2>&1 || code=$?
    grep -E '^[0-9]+ files|^[0-9]+ items' "$WORK/out" | tr '\n' ' '
    meetings=$("$BIN" search '*' --index "$index" --json --limit 1000000 |
        python3 -c 'import json,sys; print(len({h["meeting_id"] for h in json.load(sys.stdin)["hits"]}))')
    echo "exit $code; $files files, $meetings meetings"
    grep -E '^skipped' "$WORK/out" | head -5 || true
    [ "$code" -eq 0 ] && [ "$meetings" -eq "$files" ]
}
check "$WORK/corpus" "$WORK/index"
find "$WORK/corpus" -name '*_second*' -delete
check "$WORK/corpus" "$WORK/plain-index"
echo "PASS"
