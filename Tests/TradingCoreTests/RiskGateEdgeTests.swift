import Foundation
import Testing
import TradingCore

/// One test per gate at its edge: just inside, at, just beyond the limit. Base case: BUY NIFTY
/// 24734.05 stop 24714.05 (₹1,500 per lot of 75), budget ₹5,000, no charges.
@Suite("RiskGatePolicy: every gate at its edge")
struct RiskGateEdgeTests {
    static let base = RiskFixture.signal(entry: 2_473_405, stop: 2_471_405)

    static func failed(_ decision: RiskDecision) -> [String] { decision.failedGates }

    @Test("entry window 09:20–15:10 IST on the bar time: 09:19 out, 09:20 in, 15:09 in, 15:10 out, Saturday out")
    func entryWindow() {
        func gates(_ bar: Date) -> [String] { Self.failed(RiskFixture.decide(RiskFixture.signal(entry: 2_473_405, stop: 2_471_405, bar: bar))) }
        #expect(gates(istInstant(2025, 9, 8, 9, 19, 59)) == ["entry_window"])
        #expect(gates(istInstant(2025, 9, 8, 9, 20)) == [])
        #expect(gates(istInstant(2025, 9, 8, 15, 9, 59)) == [])
        #expect(gates(istInstant(2025, 9, 8, 15, 10)) == ["entry_window"])
        #expect(gates(istInstant(2025, 9, 13, 10, 0)) == ["entry_window"])
    }

    @Test("state age: 5 s old passes, 5.001 s fails closed")
    func stateAge() {
        var state = RiskFixture.clear
        state.readAt = RiskFixture.now.addingTimeInterval(-5)
        #expect(Self.failed(RiskFixture.decide(Self.base, state: state)) == [])
        state.readAt = RiskFixture.now.addingTimeInterval(-5.001)
        #expect(Self.failed(RiskFixture.decide(Self.base, state: state)) == ["state_readable"])
        state.readAt = nil
        #expect(Self.failed(RiskFixture.decide(Self.base, state: state)) == ["state_readable"])
    }

    @Test("leader, paused and halted each reject alone")
    func flags() {
        for gate in ["leader", "paused", "halted"] {
            var state = RiskFixture.clear
            if gate == "leader" { state.leader = false }
            if gate == "paused" { state.paused = true }
            if gate == "halted" { state.halted = true; state.haltReason = "day R −2.00" }
            let decision = RiskFixture.decide(Self.base, state: state)
            #expect(Self.failed(decision) == [gate])
        }
    }

    @Test("daily loss stop: −₹24,999.99 passes; −₹25,000.00 (2.5 % of ₹10,00,000) and beyond halt")
    func dailyLoss() throws {
        var state = RiskFixture.clear
        state.realisedToday = Paise(-2_000_000)
        state.unrealised = Paise(-499_999)
        #expect(Self.failed(RiskFixture.decide(Self.base, state: state)) == [])
        state.unrealised = Paise(-500_000)
        let at = RiskFixture.decide(Self.base, state: state)
        #expect(Self.failed(at) == ["daily_loss"])
        #expect(try #require(at.verdict("daily_loss")).limit == -25_000)
        state.unrealised = Paise(-500_001)
        #expect(Self.failed(RiskFixture.decide(Self.base, state: state)) == ["daily_loss"])
        // Start-of-day capital moves the stop: ₹8,00,000 → ₹20,000.
        state.startOfDayCapital = Paise(80_000_000)
        state.realisedToday = Paise(-1_999_999)
        state.unrealised = .zero
        #expect(Self.failed(RiskFixture.decide(Self.base, state: state)) == [])
    }

    @Test("R tripwire: day −1.99R passes, −2R halts; week −4.99R passes, −5R halts")
    func rTripwire() {
        var state = RiskFixture.clear
        state.rToday = -1.99
        #expect(Self.failed(RiskFixture.decide(Self.base, state: state)) == [])
        state.rToday = -2
        #expect(Self.failed(RiskFixture.decide(Self.base, state: state)) == ["r_tripwire"])
        state.rToday = 0
        state.rWeek = -4.99
        #expect(Self.failed(RiskFixture.decide(Self.base, state: state)) == [])
        state.rWeek = -5
        #expect(Self.failed(RiskFixture.decide(Self.base, state: state)) == ["r_tripwire"])
    }

    @Test("max trades per day (10) and max open positions (3): one under passes, at the max rejects")
    func counts() {
        var state = RiskFixture.clear
        state.tradesToday = 9
        #expect(Self.failed(RiskFixture.decide(Self.base, state: state)) == [])
        state.tradesToday = 10
        #expect(Self.failed(RiskFixture.decide(Self.base, state: state)) == ["max_trades_per_day"])
        state.tradesToday = 0
        state.openPositions = 2
        #expect(Self.failed(RiskFixture.decide(Self.base, state: state)) == [])
        state.openPositions = 3
        #expect(Self.failed(RiskFixture.decide(Self.base, state: state)) == ["max_open_positions"])
    }

    @Test("per-trade risk: one lot at exactly the budget passes; one paisa over rejects, never a zero-lot approval")
    func perTradeRisk() {
        // ₹100/unit × 50 = ₹5,000 = budget → 1 lot
        let at = RiskFixture.decide(RiskFixture.signal(entry: 2_473_405, stop: 2_463_405), instrument: RiskFixture.future(lot: 50))
        #expect(at.approved && at.lots == 1 && at.riskAmount == Paise(500_000))
        // ₹100.01 × 50 = ₹5,000.50 > budget
        let over = RiskFixture.decide(RiskFixture.signal(entry: 2_473_405, stop: 2_463_404), instrument: RiskFixture.future(lot: 50))
        #expect(!over.approved && over.lots == 0 && over.quantity == 0)
        #expect(Self.failed(over) == ["per_trade_risk"])
        #expect(over.verdict("per_trade_risk")?.detail.contains("5000.50") == true)
    }

    @Test("max lots per trade caps the size; a cap of zero rejects")
    func maxLots() {
        // ₹1/unit × 75 = ₹75/lot → 66 affordable
        let small = RiskFixture.signal(entry: 10_100, stop: 10_000)
        let capped = RiskFixture.decide(RiskFixture.limits(maxLots: 10), small)
        #expect(capped.approved && capped.lots == 10)
        #expect(capped.verdict("max_lots")?.detail.contains("capped at 10") == true)
        let zero = RiskFixture.decide(RiskFixture.limits(maxLots: 0), small)
        #expect(!zero.approved && Self.failed(zero) == ["max_lots"])
    }

    @Test("portfolio heat ≤ 2 % (₹20,000) after the trade: room for exactly one lot passes, one paisa less rejects")
    func heat() {
        var state = RiskFixture.clear
        state.openRisk = Paise(1_850_000)                   // ₹18,500 + ₹1,500 = ₹20,000
        let at = RiskFixture.decide(Self.base, state: state)
        #expect(at.approved && at.lots == 1)
        #expect(at.heatBefore == Paise(1_850_000) && at.heatAfter == Paise(2_000_000))
        #expect(at.verdict("portfolio_heat")?.detail.contains("capped at 1") == true)
        state.openRisk = Paise(1_850_001)
        #expect(Self.failed(RiskFixture.decide(Self.base, state: state)) == ["portfolio_heat"])
    }

    @Test("exposure per underlying (₹1 crore): room for exactly one lot's notional passes, one paisa less rejects")
    func exposure() {
        var state = RiskFixture.clear
        state.exposureByUnderlying["NIFTY"] = Paise(1_000_000_000 - 185_505_375)   // one lot = ₹18,55,053.75
        let at = RiskFixture.decide(Self.base, state: state)
        #expect(at.approved && at.lots == 1)
        state.exposureByUnderlying["NIFTY"] = Paise(1_000_000_000 - 185_505_374)
        #expect(Self.failed(RiskFixture.decide(Self.base, state: state)) == ["underlying_exposure"])
        state.exposureByUnderlying = ["BANKNIFTY": Paise(1_000_000_000)]          // another underlying does not count
        #expect(RiskFixture.decide(Self.base, state: state).approved)
    }

    @Test("margin: 12 % of notional per lot (₹2,22,606.45); available for exactly one lot passes, one paisa less rejects")
    func margin() {
        var state = RiskFixture.clear
        state.marginUsed = Paise(100_000_000 - 22_260_645)
        let at = RiskFixture.decide(Self.base, state: state)
        #expect(at.approved && at.lots == 1 && at.marginRequired == Paise(22_260_645))
        state.marginUsed = Paise(100_000_000 - 22_260_644)
        #expect(Self.failed(RiskFixture.decide(Self.base, state: state)) == ["margin"])
    }

    @Test("spread guard (20 bps): 18 and 20 pass, 22 rejects; no quote is not checked")
    func spread() throws {
        let signal = RiskFixture.signal(entry: 10_000, stop: 9_000)
        let one = RiskFixture.future(lot: 1)
        func gates(_ bid: Int64, _ ask: Int64) -> [String] {
            Self.failed(RiskFixture.decide(signal, instrument: one, quote: MarketQuote(bid: Paise(bid), ask: Paise(ask))))
        }
        #expect(gates(9_991, 10_009) == [])
        #expect(gates(9_990, 10_010) == [])
        #expect(gates(9_989, 10_011) == ["spread"])
        let none = RiskFixture.decide(signal, instrument: one)
        #expect(try #require(none.verdict("spread")).detail.contains("no quote"))
    }

    @Test("slippage guard (30 bps): a buy's ask 30 bps over entry passes, 31 rejects; a sell looks at the bid")
    func slippage() {
        let one = RiskFixture.future(lot: 1)
        let buy = RiskFixture.signal(entry: 10_000, stop: 9_000)
        #expect(Self.failed(RiskFixture.decide(buy, instrument: one, quote: MarketQuote(bid: Paise(10_010), ask: Paise(10_030)))) == [])
        #expect(Self.failed(RiskFixture.decide(buy, instrument: one, quote: MarketQuote(bid: Paise(10_011), ask: Paise(10_031)))) == ["slippage"])
        let sell = RiskFixture.signal(.sell, entry: 10_000, stop: 11_000)
        #expect(Self.failed(RiskFixture.decide(sell, instrument: one, quote: MarketQuote(bid: Paise(9_969), ask: Paise(9_987)))) == ["slippage"])
    }

    @Test("tradable: out of the universe, in the ban list or in an event blackout each reject")
    func tradable() {
        for problem in ["universe", "ban", "blackout"] {
            var instrument = RiskFixture.future()
            if problem == "universe" { instrument.inUniverse = false }
            if problem == "ban" { instrument.banned = true }
            if problem == "blackout" { instrument.eventBlackout = true }
            #expect(Self.failed(RiskFixture.decide(Self.base, instrument: instrument)) == ["instrument_tradable"])
        }
    }

    @Test("freeze quantity: slices under it in whole lots; one lot reaching it rejects")
    func freeze() {
        // ₹1/unit × 75 → 10 lots (cap) = 750 units; freeze 300 → slices of 225 (3 lots)
        let small = RiskFixture.signal(entry: 10_100, stop: 10_000)
        let sliced = RiskFixture.decide(small, instrument: RiskFixture.future(freeze: 300))
        #expect(sliced.approved && sliced.slices == [225, 225, 225, 75])
        #expect(RiskFixture.decide(small, instrument: RiskFixture.future(freeze: 76)).slices.allSatisfy { $0 == 75 })
        let frozen = RiskFixture.decide(small, instrument: RiskFixture.future(freeze: 75))
        #expect(Self.failed(frozen) == ["freeze_quantity"])
    }
}
