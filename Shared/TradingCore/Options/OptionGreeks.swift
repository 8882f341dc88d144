/// Black-Scholes sensitivities of one option, in the units of `BlackScholes`: delta per rupee of
/// the underlying, gamma per rupee per rupee, theta in rupees per calendar day, vega in rupees
/// per vol point. Always finite.
public struct OptionGreeks: Hashable, Sendable, Codable {
    public var delta: Double
    public var gamma: Double
    public var theta: Double
    public var vega: Double

    public init(delta: Double, gamma: Double, theta: Double, vega: Double) {
        self.delta = delta
        self.gamma = gamma
        self.theta = theta
        self.vega = vega
    }

    /// The greeks of a priced contract; nil if any is not finite.
    public init?(_ model: BlackScholes) {
        let values = (model.delta, model.gamma, model.theta, model.vega)
        guard values.0.isFinite, values.1.isFinite, values.2.isFinite, values.3.isFinite else { return nil }
        self.init(delta: values.0, gamma: values.1, theta: values.2, vega: values.3)
    }
}
