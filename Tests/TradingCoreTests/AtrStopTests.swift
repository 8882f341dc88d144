import Foundation
import Testing
import TradingCore

@Suite("AtrStop")
struct AtrStopTests {
    @Test("a signal asking for an ATR stop gets entry ∓ k × ATR, rounded up to whole ticks")
    func normalised() {
        var signal = RiskFixture.signal(entry: 2_473_405, stop: 2_400_000)
        signal.features = ["atr_14": 12.34, AtrStop.multipleFeature: 1.5]       // 18.51 → 18.55 at a ₹0.05 tick
        #expect(AtrStop.normalise(signal, tick: Paise(5)).stop == Paise(2_473_405 - 1_855))
        var short = RiskFixture.signal(.sell, entry: 2_473_405, stop: 2_500_000)
        short.features = ["atr_14": 10, AtrStop.multipleFeature: 2]               // exactly ₹20.00
        #expect(AtrStop.normalise(short, tick: Paise(5)).stop == Paise(2_473_405 + 2_000))
    }

    @Test("without the request, or without an ATR, the strategy's stop is kept")
    func kept() {
        var signal = RiskFixture.signal(entry: 2_473_405, stop: 2_471_405)
        signal.features = ["atr_14": 12.34]
        #expect(AtrStop.normalise(signal, tick: Paise(5)) == signal)
        signal.features = [AtrStop.multipleFeature: 1.5]
        #expect(AtrStop.normalise(signal, tick: Paise(5)) == signal)
        signal.features = ["atr_14": 12.34, AtrStop.multipleFeature: 0]
        #expect(AtrStop.normalise(signal, tick: Paise(5)) == signal)
    }
}
