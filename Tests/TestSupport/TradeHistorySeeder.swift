import Foundation
import PostgresStore
import TradingCore

/// Writes a whole closed (or open) round trip through the real repositories, with every
/// foreign key: signal → decision → entry order → fill → position → exit order → fill → trade.
/// For tests that need a history (a losing day, an open book) without trading it first.
public enum TradeHistorySeeder {
    public struct Trip: Sendable {
        public var symbol = "NIFTY"
        public var side = Side.buy
        public var quantity = 75
        public var entry: Paise
        public var stop: Paise
        /// nil leaves the position open.
        public var exit: Paise?
        public var fees = Paise.zero
        /// The decision's risk amount (the trade's 1R).
        public var risk: Paise
        public var openedAt: Date
        public var closedAt: Date

        public init(entry: Paise, stop: Paise, exit: Paise?, risk: Paise, openedAt: Date, closedAt: Date) {
            self.entry = entry
            self.stop = stop
            self.exit = exit
            self.risk = risk
            self.openedAt = openedAt
            self.closedAt = closedAt
        }
    }

    /// Seeds one trip; returns the decision id.
    @discardableResult
    public static func seed(_ trip: Trip, on db: any SQLRunner) throws -> UUID {
        let trace = String(UUID().uuidString.prefix(16)).lowercased()
        let signal = TradeSignal(strategy: "seed", symbol: trip.symbol, side: trip.side, entry: trip.entry, stop: trip.stop,
                                 target: trip.entry, confidence: 1, rationale: "seeded history", features: [:],
                                 barStart: trip.openedAt.addingTimeInterval(Double.random(in: 0..<1_000_000).rounded()))
        let signalId = UUID()
        _ = try SignalRepository.insert(signal, id: signalId, trace: trace, configSha: "seed", on: db)
        var decision = RiskDecision(approved: true, verdicts: [], lots: 1, lotSize: trip.quantity, riskAmount: trip.risk)
        decision.slices = [trip.quantity]
        let decisionId = UUID()
        let plan = "P-seed-" + decisionId.uuidString.prefix(8)
        _ = try DecisionRepository.insert(id: decisionId, signalId: signalId, clientPlanId: plan, trace: trace, mode: .paper,
                                          signal: signal, decision: decision, configSha: "seed", on: db)
        let group = UUID()
        let entryOrder = OrderRecord(clientOrderId: plan + "-E", decisionId: decisionId, ocoGroup: group, leg: .entry, trace: trace,
                                     mode: .paper, symbol: trip.symbol, side: trip.side, orderType: "MARKET", quantity: trip.quantity,
                                     price: nil, triggerPrice: nil, status: "FILLED")
        _ = try OrderRepository.insert(entryOrder, on: db)
        let entryFill = UUID()
        try FillRepository.insert(id: entryFill, orderId: entryOrder.id, trace: trace, quantity: trip.quantity, price: trip.entry,
                                  fees: .zero, filledAt: trip.openedAt, on: db)
        let position = PositionRecord(decisionId: decisionId, ocoGroup: group, trace: trace, mode: .paper, symbol: trip.symbol,
                                      side: trip.side, quantity: trip.quantity, entryPrice: trip.entry, stopPrice: trip.stop,
                                      targetPrice: trip.entry, openedAt: trip.openedAt)
        try PositionRepository.insert(position, on: db)
        guard let exit = trip.exit else { return decisionId }
        let exitOrder = OrderRecord(clientOrderId: plan + "-X", decisionId: decisionId, ocoGroup: group, leg: .exit, trace: trace,
                                    mode: .paper, symbol: trip.symbol, side: trip.side.opposite, orderType: "MARKET",
                                    quantity: trip.quantity, price: nil, triggerPrice: nil, status: "FILLED")
        _ = try OrderRepository.insert(exitOrder, on: db)
        let exitFill = UUID()
        try FillRepository.insert(id: exitFill, orderId: exitOrder.id, trace: trace, quantity: trip.quantity, price: exit,
                                  fees: trip.fees, filledAt: trip.closedAt, on: db)
        _ = try PositionRepository.close(id: position.id, reason: .stop, at: trip.closedAt, on: db)
        let result = TradeResult.roundTrip(side: trip.side, quantity: trip.quantity, entry: trip.entry, exit: exit, fees: trip.fees)
        try TradeRepository.insert(TradeRepository.NewTrade(position: position, entryFillId: entryFill, exitFillId: exitFill,
                                                            exitPrice: exit, result: result, exitReason: .stop,
                                                            closedAt: trip.closedAt), on: db)
        return decisionId
    }
}
