#!/usr/bin/env bash
# Serve an index, send a bounded load of concurrent requests, and meanwhile let
# `referat index` change that index several times (add a folder of meetings, remove it, add
# it again). Pass: 0 failed requests, and every total for a fixed query is the old or the new
# index's total. Figures go in RELIABILITY.md.
#
#   scripts/reindex-under-load.sh [REQUESTS=3000] [CLIENTS=8] [REINDEXES=6]
#
# Uses the debug binary from $CARGO_TARGET_DIR (default target/), copied to a temp dir so a
# concurrent build cannot swap it mid-run. Traffic goes to 127.0.0.1 only. Needs python3.
set -euo pipefail

REQUESTS=${1:-3000}
CLIENTS=${2:-8}
REINDEXES=${3:-6}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
WORK=$(mktemp -d /tmp/referat-reindex-load.XXXXXX)
SERVER=""
cleanup() { [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null; wait 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT
cp "$TARGET/debug/referat" "$WORK/referat"
BIN="$WORK/referat"

# Extra meetings: seed 000 on 30 other dates.
mkdir -p "$WORK/extra" "$WORK/hold" "$WORK/empty"
for n in $(seq 1 30); do
    sed "0,/d\. 11-11-2024/s//d. $(printf '%02d' "$n")-01-2070/" "$ROOT/seeds/000_731f48feb1185b6b.txt" >"$WORK/extra/e$n.txt"
done
"$BIN" index "$ROOT/seeds" --index "$WORK/index" >/dev/null

"$BIN" serve --addr 127.0.0.1:0 --index "$WORK/index" --seeds "$WORK/empty" >"$WORK/serve.out" 2>"$WORK/serve.err" &
SERVER=$!
for _ in $(seq 1 100); do grep -q "serving on" "$WORK/serve.out" 2>/dev/null && break; sleep 0.1; done
URL=$(sed -n 's/.*serving on \(http[^ ]*\).*/\1/p' "$WORK/serve.out")
[ -n "$URL" ] || { echo "FAIL: the server did not start"; cat "$WORK/serve.err"; exit 1; }

# Re-index in the background while the load runs: extra in, extra out, …
(
    for i in $(seq 1 "$REINDEXES"); do
        # Odd runs add the extra meetings, even runs index an emptied extra/ (removing them).
        [ $((i % 2)) = 0 ] && mv "$WORK"/extra/*.txt "$WORK/hold/"
        "$BIN" index "$ROOT/seeds" "$WORK/extra" --index "$WORK/index" >>"$WORK/index.log" 2>&1 || echo "index run $i exited $?" >>"$WORK/index.log"
        [ $((i % 2)) = 0 ] && mv "$WORK"/hold/*.txt "$WORK/extra/"
        sleep 0.5
    done
    echo done >"$WORK/reindex.done"
) &
REINDEXER=$!

LOAD=0
python3 - "$URL" "$REQUESTS" "$CLIENTS" "$WORK/reindex.done" <<'EOF' || LOAD=$?
import collections, concurrent.futures, http.client, json, os, sys, time, urllib.parse
url, total, clients, done_flag = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
host = urllib.parse.urlparse(url).netloc
paths = ["/api/v1/search?q=l%C3%A6ged%C3%A6kning", "/api/v1/search?q=pulje&kommune=Esbjerg",
         "/api/v1/facets", "/?q=praksisplan", "/api/v1/meetings", "/health"]
def one(n):
    path = paths[n % len(paths)]
    conn = http.client.HTTPConnection(host, timeout=30)
    start = time.monotonic()
    try:
        conn.request("GET", path)
        r = conn.getresponse(); body = r.read()
        total_hits = json.loads(body)["total"] if path.startswith("/api/v1/search?q=l") and r.status == 200 else None
        return path, r.status, total_hits, time.monotonic() - start
    except Exception as e:
        return path, repr(e), None, time.monotonic() - start
    finally:
        conn.close()
started = time.monotonic()
sent = 0; results = []
with concurrent.futures.ThreadPoolExecutor(clients) as pool:
    # Bounded: at least REQUESTS, and on until the re-indexing is done (at most 5 × REQUESTS).
    while sent < total or (not os.path.exists(done_flag) and sent < 5 * total):
        results += pool.map(one, range(sent, sent + 200)); sent += 200
took = time.monotonic() - started
statuses = collections.Counter(r[1] for r in results)
totals = collections.Counter(r[2] for r in results if r[2] is not None)
lat = sorted(r[3] for r in results)
failed = sum(c for s, c in statuses.items() if s != 200)
print(f"requests: {len(results)} in {took:.1f} s ({len(results)/took:.0f}/s), clients {clients}")
print(f"statuses: {dict(statuses)}; failed: {failed}")
print(f"totals for q=lægedækning: {dict(totals)}")
print(f"latency p50 {lat[len(lat)//2]*1000:.0f} ms, p99 {lat[int(len(lat)*0.99)]*1000:.0f} ms, max {lat[-1]*1000:.0f} ms")
open(done_flag + ".totals", "w").write(" ".join(str(t) for t in totals))
sys.exit(1 if failed else 0)
EOF
wait "$REINDEXER"
cat "$WORK/index.log" | grep -E "items in|exited" | sed 's/^/index: /'
# The old and new totals: the index without and with the extra meetings.
mv "$WORK"/extra/*.txt "$WORK/hold/"
"$BIN" index "$ROOT/seeds" "$WORK/extra" --index "$WORK/index" >/dev/null
old=$("$BIN" search lægedækning --index "$WORK/index" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')
mv "$WORK"/hold/*.txt "$WORK/extra/"
"$BIN" index "$ROOT/seeds" "$WORK/extra" --index "$WORK/index" >/dev/null
new=$("$BIN" search lægedækning --index "$WORK/index" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')
echo "allowed totals: old $old, new $new"
for t in $(cat "$WORK/reindex.done.totals"); do
    [ "$t" = "$old" ] || [ "$t" = "$new" ] || { echo "FAIL: total $t is neither"; exit 1; }
done
[ "$LOAD" = 0 ] && ! grep -q exited "$WORK/index.log" && echo "PASS"
