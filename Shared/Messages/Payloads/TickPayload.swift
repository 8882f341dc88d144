import Foundation

/// `md.tick` on `md.tick.<SYMBOL>`.
public struct TickPayload: Codable, Sendable, Hashable {
    public var symbol: String
    /// Exchange time of the tick.
    public var exchangeTs: Date
    public var lastPricePaise: Int64
    public var volume: Int64
    /// Best bid and ask when the feed has them (the simulator and Kite quote/full modes).
    public var bidPaise: Int64?
    public var askPaise: Int64?

    public init(symbol: String, exchangeTs: Date, lastPricePaise: Int64, volume: Int64,
                bidPaise: Int64? = nil, askPaise: Int64? = nil) {
        self.symbol = symbol
        self.exchangeTs = exchangeTs
        self.lastPricePaise = lastPricePaise
        self.volume = volume
        self.bidPaise = bidPaise
        self.askPaise = askPaise
    }
}
