import Testing
import TradingCore

@Suite("AverageTrueRange")
struct AverageTrueRangeTests {
    @Test("Wilder/TA-Lib: first bar seeds, first ATR = mean of N true ranges, then (prev×(N−1)+tr)/N; with gaps")
    func workedExampleWithGaps() {
        var atr = AverageTrueRange(period: 3)
        // b0: H 10 L 8 C 9 → no previous close: only seeds.
        #expect(atr.update(high: 10, low: 8, close: 9) == nil)
        // b1: H 11 L 9 C 10.5, prev 9 → TR = max(11−9=2, |11−9|=2, |9−9|=0) = 2
        #expect(atr.update(high: 11, low: 9, close: 10.5) == nil)
        // b2 gap up: H 14 L 12.5 C 13, prev 10.5 → TR = max(1.5, |14−10.5|=3.5, |12.5−10.5|=2) = 3.5
        #expect(atr.update(high: 14, low: 12.5, close: 13) == nil)
        // b3 gap down: H 11 L 10 C 10.5, prev 13 → TR = max(1, |11−13|=2, |10−13|=3) = 3
        // first ATR = (2 + 3.5 + 3) / 3 = 8.5 / 3
        #expect(approximatelyEqual(atr.update(high: 11, low: 10, close: 10.5), 8.5 / 3))
        // b4: H 11.5 L 10.5 C 11, prev 10.5 → TR = max(1, 1, 0) = 1
        // ATR = (8.5/3 × 2 + 1) / 3 = (17/3 + 3/3) / 3 = 20/9
        #expect(approximatelyEqual(atr.update(high: 11.5, low: 10.5, close: 11), 20.0 / 9))
        // b5: H 12 L 11.5 C 12, prev 11 → TR = max(0.5, 1, 0.5) = 1
        // ATR = (20/9 × 2 + 1) / 3 = (40/9 + 9/9) / 3 = 49/27
        #expect(approximatelyEqual(atr.update(high: 12, low: 11.5, close: 12), 49.0 / 27))
        #expect(approximatelyEqual(atr.value, 49.0 / 27))
    }

    @Test("the first bar's own range does not count (TA-Lib, not a simple range mean)")
    func firstBarOnlySeeds() {
        var atr = AverageTrueRange(period: 1)
        // b0 has a huge range 100 but only seeds the previous close.
        #expect(atr.update(high: 200, low: 100, close: 150) == nil)
        // b1: H 151 L 149 C 150, prev 150 → TR = max(2, 1, 1) = 2; period 1 → ATR = 2
        #expect(atr.update(high: 151, low: 149, close: 150) == 2)
        // b2: H 160 L 158 C 159, prev 150 → TR = max(2, 10, 8) = 10; (2 × 0 + 10) / 1 = 10
        #expect(atr.update(high: 160, low: 158, close: 159) == 10)
    }

    @Test("nil during warm-up: period N needs N + 1 bars")
    func warmUpLength() {
        var atr = AverageTrueRange(period: 14)
        for i in 0..<14 {
            let c = 100.0 + Double(i)
            #expect(atr.update(high: c + 1, low: c - 1, close: c) == nil)
        }
        // Each later bar: H c+1, L c−1, prev c−1 → TR = max(2, 2, 0) = 2 → mean 2
        #expect(atr.update(high: 115, low: 113, close: 114) == 2)
    }

    @Test("non-finite bars are ignored and do not move the previous close")
    func nonFiniteIgnored() {
        var atr = AverageTrueRange(period: 2)
        #expect(atr.update(high: .nan, low: 1, close: 1) == nil)     // ignored: does not seed either
        atr.update(high: 10, low: 8, close: 9)                        // seeds prev = 9
        #expect(atr.update(high: 10, low: 9, close: .infinity) == nil)
        // TR1: H 10 L 9, prev 9 → max(1, 1, 0) = 1
        atr.update(high: 10, low: 9, close: 9.5)
        #expect(atr.update(high: 50, low: .infinity, close: 50) == nil)
        // TR2: H 12 L 11, prev 9.5 (not 50) → max(1, 2.5, 1.5) = 2.5 → ATR = (1 + 2.5) / 2 = 1.75
        #expect(atr.update(high: 12, low: 11, close: 11.5) == 1.75)
        #expect(atr.update(high: .nan, low: .nan, close: .nan) == 1.75)   // value unchanged
    }
}
