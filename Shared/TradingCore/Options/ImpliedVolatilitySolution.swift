/// A volatility found by `ImpliedVolatility.solve`, with how it was found.
public struct ImpliedVolatilitySolution: Hashable, Sendable {
    /// The annual volatility σ (0.12 is 12 %).
    public var volatility: Double
    /// Model price at `volatility` minus the target price; its magnitude is within the tolerance.
    public var priceError: Double
    /// Newton or bisection steps taken after the two prices at the ends of the search range
    /// (0 when one of those already matched).
    public var iterations: Int
    /// How many of the steps were bisections (Newton steps that would have left the bracket or
    /// were not shrinking fast enough).
    public var bisectionSteps: Int

    public init(volatility: Double, priceError: Double, iterations: Int, bisectionSteps: Int) {
        self.volatility = volatility
        self.priceError = priceError
        self.iterations = iterations
        self.bisectionSteps = bisectionSteps
    }
}
