import Testing
import TradingCore

@Suite("ExponentialMovingAverage")
struct ExponentialMovingAverageTests {
    @Test("first value is the SMA of the first N inputs, then k = 2/(N+1)")
    func talibDefinition() {
        var ema = ExponentialMovingAverage(period: 3)   // k = 2/4 = 0.5
        #expect(ema.update(10) == nil)
        #expect(ema.update(11) == nil)
        #expect(ema.update(15) == 12)                   // SMA (10 + 11 + 15) / 3 = 12
        #expect(ema.update(13) == 12.5)                 // 12 + 0.5 × (13 − 12) = 12.5
        #expect(ema.update(20) == 16.25)                // 12.5 + 0.5 × (20 − 12.5) = 16.25
        #expect(ema.value == 16.25)
        #expect(ema.period == 3)
    }

    @Test("k = 0.4 for period 4")
    func periodFour() {
        var ema = ExponentialMovingAverage(period: 4)   // k = 2/5 = 0.4
        for x in [2.0, 4, 6] { #expect(ema.update(x) == nil) }
        #expect(ema.update(8) == 5)                     // SMA (2 + 4 + 6 + 8) / 4 = 5
        #expect(approximatelyEqual(ema.update(10), 7))  // 5 + 0.4 × (10 − 5) = 7
        #expect(approximatelyEqual(ema.update(0), 4.2)) // 7 + 0.4 × (0 − 7) = 4.2
    }

    @Test("value is nil through the whole warm-up")
    func nilDuringWarmUp() {
        var ema = ExponentialMovingAverage(period: 9)
        #expect(ema.value == nil)
        for i in 1...8 {
            #expect(ema.update(Double(i)) == nil)
            #expect(ema.value == nil)
        }
        #expect(ema.update(9) == 5)                     // SMA of 1…9 = 45 / 9 = 5
    }

    @Test("period 1 follows the input (k = 1)")
    func periodOne() {
        var ema = ExponentialMovingAverage(period: 1)
        #expect(ema.update(7) == 7)
        #expect(ema.update(3) == 3)
        #expect(ema.update(-2.5) == -2.5)
    }

    @Test("non-finite inputs are ignored during warm-up and after")
    func nonFiniteIgnored() {
        var ema = ExponentialMovingAverage(period: 3)
        #expect(ema.update(10) == nil)
        #expect(ema.update(.nan) == nil)                // not counted towards the seed
        #expect(ema.update(11) == nil)
        #expect(ema.update(.infinity) == nil)
        #expect(ema.update(-.infinity) == nil)
        #expect(ema.update(15) == 12)                   // still SMA(10, 11, 15)
        #expect(ema.update(.nan) == 12)                 // returns the unchanged value
        #expect(ema.update(.infinity) == 12)
        #expect(ema.update(13) == 12.5)                 // 12 + 0.5 × 1, as if NaN/∞ never came
        #expect(ema.value?.isFinite == true)
    }

    @Test("a constant series stays at the constant")
    func constantSeries() {
        var ema = ExponentialMovingAverage(period: 21)
        for _ in 0..<100 { ema.update(24_734.05) }
        #expect(approximatelyEqual(ema.value, 24_734.05, tolerance: 1e-7))
    }
}
