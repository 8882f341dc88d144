import Foundation
import Testing
import TradingCore

// Reference values marked "mpmath" were computed with mpmath at 40-50 significant digits from
// the closed-form formulas (greeks by mpmath's numerical differentiation of the price), on the
// same binary Double inputs the tests pass in.

@Suite("BlackScholes")
struct BlackScholesTests {
    private static func model(_ kind: OptionKind, spot: Double, strike: Double, rate: Double, dividendYield: Double = 0,
                              volatility: Double, timeToExpiry: Double) -> BlackScholes {
        BlackScholes(kind: kind, spot: spot, strike: strike, rate: rate, dividendYield: dividendYield,
                     volatility: volatility, timeToExpiry: timeToExpiry)!
    }

    private static func relativelyEqual(_ a: Double, _ b: Double, _ tolerance: Double) -> Bool {
        abs(a - b) <= tolerance * max(abs(b), Double.leastNormalMagnitude)
    }

    // MARK: Textbook values

    @Test("Hull: S=42, K=40, r=10 %, σ=20 %, T=0.5 → call 4.76, put 0.81")
    func hullExample() {
        let call = Self.model(.call, spot: 42, strike: 40, rate: 0.10, volatility: 0.20, timeToExpiry: 0.5)
        let put = Self.model(.put, spot: 42, strike: 40, rate: 0.10, volatility: 0.20, timeToExpiry: 0.5)
        #expect(abs(call.price - 4.76) < 1e-2)
        #expect(abs(put.price - 0.81) < 1e-2)
        #expect(abs(call.d1 - 0.7693) < 1e-4)  // Hull prints d1 = 0.7693, d2 = 0.6278
        #expect(abs(call.d2 - 0.6278) < 1e-4)
        // Full precision against mpmath.
        #expect(Self.relativelyEqual(call.price, 4.7594223928715334, 1e-14))
        #expect(Self.relativelyEqual(put.price, 0.80859937290009365, 1e-13))
        // Put-call parity: C − P = S·e^(−qT) − K·e^(−rT) = 42 − 40·e^(−0.05).
        #expect(abs((call.price - put.price) - (42 - 40 * exp(-0.05))) < 1e-10)
    }

    @Test("Hull: index option with a dividend yield, S=930, K=900, r=8 %, q=3 %, σ=20 %, T=2 months → call 51.83")
    func hullDividendYield() {
        let call = Self.model(.call, spot: 930, strike: 900, rate: 0.08, dividendYield: 0.03, volatility: 0.20,
                              timeToExpiry: 2.0 / 12)
        let put = Self.model(.put, spot: 930, strike: 900, rate: 0.08, dividendYield: 0.03, volatility: 0.20,
                             timeToExpiry: 2.0 / 12)
        #expect(abs(call.price - 51.83) < 1e-2)
        #expect(Self.relativelyEqual(call.price, 51.832956796490851, 1e-13))
        #expect(Self.relativelyEqual(put.price, 14.550996773772445, 1e-13))
        let forwardValue = 930 * exp(-0.03 * 2.0 / 12) - 900 * exp(-0.08 * 2.0 / 12)
        #expect(abs((call.price - put.price) - forwardValue) < 1e-10)
    }

    @Test("NIFTY weekly: S=24 700, K=24 800, 3 calendar days, r=6.5 %, σ=12 %: price and every greek")
    func niftyWeekly() {
        let t = 3.0 / 365
        let call = Self.model(.call, spot: 24_700, strike: 24_800, rate: 0.065, volatility: 0.12, timeToExpiry: t)
        let put = Self.model(.put, spot: 24_700, strike: 24_800, rate: 0.065, volatility: 0.12, timeToExpiry: t)
        // (value, mpmath reference) pairs. Theta is per calendar day, vega and rho per point.
        let expectations: [(Double, Double)] = [
            (call.price, 69.541743887454922), (put.price, 156.29596738937783),
            (call.delta, 0.3756814169904935), (put.delta, -0.6243185830095065),
            (call.gamma, 0.0014119469817069023), (put.gamma, 0.0014119469817069023),
            (call.theta, -18.632390101168255), (put.theta, -14.218310581914488),
            (call.vega, 8.4961453223299462), (put.vega, 8.4961453223299462),
            (call.rho, 0.75696897992693709), (put.rho, -1.2802984904978785),
        ]
        for (value, reference) in expectations {
            #expect(Self.relativelyEqual(value, reference, 1e-9), "\(value) vs \(reference)")
        }
        // ₹24 700 underlying: parity holds to 1e-10 absolute (≈ 4e-15 relative).
        #expect(abs((call.price - put.price) - (24_700 - 24_800 * exp(-0.065 * t))) < 1e-10)
        // Call and put deltas differ by exactly e^(−qT) = 1.
        #expect(abs((call.delta - put.delta) - 1) < 1e-15)
    }

    @Test("tail prices keep their relative precision (erfc, not 1 + erf)")
    func tails() {
        // d1 ≈ −6.4: N(d1) ≈ 1e-10 would be lost entirely by 0.5·(1 + erf(x/√2)).
        let deepCall = Self.model(.call, spot: 100, strike: 200, rate: 0.05, volatility: 0.10, timeToExpiry: 1)
        #expect(Self.relativelyEqual(deepCall.price, 1.2948008443763083e-10, 1e-6))
        let farPut = Self.model(.put, spot: 24_700, strike: 20_000, rate: 0.065, volatility: 0.12, timeToExpiry: 30.0 / 365)
        #expect(Self.relativelyEqual(farPut.price, 1.8306986375158606e-8, 1e-6))
    }

    // MARK: Parity and greeks against finite differences

    /// (kind, S, K, r, q, σ, T): ITM, ATM, OTM, short and long dated, with and without dividends.
    static let cases: [(OptionKind, Double, Double, Double, Double, Double, Double)] = [
        (.call, 42, 40, 0.10, 0, 0.20, 0.5),
        (.put, 42, 40, 0.10, 0, 0.20, 0.5),
        (.call, 930, 900, 0.08, 0.03, 0.20, 2.0 / 12),
        (.put, 930, 900, 0.08, 0.03, 0.20, 2.0 / 12),
        (.call, 24_700, 24_800, 0.065, 0, 0.12, 3.0 / 365),
        (.put, 24_700, 24_800, 0.065, 0, 0.12, 3.0 / 365),
        (.call, 24_700, 23_500, 0.065, 0.012, 0.15, 30.0 / 365),
        (.put, 24_700, 26_000, 0.065, 0.012, 0.18, 90.0 / 365),
        (.call, 51_000, 52_000, 0.065, 0, 0.25, 7.0 / 365),  // BANKNIFTY-like
        (.put, 100, 120, 0.03, 0.01, 0.60, 2),
        (.call, 100, 80, -0.005, 0.02, 1.20, 1),             // negative rate, very high vol
    ]

    @Test("put-call parity to 1e-10 on every case", arguments: cases.indices)
    func parity(index: Int) {
        let (_, s, k, r, q, sigma, t) = Self.cases[index]
        let call = Self.model(.call, spot: s, strike: k, rate: r, dividendYield: q, volatility: sigma, timeToExpiry: t)
        let put = Self.model(.put, spot: s, strike: k, rate: r, dividendYield: q, volatility: sigma, timeToExpiry: t)
        #expect(abs((call.price - put.price) - (s * exp(-q * t) - k * exp(-r * t))) < 1e-10)
    }

    @Test("greeks match central finite differences of the price to 1e-5 relative", arguments: cases.indices)
    func greeksMatchFiniteDifferences(index: Int) {
        let (kind, s, k, r, q, sigma, t) = Self.cases[index]
        func price(spot: Double = s, rate: Double = r, volatility: Double = sigma, time: Double = t) -> Double {
            Self.model(kind, spot: spot, strike: k, rate: rate, dividendYield: q, volatility: volatility,
                       timeToExpiry: time).price
        }
        let option = Self.model(kind, spot: s, strike: k, rate: r, dividendYield: q, volatility: sigma, timeToExpiry: t)

        let hS = 1e-4 * s
        let delta = (price(spot: s + hS) - price(spot: s - hS)) / (2 * hS)
        let gamma = (price(spot: s + hS) - 2 * price() + price(spot: s - hS)) / (hS * hS)
        let hSigma = 1e-5
        let vegaPerPoint = 0.01 * (price(volatility: sigma + hSigma) - price(volatility: sigma - hSigma)) / (2 * hSigma)
        let hT = 1e-5 * t
        let thetaPerDay = -(price(time: t + hT) - price(time: t - hT)) / (2 * hT) / 365
        let hR = 1e-5
        let rhoPerPoint = 0.01 * (price(rate: r + hR) - price(rate: r - hR)) / (2 * hR)

        #expect(Self.relativelyEqual(option.delta, delta, 1e-5), "delta \(option.delta) vs \(delta)")
        #expect(Self.relativelyEqual(option.gamma, gamma, 1e-5), "gamma \(option.gamma) vs \(gamma)")
        #expect(Self.relativelyEqual(option.vega, vegaPerPoint, 1e-5), "vega \(option.vega) vs \(vegaPerPoint)")
        #expect(Self.relativelyEqual(option.theta, thetaPerDay, 1e-5), "theta \(option.theta) vs \(thetaPerDay)")
        #expect(Self.relativelyEqual(option.rho, rhoPerPoint, 1e-5), "rho \(option.rho) vs \(rhoPerPoint)")
    }

    @Test("units: theta is per calendar day, vega and rho per point")
    func units() {
        let option = Self.model(.call, spot: 42, strike: 40, rate: 0.10, volatility: 0.20, timeToExpiry: 0.5)
        #expect(option.theta == option.thetaPerYear / 365)
        #expect(option.vega == option.vegaPerUnitVolatility / 100)
        #expect(option.rho == option.rhoPerUnitRate / 100)
        #expect(abs(option.theta - -0.012490663546829114) < 1e-12)   // mpmath, per calendar day
        // One vol point either side (19 % ↔ 21 %) moves the price by about 2 × `vega`.
        let up = option.with(volatility: 0.21)!, down = option.with(volatility: 0.19)!
        #expect(abs((up.price - down.price) / 2 - option.vega) < 1e-4)
    }

    @Test("Hull's greeks example: S=49, K=50, r=5 %, σ=20 %, 20 weeks")
    func hullGreeks() {
        // Hull quotes delta 0.522, gamma 0.066, theta −4.31 per year (−0.0118 per calendar day),
        // vega 12.1 per unit of σ (0.121 per point) and rho 8.91 per unit of r (0.0891 per point).
        let option = Self.model(.call, spot: 49, strike: 50, rate: 0.05, volatility: 0.20, timeToExpiry: 0.3846)
        #expect(abs(option.delta - 0.522) < 1e-3)
        #expect(abs(option.gamma - 0.066) < 1e-3)
        #expect(abs(option.thetaPerYear - -4.31) < 1e-2)
        #expect(abs(option.theta - -0.0118) < 1e-4)
        #expect(abs(option.vegaPerUnitVolatility - 12.1) < 0.05)
        #expect(abs(option.vega - 0.121) < 1e-3)
        #expect(abs(option.rho - 0.0891) < 1e-4)
    }

    // MARK: Degenerate limits

    @Test("at expiry the price is intrinsic and delta is 1, 0 or −1", arguments: [
        // (kind, spot, strike, price, delta)
        (OptionKind.call, 24_750.0, 24_700.0, 50.0, 1.0),
        (.call, 24_650, 24_700, 0, 0),
        (.put, 24_650, 24_700, 50, -1),
        (.put, 24_750, 24_700, 0, 0),
        (.call, 24_700, 24_700, 0, 0.5),   // exactly at the money: the symmetric limit N(0)
        (.put, 24_700, 24_700, 0, -0.5),
    ])
    func atExpiry(kind: OptionKind, spot: Double, strike: Double, price: Double, delta: Double) {
        for sigma in [0.0, 0.12, 3.0] {
            let option = Self.model(kind, spot: spot, strike: strike, rate: 0.065, volatility: sigma, timeToExpiry: 0)
            #expect(option.isDegenerate)
            #expect(option.price == price)
            #expect(option.delta == delta)
            #expect(option.gamma == 0)
            #expect(option.vega == 0)
            #expect(option.theta == 0)
            #expect(option.rho == 0)
        }
    }

    @Test("zero volatility gives the discounted forward intrinsic value and its carry")
    func zeroVolatility() {
        let t = 0.25, r = 0.065, q = 0.01
        let itmCall = Self.model(.call, spot: 24_700, strike: 24_000, rate: r, dividendYield: q, volatility: 0, timeToExpiry: t)
        let forwardValue = 24_700 * exp(-q * t) - 24_000 * exp(-r * t)
        #expect(abs(itmCall.price - forwardValue) < 1e-9)
        #expect(itmCall.delta == exp(-q * t))
        #expect(itmCall.gamma == 0 && itmCall.vega == 0)
        // −∂/∂T of S·e^(−qT) − K·e^(−rT), per day.
        #expect(abs(itmCall.theta - (q * 24_700 * exp(-q * t) - r * 24_000 * exp(-r * t)) / 365) < 1e-9)
        #expect(abs(itmCall.rho - 0.01 * 24_000 * t * exp(-r * t)) < 1e-9)

        let otmCall = Self.model(.call, spot: 24_700, strike: 26_000, rate: r, dividendYield: q, volatility: 0, timeToExpiry: t)
        #expect(otmCall.price == 0 && otmCall.delta == 0 && otmCall.theta == 0 && otmCall.rho == 0)

        // Spot below strike, but the forward F = S·e^((r−q)T) ≈ 24 834 is above it: the put is worthless.
        let put = Self.model(.put, spot: 24_700, strike: 24_750, rate: r, dividendYield: q, volatility: 0, timeToExpiry: t)
        #expect(put.price == 0 && put.delta == 0)
    }

    @Test("prices converge to the limits as T → 0 and σ → 0")
    func limitsAreContinuous() {
        for kind in OptionKind.allCases {
            for strike in [24_000.0, 24_650, 24_750, 25_400] {
                let limitT = Self.model(kind, spot: 24_700, strike: strike, rate: 0.065, volatility: 0.12, timeToExpiry: 0)
                let nearT = Self.model(kind, spot: 24_700, strike: strike, rate: 0.065, volatility: 0.12, timeToExpiry: 1e-9)
                #expect(abs(nearT.price - limitT.price) < 1e-3)
                #expect(abs(nearT.delta - limitT.delta) < 1e-9)
                let limitSigma = Self.model(kind, spot: 24_700, strike: strike, rate: 0.065, volatility: 0, timeToExpiry: 0.1)
                let nearSigma = Self.model(kind, spot: 24_700, strike: strike, rate: 0.065, volatility: 1e-6, timeToExpiry: 0.1)
                #expect(abs(nearSigma.price - limitSigma.price) < 1e-6)
                #expect(abs(nearSigma.delta - limitSigma.delta) < 1e-9)
            }
        }
    }

    @Test("no NaN or infinity anywhere on a wide grid, and prices stay within no-arbitrage bounds")
    func noNaN() {
        var checked = 0
        for kind in OptionKind.allCases {
            for moneyness in [0.01, 0.5, 0.7, 0.9, 0.99, 1.0, 1.01, 1.1, 1.3, 2.0, 100.0] {
                for sigma in [0.0, 1e-12, 1e-6, 0.05, 0.2, 1.5, 5.0, 50.0] {
                    for t in [0.0, 1e-15, 1e-9, 1.0 / 365 / 24, 1.0 / 365, 0.25, 2, 30] {
                        for (r, q) in [(0.0, 0.0), (0.065, 0.0), (0.065, 0.012), (-0.01, 0.05)] {
                            let option = Self.model(kind, spot: 24_700, strike: 24_700 * moneyness, rate: r,
                                                    dividendYield: q, volatility: sigma, timeToExpiry: t)
                            let values = [option.price, option.delta, option.gamma, option.theta, option.vega,
                                          option.rho, option.d1.isInfinite ? 0 : option.d1]
                            let allFinite = values.allSatisfy { $0.isFinite }
                            #expect(allFinite, "\(kind) K/S=\(moneyness) σ=\(sigma) T=\(t) r=\(r) q=\(q)")
                            #expect(option.price >= option.lowerBound - 1e-9 * option.upperBound)
                            #expect(option.price <= option.upperBound)
                            #expect(option.gamma >= 0 && option.vega >= 0)
                            checked += 1
                        }
                    }
                }
            }
        }
        #expect(checked == 2 * 11 * 8 * 8 * 4)
    }

    @Test("invalid inputs give nil instead of NaN")
    func invalidInputs() {
        func make(spot: Double = 100, strike: Double = 100, rate: Double = 0.05, q: Double = 0,
                  sigma: Double = 0.2, t: Double = 1) -> BlackScholes? {
            BlackScholes(kind: .call, spot: spot, strike: strike, rate: rate, dividendYield: q, volatility: sigma,
                         timeToExpiry: t)
        }
        #expect(make() != nil)
        #expect(make(spot: 0) == nil)
        #expect(make(spot: -1) == nil)
        #expect(make(strike: 0) == nil)
        #expect(make(sigma: -0.1) == nil)
        #expect(make(t: -1) == nil)
        #expect(make(spot: .nan) == nil)
        #expect(make(strike: .infinity) == nil)
        #expect(make(rate: .nan) == nil)
        #expect(make(q: .infinity) == nil)
        #expect(make(sigma: .infinity) == nil)
        #expect(make(t: .infinity) == nil)
        #expect(make(rate: -1_000, t: 1_000) == nil)   // e^(10⁶) overflows
        #expect(make(q: 1_000, t: 1_000) == nil)       // e^(−10⁶) underflows to 0
    }
}
