/// Incremental EMA with TA-Lib's definition: the first value is the simple mean of the
/// first `period` inputs, then `ema = ema + k × (x − ema)` with `k = 2 / (period + 1)`.
/// O(1) per update; `value` is nil during warm-up.
public struct ExponentialMovingAverage: Sendable, Hashable {
    public let period: Int
    public private(set) var value: Double?
    private var seedSum = 0.0
    private var seedCount = 0
    private let smoothing: Double

    public init(period: Int) {
        precondition(period > 0, "EMA period must be positive")
        self.period = period
        self.smoothing = 2.0 / Double(period + 1)
    }

    @discardableResult
    public mutating func update(_ input: Double) -> Double? {
        guard input.isFinite else { return value }
        if let current = value {
            value = current + smoothing * (input - current)
        } else {
            seedSum += input
            seedCount += 1
            if seedCount == period { value = seedSum / Double(period) }
        }
        return value
    }
}
