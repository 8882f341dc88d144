import Foundation
import Testing
import TradingCore

/// Batch session VWAP: for each bar, find where its IST day (`IST.dayString`) began and sum
/// typical price × volume and volume over that slice from scratch; when the slice has no
/// volume, the mean typical price of the slice.
private func batchVWAP(_ bars: [Bar]) -> [Double?] {
    let days = bars.map { IST.dayString($0.start) }
    var sessionStart = 0
    var out: [Double?] = []
    for end in bars.indices {
        if end > 0 && days[end] != days[end - 1] { sessionStart = end }
        let session = bars[sessionStart...end]
        let typical = session.map { ($0.high.rupees + $0.low.rupees + $0.close.rupees) / 3 }
        let volumes = session.map { Double($0.volume) }
        let totalVolume = volumes.reduce(0, +)
        if totalVolume > 0 {
            out.append(zip(typical, volumes).map { $0 * $1 }.reduce(0, +) / totalVolume)
        } else {
            out.append(typical.reduce(0, +) / Double(typical.count))
        }
    }
    return out
}

private func incrementalVWAP(_ bars: [Bar]) -> [Double?] {
    var vwap = SessionVWAP()
    return bars.map {
        vwap.update(start: $0.start, high: $0.high.rupees, low: $0.low.rupees, close: $0.close.rupees,
                    volume: Double($0.volume))
    }
}

@Suite("SessionVWAP")
struct SessionVWAPTests {
    @Test("typical price weighted by volume, reset on a new IST session day")
    func workedExample() {
        var vwap = SessionVWAP()
        #expect(vwap.value == nil)
        // Typical (12 + 9 + 10.5) / 3 = 10.5, volume 100 → 10.5
        #expect(vwap.update(start: istInstant(2025, 9, 4, 9, 15), high: 12, low: 9, close: 10.5, volume: 100) == 10.5)
        // Typical (13 + 11 + 12) / 3 = 12, volume 300 → (10.5 × 100 + 12 × 300) / 400 = 4650 / 400 = 11.625
        #expect(vwap.update(start: istInstant(2025, 9, 4, 9, 16), high: 13, low: 11, close: 12, volume: 300) == 11.625)
        // Zero volume mid-session carries no weight: still 11.625
        #expect(vwap.update(start: istInstant(2025, 9, 4, 15, 29), high: 30, low: 27, close: 30, volume: 0) == 11.625)
        // Next IST day: reset. Typical (21 + 18 + 18) / 3 = 19 → 19
        #expect(vwap.update(start: istInstant(2025, 9, 5, 9, 15), high: 21, low: 18, close: 18, volume: 50) == 19)
        #expect(vwap.sessionDay == istInstant(2025, 9, 5))
    }

    @Test("zero cumulative volume: the running mean of the session's typical prices")
    func zeroVolume() {
        var vwap = SessionVWAP()
        let open = istInstant(2025, 9, 4, 9, 15)
        #expect(vwap.update(start: open, high: 11, low: 9, close: 10, volume: 0) == 10)     // typical 10
        // typical (21 + 19 + 20) / 3 = 20 → mean (10 + 20) / 2 = 15
        #expect(vwap.update(start: open + 60, high: 21, low: 19, close: 20, volume: 0) == 15)
        // first volume: typical 30 × 10 / 10 = 30; the zero-volume bars no longer count
        #expect(vwap.update(start: open + 120, high: 31, low: 29, close: 30, volume: 10) == 30)
        // flat prices on zero volume for a whole session: the price, never NaN
        var flat = SessionVWAP()
        for minute in 0..<375 {
            flat.update(start: open + Double(minute * 60), high: 24_734.05, low: 24_734.05, close: 24_734.05, volume: 0)
        }
        #expect(approximatelyEqual(flat.value, 24_734.05, tolerance: 1e-7))
    }

    @Test("the session is the IST day, not the UTC day")
    func istBoundary() {
        var vwap = SessionVWAP()
        // 05:29 and 05:31 IST straddle UTC midnight but are the same IST day: no reset.
        vwap.update(start: istInstant(2025, 9, 5, 5, 29), high: 10, low: 10, close: 10, volume: 1)
        #expect(vwap.update(start: istInstant(2025, 9, 5, 5, 31), high: 20, low: 20, close: 20, volume: 1) == 15)
        // 23:59 and 00:01 IST are the same UTC day (18:29 and 18:31 UTC) but different IST days: reset.
        vwap.update(start: istInstant(2025, 9, 5, 23, 59), high: 30, low: 30, close: 30, volume: 1)
        #expect(vwap.update(start: istInstant(2025, 9, 6, 0, 1), high: 40, low: 40, close: 40, volume: 1) == 40)
    }

    @Test("bad bars are ignored: non-finite prices or volume, negative volume")
    func badInputIgnored() {
        var vwap = SessionVWAP()
        let open = istInstant(2025, 9, 4, 9, 15)
        #expect(vwap.update(start: open, high: .nan, low: 9, close: 10, volume: 1) == nil)
        vwap.update(start: open, high: 11, low: 9, close: 10, volume: 100)
        #expect(vwap.update(start: open + 60, high: 21, low: 19, close: 20, volume: -5) == 10)
        #expect(vwap.update(start: open + 60, high: 21, low: 19, close: 20, volume: .infinity) == 10)
        #expect(vwap.update(start: open + 60, high: 21, low: 19, close: .infinity, volume: 1) == 10)
        // A bad bar dated the next day must not reset the session either.
        #expect(vwap.update(start: open + 86_400, high: .nan, low: 19, close: 20, volume: 1) == 10)
        #expect(vwap.sessionDay == istInstant(2025, 9, 4))
    }

    @Test("incremental equals batch over the real NIFTY bars (zero volume: mean typical price)",
          .enabled(if: niftyRealBarsAvailable, niftyRealBarsAbsent))
    func propertyRealBars() throws {
        let bars = try niftyRealBars()
        #expect(seriesMismatch("vwap", incremental: incrementalVWAP(bars), batch: batchVWAP(bars)) == nil)
    }

    @Test("incremental equals batch over seeded random bars", arguments: indicatorSeeds)
    func propertyRandomBars(seed: UInt64) {
        let bars = seededRandomBars(seed: seed)
        #expect(seriesMismatch("vwap", incremental: incrementalVWAP(bars), batch: batchVWAP(bars)) == nil)
    }
}
