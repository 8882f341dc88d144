import Testing
import TradingCore

/// `RiskLimits.percent`: budgets and limits from configured percentages, floored to the paisa
/// in exact integer arithmetic.
@Suite("RiskLimits.percent")
struct RiskLimitsPercentTests {
    @Test("exact for decimal percentages that are inexact in binary")
    func exactDecimals() {
        #expect(RiskLimits.percent(0.29, of: Paise(10_000)) == Paise(29))            // 0.29 is 0.28999… as a Double
        #expect(RiskLimits.percent(0.5, of: Paise(100_000_000)) == Paise(500_000))   // ₹5,000 of ₹10,00,000
        #expect(RiskLimits.percent(2.5, of: Paise(100_000_000)) == Paise(2_500_000))
        #expect(RiskLimits.percent(12, of: Paise(183_750_000)) == Paise(22_050_000))
        #expect(RiskLimits.percent(0.1, of: Paise(30)) == Paise(0))                   // 0.03 paise floors to 0
    }

    @Test("floors toward minus infinity; exponent forms fall back to floating point")
    func flooring() {
        #expect(RiskLimits.percent(0.5, of: Paise(999)) == Paise(4))                  // 4.995
        #expect(RiskLimits.percent(0.5, of: Paise(-999)) == Paise(-5))                // −4.995
        #expect(RiskLimits.percent(1e-05, of: Paise(1_000_000_000)) == Paise(100))
        #expect(RiskLimits.percent(0, of: Paise(1_000)) == .zero)
    }
}
