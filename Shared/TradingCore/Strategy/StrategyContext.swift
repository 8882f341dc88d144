import Foundation

/// Everything a strategy sees for one closed bar of one symbol: the bars with their indicators
/// (oldest first, ending with the current bar), the latest option chain of the underlying and
/// the history of its at-the-money IV, the regime, the event calendar's view, and the injected
/// clock's `now`. No I/O: the service fills it in.
public struct StrategyContext: Sendable {
    public var symbol: String
    public var history: [IndicatorBar]
    public var timeframeSeconds: Int
    public var now: Date
    public var chain: OptionChainSnapshot?
    /// At-the-money implied volatilities of past chains, oldest first (for IV percentiles).
    public var ivHistory: [Double]
    public var regime: RegimeAssessment
    public var events: EventProximity
    public var tickSize: Paise

    public init(symbol: String, history: [IndicatorBar], timeframeSeconds: Int = 60, now: Date,
                chain: OptionChainSnapshot? = nil, ivHistory: [Double] = [],
                regime: RegimeAssessment = RegimeAssessment(regime: .volatile, reason: "unclassified"),
                events: EventProximity = .none, tickSize: Paise = Paise(5)) {
        precondition(!history.isEmpty, "a context needs the current bar")
        self.symbol = symbol
        self.history = history
        self.timeframeSeconds = timeframeSeconds
        self.now = now
        self.chain = chain
        self.ivHistory = ivHistory
        self.regime = regime
        self.events = events
        self.tickSize = tickSize
    }

    /// The bar the strategies run on.
    public var current: IndicatorBar { history[history.count - 1] }
    /// The bar before it, if any.
    public var previous: IndicatorBar? { history.count > 1 ? history[history.count - 2] : nil }
    public var bar: Bar { current.bar }

    /// The bars of the current bar's IST day, oldest first.
    public var sessionBars: ArraySlice<IndicatorBar> {
        let day = NSESession.dayNumber(bar.start)
        let first = history.lastIndex { NSESession.dayNumber($0.bar.start) != day }.map { $0 + 1 } ?? 0
        return history[first...]
    }

    /// Minutes since IST midnight of the current bar's close (its start + timeframe).
    public var closeMinuteOfDay: Int { IST.minuteOfDay(bar.start.addingTimeInterval(Double(timeframeSeconds))) }

    /// The at-the-money IV of the chain and its percentile among `ivHistory`.
    public var atmImpliedVolatility: Double? {
        guard let chain, let atm = chain.atmStrike else { return nil }
        let ivs = chain.rows.filter { $0.quote.strike == atm }.compactMap(\.impliedVolatility)
        return ivs.isEmpty ? nil : ivs.reduce(0, +) / Double(ivs.count)
    }

    public var ivPercentile: Double? {
        guard let iv = atmImpliedVolatility else { return nil }
        return Percentile.rank(of: iv, in: ivHistory + [iv])
    }
}
