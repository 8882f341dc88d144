import Foundation

/// One simulated option quote of a `MarketSimulator` chain, with the volatility it was priced at.
public struct SimulatedOptionQuote: Hashable, Sendable, Codable {
    public var underlying: String
    /// 15:30 IST on the expiry day.
    public var expiry: Date
    public var strike: Paise
    public var kind: OptionKind
    /// The underlying price the quote was made from.
    public var spot: Paise
    /// Best bid, at least one option tick.
    public var bid: Paise
    /// Best ask, at least one tick above `bid`.
    public var ask: Paise
    /// The last trade, within `bid…ask`.
    public var last: Paise
    /// Contracts traded today, a whole number of lots.
    public var volume: Int64
    /// Contracts open, a whole number of lots.
    public var openInterest: Int64
    public var lotSize: Int64
    /// The smile's volatility at this strike: the "true" implied volatility the quote was priced at.
    public var smileVolatility: Double
    /// The Black-Scholes value at `smileVolatility`, in rupees, before rounding to the tick grid.
    public var theoreticalPrice: Double

    public init(underlying: String, expiry: Date, strike: Paise, kind: OptionKind, spot: Paise, bid: Paise, ask: Paise,
                last: Paise, volume: Int64, openInterest: Int64, lotSize: Int64, smileVolatility: Double,
                theoreticalPrice: Double) {
        self.underlying = underlying
        self.expiry = expiry
        self.strike = strike
        self.kind = kind
        self.spot = spot
        self.bid = bid
        self.ask = ask
        self.last = last
        self.volume = volume
        self.openInterest = openInterest
        self.lotSize = lotSize
        self.smileVolatility = smileVolatility
        self.theoreticalPrice = theoreticalPrice
    }

    /// (bid + ask) / 2 in rupees.
    public var midRupees: Double { Double(bid.value + ask.value) / 200 }

    /// The quote as the chain analytics take it.
    public var chainQuote: ChainQuote {
        ChainQuote(strike: strike, kind: kind, bid: bid, ask: ask, last: last, volume: volume, openInterest: openInterest)
    }
}
