import Foundation

/// An OHLCV bar. `start` is the beginning of the interval (inclusive).
public struct Bar: Hashable, Sendable, Codable {
    public var symbol: String
    public var start: Date
    public var open: Paise
    public var high: Paise
    public var low: Paise
    public var close: Paise
    public var volume: Int64

    public init(symbol: String, start: Date, open: Paise, high: Paise, low: Paise, close: Paise, volume: Int64) {
        self.symbol = symbol
        self.start = start
        self.open = open
        self.high = high
        self.low = low
        self.close = close
        self.volume = volume
    }
}
