import MarketFeeds
import TradingCore

/// Every event a `KiteTickerClient` reported, in order.
actor KiteEventLog {
    private(set) var all: [KiteTickerEvent] = []

    func append(_ event: KiteTickerEvent) { all.append(event) }

    /// The decoded binary frames (heartbeats excluded).
    var frames: [KiteTickerFrame] {
        all.compactMap { if case let .frame(frame, _) = $0 { frame } else { nil } }
    }
}
