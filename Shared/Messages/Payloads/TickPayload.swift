import Foundation

/// `md.tick` on `md.tick.<SYMBOL>`.
public struct TickPayload: Codable, Sendable, Hashable {
    public var symbol: String
    /// Exchange time of the tick.
    public var exchangeTs: Date
    public var lastPricePaise: Int64
    public var volume: Int64

    public init(symbol: String, exchangeTs: Date, lastPricePaise: Int64, volume: Int64) {
        self.symbol = symbol
        self.exchangeTs = exchangeTs
        self.lastPricePaise = lastPricePaise
        self.volume = volume
    }
}
