import Foundation
import Logging
import ServiceKit
import Testing
import TestSupport
import TradingCore

/// The Kite Connect v3 REST client and the Kite order broker against a local HTTP server
/// that answers with the real bodies in ../shared/data/kite. Real sockets, real HTTP.
@Suite("Kite REST client", .serialized)
struct KiteRESTClientTests {
    static let credentials = KiteCredentials(apiKey: "kitekey123", accessToken: "tok9secret", apiSecret: "sec7ret")
    static let logger = Logger(label: "kite-rest-tests")

    static func withServer(_ body: (KiteRESTTestServer, KiteRESTClient) async throws -> Void) async throws {
        let server = try await KiteRESTTestServer(dataDirectory: KiteRESTTestServer.sharedKiteDataDirectory)
        let client = KiteRESTClient(baseURL: server.baseURL, credentials: credentials, timeoutSeconds: 2, logger: logger)
        do {
            try await body(server, client)
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    /// The error `body` throws (nil when it does not).
    static func failure(_ body: () async throws -> Void) async -> (any Error)? {
        do {
            try await body()
            return nil
        } catch {
            return error
        }
    }

    static func stop(_ clientOrderId: String = "P-0123456789abcdef01234567-S") -> OrderRequest {
        OrderRequest(clientOrderId: clientOrderId, symbol: "NIFTY2580724400CE", side: .sell, type: .stopMarket, quantity: 150,
                     trigger: Paise(1105), lotSize: 75)
    }

    @Test("every call sends X-Kite-Version 3 and `token api_key:access_token`; orders.json parses")
    func headersAndOrders() async throws {
        try await Self.withServer { server, client in
            let orders = try await client.orders()
            #expect(orders.count == 10)
            #expect(orders.first { $0.orderId == "300000000000000" }?.averagePrice == Paise(10940))
            let request = try #require(await server.recorder.requests.last)
            #expect(request.method == "GET")
            #expect(request.path == "/orders")
            #expect(request.headers["x-kite-version"] == "3")
            #expect(request.headers["authorization"] == "token kitekey123:tok9secret")
        }
    }

    @Test("place (regular and autoslice), modify and cancel: methods, paths, form bodies, answers")
    func orderCalls() async throws {
        try await Self.withServer { server, client in
            let fields = KiteOrderForm.place(Self.stop(), exchange: "NFO", product: "MIS")
            let placed = try await client.placeOrder(variety: .regular, fields: fields)
            #expect(placed.orderId == "151220000000000")
            let post = try #require(await server.recorder.requests(  "POST", pathPrefix: "/orders/regular").first)
            #expect(post.headers["content-type"] == "application/x-www-form-urlencoded")
            #expect(post.form["tradingsymbol"] == "NIFTY2580724400CE")
            #expect(post.form["order_type"] == "SL-M")
            #expect(post.form["trigger_price"] == "11.05")
            #expect(post.form["quantity"] == "150")
            #expect(post.form["tag"] == KiteOrderTag.tag(forClientOrderId: Self.stop().clientOrderId))

            let sliced = try await client.placeOrder(variety: .autoslice, fields: fields)
            #expect(sliced.children.count == 4)
            #expect(sliced.children[2].error?.kiteError.isMarginShortfall == true)
            #expect(await server.recorder.requests("POST", pathPrefix: "/orders/autoslice").count == 1)

            let modified = try await client.modifyOrder(orderId: "151220000000000",
                                                        fields: KiteOrderForm.modify(type: .stopMarket, quantity: 75, price: nil,
                                                                                     trigger: Paise(1200)))
            #expect(modified == "151220000000000")
            let put = try #require(await server.recorder.requests("PUT", pathPrefix: "/orders/regular/151220000000000").first)
            #expect(put.form["trigger_price"] == "12.00")
            #expect(put.form["quantity"] == "75")

            #expect(try await client.cancelOrder(orderId: "151220000000000") == "151220000000000")
            #expect(await server.recorder.requests("DELETE", pathPrefix: "/orders/regular/151220000000000").count == 1)
        }
    }

    @Test("order history, order trades, trades and positions parse from the real bodies")
    func reads() async throws {
        try await Self.withServer { _, client in
            let history = try await client.orderHistory(orderId: "171229000724687")
            #expect(history.first?.statusText == "PUT ORDER REQ RECEIVED")
            let orderTrades = try await client.orderTrades(orderId: "200000000000000")
            #expect(orderTrades.first?.averagePrice == Paise(485200))
            let trades = try await client.trades()
            #expect(trades.first?.tradingSymbol == "SBIN")
            let positions = try await client.positions()
            #expect(positions.net.count == 3)
            #expect(positions.net.first?.averagePrice == Paise(16105))
        }
    }

    @Test("Kite's error envelopes become KiteError: token and input final, network, 429 and 5xx transient")
    func errors() async throws {
        try await Self.withServer { server, client in
            let cases: [(KiteRESTTestServerRecorder.Answer, Bool, String?)] = [
                (.kiteError(403, "TokenException", "Incorrect `api_key` or `access_token`."), false, "TokenException"),
                (.kiteError(400, "InputException", "Missing trigger_price"), false, "InputException"),
                (.kiteError(503, "NetworkException", "Unable to reach the OMS"), true, "NetworkException"),
                (.kiteError(429, "GeneralException", "Too many requests"), true, "GeneralException"),
                (.init(status: 502, body: "<html>bad gateway</html>"), true, nil),
            ]
            for (answer, transient, type) in cases {
                await server.recorder.enqueue(answer, for: "GET /orders")
                let caught = await Self.failure { _ = try await client.orders() }
                #expect(caught != nil, "expected an error for HTTP \(answer.status)")
                if let error = caught as? KiteError {
                    #expect(error.isTransient == transient)
                    #expect(error.errorType == type)
                    #expect(error.httpStatus == answer.status)
                    #expect(!error.description.contains("kitekey123"))
                    #expect(!error.description.contains("tok9secret"))
                }
            }
        }
    }

    @Test("no server: a transient transport error that names no credential")
    func transport() async throws {
        let port = TestEnvironment.freePort()
        let client = KiteRESTClient(baseURL: "http://127.0.0.1:\(port)", credentials: Self.credentials, timeoutSeconds: 2, logger: Self.logger)
        let caught = await Self.failure { _ = try await client.positions() }
        let error = try #require(caught as? KiteError)
        do {
            #expect(error.isTransient)
            #expect(error.httpStatus == 0)
            #expect(!"\(error)".contains("tok9secret"))
        }
    }

    // MARK: The broker

    static func broker(_ server: KiteRESTTestServer, _ client: KiteRESTClient) -> KiteOrderBroker {
        KiteOrderBroker(client: client, config: KiteOrderBrokerConfig(baseURL: server.baseURL), logger: logger)
    }

    @Test("the broker: accepted with Kite's id, modify sends the total quantity, cancel, a refusal is a rejection")
    func brokerCalls() async throws {
        try await Self.withServer { server, client in
            let broker = Self.broker(server, client)
            let now = Date()
            let request = Self.stop()
            #expect(try await broker.place(request, at: now) == .accepted(clientOrderId: request.clientOrderId, at: now))
            #expect(broker.kiteOrderId(for: request.clientOrderId) == "151220000000000")
            #expect(try await broker.modify(request.clientOrderId, remaining: 75, price: nil, trigger: Paise(1000), at: now)
                == .modified(clientOrderId: request.clientOrderId, at: now))
            let put = try #require(await server.recorder.requests("PUT", pathPrefix: "/orders/regular/").last)
            #expect(put.form["quantity"] == "75")
            #expect(put.form["trigger_price"] == "10.00")
            #expect(put.form["order_type"] == "SL-M")
            // Resized to 75 above: that is what the cancel takes off.
            #expect(try await broker.cancel(request.clientOrderId, at: now) == .cancelled(clientOrderId: request.clientOrderId, remaining: 75, at: now))
            #expect(try await broker.cancel("never-placed", at: now) == nil)

            await server.recorder.enqueue(.kiteError(400, "MarginException", "Insufficient funds"), for: "POST /orders/regular")
            let second = Self.stop("P-0123456789abcdef01234567-E")
            #expect(try await broker.place(second, at: now) == .rejected(clientOrderId: second.clientOrderId, reason: .insufficientMargin, at: now))
        }
    }

    @Test("a transient failure throws a retryable error; the retry adopts an order Kite already took (by tag) instead of sending it twice")
    func retryAdoptsByTag() async throws {
        try await Self.withServer { server, client in
            let broker = Self.broker(server, client)
            let request = Self.stop()
            let now = Date()
            await server.recorder.enqueue(.kiteError(503, "NetworkException", "OMS timeout"), for: "POST /orders/regular")
            let caught = await Self.failure { _ = try await broker.place(request, at: now) }
            #expect((caught as? BrokerError)?.isTransient == true)
            // Kite did take it before the gateway failed: the order book has it, with our tag.
            let orders = try String(contentsOfFile: KiteRESTTestServer.sharedKiteDataDirectory + "/orders.json", encoding: .utf8)
            let tag = KiteOrderTag.tag(forClientOrderId: request.clientOrderId)
            let withTag = orders.replacingOccurrences(of: "\"tag\": \"connect test order1\"", with: "\"tag\": \"\(tag)\"")
            #expect(withTag != orders)
            await server.recorder.enqueue(.init(status: 200, body: withTag), for: "GET /orders")
            #expect(try await broker.place(request, at: now) == .accepted(clientOrderId: request.clientOrderId, at: now))
            #expect(broker.kiteOrderId(for: request.clientOrderId) == "700000000000000")
            #expect(await server.recorder.requests("POST", pathPrefix: "/orders/regular").count == 1)
        }
    }

    @Test("the broker's poll maps Kite's order book to our client ids by tag")
    func poll() async throws {
        try await Self.withServer { server, client in
            let broker = Self.broker(server, client)
            let orders = try String(contentsOfFile: KiteRESTTestServer.sharedKiteDataDirectory + "/orders.json", encoding: .utf8)
            let id = "P-0123456789abcdef01234567-E"
            let tag = KiteOrderTag.tag(forClientOrderId: id)
            await server.recorder.enqueue(.init(status: 200, body: orders.replacingOccurrences(
                of: "\"tag\": \"connect test order2\"", with: "\"tag\": \"\(tag)\"")), for: "GET /orders")
            broker.register(clientOrderIds: [id])
            let updates = try await broker.orderUpdates(at: Date())
            #expect(updates.count == 10)
            let ours = try #require(updates.first { $0.clientOrderId == id })
            #expect(ours.brokerOrderId == "9000000000000000")
            #expect(ours.state == .complete)
            #expect(ours.filledQuantity == 1)
            #expect(ours.averagePrice == Paise(485200))
            #expect(updates.filter { $0.clientOrderId != nil }.count == 1)
        }
    }
}
