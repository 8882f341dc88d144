import Testing
import TradingCore

/// Batch ADX/+DI/−DI over whole arrays, laid out like TA-Lib's `ta_ADX.c`: a loop summing the
/// first N−1 one-bar DM and TR values, a loop over the next N bars accumulating DX, then the
/// Wilder-smoothed ADX. DIs are emitted from bar N, ADX from bar 2N−1.
private func batchADX(_ bars: [(high: Double, low: Double, close: Double)], period: Int)
    -> (adx: [Double?], plusDI: [Double?], minusDI: [Double?]) {
    let count = bars.count
    var adx = [Double?](repeating: nil, count: count)
    var plusDI = [Double?](repeating: nil, count: count)
    var minusDI = [Double?](repeating: nil, count: count)
    guard count > period else { return (adx, plusDI, minusDI) }
    func isZero(_ x: Double) -> Bool { -1e-8 < x && x < 1e-8 }
    func oneBar(_ today: Int) -> (plus: Double, minus: Double, tr: Double) {
        let diffP = bars[today].high - bars[today - 1].high
        let diffM = bars[today - 1].low - bars[today].low
        var plus = 0.0, minus = 0.0
        if diffM > 0 && diffP < diffM { minus = diffM } else if diffP > 0 && diffP > diffM { plus = diffP }
        let prevClose = bars[today - 1].close
        let tr = max(bars[today].high - bars[today].low, abs(bars[today].high - prevClose),
                     abs(bars[today].low - prevClose))
        return (plus, minus, tr)
    }
    let n = Double(period)
    var sumPlus = 0.0, sumMinus = 0.0, sumTR = 0.0
    for today in stride(from: 1, to: period, by: 1) {
        let one = oneBar(today)
        sumPlus += one.plus
        sumMinus += one.minus
        sumTR += one.tr
    }
    var sumDX = 0.0
    var prevADX: Double?
    for today in period..<count {
        let one = oneBar(today)
        sumPlus = sumPlus - sumPlus / n + one.plus
        sumMinus = sumMinus - sumMinus / n + one.minus
        sumTR = sumTR - sumTR / n + one.tr
        var dx: Double?
        if isZero(sumTR) {
            plusDI[today] = 0
            minusDI[today] = 0
        } else {
            let p = 100 * (sumPlus / sumTR), m = 100 * (sumMinus / sumTR)
            plusDI[today] = p
            minusDI[today] = m
            if !isZero(p + m) { dx = 100 * (abs(m - p) / (p + m)) }
        }
        if today < 2 * period - 1 {
            sumDX += dx ?? 0
        } else if today == 2 * period - 1 {
            sumDX += dx ?? 0
            prevADX = sumDX / n
        } else if let dx, let previous = prevADX {
            prevADX = (previous * (n - 1) + dx) / n
        }
        adx[today] = prevADX
    }
    return (adx, plusDI, minusDI)
}

private func checkAgainstBatch(_ bars: [Bar], period: Int) -> [String] {
    let hlc = bars.map { (high: $0.high.rupees, low: $0.low.rupees, close: $0.close.rupees) }
    var indicator = AverageDirectionalIndex(period: period)
    var adx: [Double?] = [], plus: [Double?] = [], minus: [Double?] = []
    for bar in hlc {
        let value = indicator.update(high: bar.high, low: bar.low, close: bar.close)
        adx.append(value?.adx)
        plus.append(indicator.plusDI)
        minus.append(indicator.minusDI)
        if let value { precondition(value.plusDI == indicator.plusDI && value.minusDI == indicator.minusDI) }
    }
    let batch = batchADX(hlc, period: period)
    return [seriesMismatch("adx_\(period)", incremental: adx, batch: batch.adx),
            seriesMismatch("plus_di_\(period)", incremental: plus, batch: batch.plusDI),
            seriesMismatch("minus_di_\(period)", incremental: minus, batch: batch.minusDI)].compactMap { $0 }
}

@Suite("AverageDirectionalIndex")
struct AverageDirectionalIndexTests {
    @Test("TA-Lib worked example, period 2: DM/TR Wilder sums, DX, ADX seeded with the mean DX")
    func workedExample() throws {
        var adx = AverageDirectionalIndex(period: 2)
        // b0: H 10 L 8 C 9 → seeds only.
        #expect(adx.update(high: 10, low: 8, close: 9) == nil)
        // b1: H 11 L 9 C 10: up = 11 − 10 = 1, down = 8 − 9 = −1 → +DM1 = 1; TR = max(2, 2, 0) = 2.
        //     First N−1 = 1 values are summed plainly: +DM 1, −DM 0, TR 2.
        #expect(adx.update(high: 11, low: 9, close: 10) == nil)
        #expect(adx.plusDI == nil)
        // b2: H 12 L 10 C 11: +DM1 = 1, TR = 2. Wilder: +DM = 1 − 1/2 + 1 = 1.5, −DM = 0, TR = 2 − 1 + 2 = 3.
        //     +DI = 100 × 1.5 / 3 = 50, −DI = 0; DX = 100 × 50 / 50 = 100 (first of N = 2 DX).
        #expect(adx.update(high: 12, low: 10, close: 11) == nil)
        #expect(adx.plusDI == 50)
        #expect(adx.minusDI == 0)
        // b3: H 11.5 L 9 C 9.5: up = −0.5, down = 10 − 9 = 1 → −DM1 = 1; TR = max(2.5, 0.5, 2) = 2.5.
        //     +DM = 1.5 − 0.75 = 0.75, −DM = 0 + 1 = 1, TR = 3 − 1.5 + 2.5 = 4.
        //     +DI = 18.75, −DI = 25; DX = 100 × 6.25 / 43.75 = 100/7.
        //     First ADX = (100 + 100/7) / 2 = 400/7 ≈ 57.14.
        let firstUpdate = adx.update(high: 11.5, low: 9, close: 9.5)
        let first = try #require(firstUpdate)
        #expect(approximatelyEqual(first.adx, 400.0 / 7))
        #expect(first.plusDI == 18.75)
        #expect(first.minusDI == 25)
        // b4: H 10 L 8.5 C 9: up = −1.5, down = 0.5 → −DM1 = 0.5; TR = max(1.5, 0.5, 1) = 1.5.
        //     +DM = 0.75 − 0.375 = 0.375, −DM = 1 − 0.5 + 0.5 = 1, TR = 4 − 2 + 1.5 = 3.5.
        //     +DI = 37.5 / 3.5 = 75/7, −DI = 100 / 3.5 = 200/7; DX = 100 × (125/7) / (275/7) = 500/11.
        //     ADX = (400/7 × 1 + 500/11) / 2 = (4400 + 3500) / 154 = 3950/77 ≈ 51.30.
        let secondUpdate = adx.update(high: 10, low: 8.5, close: 9)
        let second = try #require(secondUpdate)
        #expect(approximatelyEqual(second.adx, 3950.0 / 77))
        #expect(approximatelyEqual(second.plusDI, 75.0 / 7))
        #expect(approximatelyEqual(second.minusDI, 200.0 / 7))
        #expect(adx.value == second)
    }

    @Test("equal up and down moves cancel; an outside bar counts only the larger move")
    func directionalMovementRules() {
        var adx = AverageDirectionalIndex(period: 1)
        adx.update(high: 10, low: 8, close: 9)
        // Outside bar: up = 12 − 10 = 2, down = 8 − 7 = 1 → +DM1 = 2, −DM1 = 0. TR = max(5, 3, 2) = 5.
        // Period 1: sums are just the bar's values → +DI = 40, −DI = 0, DX = 100 = ADX.
        let outside = adx.update(high: 12, low: 7, close: 9)
        #expect(outside == AverageDirectionalIndex.Value(adx: 100, plusDI: 40, minusDI: 0))
        // Equal moves: up = 13 − 12 = 1, down = 7 − 6 = 1 → both 0. TR = max(7, 4, 3) = 7.
        // +DI = −DI = 0 → DX undefined → ADX unchanged at 100.
        let equal = adx.update(high: 13, low: 6, close: 9)
        #expect(equal == AverageDirectionalIndex.Value(adx: 100, plusDI: 0, minusDI: 0))
    }

    @Test("nil during warm-up: DIs from bar N, ADX from bar 2N − 1")
    func warmUp() {
        var adx = AverageDirectionalIndex(period: 14)
        for i in 0..<27 {
            let c = 100 + Double(i % 5)
            #expect(adx.update(high: c + 1, low: c - 1, close: c) == nil)
            #expect((adx.plusDI != nil) == (i >= 14))
        }
        #expect(adx.update(high: 101, low: 99, close: 100) != nil)   // bar 27 = 2 × 14 − 1
    }

    @Test("flat prices: TR is zero, DIs are 0, ADX is 0, never NaN")
    func flatPrices() {
        var adx = AverageDirectionalIndex(period: 14)
        for _ in 0..<500 { adx.update(high: 24_734.05, low: 24_734.05, close: 24_734.05) }
        #expect(adx.value == AverageDirectionalIndex.Value(adx: 0, plusDI: 0, minusDI: 0))
        // A trend that then goes flat for a long time: the Wilder sums decay below TA-Lib's
        // zero threshold; everything stays finite.
        var trend = AverageDirectionalIndex(period: 14)
        for i in 0..<100 { trend.update(high: Double(i) + 1, low: Double(i), close: Double(i) + 0.5) }
        for _ in 0..<20_000 {
            let value = trend.update(high: 100, low: 100, close: 100)
            #expect(value.map { $0.adx.isFinite && $0.plusDI.isFinite && $0.minusDI.isFinite } == true)
        }
        #expect(trend.plusDI == 0)
    }

    @Test("non-finite bars are ignored")
    func nonFiniteIgnored() {
        var clean = AverageDirectionalIndex(period: 3)
        var noisy = AverageDirectionalIndex(period: 3)
        let bars: [(Double, Double, Double)] = [(10, 8, 9), (11, 9, 10), (12, 9.5, 11), (11, 8, 9), (13, 10, 12),
                                               (12, 11, 11.5), (14, 12, 13), (13, 11, 12)]
        for (h, l, c) in bars {
            clean.update(high: h, low: l, close: c)
            noisy.update(high: .nan, low: l, close: c)
            noisy.update(high: h, low: -.infinity, close: c)
            noisy.update(high: h, low: l, close: .infinity)
            noisy.update(high: h, low: l, close: c)
        }
        #expect(clean.value != nil)
        #expect(noisy == clean)
    }

    @Test("incremental equals batch over the real NIFTY bars", .enabled(if: niftyRealBarsAvailable, niftyRealBarsAbsent))
    func propertyRealBars() throws {
        let bars = try niftyRealBars()
        for period in [2, 14, 30] { #expect(checkAgainstBatch(bars, period: period) == []) }
    }

    @Test("incremental equals batch over seeded random bars", arguments: indicatorSeeds)
    func propertyRandomBars(seed: UInt64) {
        let bars = seededRandomBars(seed: seed)
        for period in [1, 2, 14, 30] { #expect(checkAgainstBatch(bars, period: period) == []) }
    }
}
