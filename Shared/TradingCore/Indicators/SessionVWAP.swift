import Foundation

/// Incremental session-anchored VWAP: the volume-weighted mean of each bar's typical price
/// `(high + low + close) / 3` since the start of the bar's IST session day,
/// `VWAP = Σ(typical × volume) / Σ volume`. The sums reset on the first bar whose start falls
/// on a different IST calendar day than the previous bar's (the day is taken from
/// `IST.instant(onDayOf:hour:minute:)`, so there is no calendar or string work per bar).
///
/// Zero volume: while the session's cumulative volume is 0 (indices such as NIFTY carry no
/// volume, and a session may open with empty bars) the VWAP is defined as the running simple
/// mean of the session's typical prices, so it is never undefined. Once any volume has
/// traded, zero-volume bars carry no weight, as the formula implies.
///
/// No warm-up: `value` is nil only until the first valid bar. O(1) per update. A bar with a
/// non-finite price, a non-finite start or a non-finite or negative volume is ignored.
public struct SessionVWAP: Sendable, Hashable {
    public private(set) var value: Double?
    /// IST midnight of the current session's day.
    public private(set) var sessionDay: Date?
    private var priceVolume = 0.0
    private var volume = 0.0
    private var typicalSum = 0.0
    private var barCount = 0

    public init() {}

    @discardableResult
    public mutating func update(start: Date, high: Double, low: Double, close: Double, volume barVolume: Double) -> Double? {
        guard start.timeIntervalSince1970.isFinite, high.isFinite, low.isFinite, close.isFinite,
              barVolume.isFinite, barVolume >= 0 else { return value }
        let typical = (high + low + close) / 3
        guard typical.isFinite else { return value }
        let day = IST.instant(onDayOf: start, hour: 0, minute: 0)
        var next = (priceVolume: priceVolume, volume: volume, typicalSum: typicalSum, barCount: barCount)
        if day != sessionDay { next = (0, 0, 0, 0) }
        next.priceVolume += typical * barVolume
        next.volume += barVolume
        next.typicalSum += typical
        next.barCount += 1
        let vwap = next.volume > 0 ? next.priceVolume / next.volume : next.typicalSum / Double(next.barCount)
        guard vwap.isFinite, next.priceVolume.isFinite, next.volume.isFinite else { return value }
        sessionDay = day
        (priceVolume, volume, typicalSum, barCount) = next
        value = vwap
        return value
    }
}
