/// Which price of a `ChainQuote` the implied volatility was solved from.
public enum ChainPriceSource: String, Hashable, Sendable, Codable {
    /// (bid + ask) / 2 of a two-sided quote.
    case mid
    /// The last trade, used when the quote is not two-sided.
    case last
}
