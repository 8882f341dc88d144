/// What one bar produced: the regime of its symbol (and whether it changed), the ranked
/// signals in strategy order, and the strategies that failed or were skipped.
public struct PipelineOutput: Sendable {
    public var accepted: Bool
    public var regime: RegimeAssessment
    /// The symbol's regime before this bar (nil on its first bar).
    public var previousRegime: TradingRegime?
    public var ranked: [RankedSignal]
    public var failures: [StrategyFailure]
    public var skipped: [String: String]

    public init(accepted: Bool, regime: RegimeAssessment, previousRegime: TradingRegime?, ranked: [RankedSignal] = [],
                failures: [StrategyFailure] = [], skipped: [String: String] = [:]) {
        self.accepted = accepted
        self.regime = regime
        self.previousRegime = previousRegime
        self.ranked = ranked
        self.failures = failures
        self.skipped = skipped
    }

    public var regimeChanged: Bool { accepted && previousRegime != regime.regime }
}
