import Foundation

/// One go / no-go condition: `value` against `threshold` (`>=` or `<=`). A missing value
/// (e.g. a Sharpe with fewer than two sessions) fails. A condition without a number (the
/// sensitivity grid) has a `note` instead, no value and no comparison.
public struct ValidationCheck: Hashable, Sendable, Codable {
    public var name: String
    public var value: Double?
    public var comparison: String
    public var threshold: Double
    public var passed: Bool
    /// Why, for a condition without a number.
    public var note: String?

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

    public init(name: String, passed: Bool, note: String) {
        self.name = name
        value = nil
        comparison = ""
        threshold = 0
        self.passed = passed
        self.note = note
    }
}
