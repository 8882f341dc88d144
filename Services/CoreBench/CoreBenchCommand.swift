import Foundation
import TradingCore

/// `core-bench [--ticks N] [--symbols N]`: the pure core's hot path in one process, one
/// core — ticks through the 1-minute bar aggregator, indicators on every closed bar, the
/// strategy on every bar — and the risk gate and OCO machine per call. Prints rates.
@main
struct CoreBenchCommand {
    static func main() {
        var ticks = 2_000_000
        var symbols = 200
        var arguments = Array(CommandLine.arguments.dropFirst())
        while arguments.count >= 2 {
            let (flag, value) = (arguments[0], arguments[1])
            arguments.removeFirst(2)
            if flag == "--ticks", let n = Int(value) { ticks = n } else if flag == "--symbols", let n = Int(value) { symbols = n }
        }
        let names = (0..<symbols).map { "SYM\($0)" }
        // Pre-generate the ticks (seeded) so generation is not measured.
        var simulators = names.map { TickSimulator(symbol: $0, basePrice: Paise(2_450_000), tickSize: Paise(5), seed: 7) }
        var input: [Tick] = []
        input.reserveCapacity(ticks)
        let start = Date(timeIntervalSince1970: 1_763_783_100) // 2025-11-22 09:15 IST
        for index in 0..<ticks {
            let symbol = index % symbols
            let at = start.addingTimeInterval(Double(index / symbols) * 5) // one tick per symbol every 5 s
            input.append(simulators[symbol].next(at: at))
        }

        var aggregators = names.map { BarAggregator(symbol: $0) }
        var indicators = names.map { _ in IndicatorSet(emaFast: 9, emaSlow: 21, atr: 14) }
        var strategies = names.map { _ in EmaCrossStrategy(parameters: .init()) }
        var bars = 0, signals = 0
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            for (index, tick) in input.enumerated() {
                let symbol = index % symbols
                if let bar = aggregators[symbol].add(tick) {
                    bars += 1
                    let snapshot = indicators[symbol].update(with: bar)
                    if strategies[symbol].onBar(bar, indicators: snapshot) != nil { signals += 1 }
                }
            }
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print(String(format: "ticks → bars → indicators → strategy: %d ticks, %d symbols, %d bars, %d signals in %.3f s = %.2f M ticks/s",
                     ticks, symbols, bars, signals, seconds, Double(ticks) / seconds / 1e6))

        // The same with every indicator of the bar snapshot (RSI, ADX/DI, Bollinger, Donchian, OBV, VWAP, Supertrend).
        var fullAggregators = names.map { BarAggregator(symbol: $0) }
        var fullIndicators = names.map { _ in IndicatorSet(emaFast: 9, emaSlow: 21, atr: 14, suite: IndicatorPeriods()) }
        var fullBars = 0
        let fullElapsed = clock.measure {
            for (index, tick) in input.enumerated() {
                let symbol = index % symbols
                if let bar = fullAggregators[symbol].add(tick) {
                    fullBars += 1
                    _ = fullIndicators[symbol].update(with: bar)
                }
            }
        }
        let fullSeconds = Double(fullElapsed.components.seconds) + Double(fullElapsed.components.attoseconds) / 1e18
        print(String(format: "ticks → bars → all indicators: %d ticks, %d symbols, %d bars in %.3f s = %.2f M ticks/s",
                     ticks, symbols, fullBars, fullSeconds, Double(ticks) / fullSeconds / 1e6))

        let decisionAt = Date(timeIntervalSince1970: 1_763_959_500) // Monday 2025-11-24 10:15 IST, inside the entry window
        let policy = RiskGatePolicy(limits: RiskLimits(capital: Paise(100_000_000), riskPerTradePercent: 0.5,
                                                       maxOpenPositions: 5, maxLotsPerTrade: 10))
        let signal = TradeSignal(strategy: "ema_cross", symbol: "NIFTY", side: .buy, entry: Paise(2_450_000), stop: Paise(2_447_000),
                                 target: Paise(2_456_000), confidence: 0.7, rationale: "", features: [:], barStart: decisionAt)
        let state = RiskState(mode: .paper, paused: false, halted: false, openPositions: 1, readAt: decisionAt)
        let quote = MarketQuote(bid: Paise(2_449_900), ask: Paise(2_450_100))
        let instrument = InstrumentFacts(symbol: "NIFTY", underlying: "NIFTY", kind: .future, lotSize: 75, freezeQuantity: 1_800)
        let decisions = 100_000
        var approved = 0
        let riskElapsed = clock.measure {
            for _ in 0..<decisions where policy.canEnter(signal, instrument: instrument, quote: quote, state: state, now: decisionAt).approved { approved += 1 }
        }
        let riskSeconds = Double(riskElapsed.components.seconds) + Double(riskElapsed.components.attoseconds) / 1e18
        print(String(format: "risk gate canEnter: %d calls in %.3f s = %.0f ns/call (%d approved)",
                     decisions, riskSeconds, riskSeconds / Double(decisions) * 1e9, approved))
        let sample = policy.canEnter(signal, instrument: instrument, quote: quote, state: state, now: decisionAt)
        print("risk gate sample: \(sample.approved ? "approved \(sample.lots) lots" : "rejected by \(sample.rejections.map(\.gate).joined(separator: ","))")")
    }
}
