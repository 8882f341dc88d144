import Foundation

/// One backtest inside a validation: a named stretch of sessions (a split, a stress period or
/// the whole data) with its metrics. `metrics` is nil when the stretch had no sessions.
public struct ValidationSegment: Hashable, Sendable, Codable {
    public var name: String
    public var detail: String
    /// IST days `yyyy-MM-dd` the run covered, in order.
    public var sessions: [String]
    public var metrics: BacktestMetrics?

    public init(name: String, detail: String, sessions: [String], metrics: BacktestMetrics?) {
        self.name = name
        self.detail = detail
        self.sessions = sessions
        self.metrics = metrics
    }

    /// `first … last (n sessions)`, or `no sessions`.
    public var span: String {
        guard let first = sessions.first, let last = sessions.last else { return "no sessions" }
        return "\(first) … \(last) (\(sessions.count) session\(sessions.count == 1 ? "" : "s"))"
    }
}
