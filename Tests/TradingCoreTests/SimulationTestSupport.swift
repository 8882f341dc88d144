import Foundation
import TradingCore

// Helpers shared by the market-simulator and option-chain suites.

/// One simulated instant and the ticks the simulator returned for it.
struct SimulatedStep {
    var at: Date
    var ticks: [Tick]
    var regime: MarketRegime
}

/// Session instants every `step` seconds from 09:15:00 to 15:30:00 IST on `days` consecutive
/// weekdays from `start`'s IST day (Monday 2026-11-23 unless told).
func sessionInstants(days: Int, every step: Double, from start: Date = istInstant(2026, 11, 23)) -> [Date] {
    var instants: [Date] = []
    var day = start
    var done = 0
    while done < days {
        if IST.isWeekday(day) {
            let sessionOpen = IST.instant(onDayOf: day, hour: 9, minute: 15)
            var offset = 0.0
            while offset <= 22_500 {
                instants.append(sessionOpen.addingTimeInterval(offset))
                offset += step
            }
            done += 1
        }
        day = day.addingTimeInterval(86_400)
    }
    return instants
}

/// Runs `simulator` over `instants`, recording each call's ticks and the regime they were made in.
func run(_ simulator: inout MarketSimulator, over instants: [Date]) -> [SimulatedStep] {
    instants.map { at in
        let ticks = simulator.ticks(at: at)
        return SimulatedStep(at: at, ticks: ticks, regime: simulator.regime)
    }
}

/// A configuration with one feature changed from the defaults.
func simulatorConfiguration(regime: MarketRegime? = nil, gap: Double = 0.005, profile: IntradayProfile = .nseVolatility,
                            underlyings: [SimulatedUnderlying] = SimulatedUnderlying.nseIndices) -> MarketSimulatorConfiguration {
    MarketSimulatorConfiguration(underlyings: underlyings, volatilityProfile: profile, openingGapVolatility: gap,
                                 initialRegime: regime ?? .range, meanRegimeMinutes: regime == nil ? 75 : nil)
}

/// Natural log of a price ratio.
func logReturn(_ from: Paise, _ to: Paise) -> Double {
    log(to.rupees / from.rupees)
}

func mean(_ values: [Double]) -> Double {
    values.isEmpty ? .nan : values.reduce(0, +) / Double(values.count)
}

func standardDeviation(_ values: [Double]) -> Double {
    let m = mean(values)
    return (values.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(values.count - 1)).squareRoot()
}
