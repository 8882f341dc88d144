import Foundation
import TradingCore

/// One underlying's chain as a feed sees it: spot, expiry and the latest option quotes.
public struct ChainInput: Sendable {
    public var underlying: String
    public var spot: Paise
    /// The expiry instant (15:30 IST of the expiry day).
    public var expiry: Date
    public var asOf: Date
    public var quotes: [ChainQuote]

    public init(underlying: String, spot: Paise, expiry: Date, asOf: Date, quotes: [ChainQuote]) {
        self.underlying = underlying
        self.spot = spot
        self.expiry = expiry
        self.asOf = asOf
        self.quotes = quotes
    }
}
