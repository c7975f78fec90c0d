#!/usr/bin/env bash
# Load test of the HTTP face with wrk, on loopback only.
#
#   tests/bench/http_wrk.sh [BUILD_DIR]        (default: build)
#
# Starts `<BUILD_DIR>/bin/aligncv serve` on a free 127.0.0.1 port with a temporary data dir,
# signs up one user with curl, then runs wrk (2 threads, 32 connections) against
#   GET /v2/health                    target >= 20,000 req/s
#   GET /v2/notifications/settings    target >= 10,000 req/s, p99 < 10 ms (bearer token)
# prints wrk's reports and stops the server. Environment overrides:
#   DURATION (10s), THREADS (2), CONNECTIONS (32), HTTP_THREADS (server default),
#   LOG_LEVEL (info: every request writes its access-log line, as in production),
#   ALIGNCV_BIN (path of the aligncv binary).
# Everything is bounded in time: the server start (15 s), each wrk run (DURATION + 30 s) and
# the shutdown (15 s, then SIGKILL).
set -euo pipefail

BUILD_DIR=${1:-build}
BIN=${ALIGNCV_BIN:-$BUILD_DIR/bin/aligncv}
DURATION=${DURATION:-10s}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-32}

for tool in wrk curl python3; do
  command -v "$tool" >/dev/null || { echo "http_wrk.sh: '$tool' is required" >&2; exit 2; }
done
[ -x "$BIN" ] || { echo "http_wrk.sh: no executable at $BIN (build the 'aligncv_cli' target)" >&2; exit 2; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/aligncv-wrk.XXXXXX")
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 150); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
BASE="http://127.0.0.1:$PORT"

# Cheap Argon2 only speeds up the one signup; neither measured route hashes passwords.
env ALIGNCV_DATA_DIR="$WORK/data" HOST=127.0.0.1 PORT="$PORT" \
    JWT_SECRET_KEY="wrk-benchmark-secret-0123456789abcdef0123456789" \
    ARGON2_MEMORY_KIB=1024 ARGON2_ITERATIONS=1 LOG_LEVEL="${LOG_LEVEL:-info}" \
    ${HTTP_THREADS:+HTTP_THREADS=$HTTP_THREADS} \
    "$BIN" serve >"$WORK/server.out" 2>"$WORK/server.err" &
SERVER_PID=$!

for _ in $(seq 150); do
  curl -fs "$BASE/v2/health" >/dev/null 2>&1 && break
  kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/server.err" >&2; exit 1; }
  sleep 0.1
done
curl -fs "$BASE/v2/health" >/dev/null || { echo "server did not become healthy" >&2; exit 1; }

TOKEN=$(curl -fs -X POST "$BASE/v2/auth/signup" -H 'Content-Type: application/json' \
          -d '{"name":"Bench User","email":"bench@example.com","password":"bench-password-1"}' |
        python3 -c 'import json, sys; print(json.load(sys.stdin)["tokens"]["access_token"])')
cat >"$WORK/auth.lua" <<EOF
wrk.headers["Authorization"] = "Bearer $TOKEN"
EOF
curl -fs "$BASE/v2/notifications/settings" -H "Authorization: Bearer $TOKEN" >/dev/null

secs=${DURATION%s}
run() {
  echo
  echo "=== $1 ==="
  shift
  timeout $((secs + 30)) wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$@"
}

echo "aligncv serve on $BASE  (wrk: $THREADS threads, $CONNECTIONS connections, $DURATION; $(nproc) CPU cores)"
run "GET /v2/health" "$BASE/v2/health"
run "GET /v2/notifications/settings (bearer)" -s "$WORK/auth.lua" "$BASE/v2/notifications/settings"

echo
echo "server: $(grep -c '' "$WORK/server.err") log lines; stopping"
