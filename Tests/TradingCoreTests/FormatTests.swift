import Foundation
import Testing
import TradingCore

/// `Format.number` and the IST date strings print exactly what `String(format:)` would.
@Suite("Format")
struct FormatTests {
    @Test("fixed decimals match %.Nf on seeded values, halves, negatives and extremes")
    func parityWithPrintf() {
        var generator = SeededGenerator(seed: 11)
        var values: [Double] = [0, -0.0, 0.5, 1.005, 2.675, -0.001, -1.5, 0.125, 1e11, 123_456.789, .infinity, .nan, 1e300]
        for _ in 0..<5_000 {
            let magnitude = pow(10, Double(Int(generator.next() % 10)) - 3)
            values.append((Double(generator.next() % 2_000_001) - 1_000_000) / 1_000_000 * magnitude)
            values.append(Double(Int64(generator.next() % 200_001) - 100_000) / 1_000)   // many exact halves at 2 decimals
        }
        for value in values {
            for decimals in [0, 1, 2, 3] {
                #expect(Format.number(value, decimals: decimals) == String(format: "%.\(decimals)f", value), "\(value) \(decimals)")
            }
        }
    }

    @Test("IST day and instant strings")
    func istStrings() {
        let instant = Date(timeIntervalSince1970: 1_763_959_500)   // 2025-11-24 04:45 UTC
        #expect(IST.dayString(instant) == "2025-11-24")
        #expect(IST.isoString(instant) == "2025-11-24T10:15:00+05:30")
        #expect(IST.dayString(Date(timeIntervalSince1970: 1_763_922_599)) == "2025-11-23")   // 23:59:59 IST
        #expect(IST.dayString(Date(timeIntervalSince1970: 1_763_922_600)) == "2025-11-24")   // 00:00 IST
        #expect(IST.dayString(Date(timeIntervalSince1970: -86_400 * 365)) == "1969-01-01")
    }
}
