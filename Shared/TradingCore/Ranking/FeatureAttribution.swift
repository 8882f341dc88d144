/// One feature's part in a score: its raw value, the z-score over the rolling window, the
/// weight, and weight × z.
public struct FeatureAttribution: Hashable, Sendable, Codable {
    public var feature: String
    public var raw: Double
    public var normalized: Double
    public var weight: Double
    public var contribution: Double

    public init(feature: String, raw: Double, normalized: Double, weight: Double, contribution: Double) {
        self.feature = feature
        self.raw = raw
        self.normalized = normalized
        self.weight = weight
        self.contribution = contribution
    }
}
