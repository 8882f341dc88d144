import Foundation
import Testing
import TradingCore

@Suite("MarketSimulator regimes")
struct MarketSimulatorRegimeTests {
    /// Standard deviation of 1-tick log returns of the first underlying (NIFTY) within days.
    private static func realisedVolatility(_ steps: [SimulatedStep], index: Int = 0) -> Double {
        let returns = zip(steps, steps.dropFirst())
            .filter { NSESession.dayNumber($0.at) == NSESession.dayNumber($1.at) }
            .map { logReturn($0.ticks[index].lastPrice, $1.ticks[index].lastPrice) }
        return standardDeviation(returns)
    }

    @Test("a held regime stays put and is exposed")
    func heldRegime() {
        for regime in MarketRegime.allCases {
            var simulator = MarketSimulator(seed: 30, configuration: simulatorConfiguration(regime: regime))
            #expect(simulator.regime == regime)
            #expect(run(&simulator, over: sessionInstants(days: 2, every: 60)).allSatisfy { $0.regime == regime })
        }
    }

    @Test("volatile realised volatility is well above range realised volatility (same seed, same instants)")
    func volatileVersusRange() {
        let instants = sessionInstants(days: 3, every: 10)
        var volatile = MarketSimulator(seed: 31, configuration: simulatorConfiguration(regime: .volatile, profile: .flat))
        var range = MarketSimulator(seed: 31, configuration: simulatorConfiguration(regime: .range, profile: .flat))
        let high = Self.realisedVolatility(run(&volatile, over: instants))
        let low = Self.realisedVolatility(run(&range, over: instants))
        // The regime factors are 1.8 and 0.7: a ratio near 2.6.
        #expect(high > 2 * low, "volatile \(high) range \(low)")
        #expect(high < 3.2 * low, "volatile \(high) range \(low)")
    }

    @Test("switching regimes persist: all three appear, runs last tens of minutes, and each shows its volatility")
    func switching() {
        var simulator = MarketSimulator(seed: 32)
        let steps = run(&simulator, over: sessionInstants(days: 10, every: 10))
        let regimes = steps.map(\.regime)
        #expect(Set(regimes) == Set(MarketRegime.allCases))
        let switches = zip(regimes, regimes.dropFirst()).filter { $0 != $1 }.count
        // Mean 75 minutes over 10 × 375 minutes: about 50 switches, each a ten-second step apart.
        #expect(switches >= 20 && switches <= 100, "switches \(switches)")
        #expect(Double(regimes.count) / Double(switches + 1) > 60)   // runs average over 10 minutes

        var absoluteReturns: [MarketRegime: [Double]] = [:]
        for (previous, step) in zip(steps, steps.dropFirst())
        where NSESession.dayNumber(previous.at) == NSESession.dayNumber(step.at) {
            absoluteReturns[step.regime, default: []].append(abs(logReturn(previous.ticks[0].lastPrice, step.ticks[0].lastPrice)))
        }
        let volatile = mean(absoluteReturns[.volatile] ?? []), range = mean(absoluteReturns[.range] ?? [])
        #expect(volatile > 1.8 * range, "volatile \(volatile) range \(range)")
    }

    @Test("a trend drifts its way; a range stays near its anchor")
    func trendAndRange() {
        let instants = sessionInstants(days: 30, every: 60)
        var trend = MarketSimulator(seed: 33, configuration: simulatorConfiguration(regime: .trend, gap: 0))
        var range = MarketSimulator(seed: 33, configuration: simulatorConfiguration(regime: .range, gap: 0))
        let direction = Double(trend.trendDirection)
        #expect(abs(direction) == 1)

        func dayReturns(_ steps: [SimulatedStep]) -> [Double] {
            Dictionary(grouping: steps) { NSESession.dayNumber($0.at) }.values.map { day in
                logReturn(day.first!.ticks[0].lastPrice, day.last!.ticks[0].lastPrice)
            }
        }
        let trendDays = dayReturns(run(&trend, over: instants))
        let rangeDays = dayReturns(run(&range, over: instants))
        #expect(trendDays.count == 30 && rangeDays.count == 30)
        #expect(trendDays.filter { $0 * direction > 0 }.count >= 22, "\(trendDays)")
        #expect(mean(trendDays.map(abs)) > 3 * mean(rangeDays.map(abs)))
        // One NIFTY daily standard deviation (12 %/√252 ≈ 0.76 %) of drift a day, on average.
        #expect(abs(mean(trendDays) * direction - 0.0076) < 0.0035, "mean \(mean(trendDays))")
    }
}
