import Foundation
import TradingCore

/// `signal.created` on `signals`. `targetPaise` is TP1. The fields after `configSha` were added
/// with the ranking; they are optional so older messages still decode.
public struct SignalPayload: Codable, Sendable, Hashable {
    public var signalId: UUID
    public var strategy: String
    public var symbol: String
    public var side: String
    public var entryPaise: Int64
    public var stopPaise: Int64
    public var targetPaise: Int64
    public var confidence: Double
    public var rationale: String
    public var features: [String: Double]
    public var barStart: Date
    public var configSha: String
    /// TP2.
    public var target2Paise: Int64?
    /// The symbol, or an option structure (`NIFTY 2025-09-09 IRON_CONDOR`).
    public var instrument: String?
    public var legs: [SignalLegPayload]?
    public var regime: String?
    public var score: Double?
    public var rank: Int?
    /// Each feature's raw, normalised value and contribution, and each penalty.
    public var explanation: SignalExplanation?

    public init(signalId: UUID, strategy: String, symbol: String, side: String, entryPaise: Int64, stopPaise: Int64,
                targetPaise: Int64, confidence: Double, rationale: String, features: [String: Double], barStart: Date,
                configSha: String, target2Paise: Int64? = nil, instrument: String? = nil, legs: [SignalLegPayload]? = nil,
                regime: String? = nil, score: Double? = nil, rank: Int? = nil, explanation: SignalExplanation? = nil) {
        self.signalId = signalId
        self.strategy = strategy
        self.symbol = symbol
        self.side = side
        self.entryPaise = entryPaise
        self.stopPaise = stopPaise
        self.targetPaise = targetPaise
        self.confidence = confidence
        self.rationale = rationale
        self.features = features
        self.barStart = barStart
        self.configSha = configSha
        self.target2Paise = target2Paise
        self.instrument = instrument
        self.legs = legs
        self.regime = regime
        self.score = score
        self.rank = rank
        self.explanation = explanation
    }

    /// The payload of a ranked signal.
    public init(id: UUID, ranked: RankedSignal, configSha: String) {
        let signal = ranked.signal
        self.init(signalId: id, strategy: signal.strategy, symbol: signal.symbol, side: signal.side.rawValue,
                  entryPaise: signal.entry.value, stopPaise: signal.stop.value, targetPaise: signal.target.value,
                  confidence: signal.confidence, rationale: signal.rationale, features: signal.features,
                  barStart: signal.barStart, configSha: configSha, target2Paise: signal.target2?.value,
                  instrument: signal.instrument, legs: signal.legs.isEmpty ? nil : signal.legs.map(SignalLegPayload.init),
                  regime: signal.regime, score: ranked.explanation.score, rank: ranked.explanation.rank,
                  explanation: ranked.explanation)
    }
}
