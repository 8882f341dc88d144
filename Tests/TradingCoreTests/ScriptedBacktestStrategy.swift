import Foundation
@testable import TradingCore

/// A test strategy that proposes a trade on every bar in its regimes: BUY (or SELL) at the
/// close with the stop and target a fixed number of paise away.
struct ScriptedBacktestStrategy: TradingStrategy {
    var side: Side = .buy
    var stopPaise: Int64
    var targetPaise: Int64
    /// TP2 this many paise from the entry (none when nil).
    var target2Paise: Int64? = nil
    var name: String { "scripted" }
    var defaultRegimes: [TradingRegime] { [.trend, .range, .volatile] }

    func evaluate(_ context: StrategyContext) throws -> TradeSignal? {
        let entry = context.bar.close
        let sign = side.sign
        return TradeSignal(strategy: name, symbol: context.symbol, side: side, entry: entry, stop: entry - Paise(stopPaise * sign),
                           target: entry + Paise(targetPaise * sign), confidence: 0.5, rationale: "test", features: [:],
                           barStart: context.bar.start, target2: target2Paise.map { entry + Paise($0 * sign) })
    }
}
