import Foundation
import Testing
import TradingCore

@Suite("Regime classifier")
struct RegimeClassifierTests {
    /// 50 bars with a steady ATR and Bollinger width, the last with `adx` and `atr`.
    static func history(adx: Double?, lastATR: Double = 10) -> [IndicatorBar] {
        var s = Scenario()
        let base: [String: Double] = ["atr_14": 10, "bb_upper_20_2": 24620, "bb_lower_20_2": 24580, "bb_mid_20": 24600]
        for i in 0..<50 { s.flat(24600, base.merging(["atr_14": 10 + Double(i % 5)]) { $1 }) }
        if let adx { s.set("adx_14", adx) }
        s.set("atr_14", lastATR)
        return s.bars
    }

    let classifier = RegimeClassifier()

    @Test("TREND above ADX 25, RANGE below 20, VOLATILE between")
    func byADX() {
        #expect(classifier.classify(history: Self.history(adx: 31), events: .none, atmSpreadFraction: nil).regime == .trend)
        #expect(classifier.classify(history: Self.history(adx: 15), events: .none, atmSpreadFraction: nil).regime == .range)
        #expect(classifier.classify(history: Self.history(adx: 22), events: .none, atmSpreadFraction: nil).regime == .volatile)
    }

    @Test("a low ADX with ATR at the top of its range is VOLATILE, not RANGE")
    func expandingVolatility() {
        let result = classifier.classify(history: Self.history(adx: 15, lastATR: 30), events: .none, atmSpreadFraction: nil)
        #expect(result.regime == .volatile)
        #expect(result.atrPercentile.map { $0 > 0.95 } == true)
    }

    @Test("NO_TRADE near a listed event, on blown-out spreads, and before ADX is warm")
    func noTrade() {
        let event = MarketEvent(at: istInstant(2025, 10, 1, 10), kind: .rbiPolicy, underlying: nil, title: "RBI policy")
        let near = EventProximity(nearestEvent: event, minutesToEvent: 20, isExpiryDay: false)
        let result = classifier.classify(history: Self.history(adx: 31), events: near, atmSpreadFraction: nil)
        #expect(result.regime == .noTrade && result.reason.contains("RBI_POLICY"))
        let far = EventProximity(nearestEvent: event, minutesToEvent: 45, isExpiryDay: false)
        #expect(classifier.classify(history: Self.history(adx: 31), events: far, atmSpreadFraction: nil).regime == .trend)
        #expect(classifier.classify(history: Self.history(adx: 31), events: .none, atmSpreadFraction: 0.05).regime == .noTrade)
        #expect(classifier.classify(history: Self.history(adx: nil), events: .none, atmSpreadFraction: nil).regime == .noTrade)
    }
}
