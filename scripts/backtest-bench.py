#!/usr/bin/env python3
"""The Python side of the backtest benchmark: backtesting.py (kernc/backtesting.py) on the same
bar file and the same rules as `aitrapp bench-backtest`: EMA(fast) / EMA(slow) cross (TA-Lib's
EMA: seeded with the simple mean of the first `period` closes, k = 2 / (period + 1)), long only,
one unit, fills at the next bar's open (backtesting.py's default, trade_on_close=False), no
commission, no stop. Times reading the CSV, building the frame and Backtest.run(), end to end.

usage: backtest-bench.py FILE [FAST=20] [SLOW=50]
"""
import sys
import time

import numpy as np
import pandas as pd
from backtesting import Backtest, Strategy


def ema(values, period):
    values = np.asarray(values, dtype=float)
    out = np.full(len(values), np.nan)
    if len(values) < period:
        return out
    k = 2.0 / (period + 1)
    value = values[:period].mean()
    out[period - 1] = value
    for i in range(period, len(values)):
        value = value + k * (values[i] - value)
        out[i] = value
    return out


class EmaCross(Strategy):
    fast = 20
    slow = 50

    def init(self):
        self.f = self.I(ema, self.data.Close, self.fast)
        self.s = self.I(ema, self.data.Close, self.slow)

    def next(self):
        f0, f1, s0, s1 = self.f[-2], self.f[-1], self.s[-2], self.s[-1]
        if np.isnan(f0) or np.isnan(s0):
            return
        if f0 <= s0 and f1 > s1:
            if not self.position:
                self.buy(size=1)
        elif f0 >= s0 and f1 < s1:
            if self.position:
                self.position.close()


def main():
    path = sys.argv[1]
    EmaCross.fast = int(sys.argv[2]) if len(sys.argv) > 2 else 20
    EmaCross.slow = int(sys.argv[3]) if len(sys.argv) > 3 else 50
    t0 = time.perf_counter()
    frame = pd.read_csv(path)
    frame.index = pd.to_datetime(frame.pop("timestamp").str.slice(0, 19))
    frame.columns = ["Open", "High", "Low", "Close", "Volume"]
    t1 = time.perf_counter()
    bt = Backtest(frame, EmaCross, cash=10_000_000, commission=0, trade_on_close=False, finalize_trades=True)
    stats = bt.run()
    t2 = time.perf_counter()
    trades = stats["_trades"]
    print(f"backtesting.py: {len(frame)} bars in {t2 - t0:.2f} s end to end (read {t1 - t0:.2f} s, run {t2 - t1:.2f} s) "
          f"= {len(frame) / (t2 - t0):,.0f} bars/s; {len(trades)} trades, P&L {trades['PnL'].sum():.2f} (one unit)")


if __name__ == "__main__":
    main()
