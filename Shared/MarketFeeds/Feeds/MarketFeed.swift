/// A source of market data: the seeded simulator, a CSV replay or the Kite ticker. It
/// runs until shutdown (or the end of its data) and hands what it reads to the publisher.
public protocol MarketFeed: Sendable {
    /// A name for logs and metrics: `sim`, `replay`, `kite`.
    var name: String { get }
    func run(publisher: MarketPublisher) async throws
}
