#!/usr/bin/env bash
# Local fuzzing run of the cargo-fuzz targets, SECONDS each (default 60), one after the
# other (the machine has two cores), at the lowest CPU priority. Not run by CI. Needs
# `cargo install cargo-fuzz`; works on a stable toolchain through RUSTC_BOOTSTRAP=1
# (libFuzzer's instrumentation flags are nightly-only).
#
#   scripts/fuzz.sh [SECONDS=60] [TARGET...]     targets: read_parse read_html read_pdf query (default all)
#
# In-process libFuzzer (a crash ends that target's run), no sanitizer (only panics and
# assertion failures matter in safe Rust; the address sanitizer cost ~2× executions), release
# build with debug assertions (overflow checks on), inputs capped at a few KB (referat
# structure fits in that; longer inputs only slow every execution down), 5 s per input.
# New inputs go to fuzz/target/corpus/<target>/ (gitignored); the committed corpus in
# fuzz/corpus/<target>/ (seeds and crash reproducers) is only read. Crashes land in
# fuzz/artifacts/<target>/ and the script stops with a non-zero status. Each run's log is
# fuzz/target/<target>.log; the last line printed per target is its summary.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-60}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(read_parse read_html read_pdf query)
# The fuzz project is its own workspace with its own target dir: never the shared one.
unset CARGO_TARGET_DIR
export RUSTC_BOOTSTRAP=1
sanitizer="${FUZZ_SANITIZER:-none}"

# Longest input per target: a query over the server's 1,000-character limit only reaches
# the parser, so a little over it suffices; 4 KB holds a title, header, items and sections.
# A web page carries its site around the minutes: 16 KB holds a small page whole; a PDF needs
# room for its fonts and cross references (the Chromium corpus file is 40 KB).
# The PDF and HTML readers start from the seeds' renditions, made by scripts/renditions/*.py;
# fuzz/corpus/<target>/ keeps only what the fuzzer found (crash reproducers).
renditions() { case "$1" in read_pdf) echo tests/fixtures/renditions/pdf ;; read_html) echo tests/fixtures/renditions/html ;; esac; }
max_len() { case "$1" in query) echo 1200 ;; read_html) echo 16384 ;; read_pdf) echo 65536 ;; *) echo 4096 ;; esac; }

cleanup() { rm -rf /dev/shm/referat-fuzz-* "${TMPDIR:-/tmp}"/referat-fuzz-*; }
trap cleanup EXIT

for target in "${targets[@]}"; do
  scratch="fuzz/target/corpus/$target"
  log="fuzz/target/$target.log"
  mkdir -p "$scratch"
  echo "== $target for ${seconds}s (log: $log)"
  status=0
  nice -n 19 cargo fuzz run --sanitizer "$sanitizer" -O --debug-assertions "$target" \
    "$scratch" "fuzz/corpus/$target" $(renditions "$target") -- \
    -dict=fuzz/dict -max_len="$(max_len "$target")" -timeout=5 -rss_limit_mb=2048 \
    -max_total_time="$seconds" -print_final_stats=1 >"$log" 2>&1 || status=$?
  # Summary: the last status line (executions, coverage, corpus) and the final stats.
  last=$(grep -E '^#[0-9]+' "$log" | tail -1 || true)
  execs=$(awk '/stat::number_of_executed_units/ {print $2}' "$log")
  rate=$(awk '/stat::average_exec_per_sec/ {print $2}' "$log")
  echo "$target: ${seconds}s, executions ${execs:-?}, exec/s ${rate:-?}; last: ${last}; exit ${status}"
  if [ "$status" -ne 0 ]; then
    grep -E 'panicked|SUMMARY|Test unit written|ERROR' "$log" | head -5
    exit "$status"
  fi
done
