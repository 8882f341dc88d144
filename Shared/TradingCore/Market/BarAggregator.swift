import Foundation

/// Builds fixed-interval bars from the ticks of one symbol.
///
/// **Alignment.** Intervals are counted from 09:15 IST (the NSE open) of the tick's IST
/// day, so the first 1-minute bar of the session is 09:15:00–09:15:59.999 and a 5-second
/// bar never straddles the open. Pre-open ticks fall in intervals counted back from 09:15.
///
/// **Closing.** The open bar closes when a tick of a later interval arrives (that tick
/// opens the next bar), or when `flush(at:)` is called at or after the bar's end plus the
/// grace period, so a quiet instrument still gets its bar on time.
///
/// **Empty intervals** produce no bar: a bar is a record of trades, and a missing bar means
/// nothing traded (indicators never see synthetic flat bars).
///
/// **Late and out-of-order ticks.** A tick older than the open bar's interval (its bar is
/// already closed and published) is dropped and counted in `lateTicks`; it never changes a
/// published bar. A tick inside the open interval but older than the latest tick seen
/// (out of order) updates high, low and volume but not the close, which stays the price of
/// the latest tick by exchange time; it is counted in `outOfOrderTicks`.
public struct BarAggregator: Sendable {
    public let symbol: String
    public let timeframe: Timeframe
    /// How long after its end an open bar waits for stragglers before `flush` closes it.
    public let graceSeconds: Double
    public private(set) var current: Bar?
    public private(set) var lateTicks = 0
    public private(set) var outOfOrderTicks = 0
    private var latestTickAt: Date?
    /// The end of the last bar closed: ticks before it are late.
    private var closedThrough: Date?

    public init(symbol: String, timeframe: Timeframe = .oneMinute, graceSeconds: Double = 0) {
        self.symbol = symbol
        self.timeframe = timeframe
        self.graceSeconds = max(0, graceSeconds)
    }

    public init(symbol: String, intervalSeconds: Int) {
        guard let timeframe = Timeframe(seconds: intervalSeconds) else {
            preconditionFailure("interval \(intervalSeconds)s does not divide a day")
        }
        self.init(symbol: symbol, timeframe: timeframe)
    }

    public var intervalSeconds: Int { timeframe.seconds }

    /// The start of the interval holding `date`, counted from 09:15 IST of its IST day.
    public func intervalStart(of date: Date) -> Date {
        let anchor = IST.instant(onDayOf: date, hour: 9, minute: 15).timeIntervalSince1970
        let length = Double(timeframe.seconds)
        let offset = ((date.timeIntervalSince1970 - anchor) / length).rounded(.down) * length
        return Date(timeIntervalSince1970: anchor + offset)
    }

    /// Adds a tick; returns the bar that this tick closed, if any.
    public mutating func add(_ tick: Tick) -> Bar? {
        let start = intervalStart(of: tick.timestamp)
        if let closedThrough, start < closedThrough {
            lateTicks += 1
            return nil
        }
        guard var bar = current else {
            open(at: start, with: tick)
            return nil
        }
        if start < bar.start {
            lateTicks += 1
            return nil
        }
        if start > bar.start {
            closedThrough = bar.start.addingTimeInterval(Double(timeframe.seconds))
            open(at: start, with: tick)
            return bar
        }
        bar.high = max(bar.high, tick.lastPrice)
        bar.low = min(bar.low, tick.lastPrice)
        bar.volume += tick.volume
        if let latestTickAt, tick.timestamp < latestTickAt {
            outOfOrderTicks += 1
        } else {
            bar.close = tick.lastPrice
            latestTickAt = tick.timestamp
        }
        current = bar
        return nil
    }

    /// Closes and returns the open bar when `now` is at or past its end plus the grace period.
    public mutating func flush(at now: Date) -> Bar? {
        guard let bar = current else { return nil }
        let end = bar.start.addingTimeInterval(Double(timeframe.seconds))
        guard now >= end.addingTimeInterval(graceSeconds) else { return nil }
        current = nil
        latestTickAt = nil
        closedThrough = end
        return bar
    }

    private mutating func open(at start: Date, with tick: Tick) {
        current = Bar(symbol: symbol, start: start, open: tick.lastPrice, high: tick.lastPrice,
                      low: tick.lastPrice, close: tick.lastPrice, volume: tick.volume)
        latestTickAt = tick.timestamp
    }
}
