import TradingCore

/// One option of a `md.chain` message. `iv` and the greeks are present together; when the
/// implied volatility could not be solved they are absent and `failure` says why.
public struct ChainRowPayload: Codable, Sendable, Hashable {
    public var strikePaise: Int64
    /// `CE` or `PE`.
    public var kind: String
    public var bidPaise: Int64?
    public var askPaise: Int64?
    public var lastPaise: Int64?
    /// Contracts traded (units of the underlying, as Kite reports volume).
    public var volume: Int64
    public var openInterest: Int64
    /// `mid` or `last`: which price the IV was solved from.
    public var priceSource: String?
    /// Annualised implied volatility (0.15 = 15 %).
    public var iv: Double?
    /// Per ₹1 of the underlying.
    public var delta: Double?
    public var gamma: Double?
    /// ₹ per calendar day.
    public var theta: Double?
    /// ₹ per vol point.
    public var vega: Double?
    public var failure: String?

    public init(_ row: ChainGreeksRow) {
        strikePaise = row.quote.strike.value
        kind = row.quote.kind == .call ? "CE" : "PE"
        bidPaise = row.quote.bid?.value
        askPaise = row.quote.ask?.value
        lastPaise = row.quote.last?.value
        volume = row.quote.volume
        openInterest = row.quote.openInterest
        priceSource = row.priceSource?.rawValue
        iv = row.impliedVolatility
        delta = row.greeks?.delta
        gamma = row.greeks?.gamma
        theta = row.greeks?.theta
        vega = row.greeks?.vega
        failure = row.failure.map { "\($0.reason.rawValue): \($0.detail)" }
    }
}
