/// The ranking configuration (`strategy_ranker.*`): feature weights, the z-score window, the
/// penalties and their triggers, and how many signals are passed on.
public struct RankingParameters: Hashable, Sendable {
    public var weights: [RankingFeature: Double] = [.momentum: 0.25, .trend: 0.25, .liquidity: 0.20, .regimeFit: 0.15,
                                                    .rewardRisk: 0.15]
    /// Past values per feature the z-score is taken over.
    public var window = 200
    public var topN = 5
    public var momentumBars = 10
    public var emaFastName = "ema_9"
    public var emaSlowName = "ema_21"
    public var atrName = "atr_14"
    public var illiquidFactor = 0.5
    /// A signal is illiquid when its bar volume is below this (0: not checked)…
    public var minBarVolume: Int64 = 0
    /// …or an option it trades, or the ATM option, has a spread above this fraction of mid.
    public var maxSpreadFraction = 0.005
    public var eventFactor = 0.7
    public var eventMinutes = 60
    public var vwapFarFactor = 0.8
    /// Entry more than this many ATRs from VWAP is "far".
    public var vwapFarAtr = 1.5
    public var correlationFactor = 0.6
    /// Groups of symbols treated as correlated; a symbol is always correlated with itself.
    public var correlatedGroups: [[String]] = []

    public init() {}
}
