import Foundation
import Testing
import TradingCore

@Suite("Risk state: ledger, tripwires, snapshot, slices")
struct RiskStateTests {
    @Test("the ledger derives heat, exposure, margin, unrealised P&L and start-of-day capital")
    func ledger() {
        let long = OpenExposure(symbol: "NIFTY", underlying: "NIFTY", kind: .future, side: .buy, quantity: 75,
                                entry: Paise(2_450_000), stop: Paise(2_440_000), lastPrice: Paise(2_452_000))
        let short = OpenExposure(symbol: "NIFTY25SEP24500PE", underlying: "NIFTY", kind: .option, side: .sell, quantity: 75,
                                 entry: Paise(10_000), stop: Paise(13_000))
        let inFlight = OpenExposure(symbol: "BANKNIFTY", underlying: "BANKNIFTY", kind: .option, side: .buy, quantity: 35,
                                    entry: Paise(20_000), stop: Paise(15_000))
        let ledger = RiskLedger(open: [long, short], inFlight: [inFlight], realisedToday: Paise(-150_000),
                                realisedBeforeToday: Paise(2_000_000), rToday: -0.5, rWeek: 1.25, tradesToday: 4)
        let state = ledger.state(RiskFixture.clear, limits: RiskFixture.limits())
        #expect(state.openPositions == 3 && state.tradesToday == 4)
        // ₹100 × 75 + ₹30 × 75 + ₹50 × 35
        #expect(state.openRisk == Paise(750_000 + 225_000 + 175_000))
        #expect(state.exposureByUnderlying == ["NIFTY": Paise(183_750_000 + 750_000), "BANKNIFTY": Paise(700_000)])
        // futures and short options 12 % of notional, long option its premium
        #expect(state.marginUsed == Paise(22_050_000 + 90_000 + 700_000))
        #expect(state.unrealised == Paise(150_000))           // +₹20 × 75; unknown prices count flat
        #expect(state.startOfDayCapital == Paise(102_000_000))
        #expect(state.dayPnl == .zero)
        #expect(state.rToday == -0.5 && state.rWeek == 1.25)
    }

    @Test("a stop moved past the entry carries no open risk")
    func trailedStop() {
        let trailed = OpenExposure(symbol: "NIFTY", underlying: "NIFTY", kind: .future, side: .buy, quantity: 75,
                                   entry: Paise(2_450_000), stop: Paise(2_455_000))
        #expect(trailed.riskToStop == .zero)
    }

    @Test("tripwires list every breach; halts end at the next session's open, the weekly one on Monday")
    func tripwires() {
        var state = RiskFixture.clear
        state.rToday = -2
        state.rWeek = -5
        state.realisedToday = Paise(-2_500_000)
        let breaches = Tripwire.breaches(state, limits: RiskFixture.limits())
        #expect(breaches.map(\.kind) == [.dailyLoss, .dailyR, .weeklyR])
        let daily = breaches[1]
        #expect(daily.until(after: istInstant(2025, 9, 8, 14, 0)) == istInstant(2025, 9, 9, 9, 15))    // Mon → Tue
        #expect(daily.until(after: istInstant(2025, 9, 12, 14, 0)) == istInstant(2025, 9, 15, 9, 15))  // Fri → Mon
        #expect(breaches[2].until(after: istInstant(2025, 9, 9, 11, 0)) == istInstant(2025, 9, 15, 9, 15))
        state.rToday = -1.99
        state.rWeek = -4.99
        state.realisedToday = Paise(-2_499_999)
        #expect(Tripwire.breaches(state, limits: RiskFixture.limits()).isEmpty)
    }

    @Test("the snapshot says whether a new position can be taken, with the breaches")
    func snapshot() {
        var state = RiskFixture.clear
        state.openRisk = Paise(450_000)
        let ok = RiskSnapshot(state: state, limits: RiskFixture.limits(), asOf: RiskFixture.now)
        #expect(ok.canTakeNewPosition && ok.breaches.isEmpty && ok.heatPaise == 450_000 && ok.heatLimitPaise == 2_000_000)
        #expect(ok.tradingDay == "2025-09-08")
        state.rToday = -2
        let breached = RiskSnapshot(state: state, limits: RiskFixture.limits(), asOf: RiskFixture.now)
        #expect(!breached.canTakeNewPosition && breached.breaches == ["daily_r"])
    }

    @Test("slice plan: whole lots strictly under the freeze quantity")
    func slices() {
        #expect(SlicePlan.slices(quantity: 1_800, lotSize: 75, freezeQuantity: 1_800) == [1_725, 75])
        #expect(SlicePlan.slices(quantity: 1_725, lotSize: 75, freezeQuantity: 1_800) == [1_725])
        #expect(SlicePlan.slices(quantity: 150, lotSize: 75, freezeQuantity: nil) == [150])
        #expect(SlicePlan.slices(quantity: 75, lotSize: 75, freezeQuantity: 75) == nil)
    }
}
