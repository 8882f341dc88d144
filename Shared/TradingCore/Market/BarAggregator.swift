import Foundation

/// Builds fixed-interval bars from ticks of one symbol.
///
/// Intervals are aligned to the epoch in UTC, which for 1-minute bars is the same as
/// aligning to the 09:15 IST open. A tick that starts a new interval closes the open bar
/// and returns it. A tick older than the open bar's interval is late: it is ignored and
/// counted (the bar already published cannot change). Empty intervals produce no bar.
public struct BarAggregator: Sendable {
    public let symbol: String
    public let intervalSeconds: Int
    public private(set) var current: Bar?
    public private(set) var lateTicks = 0

    public init(symbol: String, intervalSeconds: Int = 60) {
        precondition(intervalSeconds > 0, "interval must be positive")
        self.symbol = symbol
        self.intervalSeconds = intervalSeconds
    }

    public func intervalStart(of date: Date) -> Date {
        let seconds = date.timeIntervalSince1970
        let aligned = (seconds / Double(intervalSeconds)).rounded(.down) * Double(intervalSeconds)
        return Date(timeIntervalSince1970: aligned)
    }

    /// Adds a tick; returns the bar that this tick closed, if any.
    public mutating func add(_ tick: Tick) -> Bar? {
        let start = intervalStart(of: tick.timestamp)
        guard var bar = current else {
            current = Bar(symbol: symbol, start: start, open: tick.lastPrice, high: tick.lastPrice,
                          low: tick.lastPrice, close: tick.lastPrice, volume: tick.volume)
            return nil
        }
        if start < bar.start {
            lateTicks += 1
            return nil
        }
        if start > bar.start {
            current = Bar(symbol: symbol, start: start, open: tick.lastPrice, high: tick.lastPrice,
                          low: tick.lastPrice, close: tick.lastPrice, volume: tick.volume)
            return bar
        }
        bar.high = max(bar.high, tick.lastPrice)
        bar.low = min(bar.low, tick.lastPrice)
        bar.close = tick.lastPrice
        bar.volume += tick.volume
        current = bar
        return nil
    }
}
