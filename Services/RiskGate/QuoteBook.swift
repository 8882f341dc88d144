import Foundation
import TradingCore

/// The latest best bid / ask per symbol from `md.tick.*`, with when it arrived (service clock).
final class QuoteBook: @unchecked Sendable {
    private let lock = NSLock()
    private var quotes: [String: (quote: MarketQuote, at: Date)] = [:]

    func update(_ symbol: String, bid: Paise, ask: Paise, at: Date) {
        lock.withLock { quotes[symbol] = (MarketQuote(bid: bid, ask: ask), at) }
    }

    /// The quote if it is at most `maxAge` seconds old at `now`.
    func quote(_ symbol: String, now: Date, maxAge: Double) -> MarketQuote? {
        lock.withLock {
            guard let entry = quotes[symbol], now.timeIntervalSince(entry.at) <= maxAge else { return nil }
            return entry.quote
        }
    }
}
