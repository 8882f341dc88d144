/// Why a position was closed; one of these is stored on every trade.
public enum ExitReason: String, Codable, Sendable, Hashable, CaseIterable {
    /// The initial protective stop.
    case stop = "STOP"
    /// The stop after TP1 moved it to the entry price.
    case breakevenStop = "BREAKEVEN_STOP"
    /// The stop after the ATR trail moved it.
    case trailingStop = "TRAILING_STOP"
    /// TP1 closed the whole position (a single-target plan).
    case target = "TARGET"
    /// TP2.
    case target2 = "TARGET2"
    /// No progress for the configured time.
    case timeStop = "TIME_STOP"
    /// ATR expanded to the configured multiple of the ATR at entry.
    case volatilityStop = "VOLATILITY_STOP"
    /// The adverse excursion reached the configured share of capital.
    case maeStop = "MAE_STOP"
    /// The stop could not be placed; the position was closed at market instead.
    case stopRejected = "STOP_REJECTED"
    case flatten = "FLATTEN"
    case endOfDay = "EOD"
}
