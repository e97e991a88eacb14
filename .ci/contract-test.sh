#!/usr/bin/env bash
# Contract test: fuzz the running API against its own OpenAPI document with schemathesis.
# Checks: no 5xx for any generated request (not_a_server_error) and every documented answer
# matches its schema (response_schema_conformance). Builds and starts `referat serve` on a free
# loopback port with a fresh index of the seeds, waits for /ready, runs, stops the server.
# Exits non-zero on any failure. Python tools live in a venv under the cargo target dir.
set -euo pipefail
cd "$(dirname "$0")/.."

SCHEMATHESIS_VERSION="4.32.5"
MAX_EXAMPLES="${CONTRACT_MAX_EXAMPLES:-50}"
TARGET_DIR="${CARGO_TARGET_DIR:-target}"
VENV="$TARGET_DIR/contract-venv"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/referat-contract.XXXXXX")"
SERVER_PID=""

cleanup() {
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "== schemathesis $SCHEMATHESIS_VERSION in $VENV"
if ! "$VENV/bin/schemathesis" --version 2>/dev/null | grep -q "$SCHEMATHESIS_VERSION"; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
fi

echo "== cargo build"
cargo build --quiet --bin referat
# Run a private copy: a shared target dir may see the binary rebuilt from another checkout.
BIN="$WORK/referat"
cp "$TARGET_DIR/debug/referat" "$BIN"

PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
ADDR="127.0.0.1:$PORT"
echo "== starting referat serve on $ADDR"
RUST_LOG=warn "$BIN" serve --addr "$ADDR" --index "$WORK/index" --seeds seeds >"$WORK/server.log" 2>&1 &
SERVER_PID=$!

for _ in $(seq 1 240); do
  if curl -fsS "http://$ADDR/ready" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then
    echo "the server exited:"; cat "$WORK/server.log"; exit 1
  fi
  sleep 0.5
done
if ! curl -fsS "http://$ADDR/ready"; then
  echo; echo "the server never became ready:"; cat "$WORK/server.log"; exit 1
fi
echo

echo "== schemathesis run (max $MAX_EXAMPLES examples per operation)"
status=0
"$VENV/bin/schemathesis" run "http://$ADDR/api/v1/openapi.json" \
  --url "http://$ADDR" \
  --checks not_a_server_error,response_schema_conformance \
  --max-examples "$MAX_EXAMPLES" \
  --seed 42 \
  --no-color || status=$?

if [[ $status -ne 0 ]]; then
  echo "== server log (last 50 lines)"; tail -n 50 "$WORK/server.log"
fi
exit $status
