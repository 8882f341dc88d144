#!/usr/bin/env bash
# Reuses the Redis and Postgres named by AITRAPP_REDIS_URL / AITRAPP_POSTGRES_URL when they
# answer; otherwise starts throwaway local ones (data under .data/, or /var/tmp when root,
# since Postgres refuses to run as root).
set -euo pipefail
source "$(dirname "$0")/common.sh"

redis_host=$(url_host "$AITRAPP_REDIS_URL"); redis_port=$(url_port "$AITRAPP_REDIS_URL" 6379)
if redis-cli -h "$redis_host" -p "$redis_port" ping 2>/dev/null | grep -q PONG; then
  say "reusing Redis at $redis_host:$redis_port"
else
  say "starting a local Redis on 127.0.0.1:$redis_port"
  mkdir -p "$DATA/redis"
  redis-server --port "$redis_port" --bind 127.0.0.1 --daemonize yes --dir "$DATA/redis" --save "" \
    --appendonly no --logfile "$DATA/logs/redis.log" --pidfile "$DATA/run/redis.pid"
  for _ in $(seq 50); do redis-cli -p "$redis_port" ping 2>/dev/null | grep -q PONG && break; sleep 0.1; done
  redis-cli -p "$redis_port" ping | grep -q PONG || { echo "Redis did not start; see $DATA/logs/redis.log" >&2; exit 1; }
fi

pg_port=$(url_port "$AITRAPP_POSTGRES_URL" 5432)
pg_admin_url="${AITRAPP_POSTGRES_URL%/*}/postgres"
if psql "$AITRAPP_POSTGRES_URL" -Atqc 'select 1' >/dev/null 2>&1; then
  say "reusing Postgres at $(url_host "$AITRAPP_POSTGRES_URL"):$pg_port"
  if [ "${AITRAPP_PG_FAST:-0}" != 1 ] && [ "$(psql "$AITRAPP_POSTGRES_URL" -Atc 'SHOW fsync')" = off ]; then
    echo "warning: this Postgres runs with fsync=off (started by 'make test'); 'make clean' and 'make run' give a durable one" >&2
  fi
  exit 0
fi
if ! psql "$pg_admin_url" -Atqc 'select 1' >/dev/null 2>&1; then
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  if [ "$(id -u)" -eq 0 ]; then
    pgdata="/var/tmp/aitrapp-pg-$pg_port"; as_pg=(runuser -u postgres --)
  else
    pgdata="$DATA/pg"; as_pg=()
  fi
  if [ ! -s "$pgdata/PG_VERSION" ]; then
    say "creating a throwaway Postgres cluster in $pgdata"
    mkdir -p "$pgdata"; [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$pgdata"
    "${as_pg[@]}" "$bin/initdb" -D "$pgdata" -U aitrapp --auth=trust -E UTF8 >/dev/null
  fi
  # fsync stays on: Postgres is the record. Only the test suite may trade it for speed.
  fast=""; [ "${AITRAPP_PG_FAST:-0}" = 1 ] && fast="-c fsync=off -c synchronous_commit=off"
  say "starting a local Postgres on 127.0.0.1:$pg_port"
  echo "$pgdata" >"$DATA/run/pgdata"
  "${as_pg[@]}" "$bin/pg_ctl" -D "$pgdata" -l "$pgdata/server.log" -w -t 60 \
    -o "-p $pg_port -c listen_addresses=127.0.0.1 -k /tmp $fast" start >/dev/null
fi
db=$(basename "${AITRAPP_POSTGRES_URL%%\?*}")
if ! psql "$pg_admin_url" -Atqc "select 1 from pg_database where datname='$db'" | grep -q 1; then
  psql "$pg_admin_url" -qc "CREATE DATABASE \"$db\"" >/dev/null
fi
psql "$AITRAPP_POSTGRES_URL" -Atqc 'select 1' >/dev/null
