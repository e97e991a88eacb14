#!/usr/bin/env bash
# The outside test's damaged indexes (issue 16, hole 4), on copies of a seeds index:
#   max_doc  a segment's `max_doc` in meta.json raised by 1000
#   pos      one segment's `.pos` file removed
#   store    300 random bytes written into a `.store` file
# For each: (1) `referat serve` refuses to start, naming the file and `--rebuild`;
# `referat index` exits 2 naming the file. (2) A server started on a whole copy that is
# then damaged under it answers every route of the router (read from src/server) with no
# 500. (3) `referat index --rebuild` brings back every item. Exit 0 only if all hold.
# Usage: scripts/corrupt-index.sh   (REFERAT_BIN: the binary, default target/release/referat
# or target/debug/referat; PORT: default 18091)
set -euo pipefail
cd "$(dirname "$0")/.."
target="${CARGO_TARGET_DIR:-target}"
bin="${REFERAT_BIN:-$target/release/referat}"
[ -x "$bin" ] || bin="$target/debug/referat"
port="${PORT:-18091}"
work="$(mktemp -d)"
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

"$bin" index --index "$work/good" seeds > /dev/null
items=$("$bin" search --index "$work/good" --json "" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')
echo "seeds index: $items items ($bin)"

# Damage the index in $1 as case $2; prints the file at fault. Writes in place (no truncation),
# as a disk or a stray process would, so a running server's mapped files see the bytes.
damage() {
  python3 - "$1" "$2" <<'PY'
import glob, json, os, random, sys
index, case = sys.argv[1], sys.argv[2]
if case == "max_doc":
    path = os.path.join(index, "meta.json")
    meta = json.load(open(path))
    meta["segments"][0]["max_doc"] += 1000
    tmp = path + ".tmp"
    json.dump(meta, open(tmp, "w"))
    os.replace(tmp, path)
elif case == "pos":
    path = sorted(glob.glob(os.path.join(index, "*.pos")))[0]
    os.remove(path)
else:
    path = sorted(glob.glob(os.path.join(index, "*.store")))[0]
    random.seed(16)
    with open(path, "r+b") as f:
        f.seek(100)
        f.write(bytes(random.randrange(256) for _ in range(300)))
print(os.path.basename(path))
PY
}

# Every GET route of the router, ids filled in from the seeds, a query where one is useful.
routes() {
  local item="sundhedsklynge-sydvestjylland/politisk-niveau/2024-11-11/punkt-2"
  local meeting="sundhedsklynge-sydvestjylland/politisk-niveau/2024-11-11"
  cat src/server/mod.rs src/server/page.rs src/server/page/*.rs 2>/dev/null \
    | perl -0777 -ne 'print "$1\n" while /\.route\(\s*"([^"]+)"/g' | sort -u | while read -r route; do
      case "$route" in
        */items/*|/punkt/*) echo "${route%%\{*}$item" ;;
        */meetings/*|/moede/*) echo "${route%%\{*}$meeting" ;;
        /api/v1/search*|/api/v1/trends|/api/v1/suggest) echo "$route?q=pulje" ;;
        /) echo "/"; echo "/?q=pulje" ;;
        *) echo "$route" ;;
      esac
    done
}

wait_ready() {
  for _ in $(seq 1 150); do
    curl -fsS "http://127.0.0.1:$port/health" > /dev/null 2>&1 && return 0
    sleep 0.2
  done
  return 1
}

for case in max_doc pos store; do
  echo "== $case"
  # (1) refused at open.
  cp -r "$work/good" "$work/$case"
  file=$(damage "$work/$case" "$case")
  code=0
  timeout 60 "$bin" serve --index "$work/$case" --addr "127.0.0.1:$port" --seeds "$work/none" \
    > /dev/null 2> "$work/serve.err" || code=$?
  msg=$(grep -m1 'error' "$work/serve.err" || true)
  echo "serve: exit $code: $msg"
  [ "$code" -ne 0 ] && [ "$code" -ne 124 ] || fail "$case: serve did not refuse"
  grep -q "$file" <<<"$msg" && grep -q -- "--rebuild" <<<"$msg" || fail "$case: serve's message names no file"
  code=0
  "$bin" index --index "$work/$case" seeds > /dev/null 2> "$work/index.err" || code=$?
  echo "index: exit $code: $(head -1 "$work/index.err")"
  [ "$code" -eq 2 ] && grep -q "$file" "$work/index.err" || fail "$case: index did not name $file"

  # (2) damaged under a running server: no route answers 500.
  cp -r "$work/good" "$work/live-$case"
  "$bin" serve --index "$work/live-$case" --addr "127.0.0.1:$port" --seeds "$work/none" \
    > "$work/live.log" 2>&1 &
  server=$!
  wait_ready || fail "$case: the server did not start"
  damage "$work/live-$case" "$case" > /dev/null
  sleep 1.5   # the reader's reload delay: a refused reload must have happened by now
  declare -A seen=()
  total=0
  while read -r route; do
    status=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port$route")
    seen[$status]=$(( ${seen[$status]:-0} + 1 ))
    total=$((total + 1))
    [ "$status" = 500 ] && echo "  500 on $route"
  done < <(routes)
  summary=""; for s in "${!seen[@]}"; do summary+="$s×${seen[$s]} "; done
  echo "live: $total routes: $summary"
  [ -z "${seen[500]:-}" ] || fail "$case: ${seen[500]} answers with status 500"
  kill "$server"; wait "$server" 2>/dev/null || true; server=""
  unset seen

  # (3) rebuilt.
  "$bin" index --rebuild --index "$work/$case" seeds > /dev/null
  now=$("$bin" search --index "$work/$case" --json "" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')
  echo "rebuilt: $now items"
  [ "$now" = "$items" ] || fail "$case: rebuilt to $now items, not $items"
done
echo "failures: $failures"
[ "$failures" -eq 0 ]
