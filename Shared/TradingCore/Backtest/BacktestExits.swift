/// How a backtest closes its positions (`backtest.exits`).
/// - `executor` (the default): what the executor does — the OCO plan from `executor.exits`
///   (stop at the signal's stop, TP1 at `tp1_r` closing `tp1_fraction` in whole lots, then the
///   stop to breakeven, TP2 at `tp2_r`) and the `ExitTracker` rules (ATR trail, time stop,
///   volatility stop, MAE stop), each observed on the bar's prices (see `BacktestEngine`).
/// - `bracket`: the signal's own stop and target only (TP2 with `backtest.tp2`); the simple
///   model of the benchmark and of other backtesters.
public enum BacktestExits: Sendable, Hashable {
    case executor(ExitPolicy)
    case bracket

    public static let names = ["executor", "bracket"]

    public var name: String {
        switch self {
        case .executor: return "executor"
        case .bracket: return "bracket"
        }
    }

    /// The executor's policy, when the run uses it.
    public var policy: ExitPolicy? {
        if case .executor(let policy) = self { return policy }
        return nil
    }
}
