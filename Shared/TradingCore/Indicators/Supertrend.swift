/// Incremental Supertrend (the TradingView `ta.supertrend` rules) on a Wilder ATR
/// (`AverageTrueRange`, TA-Lib's definition), period 10 and multiplier 3 by default.
///
/// With `mid = (high + low) / 2`, the basic bands are `mid ± multiplier × ATR`. The final
/// bands only ratchet towards price:
/// - `upper = basicUpper` if `basicUpper < previous upper` or the previous close was above
///   the previous upper, else the previous upper;
/// - `lower = basicLower` if `basicLower > previous lower` or the previous close was below
///   the previous lower, else the previous lower.
/// Direction +1 (up trend) puts the Supertrend on the lower band, −1 (down trend) on the
/// upper band. After a down bar the trend turns up when the close rises above the upper band;
/// after an up bar it turns down when the close falls below the lower band. The first bar
/// with an ATR uses its basic bands and starts in the down trend (as TradingView does).
///
/// The ATR needs `period + 1` bars, so `value` is nil for the first `period` bars.
/// O(1) per update; non-finite bars are ignored and do not move the previous close.
public struct Supertrend: Sendable, Hashable {
    /// The Supertrend line and its direction, +1 (up) or −1 (down).
    public struct Value: Sendable, Hashable {
        public let value: Double
        public let direction: Int
        public let upperBand: Double
        public let lowerBand: Double

        public init(value: Double, direction: Int, upperBand: Double, lowerBand: Double) {
            self.value = value
            self.direction = direction
            self.upperBand = upperBand
            self.lowerBand = lowerBand
        }
    }

    public let period: Int
    public let multiplier: Double
    public private(set) var value: Value?
    private var atr: AverageTrueRange
    private var previousClose: Double?

    public init(period: Int = 10, multiplier: Double = 3) {
        precondition(period > 0, "Supertrend period must be positive")
        precondition(multiplier.isFinite && multiplier >= 0, "Supertrend multiplier must be finite and non-negative")
        self.period = period
        self.multiplier = multiplier
        self.atr = AverageTrueRange(period: period)
    }

    @discardableResult
    public mutating func update(high: Double, low: Double, close: Double) -> Value? {
        guard high.isFinite, low.isFinite, close.isFinite else { return value }
        let mid = high / 2 + low / 2
        var nextATR = atr
        guard let range = nextATR.update(high: high, low: low, close: close) else {
            atr = nextATR
            previousClose = close
            return value
        }
        let basicUpper = mid + multiplier * range
        let basicLower = mid - multiplier * range
        guard basicUpper.isFinite, basicLower.isFinite else { return value }
        atr = nextATR
        defer { previousClose = close }
        guard let prior = value, let priorClose = previousClose else {
            value = Value(value: basicUpper, direction: -1, upperBand: basicUpper, lowerBand: basicLower)
            return value
        }
        let upper = basicUpper < prior.upperBand || priorClose > prior.upperBand ? basicUpper : prior.upperBand
        let lower = basicLower > prior.lowerBand || priorClose < prior.lowerBand ? basicLower : prior.lowerBand
        let direction: Int
        if prior.direction < 0 {
            direction = close > upper ? 1 : -1
        } else {
            direction = close < lower ? -1 : 1
        }
        value = Value(value: direction > 0 ? lower : upper, direction: direction, upperBand: upper, lowerBand: lower)
        return value
    }
}
