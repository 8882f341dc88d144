#!/usr/bin/env bash
# The backtest benchmark (issue 7): EMA(20)/EMA(50) cross, long only, one unit, next-bar-open
# fills, no charges, on one million 1-minute bars generated from the real NIFTY file by a seeded
# walk (scripts/make-bench-bars.py; written under .build/, never committed). Times
# `aitrapp bench-backtest` (release) end to end, the full engine on ENGINE_BARS bars, and
# backtesting.py on the same file in a venv under .build-py/ (skipped when PyPI cannot be reached).
#
#   scripts/backtest-bench.sh            # after `swift build -c release --product aitrapp`
#   BARS=200000 ENGINE_BARS=0 scripts/backtest-bench.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BARS="${BARS:-1000000}"
ENGINE_BARS="${ENGINE_BARS:-200000}"
BIN="${BIN:-$ROOT/.build/release}"
SOURCE="$ROOT/../shared/data/nifty50_1min_real.csv"
FILE="$ROOT/.build/bench/nifty_${BARS}_bars.csv"
mkdir -p "$ROOT/.build/bench"
[[ -x "$BIN/aitrapp" ]] || (cd "$ROOT" && swift build -c release --product aitrapp)
if [[ ! -s "$FILE" ]]; then
  echo "==> generating $BARS bars from $SOURCE (seed 7)"
  python3 "$ROOT/scripts/make-bench-bars.py" "$SOURCE" "$FILE" "$BARS" 7
fi
echo "==> aitrapp bench-backtest (release), best of 5"
"$BIN/aitrapp" bench-backtest --data "$FILE" --fast 20 --slow 50 --repeats 5 --engine-bars "$ENGINE_BARS"

echo "==> aitrapp backtest (release) on the same file: the product end to end (read, check, run, write the run folder)"
TIMEFORMAT='    %R s wall'
time ("$BIN/aitrapp" backtest --data "$FILE" --strategy ema_cross --out "$ROOT/.build/bench/run" 2>/dev/null | grep -E '^(Bars|Trades) ')

VENV="$ROOT/.build-py/venv"
if [[ ! -x "$VENV/bin/python" ]] || ! "$VENV/bin/python" -c 'import backtesting' 2>/dev/null; then
  python3 -m venv "$VENV" && "$VENV/bin/pip" install -q backtesting \
    || { echo "==> backtesting.py not installable (no PyPI?): Python comparison skipped"; exit 0; }
fi
echo "==> backtesting.py $("$VENV/bin/python" -c 'import backtesting; print(backtesting.__version__)') on the same file"
"$VENV/bin/python" "$ROOT/scripts/backtest-bench.py" "$FILE" 20 50
