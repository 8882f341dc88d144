/// Why `ImpliedVolatility.solve` returned no volatility. Every case carries the numbers behind it.
public enum ImpliedVolatilityError: Error, Hashable, Sendable {
    /// An input is NaN or infinite (`field` is one of `price`, `spot`, `strike`, `rate`,
    /// `dividendYield`, `timeToExpiry`), or `rate × T` / `dividendYield × T` overflows the
    /// discount factor (`field` is `discountFactor`).
    case nonFiniteInput(field: String, value: Double)
    /// `price`, `spot` or `strike` is ≤ 0, or `timeToExpiry` is negative. A zero price has no
    /// implied volatility: every small enough σ reproduces it.
    case nonPositiveInput(field: String, value: Double)
    /// `timeToExpiry` is 0: the option is worth its intrinsic value at any volatility.
    case zeroTimeToExpiry
    /// The price is below the no-arbitrage floor `max(S·e^(−qT) − K·e^(−rT), 0)` (call) or
    /// `max(K·e^(−rT) − S·e^(−qT), 0)` (put) by more than the tolerance: no volatility, however
    /// small, prices it; buying it and hedging would be an arbitrage.
    case belowIntrinsic(price: Double, lowerBound: Double)
    /// The price is at or above the ceiling `S·e^(−qT)` (call) or `K·e^(−rT)` (put), which
    /// Black-Scholes only approaches as σ → ∞.
    case aboveUpperBound(price: Double, upperBound: Double)
    /// The price is within the no-arbitrage bounds but the volatility that reproduces it lies
    /// outside the solver's search range: the model prices at the two ends of the range are
    /// `minimumPrice` and `maximumPrice`, and `price` is below the first or above the second.
    case outsideSearchRange(price: Double, minimumPrice: Double, maximumPrice: Double)
    /// The root was bracketed but the price error was still above the tolerance after
    /// `iterations` steps, or the bracket shrank to adjacent floating-point numbers first (the
    /// tolerance is finer than the price's rounding error). `volatility` is the best estimate.
    case noConvergence(iterations: Int, volatility: Double, priceError: Double)
}
