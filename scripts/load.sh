#!/usr/bin/env bash
# HTTP load test: `referat serve` on loopback over an existing index, wrk with the request
# mix in scripts/load.lua, then the server's peak resident memory. Bounded in time; traffic
# goes to 127.0.0.1 only. Usage:
#   scripts/load.sh INDEX [SECONDS] [CONNECTIONS] [PORT]
# e.g. scripts/load.sh "$CARGO_TARGET_DIR/perf-scale-100000/index" 20 8
# Needs a release build (cargo build --release) and wrk (apt-get install wrk). The server
# answers 503 beyond MAX_CONCURRENT_SEARCHES (16) engine calls at once: keep CONNECTIONS ≤ 16.
set -euo pipefail
cd "$(dirname "$0")/.."
index="${1:?usage: scripts/load.sh INDEX [SECONDS] [CONNECTIONS] [PORT]}"
seconds="${2:-20}"
connections="${3:-8}"
port="${4:-18080}"
target="${CARGO_TARGET_DIR:-target}"

# A private copy of the binary: another build may replace target/release/referat meanwhile.
work="$(mktemp -d)"
cp "$target/release/referat" "$work/referat"
"$work/referat" serve --addr "127.0.0.1:$port" --index "$index" --seeds "$work/none" \
  > "$work/serve.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$work"' EXIT

for _ in $(seq 1 100); do
  curl -fsS "http://127.0.0.1:$port/ready" > /dev/null 2>&1 && break
  sleep 0.2
done
curl -fsS "http://127.0.0.1:$port/ready" > /dev/null

echo "== machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== server: rss after start $(awk '/VmRSS/ {print $2, $3}' "/proc/$server/status")"
# Warm-up (page cache, first searcher), not measured.
wrk -t1 -c2 -d3s -s scripts/load.lua "http://127.0.0.1:$port" > /dev/null
echo "== wrk: ${seconds}s, 2 threads, $connections connections"
wrk -t2 -c"$connections" -d"${seconds}s" --timeout 5s --latency -s scripts/load.lua \
  "http://127.0.0.1:$port"
echo "== server: peak rss $(awk '/VmHWM/ {print $2, $3}' "/proc/$server/status")"
