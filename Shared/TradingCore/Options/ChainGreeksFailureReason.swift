/// Why a chain row has no implied volatility or greeks. All but `noPrice` and `invalidContract`
/// mirror an `ImpliedVolatilityError` case.
public enum ChainGreeksFailureReason: String, Hashable, Sendable, Codable, CaseIterable {
    /// Neither a two-sided quote nor a positive last price.
    case noPrice
    case nonFiniteInput
    case nonPositiveInput
    case zeroTimeToExpiry
    case belowIntrinsic
    case aboveUpperBound
    case outsideSearchRange
    case noConvergence
    /// The solved volatility gave no finite Black-Scholes greeks.
    case invalidContract
}
