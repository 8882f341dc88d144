import Foundation

/// The performance of one backtest. Conventions (also in `annualisation`):
/// - returns are fractions (0.05 = 5 %); `totalReturn` = final / initial − 1;
/// - daily returns: the equity at each session's last step over the previous session's (the
///   initial capital before the first), risk-free rate 0;
/// - Sharpe = mean / sample standard deviation (n − 1) of daily returns × √252;
/// - Sortino = mean / downside deviation × √252, downside deviation = √(Σ min(r, 0)² / n);
/// - CAGR = (final / initial)^(252 / sessions) − 1 (a year is 252 trading sessions);
/// - max drawdown = the largest (peak − equity) / peak over every step (the initial capital is
///   the first peak, at the first step's time); its duration runs from the peak's step to the first step back at or
///   above the peak (or the last step when never recovered);
/// - Calmar = CAGR / max drawdown;
/// - a win is a trade with net P&L > 0, a loss one with net P&L < 0; profit factor = Σ winning
///   net / |Σ losing net|; average win / loss are means of net P&L truncated to whole paise;
/// - expectancy = mean R multiple (net P&L / sized risk);
/// - exposure = share of steps that ended with at least one open position.
/// Ratios that would divide by zero are nil.
public struct BacktestMetrics: Hashable, Sendable, Codable {
    public static let annualisation = "Sharpe and Sortino from daily (per-session) returns x sqrt(252), risk-free 0; "
        + "CAGR with 252 sessions a year; Sortino downside deviation sqrt(sum(min(r,0)^2)/n)"

    public var annualisationNote = BacktestMetrics.annualisation
    public var initialCapital: Paise
    public var finalEquity: Paise
    public var totalReturn: Double
    public var cagr: Double?
    public var sharpe: Double?
    public var sortino: Double?
    public var maxDrawdown: Double
    public var maxDrawdownDurationSeconds: Double
    public var maxDrawdownDurationSteps: Int
    public var calmar: Double?
    public var sessions: Int
    public var trades: Int
    public var wins: Int
    public var losses: Int
    public var winRate: Double?
    public var averageWin: Paise?
    public var averageLoss: Paise?
    public var profitFactor: Double?
    public var expectancyR: Double?
    public var exposure: Double
    public var tradesPerDay: Double?
    public var grossPnl: Paise
    public var netPnl: Paise
    public var chargesPaid: Paise

    /// Computes every metric from the equity steps, the trades and the number of sessions.
    public init(initialCapital: Paise, equity: [EquityPoint], trades: [BacktestTrade], sessions: Int) {
        self.initialCapital = initialCapital
        let final = equity.last?.equity ?? initialCapital
        finalEquity = final
        let initial = Double(initialCapital.value)
        totalReturn = initial > 0 ? Double(final.value) / initial - 1 : 0
        self.sessions = sessions
        if sessions > 0, initial > 0, final.value > 0 {
            cagr = pow(Double(final.value) / initial, 252 / Double(sessions)) - 1
        }

        let daily = Self.dailyReturns(initialCapital: initialCapital, equity: equity)
        if daily.count >= 2 {
            let mean = daily.reduce(0, +) / Double(daily.count)
            let variance = daily.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(daily.count - 1)
            if variance > 0 { sharpe = mean / variance.squareRoot() * 252.0.squareRoot() }
            let downside = (daily.reduce(0) { $0 + min($1, 0) * min($1, 0) } / Double(daily.count)).squareRoot()
            if downside > 0 { sortino = mean / downside * 252.0.squareRoot() }
        }

        let drawdown = Self.drawdown(initialCapital: initialCapital, equity: equity)
        maxDrawdown = drawdown.depth
        maxDrawdownDurationSeconds = drawdown.seconds
        maxDrawdownDurationSteps = drawdown.steps
        if let cagr, drawdown.depth > 0 { calmar = cagr / drawdown.depth }

        self.trades = trades.count
        let winning = trades.filter { $0.netPnl > .zero }, losing = trades.filter { $0.netPnl < .zero }
        wins = winning.count
        losses = losing.count
        let won = winning.reduce(Paise.zero) { $0 + $1.netPnl }, lost = losing.reduce(Paise.zero) { $0 + $1.netPnl }
        if !trades.isEmpty {
            winRate = Double(wins) / Double(trades.count)
            expectancyR = trades.reduce(0) { $0 + $1.rMultiple } / Double(trades.count)
        }
        if !winning.isEmpty { averageWin = Paise(won.value / Int64(winning.count)) }
        if !losing.isEmpty {
            averageLoss = Paise(lost.value / Int64(losing.count))
            profitFactor = Double(won.value) / Double(-lost.value)
        }
        exposure = equity.isEmpty ? 0 : Double(equity.filter { $0.openPositions > 0 }.count) / Double(equity.count)
        if sessions > 0 { tradesPerDay = Double(trades.count) / Double(sessions) }
        grossPnl = trades.reduce(.zero) { $0 + $1.grossPnl }
        chargesPaid = trades.reduce(.zero) { $0 + $1.fees }
        netPnl = grossPnl - chargesPaid
    }

    /// One return per IST session: its last step's equity over the previous session's last.
    public static func dailyReturns(initialCapital: Paise, equity: [EquityPoint]) -> [Double] {
        var closes: [Paise] = []
        var lastDay: String?
        for point in equity {
            // A step's close at 15:30 belongs to the session of its start: use the instant just before.
            let day = IST.dayString(point.time.addingTimeInterval(-1))
            if day == lastDay { closes[closes.count - 1] = point.equity } else { closes.append(point.equity); lastDay = day }
        }
        var previous = Double(initialCapital.value)
        var returns: [Double] = []
        for close in closes {
            guard previous > 0 else { break }
            returns.append(Double(close.value) / previous - 1)
            previous = Double(close.value)
        }
        return returns
    }

    /// The deepest drawdown (fraction of the peak) and the longest time under water.
    public static func drawdown(initialCapital: Paise, equity: [EquityPoint]) -> (depth: Double, seconds: Double, steps: Int) {
        guard let first = equity.first else { return (0, 0, 0) }
        var peak = initialCapital, peakTime = first.time, peakIndex = -1
        var depth = 0.0, longestSeconds = 0.0, longestSteps = 0
        for (index, point) in equity.enumerated() {
            if point.equity >= peak {
                if index > peakIndex + 1 {
                    // Back at (or above) the peak: the stretch under water ends here.
                    longestSeconds = max(longestSeconds, point.time.timeIntervalSince(peakTime))
                    longestSteps = max(longestSteps, index - peakIndex)
                }
                peak = point.equity
                peakTime = point.time
                peakIndex = index
                continue
            }
            if peak.value > 0 { depth = max(depth, Double((peak - point.equity).value) / Double(peak.value)) }
            longestSeconds = max(longestSeconds, point.time.timeIntervalSince(peakTime))
            longestSteps = max(longestSteps, index - peakIndex)
        }
        return (depth, longestSeconds, longestSteps)
    }
}
