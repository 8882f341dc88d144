/// When a signal's entry fills. A signal is produced at the close of bar t, so the earliest
/// price it can trade at is bar t+1's open: the backtest never fills on the signal's own bar.
/// - `nextOpen`: at bar t+1's open (± slippage); stop and target are then checked on bar
///   t+1's range, since the rest of that bar happens after the fill.
/// - `nextClose`: at bar t+1's close (± slippage), a more conservative rule for strategies
///   whose signals cannot be acted on within a minute; stop and target from bar t+2.
public enum FillRule: String, Sendable, Hashable, Codable, CaseIterable {
    case nextOpen = "next_open"
    case nextClose = "next_close"
}
