import Foundation

/// What the executor asks of a broker: the seeded paper exchange in PAPER, Kite Connect
/// in LIVE. Placing answers `.accepted` or `.rejected`; fills arrive later — from
/// `onQuote` (the paper exchange matches against ticks) or as `BrokerOrderUpdate`s (a
/// live broker's postbacks and the periodic `orderUpdates` poll). Transient failures
/// throw a `BrokerError` whose `isTransient` is true; the executor retries those.
public protocol OrderBroker: AnyObject, Sendable {
    /// `paper` or `kite`, for logs and metrics.
    var name: String { get }

    func place(_ request: OrderRequest, at now: Date) async throws(BrokerError) -> BrokerEvent
    /// Changes what is left, the LIMIT price or the SL-M trigger; nil when the order is unknown.
    func modify(_ clientOrderId: String, remaining: Int?, price: Paise?, trigger: Paise?, at now: Date) async throws(BrokerError) -> BrokerEvent?
    func cancel(_ clientOrderId: String, at now: Date) async throws(BrokerError) -> BrokerEvent?
    /// A quote for `symbol`: the paper exchange fills what the book allows; a live broker ignores it.
    func onQuote(_ symbol: String, _ quote: Quote, at now: Date) async -> [BrokerEvent]
    /// Every order the broker holds for this session, as reports (the poll backstop).
    func orderUpdates(at now: Date) async throws(BrokerError) -> [BrokerOrderUpdate]
    /// Symbols with a working market order (the paper exchange fills them on a stale quote).
    func workingMarketSymbols() async -> Set<String>
}
