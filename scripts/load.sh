#!/usr/bin/env bash
# HTTP load test: `referat serve` on loopback over an existing index, wrk with the request
# mix in scripts/load.lua, then the server's peak resident memory. Bounded in time; traffic
# goes to 127.0.0.1 only. Usage:
#   scripts/load.sh INDEX [SECONDS] [CONNECTIONS] [PORT]
# e.g. scripts/load.sh "$CARGO_TARGET_DIR/perf-scale-100000/index" 20 8
# Needs a release build (cargo build --release) and wrk (apt-get install wrk). The server
# answers 503 beyond MAX_CONCURRENT_SEARCHES (16) engine calls at once: keep CONNECTIONS ≤ 16.
# REFERAT_BIN=path/to/referat load-tests another build (e.g. an older one, for a comparison).
set -euo pipefail
cd "$(dirname "$0")/.."
index="${1:?usage: scripts/load.sh INDEX [SECONDS] [CONNECTIONS] [PORT]}"
seconds="${2:-20}"
connections="${3:-8}"
port="${4:-18080}"

. scripts/serve-index.sh
serve_index "$index" "$port"

echo "== machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== server: rss after start $(awk '/VmRSS/ {print $2, $3}' "/proc/$server/status")"
# Warm-up (page cache, first searcher), not measured.
wrk -t1 -c2 -d3s -s scripts/load.lua "http://127.0.0.1:$port" > /dev/null
echo "== wrk: ${seconds}s, 2 threads, $connections connections"
wrk -t2 -c"$connections" -d"${seconds}s" --timeout 5s --latency -s scripts/load.lua \
  "http://127.0.0.1:$port"
echo "== server: peak rss $(awk '/VmHWM/ {print $2, $3}' "/proc/$server/status")"
