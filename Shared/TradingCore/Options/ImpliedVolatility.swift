import Foundation

/// Solves Black-Scholes for the volatility that reproduces a market price, or says why none does.
///
/// The method is a safeguarded Newton-Raphson ("rtsafe"): the model price is increasing in σ, so
/// the prices at the two ends of `searchRange` bracket the root. Each step is a Newton step on
/// vega (`∂V/∂σ`) when it lands inside the current bracket and at least halves the step before
/// last; otherwise it bisects the bracket. Every evaluation shrinks the bracket, so the solver
/// converges even where vega vanishes (deep in or out of the money, hours to expiry).
///
/// Newton starts at the larger of the Manaster-Koehler point `√(2·|ln(F/K)|/T)` (where vega
/// peaks and from which Newton converges monotonically) and the Brenner-Subrahmanyam at-the-money
/// estimate `√(2π/T)·(V − floor)/(S·e^(−qT))`.
///
/// Convergence is on price: `|model − price| ≤ tolerance` (rupees). The volatility is then
/// accurate to about `tolerance / (∂V/∂σ)`; where vega is tiny many volatilities reproduce the
/// price equally well and the solver returns one of them.
public struct ImpliedVolatility: Hashable, Sendable {
    /// Absolute tolerance on the price, in the price's own units.
    public var tolerance: Double
    /// Newton or bisection steps allowed after the two end-of-range evaluations.
    public var maximumIterations: Int
    /// The volatilities searched; the solver never returns one outside it.
    public var searchRange: ClosedRange<Double>

    public init(tolerance: Double = 1e-8, maximumIterations: Int = 100, searchRange: ClosedRange<Double> = 1e-4...5.0) {
        precondition(tolerance > 0 && tolerance.isFinite, "IV tolerance must be positive and finite")
        precondition(maximumIterations > 0, "IV iteration limit must be positive")
        precondition(searchRange.lowerBound > 0 && searchRange.upperBound.isFinite,
                     "IV search range must be positive and finite")
        self.tolerance = tolerance
        self.maximumIterations = maximumIterations
        self.searchRange = searchRange
    }

    /// The volatility at which a European option with these terms is worth `price`.
    /// Inputs are in the units of `BlackScholes` (years, annual decimals).
    public func solve(price: Double, kind: OptionKind, spot: Double, strike: Double, rate: Double,
                      dividendYield: Double = 0, timeToExpiry: Double)
        throws(ImpliedVolatilityError) -> ImpliedVolatilitySolution
    {
        for (field, value) in [("price", price), ("spot", spot), ("strike", strike), ("rate", rate),
                               ("dividendYield", dividendYield), ("timeToExpiry", timeToExpiry)]
            where !value.isFinite {
            throw .nonFiniteInput(field: field, value: value)
        }
        for (field, value) in [("price", price), ("spot", spot), ("strike", strike)] where value <= 0 {
            throw .nonPositiveInput(field: field, value: value)
        }
        guard timeToExpiry >= 0 else { throw .nonPositiveInput(field: "timeToExpiry", value: timeToExpiry) }
        guard timeToExpiry > 0 else { throw .zeroTimeToExpiry }

        let low = searchRange.lowerBound, high = searchRange.upperBound
        guard let lowModel = BlackScholes(kind: kind, spot: spot, strike: strike, rate: rate,
                                          dividendYield: dividendYield, volatility: low, timeToExpiry: timeToExpiry),
              let highModel = lowModel.with(volatility: high)
        else {
            let overflowing = exp(-rate * timeToExpiry).isNormal ? exp(-dividendYield * timeToExpiry)
                                                                 : exp(-rate * timeToExpiry)
            throw .nonFiniteInput(field: "discountFactor", value: overflowing)
        }

        // No-arbitrage bounds first: they explain a bad quote better than "out of range" does.
        if price >= lowModel.upperBound { throw .aboveUpperBound(price: price, upperBound: lowModel.upperBound) }
        if price < lowModel.lowerBound - tolerance {
            throw .belowIntrinsic(price: price, lowerBound: lowModel.lowerBound)
        }

        // f(σ) = model(σ) − price is increasing; the ends of the range must straddle zero.
        let lowPrice = lowModel.price, highPrice = highModel.price
        if abs(lowPrice - price) <= tolerance {
            return ImpliedVolatilitySolution(volatility: low, priceError: lowPrice - price, iterations: 0, bisectionSteps: 0)
        }
        if abs(highPrice - price) <= tolerance {
            return ImpliedVolatilitySolution(volatility: high, priceError: highPrice - price, iterations: 0, bisectionSteps: 0)
        }
        guard lowPrice < price, price < highPrice else {
            throw .outsideSearchRange(price: price, minimumPrice: lowPrice, maximumPrice: highPrice)
        }

        var below = low    // f(below) < 0
        var above = high   // f(above) > 0
        var sigma = initialGuess(model: lowModel, price: price)
        if !(sigma > below && sigma < above) { sigma = 0.5 * (below + above) }
        var stepBeforeLast = above - below
        var lastStep = stepBeforeLast
        var bisections = 0
        var error = Double.infinity

        for iteration in 1...maximumIterations {
            guard let model = lowModel.with(volatility: sigma) else { break }  // unreachable: σ is in range
            error = model.price - price
            if abs(error) <= tolerance {
                return ImpliedVolatilitySolution(volatility: sigma, priceError: error, iterations: iteration,
                                                 bisectionSteps: bisections)
            }
            if error < 0 { below = sigma } else { above = sigma }

            let vega = model.vegaPerUnitVolatility
            let newton = vega > 0 ? sigma - error / vega : .nan
            let acceptNewton = newton > below && newton < above && abs(2 * error) <= abs(stepBeforeLast * vega)
            stepBeforeLast = lastStep
            if acceptNewton {
                lastStep = sigma - newton
                sigma = newton
            } else {
                let midpoint = 0.5 * (below + above)
                lastStep = sigma - midpoint
                sigma = midpoint
                bisections += 1
            }
            // The bracket has closed to neighbouring doubles: no σ does better than this one.
            if !(sigma > below && sigma < above) {
                throw .noConvergence(iterations: iteration, volatility: sigma, priceError: error)
            }
        }
        throw .noConvergence(iterations: maximumIterations, volatility: sigma, priceError: error)
    }

    /// The same, from a `BlackScholes` contract whose own volatility is ignored.
    public func solve(price: Double, contract: BlackScholes) throws(ImpliedVolatilityError) -> ImpliedVolatilitySolution {
        try solve(price: price, kind: contract.kind, spot: contract.spot, strike: contract.strike, rate: contract.rate,
                  dividendYield: contract.dividendYield, timeToExpiry: contract.timeToExpiry)
    }

    private func initialGuess(model: BlackScholes, price: Double) -> Double {
        let t = model.timeToExpiry
        let logMoneyness = log(model.spot / model.strike) + (model.rate - model.dividendYield) * t
        let inflection = (2 * abs(logMoneyness) / t).squareRoot()
        let atTheMoney = (2 * Double.pi / t).squareRoot() * (price - model.lowerBound) / (model.spot * model.spotDiscount)
        return max(inflection, atTheMoney)
    }
}
