import Foundation

/// A U-shaped intraday multiplier over the NSE session: `open` at 09:15, decaying towards
/// `midday`, rising again to `close` at 15:30, each end fading with `decayMinutes`:
///
///     m(t) = midday + (open − midday)·e^(−t/τ) + (close − midday)·e^(−(375 − t)/τ)
///
/// with `t` the minutes since 09:15 (clamped to the session). Used to scale volatility and volume.
public struct IntradayProfile: Hashable, Sendable, Codable {
    public var open: Double
    public var midday: Double
    public var close: Double
    public var decayMinutes: Double

    public init(open: Double, midday: Double, close: Double, decayMinutes: Double) {
        precondition(open > 0 && midday > 0 && close > 0 && decayMinutes > 0, "intraday profile must be positive")
        self.open = open
        self.midday = midday
        self.close = close
        self.decayMinutes = decayMinutes
    }

    /// Volatility: about 2.2× at the open, 0.75× at lunch, 1.6× into the close.
    public static let nseVolatility = IntradayProfile(open: 2.2, midday: 0.75, close: 1.6, decayMinutes: 30)
    /// Volume: heavier at both ends than volatility, the close nearly as busy as the open.
    public static let nseVolume = IntradayProfile(open: 2.8, midday: 0.6, close: 2.4, decayMinutes: 35)
    /// 1 all day: no intraday shape.
    public static let flat = IntradayProfile(open: 1, midday: 1, close: 1, decayMinutes: 30)

    /// The multiplier `minutes` after 09:15 (clamped to 0…375).
    public func multiplier(minutesSinceOpen minutes: Double) -> Double {
        let length = NSESession.lengthSeconds / 60
        let t = min(max(minutes, 0), length)
        return midday + (open - midday) * exp(-t / decayMinutes) + (close - midday) * exp(-(length - t) / decayMinutes)
    }

    /// The multiplier at an instant (its IST time of day, clamped to the session).
    public func multiplier(at date: Date) -> Double {
        multiplier(minutesSinceOpen: NSESession.elapsedSessionSeconds(date) / 60)
    }
}
