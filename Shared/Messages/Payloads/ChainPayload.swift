import Foundation
import TradingCore

/// `md.chain` on `md.chain.<UNDERLYING>`: the nearest-expiry option chain around the money
/// with each quote's implied volatility and greeks (or why they could not be solved).
public struct ChainPayload: Codable, Sendable, Hashable {
    public var underlying: String
    /// `yyyy-MM-dd` (IST); the contracts expire at 15:30 IST that day.
    public var expiry: String
    /// Market time of the quotes.
    public var asOf: Date
    public var spotPaise: Int64
    public var atmStrikePaise: Int64?
    /// Years from `asOf` to expiry (calendar days / 365).
    public var timeToExpiryYears: Double
    /// The risk-free rate the IVs and greeks were computed with (0.065 = 6.5 %).
    public var riskFreeRate: Double
    /// Calls and puts by ascending strike, the call first.
    public var rows: [ChainRowPayload]

    public init(underlying: String, snapshot: OptionChainSnapshot) {
        self.underlying = underlying
        self.expiry = IST.dayString(snapshot.expiry)
        self.asOf = snapshot.asOf
        self.spotPaise = snapshot.spot.value
        self.atmStrikePaise = snapshot.atmStrike?.value
        self.timeToExpiryYears = snapshot.timeToExpiry
        self.riskFreeRate = snapshot.rate
        self.rows = snapshot.rows.map(ChainRowPayload.init)
    }
}
