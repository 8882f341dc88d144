import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
import TestSupport

/// control-api against real Redis and Postgres: PAPER at start, LIVE only by typed
/// confirmation with broker credentials, bad bodies are 400s, commands are audited.
@Suite("End to end: control-api commands", .serialized)
struct ControlAPIEndToEndTests {
    @Test func modePauseAndBadRequests() async throws {
        let stack = try await ServiceStack(overrides: ["AITRAPP_CONTROL_API_CORS_ORIGINS": "http://desk.example:8080"])
        do {
            try await checkCommands(stack)
        } catch {
            print("---- control-api log ----\n\(stack.log("control-api").suffix(3000))")
            await stack.shutdown()
            throw error
        }
        await stack.shutdown()
    }

    private func corsHeader(_ stack: ServiceStack, origin: String) async throws -> String? {
        var request = URLRequest(url: URL(string: "\(stack.apiBase)/state")!)
        request.setValue(origin, forHTTPHeaderField: "Origin")
        request.setValue("Bearer \(stack.viewerToken)", forHTTPHeaderField: "Authorization")
        let (_, response) = try await URLSession.shared.data(for: request)
        return (response as? HTTPURLResponse)?.value(forHTTPHeaderField: "Access-Control-Allow-Origin")
    }

    private func checkCommands(_ stack: ServiceStack) async throws {
        try stack.start("control-api")
        try #require(await TestEnvironment.eventually(timeout: .seconds(20)) { (try? await stack.http("GET", "/health").status) == 200 })

        // The start-up reset to PAPER is recorded durably.
        #expect(await TestEnvironment.eventually(timeout: .seconds(10)) {
            (try? await stack.http("GET", "/state").body)?.contains("\"durable\":{ \"mode\" : \"PAPER\"") ?? false
        })
        let state = try await stack.http("GET", "/state")
        #expect(state.status == 200 && state.body.contains("\"mode\":\"PAPER\""))

        let noPhrase = try await stack.http("POST", "/mode", body: "{\"mode\":\"LIVE\"}")
        #expect(noPhrase.status == 400 && noPhrase.body.contains("confirmation_required"))
        let wrongPhrase = try await stack.http("POST", "/mode", body: "{\"mode\":\"LIVE\",\"confirm\":\"confirm live trading\"}")
        #expect(wrongPhrase.status == 400)
        let noCredentials = try await stack.http("POST", "/mode", body: "{\"mode\":\"LIVE\",\"confirm\":\"CONFIRM LIVE TRADING\"}")
        #expect(noCredentials.status == 409 && noCredentials.body.contains("broker_credentials_missing"))
        let garbage = try await stack.http("POST", "/mode", body: "{{{")
        #expect(garbage.status == 400 && garbage.body.contains("\"error\""))
        let badMode = try await stack.http("POST", "/mode", body: "{\"mode\":\"YOLO\"}")
        #expect(badMode.status == 400)
        let badFilter = try await stack.http("GET", "/orders?status=nope")
        #expect(badFilter.status == 400)
        let badLimit = try await stack.http("GET", "/trades?limit=0")
        #expect(badLimit.status == 400)

        let pause = try await stack.http("POST", "/pause")
        #expect(pause.status == 200 && pause.body.contains("\"paused\":true"))
        #expect(try await stack.http("GET", "/state").body.contains("\"paused\":true"))
        let resume = try await stack.http("POST", "/resume")
        #expect(resume.status == 200 && resume.body.contains("\"paused\":false"))
        let paper = try await stack.http("POST", "/mode", body: "{\"mode\":\"PAPER\"}")
        #expect(paper.status == 200)

        // Ready only when every service beats: here only control-api runs.
        let ready = try await stack.http("GET", "/ready", token: stack.viewerToken)
        #expect(ready.status == 503 && ready.body.contains("heartbeat:executor") && !ready.body.contains("heartbeat:control-api")
                && !ready.body.contains("postgres"))

        // CORS: only the allow-listed origin gets the header and its preflight.
        #expect(try await corsHeader(stack, origin: "http://desk.example:8080") == "http://desk.example:8080")
        #expect(try await corsHeader(stack, origin: "http://evil.example") == nil)
        var preflight = URLRequest(url: URL(string: "\(stack.apiBase)/pause")!)
        preflight.httpMethod = "OPTIONS"
        preflight.setValue("http://evil.example", forHTTPHeaderField: "Origin")
        let (_, refused) = try await URLSession.shared.data(for: preflight)
        #expect((refused as? HTTPURLResponse)?.statusCode == 403)

        // No risk-gate in this stack: no snapshot yet.
        let risk = try await stack.http("GET", "/risk", token: stack.viewerToken)
        #expect(risk.status == 404 && risk.body.contains("no risk snapshot yet"))

        // Bearer tokens: none or a wrong one is 401 (the token never echoed), a viewer reads but
        // cannot command (403), /health needs nothing.
        #expect(try await stack.http("GET", "/health", token: "").status == 200)
        let anonymous = try await stack.http("GET", "/state", token: "")
        #expect(anonymous.status == 401 && anonymous.body.contains("\"unauthorized\""))
        let wrong = try await stack.http("POST", "/pause", token: "not-the-token-0123456789")
        #expect(wrong.status == 401 && !wrong.body.contains("not-the-token"))
        #expect(try await stack.http("GET", "/positions", token: stack.viewerToken).status == 200)
        let viewerCommand = try await stack.http("POST", "/flatten", token: stack.viewerToken)
        #expect(viewerCommand.status == 403 && viewerCommand.body.contains("\"forbidden\""))

        let db = stack.database.connect()
        let actions = try await db.query("SELECT action || ':' || result AS a FROM audit_log ORDER BY id").map { try $0.string("a") }
        #expect(actions == ["mode:refused: confirmation phrase", "mode:refused: confirmation phrase",
                            "mode:refused: no broker credentials", "pause:ok", "resume:ok", "mode:ok"])
        let reload = try await stack.http("POST", "/strategies/reload")
        #expect(reload.status == 202 && reload.body.contains("reload requested"))
        #expect(try await db.query("SELECT count(*) AS n FROM audit_log WHERE action = 'strategies.reload'").first?.int("n") == 1)

        // Who and from where: the token's name and the TCP peer.
        let who = try await db.query("SELECT DISTINCT actor, remote_addr FROM audit_log")
        #expect(try who.map { try $0.string("actor") } == ["operator"])
        #expect(try who.first?.optionalString("remote_addr") == "127.0.0.1")
        for path in ["/positions", "/orders", "/trades", "/signals", "/decisions"] {
            let response = try await stack.http("GET", path)
            #expect(response.status == 200 && response.body.hasPrefix("["), "\(path) → \(response.status)")
        }
    }

    /// Every route registered in control-api's sources is in /openapi.json with its method, and
    /// every documented path is a route (`:id` in the router is `{id}` in OpenAPI).
    @Test func openAPIDocumentMatchesTheRoutes() async throws {
        // Every source file of control-api (APIRoutes.swift registers the others' routes, e.g. BacktestRoutes.swift).
        let folder = TestEnvironment.root.appendingPathComponent("Services/ControlAPI")
        let source = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".swift") }.sorted()
            .map { try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8) }.joined(separator: "\n")
        let pattern = try NSRegularExpression(pattern: #"router\.(get|post|put|delete|patch)\("([^"]+)""#)
        let routes = Set(pattern.matches(in: source, range: NSRange(source.startIndex..., in: source)).map { match -> String in
            let method = String(source[Range(match.range(at: 1), in: source)!])
            let path = String(source[Range(match.range(at: 2), in: source)!])
                .replacingOccurrences(of: #":([A-Za-z_]+)"#, with: "{$1}", options: .regularExpression)
            return method + " " + path
        })
        #expect(routes.count >= 15)
        let stack = try await ServiceStack(overrides: [:])
        try stack.start("control-api")
        try #require(await TestEnvironment.eventually(timeout: .seconds(20)) { (try? await stack.http("GET", "/health").status) == 200 })
        let response = try await stack.http("GET", "/openapi.json", token: stack.viewerToken)
        await stack.shutdown()
        #expect(response.status == 200)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(response.body.utf8)) as? [String: Any])
        #expect(document["openapi"] as? String == "3.1.0")
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        let documented = Set(paths.flatMap { path, operations in operations.keys.map { $0 + " " + path } })
        #expect(routes.subtracting(documented).isEmpty, "routes missing from /openapi.json: \(routes.subtracting(documented).sorted())")
        #expect(documented.subtracting(routes).isEmpty, "documented but not routed: \(documented.subtracting(routes).sorted())")
    }

    @Test func replayStopsAtABadRowNamingTheLine() async throws {
        let bad = FileManager.default.temporaryDirectory.appendingPathComponent(TestEnvironment.uniqueName("bad") + ".csv")
        try """
            timestamp,open,high,low,close,volume
            2025-09-08T09:15:00+05:30,100.00,101.00,99.00,100.50,0
            2025-09-08T09:16:00+05:30,100.00,99.00,101.00,100.50,0
            """.write(to: bad, atomically: true, encoding: .utf8)
        let stack = try await ServiceStack(overrides: ["AITRAPP_MARKETDATA_FEED": "replay", "AITRAPP_MARKETDATA_REPLAY_FILE": bad.path])
        try stack.start("marketdata")
        #expect(await TestEnvironment.eventually(timeout: .seconds(20)) { !stack.isRunning("marketdata") })
        #expect(stack.log("marketdata").contains("\(bad.path):3:"))
        let bars = try await stack.database.connect().query("SELECT count(*) AS n FROM signals").first?.int("n")
        #expect(bars == 0)
        await stack.shutdown()
    }
}
