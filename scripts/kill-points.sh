#!/usr/bin/env bash
# SIGKILL `referat index` at random moments and check the index answers exactly as before the
# run or as after it, then that the next run completes. Then peak RSS of `referat index` on a
# 100 MB file (refused by size) and a 10 MB single-line referat. Figures go in RELIABILITY.md.
#
#   scripts/kill-points.sh [KILLS=50] [COPIES_PER_SEED=40]
#
# Uses the debug binary from $CARGO_TARGET_DIR (default target/), copied to a temp dir so a
# concurrent build cannot swap it mid-run. Needs bash, python3, /usr/bin/time.
set -euo pipefail

KILLS=${1:-50}
COPIES=${2:-40}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
WORK=$(mktemp -d /tmp/referat-kill-points.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
cp "$TARGET/debug/referat" "$WORK/referat"
BIN="$WORK/referat"

# Corpus: the seeds, plus COPIES of each seed with its title date shifted (own meetings).
python3 - "$ROOT/seeds" "$WORK/corpus" "$COPIES" <<'EOF'
import os, re, sys
seeds, out, copies = sys.argv[1], sys.argv[2], int(sys.argv[3])
os.makedirs(out)
for s, name in enumerate(sorted(os.listdir(seeds))):
    text = open(os.path.join(seeds, name), encoding="utf-8").read()
    for c in range(copies):
        date = f"{1 + c % 28:02d}-{1 + c // 28 % 12:02d}-{2060 + s}"
        new = re.sub(r"(REFERAT[^\n]*? d\. )\d\d-\d\d-\d{4}", lambda m: m.group(1) + date, text, count=1)
        open(os.path.join(out, f"k{s}_{c:03d}.txt"), "w", encoding="utf-8").write(new)
EOF

# A fingerprint of what the index answers: item count and the sorted item ids.
state() { "$BIN" search '*' --index "$1" --json --limit 100000 2>/dev/null |
    python3 -c 'import hashlib,json,sys; r=json.load(sys.stdin); ids=sorted(h["id"] for h in r["hits"]); print(r["total"], len(ids), hashlib.sha256("\n".join(ids).encode()).hexdigest()[:16])'; }

"$BIN" index "$ROOT/seeds" --index "$WORK/good" >/dev/null
BEFORE=$(state "$WORK/good")
cp -r "$WORK/good" "$WORK/after"
START=$(date +%s%N)
"$BIN" index "$ROOT/seeds" "$WORK/corpus" --index "$WORK/after" >/dev/null
RUN_MS=$(( ($(date +%s%N) - START) / 1000000 ))
AFTER=$(state "$WORK/after")
echo "full run: ${RUN_MS} ms; before: $BEFORE; after: $AFTER"
[ "$BEFORE" != "$AFTER" ] || { echo "FAIL: the run changes nothing, the test would prove nothing"; exit 1; }

survived=0; as_before=0; as_after=0
for i in $(seq 1 "$KILLS"); do
    rm -rf "$WORK/victim"; cp -r "$WORK/good" "$WORK/victim"
    delay_ms=$(( RANDOM % (RUN_MS + RUN_MS / 10 + 1) ))
    "$BIN" index "$ROOT/seeds" "$WORK/corpus" --index "$WORK/victim" >/dev/null 2>&1 &
    pid=$!
    sleep "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))"
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    now=$(state "$WORK/victim" || echo "unreadable")
    if [ "$now" = "$BEFORE" ]; then as_before=$((as_before + 1));
    elif [ "$now" = "$AFTER" ]; then as_after=$((as_after + 1));
    else echo "FAIL kill $i after ${delay_ms} ms: $now"; continue; fi
    "$BIN" index "$ROOT/seeds" "$WORK/corpus" --index "$WORK/victim" >/dev/null 2>&1 ||
        { echo "FAIL kill $i: the next run did not complete"; continue; }
    [ "$(state "$WORK/victim")" = "$AFTER" ] || { echo "FAIL kill $i: next run differs"; continue; }
    survived=$((survived + 1))
done
echo "kill points survived: $survived/$KILLS (index as before: $as_before, as after: $as_after)"

# Memory: peak RSS on a 100 MB text file (over the size limit) and a 10 MB single line.
mkdir -p "$WORK/big"
python3 - "$WORK/big" "$ROOT/seeds" <<'EOF'
import os, sys
out, seeds = sys.argv[1], sys.argv[2]
line = "Sundhedsklyngen drøftede lægedækning og praksisplan i kommunerne. " * 16 + "\n"
with open(os.path.join(out, "huge.txt"), "w", encoding="utf-8") as f:
    while f.tell() < 100 * 1024 * 1024:
        f.write(line * 100)
seed = open(os.path.join(seeds, sorted(os.listdir(seeds))[0]), encoding="utf-8").read()
seed = seed.replace("d. 11-11-2024", "d. 02-02-2071").replace("### Resumé\n", "### Resumé\n\n" + "x" * (10 * 1024 * 1024) + "\n", 1)
open(os.path.join(out, "long_line.txt"), "w", encoding="utf-8").write(seed)
EOF
for f in huge.txt long_line.txt; do
    /usr/bin/time -v "$BIN" index "$WORK/big/$f" --index "$WORK/big-index-$f" >"$WORK/out" 2>"$WORK/time" || true
    rss=$(awk -F': ' '/Maximum resident/ {print $2}' "$WORK/time")
    wall=$(awk -F': ' '/Elapsed/ {print $2}' "$WORK/time")
    echo "$f ($(du -m "$WORK/big/$f" | cut -f1) MB): peak RSS ${rss} KB, wall ${wall}; $(grep -E 'skipped `|items in' "$WORK/out" | tr '\n' ' ')"
done
[ "$survived" -eq "$KILLS" ]
