#!/usr/bin/env bash
# PDF reading speed (issue 12, part 7): 100 generated referater printed to PDF once (cached in
# target/pdf-bench/), then
#   1. pdftotext (poppler, the reference) on each PDF, one process per file;
#   2. referat's extraction alone (examples/pdf_text: read::clean_as in one thread), pages/s;
#   3. `referat index` of the 100 PDFs against `referat index` of the same 100 as text.
# Targets: 2 within 2x of 1; the PDF index within 3x of the text index. Wall-clock times on a
# shared machine: the script prints the load average before each step.
#
#   scripts/pdf-bench.sh            needs chromium, python3, pdftotext
set -euo pipefail
cd "$(dirname "$0")/.."

cache=target/pdf-bench
count=100
cargo build --release --quiet --bin referat --example pdf_text
referat=target/release/referat

if [ ! -f "$cache/ready" ]; then
  rm -rf "$cache" && mkdir -p "$cache/text" "$cache/pdf"
  # About 8.2 items a meeting: 820 items give at least 100 referater.
  "$referat" generate --out "$cache/generated" --items 820 --seed 7 >/dev/null
  find "$cache/generated" -type f \( -name '*.txt' -o -name '*.md' \) | sort | head -n "$count" |
    while read -r file; do cp "$file" "$cache/text/"; done
  REFERAT="$referat" python3 scripts/renditions/pdf.py "$cache/pdf" "$cache"/text/* >/dev/null
  touch "$cache/ready"
fi
pdfs=("$cache"/pdf/*.pdf)
pages=$(for f in "${pdfs[@]}"; do pdfinfo "$f" | awk '/^Pages:/ {print $2}'; done | paste -sd+ | bc)
echo "${#pdfs[@]} PDFs, $pages pages, $(du -sh "$cache/pdf" | cut -f1)"

best_of_3() { # best wall-clock seconds of three runs of "$@"
  local best=""
  for _ in 1 2 3; do
    local start end
    start=$(date +%s.%N); "$@" >/dev/null; end=$(date +%s.%N)
    best=$(echo "$end - $start" | bc | awk -v b="$best" '{ if (b == "" || $1 < b) print $1; else print b }')
  done
  echo "$best"
}
pdftotext_all() { for f in "${pdfs[@]}"; do pdftotext "$f" /dev/null; done; }
index_fresh() { rm -rf "$cache/index-$1"; "$referat" index --index "$cache/index-$1" "${@:2}"; }

echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "pdftotext:        $(best_of_3 pdftotext_all) s"
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "referat extract:  $(target/release/examples/pdf_text "${pdfs[@]}")"
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "index text:       $(best_of_3 index_fresh text "$cache"/text/*) s"
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "index pdf:        $(best_of_3 index_fresh pdf "${pdfs[@]}") s"
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
