/// Why a signal ranked where it did: fused = Σ contributions, base = logistic(fused) in 0…1,
/// score = base × every penalty factor; rank among the signals of its bar, and whether it was
/// passed on (rank ≤ top N).
public struct SignalExplanation: Hashable, Sendable, Codable {
    public var score: Double
    public var fused: Double
    public var base: Double
    public var rank: Int
    public var candidates: Int
    public var passed: Bool
    public var features: [FeatureAttribution]
    public var penalties: [AppliedPenalty]

    public init(score: Double, fused: Double, base: Double, rank: Int, candidates: Int, passed: Bool,
                features: [FeatureAttribution], penalties: [AppliedPenalty]) {
        self.score = score
        self.fused = fused
        self.base = base
        self.rank = rank
        self.candidates = candidates
        self.passed = passed
        self.features = features
        self.penalties = penalties
    }
}
