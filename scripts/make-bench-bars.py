#!/usr/bin/env python3
"""Writes N one-minute NIFTY bars for the backtest benchmark, built from the real file by a
seeded walk: each generated session is one of the real sessions (chosen by random.Random(seed)),
its bars' shapes (open/high/low/close relative to the session's first open) scaled so it opens
at the previous generated close, and mirrored in log space (p -> open^2 / p, high and low
swapped) on a coin flip — forced downwards above 30,000 and upwards below 20,000, so the level
stays NIFTY-like; consecutive weekdays from 2010-01-04, 09:15 IST. Prices on the
0.05 tick. Same arguments, same bytes.

usage: make-bench-bars.py SOURCE.csv OUT.csv [BARS=1000000] [SEED=7]
"""
import random
import sys
from datetime import date, timedelta


def main():
    source, out = sys.argv[1], sys.argv[2]
    total = int(sys.argv[3]) if len(sys.argv) > 3 else 1_000_000
    seed = int(sys.argv[4]) if len(sys.argv) > 4 else 7
    sessions = {}
    with open(source) as f:
        next(f)
        for line in f:
            ts, o, h, l, c, v = line.strip().split(",")
            sessions.setdefault(ts[:10], []).append((ts[11:16], float(o), float(h), float(l), float(c), v))
    days = [sessions[d] for d in sorted(sessions)]
    rng = random.Random(seed)
    tick = lambda x: round(round(x / 0.05) * 0.05, 2)
    level = days[0][0][1]
    day = date(2010, 1, 4)
    written = 0
    with open(out, "w") as f:
        f.write("timestamp,open,high,low,close,volume\n")
        while written < total:
            while day.weekday() >= 5:
                day += timedelta(days=1)
            bars = days[rng.randrange(len(days))]
            base = bars[0][1]
            mirror = rng.random() < 0.5
            rising = bars[-1][4] > base
            if level > 30_000:
                mirror = rising
            elif level < 20_000:
                mirror = not rising
            if mirror:
                bars = [(t, base * base / o, base * base / l, base * base / h, base * base / c, v) for t, o, h, l, c, v in bars]
            scale = level / base
            for hhmm, o, h, l, c, v in bars:
                if written == total:
                    break
                o, c = tick(o * scale), tick(c * scale)
                h = max(tick(h * scale), o, c)
                l = min(tick(l * scale), o, c)
                f.write(f"{day.isoformat()}T{hhmm}:00+05:30,{o:.2f},{h:.2f},{l:.2f},{c:.2f},{v}\n")
                written += 1
                level = c
            day += timedelta(days=1)


if __name__ == "__main__":
    main()
