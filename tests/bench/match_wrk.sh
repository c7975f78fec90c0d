#!/usr/bin/env bash
# POST /v2/jobs/match under load, on loopback only: 10,000 postings (the demo catalogue's
# postings with other companies and places, imported with `aligncv import-jobs`), one uploaded
# résumé, wrk with 2 threads and 16 connections. Target: p50 <= 30 ms.
#
#   tests/bench/match_wrk.sh [BUILD_DIR] [POSTINGS]     (defaults: build, 10000)
#
# Environment overrides: DURATION (10s), THREADS (2), CONNECTIONS (16), ALIGNCV_BIN.
set -euo pipefail

BUILD_DIR=${1:-build}
POSTINGS=${2:-10000}
BIN=${ALIGNCV_BIN:-$BUILD_DIR/bin/aligncv}
DURATION=${DURATION:-10s}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-16}
HERE=$(cd "$(dirname "$0")/../.." && pwd)

for tool in wrk curl python3; do
  command -v "$tool" >/dev/null || { echo "match_wrk.sh: '$tool' is required" >&2; exit 2; }
done
[ -x "$BIN" ] || { echo "match_wrk.sh: no executable at $BIN" >&2; exit 2; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/aligncv-match-wrk.XXXXXX")
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

python3 - "$HERE/core/data/demo_jobs.jsonl" "$POSTINGS" "$WORK/jobs.jsonl" <<'PY'
import json, random, sys
demo = [json.loads(line) for line in open(sys.argv[1])]
places = ["Berlin, Germany", "Austin, TX, US", "London, UK", "Remote, US", "Paris, France", "Chicago, IL, US"]
rng = random.Random(42)
with open(sys.argv[3], "w") as out:
    for i in range(int(sys.argv[2])):
        job = dict(rng.choice(demo))
        job["company"] = f"Company {i}"
        job["location"] = rng.choice(places)
        job["remote"] = job["location"].startswith("Remote")
        out.write(json.dumps(job) + "\n")
PY
ALIGNCV_DEMO_JOBS=false "$BIN" import-jobs "$WORK/jobs.jsonl" --data-dir "$WORK/data" | head -1

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
BASE="http://127.0.0.1:$PORT/v2"
env ALIGNCV_DATA_DIR="$WORK/data" HOST=127.0.0.1 PORT="$PORT" ALIGNCV_DEMO_JOBS=false \
    JWT_SECRET_KEY="wrk-benchmark-secret-0123456789abcdef0123456789" \
    ARGON2_MEMORY_KIB=1024 ARGON2_ITERATIONS=1 LOG_LEVEL=warning \
    "$BIN" serve >"$WORK/server.out" 2>"$WORK/server.err" &
SERVER_PID=$!
for _ in $(seq 150); do curl -fs "$BASE/health" >/dev/null 2>&1 && break; sleep 0.1; done

TOKEN=$(curl -fs -X POST "$BASE/auth/signup" -H 'Content-Type: application/json' \
          -d '{"name":"Bench User","email":"bench@example.com","password":"bench-password-1"}' |
        python3 -c 'import json, sys; print(json.load(sys.stdin)["tokens"]["access_token"])')
cat >"$WORK/resume.txt" <<'TXT'
Jane Doe
Senior Software Engineer
jane@example.com | +49 30 1234567 | Berlin

EXPERIENCE
Senior Software Engineer, Northwind Analytics, Mar 2018 - Present
* Built Python and Go services on PostgreSQL and AWS handling 2M requests a day
* Ran Kubernetes clusters with Terraform; led a team of five engineers
Software Developer, Contoso, Jan 2014 - Feb 2018
* Java and JavaScript web applications for insurance customers

EDUCATION
BSc Computer Science, TU Berlin, 2010 - 2014

SKILLS
Python, Go, Java, JavaScript, PostgreSQL, AWS, Kubernetes, Terraform, Docker, Git
TXT
RESUME_ID=$(curl -fs -H "Authorization: Bearer $TOKEN" -F "file=@$WORK/resume.txt" "$BASE/documents/upload" |
            python3 -c 'import json, sys; print(json.load(sys.stdin)["document_id"])')
cat >"$WORK/match.lua" <<EOF
wrk.method = "POST"
wrk.headers["Authorization"] = "Bearer $TOKEN"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"resume_id": "$RESUME_ID", "top_k": 10}'
EOF
curl -fs -X POST "$BASE/jobs/match" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d "{\"resume_id\": \"$RESUME_ID\", \"top_k\": 10}" |
  python3 -c 'import json, sys; h = json.load(sys.stdin); print(len(h), "hits; best:", h[0]["title"], h[0]["fit_percentage"])'

secs=${DURATION%s}
echo "=== POST /v2/jobs/match, $POSTINGS postings (wrk: $THREADS threads, $CONNECTIONS connections, $DURATION; $(nproc) cores) ==="
timeout $((secs + 30)) wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s "$WORK/match.lua" "$BASE/jobs/match"
