import Foundation
import Testing
import TradingCore

@Suite("PercentRate")
struct PercentRateTests {
    @Test("a configured decimal percentage is held exactly as hundred-millionths")
    func exact() {
        #expect(PercentRate(Decimal(string: "0.00183")!).scaled == 183_000)
        #expect(PercentRate(Decimal(string: "0.15")!).scaled == 15_000_000)
        #expect(PercentRate(18).scaled == 1_800_000_000)
        #expect(PercentRate(Decimal(string: "0.03553")!).percent == Decimal(string: "0.03553")!)
        // Finer than 10^-8 % is rounded to that step.
        #expect(PercentRate(Decimal(string: "0.000000004")!).scaled == 0)
        #expect(PercentRate(Decimal(string: "0.000000005")!).scaled == 1)
    }

    @Test("of(amount) rounds half away from zero to the paisa")
    func rounding() {
        let stt = PercentRate(Decimal(string: "0.05")!)
        #expect(stt.of(1_000_000) == Paise(500))        // ₹10,000 × 0.05 % = ₹5.00
        #expect(stt.of(1_001_000) == Paise(501))        // 500.5 → 501
        #expect(stt.of(1_000_990) == Paise(500))        // 500.495 → 500
        #expect(stt.of(-1_001_000) == Paise(-501))
        #expect(PercentRate(Decimal(string: "0.00183")!).of(1_837_500_00) == Paise(3_363))   // ₹33.62625 → ₹33.63
        // A turnover far beyond Int64 paise × rate does not overflow (Int128 product).
        #expect(stt.of(Int128(Int64.max)) == Paise(Int64((Int128(Int64.max) * 5 + 5_000) / 10_000)))
    }
}
