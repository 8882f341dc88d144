import Foundation
import Testing
import TradingCore

/// A strategy that always throws (a real conformer, to check isolation).
private struct ExplodingStrategy: TradingStrategy {
    struct Boom: Error {}
    var name: String { "exploding" }
    var defaultRegimes: [TradingRegime] { [.trend] }
    func evaluate(_ context: StrategyContext) throws -> TradeSignal? { throw Boom() }
}

/// A strategy that returns a BUY with its stop above the entry.
private struct BackwardsStrategy: TradingStrategy {
    var name: String { "backwards" }
    var defaultRegimes: [TradingRegime] { [.trend] }
    func evaluate(_ context: StrategyContext) throws -> TradeSignal? {
        TradeSignal(strategy: name, symbol: context.symbol, side: .buy, entry: Paise(100), stop: Paise(200), target: Paise(300),
                    confidence: 0.5, rationale: "wrong", features: [:], barStart: context.bar.start)
    }
}

@Suite("Strategy runner")
struct StrategyRunnerTests {
    /// The ORB scenario whose last bar confirms a breakout.
    static func orb(start: Date = istInstant(2025, 9, 8, 9, 15)) -> Scenario {
        OpeningRangeBreakoutTests.scenario(closes: [24612, 24613, 24614], start: start)
    }

    static func runner(_ extra: [StrategySlot] = []) -> StrategyRunner {
        StrategyRunner(slots: extra + [StrategySlot(strategy: OpeningRangeBreakoutStrategy(), cooldownMinutes: 30)])
    }

    @Test("a throwing or incoherent strategy is isolated and reported; the others still signal")
    func isolation() {
        var runner = Self.runner([StrategySlot(strategy: ExplodingStrategy()), StrategySlot(strategy: BackwardsStrategy())])
        let run = runner.run(Self.orb().context())
        #expect(run.signals.map(\.strategy) == ["orb"])
        #expect(run.signals.first?.regime == "TREND")
        #expect(run.failures.map(\.strategy) == ["exploding", "backwards"])
        #expect(run.failures[1].error.contains("incoherent BUY"))
    }

    @Test("nothing outside market hours or from a bar that has not closed by now")
    func marketHoursAndFormingBars() {
        var runner = Self.runner()
        let saturday = Self.orb(start: istInstant(2025, 9, 6, 9, 15)).context()
        #expect(runner.run(saturday).skipped["orb"] == "outside market hours")
        var forming = Self.orb().context()
        forming.now = forming.bar.start.addingTimeInterval(30)
        #expect(runner.run(forming).skipped["orb"] == "bar still forming")
        let evening = Self.orb(start: istInstant(2025, 9, 8, 15, 20)).context()   // last bar 15:38
        #expect(runner.run(evening).signals.isEmpty)
        #expect(runner.run(evening).skipped["orb"] == "outside market hours")
    }

    @Test("a strategy runs only in its regimes, and not again within its cooldown")
    func regimeAndCooldown() {
        var runner = Self.runner()
        #expect(runner.run(Self.orb().context(regime: .range)).skipped["orb"] == "regime RANGE not traded")
        #expect(runner.run(Self.orb().context(regime: .noTrade)).signals.isEmpty)
        #expect(runner.run(Self.orb().context()).signals.count == 1)
        #expect(runner.run(Self.orb().context()).skipped["orb"] == "cooldown")
    }
}
