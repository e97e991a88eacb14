#!/usr/bin/env bash
# Short local fuzzing run of both cargo-fuzz targets (read_parse, query), SECONDS each
# (default 60). Not run by CI. Needs `cargo install cargo-fuzz`; works on a stable toolchain
# through RUSTC_BOOTSTRAP=1 (libFuzzer's instrumentation flags are nightly-only).
#
# New inputs go to fuzz/target/corpus/<target>/ (gitignored); the committed corpus in
# fuzz/corpus/<target>/ (seeds and crash reproducers) is only read. Crashes land in
# fuzz/artifacts/<target>/ and the run stops with a non-zero status.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-60}"
# The fuzz project is its own workspace with its own target dir: never the shared one.
unset CARGO_TARGET_DIR
export RUSTC_BOOTSTRAP=1
# `address` (cargo-fuzz's default) also checks the unsafe code in dependencies (tantivy);
# FUZZ_SANITIZER=none roughly doubles the executions when only panics matter.
sanitizer="${FUZZ_SANITIZER:-address}"

cleanup() { rm -rf "${TMPDIR:-/tmp}"/referat-fuzz-*; }
trap cleanup EXIT

for target in read_parse query; do
  scratch="fuzz/target/corpus/$target"
  mkdir -p "$scratch"
  echo "== $target for ${seconds}s"
  cargo fuzz run --sanitizer "$sanitizer" -O --debug-assertions "$target" \
    "$scratch" "fuzz/corpus/$target" -- \
    -dict=fuzz/dict -max_total_time="$seconds" -print_final_stats=1
done
