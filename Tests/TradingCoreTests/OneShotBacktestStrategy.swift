import Foundation
@testable import TradingCore

/// A test strategy that proposes one BUY, at the close of the bar starting at `at`, with the
/// stop `stopPaise` below the close; it runs in every regime, so hand-made bars need no warm regime.
struct OneShotBacktestStrategy: TradingStrategy {
    var at: Date
    var stopPaise: Int64
    var name: String { "one_shot" }
    var defaultRegimes: [TradingRegime] { TradingRegime.allCases }

    func evaluate(_ context: StrategyContext) throws -> TradeSignal? {
        guard context.bar.start == at else { return nil }
        let entry = context.bar.close
        return TradeSignal(strategy: name, symbol: context.symbol, side: .buy, entry: entry, stop: entry - Paise(stopPaise),
                           target: entry + Paise(stopPaise * 3), confidence: 0.9, rationale: "test", features: [:],
                           barStart: context.bar.start)
    }
}
