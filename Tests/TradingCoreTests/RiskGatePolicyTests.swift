import Foundation
import Testing
import TradingCore

@Suite("RiskGatePolicy: sizing")
struct RiskGatePolicyTests {
    static let gateOrder = ["state_readable", "mode", "leader", "paused", "halted", "daily_loss", "r_tripwire", "entry_window",
                            "instrument_tradable", "stop_valid", "spread", "slippage", "max_trades_per_day", "max_open_positions",
                            "per_trade_risk", "max_lots", "portfolio_heat", "underlying_exposure", "margin", "freeze_quantity"]

    @Test("risk budget: ₹10,00,000 × 0.5 % = ₹5,000; fractions of a paisa round down; decimal percentages are exact")
    func riskBudget() {
        #expect(RiskFixture.limits().riskBudget == Paise(500_000))
        #expect(RiskFixture.limits(capital: 1_234_567, percent: 1).riskBudget == Paise(12_345))
        for (percent, paise) in [(0.29, Int64(290_000)), (0.57, 570_000), (1.13, 1_130_000), (2.01, 2_010_000)] {
            #expect(RiskFixture.limits(percent: percent).riskBudget == Paise(paise))
        }
        #expect(RiskFixture.limits(capital: 1_234_567, percent: 0.29).riskBudget == Paise(3_580))
    }

    @Test("sizes lots = floor(budget / (|entry − stop| × lot)) and approves with every gate passed, in order")
    func sizing() {
        // BUY 24734.05 stop 24714.05 → ₹20.00/unit × 75 = ₹1,500/lot; 5,000 / 1,500 = 3.33 → 3 lots
        let decision = RiskFixture.decide(RiskFixture.signal(entry: 2_473_405, stop: 2_471_405, target: 2_477_405))
        #expect(decision.approved)
        #expect(decision.lots == 3 && decision.lotSize == 75 && decision.quantity == 225)
        #expect(decision.riskAmount == Paise(450_000))
        #expect(decision.heatBefore == .zero && decision.heatAfter == Paise(450_000))
        #expect(decision.slices == [225])
        // margin 12 % of 3 × ₹18,55,053.75
        #expect(decision.marginRequired == Paise(22_260_645) * 3)
        #expect(decision.verdicts.map(\.gate) == Self.gateOrder)
        #expect(decision.rejections.isEmpty)
    }

    @Test("a short is sized the same way with the stop above entry")
    func sizingShort() {
        // SELL 24734.05 stop 24774.05 → ₹40/unit × 25 = ₹1,000/lot → 5 lots
        let decision = RiskFixture.decide(RiskFixture.signal(.sell, entry: 2_473_405, stop: 2_477_405),
                                          instrument: RiskFixture.future(lot: 25))
        #expect(decision.approved && decision.lots == 5 && decision.riskAmount == Paise(500_000))
    }

    @Test("risk is counted after charges: fees cost a lot that fits without them")
    func sizingAfterFees() throws {
        // Long NIFTY CE, lot 75, entry ₹120 stop ₹100: ₹1,500/lot. Budget ₹4,500 (₹9,00,000 × 0.5 %).
        // Without charges 3 lots; with them 3 lots risk ₹4,500 + ₹102.56, so 2 lots:
        // ₹3,000 + charges ₹84.13 (buy ₹31.72 on ₹18,000 premium, sell at the stop ₹52.41 on ₹15,000).
        let option = InstrumentFacts(symbol: "NIFTY25SEP24700CE", underlying: "NIFTY", kind: .option, lotSize: 75)
        let signal = RiskFixture.signal(entry: 12_000, stop: 10_000)
        let free = RiskFixture.decide(RiskFixture.limits(capital: 90_000_000), signal, instrument: option)
        #expect(free.lots == 3)
        let charged = RiskFixture.decide(RiskFixture.limits(capital: 90_000_000, charges: .nseDiscount2026), signal, instrument: option)
        #expect(charged.approved && charged.lots == 2)
        #expect(charged.fees == Paise(8_413))
        #expect(charged.riskAmount == Paise(308_413))
        // A long option's margin is its premium: 2 × ₹120 × 75.
        #expect(charged.marginRequired == Paise(1_800_000))
        let risk = try #require(charged.verdict("per_trade_risk"))
        #expect(risk.detail.contains("2 lots"))
    }

    @Test("every gate is evaluated: paused, halted and max positions all fail together")
    func allGatesReported() {
        var state = RiskFixture.clear
        state.paused = true
        state.halted = true
        state.openPositions = 3
        let decision = RiskFixture.decide(RiskFixture.signal(entry: 2_473_405, stop: 2_471_405), state: state)
        #expect(!decision.approved)
        #expect(decision.verdicts.map(\.gate) == Self.gateOrder)
        #expect(decision.failedGates == ["paused", "halted", "max_open_positions"])
        #expect(decision.lots == 0 && decision.riskAmount == .zero && decision.slices.isEmpty)
    }

    @Test("unreadable state rejects (fail closed), even when every other field looks fine")
    func unreadable() {
        let s = RiskFixture.signal(entry: 2_473_405, stop: 2_471_405)
        let decision = RiskFixture.decide(s, state: .unreadable)
        #expect(!decision.approved && decision.lots == 0)
        #expect(decision.failedGates.first == "state_readable")
        var onlyUnreadable = RiskFixture.clear
        onlyUnreadable.readable = false
        let second = RiskFixture.decide(s, state: onlyUnreadable)
        #expect(!second.approved)
        #expect(second.failedGates.contains("state_readable") && second.failedGates.contains("portfolio_heat"))
    }

    @Test("invalid stops reject: nothing can be sized", arguments: [
        (Side.buy, Int64(2_473_405), Int64(2_475_405)), (.buy, 2_473_405, 2_473_405), (.sell, 2_473_405, 2_471_405),
        (.buy, 2_473_405, 0), (.buy, 2_473_405, -100), (.sell, 0, 100),
    ])
    func invalidStop(side: Side, entry: Int64, stop: Int64) {
        let decision = RiskFixture.decide(RiskFixture.signal(side, entry: entry, stop: stop))
        #expect(!decision.approved && decision.lots == 0 && decision.riskAmount == .zero)
        #expect(decision.failedGates.first == "stop_valid")
        #expect(decision.failedGates.contains("per_trade_risk"))
    }

    @Test("an instrument missing from `instruments` rejects as not tradable")
    func unknownInstrument() {
        let decision = RiskFixture.decide(RiskFixture.signal(entry: 2_473_405, stop: 2_471_405), instrument: .unknown("XYZ"))
        #expect(!decision.approved && decision.quantity == 0)
        #expect(decision.failedGates.first == "instrument_tradable")
        #expect(decision.verdict("instrument_tradable")?.detail.contains("not in instruments") == true)
    }
}
