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

    /// The most one trade may lose at its stop.
    public var riskBudget: Paise {
        Paise(Int64((Double(capital.value) * riskPerTradePercent / 100).rounded(.down)))
    }
}
