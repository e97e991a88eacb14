#!/usr/bin/env bash
# Scale run: generate N agenda items with `referat generate`, index them with `referat index`,
# and print time and size of each step. Heavy: not run by CI. Usage:
#   scripts/scale.sh 100000 [seed]
# Writes into <target>/scale-N/{corpus,index}; an existing folder is replaced.
set -euo pipefail
cd "$(dirname "$0")/.."
items="${1:?usage: scripts/scale.sh ITEMS [SEED]}"
seed="${2:-1}"
target="${CARGO_TARGET_DIR:-target}"
work="$target/scale-$items"

cargo build --release --quiet
bin="$target/release/referat"
rm -rf "$work"
mkdir -p "$work"

echo "== machine: $(nproc) cores, $(free -h | awk '/^Mem:/ {print $2}') RAM, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== generate $items items (seed $seed)"
/usr/bin/time -f "generate: %e s wall, %M KB max RSS" \
  "$bin" generate --out "$work/corpus" --items "$items" --seed "$seed"
echo "corpus on disk: $(du -sh "$work/corpus" | cut -f1), $(find "$work/corpus" -type f -name '*.*' ! -name '.*' | wc -l) files"

echo "== index"
/usr/bin/time -f "index: %e s wall, %M KB max RSS" \
  "$bin" index --index "$work/index" "$work/corpus"
echo "index on disk: $(du -sh "$work/index" | cut -f1)"

echo "== a search (cold process: opens the index, one query)"
/usr/bin/time -f "search: %e s wall" "$bin" search --index "$work/index" --limit 3 lægedækning
