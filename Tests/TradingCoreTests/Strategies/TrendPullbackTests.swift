import Testing
import TradingCore

@Suite("Trend pullback strategy")
struct TrendPullbackTests {
    static let trend: [String: Double] = ["ema_34": 24600, "ema_89": 24560, "atr_14": 20, "adx_14": 30]

    /// Ten bars above the zone, a dip into EMA34 ± 0.5 ATR, then a bounce bar.
    static func scenario(_ indicators: [String: Double] = trend, swingLow: Double? = nil) -> Scenario {
        var s = Scenario()
        for i in 0..<10 { s.add(open: 24630, high: 24635, low: i == 2 ? (swingLow ?? 24625) : 24625, close: 24630, indicators) }
        s.add(open: 24615, high: 24616, low: 24595, close: 24602)
        s.add(open: 24598, high: 24615, low: 24596, close: 24612)
        return s
    }

    @Test("fires BUY on the bounce with the stop under the swing low")
    func firesOnBounce() throws {
        let signal = try #require(try TrendPullbackStrategy().evaluate(Self.scenario().context()))
        #expect(signal.side == .buy)
        #expect(signal.entry == Paise(rupees: 24612))
        #expect(signal.stop == Paise(rupees: 24594.95))   // swing low 24,595 − one tick, tighter than EMA89 − ATR
        #expect(approximatelyEqual(signal.rewardRisk, 1.5, tolerance: 0.01))
        #expect(signal.target2! > signal.target)
        #expect(signal.features["separation_atr"] == 2)
    }

    @Test("does not fire with ADX below 25, a weak separation, or without a bounce")
    func refusesWithoutTrend() throws {
        var weak = Self.trend
        weak["adx_14"] = 22
        #expect(try TrendPullbackStrategy().evaluate(Self.scenario(weak).context()) == nil)
        var close = Self.trend
        close["ema_89"] = 24595      // 0.25 ATR apart
        #expect(try TrendPullbackStrategy().evaluate(Self.scenario(close).context()) == nil)
        var s = Self.scenario()
        s.bars.removeLast()
        s.add(open: 24610, high: 24611, low: 24596, close: 24601)   // closes down: no bounce
        #expect(try TrendPullbackStrategy().evaluate(s.context()) == nil)
    }

    @Test("rejected when the risk exceeds 3 ATR")
    func rejectsWideRisk() throws {
        var tight = Self.trend
        tight["atr_14"] = 5                     // zone 24,597.5–24,602.5; EMA89 − ATR = 24,555
        var s = Scenario()
        for i in 0..<10 { s.add(open: 24630, high: 24635, low: i == 2 ? 24550 : 24625, close: 24630, tight) }
        s.add(open: 24615, high: 24616, low: 24598, close: 24602)
        s.add(open: 24599, high: 24615, low: 24599, close: 24612)
        #expect(try TrendPullbackStrategy().evaluate(s.context()) == nil)   // stop 24,555: 11.4 ATR
    }
}
