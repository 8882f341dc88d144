import Foundation

/// The benchmark's simple case on columns, without the services' pipeline: an EMA(fast) / EMA(slow)
/// cross (`ExponentialMovingAverage` and `EmaCrossStrategy.crossing`, the code the strategy runs),
/// long only, one unit, no charges, no slippage, no stop or target. A BUY cross on bar t's close
/// opens the position at bar t+1's open; a SELL cross closes it at bar t+1's open; a position
/// still open after the last bar is closed at the last close.
public enum EmaCrossFastPath {
    public struct Result: Hashable, Sendable {
        public var bars: Int
        public var trades: Int
        public var wins: Int
        /// Sum of (exit − entry) over the round trips, one unit, in paise.
        public var pnl: Paise
        /// Signals (crosses of either side) once both EMAs were warm.
        public var crosses: Int
    }

    public static func run(_ bars: BarColumns, fast: Int, slow: Int) -> Result {
        var emaFast = ExponentialMovingAverage(period: fast), emaSlow = ExponentialMovingAverage(period: slow)
        var prior: (fast: Double, slow: Double)?
        var pending: Side?
        var entry: Int64?
        var trades = 0, wins = 0, crosses = 0
        var pnl: Int64 = 0
        let count = bars.count
        bars.open.withUnsafeBufferPointer { open in
            bars.close.withUnsafeBufferPointer { close in
                for index in 0..<count {
                    // Fills first: the order from the previous bar's signal executes at this bar's open.
                    if let side = pending {
                        if side == .buy, entry == nil { entry = open[index] }
                        else if side == .sell, let price = entry {
                            let gain = open[index] - price
                            pnl += gain
                            trades += 1
                            if gain > 0 { wins += 1 }
                            entry = nil
                        }
                        pending = nil
                    }
                    let price = Double(close[index]) / 100
                    let updatedFast = emaFast.update(price), updatedSlow = emaSlow.update(price)
                    guard let f = updatedFast, let s = updatedSlow else { continue }
                    if let p = prior, let side = EmaCrossStrategy.crossing(priorFast: p.fast, priorSlow: p.slow, fast: f, slow: s) {
                        crosses += 1
                        if (side == .buy) == (entry == nil) { pending = side }
                    }
                    prior = (f, s)
                }
                if let price = entry, count > 0 {
                    let gain = close[count - 1] - price
                    pnl += gain
                    trades += 1
                    if gain > 0 { wins += 1 }
                }
            }
        }
        return Result(bars: count, trades: trades, wins: wins, pnl: Paise(pnl), crosses: crosses)
    }
}
