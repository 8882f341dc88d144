import Foundation

/// The configured limits risk-gate enforces. Percentages are of capital (0.5 means 0.5 %).
public struct RiskLimits: Sendable, Hashable, Codable {
    public var capital: Paise
    /// Percent of capital that one trade may lose at its stop, fees included.
    public var riskPerTradePercent: Double
    public var maxOpenPositions: Int
    public var maxLotsPerTrade: Int
    /// Sum of open risk to stop, this trade included, as percent of capital.
    public var portfolioHeatPercent: Double = 2.0
    /// Day's realised + unrealised loss that halts entries, as percent of start-of-day capital.
    public var dailyLossPercent: Double = 2.5
    /// R-based tripwires: the day's (week's) closed trades summing to −dailyLossR (−weeklyLossR) R halt entries.
    public var dailyLossR: Double = 2
    public var weeklyLossR: Double = 5
    public var maxTradesPerDay: Int = 10
    /// Notional (price × quantity) open on one underlying, this trade included.
    public var maxExposurePerUnderlying: Paise = Paise(1_000_000_000)
    /// SPAN-like margin for futures and short options, percent of notional; long options pay the premium.
    public var marginPercent: Double = 12
    public var maxSpreadBps: Double = 20
    /// The quote's touch (ask for a buy) beyond the signal's entry, in basis points of entry.
    public var maxSlippageBps: Double = 30
    /// Entries only for signals whose bar starts in [start, end) IST, in minutes since midnight.
    public var entryWindowStartMinute: Int = 9 * 60 + 20
    public var entryWindowEndMinute: Int = 15 * 60 + 10
    /// State older than this (service clock) fails closed.
    public var maxStateAgeSeconds: Double = 5
    public var charges: ChargeSchedule = .nseDiscount2026

    public init(capital: Paise, riskPerTradePercent: Double, maxOpenPositions: Int, maxLotsPerTrade: Int) {
        self.capital = capital
        self.riskPerTradePercent = riskPerTradePercent
        self.maxOpenPositions = maxOpenPositions
        self.maxLotsPerTrade = maxLotsPerTrade
    }

    /// The most one trade may lose at its stop: capital × percent / 100, rounded down to whole paise.
    public var riskBudget: Paise { Self.percent(riskPerTradePercent, of: capital) }

    /// The most all open trades together may lose at their stops.
    public var heatLimit: Paise { Self.percent(portfolioHeatPercent, of: capital) }

    /// `amount × percent / 100` floored to whole paise, computed in decimal from the percent's
    /// shortest decimal form (0.29, not 0.28999999999999998…), so a whole-paise result is exact.
    public static func percent(_ percent: Double, of amount: Paise) -> Paise {
        if let exactPercent = Decimal(string: String(percent), locale: Locale(identifier: "en_US_POSIX")) {
            var exact = Decimal(amount.value) * exactPercent / 100
            var floored = Decimal()
            NSDecimalRound(&floored, &exact, 0, .down)
            if let paise = Int64(floored.description) { return Paise(paise) }
        }
        return Paise(Int64((Double(amount.value) * percent / 100).rounded(.down)))
    }
}
