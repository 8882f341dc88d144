import Foundation

/// A European option priced by Black-Scholes-Merton with a continuous risk-free rate `r` and a
/// continuous dividend yield `q` (for an index, its dividend yield; for a future, `q = r`).
///
/// All inputs are plain `Double`s in natural units: `spot` and `strike` in rupees, `rate`,
/// `dividendYield` and `volatility` as annual decimals (0.065 is 6.5 %), `timeToExpiry` in years
/// (the caller decides the day count; 3 calendar days is `3 / 365`).
///
///     d1 = (ln(S/K) + (r − q + σ²/2)·T) / (σ√T),   d2 = d1 − σ√T
///     call = S·e^(−qT)·N(d1) − K·e^(−rT)·N(d2)
///     put  = K·e^(−rT)·N(−d2) − S·e^(−qT)·N(−d1)
///
/// Units of the greeks (stated here because every broker picks its own):
/// - `delta`: ∂V/∂S, per rupee of the underlying.
/// - `gamma`: ∂²V/∂S², per rupee per rupee.
/// - `theta`: the change in value as one **calendar day** passes, `−(∂V/∂T) / 365`, in rupees
///   per day; negative for a long option that loses time value.
/// - `vega`: the change in value for one **vol point**, `0.01 × ∂V/∂σ` (σ from 0.20 to 0.21).
/// - `rho`: the change in value for one **rate point**, `0.01 × ∂V/∂r` (r from 0.065 to 0.075).
///
/// Degenerate limits: when `T = 0` or `σ = 0` (more precisely `σ√T < 1e-12`) there is no
/// diffusion left and the option is worth its discounted forward intrinsic value,
/// `max(S·e^(−qT) − K·e^(−rT), 0)` for a call (which is `max(S − K, 0)` at expiry). Delta is then
/// `e^(−qT)` or 0 for a call and `−e^(−qT)` or 0 for a put (±1 / 0 at expiry); exactly at the
/// forward it is the symmetric limit `±½·e^(−qT)`. Gamma and vega are 0 (the true gamma at the
/// strike is a point mass, which no finite number represents). Theta at `T = 0` is 0; with
/// `σ = 0` and `T > 0` it is the carry of the forward intrinsic value. No property is ever NaN.
public struct BlackScholes: Hashable, Sendable {
    /// Days per year used to express `theta` per calendar day.
    public static let daysPerYear = 365.0
    /// Below this total volatility σ√T the option is treated as having no diffusion left.
    public static let minimumTotalVolatility = 1e-12

    public let kind: OptionKind
    public let spot: Double
    public let strike: Double
    public let rate: Double
    public let dividendYield: Double
    public let volatility: Double
    public let timeToExpiry: Double

    /// d1 and d2; ±∞ or 0 in the degenerate case (the sign of ln(F/K)).
    public let d1: Double
    public let d2: Double
    /// e^(−qT), the factor that turns spot into the present value of delivery.
    public let spotDiscount: Double
    /// e^(−rT), the factor that turns the strike paid at expiry into its present value.
    public let strikeDiscount: Double
    /// True when σ√T is below `minimumTotalVolatility`: no diffusion, the limits above apply.
    public let isDegenerate: Bool

    /// Returns nil unless `spot` and `strike` are positive, `volatility` and `timeToExpiry` are
    /// non-negative, every input is finite and both discount factors are positive normal numbers
    /// (so `rate × T` and `dividendYield × T` neither overflow nor underflow the exponential).
    public init?(kind: OptionKind, spot: Double, strike: Double, rate: Double, dividendYield: Double = 0,
                 volatility: Double, timeToExpiry: Double) {
        guard spot.isFinite, spot > 0, strike.isFinite, strike > 0,
              volatility.isFinite, volatility >= 0, timeToExpiry.isFinite, timeToExpiry >= 0,
              rate.isFinite, dividendYield.isFinite else { return nil }
        let spotDiscount = exp(-dividendYield * timeToExpiry)
        let strikeDiscount = exp(-rate * timeToExpiry)
        guard spotDiscount.isNormal, spotDiscount.isFinite, strikeDiscount.isNormal, strikeDiscount.isFinite
        else { return nil }

        self.kind = kind
        self.spot = spot
        self.strike = strike
        self.rate = rate
        self.dividendYield = dividendYield
        self.volatility = volatility
        self.timeToExpiry = timeToExpiry
        self.spotDiscount = spotDiscount
        self.strikeDiscount = strikeDiscount

        // ln(F/K) with F = S·e^((r−q)T), the moneyness the whole formula turns on.
        let logMoneyness = log(spot / strike) + (rate - dividendYield) * timeToExpiry
        let totalVolatility = volatility * timeToExpiry.squareRoot()
        if totalVolatility < Self.minimumTotalVolatility {
            isDegenerate = true
            let limit: Double = logMoneyness > 0 ? .infinity : (logMoneyness < 0 ? -.infinity : 0)
            d1 = limit
            d2 = limit
        } else {
            isDegenerate = false
            d1 = (logMoneyness + 0.5 * totalVolatility * totalVolatility) / totalVolatility
            d2 = d1 - totalVolatility
        }
    }

    /// The present value in rupees, never negative.
    public var price: Double {
        let value: Double
        switch kind {
        case .call:
            value = spot * spotDiscount * StandardNormal.cdf(d1) - strike * strikeDiscount * StandardNormal.cdf(d2)
        case .put:
            value = strike * strikeDiscount * StandardNormal.cdf(-d2) - spot * spotDiscount * StandardNormal.cdf(-d1)
        }
        // Deep out of the money the two terms cancel to a rounding error that may be negative.
        return max(value, 0)
    }

    /// ∂V/∂S: `e^(−qT)·N(d1)` for a call, `−e^(−qT)·N(−d1)` for a put.
    public var delta: Double {
        switch kind {
        case .call: spotDiscount * StandardNormal.cdf(d1)
        case .put: -spotDiscount * StandardNormal.cdf(-d1)
        }
    }

    /// ∂²V/∂S² = `e^(−qT)·n(d1) / (S·σ·√T)`, the same for calls and puts; 0 when degenerate.
    public var gamma: Double {
        guard !isDegenerate else { return 0 }
        return spotDiscount * StandardNormal.pdf(d1) / (spot * volatility * timeToExpiry.squareRoot())
    }

    /// ∂V/∂σ per unit of volatility (σ from 0.20 to 1.20): `S·e^(−qT)·n(d1)·√T`; 0 when degenerate.
    /// The implied-volatility solver's Newton step divides by this.
    public var vegaPerUnitVolatility: Double {
        guard !isDegenerate else { return 0 }
        return spot * spotDiscount * StandardNormal.pdf(d1) * timeToExpiry.squareRoot()
    }

    /// The change in value for one vol point: `0.01 × ∂V/∂σ`.
    public var vega: Double { 0.01 * vegaPerUnitVolatility }

    /// ∂V/∂t per year (calendar time passing, `−∂V/∂T`):
    /// `−S·e^(−qT)·n(d1)·σ/(2√T) ∓ r·K·e^(−rT)·N(±d2) ± q·S·e^(−qT)·N(±d1)` (upper signs for a call).
    /// 0 at expiry.
    public var thetaPerYear: Double {
        guard timeToExpiry > 0 else { return 0 }
        let diffusion = isDegenerate
            ? 0
            : -spot * spotDiscount * StandardNormal.pdf(d1) * volatility / (2 * timeToExpiry.squareRoot())
        switch kind {
        case .call:
            return diffusion - rate * strike * strikeDiscount * StandardNormal.cdf(d2)
                + dividendYield * spot * spotDiscount * StandardNormal.cdf(d1)
        case .put:
            return diffusion + rate * strike * strikeDiscount * StandardNormal.cdf(-d2)
                - dividendYield * spot * spotDiscount * StandardNormal.cdf(-d1)
        }
    }

    /// The change in value as one calendar day passes: `thetaPerYear / 365`.
    public var theta: Double { thetaPerYear / Self.daysPerYear }

    /// ∂V/∂r per unit of rate: `K·T·e^(−rT)·N(d2)` for a call, `−K·T·e^(−rT)·N(−d2)` for a put.
    public var rhoPerUnitRate: Double {
        switch kind {
        case .call: strike * timeToExpiry * strikeDiscount * StandardNormal.cdf(d2)
        case .put: -strike * timeToExpiry * strikeDiscount * StandardNormal.cdf(-d2)
        }
    }

    /// The change in value for one rate point: `0.01 × ∂V/∂r`.
    public var rho: Double { 0.01 * rhoPerUnitRate }

    /// The no-arbitrage floor of a European price at any volatility: the discounted forward
    /// intrinsic value, `max(S·e^(−qT) − K·e^(−rT), 0)` for a call, mirrored for a put.
    public var lowerBound: Double {
        switch kind {
        case .call: max(spot * spotDiscount - strike * strikeDiscount, 0)
        case .put: max(strike * strikeDiscount - spot * spotDiscount, 0)
        }
    }

    /// The no-arbitrage ceiling, approached as σ → ∞ but never reached: `S·e^(−qT)` for a call
    /// (it cannot be worth more than the underlying), `K·e^(−rT)` for a put (nor more than the strike).
    public var upperBound: Double {
        switch kind {
        case .call: spot * spotDiscount
        case .put: strike * strikeDiscount
        }
    }

    /// The same contract at another volatility (nil only if `volatility` is negative or not finite).
    public func with(volatility: Double) -> BlackScholes? {
        BlackScholes(kind: kind, spot: spot, strike: strike, rate: rate, dividendYield: dividendYield,
                     volatility: volatility, timeToExpiry: timeToExpiry)
    }
}
