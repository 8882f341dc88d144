/// A multiplicative penalty applied to a score, with why.
public struct AppliedPenalty: Hashable, Sendable, Codable {
    /// `illiquid`, `event_proximity`, `far_from_vwap` or `correlated_position`.
    public var name: String
    public var factor: Double
    public var reason: String

    public init(name: String, factor: Double, reason: String) {
        self.name = name
        self.factor = factor
        self.reason = reason
    }
}
