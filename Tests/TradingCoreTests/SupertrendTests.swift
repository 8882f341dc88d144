import Testing
import TradingCore

/// Batch Supertrend over arrays: TA-Lib ATR (mean of the first N true ranges after the first
/// bar, then Wilder), then the final-band and direction rules applied bar by bar.
private func batchSupertrend(_ bars: [(high: Double, low: Double, close: Double)], period: Int, multiplier: Double)
    -> (value: [Double?], direction: [Int?]) {
    var value = [Double?](repeating: nil, count: bars.count)
    var direction = [Int?](repeating: nil, count: bars.count)
    guard bars.count > period else { return (value, direction) }
    let trueRanges = bars.indices.dropFirst().map { i in
        max(bars[i].high - bars[i].low, abs(bars[i].high - bars[i - 1].close), abs(bars[i].low - bars[i - 1].close))
    }
    let n = Double(period)
    var atr = trueRanges[0..<period].reduce(0, +) / n
    var upper = 0.0, lower = 0.0, trend = -1
    for i in period..<bars.count {
        if i > period { atr = (atr * (n - 1) + trueRanges[i - 1]) / n }
        let mid = (bars[i].high + bars[i].low) / 2
        let basicUpper = mid + multiplier * atr
        let basicLower = mid - multiplier * atr
        if i == period {
            (upper, lower, trend) = (basicUpper, basicLower, -1)
        } else {
            let previousClose = bars[i - 1].close
            upper = (basicUpper < upper || previousClose > upper) ? basicUpper : upper
            lower = (basicLower > lower || previousClose < lower) ? basicLower : lower
            trend = trend == -1 ? (bars[i].close > upper ? 1 : -1) : (bars[i].close < lower ? -1 : 1)
        }
        value[i] = trend == 1 ? lower : upper
        direction[i] = trend
    }
    return (value, direction)
}

private func checkAgainstBatch(_ bars: [Bar], period: Int, multiplier: Double) -> [String] {
    let hlc = bars.map { (high: $0.high.rupees, low: $0.low.rupees, close: $0.close.rupees) }
    var supertrend = Supertrend(period: period, multiplier: multiplier)
    let values = hlc.map { supertrend.update(high: $0.high, low: $0.low, close: $0.close) }
    let batch = batchSupertrend(hlc, period: period, multiplier: multiplier)
    var mismatches = [seriesMismatch("supertrend_\(period)_\(multiplier)", incremental: values.map { $0?.value },
                                     batch: batch.value)].compactMap { $0 }
    if let index = Array(zip(values.map { $0?.direction }, batch.direction)).firstIndex(where: { $0 != $1 }) {
        mismatches.append("supertrend_dir_\(period)_\(multiplier)[\(index)] differs")
    }
    return mismatches
}

@Suite("Supertrend")
struct SupertrendTests {
    @Test("worked example, period 2, multiplier 1: ratcheting bands and flips")
    func workedExample() throws {
        var st = Supertrend(period: 2, multiplier: 1)
        #expect(st.update(high: 10, low: 8, close: 9) == nil)       // seeds the ATR's previous close
        #expect(st.update(high: 11, low: 9, close: 10) == nil)      // TR = max(2, 2, 0) = 2
        // TR = max(2, |12 − 10| = 2, 0) = 2 → ATR = (2 + 2) / 2 = 2. mid 11 → bands 13 / 9.
        // First value: basic bands, down trend → on the upper band 13.
        #expect(st.update(high: 12, low: 10, close: 11)
                == Supertrend.Value(value: 13, direction: -1, upperBand: 13, lowerBand: 9))
        // TR = max(3, |15 − 11| = 4, 1) = 4 → ATR = (2 + 4) / 2 = 3. mid 13.5 → basic 16.5 / 10.5.
        // upper: 16.5 < 13? no; previous close 11 > 13? no → stays 13. lower: 10.5 > 9 → 10.5.
        // Down trend and close 14.5 > 13 → flips up, on the lower band 10.5.
        #expect(st.update(high: 15, low: 12, close: 14.5)
                == Supertrend.Value(value: 10.5, direction: 1, upperBand: 13, lowerBand: 10.5))
        // TR = max(2, 0.5, |12 − 14.5| = 2.5) = 2.5 → ATR = (3 + 2.5) / 2 = 2.75. mid 13 → 15.75 / 10.25.
        // upper: previous close 14.5 > 13 → resets to 15.75. lower: 10.25 > 10.5? no → stays 10.5.
        // Up trend, close 12.5 ≥ 10.5 → stays up at 10.5.
        #expect(st.update(high: 14, low: 12, close: 12.5)
                == Supertrend.Value(value: 10.5, direction: 1, upperBand: 15.75, lowerBand: 10.5))
        // TR = max(3, 0.5, |9 − 12.5| = 3.5) = 3.5 → ATR = (2.75 + 3.5) / 2 = 3.125. mid 10.5 → 13.625 / 7.375.
        // upper: 13.625 < 15.75 → 13.625. lower: 7.375 > 10.5? no; 12.5 < 10.5? no → 10.5.
        // Up trend, close 9.5 < 10.5 → flips down, on the upper band 13.625.
        #expect(st.update(high: 12, low: 9, close: 9.5)
                == Supertrend.Value(value: 13.625, direction: -1, upperBand: 13.625, lowerBand: 10.5))
        // TR = max(1, 0.5, 0.5) = 1 → ATR = (3.125 + 1) / 2 = 2.0625. mid 9.5 → 11.5625 / 7.4375.
        // upper: 11.5625 < 13.625 → 11.5625. lower: previous close 9.5 < 10.5 → resets to 7.4375.
        // Down trend, close 9.8 ≤ 11.5625 → stays down.
        #expect(st.update(high: 10, low: 9, close: 9.8)
                == Supertrend.Value(value: 11.5625, direction: -1, upperBand: 11.5625, lowerBand: 7.4375))
    }

    @Test("defaults are period 10 and multiplier 3; nil for the first 10 bars")
    func defaultsAndWarmUp() {
        var st = Supertrend()
        #expect(st.period == 10 && st.multiplier == 3)
        for i in 0..<10 {
            let c = 100 + Double(i)
            #expect(st.update(high: c + 1, low: c - 1, close: c) == nil)
        }
        // Every TR = max(2, |c+1 − (c−1)| = 2, 0) = 2 → ATR 2; mid 110 → bands 116 / 104, down.
        #expect(st.update(high: 111, low: 109, close: 110)
                == Supertrend.Value(value: 116, direction: -1, upperBand: 116, lowerBand: 104))
    }

    @Test("flat prices: ATR 0, the bands sit on the price, never NaN; non-finite bars are ignored")
    func flatAndNonFinite() {
        var st = Supertrend(period: 3, multiplier: 3)
        for _ in 0..<100 {
            let value = st.update(high: 24_734.05, low: 24_734.05, close: 24_734.05)
            #expect(value.map { $0.value.isFinite } ?? true)
        }
        #expect(st.value == Supertrend.Value(value: 24_734.05, direction: -1, upperBand: 24_734.05, lowerBand: 24_734.05))
        var clean = Supertrend(period: 2, multiplier: 1)
        var noisy = Supertrend(period: 2, multiplier: 1)
        for (h, l, c) in [(10.0, 8.0, 9.0), (11, 9, 10), (12, 10, 11), (15, 12, 14.5), (14, 12, 12.5), (12, 9, 9.5)] {
            clean.update(high: h, low: l, close: c)
            noisy.update(high: h, low: l, close: .nan)
            noisy.update(high: h, low: l, close: c)
            noisy.update(high: .infinity, low: l, close: c)
        }
        #expect(noisy == clean)
        #expect(noisy.value?.value == 13.625)
    }

    @Test("incremental equals batch over the real NIFTY bars", .enabled(if: niftyRealBarsAvailable, niftyRealBarsAbsent))
    func propertyRealBars() throws {
        let bars = try niftyRealBars()
        for (period, k) in [(10, 3.0), (7, 1.5), (1, 2.0)] {
            #expect(checkAgainstBatch(bars, period: period, multiplier: k) == [])
        }
    }

    @Test("incremental equals batch over seeded random bars", arguments: indicatorSeeds)
    func propertyRandomBars(seed: UInt64) {
        let bars = seededRandomBars(seed: seed)
        for (period, k) in [(10, 3.0), (7, 1.5), (1, 2.0)] {
            #expect(checkAgainstBatch(bars, period: period, multiplier: k) == [])
        }
    }
}
