#!/usr/bin/env bash
# Soak run (issue 7): `referat serve` over an existing index under the realistic request mix
# of scripts/load.lua for a bounded time, sampling the server's resident memory every
# INTERVAL seconds, then wrk's error count and latency percentiles. Loopback only.
# Usage: scripts/soak.sh INDEX [SECONDS=600] [CONNECTIONS=8] [INTERVAL=30] [PORT=18081]
# Needs a release build (cargo build --release) and wrk (apt-get install wrk).
set -euo pipefail
cd "$(dirname "$0")/.."
index="${1:?usage: scripts/soak.sh INDEX [SECONDS] [CONNECTIONS] [INTERVAL] [PORT]}"
seconds="${2:-600}"
connections="${3:-8}"
interval="${4:-30}"
port="${5:-18081}"

. scripts/serve-index.sh
serve_index "$index" "$port"

rss() { awk '/VmRSS/ {print $2}' "/proc/$server/status"; }
echo "== machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); index $index"
echo "== rss_kb at start: $(rss)"
wrk -t1 -c2 -d5s -s scripts/load.lua "http://127.0.0.1:$port" > /dev/null
echo "== rss_kb after warm-up: $(rss)"
wrk -t2 -c"$connections" -d"${seconds}s" --timeout 5s --latency -s scripts/load.lua \
  "http://127.0.0.1:$port" > "$work/wrk.txt" &
load=$!
elapsed=0
echo "== rss curve (seconds rss_kb)"
while kill -0 "$load" 2>/dev/null; do
  sleep "$interval"
  elapsed=$((elapsed + interval))
  kill -0 "$load" 2>/dev/null && echo "$elapsed $(rss)"
done
wait "$load"
cat "$work/wrk.txt"
echo "== rss_kb at end: $(rss); peak $(awk '/VmHWM/ {print $2}' "/proc/$server/status")"
if ! kill -0 "$server" 2>/dev/null; then echo "the server died"; cat "$work/serve.log"; exit 1; fi
