import Foundation
import Messages
import PostgresStore
import Testing
import TestSupport
import TradingCore

/// The real risk-gate (with executor and control-api) on a private Redis and a fresh
/// database; signals and quotes are published by hand so every gate's input is chosen.
@Suite("End to end: risk-gate gates, tripwires and halts", .serialized)
struct RiskGateEndToEndTests {
    /// Monday 2025-09-08 10:00 IST: inside the entry window on the signal's bar time.
    static let bar = Date(timeIntervalSince1970: 1_757_305_800)

    /// Starts the stack and the recorder, runs `scenario`, prints the logs if it threw, shuts down.
    static func run(_ overrides: [String: String], _ scenario: Scenario) async throws {
        let stack = try await ServiceStack(overrides: overrides)
        let recorder = try EventRecorder(redisURL: stack.redisURL)
        do {
            #expect(await recorder.start())
            switch scenario {
            case .spreadThenTradesPerDay: try await spreadThenTradesPerDay(stack, recorder)
            case .minusTwoRHalt: try await minusTwoRHalt(stack, recorder)
            case .postgresDown: try await postgresDown(stack, recorder)
            }
        } catch {
            for service in ["risk-gate", "executor", "control-api"] { print("---- \(service) log ----\n\(stack.log(service).suffix(4000))") }
            recorder.stop()
            await stack.shutdown()
            throw error
        }
        recorder.stop()
        await stack.shutdown()
    }

    enum Scenario { case spreadThenTradesPerDay, minusTwoRHalt, postgresDown }

    static func registerNifty(_ db: PostgresDatabase) async throws {
        try await db.withConnection { runner in
            try InstrumentRepository.upsert(token: 256_265, exchange: "NSE", symbol: "NIFTY", name: "NIFTY", segment: "INDICES",
                                            instrumentType: "INDEX", tickSize: Paise(5), lotSize: 75, inUniverse: true, on: runner)
        }
    }

    static func startRiskGate(_ stack: ServiceStack, extra: [String: String] = [:]) async throws {
        let before = stack.log("risk-gate").components(separatedBy: "redis subscribed").count
        try stack.start("risk-gate", extraEnvironment: extra)
        try #require(await TestEnvironment.eventually(timeout: .seconds(20)) {
            stack.log("risk-gate").components(separatedBy: "redis subscribed").count >= before + 3
        }, "risk-gate did not subscribe")
    }

    /// risk-gate's count of received `md.tick` messages, from its /metrics.
    static func ticksSeen(_ stack: ServiceStack) async -> Int {
        guard let port = stack.metricsPorts["risk-gate"],
              let body = try? await stack.http("GET", "/metrics", port: port).body,
              let line = body.split(separator: "\n").first(where: { $0.hasPrefix("aitrapp_messages_received_total{channel=\"md.tick\"}") }),
              let value = line.split(separator: " ").last.flatMap({ Double($0) }) else { return 0 }
        return Int(value)
    }

    @Test func excessSpreadRejectsThenMaxTradesPerDayBlocksTheNextSignal() async throws {
        try await Self.run(["AITRAPP_RISK_GATE_MAX_TRADES_PER_DAY": "1", "AITRAPP_RISK_GATE_MAX_OPEN_POSITIONS": "5"], .spreadThenTradesPerDay)
    }

    @Test func aMinusTwoRDayHaltsUntilTheNextSession() async throws {
        try await Self.run([:], .minusTwoRHalt)
    }

    @Test func postgresUnreachableApprovesNothing() async throws {
        try await Self.run([:], .postgresDown)
    }

    /// risk-gate pointed at a Postgres that refuses connections: the signal is not approved
    /// on a guess (no decision is published at all, since none can be recorded first).
    static func postgresDown(_ stack: ServiceStack, _ recorder: EventRecorder) async throws {
        let db = stack.database.connect()
        try await registerNifty(db)
        try await startRiskGate(stack, extra: ["AITRAPP_POSTGRES_URL": "postgres://aitrapp@127.0.0.1:1/aitrapp?connect_timeout=2"])
        let bus = RiskGateBus(redis: RedisClientFactory.make(stack.redisURL), db: db)
        let (signal, trace, _) = try await bus.signal(entry: 2_473_405, stop: 2_471_405, bar: bar)
        #expect(await TestEnvironment.eventually(timeout: .seconds(20)) {
            stack.log("risk-gate").contains("risk state unreadable, failing closed") && stack.log("risk-gate").contains(trace)
                && stack.log("risk-gate").contains("message handling failed")
        })
        #expect(try await bus.decision(signal) == nil)
        #expect(!recorder.all.contains { $0.channel == "decisions" })
        #expect(stack.isRunning("risk-gate"))
    }

    static func spreadThenTradesPerDay(_ stack: ServiceStack, _ recorder: EventRecorder) async throws {
        let db = stack.database.connect()
        try await registerNifty(db)
        try stack.start("executor")
        try await startRiskGate(stack)
        let bus = RiskGateBus(redis: RedisClientFactory.make(stack.redisURL), db: db)

        // A quote ₹100 wide (≈40 bps of mid) against a 20 bps limit: rejected, persisted, no order.
        try await bus.tick("NIFTY", last: 2_473_405, bid: 2_463_405, ask: 2_473_405)
        try #require(await TestEnvironment.eventually(timeout: .seconds(10)) { await ticksSeen(stack) >= 1 })
        let (wide, wideTrace, _) = try await bus.signal(entry: 2_473_405, stop: 2_471_405, bar: bar)
        let rejected = await TestEnvironment.eventually(timeout: .seconds(10)) { (try? await bus.decision(wide)) != nil }
        try #require(rejected, "no decision for the wide-spread signal")
        let first = try #require(try await bus.decision(wide))
        #expect(first.status == "REJECTED" && first.failed == ["spread"])
        #expect(await TestEnvironment.eventually(timeout: .seconds(5)) {
            recorder.events(trace: wideTrace).contains { $0.header.type == .decisionRejected }
        })
        let blocked = try await db.query("SELECT message FROM risk_events WHERE kind = 'entry.blocked' AND trace = $1", [wideTrace])
        #expect(try blocked.count == 1 && blocked.first?.string("message").contains("spread") == true)

        // A tight quote: the next signal is approved (the day's one trade)…
        try await bus.tick("NIFTY", last: 2_473_405, bid: 2_473_305, ask: 2_473_405)
        try #require(await TestEnvironment.eventually(timeout: .seconds(10)) { await ticksSeen(stack) >= 2 })
        let (tight, _, tightRaw) = try await bus.signal(entry: 2_473_405, stop: 2_471_405, bar: bar.addingTimeInterval(60))
        #expect(await TestEnvironment.eventually(timeout: .seconds(10)) { (try? await bus.decision(tight))?.status == "APPROVED" })
        // …replaying it is a no-op (same client_plan_id)…
        _ = try await bus.redis.publish(tightRaw, to: "signals")
        #expect(await TestEnvironment.eventually(timeout: .seconds(10)) { stack.log("risk-gate").contains("signal already decided") })
        // …and the one after it is blocked by max trades per day.
        let (third, _, _) = try await bus.signal(entry: 2_473_405, stop: 2_471_405, bar: bar.addingTimeInterval(120))
        #expect(await TestEnvironment.eventually(timeout: .seconds(10)) { (try? await bus.decision(third)) != nil })
        let last = try #require(try await bus.decision(third))
        #expect(last.status == "REJECTED" && last.failed == ["max_trades_per_day"])

        let counts = try #require(try await db.query("""
            SELECT (SELECT count(*) FROM decisions) AS decisions,
                   (SELECT count(*) FROM orders o JOIN decisions d ON d.id = o.decision_id WHERE d.status = 'REJECTED') AS rejected_orders
            """).first)
        #expect(try counts.int("decisions") == 3 && counts.int("rejected_orders") == 0)
        let snapshot = try await bus.redis.get(Channel.Key.riskSnapshot)
        #expect(snapshot?.contains("\"tradesToday\":1") == true)
    }

    static func minusTwoRHalt(_ stack: ServiceStack, _ recorder: EventRecorder) async throws {
        let db = stack.database.connect()
        try await registerNifty(db)
        // Two −1R losses closed just now: ₹1,000 lost on a ₹1,000 risk each.
        let now = Date()
        try await db.withConnection { runner in
            for offset in [120.0, 60.0] {
                var loss = TradeHistorySeeder.Trip(entry: Paise(2_450_000), stop: Paise(2_448_667), exit: Paise(2_448_667),
                                                   risk: Paise(100_000), openedAt: now.addingTimeInterval(-offset - 60),
                                                   closedAt: now.addingTimeInterval(-offset))
                loss.fees = Paise(25)
                try TradeHistorySeeder.seed(loss, on: runner)
            }
        }
        try stack.start("control-api")
        try await startRiskGate(stack)
        let bus = RiskGateBus(redis: RedisClientFactory.make(stack.redisURL), db: db)

        // Rebuilt from Postgres at start: the tripwire halts, durably, with one CRITICAL event.
        let halted = await TestEnvironment.eventually(timeout: .seconds(15)) {
            (try? await db.withConnection { try SystemStateRepository.get("halted", on: $0) }) == "true"
        }
        try #require(halted, "the −2R day did not halt")
        #expect(try await db.query("SELECT count(*) AS n FROM risk_events WHERE kind = 'tripwire.daily_r' AND severity = 'CRITICAL'")
            .first?.int("n") == 1)
        #expect(await TestEnvironment.eventually(timeout: .seconds(5)) {
            recorder.all.contains { $0.channel == "risk" && $0.raw.contains("tripwire.daily_r") }
        })
        #expect(await TestEnvironment.eventually(timeout: .seconds(15)) {
            (try? await stack.http("GET", "/state").body)?.contains("\"halted\":true") ?? false
        })
        let snapshot = try await bus.redis.get(Channel.Key.riskSnapshot) ?? ""
        #expect(snapshot.contains("\"breaches\":[\"daily_r\"]") && snapshot.contains("\"canTakeNewPosition\":false"))

        let (blocked, _, _) = try await bus.signal(entry: 2_473_405, stop: 2_471_405, bar: bar)
        #expect(await TestEnvironment.eventually(timeout: .seconds(10)) { (try? await bus.decision(blocked)) != nil })
        let verdict = try #require(try await bus.decision(blocked))
        #expect(verdict.status == "REJECTED" && verdict.failed == ["halted", "r_tripwire"])

        // A restart keeps the halt (and does not raise it twice).
        #expect(await stack.stop("risk-gate") == 0)
        try await startRiskGate(stack)
        let (again, _, _) = try await bus.signal(entry: 2_473_405, stop: 2_471_405, bar: bar.addingTimeInterval(60))
        #expect(await TestEnvironment.eventually(timeout: .seconds(10)) { (try? await bus.decision(again))?.failed.contains("halted") == true })
        #expect(try await db.query("SELECT count(*) AS n FROM risk_events WHERE kind LIKE 'tripwire.%'").first?.int("n") == 1)

        // The next session (risk-gate's clock just after the halt's end): cleared, entries allowed again.
        let haltJSON = try #require(try await db.withConnection { try SystemStateRepository.get("halt", on: $0) })
        let until = try #require(try JSONSerialization.jsonObject(with: Data(haltJSON.utf8)) as? [String: Any])["until"] as? String
        let untilDate = try #require(until.flatMap(Timestamp.parse))
        #expect(untilDate > now && IST.minuteOfDay(untilDate) == 9 * 60 + 15)
        #expect(await stack.stop("risk-gate") == 0)
        try await startRiskGate(stack, extra: ["AITRAPP_RISK_GATE_CLOCK_START": Timestamp.format(untilDate.addingTimeInterval(60))])
        let (next, _, _) = try await bus.signal(entry: 2_473_405, stop: 2_471_405, bar: bar.addingTimeInterval(120))
        #expect(await TestEnvironment.eventually(timeout: .seconds(10)) { (try? await bus.decision(next))?.status == "APPROVED" })
        #expect(try await db.query("SELECT count(*) AS n FROM risk_events WHERE kind = 'halt.cleared'").first?.int("n") == 1)
        #expect(await TestEnvironment.eventually(timeout: .seconds(10)) {
            (try? await stack.http("GET", "/state").body)?.contains("\"halted\":false") ?? false
        })
    }
}
