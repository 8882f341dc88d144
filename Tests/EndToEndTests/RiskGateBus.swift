import Foundation
import Messages
import PostgresStore
import RedisBus
import TradingCore

/// What strategy-ranker and marketdata do, by hand: a signal row plus its `signal.created`
/// envelope, and `md.tick` quotes — so risk-gate's end-to-end tests choose every input.
struct RiskGateBus {
    let redis: RedisClient
    let db: PostgresDatabase

    /// Inserts the signal (decisions reference it) and publishes it; returns (signal id, trace, raw envelope).
    @discardableResult
    func signal(entry: Int64, stop: Int64, bar: Date, symbol: String = "NIFTY") async throws -> (UUID, String, String) {
        let id = UUID()
        let trace = TraceID.make()
        let signal = TradeSignal(strategy: "e2e", symbol: symbol, side: .buy, entry: Paise(entry), stop: Paise(stop),
                                 target: Paise(entry + 2 * (entry - stop)), confidence: 0.8, rationale: "e2e", features: [:], barStart: bar)
        _ = try await db.withConnection { try SignalRepository.insert(signal, id: id, trace: trace, configSha: "e2e", on: $0) }
        let payload = SignalPayload(signalId: id, strategy: "e2e", symbol: symbol, side: "BUY", entryPaise: entry, stopPaise: stop,
                                    targetPaise: signal.target.value, confidence: 0.8, rationale: "e2e", features: [:],
                                    barStart: bar, configSha: "e2e")
        let raw = try encode(.signalCreated, trace: trace, payload)
        _ = try await redis.publish(raw, to: "signals")
        return (id, trace, raw)
    }

    func tick(_ symbol: String, last: Int64, bid: Int64, ask: Int64) async throws {
        let payload = TickPayload(symbol: symbol, exchangeTs: Date(), lastPricePaise: last, volume: 1, bidPaise: bid, askPaise: ask)
        _ = try await redis.publish(try encode(.tick, trace: TraceID.make(), payload), to: "md.tick.\(symbol)")
    }

    func encode<P: Codable & Sendable>(_ type: MessageType, trace: String, _ payload: P) throws -> String {
        let envelope = Envelope(type: type, ts: Date(), source: "e2e", trace: trace, mode: .paper, payload: payload)
        return String(decoding: try MessageCoding.makeEncoder().encode(envelope), as: UTF8.self)
    }

    /// The decision of a signal: status and the failed gates' names.
    func decision(_ signalId: UUID) async throws -> (status: String, failed: [String])? {
        guard let row = try await db.query("""
            SELECT status, coalesce((SELECT json_agg(v->>'gate')::text FROM jsonb_array_elements(verdicts) v
                                     WHERE (v->>'passed')::boolean = false), '[]') AS failed
            FROM decisions WHERE signal_id = $1
            """, [signalId]).first else { return nil }
        let failed = try JSONDecoder().decode([String].self, from: Data(try row.string("failed").utf8))
        return (try row.string("status"), failed)
    }
}
