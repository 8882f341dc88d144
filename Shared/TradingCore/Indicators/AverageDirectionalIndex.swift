/// Incremental ADX with +DI and −DI, following TA-Lib's `TA_ADX`, `TA_PLUS_DI` and
/// `TA_MINUS_DI` step for step:
///
/// - The first bar only seeds the previous high, low and close.
/// - One-bar movement: `up = high − prevHigh`, `down = prevLow − low`; −DM1 = `down` when
///   `down > 0` and `up < down`, else +DM1 = `up` when `up > 0` and `up > down`; otherwise
///   both are 0 (so equal moves cancel). TR1 is the true range against the previous close.
/// - Wilder sums: bars 1…N−1 are summed plainly (TA-Lib sums N−1 values, "there is no DM for
///   the first day"); from bar N on, `sum = sum − sum / N + x1`.
/// - From bar N: `+DI = 100 × +DM / TR`, `−DI = 100 × −DM / TR` (both 0 when TR is zero),
///   `DX = 100 × |+DI − −DI| / (+DI + −DI)`.
/// - The first ADX (bar 2N−1) is the sum of the first N DX values divided by N, where a bar
///   whose TR or DI sum is zero contributes 0; then `ADX = (ADX × (N − 1) + DX) / N`, and a
///   bar whose DX is undefined leaves the ADX unchanged.
///
/// "Zero" means TA-Lib's `TA_IS_ZERO`, |x| < 1e-8, so a long flat stretch, where the Wilder
/// sums decay geometrically, reads as zero instead of a ratio of vanishing numbers.
/// O(1) per update. `plusDI`/`minusDI` are available from bar N, `value` (ADX with the DIs)
/// from bar 2N−1; before that `update` returns nil. Non-finite bars are ignored.
public struct AverageDirectionalIndex: Sendable, Hashable {
    /// The ADX together with the directional indicators of the same bar, all in 0…100.
    public struct Value: Sendable, Hashable {
        public let adx: Double
        public let plusDI: Double
        public let minusDI: Double

        public init(adx: Double, plusDI: Double, minusDI: Double) {
            self.adx = adx
            self.plusDI = plusDI
            self.minusDI = minusDI
        }
    }

    public let period: Int
    public private(set) var value: Value?
    /// +DI, available from bar N (one bar after the first N bars that seed it).
    public private(set) var plusDI: Double?
    /// −DI, available from bar N.
    public private(set) var minusDI: Double?
    private var adx: Double?
    private var previousHigh = 0.0
    private var previousLow = 0.0
    private var previousClose = 0.0
    private var plusDM = 0.0
    private var minusDM = 0.0
    private var trueRange = 0.0
    private var sumDX = 0.0
    private var barCount = 0

    public init(period: Int) {
        precondition(period > 0, "ADX period must be positive")
        self.period = period
    }

    /// TA-Lib's `TA_IS_ZERO`.
    static func isZero(_ x: Double) -> Bool { -1e-8 < x && x < 1e-8 }

    @discardableResult
    public mutating func update(high: Double, low: Double, close: Double) -> Value? {
        guard high.isFinite, low.isFinite, close.isFinite else { return value }
        guard barCount > 0 else {
            (previousHigh, previousLow, previousClose) = (high, low, close)
            barCount = 1
            return value
        }
        let up = high - previousHigh
        let down = previousLow - low
        var plus = 0.0
        var minus = 0.0
        if down > 0 && up < down {
            minus = down
        } else if up > 0 && up > down {
            plus = up
        }
        let range = max(high - low, abs(high - previousClose), abs(low - previousClose))
        guard range.isFinite else { return value }
        let index = barCount                      // this bar's index, the seed bar being 0
        let n = Double(period)
        let nextPlusDM = index < period ? plusDM + plus : plusDM - plusDM / n + plus
        let nextMinusDM = index < period ? minusDM + minus : minusDM - minusDM / n + minus
        let nextTrueRange = index < period ? trueRange + range : trueRange - trueRange / n + range
        // Commit nothing from a bar whose sums would overflow, so no infinity can leak out.
        guard nextPlusDM.isFinite, nextMinusDM.isFinite, nextTrueRange.isFinite else { return value }
        (previousHigh, previousLow, previousClose) = (high, low, close)
        barCount += 1
        plusDM = nextPlusDM
        minusDM = nextMinusDM
        trueRange = nextTrueRange
        if index < period { return value }
        var dx: Double?
        if Self.isZero(trueRange) {
            plusDI = 0
            minusDI = 0
        } else {
            let p = 100 * (plusDM / trueRange)
            let m = 100 * (minusDM / trueRange)
            plusDI = p
            minusDI = m
            if !Self.isZero(p + m) { dx = 100 * (abs(m - p) / (p + m)) }
        }
        if let current = adx {
            if let dx { adx = (current * (n - 1) + dx) / n }
        } else {
            sumDX += dx ?? 0
            if index == 2 * period - 1 { adx = sumDX / n }
        }
        if let adx, let plusDI, let minusDI { value = Value(adx: adx, plusDI: plusDI, minusDI: minusDI) }
        return value
    }
}
