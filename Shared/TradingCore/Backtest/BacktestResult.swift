import Foundation

/// Everything one backtest produced: the closed trades, the equity after every step, and
/// counts of what happened to the signals on the way.
public struct BacktestResult: Sendable, Hashable {
    public var initialCapital: Paise
    public var trades: [BacktestTrade]
    public var equity: [EquityPoint]
    /// IST days with at least one bar.
    public var sessions: [String]
    public var barCount: Int
    /// Signals the ranker passed on (its top N).
    public var signals: Int
    public var approved: Int
    /// Rejections by the first failing gate's name.
    public var rejectionsByGate: [String: Int]
    /// Approved entries never filled, by reason (`day_end`, `gap_through_stop`, …).
    public var cancelledEntries: [String: Int]
    /// Per IST day, how many bars the regime classifier put in each regime (`TREND`, `RANGE`, …).
    public var sessionRegimes: [String: [String: Int]]

    public init(initialCapital: Paise, trades: [BacktestTrade], equity: [EquityPoint], sessions: [String], barCount: Int,
                signals: Int, approved: Int, rejectionsByGate: [String: Int], cancelledEntries: [String: Int],
                sessionRegimes: [String: [String: Int]] = [:]) {
        self.sessionRegimes = sessionRegimes
        self.initialCapital = initialCapital
        self.trades = trades
        self.equity = equity
        self.sessions = sessions
        self.barCount = barCount
        self.signals = signals
        self.approved = approved
        self.rejectionsByGate = rejectionsByGate
        self.cancelledEntries = cancelledEntries
    }
}
