import Foundation
import Messages
import PostgresStore
import ServiceKit
import TradingCore

/// Trips and clears tripwire halts: Postgres first (`system_state` halted + halt, a
/// `risk_events` row), then Redis `state:halted`, then a `risk.event` on `risk`.
struct HaltKeeper: Sendable {
    static let haltKey = "halt"
    let context: ServiceKitContext

    func record() async throws -> HaltRecord? {
        let text = try await context.database.withConnection { db in try SystemStateRepository.get(Self.haltKey, on: db) }
        guard let text, text != "null" else { return nil }
        return try? MessageCoding.makeDecoder().decode(HaltRecord.self, from: Data(text.utf8))
    }

    /// Halts for the first breach unless a halt lasting at least as long is in force.
    func trip(_ breaches: [Tripwire], now: Date, mode: TradingMode, trace: String) async throws {
        guard let breach = breaches.first else { return }
        let until = breaches.map { $0.until(after: now) }.max() ?? breach.until(after: now)
        if let current = try await record(), current.until >= until { return }
        let halt = HaltRecord(kind: breach.kind.rawValue, reason: breaches.map(\.detail).joined(separator: "; "), until: until, at: now)
        let json = String(decoding: try MessageCoding.makeEncoder().encode(halt), as: UTF8.self)
        let details = "{\"observed\":\(breach.observed),\"limit\":\(breach.limit),\"until\":\"\(Timestamp.format(until))\"}"
        try await context.database.transaction { db in
            try SystemStateRepository.set("halted", json: "true", on: db)
            try SystemStateRepository.set(Self.haltKey, json: json, on: db)
            try RiskEventRepository.insert(kind: "tripwire.\(breach.kind.rawValue)", severity: "CRITICAL",
                                           message: "entries halted until \(Timestamp.format(until)): \(halt.reason)",
                                           trace: trace, detailsJSON: details, on: db)
        }
        try? await context.redis.set(Channel.Key.halted, "1")
        context.logger.critical("tripwire halted new entries", metadata: [
            "trace": "\(trace)", "risk.tripwire": "\(breach.kind.rawValue)", "risk.until": "\(Timestamp.format(until))",
        ])
        await context.bus.publish(.riskEvent, on: Channel.risk, trace: trace, mode: mode, payload: RiskEventPayload(
            kind: "tripwire.\(breach.kind.rawValue)", severity: "CRITICAL", message: "entries halted: \(halt.reason)",
            details: ["observed": breach.observed, "limit": breach.limit], until: until))
    }

    /// Clears a tripwire halt whose `until` has passed. Returns true when it cleared one.
    @discardableResult
    func expireIfDue(now: Date, mode: TradingMode, trace: String) async throws -> Bool {
        guard let halt = try await record(), halt.until <= now else { return false }
        try await context.database.transaction { db in
            try SystemStateRepository.set("halted", json: "false", on: db)
            try SystemStateRepository.set(Self.haltKey, json: "null", on: db)
            try RiskEventRepository.insert(kind: "halt.cleared", severity: "INFO",
                                           message: "\(halt.kind) halt ended at \(Timestamp.format(halt.until))", trace: trace, on: db)
        }
        try? await context.redis.set(Channel.Key.halted, "0")
        context.logger.info("tripwire halt ended", metadata: ["trace": "\(trace)", "risk.tripwire": "\(halt.kind)"])
        await context.bus.publish(.riskEvent, on: Channel.risk, trace: trace, mode: mode, payload: RiskEventPayload(
            kind: "halt.cleared", severity: "INFO", message: "\(halt.kind) halt ended"))
        return true
    }
}
