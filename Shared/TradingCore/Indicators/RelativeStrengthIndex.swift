/// Incremental RSI with TA-Lib's (Wilder's) definition. The first input only seeds the
/// previous value; the first average gain and average loss are the simple means of the
/// first `period` changes, then each is smoothed as `avg = (avg × (period − 1) + x) / period`.
/// `RSI = 100 × avgGain / (avgGain + avgLoss)`, which is 100 when the average loss is 0.
/// When both averages are 0 (a flat series) the RSI is defined as 50, the neutral value;
/// TA-Lib writes 0 there, which would read as "deeply oversold" for a market that did not move.
/// O(1) per update; `value` is nil during warm-up (period N needs N + 1 inputs). Non-finite
/// inputs are ignored: they neither count towards the seed nor move the previous value.
public struct RelativeStrengthIndex: Sendable, Hashable {
    public let period: Int
    public private(set) var value: Double?
    public private(set) var averageGain: Double?
    public private(set) var averageLoss: Double?
    private var previous: Double?
    private var seedGain = 0.0
    private var seedLoss = 0.0
    private var seedCount = 0

    public init(period: Int) {
        precondition(period > 0, "RSI period must be positive")
        self.period = period
    }

    @discardableResult
    public mutating func update(_ input: Double) -> Double? {
        guard input.isFinite else { return value }
        defer { previous = input }
        guard let prior = previous else { return value }
        let change = input - prior
        guard change.isFinite else { return value }
        let gain = max(change, 0)
        let loss = max(-change, 0)
        let n = Double(period)
        if let gainAverage = averageGain, let lossAverage = averageLoss {
            averageGain = (gainAverage * (n - 1) + gain) / n
            averageLoss = (lossAverage * (n - 1) + loss) / n
        } else {
            seedGain += gain
            seedLoss += loss
            seedCount += 1
            guard seedCount == period else { return value }
            averageGain = seedGain / n
            averageLoss = seedLoss / n
        }
        value = Self.rsi(gain: averageGain!, loss: averageLoss!)
        return value
    }

    /// `100 × gain / (gain + loss)`; 50 when both are 0.
    static func rsi(gain: Double, loss: Double) -> Double {
        let total = gain + loss
        guard total > 0 else { return 50 }
        return 100 * gain / total
    }
}
