#!/usr/bin/env bash
# Bounded work per request (issue 16, hole 1), against a real server on the seeds:
#  1. the outside test's request: `GET /?q=a&klynge=…` with 6,000 values (60 KB), on the page
#     and on /api/v1/search, 10 times each: status and latency (target: 4xx in < 50 ms);
#  2. CLIENTS clients that ask for the largest page the caps allow (~600 KB) and never read:
#     how many connections the server still holds after 3 s and after the write timeout;
#  3. the server's VmHWM (peak RSS) and VmRSS before, after 1 and after 2 (target: flat).
# Usage: scripts/amplification.sh [CLIENTS]   (default 20; REFERAT_BIN: the binary, default
# target/release/referat; PORT: default 18092)
set -euo pipefail
cd "$(dirname "$0")/.."
target="${CARGO_TARGET_DIR:-target}"
bin="${REFERAT_BIN:-$target/release/referat}"
clients="${1:-20}"
port="${PORT:-18092}"
work="$(mktemp -d)"
server=""
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"' EXIT

"$bin" index --index "$work/index" seeds > /dev/null
"$bin" serve --index "$work/index" --addr "127.0.0.1:$port" --seeds "$work/none" > "$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$port/ready" > /dev/null 2>&1 && break; sleep 0.2; done
memory() { awk '/^VmHWM:/ {h=$2} /^VmRSS:/ {r=$2} END {printf "VmHWM %d KB, VmRSS %d KB", h, r}' "/proc/$server/status"; }
echo "binary: $bin; load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "before:            $(memory)"

query="q=a$(for i in $(seq 0 5999); do printf '&klynge=%02d' $((i % 100)); done)"
echo "request: ${#query} bytes of query string, 6000 klynge values"
for route in "/" "/api/v1/search"; do
  for _ in $(seq 1 10); do
    curl -s -o /dev/null -w '%{http_code} %{time_total}\n' "http://127.0.0.1:$port$route?$query"
  done | awk -v r="$route" '{n++; s[$1]++; t=$2*1000; sum+=t; if (t>max) max=t}
    END {for (k in s) codes=codes k "×" s[k] " "; printf "%-16s %s mean %.1f ms, max %.1f ms\n", r, codes, sum/n, max}'
done
echo "after the request: $(memory)"

# Clients that send a request for a big page and never read a byte of the answer.
python3 - "$port" "$clients" "$server" <<'PY'
import socket, subprocess, sys, time
port, clients, server = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
q = "q=" + "%C3%B8" * 1000 + "".join("&kommune=" + "%C3%B8" * 200 for _ in range(4))
q += "".join(f"&{f}=v{i:02}" for f in ("klynge", "niveau", "fokusomraade") for i in range(15))
request = f"GET /?{q} HTTP/1.1\r\nHost: x\r\n\r\n".encode()
socks = []
for _ in range(clients):
    s = socket.create_connection(("127.0.0.1", port))
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    s.sendall(request)
    socks.append(s)
def held():
    out = subprocess.run(["ss", "-Htn", "state", "established", f"( sport = :{port} )"],
                         capture_output=True, text=True).stdout
    return len([l for l in out.splitlines() if l.strip()])
def rss():
    for line in open(f"/proc/{server}/status"):
        if line.startswith("VmRSS"):
            return line.split()[1]
time.sleep(3)
print(f"{clients} clients never reading: after 3 s the server holds {held()} connections, VmRSS {rss()} KB")
time.sleep(12)
print(f"after 15 s (write timeout 10 s): the server holds {held()} connections, VmRSS {rss()} KB")
PY
echo "after the clients: $(memory)"
ok=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' "http://127.0.0.1:$port/api/v1/search?q=pulje")
echo "a plain search afterwards: $ok"
