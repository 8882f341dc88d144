/// One enabled strategy with the regimes it may trade (the first is its home regime) and the
/// minimum time between two of its signals on one symbol.
public struct StrategySlot: Sendable {
    public var strategy: any TradingStrategy
    public var regimes: [TradingRegime]
    public var cooldownMinutes: Int

    public init(strategy: any TradingStrategy, regimes: [TradingRegime]? = nil, cooldownMinutes: Int = 0) {
        self.strategy = strategy
        self.regimes = regimes ?? strategy.defaultRegimes
        self.cooldownMinutes = cooldownMinutes
    }

    public var name: String { strategy.name }
}
