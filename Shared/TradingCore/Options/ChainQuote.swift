/// One option of a chain as the market quotes it: any of bid, ask and last may be missing.
public struct ChainQuote: Hashable, Sendable, Codable {
    public var strike: Paise
    public var kind: OptionKind
    public var bid: Paise?
    public var ask: Paise?
    public var last: Paise?
    /// Contracts traded today.
    public var volume: Int64
    /// Contracts open.
    public var openInterest: Int64

    public init(strike: Paise, kind: OptionKind, bid: Paise?, ask: Paise?, last: Paise?, volume: Int64 = 0,
                openInterest: Int64 = 0) {
        self.strike = strike
        self.kind = kind
        self.bid = bid
        self.ask = ask
        self.last = last
        self.volume = volume
        self.openInterest = openInterest
    }

    /// The price to solve for, in rupees: the mid of a two-sided quote (bid > 0 and ask ≥ bid),
    /// else the last trade when positive, else nil.
    public var referencePrice: (price: Double, source: ChainPriceSource)? {
        if let bid, let ask, bid > .zero, ask >= bid {
            return (Double(bid.value + ask.value) / 200, .mid)
        }
        if let last, last > .zero {
            return (last.rupees, .last)
        }
        return nil
    }
}
