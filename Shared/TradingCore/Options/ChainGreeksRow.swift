/// One quote of a chain with its implied volatility and greeks, or the reason it has none.
/// Exactly one of `greeks` (with `impliedVolatility`) and `failure` is set; no number is NaN or
/// infinite, so a row always encodes to JSON.
public struct ChainGreeksRow: Hashable, Sendable, Codable {
    public var quote: ChainQuote
    /// Where the solved price came from; nil when the quote had none.
    public var priceSource: ChainPriceSource?
    /// The price solved for, in rupees (a mid may fall between paise).
    public var price: Double?
    /// The annual implied volatility (0.12 is 12 %).
    public var impliedVolatility: Double?
    public var greeks: OptionGreeks?
    public var failure: ChainGreeksFailure?

    public init(quote: ChainQuote, priceSource: ChainPriceSource?, price: Double?, impliedVolatility: Double?,
                greeks: OptionGreeks?, failure: ChainGreeksFailure?) {
        self.quote = quote
        self.priceSource = priceSource
        self.price = price
        self.impliedVolatility = impliedVolatility
        self.greeks = greeks
        self.failure = failure
    }

    /// True when the row has an implied volatility and greeks.
    public var isSolved: Bool { greeks != nil }
}
