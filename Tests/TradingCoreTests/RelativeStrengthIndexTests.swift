import Testing
import TradingCore

/// Batch RSI over a whole series, written straight from the definition: the changes, the
/// simple means of the first N gains and losses, then Wilder smoothing; 50 when both are 0.
private func batchRSI(_ closes: [Double], period: Int) -> [Double?] {
    var out = [Double?](repeating: nil, count: closes.count)
    guard closes.count > period else { return out }
    let changes = (1..<closes.count).map { closes[$0] - closes[$0 - 1] }
    let n = Double(period)
    var gain = changes[0..<period].map { max($0, 0) }.reduce(0, +) / n
    var loss = changes[0..<period].map { max(-$0, 0) }.reduce(0, +) / n
    func rsi() -> Double { gain + loss == 0 ? 50 : 100 * gain / (gain + loss) }
    out[period] = rsi()
    for i in (period + 1)..<closes.count {
        let change = changes[i - 1]
        gain = (gain * (n - 1) + max(change, 0)) / n
        loss = (loss * (n - 1) + max(-change, 0)) / n
        out[i] = rsi()
    }
    return out
}

private func incrementalRSI(_ closes: [Double], period: Int) -> [Double?] {
    var rsi = RelativeStrengthIndex(period: period)
    return closes.map { rsi.update($0) }
}

@Suite("RelativeStrengthIndex")
struct RelativeStrengthIndexTests {
    @Test("Wilder/TA-Lib: seed with the mean of the first N changes, then (avg×(N−1)+x)/N")
    func workedExample() {
        var rsi = RelativeStrengthIndex(period: 3)
        #expect(rsi.update(10) == nil)                  // seeds the previous close
        #expect(rsi.update(11) == nil)                  // +1
        #expect(rsi.update(12) == nil)                  // +1
        // −1 → avg gain (1 + 1 + 0) / 3 = 2/3, avg loss (0 + 0 + 1) / 3 = 1/3
        // RSI = 100 × (2/3) / (2/3 + 1/3) = 66.67
        #expect(approximatelyEqual(rsi.update(11), 200.0 / 3))
        #expect(approximatelyEqual(rsi.averageGain, 2.0 / 3))
        #expect(approximatelyEqual(rsi.averageLoss, 1.0 / 3))
        // +2 → gain (2/3 × 2 + 2) / 3 = 10/9, loss (1/3 × 2 + 0) / 3 = 2/9
        // RSI = 100 × (10/9) / (12/9) = 83.33
        #expect(approximatelyEqual(rsi.update(13), 250.0 / 3))
        // 0 → gain (10/9 × 2) / 3 = 20/27, loss (2/9 × 2) / 3 = 4/27 → RSI = 100 × 20/24 = 83.33
        #expect(approximatelyEqual(rsi.update(13), 250.0 / 3))
        // −4 → gain (20/27 × 2) / 3 = 40/81, loss (4/27 × 2 + 4) / 3 = (8/27 + 108/27) / 3 = 116/81
        // RSI = 100 × 40 / (40 + 116) = 4000/156 = 25.64
        #expect(approximatelyEqual(rsi.update(9), 4000.0 / 156))
        #expect(approximatelyEqual(rsi.value, 4000.0 / 156))
    }

    @Test("nil during warm-up: period N needs N + 1 inputs")
    func warmUp() {
        var rsi = RelativeStrengthIndex(period: 14)
        for i in 0..<14 { #expect(rsi.update(100 + Double(i % 3)) == nil) }
        #expect(rsi.update(101) != nil)
    }

    @Test("100 when the average loss is 0; 50 when gain and loss are both 0")
    func edgeValues() {
        var rising = RelativeStrengthIndex(period: 2)
        for x in [1.0, 2, 3] { rising.update(x) }
        #expect(rising.value == 100)                    // gain 1, loss 0 → 100 × 1 / 1
        var flat = RelativeStrengthIndex(period: 2)
        for _ in 0..<50 { flat.update(24_734.05) }
        #expect(flat.value == 50)                       // gain 0, loss 0 → defined as 50
        var falling = RelativeStrengthIndex(period: 2)
        for x in [3.0, 2, 1] { falling.update(x) }
        #expect(falling.value == 0)                     // gain 0, loss 1 → 0
        // A market that goes flat after moving keeps a finite reading (the averages decay
        // geometrically; once both underflow to 0 the reading is the flat 50), never NaN.
        for _ in 0..<10_000 {
            let value = rising.update(3)
            #expect(value.map { $0.isFinite && (0...100).contains($0) } == true)
        }
    }

    @Test("non-finite inputs are ignored and do not move the previous close")
    func nonFiniteIgnored() {
        var rsi = RelativeStrengthIndex(period: 2)
        #expect(rsi.update(.nan) == nil)
        rsi.update(10)
        #expect(rsi.update(.infinity) == nil)
        rsi.update(12)                                  // +2 (from 10, not from ∞)
        #expect(rsi.update(-.infinity) == nil)
        // −1 → gain (2 + 0) / 2 = 1, loss (0 + 1) / 2 = 0.5 → RSI = 100 × 1 / 1.5
        #expect(approximatelyEqual(rsi.update(11), 200.0 / 3))
        #expect(approximatelyEqual(rsi.update(.nan), 200.0 / 3))
    }

    @Test("incremental equals batch over the real NIFTY bars", .enabled(if: niftyRealBarsAvailable, niftyRealBarsAbsent))
    func propertyRealBars() throws {
        let closes = try niftyRealBars().map(\.close.rupees)
        for period in [2, 14, 30] {
            #expect(seriesMismatch("rsi_\(period)", incremental: incrementalRSI(closes, period: period),
                                   batch: batchRSI(closes, period: period)) == nil)
        }
    }

    @Test("incremental equals batch over seeded random bars", arguments: indicatorSeeds)
    func propertyRandomBars(seed: UInt64) {
        let closes = seededRandomBars(seed: seed).map(\.close.rupees)
        for period in [1, 2, 14, 30] {
            #expect(seriesMismatch("rsi_\(period)", incremental: incrementalRSI(closes, period: period),
                                   batch: batchRSI(closes, period: period)) == nil)
        }
    }
}
