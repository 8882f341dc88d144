import Foundation
import Testing
import TradingCore

/// The U-shape: the first and last 30 minutes move more and trade more than 12:00–13:00.
@Suite("MarketSimulator intraday U-shape")
struct MarketSimulatorIntradayTests {
    /// Per window: mean |1-tick log return| and mean tick volume, over every underlying.
    private struct Window {
        var returns: [Double] = []
        var volumes: [Double] = []
    }

    private static func windows(configuration: MarketSimulatorConfiguration, days: Int, seed: UInt64)
        -> (open: Window, noon: Window, close: Window)
    {
        var simulator = MarketSimulator(seed: seed, configuration: configuration)
        let steps = run(&simulator, over: sessionInstants(days: days, every: 10))
        var open = Window(), noon = Window(), close = Window()
        for (previous, step) in zip(steps, steps.dropFirst())
        where NSESession.dayNumber(previous.at) == NSESession.dayNumber(step.at) {
            let minute = NSESession.secondsSinceOpen(step.at) / 60
            let returns = zip(previous.ticks, step.ticks).map { abs(logReturn($0.lastPrice, $1.lastPrice)) }
            let volumes = zip(step.ticks, configuration.underlyings).map { Double($0.volume) / Double($1.lotSize) }
            if minute <= 30 {
                open.returns += returns; open.volumes += volumes
            } else if minute >= 165 && minute < 225 {
                noon.returns += returns; noon.volumes += volumes
            } else if minute >= 345 {
                close.returns += returns; close.volumes += volumes
            }
        }
        return (open, noon, close)
    }

    @Test("with the regime held, the open and the close move and trade clearly more than lunch",
          arguments: MarketRegime.allCases)
    func heldRegime(regime: MarketRegime) {
        let (open, noon, close) = Self.windows(configuration: simulatorConfiguration(regime: regime), days: 4, seed: 11)
        #expect(open.returns.count > 4 * 4 * 170 && noon.returns.count > 4 * 4 * 350)
        #expect(mean(open.returns) > 1.6 * mean(noon.returns), "open \(mean(open.returns)) noon \(mean(noon.returns))")
        #expect(mean(close.returns) > 1.3 * mean(noon.returns), "close \(mean(close.returns)) noon \(mean(noon.returns))")
        #expect(mean(open.volumes) > 2 * mean(noon.volumes), "open \(mean(open.volumes)) noon \(mean(noon.volumes))")
        #expect(mean(close.volumes) > 2 * mean(noon.volumes), "close \(mean(close.volumes)) noon \(mean(noon.volumes))")
    }

    @Test("with switching regimes (the defaults) the U-shape still shows over several days")
    func defaults() {
        let (open, noon, close) = Self.windows(configuration: MarketSimulatorConfiguration(), days: 8, seed: 12)
        #expect(mean(open.returns) > mean(noon.returns))
        #expect(mean(close.returns) > mean(noon.returns))
        #expect(mean(open.volumes) > mean(noon.volumes))
        #expect(mean(close.volumes) > mean(noon.volumes))
    }

    @Test("a flat profile has no U-shape: the windows agree within sampling noise")
    func flatProfile() {
        let configuration = MarketSimulatorConfiguration(volatilityProfile: .flat, volumeProfile: .flat,
                                                         initialRegime: .volatile, meanRegimeMinutes: nil)
        let (open, noon, close) = Self.windows(configuration: configuration, days: 4, seed: 13)
        #expect(abs(mean(open.returns) / mean(noon.returns) - 1) < 0.15)
        #expect(abs(mean(close.returns) / mean(noon.returns) - 1) < 0.15)
        #expect(abs(mean(open.volumes) / mean(noon.volumes) - 1) < 0.15)
    }
}
