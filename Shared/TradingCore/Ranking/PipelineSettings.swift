/// Everything the signal pipeline is configured with; rebuilt from the config on reload.
public struct PipelineSettings: Sendable {
    public var slots: [StrategySlot]
    public var ranking: RankingParameters
    public var regime: RegimeClassifier.Parameters
    public var calendar: EventCalendar
    public var tickSize: Paise
    public var timeframeSeconds: Int
    public var historyBars: Int
    public var ivHistorySamples: Int
    /// A chain older than this at the bar's close is not shown to the strategies.
    public var chainMaxAgeSeconds: Double

    public init(slots: [StrategySlot], ranking: RankingParameters = RankingParameters(),
                regime: RegimeClassifier.Parameters = RegimeClassifier.Parameters(), calendar: EventCalendar = .empty,
                tickSize: Paise = Paise(5), timeframeSeconds: Int = 60, historyBars: Int = 500, ivHistorySamples: Int = 500,
                chainMaxAgeSeconds: Double = 600) {
        self.slots = slots
        self.ranking = ranking
        self.regime = regime
        self.calendar = calendar
        self.tickSize = tickSize
        self.timeframeSeconds = timeframeSeconds
        self.historyBars = historyBars
        self.ivHistorySamples = ivHistorySamples
        self.chainMaxAgeSeconds = chainMaxAgeSeconds
    }
}
