import Foundation
import Testing
import TradingCore

@Suite("IntradayProfile")
struct IntradayProfileTests {
    @Test("the U-shape: open and close levels at the ends, the midday level at lunch")
    func shape() {
        let profile = IntradayProfile(open: 2, midday: 0.5, close: 1.5, decayMinutes: 20)
        #expect(approximatelyEqual(profile.multiplier(minutesSinceOpen: 0), 2, tolerance: 1e-6))
        #expect(approximatelyEqual(profile.multiplier(minutesSinceOpen: 375), 1.5, tolerance: 1e-6))
        #expect(approximatelyEqual(profile.multiplier(minutesSinceOpen: 187.5), 0.5, tolerance: 1e-3))
        // τ after the open, (open − midday)·e^(−1) is left.
        #expect(approximatelyEqual(profile.multiplier(minutesSinceOpen: 20), 0.5 + 1.5 * exp(-1), tolerance: 1e-6))
        // Clamped outside the session.
        #expect(profile.multiplier(minutesSinceOpen: -30) == profile.multiplier(minutesSinceOpen: 0))
        #expect(profile.multiplier(minutesSinceOpen: 500) == profile.multiplier(minutesSinceOpen: 375))
    }

    @Test("falls through the morning and rises through the afternoon; flat is 1 all day")
    func monotoneHalves() {
        let profile = IntradayProfile.nseVolatility
        let morning = stride(from: 0.0, through: 180, by: 5).map { profile.multiplier(minutesSinceOpen: $0) }
        let afternoon = stride(from: 200.0, through: 375, by: 5).map { profile.multiplier(minutesSinceOpen: $0) }
        #expect(zip(morning, morning.dropFirst()).allSatisfy { $0 > $1 })
        #expect(zip(afternoon, afternoon.dropFirst()).allSatisfy { $0 < $1 })
        #expect(stride(from: 0.0, through: 375, by: 15).allSatisfy { IntradayProfile.flat.multiplier(minutesSinceOpen: $0) == 1 })
    }

    @Test("at an instant it reads the IST time of day")
    func atInstant() {
        let profile = IntradayProfile.nseVolume
        #expect(profile.multiplier(at: istInstant(2026, 11, 23, 9, 45)) == profile.multiplier(minutesSinceOpen: 30))
        #expect(profile.multiplier(at: istInstant(2026, 11, 23, 12, 30)) == profile.multiplier(minutesSinceOpen: 195))
    }
}
