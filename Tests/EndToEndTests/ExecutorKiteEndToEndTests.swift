import Foundation
import Messages
import PostgresStore
import Testing
import TestSupport
import TradingCore

/// The executor binary in LIVE against a local HTTP server that answers like Kite Connect
/// v3 (the real bodies of ../shared/data/kite): orders go out as Kite REST calls, fills
/// come back as checksummed postbacks and through the order poll. No mocks in the executor.
@Suite("End to end: executor with Kite (LIVE)", .serialized)
struct ExecutorKiteEndToEndTests {
    static let secret = "e2e-api-secret"
    static let entry = Paise(10_000)
    static let stop = Paise(9_800)
    static let target = Paise(10_240)

    /// One Kite order as JSON, in the shape of ../shared/data/kite/postback.json.
    static func kiteOrder(orderId: String, tag: String, status: String, side: String, type: String, quantity: Int, filled: Int,
                          average: String, timestamp: String = "2025-11-20 10:00:05", checksum: String? = nil) -> String {
        var fields = [
            #""order_id":"\#(orderId)""#, #""exchange_order_id":"1000000001482421""#, #""parent_order_id":null"#,
            #""status":"\#(status)""#, #""status_message":null"#, #""order_timestamp":"\#(timestamp)""#,
            #""exchange_update_timestamp":"\#(timestamp)""#, #""variety":"regular""#, #""exchange":"NFO""#,
            #""tradingsymbol":"NIFTY""#, #""instrument_token":256265"#, #""order_type":"\#(type)""#,
            #""transaction_type":"\#(side)""#, #""validity":"DAY""#, #""product":"MIS""#, #""quantity":\#(quantity)"#,
            #""disclosed_quantity":0"#, #""price":0"#, #""trigger_price":0"#, #""average_price":\#(average)"#,
            #""filled_quantity":\#(filled)"#, #""pending_quantity":\#(quantity - filled)"#, #""cancelled_quantity":0"#,
            #""market_protection":0"#, #""meta":{}"#, #""tag":"\#(tag)""#, #""guid":"XXXXXX""#,
        ]
        if let checksum { fields += [#""checksum":"\#(checksum)""#, #""user_id":"AB1234""#, #""app_id":1234"#] }
        return "{" + fields.joined(separator: ",") + "}"
    }

    static func postback(orderId: String, tag: String, quantity: Int, average: String, secret: String = Self.secret) -> String {
        let timestamp = "2025-11-20 10:00:05"
        return kiteOrder(orderId: orderId, tag: tag, status: "COMPLETE", side: "BUY", type: "MARKET", quantity: quantity,
                         filled: quantity, average: average, timestamp: timestamp,
                         checksum: SHA256.hex(orderId + timestamp + secret))
    }

    /// The executor in LIVE against the local Kite server, its postback listener on `postbackPort`.
    /// Seeds and publishes a decision; true once its entry order has reached Kite.
    private static func sendEntry(lots: Int, _ h: ExecutorHarness,
                                  _ kite: KiteRESTTestServer) async throws -> (decision: DecisionPayload, sent: Bool) {
        let decision = try await h.seedDecision(lots: lots, entry: entry, stop: stop, target: target)
        try await h.publish(decision)
        let sent = await TestEnvironment.eventually(timeout: .seconds(10)) {
            await kite.recorder.requests("POST", pathPrefix: "/orders/regular").count == 1
        }
        return (decision, sent)
    }

    private func withLive(_ environment: [String: String] = [:],
                          _ body: (ExecutorHarness, KiteRESTTestServer, Int) async throws -> Void) async throws {
        let kite = try await KiteRESTTestServer(dataDirectory: KiteRESTTestServer.sharedKiteDataDirectory)
        let postbackPort = TestEnvironment.freePort()
        let harness = try await ExecutorHarness(environment: [
            "KITE_API_KEY": "e2ekey", "KITE_ACCESS_TOKEN": "e2etoken", "KITE_API_SECRET": Self.secret,
            "AITRAPP_EXECUTOR_KITE_BASE_URL": kite.baseURL, "AITRAPP_EXECUTOR_KITE_POSTBACK_PORT": String(postbackPort),
            "AITRAPP_EXECUTOR_POLL_MS": "300",
        ].merging(environment) { _, given in given })
        do {
            try await harness.startExecutor()
            try await harness.publish(.controlMode, on: Channel.control, trace: TraceID.make(),
                                      payload: ControlPayload(actor: "e2e", mode: "LIVE"))
            #expect(await TestEnvironment.eventually(timeout: .seconds(5)) { harness.stack.log("executor").contains("executor mode changed") })
            try await body(harness, kite, postbackPort)
        } catch {
            print("---- executor log ----\n\(harness.stack.log("executor").suffix(4000))")
            await harness.shutdown()
            await kite.stop()
            throw error
        }
        let log = harness.stack.log("executor")
        #expect(!log.contains("e2etoken"))
        #expect(!log.contains(Self.secret))
        await harness.shutdown()
        await kite.stop()
    }

    @Test("LIVE: entry sent to Kite; a checksummed postback books the fill and sends stop, TP1, TP2; the poll books the stop fill → trade")
    func liveRoundTrip() async throws {
        try await withLive { h, kite, port in try await run(h, kite, port) }
    }

    @Test("LIVE: Kite holds a NIFTY position Postgres does not → one CRITICAL position_mismatch with an audit row, nothing traded")
    func livePositionMismatch() async throws {
        try await withLive(["AITRAPP_EXECUTOR_KITE_RECONCILE_POSITIONS_MS": "200"]) { h, kite, _ in
            // positions.json with its MCX/NRML LEADMINI long of 1 turned into an NFO/MIS NIFTY long of 75.
            let fixture = try String(contentsOfFile: KiteRESTTestServer.sharedKiteDataDirectory + "/positions.json", encoding: .utf8)
            let body = fixture.replacingOccurrences(of: "LEADMINI17DECFUT", with: "NIFTY").replacingOccurrences(of: "\"MCX\"", with: "\"NFO\"")
                .replacingOccurrences(of: "\"NRML\"", with: "\"MIS\"").replacingOccurrences(of: "\"quantity\": 1,", with: "\"quantity\": 75,")
            #expect(body.contains("\"quantity\": 75,"))
            await kite.recorder.enqueue(.init(status: 200, body: body), for: "GET /portfolio/positions", count: 1_000)
            #expect(await h.waitFor("SELECT count(*) AS n FROM risk_events WHERE kind = 'position_mismatch' AND severity = 'CRITICAL'",
                                    equals: 1))
            #expect(await h.waitFor("""
                SELECT count(*) AS n FROM audit_log WHERE action = 'executor.reconcile.position_mismatch'
                AND request->>'symbol' = 'NIFTY' AND request->>'broker' = '75' AND request->>'ours' = '0'
                """, equals: 1))
            // Checked again every 200 ms: the same difference is not reported twice, and nothing is sent to Kite.
            try await Task.sleep(for: .milliseconds(1_200))
            let checks = await kite.recorder.requests("GET", pathPrefix: "/portfolio/positions").count
            #expect(checks >= 3)
            #expect(try await h.count("SELECT count(*) AS n FROM risk_events WHERE kind = 'position_mismatch'") == 1)
            let placed = await kite.recorder.requests("POST", pathPrefix: "/orders")
            #expect(placed.isEmpty)
        }
    }

    @Test("LIVE flatten: children cancelled at Kite, exit sent, its fill read from the order book, flat well under 2 s")
    func liveFlatten() async throws {
        try await withLive { h, kite, postbackPort in
            let (decision, sent) = try await Self.sendEntry(lots: 1, h, kite)
            #expect(sent)
            let entryTag = KiteOrderTag.tag(forClientOrderId: ClientIds.order(plan: decision.clientPlanId, leg: .entry))
            let filled = Self.postback(orderId: "151220000000000", tag: entryTag, quantity: 75, average: "100.00")
            #expect(try await h.stack.http("POST", "/kite/postback", body: filled, port: postbackPort, token: "").status == 200)
            // One lot: the stop and TP1.
            #expect(await TestEnvironment.eventually(timeout: .seconds(10)) {
                await kite.recorder.requests("POST", pathPrefix: "/orders/regular").count == 3
            })
            // Kite's book will show the exit (the 4th order) filled at ₹99.50.
            let exitTag = KiteOrderTag.tag(forClientOrderId: ClientIds.order(plan: decision.clientPlanId, leg: .exit))
            let book = #"{"status":"success","data":["# + Self.kiteOrder(
                orderId: "151220000000003", tag: exitTag, status: "COMPLETE", side: "SELL", type: "MARKET", quantity: 75, filled: 75,
                average: "99.50") + "]}"
            await kite.recorder.enqueue(.init(status: 200, body: book), for: "GET /orders", count: 200)
            try await h.publish(.controlFlatten, on: Channel.control, trace: TraceID.make(), payload: ControlPayload(actor: "e2e", reason: "test"))
            #expect(await h.waitFor("SELECT count(*) AS n FROM trades WHERE exit_reason = 'FLATTEN' AND exit_price = 99.50", equals: 1))
            #expect(await h.waitFor("SELECT count(*) AS n FROM positions WHERE status = 'OPEN'", equals: 0))
            #expect(await h.waitFor("SELECT count(*) AS n FROM orders WHERE status = 'OPEN'", equals: 0))
            #expect(await kite.recorder.requests("DELETE", pathPrefix: "/orders/regular/").count == 2)
            let exitPost = try #require(await kite.recorder.requests("POST", pathPrefix: "/orders/regular").last)
            #expect(exitPost.form["order_type"] == "MARKET")
            #expect(exitPost.form["transaction_type"] == "SELL")
            #expect(exitPost.form["tag"] == exitTag)
            #expect(await TestEnvironment.eventually(timeout: .seconds(5)) {
                h.recorder.all.contains { $0.header.type == .flattenCompleted && $0.raw.contains("\"flat\":true") }
            })
            let report = try #require(h.recorder.all.last { $0.header.type == .flattenCompleted })
            let duration = try #require(report.raw.range(of: #""durationMs":([0-9.]+)"#, options: .regularExpression)
                .map { Double(report.raw[$0].dropFirst(13)) ?? -1 })
            #expect(duration > 0 && duration < 2000)
        }
    }

    @Test("LIVE restart: the entry filled at Kite while the executor was down; the first poll books it once and sends the children")
    func liveRestartAdoptsFill() async throws {
        try await withLive { h, kite, _ in
            let (decision, sent) = try await Self.sendEntry(lots: 2, h, kite)
            #expect(sent)
            #expect(await h.stack.stop("executor") != nil)
            // While it is down the entry fills at Kite (no postback reaches anyone).
            let entryTag = KiteOrderTag.tag(forClientOrderId: ClientIds.order(plan: decision.clientPlanId, leg: .entry))
            let book = #"{"status":"success","data":["# + Self.kiteOrder(
                orderId: "151220000000000", tag: entryTag, status: "COMPLETE", side: "BUY", type: "MARKET", quantity: 150, filled: 150,
                average: "100.10") + "]}"
            await kite.recorder.enqueue(.init(status: 200, body: book), for: "GET /orders", count: 100)
            try await h.startExecutor()   // back in PAPER (every start is), with the LIVE group restored from Postgres
            #expect(await h.waitFor("SELECT count(*) AS n FROM positions WHERE status = 'OPEN' AND entry_price = 100.10", equals: 1))
            #expect(await TestEnvironment.eventually(timeout: .seconds(10)) {
                await kite.recorder.requests("POST", pathPrefix: "/orders/regular").count == 4
            })
            // Polled many times, booked once; the children went to Kite, not to the paper exchange.
            try await Task.sleep(for: .milliseconds(1_000))
            #expect(try await h.count("SELECT count(*) AS n FROM fills") == 1)
            #expect(try await h.count("SELECT count(*) AS n FROM orders WHERE leg = 'ENTRY'") == 1)
            #expect(try await h.count("""
                SELECT count(*) AS n FROM orders WHERE leg IN ('STOP','TARGET','TARGET2') AND status = 'OPEN' AND mode = 'LIVE'
                """) == 3)
            #expect(await kite.recorder.requests("POST", pathPrefix: "/orders/regular").count == 4)
        }
    }

    private func run(_ h: ExecutorHarness, _ kite: KiteRESTTestServer, _ postbackPort: Int) async throws {
        let decision = try await h.seedDecision(lots: 2, entry: Self.entry, stop: Self.stop, target: Self.target)
        try await h.publish(decision)

        // The entry goes to Kite with the tag of its client order id.
        let entryId = ClientIds.order(plan: decision.clientPlanId, leg: .entry)
        #expect(await TestEnvironment.eventually(timeout: .seconds(10)) {
            await kite.recorder.requests("POST", pathPrefix: "/orders/regular").count == 1
        })
        let entryPost = try #require(await kite.recorder.requests("POST", pathPrefix: "/orders/regular").first)
        #expect(entryPost.headers["x-kite-version"] == "3")
        #expect(entryPost.headers["authorization"] == "token e2ekey:e2etoken")
        #expect(entryPost.form["tag"] == KiteOrderTag.tag(forClientOrderId: entryId))
        #expect(entryPost.form["order_type"] == "MARKET")
        #expect(entryPost.form["transaction_type"] == "BUY")
        #expect(entryPost.form["quantity"] == "150")
        #expect(entryPost.form["exchange"] == "NFO")
        #expect(try await h.count("SELECT count(*) AS n FROM orders WHERE leg = 'ENTRY' AND mode = 'LIVE' AND status = 'OPEN'") == 1)
        #expect(await h.waitFor("""
            SELECT count(*) AS n FROM orders WHERE leg = 'ENTRY' AND broker_order_id = '151220000000000'
            """, equals: 1))

        // Postbacks: a forged checksum and a broken body are refused; nothing is booked.
        let entryTag = KiteOrderTag.tag(forClientOrderId: entryId)
        let forged = Self.postback(orderId: "151220000000000", tag: entryTag, quantity: 150, average: "100.05", secret: "wrong")
        #expect(try await h.stack.http("POST", "/kite/postback", body: forged, port: postbackPort, token: "").status == 403)
        #expect(try await h.stack.http("POST", "/kite/postback", body: "{not json", port: postbackPort, token: "").status == 400)
        #expect(try await h.count("SELECT count(*) AS n FROM fills") == 0)

        // Kite's order system is briefly unreachable for the first child (the stop): the
        // executor retries with backoff, first looking for the stop's tag in the order book.
        await kite.recorder.enqueue(.kiteError(503, "NetworkException", "Unable to reach the OMS"), for: "POST /orders/regular")
        // The real one: the entry filled at ₹100.05.
        let good = Self.postback(orderId: "151220000000000", tag: entryTag, quantity: 150, average: "100.05")
        #expect(try await h.stack.http("POST", "/kite/postback", body: good, port: postbackPort, token: "").status == 200)
        #expect(await h.waitFor("SELECT count(*) AS n FROM positions WHERE status = 'OPEN' AND entry_price = 100.05", equals: 1))
        // The same postback again books nothing more.
        #expect(try await h.stack.http("POST", "/kite/postback", body: good, port: postbackPort, token: "").status == 200)

        // Stop (503, then again), TP1 and TP2 go to Kite; one STOP row in Postgres.
        #expect(await TestEnvironment.eventually(timeout: .seconds(10)) {
            await kite.recorder.requests("POST", pathPrefix: "/orders/regular").count == 5
        })
        #expect(try await h.count("SELECT count(*) AS n FROM orders WHERE leg = 'STOP'") == 1)
        #expect(await kite.recorder.requests("GET", pathPrefix: "/orders").contains { $0.path == "/orders" })
        let posts = await kite.recorder.requests("POST", pathPrefix: "/orders/regular").map(\.form)
        #expect(posts[1]["order_type"] == "SL-M" && posts[2]["order_type"] == "SL-M")
        #expect(posts[1]["tag"] == posts[2]["tag"])
        let children = await kite.recorder.requests("POST", pathPrefix: "/orders/regular").dropFirst().map(\.form)
        let stopForm = try #require(children.first { $0["order_type"] == "SL-M" })
        #expect(stopForm["trigger_price"] == "98.00")
        #expect(stopForm["quantity"] == "150")
        #expect(stopForm["transaction_type"] == "SELL")
        #expect(children.filter { $0["order_type"] == "LIMIT" }.compactMap { $0["price"] }.sorted() == ["102.40", "104.00"])
        #expect(try await h.count("SELECT count(*) AS n FROM fills") == 1)

        // The stop's fill arrives only through the poll (its postback was lost).
        let stopId = ClientIds.order(plan: decision.clientPlanId, leg: .stop)
        let stopIndex = try #require(children.lastIndex { $0["order_type"] == "SL-M" })
        let stopKiteId = String(151_220_000_000_000 + stopIndex + 1)
        let book = #"{"status":"success","data":["# + Self.kiteOrder(
            orderId: stopKiteId, tag: KiteOrderTag.tag(forClientOrderId: stopId), status: "COMPLETE", side: "SELL", type: "SL-M",
            quantity: 150, filled: 150, average: "97.95") + "]}"
        await kite.recorder.enqueue(.init(status: 200, body: book), for: "GET /orders", count: 3)
        #expect(await h.waitFor("SELECT count(*) AS n FROM trades WHERE exit_reason = 'STOP' AND exit_price = 97.95", equals: 1))
        #expect(try await h.count("SELECT count(*) AS n FROM fills") == 2)
        // TP1 and TP2 are cancelled at Kite.
        #expect(await TestEnvironment.eventually(timeout: .seconds(5)) {
            await kite.recorder.requests("DELETE", pathPrefix: "/orders/regular/").count == 2
        })
        #expect(await h.waitFor("SELECT count(*) AS n FROM orders WHERE status = 'OPEN'", equals: 0))
    }
}
