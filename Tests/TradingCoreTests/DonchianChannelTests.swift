import Testing
import TradingCore

/// Batch Donchian channel: the maximum high and minimum low of each full window, scanned.
private func batchDonchian(_ bars: [(high: Double, low: Double)], period: Int) -> (upper: [Double?], lower: [Double?]) {
    var upper = [Double?](repeating: nil, count: bars.count)
    var lower = upper
    for end in bars.indices where end >= period - 1 {
        let window = bars[(end - period + 1)...end]
        upper[end] = window.map(\.high).max()
        lower[end] = window.map(\.low).min()
    }
    return (upper, lower)
}

private func checkAgainstBatch(_ bars: [Bar], period: Int) -> [String] {
    let hl = bars.map { (high: $0.high.rupees, low: $0.low.rupees) }
    var channel = DonchianChannel(period: period)
    let values = hl.map { channel.update(high: $0.high, low: $0.low) }
    let batch = batchDonchian(hl, period: period)
    let middle = zip(batch.upper, batch.lower).map { upper, lower in upper.flatMap { u in lower.map { (u + $0) / 2 } } }
    return [seriesMismatch("donchian_high_\(period)", incremental: values.map { $0?.upper }, batch: batch.upper),
            seriesMismatch("donchian_low_\(period)", incremental: values.map { $0?.lower }, batch: batch.lower),
            seriesMismatch("donchian_mid_\(period)", incremental: values.map { $0?.middle }, batch: middle)]
        .compactMap { $0 }
}

@Suite("DonchianChannel")
struct DonchianChannelTests {
    @Test("highest high and lowest low of the last N bars, current bar included")
    func workedExample() {
        var channel = DonchianChannel(period: 3)
        #expect(channel.update(high: 10, low: 8) == nil)
        #expect(channel.update(high: 12, low: 9) == nil)
        // bars 0…2: highs 10, 12, 11 → 12; lows 8, 9, 7 → 7; middle (12 + 7) / 2 = 9.5
        #expect(channel.update(high: 11, low: 7) == DonchianChannel.Value(upper: 12, lower: 7, middle: 9.5))
        // bars 1…3: highs 12, 11, 9 → 12; lows 9, 7, 8.5 → 7
        #expect(channel.update(high: 9, low: 8.5) == DonchianChannel.Value(upper: 12, lower: 7, middle: 9.5))
        // bars 2…4: highs 11, 9, 9.5 → 11 (the 12 has left); lows 7, 8.5, 9 → 7
        #expect(channel.update(high: 9.5, low: 9) == DonchianChannel.Value(upper: 11, lower: 7, middle: 9))
        // bars 3…5: highs 9, 9.5, 10 → 10; lows 8.5, 9, 9.2 → 8.5 (the 7 has left)
        #expect(channel.update(high: 10, low: 9.2) == DonchianChannel.Value(upper: 10, lower: 8.5, middle: 9.25))
    }

    @Test("equal extremes: an older equal high expires without losing the newer one")
    func ties() {
        var channel = DonchianChannel(period: 2)
        channel.update(high: 5, low: 1)
        #expect(channel.update(high: 5, low: 1)?.upper == 5)        // bars 0, 1
        #expect(channel.update(high: 4, low: 2)?.upper == 5)        // bars 1, 2: bar 1's 5 still in
        #expect(channel.update(high: 3, low: 2)?.upper == 4)        // bars 2, 3
        #expect(channel.value?.lower == 2)
    }

    @Test("nil during warm-up: the first value needs N bars; period 1 is the bar itself")
    func warmUp() {
        var channel = DonchianChannel(period: 20)
        for i in 0..<19 { #expect(channel.update(high: 100 + Double(i), low: 90) == nil) }
        #expect(channel.update(high: 50, low: 40) == DonchianChannel.Value(upper: 118, lower: 40, middle: 79))
        var single = DonchianChannel(period: 1)
        #expect(single.update(high: 7, low: 3) == DonchianChannel.Value(upper: 7, lower: 3, middle: 5))
        #expect(single.update(high: 2, low: 1) == DonchianChannel.Value(upper: 2, lower: 1, middle: 1.5))
    }

    @Test("flat prices: the channel collapses onto the price; non-finite bars are ignored")
    func flatAndNonFinite() {
        var channel = DonchianChannel(period: 5)
        for _ in 0..<50 { channel.update(high: 24_734.05, low: 24_734.05) }
        #expect(channel.value == DonchianChannel.Value(upper: 24_734.05, lower: 24_734.05, middle: 24_734.05))
        var clean = DonchianChannel(period: 3)
        var noisy = DonchianChannel(period: 3)
        for (h, l) in [(10.0, 8.0), (12, 9), (11, 7), (9, 8.5), (9.5, 9)] {
            clean.update(high: h, low: l)
            noisy.update(high: .infinity, low: l)
            noisy.update(high: h, low: l)
            noisy.update(high: h, low: .nan)
        }
        #expect(noisy.value == clean.value)
        #expect(noisy.value == DonchianChannel.Value(upper: 11, lower: 7, middle: 9))
    }

    @Test("incremental equals batch over the real NIFTY bars", .enabled(if: niftyRealBarsAvailable, niftyRealBarsAbsent))
    func propertyRealBars() throws {
        let bars = try niftyRealBars()
        for period in [1, 2, 20, 55] { #expect(checkAgainstBatch(bars, period: period) == []) }
    }

    @Test("incremental equals batch over seeded random bars", arguments: indicatorSeeds)
    func propertyRandomBars(seed: UInt64) {
        let bars = seededRandomBars(seed: seed)
        for period in [1, 2, 3, 20, 55] { #expect(checkAgainstBatch(bars, period: period) == []) }
    }
}
