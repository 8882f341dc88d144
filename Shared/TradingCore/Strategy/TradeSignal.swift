import Foundation

/// What a strategy proposes: a direction, an entry, a protective stop and two targets
/// (`target` is TP1, `target2` TP2), with the reasoning and the feature values it used.
/// For an options structure `symbol` is the underlying, `instrument` names the structure,
/// prices are the net premium per unit, and `legs` lists every contract.
public struct TradeSignal: Hashable, Sendable, Codable {
    public var strategy: String
    public var symbol: String
    public var side: Side
    public var entry: Paise
    public var stop: Paise
    /// TP1.
    public var target: Paise
    /// TP2, further than TP1; nil for a single-target strategy.
    public var target2: Paise?
    /// 0…1
    public var confidence: Double
    public var rationale: String
    public var features: [String: Double]
    /// The start of the bar that produced the signal.
    public var barStart: Date
    /// What is traded: the symbol itself, or an option structure such as `NIFTY IRON_CONDOR 2025-09-09`.
    public var instrument: String
    /// The option contracts of a structure; empty for the underlying.
    public var legs: [SignalLeg]
    /// The regime of the underlying when the signal was produced (`TREND`, `RANGE`, …).
    public var regime: String?

    public init(strategy: String, symbol: String, side: Side, entry: Paise, stop: Paise, target: Paise,
                confidence: Double, rationale: String, features: [String: Double], barStart: Date,
                target2: Paise? = nil, instrument: String? = nil, legs: [SignalLeg] = [], regime: String? = nil) {
        self.strategy = strategy
        self.symbol = symbol
        self.side = side
        self.entry = entry
        self.stop = stop
        self.target = target
        self.target2 = target2
        self.confidence = confidence
        self.rationale = rationale
        self.features = features
        self.barStart = barStart
        self.instrument = instrument ?? symbol
        self.legs = legs
        self.regime = regime
    }

    /// Rupee distance from entry to stop, per unit of quantity.
    public var riskPerUnit: Paise { (entry - stop).magnitude }

    /// Reward to TP1 over risk; 0 when the risk is zero.
    public var rewardRisk: Double {
        let risk = riskPerUnit
        return risk > .zero ? Double((target - entry).magnitude.value) / Double(risk.value) : 0
    }

    /// True when the signal trades option contracts rather than the underlying.
    public var isOptions: Bool { !legs.isEmpty }
}
