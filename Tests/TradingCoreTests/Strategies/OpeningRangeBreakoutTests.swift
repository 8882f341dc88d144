import Foundation
import Testing
import TradingCore

@Suite("ORB strategy")
struct OpeningRangeBreakoutTests {
    /// 15 range bars (09:15–09:29) between 24,590 and 24,610, then one bar inside, then `closes`.
    static func scenario(closes: [Double], start: Date = istInstant(2025, 9, 8, 9, 15), insideBars: Int = 1) -> Scenario {
        var s = Scenario(start: start)
        for i in 0..<15 { s.add(open: 24600, high: i == 3 ? 24610 : 24605, low: i == 7 ? 24590 : 24595, close: 24600) }
        for _ in 0..<insideBars { s.flat(24600) }
        for close in closes { s.add(open: close - 2, high: close + 1, low: close - 3, close: close) }
        return s
    }

    @Test("fires BUY on the third close above the range, stop at the middle, targets in range multiples")
    func firesOnThirdConfirmation() throws {
        let strategy = OpeningRangeBreakoutStrategy()
        let signal = try #require(try strategy.evaluate(Self.scenario(closes: [24612, 24613, 24614]).context()))
        #expect(signal.side == .buy)
        #expect(signal.entry == Paise(rupees: 24614))
        #expect(signal.stop == Paise(rupees: 24600))
        #expect(signal.target == Paise(rupees: 24644))      // + 1.5 × 20
        #expect(signal.target2 == Paise(rupees: 24664))     // + 2.5 × 20
        #expect(signal.features["orb_range"] == 20)
        #expect(signal.rationale.contains("3 closes above the high 24610.00"))
    }

    @Test("does not fire on two confirmations, nor again on the fourth")
    func onlyOnTheConfirmingBar() throws {
        let strategy = OpeningRangeBreakoutStrategy()
        #expect(try strategy.evaluate(Self.scenario(closes: [24612, 24613]).context()) == nil)
        #expect(try strategy.evaluate(Self.scenario(closes: [24612, 24613, 24614, 24615]).context()) == nil)
        // A run broken by a close back inside restarts the count.
        #expect(try strategy.evaluate(Self.scenario(closes: [24612, 24613, 24605, 24614]).context()) == nil)
    }

    @Test("fires SELL below the range")
    func sellsBelow() throws {
        let signal = try #require(try OpeningRangeBreakoutStrategy().evaluate(Self.scenario(closes: [24588, 24587, 24586]).context()))
        #expect(signal.side == .sell)
        #expect(signal.stop == Paise(rupees: 24600))
        #expect(signal.target < signal.entry)
    }

    @Test("refuses below the minimum reward:risk (far-side stop) and during the range")
    func refusesPoorRewardRisk() throws {
        var far = OpeningRangeBreakoutStrategy.Parameters()
        far.stopMode = "far"
        // Risk 24 (to 24,590) for a 30 reward: 1.25 < 1.8.
        #expect(try OpeningRangeBreakoutStrategy(parameters: far).evaluate(Self.scenario(closes: [24612, 24613, 24614]).context()) == nil)
        var s = Scenario()
        for _ in 0..<10 { s.flat(24600) }
        #expect(try OpeningRangeBreakoutStrategy().evaluate(s.context()) == nil)
    }

    @Test("no entries after 15:10")
    func noLateEntries() throws {
        // The third close is the 15:11 bar (closes 15:12).
        let late = Self.scenario(closes: [24612, 24613, 24614], insideBars: 339)
        #expect(IST.minuteOfDay(late.bars.last!.bar.start) == 15 * 60 + 11)
        #expect(try OpeningRangeBreakoutStrategy().evaluate(late.context()) == nil)
        let inTime = Self.scenario(closes: [24612, 24613, 24614], insideBars: 337)
        #expect(try OpeningRangeBreakoutStrategy().evaluate(inTime.context()) != nil)
    }
}
