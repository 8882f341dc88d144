import Foundation
import TradingCore

/// The seeded paper exchange (`PaperBroker`, a value in the core) behind the `OrderBroker`
/// interface. It lives in the process: nothing leaves it, and its fills come from the
/// quotes the executor hands it. The flatten fast path works on a copy (`state`) and puts
/// it back after Postgres has committed.
public final class PaperOrderBroker: OrderBroker, @unchecked Sendable {
    private let lock = NSLock()
    private var broker: PaperBroker

    public init(config: PaperBrokerConfig) {
        self.broker = PaperBroker(config: config)
    }

    public var name: String { "paper" }

    /// The exchange as a value (copy), and putting a changed copy back.
    public var state: PaperBroker {
        get { lock.withLock { broker } }
        set { lock.withLock { broker = newValue } }
    }

    public func place(_ request: OrderRequest, at now: Date) async throws(BrokerError) -> BrokerEvent {
        lock.withLock { broker.place(request, at: now) }
    }

    public func modify(_ clientOrderId: String, remaining: Int?, price: Paise?, trigger: Paise?,
                       at now: Date) async throws(BrokerError) -> BrokerEvent? {
        lock.withLock { broker.modify(clientOrderId, remaining: remaining, price: price, trigger: trigger, at: now) }
    }

    public func cancel(_ clientOrderId: String, at now: Date) async throws(BrokerError) -> BrokerEvent? {
        lock.withLock { broker.cancel(clientOrderId, at: now) }
    }

    public func onQuote(_ symbol: String, _ quote: Quote, at now: Date) async -> [BrokerEvent] {
        lock.withLock { broker.onQuote(symbol, quote, at: now) }
    }

    /// The working orders as reports (quantity, what has filled); a fill the executor has
    /// already booked from `onQuote` is known to its tracker, so this changes nothing
    /// unless an order went missing — the poll backstop exercising the same path as live.
    public func orderUpdates(at now: Date) async throws(BrokerError) -> [BrokerOrderUpdate] {
        lock.withLock {
            broker.orders.values.sorted { $0.request.clientOrderId < $1.request.clientOrderId }.map { order in
                BrokerOrderUpdate(brokerOrderId: order.request.clientOrderId, clientOrderId: order.request.clientOrderId, tag: nil,
                                  state: .working, quantity: order.request.quantity,
                                  filledQuantity: order.request.quantity - order.remaining, averagePrice: nil, message: nil, at: now)
            }
        }
    }

    public func workingMarketSymbols() async -> Set<String> {
        lock.withLock { Set(broker.orders.values.filter { $0.request.type == .market }.map(\.request.symbol)) }
    }

    /// Whether the exchange holds `clientOrderId` as a working order.
    public func isWorking(_ clientOrderId: String) -> Bool {
        lock.withLock { broker.orders[clientOrderId] != nil }
    }
}
