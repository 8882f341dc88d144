/// Incremental Donchian channel: the highest high and the lowest low of the last `period`
/// bars (the current bar included, as TA-Lib's `MAX`/`MIN`), and their midpoint. `value` is
/// nil until `period` bars have arrived.
///
/// O(1) amortised per update with two monotonic deques of bar indices and prices: the
/// maximum deque keeps strictly decreasing highs (a new high evicts every older high it is at
/// least equal to), the minimum deque strictly increasing lows, and both drop entries that
/// have left the window from the front. Each bar enters and leaves each deque at most once;
/// a deque never holds more than `period` entries, so both live in fixed ring buffers.
/// Non-finite bars are ignored and do not advance the window.
public struct DonchianChannel: Sendable, Hashable {
    /// The channel of one bar.
    public struct Value: Sendable, Hashable {
        public let upper: Double
        public let lower: Double
        /// `(upper + lower) / 2`.
        public let middle: Double

        public init(upper: Double, lower: Double, middle: Double) {
            self.upper = upper
            self.lower = lower
            self.middle = middle
        }
    }

    /// A ring-buffer deque of (bar index, price) kept monotonic.
    private struct MonotonicDeque: Sendable, Hashable {
        let keepsMaximum: Bool
        var indices: [Int]
        var prices: [Double]
        var head = 0
        var count = 0

        init(capacity: Int, keepsMaximum: Bool) {
            self.keepsMaximum = keepsMaximum
            indices = Array(repeating: 0, count: capacity)
            prices = Array(repeating: 0, count: capacity)
        }

        var front: Double { prices[head] }

        mutating func push(_ price: Double, at index: Int, window: Int) {
            let capacity = prices.count
            // Entries at or before index − window have left the window.
            while count > 0 && indices[head] <= index - window {
                head = (head + 1) % capacity
                count -= 1
            }
            // Entries the new price dominates can never be the extreme again.
            while count > 0 {
                let back = prices[(head + count - 1) % capacity]
                guard keepsMaximum ? back <= price : back >= price else { break }
                count -= 1
            }
            let slot = (head + count) % capacity
            indices[slot] = index
            prices[slot] = price
            count += 1
        }
    }

    public let period: Int
    public private(set) var value: Value?
    private var highs: MonotonicDeque
    private var lows: MonotonicDeque
    private var barCount = 0

    public init(period: Int) {
        precondition(period > 0, "Donchian period must be positive")
        self.period = period
        highs = MonotonicDeque(capacity: period, keepsMaximum: true)
        lows = MonotonicDeque(capacity: period, keepsMaximum: false)
    }

    @discardableResult
    public mutating func update(high: Double, low: Double) -> Value? {
        guard high.isFinite, low.isFinite else { return value }
        highs.push(high, at: barCount, window: period)
        lows.push(low, at: barCount, window: period)
        barCount += 1
        guard barCount >= period else { return value }
        let upper = highs.front
        let lower = lows.front
        // (upper + lower) / 2 could overflow for prices near Double.greatestFiniteMagnitude.
        let middle = upper / 2 + lower / 2
        value = Value(upper: upper, lower: lower, middle: middle)
        return value
    }
}
