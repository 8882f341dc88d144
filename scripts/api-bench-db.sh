#!/usr/bin/env bash
# A throwaway database for the control-api benchmarks (bench-api.sh, fuzz-api.sh): NAME is
# dropped, created and migrated on the local Postgres, then given 200 signals, approved
# decisions and open PAPER positions. Prints nothing; the caller points AITRAPP_POSTGRES_URL at it.
# Usage: scripts/api-bench-db.sh NAME   (BIN: the release build folder)
set -euo pipefail
source "$(dirname "$0")/common.sh"
NAME="$1"
BIN="${BIN:-${AITRAPP_BIN:-$ROOT/.build/release}}"
MIGRATE="$BIN/migrate"; [ -x "$MIGRATE" ] || MIGRATE="$ROOT/.build/debug/migrate"
export AITRAPP_POSTGRES_URL="${AITRAPP_POSTGRES_URL:-postgres://aitrapp@127.0.0.1:55432/aitrapp}"
export AITRAPP_POSTGRES_URL="${AITRAPP_POSTGRES_URL%/*}/$NAME"
admin="${AITRAPP_POSTGRES_URL%/*}/postgres"
export PGOPTIONS='-c client_min_messages=warning'
psql "$admin" -qc "DROP DATABASE IF EXISTS $NAME WITH (FORCE)" >/dev/null
psql "$admin" -qc "CREATE DATABASE $NAME" >/dev/null
"$MIGRATE" up --dir "$ROOT/migrations" >/dev/null
psql "$AITRAPP_POSTGRES_URL" -q <<'SQL'
INSERT INTO signals (id, trace, strategy, symbol, side, entry_price, stop_price, target_price, confidence, rationale, config_sha, bar_start)
SELECT md5('s' || g)::uuid, lpad(to_hex(g), 16, '0'), 'ema_cross', 'SYM' || g, 'BUY', 100, 99, 102, 0.8, 'bench', 'bench',
       now() - g * interval '1 minute' FROM generate_series(1, 200) g;
INSERT INTO decisions (id, signal_id, client_plan_id, trace, status, mode, symbol, side, lots, lot_size, quantity, risk_amount, verdicts, config_sha)
SELECT md5('d' || g)::uuid, md5('s' || g)::uuid, 'plan-' || g, lpad(to_hex(g), 16, '0'), 'APPROVED', 'PAPER', 'SYM' || g, 'BUY', 1, 75, 75,
       75, '[]'::jsonb, 'bench' FROM generate_series(1, 200) g;
INSERT INTO positions (id, decision_id, oco_group, trace, mode, symbol, side, quantity, open_quantity, entry_price, stop_price, target_price, status, opened_at)
SELECT md5('p' || g)::uuid, md5('d' || g)::uuid, md5('g' || g)::uuid, lpad(to_hex(g), 16, '0'), 'PAPER', 'SYM' || g, 'BUY', 75, 75,
       100, 99, 102, 'OPEN', now() - g * interval '1 minute' FROM generate_series(1, 200) g;
SQL
