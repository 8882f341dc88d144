import Foundation
import Messages
import PostgresStore
import Testing
import TestSupport
import TradingCore

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// control-api's guards against bad input and misuse, and the commands that need the
/// executor: strict bodies (unknown fields, wrong types, oversized), the per-client rate
/// limit, closing one position, and LIVE refused while positions are open.
@Suite("End to end: control-api guards and position commands", .serialized)
struct ControlAPIGuardsEndToEndTests {
    private func started(_ stack: ServiceStack, extraEnvironment: [String: String] = [:]) async throws {
        try stack.start("control-api", extraEnvironment: extraEnvironment)
        try #require(await TestEnvironment.eventually(timeout: .seconds(20)) { (try? await stack.http("GET", "/health").status) == 200 })
        try #require(await TestEnvironment.eventually(timeout: .seconds(10)) {
            (try? await stack.http("GET", "/state").body)?.contains("\"durable\":{ \"mode\" : \"PAPER\"") ?? false
        })
    }

    private func withStack(_ overrides: [String: String], _ body: (ServiceStack) async throws -> Void) async throws {
        let stack = try await ServiceStack(overrides: overrides)
        do {
            try await body(stack)
        } catch {
            print("---- control-api log ----\n\(stack.log("control-api").suffix(3000))")
            await stack.shutdown()
            throw error
        }
        await stack.shutdown()
    }

    @Test func strictBodies() async throws {
        try await withStack([:]) { stack in
        try await started(stack)
        let unknown = try await stack.http("POST", "/mode", body: #"{"mode":"PAPER","extra":1}"#)
        #expect(unknown.status == 400 && unknown.body.contains(#"unknown field \"extra\""#))
        let wrongType = try await stack.http("POST", "/mode", body: #"{"mode":5}"#)
        #expect(wrongType.status == 400 && wrongType.body.contains("must be a string"))
        #expect(try await stack.http("POST", "/mode", body: "[1,2]").status == 400)
        #expect(try await stack.http("POST", "/mode", body: "").status == 400)
        let big = try await stack.http("POST", "/mode", body: "{\"mode\":\"" + String(repeating: "A", count: 20_000) + "\"}")
        #expect(big.status == 413 && big.body.contains("payload_too_large"))
        let pauseWithBody = try await stack.http("POST", "/pause", body: #"{"now":true}"#)
        #expect(pauseWithBody.status == 400 && pauseWithBody.body.contains("takes no body"))
        #expect(try await stack.http("POST", "/pause", body: "{}").status == 200)
        #expect(try await stack.http("POST", "/resume").status == 200)
        #expect(try await stack.http("POST", "/positions/not-a-uuid/close").status == 400)
        let missing = try await stack.http("POST", "/positions/\(UUID().uuidString)/close")
        #expect(missing.status == 404 && missing.body.contains("no position"))
        #expect(try await stack.http("POST", "/positions/\(UUID().uuidString)/close", token: stack.viewerToken).status == 403)
        #expect(try await stack.http("GET", "/no/such/route").status == 404)
        #expect(try await stack.http("DELETE", "/state").status >= 400)
        }
    }

    @Test func perClientRateLimit() async throws {
        try await withStack(["AITRAPP_CONTROL_API_RATE_LIMIT_PER_SECOND": "5", "AITRAPP_CONTROL_API_RATE_LIMIT_BURST": "5"]) { stack in
        try stack.start("control-api")
        try #require(await TestEnvironment.eventually(timeout: .seconds(20)) { (try? await stack.http("GET", "/health").status) == 200 })
        try await Task.sleep(for: .seconds(1.2))   // the probes above took from the anonymous bucket only
        var statuses: [Int] = []
        var refused = ""
        for _ in 0..<12 {
            let response = try await stack.http("GET", "/state", token: stack.viewerToken)
            statuses.append(response.status)
            if response.status == 429 { refused = response.body }
        }
        #expect(statuses.prefix(5).allSatisfy { $0 == 200 }, "\(statuses)")
        #expect(statuses.contains(429), "\(statuses)")
        #expect(refused.contains("rate_limited") && refused.contains("5 requests per second"))
        // Another client (the operator's token) has its own bucket.
        #expect(try await stack.http("GET", "/state").status == 200)
        // The viewer's bucket refills.
        try await Task.sleep(for: .seconds(1.1))
        #expect(try await stack.http("GET", "/state", token: stack.viewerToken).status == 200)
        }
    }

    @Test func failedAuthenticationsAreThrottledPerAddress() async throws {
        try await withStack(["AITRAPP_CONTROL_API_AUTH_FAILURES_PER_SECOND": "0.5", "AITRAPP_CONTROL_API_AUTH_FAILURES_BURST": "4"]) { stack in
        try stack.start("control-api")
        try #require(await TestEnvironment.eventually(timeout: .seconds(20)) { (try? await stack.http("GET", "/health").status) == 200 })
        var statuses: [Int] = []
        for attempt in 0..<6 { statuses.append(try await stack.http("GET", "/state", token: "guess-\(attempt)").status) }
        #expect(statuses == [401, 401, 401, 401, 429, 429], "\(statuses)")
        let refused = try await stack.http("GET", "/state", token: "guess-7")
        #expect(refused.status == 429 && refused.body.contains("failed authentications") && !refused.body.contains("guess-7"))
        // While throttled even a valid token from that address waits; after the refill it is served.
        try await Task.sleep(for: .seconds(2.2))
        #expect(try await stack.http("GET", "/state").status == 200)
        }
    }

    @Test func closeOnePositionAndLiveNeedsAFlatBook() async throws {
        let h = try await ExecutorHarness(environment: ["AITRAPP_EXECUTOR_EOD_FALLBACK": "23:59"])
        do {
            try await h.startExecutor()
            try await started(h.stack, extraEnvironment: ["KITE_API_KEY": "test-key", "KITE_ACCESS_TOKEN": "test-access"])
            var ids: [UUID] = []
            for symbol in ["NIFTY", "BANKNIFTY"] {
                let decision = try await h.seedDecision(symbol: symbol, lots: 1, entry: Paise(2_400_000), stop: Paise(2_390_000),
                                                        target: Paise(2_430_000))
                try await h.publish(decision)
                try #require(await h.waitFor("SELECT count(*) AS n FROM orders WHERE leg = 'ENTRY' AND symbol = $1", [symbol], equals: 1))
                try await h.tick(symbol, last: Paise(2_400_000))
                ids.append(decision.decisionId)
            }
            try #require(await h.waitFor("SELECT count(*) AS n FROM positions WHERE status = 'OPEN'", equals: 2))
            let live = try await h.stack.http("POST", "/mode", body: #"{"mode":"LIVE","confirm":"CONFIRM LIVE TRADING"}"#)
            #expect(live.status == 409 && live.body.contains("positions_open") && live.body.contains("2 position(s) open"))

            let nifty = try #require(try await h.db.query("SELECT id FROM positions WHERE symbol = 'NIFTY'").first?.uuid("id"))
            let close = try await h.stack.http("POST", "/positions/\(nifty.uuidString)/close")
            #expect(close.status == 202 && close.body.contains("\"close\":\"requested\""))
            #expect(await h.waitFor("SELECT count(*) AS n FROM positions WHERE status = 'OPEN'", equals: 1))
            #expect(try await h.count("SELECT count(*) AS n FROM positions WHERE symbol = 'NIFTY' AND status = 'CLOSED' AND exit_reason = 'FLATTEN'") == 1)
            #expect(await h.waitFor("SELECT count(*) AS n FROM trades WHERE symbol = 'NIFTY'", equals: 1))
            #expect(try await h.count("SELECT count(*) AS n FROM orders WHERE symbol = 'NIFTY' AND status = 'OPEN'") == 0)
            #expect(try await h.count("SELECT count(*) AS n FROM orders WHERE symbol = 'BANKNIFTY' AND status = 'OPEN'") == 2)
            let again = try await h.stack.http("POST", "/positions/\(nifty.uuidString)/close")
            #expect(again.status == 409 && again.body.contains("position_not_open"))
            #expect(try await h.count("SELECT count(*) AS n FROM audit_log WHERE action = 'position.close' AND actor = 'operator'") == 1)

            // Flat book, credentials, the phrase: LIVE is accepted (then back to PAPER).
            #expect(try await h.stack.http("POST", "/flatten").status == 202)
            #expect(await h.waitFor("SELECT count(*) AS n FROM positions WHERE status = 'OPEN'", equals: 0))
            let accepted = try await h.stack.http("POST", "/mode", body: #"{"mode":"LIVE","confirm":"CONFIRM LIVE TRADING"}"#)
            #expect(accepted.status == 200 && accepted.body.contains("LIVE"))
            #expect(try await h.stack.http("POST", "/mode", body: #"{"mode":"PAPER"}"#).status == 200)
        } catch {
            print("---- control-api log ----\n\(h.stack.log("control-api").suffix(3000))")
            print("---- executor log ----\n\(h.stack.log("executor").suffix(3000))")
            await h.shutdown()
            throw error
        }
        await h.shutdown()
    }

    /// A GET with the viewer's token: status, body and the `X-Next-Cursor` header.
    private func page(_ stack: ServiceStack, _ path: String) async throws -> (status: Int, ids: [String], next: String?) {
        var request = URLRequest(url: URL(string: stack.apiBase + path)!)
        request.setValue("Bearer \(stack.viewerToken)", forHTTPHeaderField: "Authorization")
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = response as? HTTPURLResponse
        let rows = (try? JSONSerialization.jsonObject(with: data) as? [[String: Any]]) ?? []
        return (http?.statusCode ?? 0, rows.compactMap { $0["id"].map { "\($0)" } }, http?.value(forHTTPHeaderField: "X-Next-Cursor"))
    }

    @Test func listFiltersAndCursorPagination() async throws {
        try await withStack([:]) { stack in
            try await started(stack)
            let db = stack.database.connect()
            let day1 = Timestamp.parse("2026-11-20T10:00:00+05:30")!, day2 = Timestamp.parse("2026-11-21T10:00:00+05:30")!
            for index in 0..<5 {
                var trip = TradeHistorySeeder.Trip(entry: Paise(2_400_000), stop: Paise(2_390_000), exit: Paise(2_401_000), risk: Paise(750_000),
                                                   openedAt: day1.addingTimeInterval(Double(index) * 60), closedAt: day1.addingTimeInterval(Double(index) * 60 + 30))
                trip.symbol = "NIFTY"
                let seeded = trip
                try await db.withConnection { db in _ = try TradeHistorySeeder.seed(seeded, on: db) }
            }
            for index in 0..<3 {
                var trip = TradeHistorySeeder.Trip(entry: Paise(5_000_000), stop: Paise(4_990_000), exit: Paise(4_995_000), risk: Paise(350_000),
                                                   openedAt: day2.addingTimeInterval(Double(index) * 60), closedAt: day2.addingTimeInterval(Double(index) * 60 + 30))
                trip.symbol = "BANKNIFTY"
                let seeded = trip
                try await db.withConnection { db in _ = try TradeHistorySeeder.seed(seeded, on: db) }
            }
            let open = TradeHistorySeeder.Trip(entry: Paise(2_400_000), stop: Paise(2_390_000), exit: nil, risk: Paise(750_000),
                                               openedAt: day2, closedAt: day2)
            try await db.withConnection { db in _ = try TradeHistorySeeder.seed(open, on: db) }

            // Pages of 3 over the 8 trades: newest first, each once, the last page without a cursor.
            var seen: [String] = []
            var cursor: String? = nil
            var pages = 0
            repeat {
                let result = try await page(stack, "/trades?limit=3" + (cursor.map { "&cursor=\($0)" } ?? ""))
                #expect(result.status == 200)
                seen += result.ids
                cursor = result.next
                pages += 1
            } while cursor != nil && pages < 10
            #expect(seen.count == 8 && Set(seen).count == 8 && pages == 3)
            let all = try await page(stack, "/trades")
            #expect(all.ids == seen && all.next == nil)

            #expect(try await page(stack, "/trades?symbol=BANKNIFTY").ids.count == 3)
            #expect(try await page(stack, "/trades?from=2026-11-21").ids.count == 3)
            #expect(try await page(stack, "/trades?from=2026-11-20&to=2026-11-20").ids.count == 5)
            #expect(try await page(stack, "/trades?from=2026-11-20T04:31:00Z&to=2026-11-20T04:33:00Z").ids.count == 2)
            #expect(try await page(stack, "/trades?strategy=seed").ids.count == 8)
            #expect(try await page(stack, "/trades?strategy=other").ids.isEmpty)
            #expect(try await page(stack, "/decisions?strategy=seed&status=APPROVED").ids.count == 9)
            #expect(try await page(stack, "/positions?status=OPEN").ids.count == 1)
            #expect(try await page(stack, "/positions?status=closed&symbol=NIFTY").ids.count == 5)
            #expect(try await page(stack, "/orders?symbol=BANKNIFTY&limit=2").next != nil)
            #expect(try await page(stack, "/signals?symbol=NIFTY&from=2026-11-20").ids.count == 6)

            // Bad input: 400 with a message, never a 5xx.
            for bad in ["/trades?cursor=not-a-cursor", "/trades?cursor=" + Data("v1|yesterday|1".utf8).base64EncodedString(),
                        "/trades?bogus=1", "/trades?from=tomorrow", "/trades?from=2026-11-22&to=2026-11-21",
                        "/trades?from=2026-02-30", "/trades?symbol=nifty%3B", "/positions?status=MAYBE", "/signals?status=OPEN",
                        "/audit?symbol=NIFTY", "/trades?limit=5000"] {
                let response = try await stack.http("GET", bad, token: stack.viewerToken)
                #expect(response.status == 400 && response.body.contains("\"bad_request\""), "\(bad) → \(response.status) \(response.body)")
            }
        }
    }

    private static func base64URL(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// A JWT as an identity provider would mint it.
    private static func jwt(_ claims: String, secret: String, alg: String = "HS256") -> String {
        let signing = base64URL(Array("{\"alg\":\"\(alg)\",\"typ\":\"JWT\"}".utf8)) + "." + base64URL(Array(claims.utf8))
        return signing + "." + base64URL(HMACSHA256.mac(key: Array(secret.utf8), message: Array(signing.utf8)))
    }

    @Test func signedTokens() async throws {
        let secret = "jwt-secret-" + String(repeating: "k", count: 32)
        try await withStack(["AITRAPP_JWT_SECRET": secret]) { stack in
            try await started(stack)
            let exp = Int(Date().timeIntervalSince1970) + 600
            let viewer = Self.jwt(#"{"sub":"alice","role":"viewer","exp":\#(exp)}"#, secret: secret)
            let operatorToken = Self.jwt(#"{"sub":"bob","role":"operator","exp":\#(exp)}"#, secret: secret)
            #expect(try await stack.http("GET", "/state", token: viewer).status == 200)
            #expect(try await stack.http("POST", "/pause", token: viewer).status == 403)
            #expect(try await stack.http("POST", "/pause", token: operatorToken).status == 200)
            let actors = try await stack.database.connect().query("SELECT actor FROM audit_log WHERE action = 'pause'").map { try $0.string("actor") }
            #expect(actors == ["jwt:bob"])
            let expired = Self.jwt(#"{"sub":"bob","role":"operator","exp":\#(exp - 3600)}"#, secret: secret)
            let wrongKey = Self.jwt(#"{"sub":"bob","role":"operator","exp":\#(exp)}"#, secret: secret + "x")
            let noRole = Self.jwt(#"{"sub":"bob","exp":\#(exp)}"#, secret: secret)
            let unsigned = Self.base64URL(Array(#"{"alg":"none"}"#.utf8)) + "." + Self.base64URL(Array(#"{"sub":"eve","role":"operator","exp":\#(exp)}"#.utf8)) + "."
            for token in [expired, wrongKey, noRole, unsigned, Self.jwt(#"{"sub":"bob","role":"operator","exp":\#(exp)}"#, secret: secret, alg: "HS512")] {
                let response = try await stack.http("POST", "/pause", token: token)
                #expect(response.status == 401 && !response.body.contains(token))
            }
            // The stream takes them too.
            let client = StreamTestClient()
            client.connect(url: "ws://127.0.0.1:\(stack.apiPort)/ws?token=\(viewer)")
            #expect(await TestEnvironment.eventually(timeout: .seconds(10)) { client.frames.first?.contains("\"actor\":\"jwt:alice\"") == true })
            client.stop()
        }
    }
}
