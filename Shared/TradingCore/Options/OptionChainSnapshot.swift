import Foundation

/// An option chain at one instant with every quote's implied volatility and greeks.
public struct OptionChainSnapshot: Hashable, Sendable, Codable {
    public var spot: Paise
    /// 15:30 IST on the expiry day.
    public var expiry: Date
    /// The instant the chain was valued at.
    public var asOf: Date
    /// The continuously compounded rate and dividend yield used.
    public var rate: Double
    public var dividendYield: Double
    /// Years from `asOf` to `expiry` (calendar days / 365), 0 once expired.
    public var timeToExpiry: Double
    /// The quoted strike nearest the spot (the lower on a tie); nil for an empty chain.
    public var atmStrike: Paise?
    /// Ascending by strike, the call before the put.
    public var rows: [ChainGreeksRow]

    public init(spot: Paise, expiry: Date, asOf: Date, rate: Double, dividendYield: Double, timeToExpiry: Double,
                atmStrike: Paise?, rows: [ChainGreeksRow]) {
        self.spot = spot
        self.expiry = expiry
        self.asOf = asOf
        self.rate = rate
        self.dividendYield = dividendYield
        self.timeToExpiry = timeToExpiry
        self.atmStrike = atmStrike
        self.rows = rows
    }

    /// The row of `kind` at `strike`, if quoted.
    public func row(strike: Paise, kind: OptionKind) -> ChainGreeksRow? {
        rows.first { $0.quote.strike == strike && $0.quote.kind == kind }
    }

    /// Total put open interest over total call open interest; nil when calls have none.
    public var putCallOpenInterestRatio: Double? {
        let calls = rows.filter { $0.quote.kind == .call }.reduce(Int64(0)) { $0 + $1.quote.openInterest }
        let puts = rows.filter { $0.quote.kind == .put }.reduce(Int64(0)) { $0 + $1.quote.openInterest }
        return calls > 0 ? Double(puts) / Double(calls) : nil
    }
}
