import Foundation
import Testing
import TradingCore

@Suite("EmaCrossStrategy")
struct EmaCrossStrategyTests {
    /// EMA3 / EMA5 / ATR3, 1.5 ATR stop, 2R target, 5-paise tick.
    private static let parameters = EmaCrossStrategy.Parameters(emaFast: 3, emaSlow: 5, atrPeriod: 3,
                                                                stopAtrMultiple: 1.5, rewardRisk: 2.0, tickSize: Paise(5))

    /// Closes in rupees; every bar is H = C + 1, L = C − 1 and moves by at most ₹1,
    /// so every true range is max(2, |d| + 1) = 2 and ATR3 is exactly 2 once warm.
    ///
    /// i  close  EMA3 (k=½)                      EMA5 (k=⅓)
    /// 0  100    –                               –
    /// 1  101    –                               –
    /// 2  102    SMA(100,101,102) = 101          –
    /// 3  103    101 + ½·2 = 102                 –
    /// 4  104    102 + ½·2 = 103                 SMA(100…104) = 102      first bar with both: no prior
    /// 5  103    103 + ½·0 = 103                 102 + ⅓·1 = 102.333     fast > slow
    /// 6  102    103 − ½·1 = 102.5               102.333 − ⅓·0.333 = 102.222
    /// 7  101    102.5 − ½·1.5 = 101.75          102.222 − ⅓·1.222 = 101.815   fast < slow → SELL
    /// 8  100    100.875                         101.210
    /// 9   99    99.9375                         100.473
    /// 10 100    99.96875                        100.316
    /// 11 101    100.484375                      100.544                fast still < slow
    /// 12 102    101.2421875                     101.029                fast > slow → BUY
    /// 13 103    102.12109375                    101.686
    private static let closes: [Int64] = [100, 101, 102, 103, 104, 103, 102, 101, 100, 99, 100, 101, 102, 103]

    private static func bars(_ closes: [Int64], symbol: String = "NIFTY") -> [Bar] {
        let open = istInstant(2026, 11, 23, 9, 15)
        return closes.enumerated().map { index, rupees in
            let c = rupees * 100
            return makeBar(symbol, start: open.addingTimeInterval(Double(index * 60)), open: c, high: c + 100,
                           low: c - 100, close: c)
        }
    }

    /// Runs bars through an IndicatorSet and the strategy, returning (bar index, signal) pairs.
    private static func run(_ bars: [Bar], indicators: IndicatorSet = IndicatorSet(emaFast: 3, emaSlow: 5, atr: 3),
                            parameters: EmaCrossStrategy.Parameters = parameters) -> [(Int, TradeSignal)] {
        var set = indicators
        var strategy = EmaCrossStrategy(parameters: parameters)
        var signals: [(Int, TradeSignal)] = []
        for (index, bar) in bars.enumerated() {
            let snapshot = set.update(with: bar)
            if let signal = strategy.onBar(bar, indicators: snapshot) { signals.append((index, signal)) }
        }
        return signals
    }

    @Test("fires exactly one SELL on the down-cross and one BUY on the up-cross")
    func crossesBothWays() throws {
        let bars = Self.bars(Self.closes)
        let signals = Self.run(bars)
        #expect(signals.map(\.0) == [7, 12])

        let sell = try #require(signals.first?.1)
        #expect(sell.side == .sell)
        #expect(sell.strategy == "ema_cross")
        #expect(sell.symbol == "NIFTY")
        #expect(sell.barStart == bars[7].start)
        #expect(sell.entry == Paise(10_100))    // close ₹101.00
        #expect(sell.stop == Paise(10_400))     // 101 + 1.5 × ATR 2 = 101 + 3 = ₹104.00
        #expect(sell.target == Paise(9_500))    // 101 − 2R = 101 − 2 × 3 = ₹95.00
        #expect(sell.riskPerUnit == Paise(300))
        #expect(approximatelyEqual(sell.features["ema_3"], 101.75))
        #expect(approximatelyEqual(sell.features["ema_5"], 2_749.0 / 27, tolerance: 1e-9))  // 101.8148…
        #expect(sell.features["atr_3"] == 2)
        // separation = |101.75 − 101.8148| / 2 = 0.0324; confidence = min(1, 0.5 + 0.0324)
        #expect(approximatelyEqual(sell.features["separation_atr"], (2_749.0 / 27 - 101.75) / 2))
        #expect(approximatelyEqual(sell.confidence, 0.5 + (2_749.0 / 27 - 101.75) / 2))

        let buy = try #require(signals.last?.1)
        #expect(buy.side == .buy)
        #expect(buy.barStart == bars[12].start)
        #expect(buy.entry == Paise(10_200))     // close ₹102.00
        #expect(buy.stop == Paise(9_900))       // 102 − 1.5 × 2 = ₹99.00
        #expect(buy.target == Paise(10_800))    // 102 + 2 × 3 = ₹108.00
        #expect(approximatelyEqual(buy.features["ema_3"], 101.2421875))
        #expect(buy.confidence > 0.5 && buy.confidence <= 1)
        #expect(buy.rationale.contains("crossed above"))
    }

    @Test("never fires during warm-up (bars 0–4), even on the first bar that has both EMAs")
    func silentDuringWarmUp() {
        var set = IndicatorSet(emaFast: 3, emaSlow: 5, atr: 3)
        var strategy = EmaCrossStrategy(parameters: Self.parameters)
        for bar in Self.bars(Array(Self.closes.prefix(5))) {
            #expect(strategy.onBar(bar, indicators: set.update(with: bar)) == nil)
        }
    }

    @Test("no signal when the EMAs never cross (steady trend)")
    func noCrossNoSignal() {
        let rising = (0..<40).map { Int64(100 + $0) }
        #expect(Self.run(Self.bars(rising)).isEmpty)
        let falling = (0..<40).map { Int64(200 - $0) }
        #expect(Self.run(Self.bars(falling)).isEmpty)
    }

    @Test("a sustained trend after the cross fires only once")
    func sustainedTrendFiresOnce() {
        // Down-cross at bar 7, then keep falling ₹1 per bar for 30 more bars.
        let closes = Array(Self.closes.prefix(8)) + (1...30).map { Int64(101 - $0) }
        let signals = Self.run(Self.bars(closes))
        #expect(signals.count == 1)
        #expect(signals.first?.0 == 7)
        #expect(signals.first?.1.side == .sell)
    }

    @Test("a cross while the ATR is still warming up is not signalled")
    func needsWarmAtr() {
        // ATR 20 needs 21 bars; the cross at bar 7 happens before it is warm.
        let signals = Self.run(Self.bars(Self.closes), indicators: IndicatorSet(emaFast: 3, emaSlow: 5, atr: 20),
                               parameters: .init(emaFast: 3, emaSlow: 5, atrPeriod: 20, tickSize: Paise(5)))
        #expect(signals.isEmpty)
    }

    @Test("the stop distance 1.5 × ATR is rounded to the tick and the target is 2R of the rounded distance")
    func stopRoundedToTick() throws {
        var strategy = EmaCrossStrategy(parameters: Self.parameters)
        let bar = makeBar(open: 2_473_405, high: 2_473_505, low: 2_473_305, close: 2_473_405)  // ₹24734.05
        #expect(strategy.onBar(bar, indicators: ["ema_3": 99, "ema_5": 100, "atr_3": 2.02]) == nil)  // fast < slow
        let fired = strategy.onBar(bar, indicators: ["ema_3": 101, "ema_5": 100, "atr_3": 2.02])
        let signal = try #require(fired)
        // 1.5 × 2.02 = 3.03 → 303 paise → nearest 5-paise tick is 305 (303 = 300 + 3, 3 ≥ 2.5)
        #expect(signal.side == .buy)
        #expect(signal.stop == Paise(2_473_405 - 305))   // 24734.05 − 3.05 = 24731.00
        #expect(signal.target == Paise(2_473_405 + 610)) // 24734.05 + 2 × 3.05 = 24740.15
        #expect(signal.stop.value % 5 == 0 && signal.target.value % 5 == 0)
    }

    @Test("equal EMAs on the prior bar count as 'at or below' for a BUY")
    func priorEqualCounts() {
        var strategy = EmaCrossStrategy(parameters: Self.parameters)
        let bar = makeBar(open: 10_000, high: 10_100, low: 9_900, close: 10_000)
        #expect(strategy.onBar(bar, indicators: ["ema_3": 100, "ema_5": 100, "atr_3": 2]) == nil)
        #expect(strategy.onBar(bar, indicators: ["ema_3": 100.1, "ema_5": 100, "atr_3": 2])?.side == .buy)
    }

    @Test("no signal when the stop would be at or below zero")
    func noNonPositiveStop() {
        var strategy = EmaCrossStrategy(parameters: Self.parameters)
        let bar = makeBar(open: 200, high: 300, low: 100, close: 200)   // ₹2.00
        _ = strategy.onBar(bar, indicators: ["ema_3": 1, "ema_5": 2, "atr_3": 2])
        // BUY: stop = 2.00 − 3.00 < 0 → nil
        #expect(strategy.onBar(bar, indicators: ["ema_3": 3, "ema_5": 2, "atr_3": 2]) == nil)
    }

    @Test("no signal when ATR is zero")
    func zeroAtr() {
        var strategy = EmaCrossStrategy(parameters: Self.parameters)
        let bar = makeBar(open: 10_000, high: 10_000, low: 10_000, close: 10_000)
        _ = strategy.onBar(bar, indicators: ["ema_3": 1, "ema_5": 2, "atr_3": 0])
        #expect(strategy.onBar(bar, indicators: ["ema_3": 3, "ema_5": 2, "atr_3": 0]) == nil)
    }

    @Test("previous EMAs are tracked per symbol")
    func perSymbolState() {
        var strategy = EmaCrossStrategy(parameters: Self.parameters)
        let nifty = makeBar("NIFTY", open: 10_000, high: 10_100, low: 9_900, close: 10_000)
        let bank = makeBar("BANKNIFTY", open: 10_000, high: 10_100, low: 9_900, close: 10_000)
        _ = strategy.onBar(nifty, indicators: ["ema_3": 99, "ema_5": 100, "atr_3": 2])   // NIFTY below
        // BANKNIFTY's first bar is above: no prior for BANKNIFTY, so no signal.
        #expect(strategy.onBar(bank, indicators: ["ema_3": 101, "ema_5": 100, "atr_3": 2]) == nil)
        // NIFTY crosses up relative to its own prior.
        #expect(strategy.onBar(nifty, indicators: ["ema_3": 101, "ema_5": 100, "atr_3": 2])?.side == .buy)
    }
}
