import Foundation

/// One last-traded-price update for an instrument.
public struct Tick: Hashable, Sendable, Codable {
    public var symbol: String
    public var timestamp: Date
    public var lastPrice: Paise
    /// Quantity traded with this tick (0 for an index).
    public var volume: Int64

    public init(symbol: String, timestamp: Date, lastPrice: Paise, volume: Int64) {
        self.symbol = symbol
        self.timestamp = timestamp
        self.lastPrice = lastPrice
        self.volume = volume
    }
}
