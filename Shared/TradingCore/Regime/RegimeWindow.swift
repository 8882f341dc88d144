/// The last `lookbackBars` bars' ATR and Bollinger width (nil where a bar lacks them), kept bar
/// by bar so `RegimeClassifier` reads them without looking them up in every bar's snapshot again.
public struct RegimeWindow: Sendable {
    public let lookbackBars: Int
    public private(set) var atrs: [Double?] = []
    public private(set) var widths: [Double?] = []

    public init(lookbackBars: Int) {
        self.lookbackBars = max(1, lookbackBars)
        atrs.reserveCapacity(self.lookbackBars + 1)
        widths.reserveCapacity(self.lookbackBars + 1)
    }

    /// Adds the newest bar (the oldest falls out once the window is full).
    public mutating func append(_ bar: IndicatorBar, classifier: RegimeClassifier) {
        atrs.append(bar[classifier.parameters.atrName])
        widths.append(classifier.width(bar))
        if atrs.count > lookbackBars {
            atrs.removeFirst()
            widths.removeFirst()
        }
    }
}
