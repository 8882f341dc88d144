/// What one bar produced: the signals in strategy order, the strategies that threw, and why
/// strategies were skipped (outside market hours, forming bar, regime, cooldown).
public struct StrategyRun: Sendable {
    public var signals: [TradeSignal] = []
    public var failures: [StrategyFailure] = []
    /// strategy name → reason it did not run.
    public var skipped: [String: String] = [:]

    public init() {}
}
