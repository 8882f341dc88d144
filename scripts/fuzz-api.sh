#!/usr/bin/env bash
# A schemathesis fuzz run of control-api against its own /openapi.json (release build, a
# throwaway database with 200 open positions, the operator's token): every generated request,
# valid or not, must get an answer that is not a 5xx. Needs `pip install schemathesis` (not
# part of `make test`: CI does not depend on PyPI). Rerun: scripts/fuzz-api.sh  (EXAMPLES=100)
set -euo pipefail
source "$(dirname "$0")/common.sh"
BIN="${AITRAPP_BIN:-$ROOT/.build/release}"
EXAMPLES="${EXAMPLES:-100}"
command -v st >/dev/null || { echo "schemathesis is missing: pip install schemathesis" >&2; exit 1; }
[ -x "$BIN/control-api" ] || { echo "no $BIN/control-api: swift build -c release --product control-api" >&2; exit 1; }
BIN="$BIN" "$ROOT/scripts/api-bench-db.sh" aitrapp_apifuzz
export AITRAPP_POSTGRES_URL="${AITRAPP_POSTGRES_URL:-postgres://aitrapp@127.0.0.1:55432/aitrapp}"
export AITRAPP_POSTGRES_URL="${AITRAPP_POSTGRES_URL%/*}/aitrapp_apifuzz"
export PGOPTIONS='-c client_min_messages=warning'
PORT="${PORT:-18124}"
TOKEN="bench-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export AITRAPP_OPERATOR_TOKEN="$TOKEN" AITRAPP_CONTROL_API_PORT="$PORT" AITRAPP_LOG_LEVEL=warning
# The fuzzer is one fast client: lift the per-client limit so it sees the handlers, not 429s.
export AITRAPP_CONTROL_API_RATE_LIMIT_PER_SECOND=0
# A private Redis, with every other service's heartbeat set: /ready answers 200 (its 503 is
# the readiness contract when a service is down, not a server error).
REDIS_PORT="${REDIS_PORT:-16399}"
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no > /tmp/aitrapp-apifuzz-redis.log 2>&1 &
REDIS=$!
export AITRAPP_REDIS_URL="redis://127.0.0.1:$REDIS_PORT"
for _ in $(seq 1 50); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done
for svc in marketdata strategy-ranker risk-gate executor scheduler-worker; do
  redis-cli -p "$REDIS_PORT" SET "heartbeat:$svc" "$(date -u +%FT%TZ)" EX 3600 >/dev/null
done
"$BIN/control-api" > /tmp/aitrapp-apifuzz.log 2>&1 &
API=$!
trap 'kill $API 2>/dev/null; wait $API 2>/dev/null || true; kill $REDIS 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null && break; sleep 0.1; done
say "schemathesis $(st --version | awk '{print $NF}') against http://127.0.0.1:$PORT/openapi.json, $EXAMPLES examples per operation"
st run "http://127.0.0.1:$PORT/openapi.json" --url "http://127.0.0.1:$PORT" -H "Authorization: Bearer $TOKEN" \
   --checks not_a_server_error --max-examples "$EXAMPLES" --workers 1 --seed 8 --no-color "$@"
kill -0 $API 2>/dev/null || { echo "control-api died during the run" >&2; exit 1; }
say "control-api still up after the run"
