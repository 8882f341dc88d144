import Foundation

/// `signal.created` on `signals`.
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

    public init(signalId: UUID, strategy: String, symbol: String, side: String, entryPaise: Int64, stopPaise: Int64,
                targetPaise: Int64, confidence: Double, rationale: String, features: [String: Double], barStart: Date,
                configSha: String) {
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
    }
}
