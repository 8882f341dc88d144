/// The state the simulated market is in. It scales how far prices move, how wide quotes are and
/// how much trades, and decides the drift: a trend drifts one way, a range pulls back to where it
/// started, a volatile market has no drift but moves most.
public enum MarketRegime: String, Hashable, Sendable, Codable, CaseIterable {
    /// Directional drift at normal volatility.
    case trend
    /// Mean-reverting to the price at which the range began, at reduced volatility.
    case range
    /// No drift, high volatility, wide quotes.
    case volatile

    /// Multiplies the underlying's realised volatility.
    public var volatilityMultiplier: Double {
        switch self {
        case .trend: 1.0
        case .range: 0.7
        case .volatile: 1.8
        }
    }

    /// Multiplies the quoted spread (underlyings and options).
    public var spreadMultiplier: Double {
        switch self {
        case .trend: 1.0
        case .range: 1.0
        case .volatile: 2.5
        }
    }

    /// Multiplies traded volume.
    public var volumeMultiplier: Double {
        switch self {
        case .trend: 1.1
        case .range: 0.8
        case .volatile: 1.6
        }
    }

    /// Multiplies the at-the-money implied volatility of simulated option chains.
    public var impliedVolatilityMultiplier: Double {
        switch self {
        case .trend: 1.0
        case .range: 0.92
        case .volatile: 1.35
        }
    }
}
