/// The indicators computed on every bar of one symbol, named as they appear in the bar
/// payload: the strategy's `ema_<fast>`, `ema_<slow>`, `atr_<period>`, plus (when a suite is
/// configured) every column of `IndicatorSuite` (`rsi_14`, `adx_14`, `bb_upper_20_2`, `vwap`, …).
/// A name is absent during warm-up.
public struct IndicatorSet: Sendable {
    public private(set) var emaFast: ExponentialMovingAverage
    public private(set) var emaSlow: ExponentialMovingAverage
    public private(set) var atr: AverageTrueRange
    private var suite: IndicatorSuite?
    /// The values after the last bar (names are built once: this runs on every bar of every symbol).
    public private(set) var snapshot: [String: Double] = [:]
    public let names: (emaFast: String, emaSlow: String, atr: String)

    public init(emaFast: Int, emaSlow: Int, atr: Int, suite: IndicatorPeriods? = nil) {
        self.emaFast = ExponentialMovingAverage(period: emaFast)
        self.emaSlow = ExponentialMovingAverage(period: emaSlow)
        self.atr = AverageTrueRange(period: atr)
        self.suite = suite.map(IndicatorSuite.init(periods:))
        self.names = ("ema_\(emaFast)", "ema_\(emaSlow)", "atr_\(atr)")
    }

    /// Feeds a closed bar and returns the snapshot after it.
    public mutating func update(with bar: Bar) -> [String: Double] {
        emaFast.update(bar.close.rupees)
        emaSlow.update(bar.close.rupees)
        atr.update(high: bar.high.rupees, low: bar.low.rupees, close: bar.close.rupees)
        var values = [String: Double](minimumCapacity: (suite?.names.count ?? 0) + 3)
        if suite != nil {
            // Updated in place (`if var` would copy the suite's windows on every bar).
            let columns = suite!.update(with: bar)
            for (name, value) in zip(suite!.names, columns) { if let value { values[name] = value } }
        }
        if let value = emaFast.value { values[names.emaFast] = value }
        if let value = emaSlow.value { values[names.emaSlow] = value }
        if let value = atr.value { values[names.atr] = value }
        snapshot = values
        return values
    }
}
