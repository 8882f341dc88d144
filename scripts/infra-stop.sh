#!/usr/bin/env bash
# Stops the throwaway Redis and Postgres that infra.sh started (never a reused one).
set -uo pipefail
source "$(dirname "$0")/common.sh"
if [ -f "$DATA/run/redis.pid" ]; then
  pid=$(cat "$DATA/run/redis.pid")
  grep -q redis-server "/proc/$pid/cmdline" 2>/dev/null && kill -TERM "$pid" && say "stopping the local Redis"
  rm -f "$DATA/run/redis.pid"
fi
if [ -f "$DATA/run/pgdata" ]; then
  pgdata=$(cat "$DATA/run/pgdata"); bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  as_pg=(); [ "$(id -u)" -eq 0 ] && as_pg=(runuser -u postgres --)
  "${as_pg[@]}" "$bin/pg_ctl" -D "$pgdata" -m fast stop >/dev/null 2>&1 && say "stopping the local Postgres ($pgdata)"
  [[ "$pgdata" == /var/tmp/aitrapp-pg-* ]] && rm -rf "$pgdata"
  rm -f "$DATA/run/pgdata"
fi
