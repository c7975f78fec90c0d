#!/usr/bin/env bash
# Memory cost of large uploads: starts `aligncv serve` on a free loopback port, signs up, uploads
# a 5 MiB résumé (text; the largest allowed file) N times and prints the server's resident memory
# before, at its peak and after. Target: a 5 MB upload never raises RSS by more than 50 MB.
#   tests/bench/upload_rss.sh [BUILD_DIR] [UPLOADS] [FILE]    (defaults: build, 5, generated text)
# FILE uploads another file instead (a large PDF or DOCX, say); its extension gives its type.
# tests/bench/make_large_docx.py writes 5 MB DOCX files of each shape a body can take.
set -euo pipefail
BUILD_DIR=${1:-build}
UPLOADS=${2:-5}
FILE=${3:-}
BIN=${ALIGNCV_BIN:-$BUILD_DIR/bin/aligncv}
[ -x "$BIN" ] || { echo "upload_rss.sh: no executable at $BIN" >&2; exit 2; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/aligncv-rss.XXXXXX")
PID=""
cleanup() {
  [ -n "$PID" ] && kill -TERM "$PID" 2>/dev/null && wait "$PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
RATE_LIMIT_UPLOADS_PER_HOUR=0 LOG_LEVEL=warning "$BIN" serve --port "$PORT" --data-dir "$WORK/data" >"$WORK/server.log" 2>&1 &
PID=$!
for _ in $(seq 150); do curl -sf "http://127.0.0.1:$PORT/v2/health" >/dev/null && break; sleep 0.1; done
BASE="http://127.0.0.1:$PORT/v2"
TOKEN=$(curl -sf -X POST "$BASE/auth/signup" -H 'Content-Type: application/json' \
  -d '{"name":"Rss Bench","email":"rss@example.com","password":"rss-bench-pass"}' |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["tokens"]["access_token"])')

# A résumé repeated up to just under 5 MiB of valid UTF-8 text.
[ -n "$FILE" ] || python3 - "$WORK/big.txt" <<'PY'
import sys
block = ("Jane Doe\nSenior Backend Engineer\njane@example.com | +49 30 1234567 | Berlin\n\n"
         "EXPERIENCE\nNorthwind Analytics, Mar 2021 – Present\nSenior Backend Engineer\n"
         "* Cut p99 latency of the billing API from 900 ms to 120 ms with Python and PostgreSQL\n"
         "* Led a team of five engineers; introduced Kubernetes, Terraform and Kafka\n\n"
         "SKILLS\nPython, Go, PostgreSQL, Docker, Kubernetes, AWS, Terraform, Kafka, React\n\n")
limit = 5 * 1024 * 1024 - 4096
data = (block * (limit // len(block) + 1)).encode()[:limit]
data = data[: data.rfind(b"\n") + 1]
open(sys.argv[1], "wb").write(data)
PY

if [ -n "$FILE" ]; then
  case "${FILE##*.}" in
    pdf) TYPE=application/pdf ;;
    docx) TYPE=application/vnd.openxmlformats-officedocument.wordprocessingml.document ;;
    md) TYPE=text/markdown ;;
    *) TYPE=text/plain ;;
  esac
  cp "$FILE" "$WORK/upload.${FILE##*.}"
  UPLOAD="$WORK/upload.${FILE##*.}"
else
  TYPE=text/plain
  UPLOAD="$WORK/big.txt"
fi

rss() { awk '/^VmRSS/ {print $2}' "/proc/$PID/status"; }
hwm() { awk '/^VmHWM/ {print $2}' "/proc/$PID/status"; }
BEFORE=$(rss)
# The peak (VmHWM) counts from here, not from start-up, which may be higher (Linux 4.0+).
echo 5 >"/proc/$PID/clear_refs" 2>/dev/null || echo "note: cannot reset VmHWM; the peak may be start-up's" >&2
for i in $(seq "$UPLOADS"); do
  STATUS=$(curl -s -o "$WORK/upload.json" -w '%{http_code}' -X POST "$BASE/documents/upload" \
    -H "Authorization: Bearer $TOKEN" -F "file=@$UPLOAD;type=$TYPE")
  echo "upload $i: HTTP $STATUS, RSS $(( $(rss) / 1024 )) MiB"
done
PEAK=$(hwm)
AFTER=$(rss)
echo "file: $(( $(stat -c %s "$UPLOAD") / 1024 )) KiB; uploads: $UPLOADS"
echo "RSS before: $((BEFORE / 1024)) MiB, peak: $((PEAK / 1024)) MiB (+$(((PEAK - BEFORE) / 1024)) MiB), after: $((AFTER / 1024)) MiB"
