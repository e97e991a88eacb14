#!/usr/bin/env bash
# Side by side: referat against Xapian, SQLite FTS5 and Lucene on the SAME generated corpus
# and the SAME query mix. Heavy: not run by CI. Usage:
#   scripts/side-by-side.sh [ITEMS]          # default 100000; SIDE_BY_SIDE_ITEMS=2000 for a smoke run
#   SIDE_BY_SIDE_WRITE=1 scripts/side-by-side.sh   # also writes the table into BENCHMARKS.md
#   SIDE_BY_SIDE_ENGINES="referat" scripts/side-by-side.sh  # rerun only these engines (others'
#                                            # last results are kept; the table says when)
# Steps: referat generate (seed 1) → referat index (timed) → items JSONL via the library
# (examples/query_mix.rs) → query mix (scripts/peers/make_mix.py) → each peer indexes the
# JSONL (timed) → every engine runs the mix in-process, warm → scripts/peers/table.py.
# Needs: python3 with sqlite3 FTS5; for Xapian Debian's python3-xapian (run by
# /usr/bin/python3); for Lucene Debian's liblucene8-java and a JDK. A missing peer is
# reported as "not run" in the table, never faked.
# Work folder: <target>/side-by-side-N (corpus kept, indexes rebuilt every run).
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$PWD"
items="${1:-${SIDE_BY_SIDE_ITEMS:-100000}}"
rounds="${SIDE_BY_SIDE_ROUNDS:-5}"
target="${CARGO_TARGET_DIR:-target}"
work="$(realpath -m "$target/side-by-side-$items")"
peers="$repo/scripts/peers"
timed() { local name="$1"; shift; /usr/bin/time -v -o "$work/$name.time" "$@"; }
size_of() { du -sb "$1" | cut -f1 > "$work/$2.size"; }

cargo build --release --quiet --bin referat --example query_mix
mkdir -p "$work/bin"
# Copies: a later build by someone else must not swap the binaries under a long run.
cp "$target/release/referat" "$target/release/examples/query_mix" "$work/bin/"
engines="${SIDE_BY_SIDE_ENGINES:-referat xapian fts5 lucene}"
runs() { case " $engines " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }
for engine in referat xapian fts5 lucene; do
  runs "$engine" && rm -f "$work/$engine".{time,size,run.json,unavailable}
done

if [ ! -f "$work/corpus/.referat-generate.json" ]; then
  rm -rf "$work/corpus"
  "$work/bin/referat" generate --out "$work/corpus" --items "$items" --seed 1
fi

if runs referat; then
echo "== referat: index $items items from the referat files"
rm -rf "$work/referat-index"
timed referat "$work/bin/referat" index --index "$work/referat-index" "$work/corpus"
size_of "$work/referat-index" referat
fi

echo "== items JSONL (read + parse + enrich via the library) and the query mix"
/usr/bin/time -f "jsonl: %e s wall" "$work/bin/query_mix" jsonl "$work/corpus" "$work/items.jsonl"
python3 "$peers/make_mix.py" "$work/items.jsonl" "$work/mix.json"

if runs referat; then
echo "== referat: query mix ($rounds rounds after three warm-up rounds)"
"$work/bin/query_mix" run "$work/referat-index" "$work/mix.json" "$rounds" "$work/referat.run.json"
fi

echo "== Xapian"
if ! runs xapian; then
  echo "(kept from the last run)"
elif /usr/bin/python3 -c 'import xapian' 2>/dev/null; then
  rm -rf "$work/xapian-db"
  timed xapian /usr/bin/python3 "$peers/xapian_peer.py" index "$work/items.jsonl" "$work/xapian-db"
  size_of "$work/xapian-db" xapian
  /usr/bin/python3 "$peers/xapian_peer.py" run "$work/xapian-db" "$work/mix.json" "$rounds" "$work/xapian.run.json"
else
  echo "python3-xapian not installed (apt-get install python3-xapian)" > "$work/xapian.unavailable"
fi

echo "== SQLite FTS5"
if ! runs fts5; then
  echo "(kept from the last run)"
elif python3 -c 'import sqlite3; sqlite3.connect(":memory:").execute("CREATE VIRTUAL TABLE t USING fts5(a)")' 2>/dev/null; then
  rm -f "$work/fts5.db"
  timed fts5 python3 "$peers/fts5_peer.py" index "$work/items.jsonl" "$work/fts5.db"
  size_of "$work/fts5.db" fts5
  python3 "$peers/fts5_peer.py" run "$work/fts5.db" "$work/mix.json" "$rounds" "$work/fts5.run.json"
else
  echo "this python3's sqlite3 lacks FTS5" > "$work/fts5.unavailable"
fi

echo "== Lucene"
jars=(/usr/share/java/lucene-{core,analyzers-common,facet,queryparser}-8.7.0.jar)
if ! runs lucene; then
  echo "(kept from the last run)"
elif ls /usr/share/java/lucene-core-9*.jar >/dev/null 2>&1; then
  echo "a Lucene 9 jar is installed but LucenePeer.java targets Debian's Lucene 8.7 API" > "$work/lucene.unavailable"
elif ls "${jars[@]}" >/dev/null 2>&1 && command -v javac >/dev/null; then
  classpath="$(IFS=:; echo "${jars[*]}"):$work/java"
  mkdir -p "$work/java"
  javac -d "$work/java" -cp "$classpath" "$peers/LucenePeer.java"
  python3 "$peers/to_tsv.py" "$work/items.jsonl" "$work/items.tsv" "$work/mix.json" "$work/mix.tsv"
  rm -rf "$work/lucene-index"
  timed lucene java -cp "$classpath" LucenePeer index "$work/items.tsv" "$work/lucene-index"
  size_of "$work/lucene-index" lucene
  java -cp "$classpath" LucenePeer run "$work/lucene-index" "$work/mix.tsv" "$rounds" "$work/lucene.run.json"
else
  echo "no Lucene jars (Debian 12 packages Lucene 8 only: apt-get install liblucene8-java)" > "$work/lucene.unavailable"
fi

{
  echo "Measured $(date -u +%Y-%m-%d) on $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), $(free -h | awk '/^Mem:/ {print $2}') RAM, load $(cut -d' ' -f1-3 /proc/loadavg) at the end;"
  echo "\`scripts/side-by-side.sh $items\` ($items items, $(wc -l < "$work/items.jsonl") JSON lines, $rounds rounds), referat at $(git rev-parse --short HEAD); engines run: $engines."
} > "$work/meta.md"
if [ "${SIDE_BY_SIDE_WRITE:-0}" = 1 ]; then
  python3 "$peers/table.py" "$work" "$repo/BENCHMARKS.md"
else
  python3 "$peers/table.py" "$work"
fi
