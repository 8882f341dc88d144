#!/usr/bin/env bash
# Tick-to-order latency across the real processes (release build), measured from the
# envelope timestamps by latency-bench. Uses its own database (aitrapp_bench) so the
# benchmark's trades do not mix with yours; stops any running stack first.
set -euo pipefail
source "$(dirname "$0")/common.sh"
BIN="$ROOT/.build/release"
SAMPLES="${SAMPLES:-200}"
export AITRAPP_POSTGRES_URL="${AITRAPP_POSTGRES_URL%/*}/aitrapp_bench"
admin="${AITRAPP_POSTGRES_URL%/*}/postgres"
psql "$admin" -qc "DROP DATABASE IF EXISTS aitrapp_bench WITH (FORCE)" >/dev/null
psql "$admin" -qc "CREATE DATABASE aitrapp_bench" >/dev/null
# A fast simulated session (20 bars a second, short EMAs so crosses are frequent) with
# room for every approved entry: the point is many tick→order chains, not a good strategy.
export AITRAPP_MARKETDATA_SIM_BAR_MS="${AITRAPP_MARKETDATA_SIM_BAR_MS:-50}"
export AITRAPP_MARKETDATA_TICKS_PER_BAR="${AITRAPP_MARKETDATA_TICKS_PER_BAR:-5}"
export AITRAPP_MARKETDATA_EMA_FAST=3 AITRAPP_MARKETDATA_EMA_SLOW=8
export PGOPTIONS='-c client_min_messages=warning'
export AITRAPP_RISK_GATE_MAX_OPEN_POSITIONS=100000
export AITRAPP_LOG_LEVEL=warning
say "Postgres fsync: $(psql "$AITRAPP_POSTGRES_URL" -Atc 'SHOW fsync')"
say "pure core on one core (release build)"
"$BIN/core-bench" --ticks 2000000 --symbols 200
say "backtest: EMA(20)/EMA(50) cross on 1,000,000 bars, and backtesting.py on the same file"
BIN="$BIN" "$ROOT/scripts/backtest-bench.sh"
say "marketdata's publishing path through Redis (release build, pipelined, 200 ticks per round trip)"
AITRAPP_LOG_LEVEL=warning "$BIN/publish-bench" --ticks 1000000 --symbols 200
AITRAPP_LOG_LEVEL=warning "$BIN/publish-bench" --ticks 1000000 --symbols 200 --subscriber
AITRAPP_LOG_LEVEL=warning "$BIN/publish-bench" --ticks 1000000 --symbols 200 --ticks-per-minute 12
AITRAPP_BIN="$BIN" "$ROOT/scripts/run.sh" >/dev/null
trap '"$ROOT/scripts/stop.sh" >/dev/null' EXIT
say "measuring tick-to-order latency over $SAMPLES chains (release build, $(nproc) cores)"
"$BIN/latency-bench" --samples "$SAMPLES" --timeout 300
"$ROOT/scripts/stop.sh" >/dev/null
trap - EXIT

# The kill switch and decision-to-order: the executor alone (nothing else opens positions)
# on its own database, entries filling against md:last:BENCH<k> within a pulse.
export AITRAPP_POSTGRES_URL="${AITRAPP_POSTGRES_URL%/*}/aitrapp_bench_flatten"
psql "$admin" -qc "DROP DATABASE IF EXISTS aitrapp_bench_flatten WITH (FORCE)" >/dev/null
psql "$admin" -qc "CREATE DATABASE aitrapp_bench_flatten" >/dev/null
"$BIN/migrate" up --dir "$ROOT/migrations" >/dev/null
mkdir -p "$DATA/logs"
AITRAPP_EXECUTOR_PAPER_STALE_QUOTE_MS=0 AITRAPP_EXECUTOR_ORDERS_PER_SECOND=100000 \
  "$BIN/executor" >>"$DATA/logs/executor-flatten-bench.log" 2>&1 &
executor_pid=$!
trap 'kill -TERM $executor_pid 2>/dev/null; wait $executor_pid 2>/dev/null' EXIT
sleep 2
say "flatten of 1, 10 and 200 open paper positions, and decision-to-order latency (release build)"
"$BIN/latency-bench" --flatten "${FLATTEN_SIZES:-1,10,200}"

# The operator's kill switch: POST /flatten on control-api with a dashboard /ws stream open.
API_PORT="${API_PORT:-18124}"
API_TOKEN="bench-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
AITRAPP_OPERATOR_TOKEN="$API_TOKEN" AITRAPP_CONTROL_API_PORT="$API_PORT" AITRAPP_LOG_LEVEL=warning \
  "$BIN/control-api" >>"$DATA/logs/control-api-flatten-bench.log" 2>&1 &
api_pid=$!
trap 'kill -TERM $executor_pid $api_pid 2>/dev/null; wait $executor_pid $api_pid 2>/dev/null' EXIT
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$API_PORT/health" >/dev/null && break; sleep 0.1; done
say "POST /flatten through control-api with 1, 10 and 200 open paper positions and a dashboard /ws stream connected"
AITRAPP_OPERATOR_TOKEN="$API_TOKEN" "$BIN/latency-bench" --flatten "${FLATTEN_SIZES:-1,10,200}" --api "http://127.0.0.1:$API_PORT"
