#!/usr/bin/env bash
# Starts the whole stack in PAPER on the simulated feed, in the background.
set -euo pipefail
source "$(dirname "$0")/common.sh"
BIN="${AITRAPP_BIN:-$ROOT/.build/release}"
"$(dirname "$0")/stop.sh" >/dev/null 2>&1 || true
"$BIN/migrate" up --dir "$ROOT/migrations"
# control-api needs bearer tokens: use AITRAPP_OPERATOR_TOKEN / AITRAPP_VIEWER_TOKEN when set,
# else the ones generated on the first run into $DATA/api-tokens.env (mode 600).
TOKENS="$DATA/api-tokens.env"
if [ -z "${AITRAPP_OPERATOR_TOKEN:-}" ] || [ -z "${AITRAPP_VIEWER_TOKEN:-}" ]; then
  if [ ! -f "$TOKENS" ]; then
    umask 077
    printf 'AITRAPP_OPERATOR_TOKEN=%s\nAITRAPP_VIEWER_TOKEN=%s\n' "$(head -c 24 /dev/urandom | base64 | tr -d '/+=')" \
      "$(head -c 24 /dev/urandom | base64 | tr -d '/+=')" >"$TOKENS"
  fi
  set -a; source "$TOKENS"; set +a
  TOKEN_NOTE="$TOKENS"
else
  TOKEN_NOTE="from your environment"
fi
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
  API:     http://$host:$port   (try: curl -H "Authorization: Bearer \$AITRAPP_OPERATOR_TOKEN" http://$host:$port/state)
  Tokens:  $TOKEN_NOTE   (operator: commands; viewer: reads)
  Logs:    $DATA/logs/<service>.log   (JSON, one line per event)
  Events:  redis-cli -u $AITRAPP_REDIS_URL psubscribe '*'
  Stop:    make stop
MSG
