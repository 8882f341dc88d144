import Testing
import TradingCore

@Suite("Donchian breakout + retest strategy")
struct DonchianRetestTests {
    static let channel: [String: Double] = ["donchian_high_20": 24610, "donchian_low_20": 24580, "atr_14": 20]
    static let after: [String: Double] = ["donchian_high_20": 24625, "donchian_low_20": 24580, "atr_14": 20]

    /// Quiet bars inside the channel, a breakout close at 24,622, `between` bars, then `last`.
    static func scenario(between: [Double], last: (open: Double, high: Double, low: Double, close: Double)) -> Scenario {
        var s = Scenario()
        for _ in 0..<25 { s.flat(24600, Self.channel) }
        s.add(open: 24605, high: 24625, low: 24604, close: 24622, Self.after)
        for close in between { s.add(open: close - 1, high: close + 2, low: close - 2, close: close) }
        s.add(open: last.open, high: last.high, low: last.low, close: last.close)
        return s
    }

    @Test("fires BUY on the first retest that holds the breakout level")
    func firesOnRetest() throws {
        let s = Self.scenario(between: [24628, 24630], last: (24612, 24618, 24608, 24616))
        let signal = try #require(try DonchianRetestStrategy().evaluate(s.context()))
        #expect(signal.side == .buy)
        #expect(signal.features["breakout_level"] == 24610)
        #expect(signal.features["bars_since_breakout"] == 3)
        #expect(signal.stop == Paise(rupees: 24598))          // min(level, low) − 0.5 ATR
        #expect(signal.target == Paise(rupees: 24643))        // 1.5 × 18
    }

    @Test("does not fire when the breakout failed, on a second retest, or when the retest closes below the level")
    func refuses() throws {
        #expect(try DonchianRetestStrategy().evaluate(Self.scenario(between: [24605], last: (24612, 24618, 24608, 24616)).context()) == nil)
        #expect(try DonchianRetestStrategy().evaluate(Self.scenario(between: [24614, 24620], last: (24612, 24618, 24608, 24616)).context()) == nil)
        #expect(try DonchianRetestStrategy().evaluate(Self.scenario(between: [24628], last: (24612, 24614, 24604, 24606)).context()) == nil)
    }
}
