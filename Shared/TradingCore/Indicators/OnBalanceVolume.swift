/// Incremental on-balance volume with TA-Lib's definition: the first bar's OBV is its own
/// volume; afterwards the bar's volume is added when the close rises, subtracted when it
/// falls and ignored when it is unchanged. There is no warm-up: `value` is nil only until
/// the first valid bar. O(1) per update. A bar with a non-finite close or a non-finite or
/// negative volume is ignored and does not move the previous close.
public struct OnBalanceVolume: Sendable, Hashable {
    public private(set) var value: Double?
    private var previousClose: Double?

    public init() {}

    @discardableResult
    public mutating func update(close: Double, volume: Double) -> Double? {
        guard close.isFinite, volume.isFinite, volume >= 0 else { return value }
        guard let current = value, let prior = previousClose else {
            value = volume
            previousClose = close
            return value
        }
        let next: Double
        if close > prior {
            next = current + volume
        } else if close < prior {
            next = current - volume
        } else {
            next = current
        }
        guard next.isFinite else { return value }
        value = next
        previousClose = close
        return value
    }
}
