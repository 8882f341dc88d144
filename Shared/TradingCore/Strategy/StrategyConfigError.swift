/// A bad strategy configuration value; the description names the full key.
public struct StrategyConfigError: Error, CustomStringConvertible, Equatable, Sendable {
    public let key: String
    public let expected: String

    public init(key: String, expected: String) {
        self.key = key
        self.expected = expected
    }

    public var description: String { "config \(key): \(expected)" }
}
