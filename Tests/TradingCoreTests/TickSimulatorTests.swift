import Foundation
import Testing
import TradingCore

@Suite("TickSimulator")
struct TickSimulatorTests {
    private static func ticks(seed: UInt64, symbol: String = "NIFTY", base: Paise = Paise(2_473_405),
                              tick: Paise = Paise(5), count: Int = 2_000) -> [Tick] {
        var simulator = TickSimulator(symbol: symbol, basePrice: base, tickSize: tick, seed: seed)
        let open = istInstant(2026, 11, 23, 9, 15)
        return (0..<count).map { simulator.next(at: open.addingTimeInterval(Double($0) * 0.25)) }
    }

    @Test("same seed → identical ticks")
    func deterministic() {
        #expect(Self.ticks(seed: 42) == Self.ticks(seed: 42))
    }

    @Test("different seed → different ticks")
    func differentSeed() {
        let a = Self.ticks(seed: 42), b = Self.ticks(seed: 43)
        #expect(a != b)
        #expect(zip(a, b).filter { $0.lastPrice != $1.lastPrice }.count > 1_000)
    }

    @Test("the symbol is mixed into the seed")
    func symbolMatters() {
        #expect(Self.ticks(seed: 42, symbol: "NIFTY").map(\.lastPrice) != Self.ticks(seed: 42, symbol: "BANKNIFTY").map(\.lastPrice))
    }

    @Test("prices are always positive and on the tick grid; time and symbol are passed through")
    func pricesOnGrid() {
        let ticks = Self.ticks(seed: 7, count: 20_000)
        #expect(ticks.allSatisfy { $0.lastPrice > .zero })
        #expect(ticks.allSatisfy { $0.lastPrice.value % 5 == 0 })
        #expect(ticks.allSatisfy { $0.symbol == "NIFTY" })
        #expect(ticks.allSatisfy { $0.volume > 0 && $0.volume % 75 == 0 && $0.volume <= 3_000 })
        #expect(ticks[4].timestamp == istInstant(2026, 11, 23, 9, 15, 1))      // 4 × 0.25 s
        // A random walk, not a constant: prices move, and stay near the base over 20,000 small steps.
        #expect(Set(ticks.map(\.lastPrice)).count > 100)
        #expect(ticks.allSatisfy { $0.lastPrice > Paise(1_000_000) && $0.lastPrice < Paise(5_000_000) })
    }

    @Test("a price near zero never goes to or below zero")
    func tinyPrice() {
        // Base ₹0.10 with a ₹0.05 tick: steps are tiny but the floor is one tick.
        for seed: UInt64 in [1, 2, 3] {
            let ticks = Self.ticks(seed: seed, base: Paise(10), tick: Paise(5), count: 5_000)
            #expect(ticks.allSatisfy { $0.lastPrice >= Paise(5) && $0.lastPrice.value % 5 == 0 })
        }
    }
}

@Suite("SeededGenerator")
struct SeededGeneratorTests {
    @Test("is SplitMix64 (reference outputs for seeds 0 and 42)")
    func splitMixVectors() {
        var zero = SeededGenerator(seed: 0)
        #expect([zero.next(), zero.next(), zero.next()] == [0xE220_A839_7B1D_CDAF, 0x6E78_9E6A_A1B9_65F4, 0x06C4_5D18_8009_454F])
        var fortyTwo = SeededGenerator(seed: 42)
        #expect(fortyTwo.next() == 0xBDD7_3226_2FEB_6E95)
    }

    @Test("gaussian draws are finite with mean ≈ 0 and variance ≈ 1")
    func gaussian() {
        var rng = SeededGenerator(seed: 99)
        let draws = (0..<50_000).map { _ in rng.nextGaussian() }
        #expect(draws.allSatisfy { $0.isFinite })
        let mean = draws.reduce(0, +) / Double(draws.count)
        let variance = draws.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(draws.count)
        #expect(abs(mean) < 0.03)
        #expect(abs(variance - 1) < 0.05)
    }
}
