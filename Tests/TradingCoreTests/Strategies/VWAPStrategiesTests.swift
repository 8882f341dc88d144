import Testing
import TradingCore

@Suite("VWAP pullback and VWAP reversion strategies")
struct VWAPStrategiesTests {
    static let trendDay: [String: Double] = ["vwap": 24600, "atr_14": 20, "plus_di_14": 30, "minus_di_14": 15, "rsi_14": 55]

    /// 40 bars from 09:15 (past the 30-minute warm-up), then `last`.
    static func scenario(_ indicators: [String: Double], last: (open: Double, high: Double, low: Double, close: Double)) -> Scenario {
        var s = Scenario()
        for _ in 0..<40 { s.flat(24620, indicators) }
        s.add(open: last.open, high: last.high, low: last.low, close: last.close)
        return s
    }

    @Test("VWAP pullback fires BUY when a trend-day dip to VWAP closes back above it")
    func pullbackFires() throws {
        let s = Self.scenario(Self.trendDay, last: (24601, 24612, 24598, 24610))
        let signal = try #require(try VWAPPullbackStrategy().evaluate(s.context()))
        #expect(signal.side == .buy)
        #expect(signal.stop == Paise(rupees: 24590))          // VWAP − 0.5 ATR, below the bar's low
        #expect(signal.target == Paise(rupees: 24640))        // 1.5R of 20
        #expect(signal.target2 == Paise(rupees: 24660))
    }

    @Test("VWAP pullback does not fire when the DI disagrees, the bar did not reach VWAP, or in the first 30 minutes")
    func pullbackRefuses() throws {
        var against = Self.trendDay
        against["minus_di_14"] = 35
        #expect(try VWAPPullbackStrategy().evaluate(Self.scenario(against, last: (24601, 24612, 24598, 24610)).context()) == nil)
        #expect(try VWAPPullbackStrategy().evaluate(Self.scenario(Self.trendDay, last: (24611, 24622, 24609, 24620)).context()) == nil)
        var early = Scenario()
        for _ in 0..<5 { early.flat(24620, Self.trendDay) }
        early.add(open: 24601, high: 24612, low: 24598, close: 24610)
        #expect(try VWAPPullbackStrategy().evaluate(early.context()) == nil)
    }

    static let rangeDay: [String: Double] = ["vwap": 24600, "atr_14": 10, "rsi_14": 30]

    @Test("VWAP reversion fires BUY when stretched 1.5 ATR below VWAP with a low RSI and a turning bar")
    func reversionFires() throws {
        let s = Self.scenario(Self.rangeDay, last: (24580, 24584, 24579, 24583))   // 1.7 ATR below VWAP
        let signal = try #require(try VWAPReversionStrategy().evaluate(s.context(regime: .range)))
        #expect(signal.side == .buy)
        #expect(signal.stop == Paise(rupees: 24574))           // low − 0.5 ATR
        #expect(signal.features["reward_risk"].map { $0 > 1.8 } == true)   // 17 / 9 to VWAP
        #expect(signal.target == Paise(rupees: 24591.50))      // halfway to VWAP
        #expect(signal.target2 == Paise(rupees: 24600))        // VWAP
    }

    @Test("VWAP reversion does not fire without the stretch, with a neutral RSI, or on a bar still falling")
    func reversionRefuses() throws {
        #expect(try VWAPReversionStrategy().evaluate(Self.scenario(Self.rangeDay, last: (24588, 24592, 24586, 24591)).context()) == nil)
        var neutral = Self.rangeDay
        neutral["rsi_14"] = 45
        #expect(try VWAPReversionStrategy().evaluate(Self.scenario(neutral, last: (24580, 24584, 24579, 24583)).context()) == nil)
        // Stop 24,571 for 17 to VWAP: 1.42 < 1.5.
        #expect(try VWAPReversionStrategy().evaluate(Self.scenario(Self.rangeDay, last: (24578, 24584, 24576, 24583)).context()) == nil)
        #expect(try VWAPReversionStrategy().evaluate(Self.scenario(Self.rangeDay, last: (24586, 24587, 24576, 24583)).context()) == nil)
    }
}
