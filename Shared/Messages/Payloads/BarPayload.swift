import Foundation

/// `md.bar` on `md.bar.<tf>.<SYMBOL>`: a closed bar with its indicator snapshot.
public struct BarPayload: Codable, Sendable, Hashable {
    public var symbol: String
    public var timeframe: String
    public var start: Date
    public var openPaise: Int64
    public var highPaise: Int64
    public var lowPaise: Int64
    public var closePaise: Int64
    public var volume: Int64
    /// `ema_<n>`, `atr_<n>`; a name is missing during warm-up.
    public var indicators: [String: Double]

    public init(symbol: String, timeframe: String, start: Date, openPaise: Int64, highPaise: Int64, lowPaise: Int64,
                closePaise: Int64, volume: Int64, indicators: [String: Double]) {
        self.symbol = symbol
        self.timeframe = timeframe
        self.start = start
        self.openPaise = openPaise
        self.highPaise = highPaise
        self.lowPaise = lowPaise
        self.closePaise = closePaise
        self.volume = volume
        self.indicators = indicators
    }
}
