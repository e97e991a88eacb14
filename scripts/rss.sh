#!/usr/bin/env bash
# Run a command and print its peak memory: VmHWM (the kernel's own peak RSS) and the peaks
# of VmRSS, RssAnon (heap, stacks: ours and tantivy's) and RssFile (pages of mmapped files,
# e.g. segments read during merges, which the kernel can drop under pressure), sampled from
# /proc/PID/status. Used for issue #6 (peak memory of `referat index`). Usage:
#   scripts/rss.sh [-i SECONDS] [-l LOG] [-w DIR] CMD [ARGS…]
#     -i  sampling interval (default 1)
#     -l  also write one line per sample to LOG: seconds, VmRSS, RssAnon, RssFile (MB), and
#         with -w the number of segments and the MB of files in DIR (to see flushes, merges)
#     -w  folder to watch (an index folder)
# Only the command's own process is sampled (exec'ing wrappers such as `nice` are fine).
# The command's exit status is returned; the summary goes to stderr.
set -euo pipefail
interval=1
log=/dev/null
watch=""
while getopts "i:l:w:" opt; do
  case "$opt" in
    i) interval="$OPTARG" ;;
    l) log="$OPTARG" ;;
    w) watch="$OPTARG" ;;
    *) echo "usage: $0 [-i SECONDS] [-l LOG] [-w DIR] CMD [ARGS…]" >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
[ $# -gt 0 ] || { echo "usage: $0 [-i SECONDS] [-l LOG] [-w DIR] CMD [ARGS…]" >&2; exit 2; }

# kB figures of one /proc/PID/status, as "hwm rss anon file" (empty when the process is gone).
status() {
  awk '/^VmHWM:/ {h=$2} /^VmRSS:/ {r=$2} /^RssAnon:/ {a=$2} /^RssFile:/ {f=$2}
       END {if (r != "") print h, r, a, f}' "/proc/$1/status" 2>/dev/null || true
}

# Segments (distinct `<uuid>.*` stems) and MB of files in the watched folder.
folder() {
  [ -n "$watch" ] && [ -d "$watch" ] || { echo "- -"; return; }
  local segs mb
  segs=$(find "$watch" -maxdepth 1 -name '*.idx' 2>/dev/null | wc -l)
  mb=$(du -sm "$watch" 2>/dev/null | cut -f1)
  echo "$segs ${mb:-0}"
}

start=$(date +%s.%N)
"$@" &
pid=$!
hwm=0 rss=0 anon=0 file=0
echo "# seconds VmRSS_MB RssAnon_MB RssFile_MB segments folder_MB" >"$log"
while kill -0 "$pid" 2>/dev/null; do
  read -r h r a f <<<"$(status "$pid")" || true
  if [ -n "${r:-}" ]; then
    ((h > hwm)) && hwm=$h
    ((r > rss)) && rss=$r
    ((a > anon)) && anon=$a
    ((f > file)) && file=$f
    now=$(date +%s.%N)
    printf '%.0f %d %d %d %s\n' "$(echo "$now - $start" | bc)" $((r / 1024)) $((a / 1024)) \
      $((f / 1024)) "$(folder)" >>"$log"
  fi
  sleep "$interval"
done
code=0
wait "$pid" || code=$?
wall=$(echo "$(date +%s.%N) - $start" | bc)
printf 'peak VmHWM %d MB; sampled peaks: VmRSS %d MB, RssAnon %d MB, RssFile %d MB; wall %.1f s; exit %d\n' \
  $((hwm / 1024)) $((rss / 1024)) $((anon / 1024)) $((file / 1024)) "$wall" "$code" >&2
exit "$code"
