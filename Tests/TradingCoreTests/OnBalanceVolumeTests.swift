import Testing
import TradingCore

/// Batch OBV: the first volume, then the signed volumes added up bar by bar.
private func batchOBV(_ bars: [(close: Double, volume: Double)]) -> [Double?] {
    guard let first = bars.first else { return [] }
    var out: [Double?] = [first.volume]
    var total = first.volume
    for i in bars.indices.dropFirst() {
        let change = bars[i].close - bars[i - 1].close
        total += change > 0 ? bars[i].volume : change < 0 ? -bars[i].volume : 0
        out.append(total)
    }
    return out
}

private func incrementalOBV(_ bars: [(close: Double, volume: Double)]) -> [Double?] {
    var obv = OnBalanceVolume()
    return bars.map { obv.update(close: $0.close, volume: $0.volume) }
}

@Suite("OnBalanceVolume")
struct OnBalanceVolumeTests {
    @Test("TA-Lib: starts at the first volume; ± volume on an up/down close; unchanged when flat")
    func workedExample() {
        var obv = OnBalanceVolume()
        #expect(obv.value == nil)
        #expect(obv.update(close: 10, volume: 100) == 100)      // first bar: its own volume
        #expect(obv.update(close: 11, volume: 50) == 150)       // up: 100 + 50
        #expect(obv.update(close: 10.5, volume: 30) == 120)     // down: 150 − 30
        #expect(obv.update(close: 10.5, volume: 999) == 120)    // unchanged close: volume ignored
        #expect(obv.update(close: 9, volume: 200) == -80)       // down: 120 − 200, may go negative
        #expect(obv.update(close: 12, volume: 0) == -80)        // up on zero volume: + 0
    }

    @Test("zero volume and flat prices stay finite (0 throughout)")
    func zeroVolumeAndFlat() {
        var obv = OnBalanceVolume()
        for i in 0..<100 { #expect(obv.update(close: 100 + Double(i % 7), volume: 0) == 0) }
        var flat = OnBalanceVolume()
        for _ in 0..<100 { flat.update(close: 24_734.05, volume: 1_000) }
        #expect(flat.value == 1_000)
    }

    @Test("non-finite or negative inputs are ignored and do not move the previous close")
    func badInputIgnored() {
        var obv = OnBalanceVolume()
        #expect(obv.update(close: .nan, volume: 10) == nil)
        #expect(obv.update(close: 10, volume: -5) == nil)
        obv.update(close: 10, volume: 100)
        #expect(obv.update(close: 50, volume: .infinity) == 100)
        #expect(obv.update(close: .infinity, volume: 10) == 100)
        #expect(obv.update(close: 11, volume: 10) == 110)       // compared with 10, not 50 or ∞
    }

    @Test("incremental equals batch over the real NIFTY bars", .enabled(if: niftyRealBarsAvailable, niftyRealBarsAbsent))
    func propertyRealBars() throws {
        let bars = try niftyRealBars().map { (close: $0.close.rupees, volume: Double($0.volume)) }
        #expect(seriesMismatch("obv", incremental: incrementalOBV(bars), batch: batchOBV(bars)) == nil)
    }

    @Test("incremental equals batch over seeded random bars", arguments: indicatorSeeds)
    func propertyRandomBars(seed: UInt64) {
        let bars = seededRandomBars(seed: seed).map { (close: $0.close.rupees, volume: Double($0.volume)) }
        #expect(seriesMismatch("obv", incremental: incrementalOBV(bars), batch: batchOBV(bars)) == nil)
    }
}
