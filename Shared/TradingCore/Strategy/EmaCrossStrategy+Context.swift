/// The EMA cross as a `TradingStrategy`: the previous bar's EMAs come from the context's
/// history, so the strategy holds no state between bars.
extension EmaCrossStrategy: TradingStrategy {
    public var name: String { Self.name }
    public var defaultRegimes: [TradingRegime] { [.trend, .volatile, .range] }

    public func evaluate(_ context: StrategyContext) throws -> TradeSignal? {
        guard let prior = context.previous, let priorFast = prior[names.fast], let priorSlow = prior[names.slow],
              let fast = context.current[names.fast], let slow = context.current[names.slow] else { return nil }
        return signal(context.bar, prior: (priorFast, priorSlow), fast: fast, slow: slow, indicators: context.current.indicators)
    }

    /// Reads `strategies.ema_cross.*`; the periods are `fast` / `slow` or, as elsewhere in the
    /// config, `ema_fast` / `ema_slow` (one name each, not both).
    public init(config: inout StrategyConfigReader, tickSize: Paise) throws {
        for (alias, key) in [("fast", "ema_fast"), ("slow", "ema_slow")] where config.contains(alias) && config.contains(key) {
            throw StrategyConfigError(key: config.prefix + "." + alias, expected: "either \(alias) or \(key), not both")
        }
        let fast = try config.int("fast", default: try config.int("ema_fast", default: 9, in: 1...500), in: 1...500)
        let slow = try config.int("slow", default: try config.int("ema_slow", default: 21, in: 2...1000), in: 2...1000)
        guard fast < slow else { throw StrategyConfigError(key: config.prefix + ".ema_fast", expected: "less than ema_slow (\(slow))") }
        let rewardRisk = try config.double("reward_risk", default: 2.0, in: 0.1...20)
        self.init(parameters: Parameters(
            emaFast: fast, emaSlow: slow, atrPeriod: try config.int("atr_period", default: 14, in: 1...500),
            stopAtrMultiple: try config.double("stop_atr_multiple", default: 1.5, in: 0.01...20),
            rewardRisk: rewardRisk, tickSize: tickSize,
            rewardRisk2: try config.double("reward_risk_2", default: 3.0, in: rewardRisk...40)))
    }
}
