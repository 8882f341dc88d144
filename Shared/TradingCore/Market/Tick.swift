import Foundation

/// One last-traded-price update for an instrument, with the top of the book when the feed has it.
public struct Tick: Hashable, Sendable, Codable {
    public var symbol: String
    public var timestamp: Date
    public var lastPrice: Paise
    /// Quantity traded with this tick (0 for an index).
    public var volume: Int64
    /// Best bid, when known (nil for an LTP-only feed; absent from the JSON then).
    public var bid: Paise?
    /// Best ask, when known (nil for an LTP-only feed; absent from the JSON then).
    public var ask: Paise?

    public init(symbol: String, timestamp: Date, lastPrice: Paise, volume: Int64, bid: Paise? = nil, ask: Paise? = nil) {
        self.symbol = symbol
        self.timestamp = timestamp
        self.lastPrice = lastPrice
        self.volume = volume
        self.bid = bid
        self.ask = ask
    }
}
