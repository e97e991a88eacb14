#!/usr/bin/env bash
# SIGKILL `referat index` at points spread over the whole run and check the index answers
# exactly as before the run or as after it, then that the next run completes and gives
# exactly "after". Then peak RSS of `referat index` on a 100 MB file (refused by size) and a
# 10 MB single-line referat. Figures go in RELIABILITY.md.
#
#   scripts/kill-points.sh [KILLS=60] [COPIES_PER_SEED=4] [SEED=1]
#   scripts/kill-points.sh commit [KILLS=50] [SEED=1]   kills aimed at each file the commit
#                                                       writes: scripts/commit-kills.sh
#
# Kills are placed by the run's progress, not by a clock, so a loaded machine does not
# bunch them up: each run goes under strace, which reports the syscalls that mark progress
# (the walk, every file opened — the indexer reads each file once, in order — the writer
# threads finishing segments = the commit, `meta.json` renamed into place = the commit
# point). Three traced calibration runs give each milestone's time (median gaps). Seven
# kills in ten aim before the commit: a milestone drawn uniformly from the start to the
# last file, plus a random share of the gap after it; two aim during the commit and one
# after the commit point, drawn uniformly over those stretches of time. A kill waits for
# its milestone in its own run, then the rest scaled by how fast this run is going
# (recalibrated per kill). Each kill records the last milestone seen before it, which is
# what the table counts. The main thread opens and parses the files; the writer threads
# index behind it, so after the last file opens the commit first waits for them.
#
# Uses the debug binary from $CARGO_TARGET_DIR (default target/), copied to a temp dir so a
# concurrent build cannot swap it mid-run. Needs bash, python3, strace, /usr/bin/time.
set -euo pipefail
if [ "${1:-}" = commit ]; then
    shift
    exec "$(dirname "$0")/commit-kills.sh" "$@"
fi

KILLS=${1:-60}
COPIES=${2:-4}
SEED=${3:-1}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
WORK=$(mktemp -d /tmp/referat-kill-points.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
cp "$TARGET/debug/referat" "$WORK/referat"
BIN="$WORK/referat"

cat >"$WORK/kp.py" <<'EOF'
# Run `referat index` under strace and follow its progress from the syscalls it makes: the
# milestones are the walk (first root folder opened), each file opened (the indexer reads
# each file once, in walk order), the commit (first writer-thread syscall after the last
# file: segments being finished) and the commit point (`meta.json` renamed into place).
#
#   kp.py calibrate OUT.json FILES BIN INDEX PATHS...   a full run: milestone times
#   kp.py kill CALIB.json KILL_NO SEED BIN INDEX PATHS...  one kill, a JSON line on stdout
import json, os, random, re, select, signal, subprocess, sys, tempfile, time

LINE = re.compile(r'^(\d+) +(?:<\.\.\. )?(\w+)(?:\(| resumed>)(.*)$')
EXITED = re.compile(r'^(\d+) \+\+\+ (exited with \d+|killed by SIGKILL)')

def run(bin_, index, paths, files, on_milestone):
    """Start the traced run; call on_milestone(name, t) for each milestone as it shows.
    on_milestone returns a deadline (monotonic) or None; at the deadline the run is killed."""
    tmp = tempfile.mkdtemp(prefix="kp-")
    fifo = os.path.join(tmp, "trace")
    os.mkfifo(fifo)
    cmd = ["strace", "-f", "-q", "-e", "trace=execve,openat,renameat,renameat2,fdatasync,exit_group",
           "-e", "signal=none", "-o", fifo, bin_, "index", *paths, "--index", index]
    start = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    fd = os.open(fifo, os.O_RDONLY)
    roots = [os.path.abspath(p) for p in paths]
    main = None; done = 0; seen = set(); deadline = None; killed_at = None
    buf = b""; lines_after_kill = []; last = "start"; last_before_kill = None
    def milestone(name):
        nonlocal deadline, last
        last = name
        d = on_milestone(name, time.monotonic() - start)
        if d is not None:
            deadline = d
    milestone("start")
    while True:
        timeout = None if deadline is None or killed_at else max(0.0, deadline - time.monotonic())
        ready, _, _ = select.select([fd], [], [], timeout)
        if not ready:
            if main is not None and killed_at is None:
                os.kill(main, signal.SIGKILL)
                killed_at = time.monotonic() - start
                last_before_kill = last
            continue
        chunk = os.read(fd, 65536)
        if not chunk:
            break
        buf += chunk
        *complete, buf = buf.split(b"\n")
        for raw in complete:
            line = raw.decode("utf-8", "replace")
            if killed_at is not None:
                continue
            m = EXITED.match(line)
            if m:
                if int(m.group(1)) == main:
                    milestone("exited" if m.group(2).startswith("exited") else "killed")
                continue
            m = LINE.match(line)
            if not m:
                continue
            pid, call, args = int(m.group(1)), m.group(2), m.group(3)
            if call == "execve" and main is None:
                main = pid
            elif call == "openat" and "resumed" not in line:
                path = args.split('"')[1] if '"' in args else ""
                if path in roots and "walking" not in seen:
                    seen.add("walking"); milestone("walking")
                elif "O_DIRECTORY" not in args and any(path.startswith(r + "/") for r in roots) \
                        and path.endswith((".txt", ".md")):
                    done += 1; milestone(f"file {done}")
                elif pid != main and done >= files and "committing" not in seen:
                    seen.add("committing"); milestone("committing")
            elif call in ("fdatasync", "renameat", "renameat2") and "resumed" not in line:
                if pid != main and done >= files and "committing" not in seen:
                    seen.add("committing"); milestone("committing")
                if call.startswith("rename") and '/meta.json")' in args \
                        and "committing" in seen and "committed" not in seen:
                    seen.add("committed"); milestone("committed")
    os.close(fd)
    proc.wait()
    # strace sometimes prints the leader's exit before a thread's, or not at all: its own
    # end (end of the trace) is then the run's end.
    if killed_at is None and last not in ("exited", "killed"):
        milestone("exited")
    os.remove(fifo); os.rmdir(tmp)
    return killed_at, last_before_kill, last

def main_():
    mode = sys.argv[1]
    if mode == "calibrate":
        out, files, bin_, index, *paths = sys.argv[2:]
        times = {}
        def record(name, t):
            times.setdefault(name, t)
        run(bin_, index, paths, int(files), record)
        order = [k for k in times]
        json.dump({"files": int(files), "order": order, "times": times}, open(out, "w"))
        print(" ".join(f"{k}={times[k]*1000:.0f}ms" for k in order if k in ("walking", "file 1", f"file {files}", "committing", "committed", "exited")))
        return
    calib, kill_no, seed, bin_, index, *paths = sys.argv[2:]
    cal = json.load(open(calib)); files = cal["files"]; order = cal["order"]; T = cal["times"]
    rng = random.Random(int(seed) * 1000 + int(kill_no))
    zone = int(kill_no) % 10
    # Seven in ten kills aim before the commit, two during it, one after the commit point.
    if zone < 7:
        lo, hi, aim = 0.0, T["committing"], "before commit"
    elif zone < 9:
        lo, hi, aim = T["committing"], T["committed"], "during commit"
    else:
        lo, hi, aim = T["committed"], T["exited"], "after commit point"
    if aim == "before commit":
        # Uniform over progress, not time: any milestone up to the last file, then a random
        # share of the gap after it (how long that gap takes varies with the load).
        at = rng.choice(order[:order.index("committing")])
        frac = rng.random()
    else:
        target = rng.uniform(lo, hi)
        at = max((k for k in order if T[k] <= target), key=lambda k: T[k])
        frac = (target - T[at]) / max(1e-9, T[order[order.index(at) + 1]] - T[at])
    nxt = order[order.index(at) + 1]
    plan = {}
    def on(name, t):
        if name != at:
            return None
        # Recalibrate: how fast this run is going compared with the calibration run.
        speed = t / T[at] if T[at] > 0.05 else 1.0
        plan["delay"] = frac * (T[nxt] - T[at]) * speed
        return time.monotonic() + plan["delay"]
    killed_at, observed, last = run(bin_, index, paths, files, on)
    if killed_at is None:
        observed = "exited before the kill"
    print(json.dumps({"kill": int(kill_no), "aim": aim, "aim_after": at, "aim_fraction": round(frac, 3),
                      "observed": observed, "killed_at_ms": None if killed_at is None else round(killed_at * 1000)}))

main_()
EOF

# Corpus: the seeds, plus COPIES of each seed with its title date shifted (own meetings).
python3 - "$ROOT/seeds" "$WORK/corpus" "$COPIES" <<'EOF'
import os, re, sys
seeds, out, copies = sys.argv[1], sys.argv[2], int(sys.argv[3])
os.makedirs(out)
for s, name in enumerate(sorted(os.listdir(seeds))):
    text = open(os.path.join(seeds, name), encoding="utf-8").read()
    for c in range(copies):
        date = f"{1 + c % 28:02d}-{1 + c // 28 % 12:02d}-{2060 + s}"
        new = re.sub(r"(REFERAT[^\n]*? d\. )\d\d-\d\d-\d{4}", lambda m: m.group(1) + date, text, count=1)
        open(os.path.join(out, f"k{s}_{c:03d}.txt"), "w", encoding="utf-8").write(new)
EOF

# A fingerprint of what the index answers: item count and the sorted item ids.
state() { "$BIN" search '*' --index "$1" --json --limit 100000 2>/dev/null |
    python3 -c 'import hashlib,json,sys; r=json.load(sys.stdin); ids=sorted(h["id"] for h in r["hits"]); print(r["total"], len(ids), hashlib.sha256("\n".join(ids).encode()).hexdigest()[:16])'; }

"$BIN" index "$ROOT/seeds" --index "$WORK/good" >/dev/null
BEFORE=$(state "$WORK/good")
cp -r "$WORK/good" "$WORK/after"
FILES=$(find "$ROOT/seeds" "$WORK/corpus" -name '*.txt' | wc -l)
# Three calibration runs; each milestone's time is the sum of the median gaps before it, so
# one run slowed by a burst of load elsewhere does not skew where the kills aim.
for c in 1 2 3; do
    rm -rf "$WORK/calib"; cp -r "$WORK/good" "$WORK/calib"
    echo -n "calibration run $c ($FILES files): "
    python3 "$WORK/kp.py" calibrate "$WORK/cal$c.json" "$FILES" "$BIN" "$WORK/calib" "$ROOT/seeds" "$WORK/corpus"
done
python3 - "$WORK" <<'EOF'
import json, statistics, sys
runs = [json.load(open(f"{sys.argv[1]}/cal{c}.json")) for c in (1, 2, 3)]
order = runs[0]["order"]
assert all(r["order"] == order for r in runs), "calibration runs saw different milestones"
times, t = {order[0]: 0.0}, 0.0
for a, b in zip(order, order[1:]):
    t += statistics.median(r["times"][b] - r["times"][a] for r in runs)
    times[b] = t
json.dump({"files": runs[0]["files"], "order": order, "times": times}, open(f"{sys.argv[1]}/cal.json", "w"))
print("calibration (median gaps): " + " ".join(f"{k}={times[k]*1000:.0f}ms" for k in ("walking", "file 1", order[-4], "committing", "committed", "exited")))
EOF
"$BIN" index "$ROOT/seeds" "$WORK/corpus" --index "$WORK/after" >/dev/null
AFTER=$(state "$WORK/after")
echo "before: $BEFORE; after: $AFTER"
[ "$BEFORE" != "$AFTER" ] || { echo "FAIL: the run changes nothing, the test would prove nothing"; exit 1; }

: >"$WORK/kills.jsonl"
for i in $(seq 1 "$KILLS"); do
    rm -rf "$WORK/victim"; cp -r "$WORK/good" "$WORK/victim"
    kill=$(python3 "$WORK/kp.py" kill "$WORK/cal.json" "$i" "$SEED" "$BIN" "$WORK/victim" "$ROOT/seeds" "$WORK/corpus")
    now=$(state "$WORK/victim" || echo "unreadable")
    if [ "$now" = "$BEFORE" ]; then index=before; elif [ "$now" = "$AFTER" ]; then index=after; else index="MIX: $now"; fi
    next=ok
    "$BIN" index "$ROOT/seeds" "$WORK/corpus" --index "$WORK/victim" >/dev/null 2>&1 || next="did not complete"
    [ "$next" != ok ] || [ "$(state "$WORK/victim")" = "$AFTER" ] || next="differs from after"
    echo "$kill" | python3 -c 'import json,sys; k=json.load(sys.stdin); k.update(index=sys.argv[1], next=sys.argv[2]); print(json.dumps(k))' "$index" "$next" | tee -a "$WORK/kills.jsonl"
done

# One row per phase the kills landed in (the last milestone seen before the SIGKILL).
python3 - "$WORK/kills.jsonl" "$FILES" <<'EOF'
import json, sys
kills = [json.loads(l) for l in open(sys.argv[1])]
files = int(sys.argv[2]); step = -(-files // 5)
def phase(k):
    o = k["observed"]
    if o == "start": return (0, "opening the index (before the walk)")
    if o == "walking": return (1, "walking the folders")
    if o.startswith("file "):
        lo = (int(o.split()[1]) - 1) // step * step
        return (2 + lo, f"indexing, {lo}–{min(lo + step, files) - 1} of {files} files parsed")
    if o == "committing": return (1000, "committing (writer threads finishing segments)")
    if o == "committed": return (1001, "after the commit point (`meta.json` renamed, still running)")
    if o == "exited before the kill": return (1002, "none: the run finished before its kill moment")
    return (1003, o)
rows = {}
for k in kills:
    key = phase(k); r = rows.setdefault(key, [0, 0, 0, 0, 0])
    r[0] += 1; r[1] += k["index"] == "before"; r[2] += k["index"] == "after"
    r[3] += k["index"] not in ("before", "after"); r[4] += k["next"] == "ok"
print("| where the kill landed | kills | index as before | index as after | mixed/unreadable | next run exact |")
print("|---|---|---|---|---|---|")
for (_, name), r in sorted(rows.items()):
    print(f"| {name} | {r[0]} | {r[1]} | {r[2]} | {r[3]} | {r[4]} |")
t = [sum(r[i] for r in rows.values()) for i in range(5)]
print(f"| **all** | **{t[0]}** | {t[1]} | {t[2]} | {t[3]} | {t[4]} |")
EOF
# A run that finished before its kill moment was not killed: it counts in neither figure.
read -r survived killed < <(python3 -c 'import json,sys
ks=[json.loads(l) for l in open(sys.argv[1]) if json.loads(l)["killed_at_ms"] is not None]
print(sum(k["index"] in ("before","after") and k["next"]=="ok" for k in ks), len(ks))' "$WORK/kills.jsonl")
echo "kill points survived: $survived/$killed (runs that finished before their kill: $((KILLS - killed)))"

# Memory: peak RSS on a 100 MB text file (over the size limit) and a 10 MB single line.
mkdir -p "$WORK/big"
python3 - "$WORK/big" "$ROOT/seeds" <<'EOF'
import os, sys
out, seeds = sys.argv[1], sys.argv[2]
line = "Sundhedsklyngen drøftede lægedækning og praksisplan i kommunerne. " * 16 + "\n"
with open(os.path.join(out, "huge.txt"), "w", encoding="utf-8") as f:
    while f.tell() < 100 * 1024 * 1024:
        f.write(line * 100)
seed = open(os.path.join(seeds, sorted(os.listdir(seeds))[0]), encoding="utf-8").read()
seed = seed.replace("d. 11-11-2024", "d. 02-02-2071").replace("### Resumé\n", "### Resumé\n\n" + "x" * (10 * 1024 * 1024) + "\n", 1)
open(os.path.join(out, "long_line.txt"), "w", encoding="utf-8").write(seed)
EOF
for f in huge.txt long_line.txt; do
    /usr/bin/time -v "$BIN" index "$WORK/big/$f" --index "$WORK/big-index-$f" >"$WORK/out" 2>"$WORK/time" || true
    rss=$(awk -F': ' '/Maximum resident/ {print $2}' "$WORK/time")
    wall=$(awk -F': ' '/Elapsed/ {print $2}' "$WORK/time")
    echo "$f ($(du -m "$WORK/big/$f" | cut -f1) MB): peak RSS ${rss} KB, wall ${wall}; $(grep -E 'skipped `|items in' "$WORK/out" | tr '\n' ' ')"
done
[ "$survived" -eq "$killed" ]
