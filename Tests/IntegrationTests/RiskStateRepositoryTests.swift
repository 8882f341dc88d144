import Foundation
import PostgresStore
import Testing
import TestSupport
import TradingCore

/// risk-gate's reads and writes on a real Postgres: the ledger rebuilt from seeded trades,
/// instrument facts, decisions with their numbers, risk events and snapshots.
@Suite("Risk state repositories on a real Postgres")
struct RiskStateRepositoryTests {
    @Test func ledgerFromClosedTradesOpenPositionsAndApprovals() async throws {
        let temporary = try await TemporaryDatabase.create()
        try await temporary.migrate()
        let db = temporary.connect()
        let now = Date()
        let dayStart = IST.instant(onDayOf: now, hour: 0, minute: 0)
        let back = (IST.calendar.component(.weekday, from: now) + 5) % 7
        let weekStart = IST.instant(onDayOf: dayStart.addingTimeInterval(Double(-back * 86_400) + 3_600), hour: 0, minute: 0)
        try await db.withConnection { runner in
            try InstrumentRepository.upsert(token: 1, exchange: "NFO", symbol: "NIFTY25SEPFUT", name: "NIFTY", segment: "NFO-FUT",
                                            instrumentType: "FUT", tickSize: Paise(5), lotSize: 75, inUniverse: true, on: runner)
            try runner.query("UPDATE instruments SET freeze_quantity = 1800 WHERE instrument_token = 1")
            // Two −1R losses today (₹1,000 each on a ₹1,000 risk), one +₹5,000 win before this week.
            for minutes in [30.0, 60.0] {
                var loss = TradeHistorySeeder.Trip(entry: Paise(2_450_000), stop: Paise(2_448_667), exit: Paise(2_448_667),
                                                   risk: Paise(100_000), openedAt: now.addingTimeInterval(-minutes * 60 - 60),
                                                   closedAt: max(dayStart, now.addingTimeInterval(-minutes)))
                loss.quantity = 75
                loss.fees = Paise(25)                              // ₹0.25: gross −₹999.75 + fees = −₹1,000.00
                try TradeHistorySeeder.seed(loss, on: runner)
            }
            let win = TradeHistorySeeder.Trip(entry: Paise(2_450_000), stop: Paise(2_440_000), exit: Paise(2_456_667),
                                              risk: Paise(750_000), openedAt: weekStart.addingTimeInterval(-7_200),
                                              closedAt: weekStart.addingTimeInterval(-3_600))
            try TradeHistorySeeder.seed(win, on: runner)
            var open = TradeHistorySeeder.Trip(entry: Paise(2_450_000), stop: Paise(2_440_000), exit: nil, risk: Paise(750_000),
                                               openedAt: now, closedAt: now)
            open.symbol = "NIFTY25SEPFUT"
            try TradeHistorySeeder.seed(open, on: runner)
        }
        let ledger = try await db.withConnection { try RiskStateRepository.ledger(dayStart: dayStart, weekStart: weekStart,
                                                                                   inFlightSeconds: 60, on: $0) }
        #expect(ledger.realisedToday == Paise(-200_000))
        #expect(ledger.realisedBeforeToday == Paise(500_025))     // ₹66.67 × 75 = ₹5,000.25
        #expect(abs(ledger.rToday - -2) < 1e-9 && abs(ledger.rWeek - -2) < 1e-9)
        #expect(ledger.tradesToday == 4)                          // seeded approvals are created now
        #expect(ledger.open.map(\.symbol) == ["NIFTY25SEPFUT"])
        #expect(ledger.open.first?.underlying == "NIFTY" && ledger.open.first?.kind == .future)
        #expect(ledger.inFlight.isEmpty)                          // every seeded approval has orders

        let facts = try await db.withConnection { try RiskStateRepository.instrument(symbol: "NIFTY25SEPFUT", on: $0) }
        #expect(facts == InstrumentFacts(symbol: "NIFTY25SEPFUT", underlying: "NIFTY", kind: .future, lotSize: 75,
                                         tickSize: Paise(5), freezeQuantity: 1_800, inUniverse: true))
        #expect(try await db.withConnection { try RiskStateRepository.instrument(symbol: "NOPE", on: $0) } == nil)
        await temporary.drop()
    }

    @Test func decisionNumbersEventsAndSnapshotsArePersisted() async throws {
        let temporary = try await TemporaryDatabase.create()
        try await temporary.migrate()
        let db = temporary.connect()
        let signal = TradeSignal(strategy: "ema_cross", symbol: "NIFTY", side: .buy, entry: Paise(2_473_405), stop: Paise(2_471_405),
                                 target: Paise(2_477_405), confidence: 0.7, rationale: "t", features: [:], barStart: Date())
        var decision = RiskDecision(approved: true, verdicts: [GateVerdict(gate: "spread", passed: true, detail: "18 bps",
                                                                            observed: 18, limit: 20)],
                                    lots: 2, lotSize: 75, riskAmount: Paise(300_000))
        decision.fees = Paise(210_000)
        decision.heatBefore = Paise(100_000)
        decision.heatAfter = Paise(400_000)
        decision.marginRequired = Paise(44_521_290)
        decision.slices = [150]
        let signalId = UUID()
        let recorded = decision
        try await db.withConnection { runner in
            _ = try SignalRepository.insert(signal, id: signalId, trace: "t", configSha: "sha", on: runner)
            _ = try DecisionRepository.insert(id: UUID(), signalId: signalId, clientPlanId: "P-1", trace: "t", mode: .paper,
                                              signal: signal, decision: recorded, configSha: "sha", on: runner)
            try RiskEventRepository.insert(kind: "tripwire.daily_r", severity: "CRITICAL", message: "halted", trace: "t",
                                           detailsJSON: "{\"observed\":-2,\"limit\":-2}", on: runner)
            try RiskSnapshotRepository.insert(tradingDay: "2025-09-08", json: "{\"canTakeNewPosition\":false}", on: runner)
        }
        let row = try #require(try await db.query("""
            SELECT fees_estimate, heat_before, heat_after, margin_required, slices::text AS slices,
                   verdicts->0->>'observed' AS observed FROM decisions
            """).first)
        #expect(try row.paise("fees_estimate") == Paise(210_000) && row.paise("heat_after") == Paise(400_000))
        #expect(try row.paise("margin_required") == Paise(44_521_290) && row.string("slices") == "[150]")
        #expect(try row.string("observed") == "18")
        #expect(try await db.withConnection { try RiskEventRepository.count(kind: "tripwire.daily_r", on: $0) } == 1)
        let details = try await db.query("SELECT details->>'limit' AS l FROM risk_events").first?.string("l")
        #expect(details == "-2")
        #expect(try await db.withConnection { try RiskSnapshotRepository.latestJSON(on: $0) }?.contains("false") == true)
        await temporary.drop()
    }
}
