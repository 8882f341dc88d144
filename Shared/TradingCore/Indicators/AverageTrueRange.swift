/// Incremental ATR with TA-Lib's (Wilder's) definition: the true range needs the previous
/// close, so the first bar only seeds it; the first ATR is the mean of the first `period`
/// true ranges, then `atr = (atr × (period − 1) + tr) / period`. O(1) per update.
public struct AverageTrueRange: Sendable, Hashable {
    public let period: Int
    public private(set) var value: Double?
    private var previousClose: Double?
    private var seedSum = 0.0
    private var seedCount = 0

    public init(period: Int) {
        precondition(period > 0, "ATR period must be positive")
        self.period = period
    }

    @discardableResult
    public mutating func update(high: Double, low: Double, close: Double) -> Double? {
        guard high.isFinite, low.isFinite, close.isFinite else { return value }
        defer { previousClose = close }
        guard let prior = previousClose else { return value }
        let trueRange = max(high - low, abs(high - prior), abs(low - prior))
        if let current = value {
            value = (current * Double(period - 1) + trueRange) / Double(period)
        } else {
            seedSum += trueRange
            seedCount += 1
            if seedCount == period { value = seedSum / Double(period) }
        }
        return value
    }
}
