import Foundation
import PostgresStore
import Testing
import TestSupport
import TradingCore

@Suite("Repositories: idempotency keys and links")
struct RepositoryTests {
    static let signal = TradeSignal(strategy: "ema_cross", symbol: "NIFTY", side: .buy, entry: Paise(2_450_000),
                                    stop: Paise(2_447_000), target: Paise(2_456_000), confidence: 0.7, rationale: "test",
                                    features: ["ema_9": 24500.1], barStart: Date(timeIntervalSince1970: 1_763_786_100))

    @Test func replayedSignalAndDecisionAreNoOps() async throws {
        let temporary = try await TemporaryDatabase.create()
        try await temporary.migrate()
        let db = temporary.connect()
        let signalId = UUID()
        let decision = RiskDecision(approved: true, verdicts: [GateVerdict(gate: "paused", passed: true, detail: "not paused")],
                                    lots: 2, lotSize: 75, riskAmount: Paise(450_000))
        let plan = ClientIds.plan(signalId: signalId.uuidString, configSha: "sha")
        let results = try await db.transaction { runner in
            let first = try SignalRepository.insert(Self.signal, id: signalId, trace: "t1", configSha: "sha", on: runner)
            let replay = try SignalRepository.insert(Self.signal, id: UUID(), trace: "t2", configSha: "sha", on: runner)
            let decided = try DecisionRepository.insert(id: UUID(), signalId: signalId, clientPlanId: plan, trace: "t1", mode: .paper,
                                                        signal: Self.signal, decision: decision, configSha: "sha", on: runner)
            let again = try DecisionRepository.insert(id: UUID(), signalId: signalId, clientPlanId: plan, trace: "t1", mode: .paper,
                                                      signal: Self.signal, decision: decision, configSha: "sha", on: runner)
            return [first, replay, decided, again]
        }
        #expect(results == [true, false, true, false])
        #expect(try await db.query("SELECT count(*) AS n FROM decisions").first?.int("n") == 1)
        #expect(try await db.withConnection { try DecisionRepository.openExposureCount(on: $0) } == 1)
        await temporary.drop()
    }

    @Test func foreignKeysRefuseAnOrderWithoutADecision() async throws {
        let temporary = try await TemporaryDatabase.create()
        try await temporary.migrate()
        let db = temporary.connect()
        let order = OrderRecord(clientOrderId: "P-x-E", decisionId: UUID(), ocoGroup: UUID(), leg: .entry, trace: "t", mode: .paper,
                                symbol: "NIFTY", side: .buy, orderType: "MARKET", quantity: 75, price: nil, triggerPrice: nil,
                                status: "OPEN")
        do {
            _ = try await db.withConnection { try OrderRepository.insert(order, on: $0) }
            Issue.record("order without a decision was accepted")
        } catch let error as PostgresError {
            #expect(error.sqlState == "23503")
        }
        await temporary.drop()
    }

    @Test func jobRunFiresOncePerDaySlot() async throws {
        let temporary = try await TemporaryDatabase.create()
        try await temporary.migrate()
        let db = temporary.connect()
        let now = Date()
        let claims = try await db.withConnection { runner in
            [try JobRunRepository.claim(job: "eod.flatten", tradingDay: "2026-11-23", slot: "15:25", scheduledAt: now, firedAt: now, on: runner),
             try JobRunRepository.claim(job: "eod.flatten", tradingDay: "2026-11-23", slot: "15:25", scheduledAt: now, firedAt: now, on: runner),
             try JobRunRepository.claim(job: "eod.flatten", tradingDay: "2026-11-24", slot: "15:25", scheduledAt: now, firedAt: now, on: runner)]
        }
        #expect(claims == [true, false, true])
        await temporary.drop()
    }
}
