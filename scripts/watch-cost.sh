#!/usr/bin/env bash
# What `--watch` costs over 10,000 files (issue 15: under 50 MB, no CPU while idle).
#   scripts/watch-cost.sh [FILES]      (default 10000; BIN=path/to/referat, default debug build)
# Writes FILES small referater into 10 folders, indexes them once, then for
#   `serve` and `serve --watch` over the same index, and for `index --watch`:
#   the RSS (VmRSS, VmHWM) once idle, and the CPU ticks used in 20 idle seconds;
# then with `index --watch`: how long a dropped file and a removed one take to be committed.
set -euo pipefail
cd "$(dirname "$0")/.."
files=${1:-10000}
bin=${BIN:-target/debug/referat}
work=$(mktemp -d /tmp/referat-watch-cost.XXXXXX)
trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$work"' EXIT

referat() { # n → a small referat with a meeting of its own (the date makes the id)
  local n=$1 year=$((2031 + $1 / 336)) month=$((1 + $1 / 28 % 12)) day=$((1 + $1 % 28))
  printf '# REFERAT Sundhedsklynge Sydvestjylland d. %02d-%02d-%d\n\n## Punkt 1: Velkomst\n\nVelkomst ved formanden, nummer %d.\n' \
    "$day" "$month" "$year" "$n"
}
for ((n = 0; n < files; n++)); do
  dir="$work/in/$((n % 10))"
  mkdir -p "$dir"
  referat "$n" >"$dir/$n.txt"
done
echo "== $files files in 10 folders; indexing once"
"$bin" index "$work/in" --index "$work/index" | tail -2

kb() { awk -v k="$2" '$1 == k":" {print $2}' "/proc/$1/status"; }
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
measure() { # label pid: wait until idle, then RSS and 20 s of CPU ticks
  sleep 10
  local before after
  before=$(ticks "$2"); sleep 20; after=$(ticks "$2")
  printf '%-16s VmRSS %6d kB  VmHWM %6d kB  CPU ticks in 20 idle s: %d\n' \
    "$1" "$(kb "$2" VmRSS)" "$(kb "$2" VmHWM)" $((after - before))
}
for mode in "" "--watch"; do
  "$bin" serve $mode --addr 127.0.0.1:0 --index "$work/index" --seeds "$work/in" \
    >/dev/null 2>"$work/serve.log" &
  pid=$!
  measure "serve $mode" "$pid"
  kill "$pid"; wait "$pid" 2>/dev/null || true
done

"$bin" index "$work/in" --index "$work/index" --watch >/dev/null 2>"$work/watch.log" &
pid=$!
measure "index --watch" "$pid"
committed() { grep -c "committed a batch" "$work/watch.log" || true; }
hits() { "$bin" search "$files" --index "$work/index" --json 2>/dev/null |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])'; }
latency() { # expected-hits command…: ms until searchable as expected, then until the run ends
  local want=$1 before start searchable
  shift
  before=$(committed); start=$(date +%s%N)
  "$@"
  until [ "$(hits)" = "$want" ]; do sleep 0.05; done
  searchable=$(( ($(date +%s%N) - start) / 1000000 ))
  until [ "$(committed)" -gt "$before" ]; do sleep 0.05; done
  echo "searchable after $searchable ms, run done (merges included) after $(( ($(date +%s%N) - start) / 1000000 )) ms"
}
referat "$files" >"$work/new.txt"
echo "drop one file into a folder of $((files / 10)): $(latency 1 mv "$work/new.txt" "$work/in/0/new.txt")"
echo "remove one file from a folder of $((files / 10)): $(latency 0 rm "$work/in/0/new.txt")"
kill "$pid"; wait "$pid" 2>/dev/null || true
grep -E "committed a batch" "$work/watch.log" | tail -2
