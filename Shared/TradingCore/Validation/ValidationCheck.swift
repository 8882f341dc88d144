import Foundation

/// One go / no-go condition: `value` against `threshold` (`>=` or `<=`). A missing value
/// (e.g. a Sharpe with fewer than two sessions) fails.
public struct ValidationCheck: Hashable, Sendable, Codable {
    public var name: String
    public var value: Double?
    public var comparison: String
    public var threshold: Double
    public var passed: Bool

    public init(name: String, value: Double?, atLeast threshold: Double) {
        self.name = name
        self.value = value
        comparison = ">="
        self.threshold = threshold
        passed = value.map { $0 >= threshold } ?? false
    }

    public init(name: String, value: Double?, atMost threshold: Double) {
        self.name = name
        self.value = value
        comparison = "<="
        self.threshold = threshold
        passed = value.map { $0 <= threshold } ?? false
    }
}
