# Shared settings for the scripts: where data lives and which Redis/Postgres to use.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA="${AITRAPP_DATA_DIR:-$ROOT/.data}"
export AITRAPP_REDIS_URL="${AITRAPP_REDIS_URL:-redis://127.0.0.1:6379}"
export AITRAPP_POSTGRES_URL="${AITRAPP_POSTGRES_URL:-postgres://aitrapp@127.0.0.1:55432/aitrapp}"
export AITRAPP_CONFIG="${AITRAPP_CONFIG:-$ROOT/deploy/config/aitrapp.yaml}"
SERVICES=(marketdata strategy-ranker risk-gate executor scheduler-worker control-api)
mkdir -p "$DATA/logs" "$DATA/run"

say() { printf '==> %s\n' "$*"; }

# host and port of a redis:// or postgres:// URL
url_host() { local rest="${1#*://}"; rest="${rest#*@}"; rest="${rest%%/*}"; echo "${rest%%:*}"; }
url_port() { local rest="${1#*://}"; rest="${rest#*@}"; rest="${rest%%/*}"; [[ "$rest" == *:* ]] && echo "${rest##*:}" || echo "$2"; }
