/// A signal to rank with the context it came from and the regimes its strategy trades.
public struct RankingCandidate: Sendable {
    public var signal: TradeSignal
    public var context: StrategyContext
    /// The strategy's regimes, home regime first.
    public var regimes: [TradingRegime]

    public init(signal: TradeSignal, context: StrategyContext, regimes: [TradingRegime]) {
        self.signal = signal
        self.context = context
        self.regimes = regimes
    }
}
