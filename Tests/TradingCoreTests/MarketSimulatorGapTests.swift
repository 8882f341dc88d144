import Foundation
import Testing
import TradingCore

@Suite("MarketSimulator opening gap")
struct MarketSimulatorGapTests {
    /// Log gaps (next 09:15:00 open over the previous 15:30:00 close) per underlying, over
    /// `days` weekdays with a tick only at each open and close. A tick exactly at 09:15:00 has
    /// no session time behind it, so the whole move from the close is the gap.
    private static func gaps(configuration: MarketSimulatorConfiguration, days: Int, seed: UInt64) -> [[Double]] {
        var simulator = MarketSimulator(seed: seed, configuration: configuration)
        let instants = sessionInstants(days: days, every: 22_500)
        let steps = run(&simulator, over: instants)
        #expect(steps.count == 2 * days)
        var gaps = Array(repeating: [Double](), count: configuration.underlyings.count)
        for closeIndex in stride(from: 1, to: steps.count - 1, by: 2) {
            let close = steps[closeIndex], open = steps[closeIndex + 1]
            #expect(NSESession.secondsSinceOpen(close.at) == NSESession.lengthSeconds)
            #expect(NSESession.secondsSinceOpen(open.at) == 0)
            for index in gaps.indices {
                gaps[index].append(logReturn(close.ticks[index].lastPrice, open.ticks[index].lastPrice))
            }
        }
        return gaps
    }

    @Test("each new day opens with a gap of about N(0, 0.5 %), correlated across underlyings")
    func defaultGap() {
        let gaps = Self.gaps(configuration: simulatorConfiguration(regime: .range), days: 401, seed: 21)
        #expect(gaps.allSatisfy { $0.count == 400 })
        for series in gaps {
            #expect(abs(standardDeviation(series) - 0.005) < 0.0006, "sd \(standardDeviation(series))")
            #expect(abs(mean(series)) < 0.0008)
            #expect(series.filter { abs($0) > 0.0005 }.count > 300)   // a real jump most days
        }
        let nifty = gaps[0], bank = gaps[1]
        let covariance = mean(zip(nifty, bank).map { ($0 - mean(nifty)) * ($1 - mean(bank)) })
        let correlation = covariance / (standardDeviation(nifty) * standardDeviation(bank))
        #expect(correlation > 0.65 && correlation < 0.92, "correlation \(correlation)")
    }

    @Test("with no gap volatility the next day opens exactly at the previous close")
    func noGap() {
        let gaps = Self.gaps(configuration: simulatorConfiguration(regime: .trend, gap: 0), days: 20, seed: 22)
        #expect(gaps.allSatisfy { $0.allSatisfy { $0 == 0 } })
    }

    @Test("the gap is larger than the moves between ticks a second apart within the day")
    func gapVersusIntraday() {
        var simulator = MarketSimulator(seed: 23, configuration: simulatorConfiguration(regime: .trend, gap: 0.01))
        let friday = istInstant(2026, 11, 27, 15, 29, 59)
        let before = simulator.ticks(at: friday)
        let close = simulator.ticks(at: friday.addingTimeInterval(1))
        let monday = simulator.ticks(at: istInstant(2026, 11, 30, 9, 15))
        let intraday = zip(before, close).map { abs(logReturn($0.lastPrice, $1.lastPrice)) }
        let gap = zip(close, monday).map { abs(logReturn($0.lastPrice, $1.lastPrice)) }
        #expect(mean(gap) > 5 * mean(intraday), "gap \(gap) intraday \(intraday)")
    }
}
