import Foundation

/// Liquidity and greeks checks on one chain row, shared by the option strategies.
public struct OptionQuoteFilter: Hashable, Sendable {
    public var maxSpreadFraction: Double
    public var minOpenInterest: Int64
    public var minVolume: Int64

    public init(maxSpreadFraction: Double, minOpenInterest: Int64, minVolume: Int64) {
        self.maxSpreadFraction = maxSpreadFraction
        self.minOpenInterest = minOpenInterest
        self.minVolume = minVolume
    }

    /// Mid price in paise of a two-sided quote.
    public static func mid(_ row: ChainGreeksRow) -> Paise? {
        guard let bid = row.quote.bid, let ask = row.quote.ask, bid > .zero, ask >= bid else { return nil }
        return Paise((bid.value + ask.value) / 2)
    }

    /// (ask − bid) / mid, or nil without a two-sided quote.
    public static func spreadFraction(_ row: ChainGreeksRow) -> Double? {
        guard let bid = row.quote.bid, let ask = row.quote.ask, bid > .zero, ask >= bid else { return nil }
        return Double(ask.value - bid.value) / (Double(bid.value + ask.value) / 2)
    }

    /// True when the row is solved, two-sided, tight enough and has the open interest and volume.
    public func accepts(_ row: ChainGreeksRow) -> Bool {
        guard row.greeks != nil, row.impliedVolatility != nil, let spread = Self.spreadFraction(row) else { return false }
        return spread <= maxSpreadFraction && row.quote.openInterest >= minOpenInterest && row.quote.volume >= minVolume
    }

    /// The leg for `row`, bought or sold.
    public static func leg(_ row: ChainGreeksRow, side: Side, expiry: Date) -> SignalLeg? {
        guard let mid = mid(row), let greeks = row.greeks, let iv = row.impliedVolatility else { return nil }
        return SignalLeg(kind: row.quote.kind, strike: row.quote.strike, expiry: expiry, side: side, premium: mid,
                         delta: greeks.delta, impliedVolatility: iv)
    }
}
