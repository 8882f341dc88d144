extension RegimeClassifier.Parameters {
    /// Reads `strategy_ranker.regime.*`.
    public init(config: inout StrategyConfigReader) throws {
        self.init()
        adxTrend = try config.double("adx_trend", default: adxTrend, in: 0...100)
        adxRange = try config.double("adx_range", default: adxRange, in: 0...adxTrend)
        volatilePercentile = try config.double("volatile_percentile", default: volatilePercentile, in: 0...1)
        lookbackBars = try config.int("lookback_bars", default: lookbackBars, in: 2...100_000)
        eventMinutes = try config.int("event_minutes", default: eventMinutes, in: 0...10_000)
        maxAtmSpreadFraction = try config.double("max_atm_spread_pct", default: maxAtmSpreadFraction * 100, in: 0...100) / 100
        try config.checkNoUnknownKeys()
    }
}
