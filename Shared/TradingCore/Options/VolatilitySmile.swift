import Foundation

/// A quadratic volatility smile in log-moneyness `m = ln(K/S)`:
///
///     σ(K) = max(minimumVolatility, atmVolatility + skew·m + curvature·m²)
///
/// A negative `skew` makes out-of-the-money puts (K < S) dearer than calls, as on NSE indices.
public struct VolatilitySmile: Hashable, Sendable, Codable {
    public var atmVolatility: Double
    public var skew: Double
    public var curvature: Double
    /// The floor the smile never goes below, however far out of the money.
    public var minimumVolatility: Double

    public init(atmVolatility: Double, skew: Double, curvature: Double, minimumVolatility: Double = 0.01) {
        self.atmVolatility = atmVolatility
        self.skew = skew
        self.curvature = curvature
        self.minimumVolatility = minimumVolatility
    }

    /// The volatility at `strike` with the underlying at `spot` (both in rupees, positive).
    public func volatility(strike: Double, spot: Double) -> Double {
        let m = log(strike / spot)
        return max(minimumVolatility, atmVolatility + skew * m + curvature * m * m)
    }
}
