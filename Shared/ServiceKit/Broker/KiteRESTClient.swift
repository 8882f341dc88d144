import Foundation
import Logging
import TradingCore

/// The Kite Connect v3 order and portfolio calls the executor needs. Every failure is a
/// `KiteError` (Kite's error envelope, an HTTP status, a transport failure or an
/// unreadable answer); the credentials appear in no error and no log line.
public final class KiteRESTClient: Sendable {
    public enum Variety: String, Sendable {
        case regular
        /// Kite slices an order above the freeze quantity itself (`children` in the answer).
        case autoslice
    }

    private let transport: KiteHTTPTransport
    private let logger: Logger

    public init(baseURL: String = "https://api.kite.trade", credentials: KiteCredentials, timeoutSeconds: Double = 7,
                logger: Logger) {
        self.transport = KiteHTTPTransport(baseURL: baseURL, credentials: credentials, timeoutSeconds: timeoutSeconds)
        self.logger = logger
    }

    // MARK: Orders

    /// `POST /orders/:variety`.
    public func placeOrder(variety: Variety = .regular, fields: [(String, String)]) async throws(KiteError) -> KitePlacement {
        try await call("POST", "/orders/\(variety.rawValue)", form: fields, as: KitePlacement.self)
    }

    /// `PUT /orders/:variety/:order_id`; answers the order id.
    public func modifyOrder(variety: Variety = .regular, orderId: String, fields: [(String, String)]) async throws(KiteError) -> String {
        try await call("PUT", "/orders/\(variety.rawValue)/\(Self.escaped(orderId))", form: fields, as: OrderIdOnly.self).orderId
    }

    /// `DELETE /orders/:variety/:order_id`; answers the order id.
    public func cancelOrder(variety: Variety = .regular, orderId: String) async throws(KiteError) -> String {
        try await call("DELETE", "/orders/\(variety.rawValue)/\(Self.escaped(orderId))", as: OrderIdOnly.self).orderId
    }

    /// `GET /orders`: the day's orders.
    public func orders() async throws(KiteError) -> [KiteOrder] {
        try await call("GET", "/orders", as: [KiteOrder].self)
    }

    /// `GET /orders/:order_id`: one order's history, oldest state first.
    public func orderHistory(orderId: String) async throws(KiteError) -> [KiteOrder] {
        try await call("GET", "/orders/\(Self.escaped(orderId))", as: [KiteOrder].self)
    }

    /// `GET /orders/:order_id/trades`.
    public func orderTrades(orderId: String) async throws(KiteError) -> [KiteTrade] {
        try await call("GET", "/orders/\(Self.escaped(orderId))/trades", as: [KiteTrade].self)
    }

    /// `GET /trades`: the day's executions.
    public func trades() async throws(KiteError) -> [KiteTrade] {
        try await call("GET", "/trades", as: [KiteTrade].self)
    }

    /// `GET /portfolio/positions`.
    public func positions() async throws(KiteError) -> KitePositions {
        try await call("GET", "/portfolio/positions", as: KitePositions.self)
    }

    // MARK: Plumbing

    private struct OrderIdOnly: Decodable {
        var orderId: String
        enum CodingKeys: String, CodingKey { case orderId = "order_id" }
    }

    private func call<T: Decodable>(_ method: String, _ path: String, form: [(String, String)] = [],
                                    as type: T.Type) async throws(KiteError) -> T {
        let started = ContinuousClock.now
        do {
            let (status, body) = try await transport.send(method, path, form: form)
            let value = try KiteResponse.decode(T.self, httpStatus: status, body: body)
            logger.debug("kite call answered", metadata: ["kite.method": "\(method)", "kite.path": "\(path)", "kite.status": "\(status)",
                                                          "kite.ms": "\(Self.milliseconds(since: started))"])
            return value
        } catch {
            logger.warning("kite call failed", metadata: ["kite.method": "\(method)", "kite.path": "\(path)",
                                                          "kite.status": "\(error.httpStatus)", "kite.error_type": "\(error.errorType ?? "")",
                                                          "kite.transient": "\(error.isTransient)", "error": "\(error)"])
            throw error
        }
    }

    private static func milliseconds(since start: ContinuousClock.Instant) -> String {
        let elapsed = ContinuousClock.now - start
        return String(format: "%.1f", Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15)
    }

    private static func escaped(_ id: String) -> String {
        id.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? id
    }
}
