/// The indicators computed on every bar of one symbol, named as they appear in the bar
/// payload: `ema_<fast>`, `ema_<slow>`, `atr_<period>`. A name is absent during warm-up.
public struct IndicatorSet: Sendable, Hashable {
    public private(set) var emaFast: ExponentialMovingAverage
    public private(set) var emaSlow: ExponentialMovingAverage
    public private(set) var atr: AverageTrueRange

    public init(emaFast: Int, emaSlow: Int, atr: Int) {
        self.emaFast = ExponentialMovingAverage(period: emaFast)
        self.emaSlow = ExponentialMovingAverage(period: emaSlow)
        self.atr = AverageTrueRange(period: atr)
    }

    public var names: (emaFast: String, emaSlow: String, atr: String) {
        ("ema_\(emaFast.period)", "ema_\(emaSlow.period)", "atr_\(atr.period)")
    }

    /// Feeds a closed bar and returns the snapshot after it.
    public mutating func update(with bar: Bar) -> [String: Double] {
        emaFast.update(bar.close.rupees)
        emaSlow.update(bar.close.rupees)
        atr.update(high: bar.high.rupees, low: bar.low.rupees, close: bar.close.rupees)
        return snapshot
    }

    public var snapshot: [String: Double] {
        var values: [String: Double] = [:]
        let names = self.names
        if let value = emaFast.value { values[names.emaFast] = value }
        if let value = emaSlow.value { values[names.emaSlow] = value }
        if let value = atr.value { values[names.atr] = value }
        return values
    }
}
