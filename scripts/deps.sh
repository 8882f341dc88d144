#!/usr/bin/env bash
# Installs what a fresh Debian/Ubuntu machine lacks (the Swift toolchain is the only prerequisite).
set -euo pipefail
source "$(dirname "$0")/common.sh"
missing=()
command -v redis-server >/dev/null || missing+=(redis-server)
command -v redis-cli >/dev/null || missing+=(redis-tools)
command -v pkg-config >/dev/null || missing+=(pkg-config)
{ command -v pkg-config >/dev/null && pkg-config --exists hiredis; } || missing+=(libhiredis-dev)
{ command -v pkg-config >/dev/null && pkg-config --exists libpq; } || missing+=(libpq-dev)
command -v psql >/dev/null || missing+=(postgresql-client)
command -v curl >/dev/null || missing+=(curl)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
# The dashboard's browser test drives a real headless Chromium (Debian's `chromium`).
{ command -v chromium >/dev/null || command -v chromium-browser >/dev/null || [ -n "${AITRAPP_CHROMIUM:-}" ]; } || missing+=(chromium)
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
SUDO=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "missing ${missing[*]}; install them as root (apt-get install ${missing[*]})" >&2; exit 1; }
  SUDO=(sudo)
  say "installing ${missing[*]} with sudo (apt-get)"
else
  say "installing ${missing[*]} (apt-get)"
fi
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
