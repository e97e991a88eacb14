#!/usr/bin/env bash
# Browser tests of the search page in headless Chromium (called by .ci/run).
# Installs Debian's chromium if missing, builds `referat`, serves a watched copy of the seeds
# (`serve --watch`) from a temp index on a free loopback port, runs tests/browser (playwright-core) against it, stops the server.
# Screenshots land in target/screenshots/ (desktop 1280 and phone 390 wide).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

if [ ! -x /usr/bin/chromium ]; then
  echo "== installing chromium"
  sudo_cmd=""
  if [ "$(id -u)" -ne 0 ]; then sudo_cmd="sudo"; fi
  $sudo_cmd apt-get update
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y chromium
fi

echo "== cargo build"
cargo build --bin referat
target_dir="${CARGO_TARGET_DIR:-$root/target}"

work=$(mktemp -d)
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# A copy, so a build in the shared target dir cannot swap the binary under the test.
cp "$target_dir/debug/referat" "$work/referat"

echo "== npm ci (tests/browser)"
(cd tests/browser && npm ci --no-audit --no-fund)

port=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
url="http://127.0.0.1:$port"
echo "== referat serve on $url"
# A copy of the seeds, watched: the tests drop a referat into it and delete it again.
cp -r "$root/seeds" "$work/seeds"
"$work/referat" serve --watch --addr "127.0.0.1:$port" --index "$work/index" --seeds "$work/seeds" \
  >"$work/serve.log" 2>&1 &
server_pid=$!

ready=""
for _ in $(seq 1 120); do
  if node -e 'fetch(process.argv[1]).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))' "$url/ready"; then
    ready=yes; break
  fi
  if ! kill -0 "$server_pid" 2>/dev/null; then break; fi
  sleep 0.5
done
if [ -z "$ready" ]; then
  echo "referat did not become ready; its log:"; cat "$work/serve.log"; exit 1
fi

echo "== browser tests"
mkdir -p "$root/target/screenshots"
(cd tests/browser && REFERAT_URL="$url" REFERAT_WATCHED="$work/seeds" \
  SCREENSHOT_DIR="$root/target/screenshots" npm test)
echo "== screenshots in target/screenshots/"
ls "$root/target/screenshots"
