#!/usr/bin/env bash
# SIGKILL `referat index` right after it creates each kind of file tantivy writes during a
# commit, and check that the killed index answers exactly as before or as after the run and
# that the next run completes and gives exactly "after" (issue 16, hole 2: a kill after the
# `.del` was written used to wedge the index with `FileAlreadyExists(….del)` for good).
#
#   scripts/commit-kills.sh [KILLS=50] [SEED=1]      (also: scripts/kill-points.sh commit …)
#
# The run replaces 8 files and removes 2 of an indexed corpus, so its commit writes `.del`
# files for old segments as well as new segments. Each kill aims, in turn, at one kind of
# file: `<segment>.<opstamp>.del`, each segment file (`.idx`, `.pos`, `.term`, `.store`,
# `.fast`, `.fieldnorm`), an atomic write's temp file (`.tmpXXXXXX`: `meta.json`'s and
# `.managed.json`'s) and the rename of `meta.json` into place (the commit point). strace
# reports each `openat(…, O_CREAT …)` in the index folder as it happens; on the Nth file of
# the aimed kind (N drawn from 1–3, fewer if the run writes fewer) the run gets SIGKILL.
# Uses the debug binary (copied); needs python3 and strace.
set -euo pipefail

KILLS=${1:-50}
SEED=${2:-1}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
WORK=$(mktemp -d /tmp/referat-commit-kills.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
cp "$TARGET/debug/referat" "$WORK/referat"
BIN="$WORK/referat"

cat >"$WORK/aim.py" <<'PY'
# aim.py KIND NTH BIN INDEX PATHS...: run `referat index` under strace, SIGKILL it right
# after it creates the NTH file of KIND in INDEX (or renames meta.json, KIND=commit-point).
# Prints one JSON line: the kind, the file it was killed after (or null: never written).
import json, os, re, signal, subprocess, sys, tempfile
KINDS = {"del": r"\.\d+\.del$", "idx": r"\.idx$", "pos": r"\.pos$", "term": r"\.term$",
         "store": r"\.store$", "fast": r"\.fast$", "fieldnorm": r"\.fieldnorm$",
         "tmp": r"/\.tmp[^/]*$"}
kind, nth, bin_, index, *paths = sys.argv[1:]
nth = int(nth)
tmp = tempfile.mkdtemp(prefix="aim-"); fifo = os.path.join(tmp, "trace"); os.mkfifo(fifo)
cmd = ["strace", "-f", "-q", "-e", "trace=execve,openat,rename,renameat,renameat2",
       "-e", "signal=none", "-o", fifo, bin_, "index", *paths, "--index", index]
proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
main = None; seen = 0; hit = None; buf = b""
with open(fifo, "rb", buffering=0) as trace:
    while True:
        chunk = trace.read(65536)
        if not chunk:
            break
        buf += chunk
        *lines, buf = buf.split(b"\n")
        for raw in lines:
            line = raw.decode("utf-8", "replace")
            m = re.match(r"^(\d+) +(\w+)\((.*)$", line)
            if not m or hit:
                continue
            pid, call, args = int(m.group(1)), m.group(2), m.group(3)
            if call == "execve" and main is None:
                main = pid
            names = re.findall(r'"([^"]*)"', args)
            if kind == "commit-point":
                if call.startswith("rename") and any(n.endswith("/meta.json") for n in names[1:]):
                    hit = names[-1]
            elif call == "openat" and "O_CREAT" in args and names:
                path = names[0]
                if index in path and re.search(KINDS[kind], path):
                    seen += 1
                    if seen == nth:
                        hit = path
            if hit and main:
                os.kill(main, signal.SIGKILL)
proc.wait()
os.remove(fifo); os.rmdir(tmp)
print(json.dumps({"kind": kind, "nth": nth, "killed_after": hit and os.path.basename(hit),
                  "seen": seen}))
PY

# Corpus: 40 copies of the seeds with their title dates shifted (each its own meeting).
mk_corpus() {
python3 - "$ROOT/seeds" "$1" "$2" <<'PY'
import os, re, sys
seeds, out, edited = sys.argv[1], sys.argv[2], sys.argv[3] == "edited"
os.makedirs(out, exist_ok=True)
for s, name in enumerate(sorted(os.listdir(seeds))):
    text = open(os.path.join(seeds, name), encoding="utf-8").read()
    for c in range(8):
        if edited and c in (0, 1):
            continue                      # two removed
        date = f"{1 + c:02d}-{1 + s:02d}-2061"
        new = re.sub(r"(REFERAT[^\n]*? d\. )\d\d-\d\d-\d{4}", lambda m: m.group(1) + date, text, count=1)
        if edited and c in (2, 3) and s < 4:
            new += "\nTilføjet efter mødet.\n"   # eight replaced
        open(os.path.join(out, f"k{s}_{c}.txt"), "w", encoding="utf-8").write(new)
PY
}

# What the index answers: item count, a hash of the sorted item ids, and how many items hold
# the replaced files' new sentence (their ids do not change).
state() {
    local ids added
    ids=$("$BIN" search '*' --index "$1" --json --limit 100000 2>/dev/null |
        python3 -c 'import hashlib,json,sys; r=json.load(sys.stdin); ids=sorted(h["id"] for h in r["hits"]); print(r["total"], hashlib.sha256("\n".join(ids).encode()).hexdigest()[:16])') || return 1
    added=$("$BIN" search 'tilføjet' --index "$1" --json 2>/dev/null |
        python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])') || return 1
    echo "$ids $added"
}

mk_corpus "$WORK/v1" plain
"$BIN" index "$WORK/v1" --index "$WORK/good" >/dev/null
BEFORE=$(state "$WORK/good")
# The run under test indexes the edited corpus over the same recorded path.
mv "$WORK/v1" "$WORK/v1-old"; mk_corpus "$WORK/v1" edited
cp -r "$WORK/good" "$WORK/after"
"$BIN" index "$WORK/v1" --index "$WORK/after" >/dev/null
AFTER=$(state "$WORK/after")
echo "before: $BEFORE; after: $AFTER"
[ "$BEFORE" != "$AFTER" ] || { echo "FAIL: the run changes nothing"; exit 1; }

kinds=(del idx pos term store fast fieldnorm tmp commit-point)
: >"$WORK/kills.jsonl"
for i in $(seq 1 "$KILLS"); do
    kind=${kinds[$(( (i - 1) % ${#kinds[@]} ))]}
    nth=$(( (i * 7 + SEED) % 3 + 1 ))
    rm -rf "$WORK/victim"; cp -r "$WORK/good" "$WORK/victim"
    kill=$(python3 "$WORK/aim.py" "$kind" "$nth" "$BIN" "$WORK/victim" "$WORK/v1")
    if ! echo "$kill" | grep -q '"killed_after": null'; then :; else
        # Fewer files of this kind than aimed at: aim at the last one seen.
        seen=$(echo "$kill" | python3 -c 'import json,sys; print(json.load(sys.stdin)["seen"])')
        if [ "$seen" -gt 0 ]; then
            rm -rf "$WORK/victim"; cp -r "$WORK/good" "$WORK/victim"
            kill=$(python3 "$WORK/aim.py" "$kind" "$seen" "$BIN" "$WORK/victim" "$WORK/v1")
        fi
    fi
    now=$(state "$WORK/victim" || echo unreadable)
    if [ "$now" = "$BEFORE" ]; then index=before; elif [ "$now" = "$AFTER" ]; then index=after; else index="MIX: $now"; fi
    next=ok
    "$BIN" index "$WORK/v1" --index "$WORK/victim" >"$WORK/next.out" 2>&1 || next="failed: $(tail -1 "$WORK/next.out")"
    [ "${next}" != ok ] || [ "$(state "$WORK/victim")" = "$AFTER" ] || next="differs from after"
    echo "$kill" | python3 -c 'import json,sys; k=json.load(sys.stdin); k.update(index=sys.argv[1], next=sys.argv[2]); print(json.dumps(k))' "$index" "$next" | tee -a "$WORK/kills.jsonl"
done

python3 - "$WORK/kills.jsonl" <<'PY'
import json, sys
kills = [json.loads(l) for l in open(sys.argv[1])]
rows = {}
for k in kills:
    r = rows.setdefault(k["kind"], [0, 0, 0, 0, 0, 0])
    killed = k["killed_after"] is not None
    r[0] += killed; r[1] += not killed
    r[2] += killed and k["index"] == "before"; r[3] += killed and k["index"] == "after"
    r[4] += k["index"] not in ("before", "after"); r[5] += k["next"] == "ok"
print("| killed right after creating | kills | not written (no kill) | index as before | index as after | mixed/unreadable | next run exact |")
print("|---|---|---|---|---|---|---|")
for name, r in rows.items():
    print(f"| {name} | {r[0]} | {r[1]} | {r[2]} | {r[3]} | {r[4]} | {r[5]} |")
t = [sum(r[i] for r in rows.values()) for i in range(6)]
print(f"| **all** | **{t[0]}** | {t[1]} | {t[2]} | {t[3]} | {t[4]} | {t[5]} |")
wedged = sum(k["next"] != "ok" for k in kills)
print(f"commit kills: {t[0]} killed, {wedged} wedged (next run not exact), {t[4]} mixed")
sys.exit(1 if wedged or t[4] else 0)
PY
