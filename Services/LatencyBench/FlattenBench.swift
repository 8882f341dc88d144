import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Logging
import Messages
import PostgresStore
import RedisBus
import ServiceKit
import TradingCore

/// `latency-bench --flatten 1,10,200`: against a running executor (alone: no marketdata,
/// no strategies, so nothing else opens positions). For each N it writes N signals and
/// approved decisions to Postgres, publishes the decisions one at a time and times each
/// `decision.approved` → `order.placed` (ENTRY) from the envelope timestamps, waits until
/// the N paper positions are open (they fill against `md:last:BENCH<k>`), then publishes
/// `control.flatten` and reads the executor's `flatten.completed` report (request → flat
/// book re-checked in Postgres). Prints one line per N and the decision-to-order percentiles.
/// With `api` (control-api's URL and an operator token) the flatten is the operator's:
/// `POST /flatten`, with a dashboard `/ws` stream connected and reading throughout.
struct FlattenBench {
    let redis: RedisClient
    let subscriber: RedisSubscriber
    let db: PostgresDatabase
    let inbox = Inbox()
    var api: (url: String, token: String)?

    final class Inbox: @unchecked Sendable {
        private let lock = NSLock()
        private var placed: [String: Date] = [:]
        private var flattens: [String: FlattenPayload] = [:]
        func notePlaced(_ trace: String, _ at: Date) { lock.withLock { placed[trace] = at } }
        func noteFlatten(_ trace: String, _ report: FlattenPayload) { lock.withLock { flattens[trace] = report } }
        func placed(_ trace: String) -> Date? { lock.withLock { placed[trace] } }
        func flatten(_ trace: String) -> FlattenPayload? { lock.withLock { flattens[trace] } }
    }

    init(config: AppConfig) throws {
        let redisConfig = try RedisConfiguration(url: config.string("redis.url", default: "redis://127.0.0.1:6379"))
        let logger = Logger(label: "latency-bench")
        redis = RedisClient(configuration: redisConfig, logger: logger)
        subscriber = RedisSubscriber(configuration: redisConfig, channels: [Channel.orders, Channel.risk], logger: logger)
        db = PostgresDatabase(url: config.string("postgres.url", default: "postgres://aitrapp@127.0.0.1:55432/aitrapp"), logger: logger)
    }

    func run(sizes: [Int]) async throws {
        subscriber.start()
        let decoder = MessageCoding.makeDecoder()
        let inbox = self.inbox
        let collector = Task { [subscriber] in
            for await message in subscriber.messages {
                let data = Data(message.payload.utf8)
                guard let header = try? decoder.decode(EnvelopeHeader.self, from: data) else { continue }
                if header.type == .orderPlaced, let order = try? decoder.decode(Envelope<OrderPayload>.self, from: data),
                   order.payload.leg == "ENTRY" {
                    inbox.notePlaced(header.trace, header.ts)
                } else if header.type == .flattenCompleted, let report = try? decoder.decode(Envelope<FlattenPayload>.self, from: data) {
                    inbox.noteFlatten(header.trace, report.payload)
                }
            }
        }
        defer { collector.cancel(); subscriber.stop() }
        guard await poll(timeout: 10, { subscriber.isSubscribed }) else { throw BenchError("could not subscribe to Redis") }

        let dashboard = DashboardStream()
        if let api {
            dashboard.connect(api: api.url, token: api.token)
            guard await poll(timeout: 10, { dashboard.isOpen }) else { throw BenchError("no /ws connection to \(api.url)") }
        }
        defer { dashboard.close() }
        var latencies: [Double] = []
        if api != nil { print("flatten through control-api: POST /flatten with a dashboard /ws stream connected") }
        print("flatten of N open paper positions (executor-measured: request → every exit filled → Postgres re-checked flat):")
        for (round, size) in sizes.enumerated() {
            try await db.withConnection { db in _ = try db.query("UPDATE system_state SET value = 'false'::jsonb WHERE key = 'paused'") }
            let before = try await openPositions()
            for index in 0..<size {
                let symbol = "BENCH\(index % 20)"
                try await redis.set(Channel.Key.lastPrice(symbol), "10000")
                let (trace, envelope) = try await seedDecision(symbol: symbol, tag: "\(round)-\(index)")
                let sent = Date()
                try await redis.publish(envelope, to: Channel.decisions)
                guard await poll(timeout: 10, { inbox.placed(trace) != nil }), let placed = inbox.placed(trace) else {
                    throw BenchError("no order.placed for decision \(index) of \(size)")
                }
                latencies.append(placed.timeIntervalSince(sent) * 1000)
            }
            guard await poll(timeout: 30, { (try? await openPositions()) == before + size }) else {
                throw BenchError("\(size) positions did not open")
            }
            let framesBefore = dashboard.frames
            let started = Date()
            let trace = try await requestFlatten()
            guard await poll(timeout: 30, { inbox.flatten(trace) != nil }), let report = inbox.flatten(trace) else {
                throw BenchError("no flatten.completed for \(size) positions")
            }
            let wall = Date().timeIntervalSince(started) * 1000
            let open = try await openPositions()
            let how = api == nil ? "publishing control.flatten" : "POST /flatten"
            print(String(format: "  N = %3d: %8.2f ms in the executor, %8.2f ms from %@ to the report; flat: %@, open now: %d",
                         size, report.durationMs, wall, how, report.flat ? "yes" : "NO", open)
                  + (api == nil ? "" : ", dashboard frames meanwhile: \(dashboard.frames - framesBefore)"))
        }
        latencies.sort()
        func percentile(_ p: Double) -> Double { latencies[min(latencies.count - 1, Int((p / 100 * Double(latencies.count)).rounded(.up)) - 1)] }
        print(String(format: "decision-to-order latency over %d decisions (publish → order.placed ENTRY): p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms",
                     latencies.count, percentile(50), percentile(90), percentile(99), latencies.last ?? 0))
    }

    /// Publishes `control.flatten` (or asks control-api for it) and returns the trace its
    /// `flatten.completed` will carry.
    private func requestFlatten() async throws -> String {
        guard let api else {
            let trace = TraceID.make()
            let envelope = Envelope(type: .controlFlatten, ts: Date(), source: "latency-bench", trace: trace, mode: .paper,
                                    payload: ControlPayload(actor: "latency-bench", reason: "flatten benchmark"))
            try await redis.publish(String(decoding: try MessageCoding.makeEncoder().encode(envelope), as: UTF8.self), to: Channel.control)
            return trace
        }
        var request = URLRequest(url: URL(string: api.url + "/flatten")!)
        request.httpMethod = "POST"
        request.setValue("Bearer " + api.token, forHTTPHeaderField: "Authorization")
        let (data, response) = try await URLSession.shared.data(for: request)
        guard let status = (response as? HTTPURLResponse)?.statusCode, (200..<300).contains(status),
              let body = try JSONSerialization.jsonObject(with: data) as? [String: Any], let trace = body["trace"] as? String else {
            throw BenchError("POST /flatten answered \((response as? HTTPURLResponse)?.statusCode ?? 0): \(String(decoding: data, as: UTF8.self))")
        }
        return trace
    }

    private func openPositions() async throws -> Int {
        try await db.withConnection { db in try PositionRepository.openCount(on: db) }
    }

    private func seedDecision(symbol: String, tag: String) async throws -> (String, String) {
        let signalId = UUID()
        let decisionId = UUID()
        let trace = TraceID.make()
        let plan = ClientIds.plan(signalId: signalId.uuidString, configSha: "bench")
        let barStart = Date()
        try await db.withConnection { db in
            try db.query("""
                INSERT INTO signals (id, trace, strategy, symbol, side, entry_price, stop_price, target_price, confidence,
                                     rationale, config_sha, bar_start)
                VALUES ($1, $2, $3, $4, 'BUY', 100.00, 98.00, 102.40, 0.5, 'flatten benchmark', 'bench', $5)
                """, [signalId, trace, "bench-" + tag, symbol, barStart])
            try db.query("""
                INSERT INTO decisions (id, signal_id, client_plan_id, trace, status, mode, symbol, side, lots, lot_size,
                                       quantity, risk_amount, verdicts, config_sha)
                VALUES ($1, $2, $3, $4, 'APPROVED', 'PAPER', $5, 'BUY', 2, 75, 150, 300.00, '[]'::jsonb, 'bench')
                """, [decisionId, signalId, plan, trace, symbol])
        }
        let payload = DecisionPayload(decisionId: decisionId, signalId: signalId, clientPlanId: plan, approved: true, symbol: symbol,
                                      side: "BUY", lots: 2, lotSize: 75, quantity: 150, entryPaise: 10_000, stopPaise: 9_800,
                                      targetPaise: 10_240, riskPaise: 30_000, verdicts: [])
        let envelope = Envelope(type: .decisionApproved, ts: Date(), source: "latency-bench", trace: trace, mode: .paper, payload: payload)
        return (trace, String(decoding: try MessageCoding.makeEncoder().encode(envelope), as: UTF8.self))
    }

    private func poll(timeout seconds: Double, _ condition: () async -> Bool) async -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if await condition() { return true }
            try? await Task.sleep(for: .milliseconds(2))
        }
        return await condition()
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
