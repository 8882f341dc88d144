#!/usr/bin/env bash
# Starts the whole stack in PAPER on the simulated feed, in the background.
set -euo pipefail
source "$(dirname "$0")/common.sh"
BIN="${AITRAPP_BIN:-$ROOT/.build/release}"
"$(dirname "$0")/stop.sh" >/dev/null 2>&1 || true
"$BIN/migrate" up --dir "$ROOT/migrations"
for svc in "${SERVICES[@]}"; do
  nohup "$BIN/$svc" >>"$DATA/logs/$svc.log" 2>&1 &
  echo $! >"$DATA/run/$svc.pid"
done
yaml_value() { sed -n "/^control_api:/,/^[^ ]/p" "$AITRAPP_CONFIG" | awk -v k="$1:" '$1==k{print $2}' | head -n 1; }
host=${AITRAPP_CONTROL_API_HOST:-$(yaml_value host)}; host=${host:-127.0.0.1}
port=${AITRAPP_CONTROL_API_PORT:-$(yaml_value port)}; port=${port:-8000}
for _ in $(seq 100); do curl -fsS "http://$host:$port/health" >/dev/null 2>&1 && break; sleep 0.1; done
curl -fsS "http://$host:$port/health" >/dev/null || { echo "control-api did not come up; see $DATA/logs/control-api.log" >&2; exit 1; }
sleep 1
for svc in "${SERVICES[@]}"; do
  kill -0 "$(cat "$DATA/run/$svc.pid")" 2>/dev/null || { echo "$svc exited at start; see $DATA/logs/$svc.log" >&2; exit 1; }
done
cat <<MSG
AITRAPP is running in PAPER mode on the simulated feed.
  API:     http://$host:$port   (try: curl http://$host:$port/state)
  Logs:    $DATA/logs/<service>.log   (JSON, one line per event)
  Events:  redis-cli -u $AITRAPP_REDIS_URL psubscribe '*'
  Stop:    make stop
MSG
