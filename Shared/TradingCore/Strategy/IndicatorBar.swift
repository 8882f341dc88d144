/// A closed bar with the indicator snapshot after it (names as in `md.bar`: `ema_20`, `atr_14`, `vwap`, …).
public struct IndicatorBar: Hashable, Sendable {
    public var bar: Bar
    public var indicators: [String: Double]

    public init(bar: Bar, indicators: [String: Double]) {
        self.bar = bar
        self.indicators = indicators
    }

    public subscript(_ name: String) -> Double? { indicators[name] }
}
