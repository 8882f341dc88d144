/// The market state of one underlying that decides which strategies may trade it.
public enum TradingRegime: String, Hashable, Sendable, Codable, CaseIterable {
    /// ADX above the trend threshold.
    case trend = "TREND"
    /// ADX below the range threshold and volatility not extreme.
    case range = "RANGE"
    /// Neither: transition or expanding volatility.
    case volatile = "VOLATILE"
    /// Around a listed event, with blown-out spreads, or before the indicators are warm.
    case noTrade = "NO_TRADE"
}
