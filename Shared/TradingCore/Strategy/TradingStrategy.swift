/// One strategy of the pure core: given the context of a closed bar it proposes at most one
/// signal, or nil. Deterministic: the same context gives the same answer. It may throw on an
/// internal inconsistency; the runner isolates and counts that.
public protocol TradingStrategy: Sendable {
    /// The strategy's name in config (`strategies.<name>`) and in `signals.strategy`.
    var name: String { get }
    /// The regimes it trades unless the config says otherwise; the first is its home regime.
    var defaultRegimes: [TradingRegime] { get }
    func evaluate(_ context: StrategyContext) throws -> TradeSignal?
}
