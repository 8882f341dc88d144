/// The limits as the risk snapshot shows them: money in fields named `…Paise`.
public struct RiskLimitsSummary: Sendable, Hashable, Codable {
    public var capitalPaise: Int64
    public var riskPerTradePct: Double
    public var portfolioHeatPct: Double
    public var dailyLossPct: Double
    public var dailyLossR: Double
    public var weeklyLossR: Double
    public var maxTradesPerDay: Int
    public var maxOpenPositions: Int
    public var maxLotsPerTrade: Int
    public var maxExposurePerUnderlyingPaise: Int64
    public var marginPct: Double
    public var maxSpreadBps: Double
    public var maxSlippageBps: Double
    /// `09:20–15:10` (IST, on the signal's bar time).
    public var entryWindow: String

    public init(_ limits: RiskLimits) {
        capitalPaise = limits.capital.value
        riskPerTradePct = limits.riskPerTradePercent
        portfolioHeatPct = limits.portfolioHeatPercent
        dailyLossPct = limits.dailyLossPercent
        dailyLossR = limits.dailyLossR
        weeklyLossR = limits.weeklyLossR
        maxTradesPerDay = limits.maxTradesPerDay
        maxOpenPositions = limits.maxOpenPositions
        maxLotsPerTrade = limits.maxLotsPerTrade
        maxExposurePerUnderlyingPaise = limits.maxExposurePerUnderlying.value
        marginPct = limits.marginPercent
        maxSpreadBps = limits.maxSpreadBps
        maxSlippageBps = limits.maxSlippageBps
        entryWindow = EntryWindow.label(limits.entryWindowStartMinute) + "–" + EntryWindow.label(limits.entryWindowEndMinute)
    }
}
