/// A strategy that threw on a bar: isolated, the others still ran.
public struct StrategyFailure: Hashable, Sendable {
    public var strategy: String
    public var symbol: String
    public var error: String

    public init(strategy: String, symbol: String, error: String) {
        self.strategy = strategy
        self.symbol = symbol
        self.error = error
    }
}
