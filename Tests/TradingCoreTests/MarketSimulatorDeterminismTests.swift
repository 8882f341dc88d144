import Foundation
import Testing
import TradingCore

@Suite("MarketSimulator determinism")
struct MarketSimulatorDeterminismTests {
    private static let instants = sessionInstants(days: 3, every: 30)

    private static func steps(seed: UInt64) -> [SimulatedStep] {
        var simulator = MarketSimulator(seed: seed)
        return run(&simulator, over: instants)
    }

    @Test("same seed → identical ticks, regimes and chains")
    func sameSeed() {
        let a = Self.steps(seed: 2026), b = Self.steps(seed: 2026)
        #expect(a.map(\.ticks) == b.map(\.ticks))
        #expect(a.map(\.regime) == b.map(\.regime))

        var first = MarketSimulator(seed: 9), second = MarketSimulator(seed: 9)
        _ = run(&first, over: Self.instants)
        _ = run(&second, over: Self.instants)
        let at = Self.instants.last!, expiry = istInstant(2026, 12, 1)
        let chain = first.optionChain(for: "BANKNIFTY", at: at, expiry: expiry, strikesEachSide: 8)
        #expect(chain.count == 34)
        #expect(chain == second.optionChain(for: "BANKNIFTY", at: at, expiry: expiry, strikesEachSide: 8))
    }

    @Test("different seed → different prices")
    func differentSeed() {
        let a = Self.steps(seed: 1).flatMap(\.ticks), b = Self.steps(seed: 2).flatMap(\.ticks)
        #expect(a.count == b.count)
        let differing = zip(a, b).filter { $0.lastPrice != $1.lastPrice }.count
        #expect(differing > a.count * 9 / 10)
    }

    @Test("one tick per underlying per call, in configuration order, stamped with the caller's instant")
    func shape() {
        let steps = Self.steps(seed: 5)
        let symbols = SimulatedUnderlying.nseIndices.map(\.symbol)
        #expect(symbols == ["NIFTY", "BANKNIFTY", "FINNIFTY", "MIDCPNIFTY"])
        #expect(steps.allSatisfy { step in step.ticks.map(\.symbol) == symbols && step.ticks.allSatisfy { $0.timestamp == step.at } })
    }

    @Test("asking for option chains does not change the ticks that follow")
    func chainsDoNotPerturbTicks() {
        var plain = MarketSimulator(seed: 77), asking = MarketSimulator(seed: 77)
        for (index, at) in Self.instants.enumerated() {
            let expected = plain.ticks(at: at)
            if index % 50 == 0 {
                _ = asking.optionChain(for: "NIFTY", at: at, expiry: istInstant(2026, 11, 26), strikesEachSide: 5)
            }
            #expect(asking.ticks(at: at.addingTimeInterval(0)) == expected)
        }
    }

    @Test("a copy of a simulator carries on exactly as the original (value semantics)")
    func copies() {
        var original = MarketSimulator(seed: 3)
        _ = run(&original, over: Array(Self.instants.prefix(100)))
        var copy = original
        let rest = Array(Self.instants.dropFirst(100).prefix(200))
        #expect(run(&original, over: rest).map(\.ticks) == run(&copy, over: rest).map(\.ticks))
    }
}
