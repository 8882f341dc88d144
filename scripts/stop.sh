#!/usr/bin/env bash
# Stops the services started by run.sh (SIGTERM, graceful), leaving Redis and Postgres up.
set -uo pipefail
source "$(dirname "$0")/common.sh"
for svc in "${SERVICES[@]}"; do
  pidfile="$DATA/run/$svc.pid"
  [ -f "$pidfile" ] || continue
  pid=$(cat "$pidfile")
  kill -TERM "$pid" 2>/dev/null && say "stopping $svc ($pid)"
  for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
  rm -f "$pidfile"
done
