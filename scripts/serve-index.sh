# Sourced by scripts/load.sh and scripts/soak.sh: serve INDEX on 127.0.0.1:PORT from a private
# copy of the release binary (another build may replace target/release/referat meanwhile),
# wait until /ready, and stop the server and remove the copy on exit.
# Sets: work (temp folder), server (pid). Honours REFERAT_BIN and CARGO_TARGET_DIR.
# Usage: serve_index INDEX PORT
serve_index() {
  local index="$1" port="$2" target="${CARGO_TARGET_DIR:-target}"
  work="$(mktemp -d)"
  cp "${REFERAT_BIN:-$target/release/referat}" "$work/referat"
  "$work/referat" serve --addr "127.0.0.1:$port" --index "$index" --seeds "$work/none" \
    > "$work/serve.log" 2>&1 &
  server=$!
  trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
  for _ in $(seq 1 100); do
    curl -fsS "http://127.0.0.1:$port/ready" > /dev/null 2>&1 && return 0
    sleep 0.2
  done
  curl -fsS "http://127.0.0.1:$port/ready" > /dev/null
}
