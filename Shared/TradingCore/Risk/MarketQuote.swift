/// The latest best bid and ask of a symbol, when the feed gives them.
public struct MarketQuote: Sendable, Hashable, Codable {
    public var bid: Paise
    public var ask: Paise

    public init(bid: Paise, ask: Paise) {
        self.bid = bid
        self.ask = ask
    }

    /// (ask − bid) / mid in basis points; nil for a crossed or empty quote.
    public var spreadBps: Double? {
        guard bid > .zero, ask >= bid else { return nil }
        return Double((ask - bid).value) * 20_000 / Double((ask + bid).value)
    }

    /// Where a market order of `side` fills: the ask for a buy, the bid for a sell.
    public func touch(_ side: Side) -> Paise { side == .buy ? ask : bid }
}
