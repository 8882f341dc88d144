#!/usr/bin/env bash
# control-api read latency: GET /state and GET /positions at a fixed 500 requests/s with
# wrk2-style pacing from `wrk` (Debian's wrk; a Lua script spaces the requests), release build,
# against 200 open positions in a throwaway database on the local Postgres and Redis.
# Rerun: scripts/bench-api.sh   (RATE=500 DURATION=20 CONNECTIONS=8)
set -euo pipefail
source "$(dirname "$0")/common.sh"
BIN="${AITRAPP_BIN:-$ROOT/.build/release}"
RATE="${RATE:-500}" DURATION="${DURATION:-20}" CONNECTIONS="${CONNECTIONS:-8}"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
[ -x "$BIN/control-api" ] || { echo "no $BIN/control-api: swift build -c release --product control-api" >&2; exit 1; }
BIN="$BIN" "$ROOT/scripts/api-bench-db.sh" aitrapp_apibench
export AITRAPP_POSTGRES_URL="${AITRAPP_POSTGRES_URL:-postgres://aitrapp@127.0.0.1:55432/aitrapp}"
export AITRAPP_POSTGRES_URL="${AITRAPP_POSTGRES_URL%/*}/aitrapp_apibench"
export PGOPTIONS='-c client_min_messages=warning'
PORT="${PORT:-18123}"
TOKEN="bench-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export AITRAPP_OPERATOR_TOKEN="$TOKEN" AITRAPP_CONTROL_API_PORT="$PORT" AITRAPP_LOG_LEVEL=warning
# One wrk client at 500 req/s is one client: lift the per-client limit for the measurement.
export AITRAPP_CONTROL_API_RATE_LIMIT_PER_SECOND=0
"$BIN/control-api" > /tmp/aitrapp-apibench.log 2>&1 &
API=$!
trap 'kill $API 2>/dev/null; wait $API 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null && break; sleep 0.1; done
LUA="$(mktemp --suffix .lua)"
cat > "$LUA" <<LUAEOF
-- Paced requests: each connection waits between requests so the total is about RATE per second.
local interval_ms = 0.9 * 1000 * $CONNECTIONS / $RATE   -- 0.9: each request also takes its own latency
wrk.headers["Authorization"] = "Bearer $TOKEN"
function delay() return interval_ms end
done = function(summary, latency, requests)
  io.write(string.format("requests %d, errors %d (status %d), rate %.0f/s, p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms\n",
    summary.requests, summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
LUAEOF
say "control-api (release) on $(nproc) cores, $RATE requests/s over $CONNECTIONS connections for ${DURATION}s, 200 open positions"
for path in /state /positions; do
  curl -sf -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT$path" >/dev/null
  wrk -t2 -c"$CONNECTIONS" -d2s -s "$LUA" "http://127.0.0.1:$PORT$path" >/dev/null   # warm-up
  printf 'GET %-10s ' "$path"
  wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" -s "$LUA" "http://127.0.0.1:$PORT$path" | tail -1
done
rm -f "$LUA"
