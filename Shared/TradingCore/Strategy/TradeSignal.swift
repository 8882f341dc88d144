import Foundation

/// What a strategy proposes: a direction, an entry, a protective stop and a target,
/// with the reasoning and the feature values it used.
public struct TradeSignal: Hashable, Sendable, Codable {
    public var strategy: String
    public var symbol: String
    public var side: Side
    public var entry: Paise
    public var stop: Paise
    public var target: Paise
    /// 0…1
    public var confidence: Double
    public var rationale: String
    public var features: [String: Double]
    /// The start of the bar that produced the signal.
    public var barStart: Date

    public init(strategy: String, symbol: String, side: Side, entry: Paise, stop: Paise, target: Paise,
                confidence: Double, rationale: String, features: [String: Double], barStart: Date) {
        self.strategy = strategy
        self.symbol = symbol
        self.side = side
        self.entry = entry
        self.stop = stop
        self.target = target
        self.confidence = confidence
        self.rationale = rationale
        self.features = features
        self.barStart = barStart
    }

    /// Rupee distance from entry to stop, per unit of quantity.
    public var riskPerUnit: Paise { (entry - stop).magnitude }
}
