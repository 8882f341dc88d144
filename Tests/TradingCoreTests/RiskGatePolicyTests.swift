import Foundation
import Testing
import TradingCore

@Suite("RiskGatePolicy")
struct RiskGatePolicyTests {
    /// Capital ₹10,00,000 = 100,000,000 paise; 0.5 % → budget ₹5,000 = 500,000 paise.
    private static let limits = RiskLimits(capital: Paise(100_000_000), riskPerTradePercent: 0.5,
                                           maxOpenPositions: 3, maxLotsPerTrade: 10)
    private static let policy = RiskGatePolicy(limits: limits)
    private static let clear = RiskState(mode: .paper, paused: false, halted: false, openPositions: 0)
    private static let gateOrder = ["state_readable", "paused", "halted", "max_open_positions", "stop_valid", "per_trade_risk"]

    private static func signal(_ side: Side = .buy, entry: Int64, stop: Int64, target: Int64 = 0) -> TradeSignal {
        TradeSignal(strategy: "ema_cross", symbol: "NIFTY", side: side, entry: Paise(entry), stop: Paise(stop),
                    target: Paise(target), confidence: 0.7, rationale: "test", features: [:],
                    barStart: Date(timeIntervalSince1970: 0))
    }

    private static func verdict(_ decision: RiskDecision, _ gate: String) -> GateVerdict? {
        decision.verdicts.first { $0.gate == gate }
    }

    @Test("risk budget: ₹10,00,000 × 0.5 % = ₹5,000; fractions of a paisa round down")
    func riskBudget() {
        #expect(Self.limits.riskBudget == Paise(500_000))
        // ₹12,345.67 × 1 % = 12,345.67 paise → 12,345 paise
        #expect(RiskLimits(capital: Paise(1_234_567), riskPerTradePercent: 1, maxOpenPositions: 1, maxLotsPerTrade: 1)
            .riskBudget == Paise(12_345))
    }

    @Test("risk budget is exact for percentages that are not exact binary fractions")
    func riskBudgetFloatingPoint() {
        // ₹10,00,000 × 0.29 % = ₹2,900.00 = 290,000 paise exactly. Computed as
        // floor(100,000,000.0 × 0.29 / 100) in Double, 0.29 is 0.28999999999999998… so the
        // product would be 289,999.99999… and floor would give 289,999 (₹2,899.99).
        for (percent, paise) in [(0.29, Int64(290_000)), (0.57, 570_000), (1.13, 1_130_000), (2.01, 2_010_000)] {
            #expect(RiskLimits(capital: Paise(100_000_000), riskPerTradePercent: percent, maxOpenPositions: 1,
                               maxLotsPerTrade: 1).riskBudget == Paise(paise))
        }
        // Fractions of a paisa still round down: ₹12,345.67 × 0.29 % = 3,580.2443 paise.
        #expect(RiskLimits(capital: Paise(1_234_567), riskPerTradePercent: 0.29, maxOpenPositions: 1,
                           maxLotsPerTrade: 1).riskBudget == Paise(3_580))
        // Consequence: a trade whose one lot risks exactly the budget is approved.
        // ₹58/unit × 50 = ₹2,900/lot = 0.29 % budget → exactly 1 lot.
        let policy = RiskGatePolicy(limits: RiskLimits(capital: Paise(100_000_000), riskPerTradePercent: 0.29,
                                                       maxOpenPositions: 3, maxLotsPerTrade: 10))
        let decision = policy.canEnter(Self.signal(entry: 2_473_405, stop: 2_467_605), lotSize: 50, state: Self.clear)
        #expect(decision.approved)
        #expect(decision.lots == 1)
    }

    @Test("a per-trade lot limit of zero rejects, and the verdict says why")
    func zeroLotLimit() throws {
        let policy = RiskGatePolicy(limits: RiskLimits(capital: Paise(100_000_000), riskPerTradePercent: 0.5,
                                                       maxOpenPositions: 3, maxLotsPerTrade: 0))
        // ₹1/unit × 75 = ₹75/lot, well inside the ₹5,000 budget; the cap of 0 lots is what rejects.
        let decision = policy.canEnter(Self.signal(entry: 10_100, stop: 10_000), lotSize: 75, state: Self.clear)
        #expect(!decision.approved)
        #expect(decision.lots == 0)
        #expect(decision.rejections.map(\.gate) == ["per_trade_risk"])
        let risk = try #require(Self.verdict(decision, "per_trade_risk"))
        // Not "one lot risks 75.00 > budget 5000.00", which is false: the cap rejected it.
        #expect(!risk.detail.contains(">"))
        #expect(risk.detail == "max lots per trade is 0")
    }

    @Test("sizes lots = floor(budget / (|entry − stop| × lot)) and approves")
    func sizing() {
        // BUY 24734.05 stop 24714.05 → ₹20.00/unit × 75 = ₹1,500/lot; 5,000 / 1,500 = 3.33 → 3 lots
        let decision = Self.policy.canEnter(Self.signal(entry: 2_473_405, stop: 2_471_405, target: 2_477_405),
                                            lotSize: 75, state: Self.clear)
        #expect(decision.approved)
        #expect(decision.lots == 3)
        #expect(decision.lotSize == 75)
        #expect(decision.quantity == 225)                 // 3 × 75
        #expect(decision.riskAmount == Paise(450_000))    // 3 × ₹1,500 = ₹4,500
        #expect(decision.verdicts.map(\.gate) == Self.gateOrder)
        #expect(decision.verdicts.allSatisfy { $0.passed })
        #expect(decision.rejections.isEmpty)
    }

    @Test("a short is sized the same way with the stop above entry")
    func sizingShort() {
        // SELL 24734.05 stop 24774.05 → ₹40/unit × 25 = ₹1,000/lot → 5,000 / 1,000 = 5 lots
        let decision = Self.policy.canEnter(Self.signal(.sell, entry: 2_473_405, stop: 2_477_405),
                                            lotSize: 25, state: Self.clear)
        #expect(decision.approved)
        #expect(decision.lots == 5)
        #expect(decision.riskAmount == Paise(500_000))
    }

    @Test("exactly one lot at the budget is approved (boundary)")
    func exactlyOneLot() {
        // ₹100/unit × 50 = ₹5,000 = budget → floor(1.0) = 1 lot
        let decision = Self.policy.canEnter(Self.signal(entry: 2_473_405, stop: 2_463_405), lotSize: 50, state: Self.clear)
        #expect(decision.approved)
        #expect(decision.lots == 1)
        #expect(decision.riskAmount == Paise(500_000))
    }

    @Test("capped by maxLotsPerTrade")
    func capped() throws {
        // ₹1/unit × 75 = ₹75/lot → 5,000 / 75 = 66.67 → 66 affordable → capped at 10
        let decision = Self.policy.canEnter(Self.signal(entry: 2_473_405, stop: 2_473_305), lotSize: 75, state: Self.clear)
        #expect(decision.approved)
        #expect(decision.lots == 10)
        #expect(decision.quantity == 750)
        #expect(decision.riskAmount == Paise(75_000))     // 10 × ₹75 = ₹750
        let risk = try #require(Self.verdict(decision, "per_trade_risk"))
        #expect(risk.detail.contains("capped at 10"))
    }

    @Test("one lot over budget is a rejection with per_trade_risk failing, never a zero-lot approval")
    func oneLotOverBudget() throws {
        // ₹100/unit × 75 = ₹7,500/lot > ₹5,000 → floor(0.67) = 0
        let decision = Self.policy.canEnter(Self.signal(entry: 2_473_405, stop: 2_463_405), lotSize: 75, state: Self.clear)
        #expect(!decision.approved)
        #expect(decision.lots == 0)
        #expect(decision.quantity == 0)
        #expect(decision.riskAmount == .zero)
        #expect(decision.rejections.map(\.gate) == ["per_trade_risk"])
        let risk = try #require(Self.verdict(decision, "per_trade_risk"))
        #expect(risk.detail.contains("7500.00") && risk.detail.contains("5000.00"))
    }

    @Test("every gate is evaluated: paused, halted and max positions all fail together")
    func allGatesReported() {
        let state = RiskState(mode: .paper, paused: true, halted: true, openPositions: 3)  // 3 of max 3
        let decision = Self.policy.canEnter(Self.signal(entry: 2_473_405, stop: 2_471_405), lotSize: 75, state: state)
        #expect(!decision.approved)
        #expect(decision.verdicts.map(\.gate) == Self.gateOrder)
        #expect(decision.rejections.map(\.gate) == ["paused", "halted", "max_open_positions"])
        #expect(decision.lots == 0)                       // sizing would give 3, but rejected → 0
        #expect(decision.riskAmount == .zero)
    }

    @Test("max open positions: one below the max passes, at the max fails")
    func maxOpenBoundary() {
        let s = Self.signal(entry: 2_473_405, stop: 2_471_405)
        let below = RiskState(mode: .paper, paused: false, halted: false, openPositions: 2)
        #expect(Self.policy.canEnter(s, lotSize: 75, state: below).approved)
        let at = RiskState(mode: .live, paused: false, halted: false, openPositions: 3)
        #expect(Self.policy.canEnter(s, lotSize: 75, state: at).rejections.map(\.gate) == ["max_open_positions"])
    }

    @Test("unreadable state rejects (fail closed)")
    func unreadable() {
        let s = Self.signal(entry: 2_473_405, stop: 2_471_405)
        let decision = Self.policy.canEnter(s, lotSize: 75, state: .unreadable)
        #expect(!decision.approved)
        #expect(decision.lots == 0)
        #expect(decision.rejections.first?.gate == "state_readable")
        // Even when the other fields look fine, readable: false alone rejects.
        let onlyUnreadable = RiskState(mode: .paper, paused: false, halted: false, openPositions: 0, readable: false)
        let d2 = Self.policy.canEnter(s, lotSize: 75, state: onlyUnreadable)
        #expect(!d2.approved)
        #expect(d2.lots == 0)
        #expect(d2.rejections.map(\.gate) == ["state_readable"])
    }

    @Test("invalid stops reject", arguments: [
        (Side.buy, Int64(2_473_405), Int64(2_475_405)),   // BUY with stop above entry
        (.buy, 2_473_405, 2_473_405),                     // stop == entry: zero risk
        (.sell, 2_473_405, 2_471_405),                    // SELL with stop below entry
        (.buy, 2_473_405, 0),                             // stop 0
        (.buy, 2_473_405, -100),                          // negative stop
        (.sell, 0, 100),                                  // entry 0
    ])
    func invalidStop(side: Side, entry: Int64, stop: Int64) {
        let decision = Self.policy.canEnter(Self.signal(side, entry: entry, stop: stop), lotSize: 75, state: Self.clear)
        #expect(!decision.approved)
        #expect(decision.lots == 0)
        #expect(decision.riskAmount == .zero)
        #expect(decision.rejections.map(\.gate) == ["stop_valid", "per_trade_risk"])
    }

    @Test("unknown lot size rejects")
    func unknownLotSize() {
        let decision = Self.policy.canEnter(Self.signal(entry: 2_473_405, stop: 2_471_405), lotSize: 0, state: Self.clear)
        #expect(!decision.approved)
        #expect(decision.rejections.map(\.gate) == ["per_trade_risk"])
        #expect(decision.quantity == 0)
    }
}
