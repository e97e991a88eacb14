#!/usr/bin/env bash
# HTTP load test: `referat serve` on loopback over an existing index, wrk with the request
# mix in scripts/load.lua, then the server's peak resident memory. Bounded in time; traffic
# goes to 127.0.0.1 only. Usage:
#   scripts/load.sh INDEX [SECONDS] [CONNECTIONS] [PORT]
# e.g. scripts/load.sh "$CARGO_TARGET_DIR/perf-scale-100000/index" 20 8
# Needs a release build (cargo build --release) and wrk (apt-get install wrk). The server
# answers 503 beyond MAX_CONCURRENT_SEARCHES (16) engine calls at once: keep CONNECTIONS ≤ 16.
# REFERAT_BIN=path/to/referat load-tests another build (e.g. an older one, for a comparison).
# MIX=zipf (default: a few hundred requests with a Zipf skew plus a long tail, see load.lua)
# or MIX=old (the first 16 requests, round robin). REFERAT_CACHE_MB sets the server's
# response cache (0 = off; default 64); its hit rate during the measured run is printed.
set -euo pipefail
cd "$(dirname "$0")/.."
index="${1:?usage: scripts/load.sh INDEX [SECONDS] [CONNECTIONS] [PORT]}"
seconds="${2:-20}"
connections="${3:-8}"
port="${4:-18080}"
mix="${MIX:-zipf}"

. scripts/serve-index.sh
serve_index "$index" "$port"

echo "== machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== server: rss after start $(awk '/VmRSS/ {print $2, $3}' "/proc/$server/status")"
# The mix's item pages are ids of perf-scale-100000; another index gets ids of its own.
ids=()
first_item=$(wrk -t1 -c1 -d1s -s scripts/load.lua "http://127.0.0.1:$port" -- dump | grep -m1 '^/api/v1/items/' || true)
if [ -n "$first_item" ] && [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port$first_item")" = 404 ]; then
  read -r -a ids < <(curl -fsS "http://127.0.0.1:$port/api/v1/search?q=&per_page=20" |
    python3 -c 'import json, sys; print(" ".join(h["id"] for h in json.load(sys.stdin)["hits"]))')
  echo "== the mix's item ids are not in this index: using ${#ids[@]} of its own (newest first)"
fi
# Warm-up (page cache, first searcher), not measured.
wrk -t1 -c2 -d3s -s scripts/load.lua "http://127.0.0.1:$port" -- "$mix" "${ids[@]}" > /dev/null
cache_stats() {
  curl -fsS "http://127.0.0.1:$port/health" | python3 -c \
    'import json, sys; c = json.load(sys.stdin).get("cache") or {}; print(c.get("hits", 0), c.get("misses", 0), c.get("entries", 0), c.get("bytes", 0))'
}
read -r hits0 misses0 _ _ < <(cache_stats)
echo "== wrk: ${seconds}s, 2 threads, $connections connections, mix $mix, cache ${REFERAT_CACHE_MB:-64} MiB"
cpu_ticks() { awk '{print $14 + $15}' "/proc/$server/stat"; }
ticks0=$(cpu_ticks)
wrk -t2 -c"$connections" -d"${seconds}s" --timeout 5s --latency -s scripts/load.lua \
  "http://127.0.0.1:$port" -- "$mix" "${ids[@]}" | tee "$work/wrk.txt"
# The server's CPU time per request: less dependent on how busy the machine is than req/s.
ticks=$(( $(cpu_ticks) - ticks0 ))
requests=$(awk '/^requests:/ {print $2}' "$work/wrk.txt" | tr -d ,)
echo "== server: cpu $(( ticks * 1000 / $(getconf CLK_TCK) )) ms user+system, $(( ticks * 1000000 / $(getconf CLK_TCK) / (requests > 0 ? requests : 1) )) µs per request"
read -r hits1 misses1 entries bytes < <(cache_stats)
hits=$((hits1 - hits0)) misses=$((misses1 - misses0))
echo "== cache: $hits hits, $misses misses ($(( (hits + misses) > 0 ? 100 * hits / (hits + misses) : 0 )) % hits), $entries entries, $bytes bytes"
echo "== server: peak rss $(awk '/VmHWM/ {print $2, $3}' "/proc/$server/status")"
