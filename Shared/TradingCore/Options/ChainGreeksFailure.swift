/// The reason a chain row has no greeks, with a readable account of the numbers behind it.
public struct ChainGreeksFailure: Hashable, Sendable, Codable {
    public var reason: ChainGreeksFailureReason
    /// For people and logs, e.g. `price 10.00 is below the no-arbitrage floor 449.87`.
    public var detail: String

    public init(reason: ChainGreeksFailureReason, detail: String) {
        self.reason = reason
        self.detail = detail
    }

    /// The failure an implied-volatility error stands for.
    public init(_ error: ImpliedVolatilityError) {
        switch error {
        case .nonFiniteInput(let field, let value):
            self.init(reason: .nonFiniteInput, detail: "\(field) is not finite (\(value))")
        case .nonPositiveInput(let field, let value):
            self.init(reason: .nonPositiveInput, detail: "\(field) must be positive, got \(Self.format(value))")
        case .zeroTimeToExpiry:
            self.init(reason: .zeroTimeToExpiry, detail: "the option has expired: no time value to solve for")
        case .belowIntrinsic(let price, let lowerBound):
            self.init(reason: .belowIntrinsic,
                      detail: "price \(Self.format(price)) is below the no-arbitrage floor \(Self.format(lowerBound))")
        case .aboveUpperBound(let price, let upperBound):
            self.init(reason: .aboveUpperBound,
                      detail: "price \(Self.format(price)) is at or above the no-arbitrage ceiling \(Self.format(upperBound))")
        case .outsideSearchRange(let price, let minimumPrice, let maximumPrice):
            self.init(reason: .outsideSearchRange, detail: "price \(Self.format(price)) is outside the model prices "
                + "\(Self.format(minimumPrice))…\(Self.format(maximumPrice)) of the volatility search range")
        case .noConvergence(let iterations, let volatility, let priceError):
            self.init(reason: .noConvergence, detail: "no convergence after \(iterations) steps "
                + "(best volatility \(volatility), price error \(priceError))")
        }
    }

    private static func format(_ value: Double) -> String {
        value.isFinite ? String(format: "%.4f", value) : "\(value)"
    }
}
