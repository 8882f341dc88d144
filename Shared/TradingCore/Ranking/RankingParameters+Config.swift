extension RankingParameters {
    /// Reads `strategy_ranker.ranking.*`; the weights must sum to more than zero.
    public init(config: inout StrategyConfigReader) throws {
        self.init()
        let names: [(RankingFeature, String)] = [(.momentum, "weight_momentum"), (.trend, "weight_trend"),
                                                 (.liquidity, "weight_liquidity"), (.regimeFit, "weight_regime_fit"),
                                                 (.rewardRisk, "weight_reward_risk")]
        for (feature, key) in names { weights[feature] = try config.double(key, default: weights[feature] ?? 0, in: 0...10) }
        guard weights.values.reduce(0, +) > 0 else {
            throw StrategyConfigError(key: config.prefix + ".weight_momentum", expected: "weights that sum to more than 0")
        }
        window = try config.int("window", default: window, in: 2...100_000)
        topN = try config.int("top_n", default: topN, in: 0...1000)
        momentumBars = try config.int("momentum_bars", default: momentumBars, in: 1...1000)
        illiquidFactor = try config.double("illiquid_factor", default: illiquidFactor, in: 0...1)
        minBarVolume = Int64(try config.int("min_bar_volume", default: Int(minBarVolume), in: 0...Int(Int32.max)))
        maxSpreadFraction = try config.double("max_spread_pct", default: maxSpreadFraction * 100, in: 0...100) / 100
        eventFactor = try config.double("event_factor", default: eventFactor, in: 0...1)
        eventMinutes = try config.int("event_minutes", default: eventMinutes, in: 0...10_000)
        vwapFarFactor = try config.double("vwap_far_factor", default: vwapFarFactor, in: 0...1)
        vwapFarAtr = try config.double("vwap_far_atr", default: vwapFarAtr, in: 0...100)
        correlationFactor = try config.double("correlation_factor", default: correlationFactor, in: 0...1)
        correlatedGroups = config.list("correlated_groups", default: []).map { $0.split(separator: "|").map(String.init) }
        try config.checkNoUnknownKeys()
    }
}
