import Foundation
import Messages
import PostgresStore
import RedisBus
import TestSupport
import TradingCore

/// The real executor binary alone on a private stack: the test plays marketdata and
/// risk-gate, writing signal + decision rows to Postgres and publishing decisions and
/// ticks on Redis as they would.
final class ExecutorHarness: @unchecked Sendable {
    /// Market time of the test's ticks: a weekday morning (before the 15:25 square-off).
    static let marketStart = Date(timeIntervalSince1970: 1_763_613_000)   // 2025-11-20 10:00 IST

    /// Deterministic paper fills: no size impact, no latency, LIMITs fill when touched.
    static let baseEnvironment = [
        "AITRAPP_EXECUTOR_PAPER_IMPACT_BPS_PER_1000_UNITS": "0",
        "AITRAPP_EXECUTOR_PAPER_LATENCY_MS": "0",
        "AITRAPP_EXECUTOR_PAPER_LIMIT_FILL_PROBABILITY": "1",
        "AITRAPP_LOG_LEVEL": "info",
    ]

    let stack: ServiceStack
    let recorder: EventRecorder
    let db: PostgresDatabase
    let redis: RedisClient
    private var tickCount = 0

    init(environment: [String: String] = [:]) async throws {
        stack = try await ServiceStack(overrides: Self.baseEnvironment.merging(environment) { $1 })
        recorder = try EventRecorder(redisURL: stack.redisURL)
        db = stack.database.connect()
        redis = RedisClientFactory.make(stack.redisURL)
        _ = await recorder.start()
    }

    /// Starts the executor and waits for both of its subscriptions.
    func startExecutor(extraEnvironment: [String: String] = [:], expectSubscriptions: Int = 2) async throws {
        let before = subscriptions
        try stack.start("executor", extraEnvironment: extraEnvironment)
        let ready = await TestEnvironment.eventually(timeout: .seconds(20)) { self.subscriptions >= before + expectSubscriptions }
        guard ready else { throw StackError("executor did not subscribe:\n\(stack.log("executor").suffix(3000))") }
    }

    var subscriptions: Int { stack.log("executor").components(separatedBy: "redis subscribed").count - 1 }

    /// A signal and an approved decision in Postgres, as strategy-ranker and risk-gate write them.
    func seedDecision(symbol: String = "NIFTY", side: Side = .buy, lots: Int, lotSize: Int = 75, entry: Paise, stop: Paise,
                      target: Paise) async throws -> DecisionPayload {
        let signalId = UUID()
        let decisionId = UUID()
        let trace = TraceID.make()
        let plan = ClientIds.plan(signalId: signalId.uuidString, configSha: "e2e")
        let quantity = lots * lotSize
        try await db.withConnection { db in
            try db.query("""
                INSERT INTO signals (id, trace, strategy, symbol, side, entry_price, stop_price, target_price, confidence,
                                     rationale, config_sha, bar_start)
                VALUES ($1, $2, 'e2e', $3, $4, $5, $6, $7, 0.9, 'test', 'e2e', $8)
                """, [signalId, trace, symbol, side.rawValue, entry, stop, target, Date()])
            try db.query("""
                INSERT INTO decisions (id, signal_id, client_plan_id, trace, status, mode, symbol, side, lots, lot_size,
                                       quantity, risk_amount, verdicts, config_sha)
                VALUES ($1, $2, $3, $4, 'APPROVED', 'PAPER', $5, $6, $7, $8, $9, $10, '[]'::jsonb, 'e2e')
                """, [decisionId, signalId, plan, trace, symbol, side.rawValue, lots, lotSize, quantity,
                      (entry - stop).magnitude * Int64(quantity)])
        }
        return DecisionPayload(decisionId: decisionId, signalId: signalId, clientPlanId: plan, approved: true, symbol: symbol,
                               side: side.rawValue, lots: lots, lotSize: lotSize, quantity: quantity, entryPaise: entry.value,
                               stopPaise: stop.value, targetPaise: target.value,
                               riskPaise: ((entry - stop).magnitude * Int64(quantity)).value, verdicts: [])
    }

    func traceOf(_ decision: DecisionPayload) async throws -> String {
        try await db.query("SELECT trace FROM decisions WHERE id = $1", [decision.decisionId]).first?.string("trace") ?? ""
    }

    func publish(_ decision: DecisionPayload) async throws {
        let trace = try await traceOf(decision)
        try await publish(.decisionApproved, on: Channel.decisions, trace: trace, payload: decision)
    }

    /// A tick `minutes` after the market start, with bid/ask around `last` (`halfSpread` each side).
    /// Publishes `decision`, waits for its entry order and sends the tick (minute 0) that fills it;
    /// false when the entry order never appeared.
    func publishAndFill(_ decision: DecisionPayload, at last: Paise, halfSpread: Paise = .zero) async throws -> Bool {
        try await publish(decision)
        guard await waitFor("SELECT count(*) AS n FROM orders WHERE leg = 'ENTRY'", equals: 1) else { return false }
        try await tick(last: last, halfSpread: halfSpread, minutes: 0)
        return true
    }

    func tick(_ symbol: String = "NIFTY", last: Paise, halfSpread: Paise = .zero, minutes: Double = 0) async throws {
        tickCount += 1
        let payload = TickPayload(symbol: symbol, exchangeTs: Self.marketStart.addingTimeInterval(minutes * 60),
                                  lastPricePaise: last.value, volume: 75, bidPaise: (last - halfSpread).value,
                                  askPaise: (last + halfSpread).value)
        try await publish(.tick, on: Channel.tick(symbol), trace: TraceID.make(), payload: payload)
    }

    func publish<P: Codable & Sendable>(_ type: MessageType, on channel: String, trace: String, payload: P) async throws {
        let envelope = Envelope(type: type, ts: Date(), source: "e2e", trace: trace, mode: .paper, payload: payload)
        let text = String(decoding: try MessageCoding.makeEncoder().encode(envelope), as: UTF8.self)
        try await redis.publish(text, to: channel)
    }

    /// Waits until `sql`'s first row's column `n` equals `value`.
    func waitFor(_ sql: String, _ parameters: [(any PostgresEncodable)?] = [], equals value: Int,
                 timeout: Duration = .seconds(10)) async -> Bool {
        await TestEnvironment.eventually(timeout: timeout) {
            (try? await self.db.query(sql, parameters).first?.int("n")) == value
        }
    }

    func count(_ sql: String, _ parameters: [(any PostgresEncodable)?] = []) async throws -> Int {
        try await db.query(sql, parameters).first?.int("n") ?? -1
    }

    func shutdown() async {
        recorder.stop()
        await stack.shutdown()
    }
}
