import Foundation
import Testing
import TradingCore

@Suite("VolatilitySmile")
struct VolatilitySmileTests {
    @Test("atm + skew·m + curvature·m² with m = ln(K/S), floored")
    func formula() {
        let smile = VolatilitySmile(atmVolatility: 0.12, skew: -0.6, curvature: 4)
        #expect(smile.volatility(strike: 25_000, spot: 25_000) == 0.12)
        let m = log(24_500.0 / 25_000)
        #expect(approximatelyEqual(smile.volatility(strike: 24_500, spot: 25_000), 0.12 - 0.6 * m + 4 * m * m, tolerance: 1e-15))
        // Negative skew: the put wing is dearer than the call wing at the same distance.
        #expect(smile.volatility(strike: 24_500, spot: 25_000) > smile.volatility(strike: 25_500, spot: 25_000))
        // A steep positive skew would go negative far below the money: the floor holds.
        let steep = VolatilitySmile(atmVolatility: 0.1, skew: 5, curvature: 0, minimumVolatility: 0.02)
        #expect(steep.volatility(strike: 20_000, spot: 25_000) == 0.02)
    }
}
