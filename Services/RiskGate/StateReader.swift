import Foundation
import Messages
import PostgresStore
import ServiceKit
import TradingCore

/// Rebuilds the risk state from Postgres (the book, durable flags) and Redis (fast flags,
/// last prices, the leader lease). Any failure gives `RiskState.unreadable` (fail closed).
struct StateReader: Sendable {
    static let leaseKey = "risk:leader"
    let context: ServiceKitContext
    let settings: RiskGateSettings

    func read(symbol: String?, now: Date, trace: String) async -> (RiskState, InstrumentFacts?) {
        do {
            let replies = try await context.redis.pipeline([
                ["GET", Channel.Key.mode], ["GET", Channel.Key.paused], ["GET", Channel.Key.halted],
                ["SET", Self.leaseKey, settings.instanceId, "NX", "EX", String(settings.leaseSeconds)], ["GET", Self.leaseKey],
            ])
            let leader = replies[4].string == settings.instanceId
            if leader { _ = try await context.redis.command(["EXPIRE", Self.leaseKey, String(settings.leaseSeconds)]) }
            let (day, week) = Self.dayAndWeekStart(now)
            let inFlight = settings.inFlightSeconds
            let (ledger, instrument, durablePaused, durableHalted, halt) = try await context.database.withConnection { db in
                (try RiskStateRepository.ledger(dayStart: day, weekStart: week, inFlightSeconds: inFlight, on: db),
                 try symbol.flatMap { try RiskStateRepository.instrument(symbol: $0, on: db) },
                 try SystemStateRepository.get("paused", on: db) == "true", try SystemStateRepository.get("halted", on: db) == "true",
                 try SystemStateRepository.get(HaltKeeper.haltKey, on: db))
            }
            var priced = ledger
            let symbols = Array(Set(ledger.open.map(\.symbol)))
            if !symbols.isEmpty {
                let prices = try await context.redis.pipeline(symbols.map { ["GET", Channel.Key.lastPrice($0)] })
                let last = Dictionary(uniqueKeysWithValues: zip(symbols, prices.map { $0.string.flatMap(Int64.init).map(Paise.init) }))
                for index in priced.open.indices { priced.open[index].lastPrice = last[priced.open[index].symbol] ?? nil }
            }
            var base = RiskState(mode: replies[0].string.flatMap(TradingMode.init(rawValue:)) ?? .paper,
                                 paused: replies[1].string == "1" || durablePaused,
                                 halted: replies[2].string == "1" || durableHalted, openPositions: 0, readAt: now)
            base.leader = leader
            base.haltReason = halt.flatMap { try? MessageCoding.makeDecoder().decode(HaltRecord.self, from: Data($0.utf8)) }
                .map { "\($0.reason) (until \(Timestamp.format($0.until)))" }
            return (priced.state(base, limits: settings.limits), instrument.map(applyConfig))
        } catch {
            context.logger.error("risk state unreadable, failing closed", metadata: ["trace": "\(trace)", "error": "\(error)"])
            return (.unreadable, nil)
        }
    }

    /// The ban list is config; blackouts are judged when the signal arrives (DecisionMaker).
    private func applyConfig(_ facts: InstrumentFacts) -> InstrumentFacts {
        var facts = facts
        facts.banned = settings.banList.contains(facts.symbol) || settings.banList.contains(facts.underlying)
        return facts
    }

    /// IST midnight of `now`'s day, and of the Monday of its week.
    static func dayAndWeekStart(_ now: Date) -> (Date, Date) {
        let day = IST.instant(onDayOf: now, hour: 0, minute: 0)
        let weekday = IST.calendar.component(.weekday, from: now)  // 1 = Sunday
        let back = (weekday + 5) % 7
        return (day, IST.instant(onDayOf: day.addingTimeInterval(Double(-back * 86_400) + 3_600), hour: 0, minute: 0))
    }
}
