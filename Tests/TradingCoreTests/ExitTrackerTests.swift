import Foundation
import Testing
import TradingCore

@Suite("ExitTracker")
struct ExitTrackerTests {
    // Long 75 at ₹100.00, stop ₹90.00 (R = ₹10), opened 10:00 IST.
    static let opened = istInstant(2026, 3, 3, 10, 0)
    static let entry = Paise(10_000)

    static func tracker(_ configure: (inout ExitPolicy) -> Void = { _ in }, side: Side = .buy, stop: Paise = Paise(9_000),
                        entryAtr: Double? = 2.0) -> ExitTracker {
        var policy = ExitPolicy(capital: Paise(100_000_00))   // ₹1,00,000 → MAE stop at ₹1,500
        configure(&policy)
        return ExitTracker(policy: policy, side: side, entry: entry, stop: stop, quantity: 75, entryAtr: entryAtr, openedAt: opened)
    }

    static func at(_ minutes: Double) -> Date { opened.addingTimeInterval(minutes * 60) }

    @Test("TP1 at 1.2R and TP2 at 2R from the entry, both sides, on the tick grid")
    func targets() {
        let policy = ExitPolicy()
        let long = policy.targets(side: .buy, entry: Paise(10_000), stop: Paise(9_000), tickSize: Paise(5))
        #expect(long.target1 == Paise(11_200) && long.target2 == Paise(12_000))
        let short = policy.targets(side: .sell, entry: Paise(10_000), stop: Paise(10_330), tickSize: Paise(5))
        // R = 3.30: TP1 = 100 − 3.96 = 96.04 → 96.05 on the 5-paise grid; TP2 = 93.40
        #expect(short.target1 == Paise(9_605) && short.target2 == Paise(9_340))
        let plan = policy.plan(side: .buy, quantity: 150, lotSize: 75, entry: Paise(10_000), stop: Paise(9_000), tickSize: Paise(5))
        #expect(plan.target1 == Paise(11_200) && plan.target2 == Paise(12_000) && plan.target1Fraction == 0.5)
    }

    @Test("the ATR trail follows the best price at 1.2 ATR and never moves back")
    func trailingRatchets() {
        var tracker = Self.tracker()
        // best 105.00, ATR ₹2.00 → 105.00 − 2.40 = 102.60
        #expect(tracker.observe(price: Paise(10_500), atr: 2.0, at: Self.at(1)) == .moveStop(to: Paise(10_260), reason: .trailingStop))
        // price falls back: no new best, the trail stays
        #expect(tracker.observe(price: Paise(10_300), atr: 2.0, at: Self.at(2)) == nil)
        // a wider ATR would pull the trail back: refused
        #expect(tracker.observe(price: Paise(10_400), atr: 3.0, at: Self.at(3)) == nil)
        #expect(tracker.stop == Paise(10_260))
        #expect(tracker.observe(price: Paise(10_800), atr: 2.0, at: Self.at(4)) == .moveStop(to: Paise(10_560), reason: .trailingStop))
    }

    @Test("the trail of a short moves down only")
    func trailingShort() {
        var tracker = Self.tracker(side: .sell, stop: Paise(11_000))
        #expect(tracker.observe(price: Paise(9_500), atr: 2.0, at: Self.at(1)) == .moveStop(to: Paise(9_740), reason: .trailingStop))
        // A wider ATR would pull it back up: refused; a tighter one tightens it.
        #expect(tracker.observe(price: Paise(9_600), atr: 3.0, at: Self.at(2)) == nil)
        #expect(tracker.observe(price: Paise(9_600), atr: 1.0, at: Self.at(3)) == .moveStop(to: Paise(9_620), reason: .trailingStop))
    }

    @Test("time stop: 20 minutes without a new best price")
    func timeStop() {
        var tracker = Self.tracker { $0.trailingAtrMultiple = 0 }
        #expect(tracker.observe(price: Paise(10_100), atr: nil, at: Self.at(5)) == nil)
        #expect(tracker.observe(price: Paise(10_050), atr: nil, at: Self.at(24.9)) == nil)
        #expect(tracker.observe(price: Paise(10_050), atr: nil, at: Self.at(25)) == .exit(.timeStop))
    }

    @Test("volatility stop: ATR at twice the entry ATR")
    func volatilityStop() {
        var tracker = Self.tracker { $0.trailingAtrMultiple = 0 }
        #expect(tracker.observe(price: Paise(10_000), atr: 3.99, at: Self.at(1)) == nil)
        #expect(tracker.observe(price: Paise(10_000), atr: 4.0, at: Self.at(2)) == .exit(.volatilityStop))
    }

    @Test("MAE stop: adverse excursion × quantity reaches 1.5% of capital")
    func maeStop() {
        var tracker = Self.tracker { $0.trailingAtrMultiple = 0 }
        // ₹1,500 / 75 = ₹20.00 per unit
        #expect(tracker.observe(price: Paise(8_001), atr: nil, at: Self.at(1)) == nil)
        #expect(tracker.observe(price: Paise(8_000), atr: nil, at: Self.at(2)) == .exit(.maeStop))
        #expect(tracker.maePerUnit == Paise(2_000))
    }

    @Test("EOD square-off at 15:25 IST")
    func endOfDay() {
        var tracker = Self.tracker { $0.timeStopMinutes = 0 }
        #expect(tracker.observe(price: Paise(10_000), atr: nil, at: istInstant(2026, 3, 3, 15, 24, 59)) == nil)
        #expect(tracker.observe(price: Paise(10_000), atr: nil, at: istInstant(2026, 3, 3, 15, 25)) == .exit(.endOfDay))
    }

    @Test("MAE and MFE follow the worst and best prices")
    func excursions() {
        var tracker = Self.tracker { $0.trailingAtrMultiple = 0; $0.timeStopMinutes = 0 }
        for price in [10_100, 9_700, 10_600, 9_900] as [Int64] { _ = tracker.observe(price: Paise(price), atr: nil, at: Self.at(1)) }
        #expect(tracker.mfePerUnit == Paise(600))
        #expect(tracker.maePerUnit == Paise(300))
    }
}
