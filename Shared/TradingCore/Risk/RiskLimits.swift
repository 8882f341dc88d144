import Foundation

/// The configured limits risk-gate enforces.
public struct RiskLimits: Sendable, Hashable, Codable {
    public var capital: Paise
    /// Percent of capital that one trade may lose at its stop (0.5 means 0.5 %).
    public var riskPerTradePercent: Double
    public var maxOpenPositions: Int
    public var maxLotsPerTrade: Int

    public init(capital: Paise, riskPerTradePercent: Double, maxOpenPositions: Int, maxLotsPerTrade: Int) {
        self.capital = capital
        self.riskPerTradePercent = riskPerTradePercent
        self.maxOpenPositions = maxOpenPositions
        self.maxLotsPerTrade = maxLotsPerTrade
    }

    /// The most one trade may lose at its stop: capital × percent / 100, rounded down to
    /// whole paise. Computed in decimal from the percent's shortest decimal form (0.29, not
    /// 0.28999999999999998…), so a budget that is a whole number of paise is not floored
    /// one paisa short.
    public var riskBudget: Paise {
        if let percent = Decimal(string: String(riskPerTradePercent), locale: Locale(identifier: "en_US_POSIX")) {
            var exact = Decimal(capital.value) * percent / 100
            var floored = Decimal()
            NSDecimalRound(&floored, &exact, 0, .down)
            if let paise = Int64(floored.description) { return Paise(paise) }
        }
        return Paise(Int64((Double(capital.value) * riskPerTradePercent / 100).rounded(.down)))
    }
}
