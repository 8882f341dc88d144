import Foundation
import Testing
import TradingCore

// Inputs and comparisons shared by the indicator suites' property tests, which check that
// each incremental indicator equals a straightforward batch recomputation.

/// ../shared/data/nifty50_1min_real.csv relative to the package root (derived from this file's path).
let niftyRealBarsPath: String = sharedDataPath("nifty50_1min_real.csv")

let niftyRealBarsAvailable = FileManager.default.fileExists(atPath: niftyRealBarsPath)

let niftyRealBarsAbsent: Comment = "real data file ../shared/data/nifty50_1min_real.csv is absent"

/// The real NIFTY 50 1-minute bars (5 sessions, 1,874 bars, volume 0 throughout).
func niftyRealBars() throws -> [Bar] {
    let text = try String(contentsOfFile: niftyRealBarsPath, encoding: .utf8)
    return try BarCSVParser(symbol: "NIFTY").parse(text)
}

/// Seeded random 1-minute bars over several IST sessions of 375 bars (09:15…15:29) around
/// ₹20,000, with the awkward cases mixed in: flat stretches (open = high = low = close and
/// no volume, long enough to fill a 20-bar window), gaps between sessions, and about a fifth
/// of the bars with zero volume. Same seed, same bars.
func seededRandomBars(seed: UInt64, count: Int = 2_000) -> [Bar] {
    var rng = SeededGenerator(seed: seed)
    var bars: [Bar] = []
    bars.reserveCapacity(count)
    var close: Int64 = 2_000_000
    var sessionOpen = istInstant(2025, 9, 1, 9, 15)
    var flatLeft = 0
    for index in 0..<count {
        let minute = index % 375
        if index > 0 && minute == 0 {
            sessionOpen = sessionOpen.addingTimeInterval(86_400)
            close += Int64(rng.nextGaussian() * 10_000)                    // overnight gap, σ ₹100
        }
        let start = sessionOpen.addingTimeInterval(Double(minute) * 60)
        if flatLeft == 0 && Int.random(in: 0..<150, using: &rng) == 0 { flatLeft = Int.random(in: 5...40, using: &rng) }
        if flatLeft > 0 {
            flatLeft -= 1
            bars.append(Bar(symbol: "RND", start: start, open: Paise(close), high: Paise(close), low: Paise(close),
                            close: Paise(close), volume: 0))
            continue
        }
        let open = max(100, close + Int64(rng.nextGaussian() * 300))
        close = max(100, open + Int64(rng.nextGaussian() * 1_500))
        let high = max(open, close) + Int64(abs(rng.nextGaussian()) * 800)
        let low = max(1, min(open, close) - Int64(abs(rng.nextGaussian()) * 800))
        let volume: Int64 = Int.random(in: 0..<5, using: &rng) == 0 ? 0 : Int64.random(in: 1...200_000, using: &rng)
        bars.append(Bar(symbol: "RND", start: start, open: Paise(open), high: Paise(high), low: Paise(low),
                        close: Paise(close), volume: volume))
    }
    return bars
}

/// The seeds the random property tests run over.
let indicatorSeeds: [UInt64] = [1, 42, 20_250_904]

/// Relative closeness: |a − b| ≤ tolerance × max(1, |a|, |b|) (the floor of 1 keeps values at
/// or near zero, such as a DI of 0, from demanding an impossible absolute accuracy).
func relativelyClose(_ a: Double, _ b: Double, tolerance: Double = 1e-9) -> Bool {
    abs(a - b) <= tolerance * max(1, abs(a), abs(b))
}

/// Nil when the two series agree bar by bar (nil in the same places, values relatively
/// within 1e-9, every incremental value finite); otherwise a description of the first
/// disagreement.
func seriesMismatch(_ name: String, incremental: [Double?], batch: [Double?], tolerance: Double = 1e-9) -> String? {
    guard incremental.count == batch.count else {
        return "\(name): \(incremental.count) incremental values but \(batch.count) batch values"
    }
    for (index, (a, b)) in zip(incremental, batch).enumerated() {
        switch (a, b) {
        case (nil, nil):
            continue
        case let (a?, b?):
            if !a.isFinite { return "\(name)[\(index)]: incremental value \(a) is not finite" }
            if !relativelyClose(a, b, tolerance: tolerance) {
                return "\(name)[\(index)]: incremental \(a) ≠ batch \(b)"
            }
        default:
            return "\(name)[\(index)]: incremental \(String(describing: a)) but batch \(String(describing: b))"
        }
    }
    return nil
}
