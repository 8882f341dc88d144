import Testing
import TradingCore

/// Batch Bollinger bands: for each full window, the two-pass mean and population variance
/// computed from scratch, so no running sum is involved.
private func batchBollinger(_ inputs: [Double], period: Int, multiplier: Double)
    -> (middle: [Double?], upper: [Double?], lower: [Double?], sd: [Double?]) {
    var middle = [Double?](repeating: nil, count: inputs.count)
    var upper = middle, lower = middle, sd = middle
    for end in inputs.indices where end >= period - 1 {
        let window = inputs[(end - period + 1)...end]
        let mean = window.reduce(0, +) / Double(period)
        let variance = window.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(period)
        let deviation = variance.squareRoot()
        middle[end] = mean
        upper[end] = mean + multiplier * deviation
        lower[end] = mean - multiplier * deviation
        sd[end] = deviation
    }
    return (middle, upper, lower, sd)
}

private func checkAgainstBatch(_ inputs: [Double], period: Int, multiplier: Double) -> [String] {
    var bands = BollingerBands(period: period, multiplier: multiplier)
    let values = inputs.map { bands.update($0) }
    let batch = batchBollinger(inputs, period: period, multiplier: multiplier)
    let name = "bb_\(period)_\(multiplier)"
    var mismatches = [seriesMismatch("\(name).middle", incremental: values.map { $0?.middle }, batch: batch.middle),
                      seriesMismatch("\(name).upper", incremental: values.map { $0?.upper }, batch: batch.upper),
                      seriesMismatch("\(name).lower", incremental: values.map { $0?.lower }, batch: batch.lower)]
        .compactMap { $0 }
    // σ itself is a difference of nearby prices, so it is held to 1e-9 of the price level it
    // comes from (a σ near 0 cannot be relatively exact from running sums, and need not be).
    for (index, (value, sd)) in zip(values, batch.sd).enumerated() {
        guard let value, let sd else { continue }
        if !(value.standardDeviation.isFinite
            && abs(value.standardDeviation - sd) <= 1e-9 * max(1, abs(value.middle))) {
            mismatches.append("\(name).sd[\(index)]: incremental \(value.standardDeviation) ≠ batch \(sd)")
            break
        }
    }
    return mismatches
}

@Suite("BollingerBands")
struct BollingerBandsTests {
    @Test("SMA middle, population σ, middle ± k × σ")
    func workedExample() throws {
        var bands = BollingerBands(period: 3)             // k = 2 by default
        #expect(bands.update(1) == nil)
        #expect(bands.update(2) == nil)
        // 1, 2, 3: mean 2; deviations −1, 0, 1 → σ² = (1 + 0 + 1) / 3 = 2/3 (population, not /2)
        let firstUpdate = bands.update(3)
        let first = try #require(firstUpdate)
        #expect(approximatelyEqual(first.middle, 2))
        #expect(approximatelyEqual(first.standardDeviation, (2.0 / 3).squareRoot()))
        #expect(approximatelyEqual(first.upper, 2 + 2 * (2.0 / 3).squareRoot()))
        #expect(approximatelyEqual(first.lower, 2 - 2 * (2.0 / 3).squareRoot()))
        // 2, 3, 6: mean 11/3; deviations −5/3, −2/3, 7/3 → squares 25/9 + 4/9 + 49/9 = 78/9
        // σ² = 78/27 = 26/9 → σ = √26 / 3 ≈ 1.6997
        let secondUpdate = bands.update(6)
        let second = try #require(secondUpdate)
        #expect(approximatelyEqual(second.middle, 11.0 / 3))
        #expect(approximatelyEqual(second.standardDeviation, 26.0.squareRoot() / 3))
        #expect(approximatelyEqual(second.upper, 11.0 / 3 + 2 * 26.0.squareRoot() / 3))
        #expect(approximatelyEqual(second.lower, 11.0 / 3 - 2 * 26.0.squareRoot() / 3))
    }

    @Test("multiplier scales the width; period 1 has zero width")
    func multiplierAndPeriodOne() throws {
        var wide = BollingerBands(period: 2, multiplier: 3)
        wide.update(10)
        // 10, 14: mean 12, σ = 2 → 12 ± 6
        #expect(wide.update(14) == BollingerBands.Value(middle: 12, upper: 18, lower: 6, standardDeviation: 2))
        var single = BollingerBands(period: 1)
        #expect(single.update(7) == BollingerBands.Value(middle: 7, upper: 7, lower: 7, standardDeviation: 0))
    }

    @Test("nil during warm-up: the first value needs N inputs")
    func warmUp() {
        var bands = BollingerBands(period: 20)
        for i in 0..<19 { #expect(bands.update(100 + Double(i)) == nil) }
        #expect(approximatelyEqual(bands.update(119)?.middle, 109.5))   // mean of 100…119
    }

    @Test("flat prices give σ = 0 exactly, even after a long noisy run; never NaN")
    func flatPrices() throws {
        var bands = BollingerBands(period: 20)
        for _ in 0..<100 { bands.update(24_734.05) }
        #expect(bands.value == BollingerBands.Value(middle: 24_734.05, upper: 24_734.05, lower: 24_734.05,
                                                    standardDeviation: 0))
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<100_000 { bands.update(24_734.05 + 50 * generator.nextGaussian()) }
        // Once the last N inputs are equal the window is flat: σ = 0 and the bands are the price.
        for _ in 0..<20 { bands.update(24_800.35) }
        let value = try #require(bands.value)
        #expect(value.standardDeviation == 0)
        #expect(value.middle == 24_800.35)
        #expect(value.upper == value.middle && value.lower == value.middle)
    }

    @Test("no drift: after 200,000 updates the bands still equal a two-pass recomputation")
    func noDrift() throws {
        var bands = BollingerBands(period: 20)
        var generator = SeededGenerator(seed: 11)
        var recent: [Double] = []
        var price = 24_734.05
        for _ in 0..<200_000 {
            price += 5 * generator.nextGaussian()
            bands.update(price)
            recent.append(price)
            if recent.count > 20 { recent.removeFirst() }
        }
        let batch = batchBollinger(recent, period: 20, multiplier: 2)
        let value = try #require(bands.value)
        #expect(relativelyClose(value.middle, try #require(batch.middle.last!)))
        #expect(relativelyClose(value.upper, try #require(batch.upper.last!)))
        #expect(relativelyClose(value.lower, try #require(batch.lower.last!)))
        #expect(abs(value.standardDeviation - (try #require(batch.sd.last!))) <= 1e-12 * value.middle)
    }

    @Test("non-finite inputs are ignored and do not enter the window")
    func nonFiniteIgnored() {
        var clean = BollingerBands(period: 3)
        var noisy = BollingerBands(period: 3)
        for x in [1.0, 2, 3, 6, 4, 5, 9] {
            clean.update(x)
            noisy.update(.nan)
            noisy.update(x)
            noisy.update(.infinity)
        }
        #expect(noisy == clean)
        #expect(noisy.value?.middle == 6)                  // (4 + 5 + 9) / 3
    }

    @Test("incremental equals batch over the real NIFTY bars", .enabled(if: niftyRealBarsAvailable, niftyRealBarsAbsent))
    func propertyRealBars() throws {
        let closes = try niftyRealBars().map(\.close.rupees)
        for (period, k) in [(2, 2.0), (20, 2.0), (50, 2.5)] {
            #expect(checkAgainstBatch(closes, period: period, multiplier: k) == [])
        }
    }

    @Test("incremental equals batch over seeded random bars", arguments: indicatorSeeds)
    func propertyRandomBars(seed: UInt64) {
        let closes = seededRandomBars(seed: seed).map(\.close.rupees)
        for (period, k) in [(1, 2.0), (3, 1.0), (20, 2.0), (50, 2.5)] {
            #expect(checkAgainstBatch(closes, period: period, multiplier: k) == [])
        }
    }
}
