/// The indicators computed on every bar of one symbol, named as they appear in the bar
/// payload: the strategy's `ema_<fast>`, `ema_<slow>`, `atr_<period>`, plus (when a suite is
/// configured) every column of `IndicatorSuite` (`rsi_14`, `adx_14`, `bb_upper_20_2`, `vwap`, …).
/// A name is absent during warm-up.
public struct IndicatorSet: Sendable {
    public private(set) var emaFast: ExponentialMovingAverage
    public private(set) var emaSlow: ExponentialMovingAverage
    public private(set) var atr: AverageTrueRange
    private var suite: IndicatorSuite?
    private var suiteValues: [String: Double] = [:]

    public init(emaFast: Int, emaSlow: Int, atr: Int, suite: IndicatorPeriods? = nil) {
        self.emaFast = ExponentialMovingAverage(period: emaFast)
        self.emaSlow = ExponentialMovingAverage(period: emaSlow)
        self.atr = AverageTrueRange(period: atr)
        self.suite = suite.map(IndicatorSuite.init(periods:))
    }

    public var names: (emaFast: String, emaSlow: String, atr: String) {
        ("ema_\(emaFast.period)", "ema_\(emaSlow.period)", "atr_\(atr.period)")
    }

    /// Feeds a closed bar and returns the snapshot after it.
    public mutating func update(with bar: Bar) -> [String: Double] {
        emaFast.update(bar.close.rupees)
        emaSlow.update(bar.close.rupees)
        atr.update(high: bar.high.rupees, low: bar.low.rupees, close: bar.close.rupees)
        if var current = suite {
            suiteValues = [:]
            for (name, value) in zip(current.names, current.update(with: bar)) { if let value { suiteValues[name] = value } }
            suite = current
        }
        return snapshot
    }

    public var snapshot: [String: Double] {
        var values = suiteValues
        let names = self.names
        if let value = emaFast.value { values[names.emaFast] = value }
        if let value = emaSlow.value { values[names.emaSlow] = value }
        if let value = atr.value { values[names.atr] = value }
        return values
    }
}
