/// Incremental Bollinger bands with TA-Lib's definition (`TA_BBANDS` with a simple moving
/// average): the middle band is the simple mean of the last `period` inputs, σ is their
/// *population* standard deviation (divide by N, not N − 1), and the bands are
/// `middle ± multiplier × σ`. `value` is nil until `period` inputs have arrived.
///
/// O(1) per update from running sums Σd and Σd² of the deviations `d = x − reference`, with
/// `σ² = Σd²/N − (Σd/N)²`; rounding can make that a tiny negative number, which is taken as 0.
/// Two measures keep the sums accurate over an unbounded run: they hold deviations from a
/// reference inside the window rather than raw prices (≈ 25 000, whose squares would cancel
/// catastrophically), and every `period` updates they are recomputed exactly from the window
/// with the newest input as the new reference, so rounding never accumulates (amortised
/// O(1): N additions once every N updates). A flat window (the last N inputs all equal) gives
/// σ = 0 and the bands exactly at that price. Non-finite inputs, and inputs so large that the
/// sums would overflow, are ignored.
public struct BollingerBands: Sendable, Hashable {
    /// The three bands and the standard deviation they were built from.
    public struct Value: Sendable, Hashable {
        public let middle: Double
        public let upper: Double
        public let lower: Double
        public let standardDeviation: Double

        public init(middle: Double, upper: Double, lower: Double, standardDeviation: Double) {
            self.middle = middle
            self.upper = upper
            self.lower = lower
            self.standardDeviation = standardDeviation
        }
    }

    public let period: Int
    public let multiplier: Double
    public private(set) var value: Value?
    private var window: [Double]
    private var nextSlot = 0
    private var count = 0
    private var reference = 0.0
    private var sum = 0.0
    private var sumOfSquares = 0.0
    private var updatesSinceRebase = 0
    private var lastInput = 0.0
    private var runLength = 0

    public init(period: Int, multiplier: Double = 2) {
        precondition(period > 0, "Bollinger period must be positive")
        precondition(multiplier.isFinite && multiplier >= 0, "Bollinger multiplier must be finite and non-negative")
        self.period = period
        self.multiplier = multiplier
        self.window = Array(repeating: 0, count: period)
    }

    @discardableResult
    public mutating func update(_ input: Double) -> Value? {
        guard input.isFinite else { return value }
        if count == 0 { reference = input }
        let deviation = input - reference
        var nextSum = sum + deviation
        var nextSumOfSquares = sumOfSquares + deviation * deviation
        if count == period {
            let leaving = window[nextSlot] - reference
            nextSum -= leaving
            nextSumOfSquares -= leaving * leaving
        }
        guard nextSum.isFinite, nextSumOfSquares.isFinite else { return value }
        if count < period { count += 1 }
        window[nextSlot] = input
        nextSlot = (nextSlot + 1) % period
        sum = nextSum
        sumOfSquares = nextSumOfSquares
        updatesSinceRebase += 1
        if updatesSinceRebase >= period { rebase(on: input) }
        runLength = runLength > 0 && input == lastInput ? runLength + 1 : 1
        lastInput = input
        guard count == period else { return value }
        if runLength >= period {
            value = Value(middle: input, upper: input, lower: input, standardDeviation: 0)
            return value
        }

        let n = Double(period)
        let meanDeviation = sum / n
        let variance = max(0, sumOfSquares / n - meanDeviation * meanDeviation)
        let standardDeviation = variance.squareRoot()
        let middle = reference + meanDeviation
        let width = multiplier * standardDeviation
        let upper = middle + width
        let lower = middle - width
        guard upper.isFinite, lower.isFinite else { return value }
        value = Value(middle: middle, upper: upper, lower: lower, standardDeviation: standardDeviation)
        return value
    }

    /// Recomputes the sums exactly from the (full) window around a new reference.
    private mutating func rebase(on newReference: Double) {
        var freshSum = 0.0
        var freshSumOfSquares = 0.0
        for x in window[0..<count] {
            let d = x - newReference
            freshSum += d
            freshSumOfSquares += d * d
        }
        guard freshSum.isFinite, freshSumOfSquares.isFinite else { return }
        reference = newReference
        sum = freshSum
        sumOfSquares = freshSumOfSquares
        updatesSinceRebase = 0
    }
}
