import Foundation
import Messages
import PostgresStore
import Testing
import TestSupport
import TradingCore

/// Starts the six real processes, replays a CSV on which the EMA cross must fire, and
/// follows one paper trade through Postgres and the bus; then flattens it.
@Suite("End to end: one paper trade through every process", .serialized)
struct PaperTradeEndToEndTests {
    static let fixture = TestEnvironment.root.appendingPathComponent("Tests/EndToEndTests/Fixtures/ema_cross_up.csv").path

    @Test func signalToTradeChainWithOneTraceThenFlatten() async throws {
        let stack = try await ServiceStack(overrides: [
            "AITRAPP_MARKETDATA_FEED": "replay",
            "AITRAPP_MARKETDATA_REPLAY_FILE": Self.fixture,
            "AITRAPP_MARKETDATA_REPLAY_SPEED": "2400",
            // One trade from the EMA cross; the other strategies have their own end-to-end test.
            "AITRAPP_STRATEGIES_ENABLED": "ema_cross",
            // This test follows the kill switch: keep the time and volatility exits out of its way.
            "AITRAPP_EXECUTOR_EXITS_TIME_STOP_MINUTES": "0",
            "AITRAPP_EXECUTOR_EXITS_VOLATILITY_STOP_ATR_MULTIPLE": "0",
        ])
        let recorder = try EventRecorder(redisURL: stack.redisURL)
        do {
            try await run(stack, recorder)
        } catch {
            for service in ServiceStack.services { print("---- \(service) log ----\n\(stack.log(service).suffix(3000))") }
            recorder.stop()
            await stack.shutdown()
            throw error
        }
        recorder.stop()
        await stack.shutdown()
    }

    private func run(_ stack: ServiceStack, _ recorder: EventRecorder) async throws {
        #expect(await recorder.start())
        // Consumers first, so the replay's first bar has an audience.
        for service in ["control-api", "strategy-ranker", "risk-gate", "executor", "scheduler-worker"] { try stack.start(service) }
        let ready = await TestEnvironment.eventually(timeout: .seconds(30)) {
            guard let (status, _) = try? await stack.http("GET", "/health"), status == 200 else { return false }
            return ["strategy-ranker", "risk-gate"].allSatisfy { stack.log($0).contains("redis subscribed") }
                && stack.log("executor").components(separatedBy: "redis subscribed").count == 3
        }
        try #require(ready, "services did not come up")
        try stack.start("marketdata")

        let db = stack.database.connect()
        let opened = await TestEnvironment.eventually(timeout: .seconds(30)) {
            (try? await db.query("SELECT count(*) AS n FROM positions WHERE status = 'OPEN'").first?.int("n")) == 1
        }
        try #require(opened, "no position opened from the replay")

        // Postgres: the chain with its links and one trace.
        let chain = try #require(try await db.query("""
            SELECT s.id AS signal_id, s.trace AS s_trace, s.side, d.id AS decision_id, d.trace AS d_trace, d.status,
                   d.lots, d.quantity, d.client_plan_id, o.id AS order_id, o.trace AS o_trace, o.status AS o_status,
                   o.client_order_id, f.id AS fill_id, f.trace AS f_trace, p.id AS position_id, p.trace AS p_trace
            FROM signals s
            JOIN decisions d ON d.signal_id = s.id
            JOIN orders o ON o.decision_id = d.id AND o.leg = 'ENTRY'
            JOIN fills f ON f.order_id = o.id
            JOIN positions p ON p.decision_id = d.id
            """).first)
        let trace = try chain.string("s_trace")
        for column in ["d_trace", "o_trace", "f_trace", "p_trace"] { #expect(try chain.string(column) == trace) }
        #expect(try chain.string("side") == "BUY")
        #expect(try chain.string("status") == "APPROVED")
        #expect(try chain.int("lots") >= 1)
        #expect(try chain.int("quantity") == (try chain.int("lots")) * 75)
        #expect(try chain.string("o_status") == "FILLED")
        #expect(try chain.string("client_order_id") == (try chain.string("client_plan_id")) + "-E")
        // The stop for the whole filled quantity; TP1 and (from two lots) TP2 share it.
        let childrenPlaced = await TestEnvironment.eventually(timeout: .seconds(10)) {
            (try? await db.query("SELECT count(*) AS n FROM orders WHERE leg = 'STOP'").first?.int("n")) == 1
        }
        try #require(childrenPlaced, "no stop placed")
        let children = try await db.query("""
            SELECT leg, order_type, status, quantity FROM orders WHERE leg IN ('STOP','TARGET','TARGET2') ORDER BY leg
            """)
        let quantity = try chain.int("quantity")
        #expect(try children.map { try $0.string("leg") }.prefix(2) == ["STOP", "TARGET"])
        #expect(try children.allSatisfy { try $0.string("status") == "OPEN" })
        #expect(try children.first?.int("quantity") == quantity)
        #expect(try children.dropFirst().reduce(0) { $0 + (try $1.int("quantity")) } == quantity)
        #expect(try await db.query("SELECT count(*) AS n FROM signals").first?.int("n") == 1)

        // The bus: each step of the chain on its channel, under the same trace.
        let seen = await TestEnvironment.eventually(timeout: .seconds(5)) {
            let types = Set(recorder.events(trace: trace).map { "\($0.channel)|\($0.header.type.rawValue)" })
            return ["md.tick.NIFTY|md.tick", "md.bar.1m.NIFTY|md.bar", "signals|signal.created", "decisions|decision.approved",
                    "orders|order.placed", "fills|fill.created", "positions|position.opened"].allSatisfy(types.contains)
        }
        #expect(seen, "chain events missing on the bus: \(recorder.events(trace: trace).map(\.header.type.rawValue))")
        let decisionEvent = try #require(recorder.events(trace: trace).first { $0.header.type == .decisionApproved })
        #expect(decisionEvent.header.source == "risk-gate")
        #expect(decisionEvent.header.mode == .paper)
        #expect(decisionEvent.raw.contains("\"v\":1"))

        // A malformed message on a consumed channel is dropped; the consumers keep running.
        let redis = RedisClientFactory.make(stack.redisURL)
        try await redis.publish("{not json", to: "signals")
        try await redis.publish("{\"v\":1,\"type\":\"decision.approved\"}", to: "decisions")
        let counted = await TestEnvironment.eventually(timeout: .seconds(5)) {
            guard let port = stack.metricsPorts["risk-gate"],
                  let metrics = try? await stack.http("GET", "/metrics", port: port).body else { return false }
            return metrics.contains("aitrapp_messages_malformed_total{channel=\"signals\"} 1")
        }
        #expect(counted)
        #expect(stack.isRunning("risk-gate") && stack.isRunning("executor"))

        // The kill switch while the executor is down (its Redis message is lost): the request
        // recorded in Postgres is honoured when the executor comes back, after it restores
        // the open position. Then: no open position, no working order, one linked trade.
        #expect(await stack.stop("executor") == 0, "executor did not exit cleanly on SIGTERM")
        let (status, body) = try await stack.http("POST", "/flatten")
        #expect(status == 202, "flatten answered \(status) \(body)")
        #expect(body.contains("\"recorded\":true") && body.contains("\"paused\":true"))
        try stack.start("executor")
        let flat = await TestEnvironment.eventually(timeout: .seconds(10)) {
            let open = try? await db.query("""
                SELECT (SELECT count(*) FROM positions WHERE status = 'OPEN') AS positions,
                       (SELECT count(*) FROM orders WHERE status = 'OPEN') AS orders
                """).first
            return (try? open?.int("positions")) == 0 && (try? open?.int("orders")) == 0
        }
        #expect(flat, "positions or working orders remain after flatten")
        let trade = try #require(try await db.query("""
            SELECT t.id, t.trace, t.exit_reason, t.signal_id, t.decision_id, t.quantity, t.gross_pnl, t.fees, t.net_pnl,
                   ef.order_id AS entry_order, xf.order_id AS exit_order, xo.leg AS exit_leg, xo.status AS exit_status
            FROM trades t JOIN fills ef ON ef.id = t.entry_fill_id JOIN fills xf ON xf.id = t.exit_fill_id
            JOIN orders xo ON xo.id = xf.order_id
            """).first)
        #expect(try trade.string("trace") == trace)
        #expect(try trade.string("exit_reason") == "FLATTEN")
        #expect(try trade.uuid("signal_id") == chain.uuid("signal_id"))
        #expect(try trade.uuid("decision_id") == chain.uuid("decision_id"))
        #expect(try trade.uuid("entry_order") == chain.uuid("order_id"))
        #expect(try trade.string("exit_leg") == "EXIT")
        #expect(try trade.paise("net_pnl") == trade.paise("gross_pnl") - trade.paise("fees"))
        let cancelled = try await db.query("""
            SELECT count(*) AS n FROM orders WHERE leg IN ('STOP','TARGET','TARGET2') AND status = 'CANCELLED'
            """)
        #expect(try cancelled.first?.int("n") == children.count)
        #expect(await TestEnvironment.eventually(timeout: .seconds(5)) {
            recorder.events(trace: trace).contains { $0.channel == "trades" && $0.header.type == .tradeClosed }
        })
        let audit = try await db.query("SELECT action, result FROM audit_log WHERE action = 'flatten'")
        #expect(audit.count == 1)
        #expect(try await stack.http("GET", "/audit?action=flatten", token: stack.viewerToken).body.contains("\"actor\":\"operator\""))

        // GET /trades/{id}: the trade with its signal, decision, four orders and their fills.
        let tradeID = try trade.uuid("id").uuidString.lowercased()
        let whole = try await stack.http("GET", "/trades/\(tradeID)", token: stack.viewerToken)
        #expect(whole.status == 200)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(whole.body.utf8)) as? [String: Any])
        #expect((object["signal"] as? [String: Any])?["id"] as? String == (try trade.uuid("signal_id")).uuidString.lowercased())
        #expect((object["decision"] as? [String: Any])?["trace"] as? String == trace)
        #expect((object["orders"] as? [Any])?.count == 4)                       // entry, stop, target, exit
        #expect((object["fills"] as? [Any])?.count == 2)                        // entry and exit
        #expect(try await stack.http("GET", "/trades/\(UUID().uuidString)").status == 404)
        #expect(try await stack.http("GET", "/trades/not-a-uuid").status == 400)

        // The restarted executor is subscribed again and the desk is paused by the kill switch.
        #expect(await TestEnvironment.eventually(timeout: .seconds(15)) { stack.log("executor").components(separatedBy: "redis subscribed").count == 5 })
        let stateBody = try await stack.http("GET", "/state").body
        #expect(stateBody.contains("\"mode\":\"PAPER\"") && stateBody.contains("\"paused\":true"))
        #expect(stack.isRunning("executor"))
        #expect(stack.log("executor").contains("flatten request found in Postgres"))
    }
}
