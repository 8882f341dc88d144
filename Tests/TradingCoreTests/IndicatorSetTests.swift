import Foundation
import Testing
import TradingCore

@Suite("IndicatorSet")
struct IndicatorSetTests {
    @Test("default strategy periods are named ema_9, ema_21, atr_14")
    func names() {
        let set = IndicatorSet(emaFast: 9, emaSlow: 21, atr: 14)
        #expect(set.names.emaFast == "ema_9")
        #expect(set.names.emaSlow == "ema_21")
        #expect(set.names.atr == "atr_14")
        #expect(set.snapshot.isEmpty)
    }

    @Test("snapshot has only the warm indicators, with hand-computed values")
    func warmUpAndValues() {
        var set = IndicatorSet(emaFast: 2, emaSlow: 3, atr: 2)
        // b0: H 101 L 99 C 100 → EMA2/EMA3 need more closes, ATR only seeds.
        #expect(set.update(with: makeBar(open: 10_000, high: 10_100, low: 9_900, close: 10_000)).isEmpty)
        // b1: H 103 L 100 C 102 → ema_2 = SMA(100, 102) = 101; TR1 = max(3, |103−100|=3, 0) = 3 (ATR needs 2 TRs)
        let s1 = set.update(with: makeBar(open: 10_000, high: 10_300, low: 10_000, close: 10_200))
        #expect(s1 == ["ema_2": 101])
        // b2: H 105 L 103 C 104 → ema_2 = 101 + (2/3)(104 − 101) = 103; ema_3 = SMA(100, 102, 104) = 102;
        //     TR2 = max(2, |105−102|=3, |103−102|=1) = 3 → atr_2 = (3 + 3) / 2 = 3
        let s2 = set.update(with: makeBar(open: 10_200, high: 10_500, low: 10_300, close: 10_400))
        #expect(Set(s2.keys) == ["ema_2", "ema_3", "atr_2"])
        #expect(approximatelyEqual(s2["ema_2"], 103))
        #expect(approximatelyEqual(s2["ema_3"], 102))
        #expect(approximatelyEqual(s2["atr_2"], 3))
        // b3: H 104 L 100 C 101 → ema_2 = 103 + (2/3)(101 − 103) = 101.6667; ema_3 = 102 + 0.5(101 − 102) = 101.5;
        //     TR3 = max(4, |104−104|=0, |100−104|=4) = 4 → atr_2 = (3 × 1 + 4) / 2 = 3.5
        let s3 = set.update(with: makeBar(open: 10_400, high: 10_400, low: 10_000, close: 10_100))
        #expect(approximatelyEqual(s3["ema_2"], 305.0 / 3))
        #expect(approximatelyEqual(s3["ema_3"], 101.5))
        #expect(approximatelyEqual(s3["atr_2"], 3.5))
        #expect(set.snapshot == s3)
    }

    @Test("with 9/21/14 the ATR is warm from bar 15, ema_9 from bar 9, ema_21 only from bar 21")
    func defaultWarmUp() {
        var set = IndicatorSet(emaFast: 9, emaSlow: 21, atr: 14)
        for i in 1...25 {
            let close = Int64(2_470_000 + i * 100)
            let snapshot = set.update(with: makeBar(open: close, high: close + 500, low: close - 500, close: close))
            #expect((snapshot["ema_9"] != nil) == (i >= 9), "bar \(i)")
            #expect((snapshot["ema_21"] != nil) == (i >= 21), "bar \(i)")
            #expect((snapshot["atr_14"] != nil) == (i >= 15), "bar \(i)")  // 1 seed bar + 14 true ranges
        }
    }
}

@Suite("IndicatorSet with the full suite")
struct IndicatorSetSuiteTests {
    @Test("the bar snapshot carries every suite column, equal to the indicator table")
    func snapshotMatchesTable() {
        var generator = SeededGenerator(seed: 11)
        var bars: [Bar] = []
        var price = 24_500.0
        let start = Date(timeIntervalSince1970: 1_757_303_100) // 2025-09-08 09:15 IST
        for index in 0..<120 {
            let open = price
            price = max(100, price + Double.random(in: -15...15, using: &generator))
            let high = max(open, price) + Double.random(in: 0...5, using: &generator)
            let low = min(open, price) - Double.random(in: 0...5, using: &generator)
            bars.append(Bar(symbol: "NIFTY", start: start.addingTimeInterval(Double(index * 60)), open: Paise(rupees: open),
                            high: Paise(rupees: high), low: Paise(rupees: low), close: Paise(rupees: price),
                            volume: Int64.random(in: 0...1_000, using: &generator)))
        }
        let periods = IndicatorPeriods()
        let table = IndicatorTable.values(for: bars, periods: periods)
        let names = Array(IndicatorTable.header(for: periods).dropFirst())
        var set = IndicatorSet(emaFast: 9, emaSlow: 21, atr: 14, suite: periods)
        for (bar, row) in zip(bars, table) {
            let snapshot = set.update(with: bar)
            for (name, value) in zip(names, row) {
                #expect(snapshot[name] == value, "\(name) at \(bar.start)")
            }
            #expect(snapshot["ema_9"] == set.emaFast.value)
        }
        let last = set.snapshot
        for name in ["rsi_14", "adx_14", "plus_di_14", "bb_upper_20_2", "donchian_low_20", "obv", "vwap", "supertrend_10_3"] {
            #expect(last[name] != nil, "\(name) missing after warm-up")
        }
    }
}
