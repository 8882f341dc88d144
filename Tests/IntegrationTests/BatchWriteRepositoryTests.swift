import Foundation
import PostgresStore
import Testing
import TestSupport
import TradingCore

/// The kill switch's multi-row statements on a real Postgres: what they write, and that a
/// shortfall throws so the whole transaction rolls back.
@Suite("Repositories: multi-row flatten writes", .serialized)
struct BatchWriteRepositoryTests {
    static let signal = TradeSignal(strategy: "ema_cross", symbol: "NIFTY", side: .buy, entry: Paise(10_000), stop: Paise(9_800),
                                    target: Paise(10_240), confidence: 0.7, rationale: "test", features: [:],
                                    barStart: Date(timeIntervalSince1970: 1_763_786_100))

    /// A signal and an approved decision; returns (decision id, signal id).
    static func seed(_ db: PostgresDatabase) async throws -> (UUID, UUID) {
        let signalId = UUID()
        let decisionId = UUID()
        let decision = RiskDecision(approved: true, verdicts: [], lots: 1, lotSize: 75, riskAmount: Paise(15_000))
        try await db.transaction { runner in
            _ = try SignalRepository.insert(Self.signal, id: signalId, trace: "t", configSha: "sha", on: runner)
            _ = try DecisionRepository.insert(id: decisionId, signalId: signalId, clientPlanId: "P-batch", trace: "t", mode: .paper,
                                              signal: Self.signal, decision: decision, configSha: "sha", on: runner)
        }
        return (decisionId, signalId)
    }

    static func order(_ id: String, decision: UUID, group: UUID, leg: OcoLeg = .exit, symbol: String = "NIFTY") -> OrderRecord {
        OrderRecord(clientOrderId: id, decisionId: decision, ocoGroup: group, leg: leg, trace: "t", mode: .paper, symbol: symbol,
                    side: .sell, orderType: "MARKET", quantity: 75, price: nil, triggerPrice: nil, status: "OPEN")
    }

    @Test("orders inserted with their fills booked; text with quotes, commas and backslashes survives the array literal")
    func insertOrdersAndFills() async throws {
        let temporary = try await TemporaryDatabase.create()
        try await temporary.migrate()
        let db = temporary.connect()
        let (decision, _) = try await Self.seed(db)
        let group = UUID()
        let odd = #"M&M "X",\{y}"#
        let filled = Self.order("P-batch-X", decision: decision, group: group)
        let open = Self.order("P-batch-X.2", decision: decision, group: group, symbol: odd)
        let fill = BatchWriteRepository.Fill(id: UUID(), orderId: filled.id, trace: "t", quantity: 75, price: Paise(9_950), fees: Paise(2_000))
        try await db.transaction { runner in
            try BatchWriteRepository.insertOrders([filled, open], filled: [filled.id: (75, Paise(9_950))], on: runner)
            try BatchWriteRepository.insertFills([fill], at: Date(), on: runner)
        }
        let rows = try await db.query("SELECT client_order_id, symbol, status, filled_quantity, average_price FROM orders ORDER BY client_order_id")
        #expect(try rows.map { try $0.string("client_order_id") } == ["P-batch-X", "P-batch-X.2"])
        #expect(try rows[0].string("status") == "FILLED")
        #expect(try rows[0].int("filled_quantity") == 75)
        #expect(try rows[0].paise("average_price") == Paise(9_950))
        #expect(try rows[1].string("status") == "OPEN")
        #expect(try rows[1].int("filled_quantity") == 0)
        #expect(try rows[1].string("symbol") == odd)
        #expect(try await db.query("SELECT count(*) AS n FROM fills WHERE price = 99.50 AND fees = 20.00").first?.int("n") == 1)
        await temporary.drop()
    }

    @Test("a reused client order id, a fill for an order not working, a position not open: each throws and nothing is kept")
    func shortfallsRollBack() async throws {
        let temporary = try await TemporaryDatabase.create()
        try await temporary.migrate()
        let db = temporary.connect()
        let (decision, _) = try await Self.seed(db)
        let group = UUID()
        let first = Self.order("P-batch-X", decision: decision, group: group)
        try await db.withConnection { try BatchWriteRepository.insertOrders([first], on: $0) }

        // A batch that reuses an id: the new order in it is not kept either.
        let fresh = Self.order("P-batch-X.2", decision: decision, group: group)
        let reused = Self.order("P-batch-X", decision: decision, group: group)
        await #expect(throws: PostgresError.self) {
            try await db.transaction { try BatchWriteRepository.insertOrders([fresh, reused], on: $0) }
        }
        #expect(try await db.query("SELECT count(*) AS n FROM orders").first?.int("n") == 1)

        // Two fills: one fits, one is more than the order; neither is booked.
        let fits = BatchWriteRepository.Fill(id: UUID(), orderId: first.id, trace: "t", quantity: 75, price: Paise(9_950), fees: .zero)
        let other = Self.order("P-batch-X.3", decision: decision, group: group)
        try await db.withConnection { try BatchWriteRepository.insertOrders([other], on: $0) }
        let tooBig = BatchWriteRepository.Fill(id: UUID(), orderId: other.id, trace: "t", quantity: 150, price: Paise(9_950), fees: .zero)
        await #expect(throws: PostgresError.self) {
            try await db.transaction { try BatchWriteRepository.recordFills([fits, tooBig], at: Date(), on: $0) }
        }
        #expect(try await db.query("SELECT count(*) AS n FROM fills").first?.int("n") == 0)
        #expect(try await db.query("SELECT count(*) AS n FROM orders WHERE status = 'OPEN' AND filled_quantity = 0").first?.int("n") == 2)
        // Booked properly once, the same fill again finds the order filled.
        try await db.transaction { try BatchWriteRepository.recordFills([fits], at: Date(), on: $0) }
        #expect(try await db.query("SELECT status FROM orders WHERE id = $1", [first.id]).first?.string("status") == "FILLED")
        await #expect(throws: PostgresError.self) {
            try await db.transaction { try BatchWriteRepository.recordFills([fits], at: Date(), on: $0) }
        }

        // A position closed twice.
        let position = PositionRecord(decisionId: decision, ocoGroup: group, trace: "t", mode: .paper, symbol: "NIFTY", side: .buy,
                                      quantity: 75, entryPrice: Paise(10_000), stopPrice: Paise(9_800), targetPrice: Paise(10_240),
                                      openedAt: Date())
        try await db.withConnection { try PositionRepository.insert(position, on: $0) }
        try await db.transaction { try BatchWriteRepository.closePositions([(position.id, .flatten)], at: Date(), on: $0) }
        await #expect(throws: PostgresError.self) {
            try await db.transaction { try BatchWriteRepository.closePositions([(position.id, .flatten)], at: Date(), on: $0) }
        }
        #expect(try await db.query("SELECT exit_reason FROM positions").first?.string("exit_reason") == "FLATTEN")
        await temporary.drop()
    }

    @Test("trades inserted together, each linked to its decision's signal")
    func trades() async throws {
        let temporary = try await TemporaryDatabase.create()
        try await temporary.migrate()
        let db = temporary.connect()
        let (decision, signal) = try await Self.seed(db)
        let group = UUID()
        let entry = OrderRecord(clientOrderId: "P-batch-E", decisionId: decision, ocoGroup: group, leg: .entry, trace: "t", mode: .paper,
                                symbol: "NIFTY", side: .buy, orderType: "MARKET", quantity: 75, price: nil, triggerPrice: nil,
                                status: "OPEN")
        let exit = Self.order("P-batch-X", decision: decision, group: group)
        let entryFill = BatchWriteRepository.Fill(id: UUID(), orderId: entry.id, trace: "t", quantity: 75, price: Paise(10_000), fees: Paise(2_000))
        let exitFill = BatchWriteRepository.Fill(id: UUID(), orderId: exit.id, trace: "t", quantity: 75, price: Paise(9_950), fees: Paise(2_000))
        let position = PositionRecord(decisionId: decision, ocoGroup: group, trace: "t", mode: .paper, symbol: "NIFTY", side: .buy,
                                      quantity: 75, entryPrice: Paise(10_000), stopPrice: Paise(9_800), targetPrice: Paise(10_240),
                                      openedAt: Date(timeIntervalSinceNow: -60))
        let metrics = TradeMetrics(side: .buy, quantity: 75, averageEntry: Paise(10_000), averageExit: Paise(9_950),
                                   initialStop: Paise(9_800), charges: Paise(4_000), maePerUnit: Paise(60), mfePerUnit: Paise(10),
                                   openedAt: position.openedAt, closedAt: Date(), exitReason: .flatten)
        let trade = TradeRepository.NewTrade(position: position, entryFillId: entryFill.id, exitFillId: exitFill.id, exitPrice: Paise(9_950),
                                             result: metrics.result, exitReason: .flatten, closedAt: Date(), metrics: metrics)
        let signals = try await db.transaction { runner -> [UUID: UUID] in
            try BatchWriteRepository.insertOrders([entry, exit], filled: [entry.id: (75, Paise(10_000)), exit.id: (75, Paise(9_950))], on: runner)
            try BatchWriteRepository.insertFills([entryFill, exitFill], at: Date(), on: runner)
            try PositionRepository.insert(position, on: runner)
            try BatchWriteRepository.closePositions([(position.id, .flatten)], at: Date(), on: runner)
            return try BatchWriteRepository.insertTrades([trade], on: runner)
        }
        #expect(signals == [trade.id: signal])
        let row = try #require(try await db.query("SELECT net_pnl, gross_pnl, exit_reason, holding_seconds FROM trades").first)
        #expect(try row.paise("gross_pnl") == Paise(-3_750))
        #expect(try row.paise("net_pnl") == Paise(-7_750))
        #expect(try row.string("exit_reason") == "FLATTEN")
        await temporary.drop()
    }
}
