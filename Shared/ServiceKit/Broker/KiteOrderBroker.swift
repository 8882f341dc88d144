import Foundation
import Logging
import TradingCore

/// Kite Connect as the executor's broker (LIVE only). Each order carries Kite's `tag`
/// derived from its client order id (`KiteOrderTag`), so Kite's order book, its postbacks
/// and a restarted executor can all be matched back to the rows in Postgres. A placement
/// retried after an unanswered attempt first looks for the tag in the order book, so a
/// request that reached Kite before the connection dropped is adopted, not sent twice.
public final class KiteOrderBroker: OrderBroker, @unchecked Sendable {
    private struct Entry {
        var orderId: String
        var type: OrderType
        var quantity: Int
        var filled: Int
    }

    public let client: KiteRESTClient
    public let config: KiteOrderBrokerConfig
    private let logger: Logger
    private let lock = NSLock()
    private var entries: [String: Entry] = [:]
    private var clientIdByTag: [String: String] = [:]
    private var clientIdByOrderId: [String: String] = [:]
    /// Placements sent without a clear answer (transport failure, 5xx).
    private var unanswered: Set<String> = []

    public init(client: KiteRESTClient, config: KiteOrderBrokerConfig, logger: Logger) {
        self.client = client
        self.config = config
        self.logger = logger
    }

    public var name: String { "kite" }

    /// Makes the tags of orders placed by an earlier process known (restart).
    public func register(clientOrderIds: [String]) {
        lock.withLock {
            for id in clientOrderIds { clientIdByTag[KiteOrderTag.tag(forClientOrderId: id)] = id }
        }
    }

    /// Kite's order id for one of ours, once placed.
    public func kiteOrderId(for clientOrderId: String) -> String? {
        lock.withLock { entries[clientOrderId]?.orderId }
    }

    public func place(_ request: OrderRequest, at now: Date) async throws(BrokerError) -> BrokerEvent {
        let tag = KiteOrderTag.tag(forClientOrderId: request.clientOrderId)
        let retrying = lock.withLock { () -> Bool in
            clientIdByTag[tag] = request.clientOrderId
            return unanswered.contains(request.clientOrderId)
        }
        if retrying, let existing = try await findInOrderBook(tag: tag) {
            remember(request, orderId: existing.orderId, filled: 0)
            logger.notice("kite order found by tag on retry, not sent again",
                          metadata: ["order.client_id": "\(request.clientOrderId)", "kite.order_id": "\(existing.orderId)"])
            return .accepted(clientOrderId: request.clientOrderId, at: now)
        }
        let fields = KiteOrderForm.place(request, exchange: config.exchange, product: config.product,
                                         marketProtection: config.marketProtection)
        do {
            let placement = try await client.placeOrder(variety: config.variety, fields: fields)
            remember(request, orderId: placement.orderId, filled: 0)
            lock.withLock { _ = unanswered.remove(request.clientOrderId) }
            let failedSlices = placement.children.filter { $0.orderId == nil }
            if !failedSlices.isEmpty {
                logger.error("kite autoslice child rejected", metadata: ["order.client_id": "\(request.clientOrderId)",
                                                                         "kite.children": "\(placement.children.count)",
                                                                         "kite.failed": "\(failedSlices.count)"])
            }
            return .accepted(clientOrderId: request.clientOrderId, at: now)
        } catch {
            if error.isTransient {
                lock.withLock { _ = unanswered.insert(request.clientOrderId) }
                throw error.brokerError
            }
            lock.withLock { _ = unanswered.remove(request.clientOrderId) }
            let reason: OrderRejection = error.isMarginShortfall ? .insufficientMargin : .invalidOrder
            logger.warning("kite refused the order", metadata: ["order.client_id": "\(request.clientOrderId)", "error": "\(error)"])
            return .rejected(clientOrderId: request.clientOrderId, reason: reason, at: now)
        }
    }

    public func modify(_ clientOrderId: String, remaining: Int?, price: Paise?, trigger: Paise?,
                       at now: Date) async throws(BrokerError) -> BrokerEvent? {
        guard let entry = lock.withLock({ entries[clientOrderId] }) else { return nil }
        // Kite's quantity is the order's total: what has filled plus what is to be left.
        let quantity = remaining.map { $0 + entry.filled }
        let fields = KiteOrderForm.modify(type: entry.type, quantity: quantity, price: price, trigger: trigger)
        do {
            _ = try await client.modifyOrder(variety: config.variety, orderId: entry.orderId, fields: fields)
        } catch {
            throw error.brokerError
        }
        if let quantity { lock.withLock { entries[clientOrderId]?.quantity = quantity } }
        return .modified(clientOrderId: clientOrderId, at: now)
    }

    public func cancel(_ clientOrderId: String, at now: Date) async throws(BrokerError) -> BrokerEvent? {
        guard let entry = lock.withLock({ entries[clientOrderId] }) else { return nil }
        do {
            _ = try await client.cancelOrder(variety: config.variety, orderId: entry.orderId)
        } catch {
            throw error.brokerError
        }
        return .cancelled(clientOrderId: clientOrderId, remaining: max(0, entry.quantity - entry.filled), at: now)
    }

    /// Kite fills at the exchange; quotes change nothing here.
    public func onQuote(_ symbol: String, _ quote: Quote, at now: Date) async -> [BrokerEvent] { [] }

    public func orderUpdates(at now: Date) async throws(BrokerError) -> [BrokerOrderUpdate] {
        let orders: [KiteOrder]
        do {
            orders = try await client.orders()
        } catch {
            throw error.brokerError
        }
        return orders.map { update(for: $0, receivedAt: now) }
    }

    /// A Kite order (from a postback or the order book) as a report, matched to our client
    /// order id by Kite's order id or by the tag.
    public func update(for order: KiteOrder, receivedAt: Date) -> BrokerOrderUpdate {
        let clientId = lock.withLock { () -> String? in
            let id = clientIdByOrderId[order.orderId] ?? order.tag.flatMap { clientIdByTag[$0] }
            if let id {
                clientIdByOrderId[order.orderId] = id
                if entries[id] == nil, let type = OrderType(rawValue: order.orderType) {
                    entries[id] = Entry(orderId: order.orderId, type: type, quantity: order.quantity, filled: order.filledQuantity)
                } else if var entry = entries[id] {
                    entry.filled = max(entry.filled, order.filledQuantity)
                    entries[id] = entry
                }
            }
            return id
        }
        return order.update(clientOrderId: clientId, receivedAt: receivedAt)
    }

    public func workingMarketSymbols() async -> Set<String> { [] }

    private func remember(_ request: OrderRequest, orderId: String, filled: Int) {
        lock.withLock {
            entries[request.clientOrderId] = Entry(orderId: orderId, type: request.type, quantity: request.quantity, filled: filled)
            clientIdByOrderId[orderId] = request.clientOrderId
        }
    }

    private func findInOrderBook(tag: String) async throws(BrokerError) -> KiteOrder? {
        do {
            return try await client.orders().last { $0.tag == tag }
        } catch {
            throw error.brokerError
        }
    }
}
