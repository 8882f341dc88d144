import Foundation
import Testing
import TradingCore

@Suite("ImpliedVolatility")
struct ImpliedVolatilityTests {
    private static let solver = ImpliedVolatility()

    private static func price(_ kind: OptionKind, spot: Double, strike: Double, rate: Double, dividendYield: Double = 0,
                              volatility: Double, timeToExpiry: Double) -> Double {
        BlackScholes(kind: kind, spot: spot, strike: strike, rate: rate, dividendYield: dividendYield,
                     volatility: volatility, timeToExpiry: timeToExpiry)!.price
    }

    /// The error `body` throws, or nil if it returned.
    private static func failure(_ body: () throws(ImpliedVolatilityError) -> ImpliedVolatilitySolution) -> ImpliedVolatilityError? {
        do {
            _ = try body()
            return nil
        } catch {
            return error
        }
    }

    // MARK: Round trips

    @Test("recovers Hull's 20 % from the call and the put")
    func hull() throws {
        for kind in OptionKind.allCases {
            let target = Self.price(kind, spot: 42, strike: 40, rate: 0.10, volatility: 0.20, timeToExpiry: 0.5)
            let solution = try Self.solver.solve(price: target, kind: kind, spot: 42, strike: 40, rate: 0.10, timeToExpiry: 0.5)
            #expect(abs(solution.volatility - 0.20) < 1e-9)
            #expect(abs(solution.priceError) <= 1e-8)
            #expect(solution.iterations <= 10)
        }
    }

    @Test("NIFTY weekly: S=24 700, K=24 800, 3 days, r=6.5 %: quotes to IV and back")
    func niftyWeekly() throws {
        let t = 3.0 / 365
        // A 24 800 CE trading at ₹69.55 three days out.
        let call = try Self.solver.solve(price: 69.55, kind: .call, spot: 24_700, strike: 24_800, rate: 0.065, timeToExpiry: t)
        #expect(abs(call.volatility - 0.12001) < 1e-4)   // ₹69.54 is 12 % (see BlackScholesTests)
        let repriced = Self.price(.call, spot: 24_700, strike: 24_800, rate: 0.065, volatility: call.volatility, timeToExpiry: t)
        #expect(abs(repriced - 69.55) <= 1e-8)
        #expect(call.iterations <= 8)

        // The 24 800 PE from the same 12 % surface gives back 12 %.
        let putPrice = Self.price(.put, spot: 24_700, strike: 24_800, rate: 0.065, volatility: 0.12, timeToExpiry: t)
        let put = try Self.solver.solve(price: putPrice, kind: .put, spot: 24_700, strike: 24_800, rate: 0.065, timeToExpiry: t)
        #expect(abs(put.volatility - 0.12) < 1e-9)

        // The contract form ignores the contract's own volatility.
        let contract = BlackScholes(kind: .put, spot: 24_700, strike: 24_800, rate: 0.065, volatility: 0.5, timeToExpiry: t)!
        #expect(try Self.solver.solve(price: putPrice, contract: contract) == put)
    }

    /// Convergence is on price, so σ is pinned to 1e-6 wherever the price moves by more than the
    /// tolerance over 1e-6 of σ, i.e. ∂V/∂σ ≥ tolerance / 1e-6 (≥ 0.01 at the default 1e-8).
    /// Elsewhere (the far wings of short expiries at low vol, where 100 vol points move a ₹24 700
    /// option's price by less than a paisa) the price cannot tell the volatilities apart: the
    /// solver must still reprice to the tolerance, or, with a tolerance finer than the price's own
    /// rounding, say `noConvergence`.
    @Test("round trip over strikes 0.7…1.3 × spot, vols 5 %…150 %, expiries 1 day…2 years, with and without q",
          arguments: [1e-8, 1e-10])
    func grid(tolerance: Double) {
        let solver = ImpliedVolatility(tolerance: tolerance)
        let spot = 24_700.0, rate = 0.065
        let moneyness = stride(from: 0.70, through: 1.3001, by: 0.05).map { $0 }
        let vols = [0.05, 0.08, 0.12, 0.2, 0.3, 0.5, 0.8, 1.0, 1.5]
        let expiries = [1.0, 2, 3, 7, 14, 30, 91, 182, 365, 730].map { $0 / 365 }
        var recovered = 0, identifiable = 0, zeroPrices = 0, total = 0, maxIterations = 0, recoveredAnyway = 0
        var unresolvable = 0
        for kind in OptionKind.allCases {
            for m in moneyness {
                for sigma in vols {
                    for t in expiries {
                        for q in [0.0, 0.012] {
                            total += 1
                            let strike = (spot * m).rounded()
                            let model = BlackScholes(kind: kind, spot: spot, strike: strike, rate: rate, dividendYield: q,
                                                     volatility: sigma, timeToExpiry: t)!
                            let target = model.price
                            #expect(target.isFinite && model.vega.isFinite && model.delta.isFinite)
                            let label = "\(kind) K=\(strike) σ=\(sigma) T=\(t * 365)d q=\(q) price=\(target)"
                            guard target > 0 else {
                                // So far out of the money the price underflows: no IV, and the solver says so.
                                zeroPrices += 1
                                #expect(Self.failure { () throws(ImpliedVolatilityError) in
                                    try solver.solve(price: target, contract: model)
                                } == .nonPositiveInput(field: "price", value: target), "\(label)")
                                continue
                            }
                            let isIdentifiable = model.vegaPerUnitVolatility >= tolerance / 1e-6
                            let solution: ImpliedVolatilitySolution
                            do throws(ImpliedVolatilityError) {
                                solution = try solver.solve(price: target, contract: model)
                            } catch {
                                if case .noConvergence(_, let best, _) = error, !isIdentifiable, best.isFinite {
                                    unresolvable += 1
                                } else {
                                    Issue.record("\(label): \(error)")
                                }
                                continue
                            }
                            maxIterations = max(maxIterations, solution.iterations)
                            #expect(solution.volatility.isFinite)
                            #expect(ImpliedVolatility().searchRange.contains(solution.volatility))
                            let repriced = model.with(volatility: solution.volatility)!.price
                            #expect(abs(repriced - target) <= tolerance, "\(label)")
                            if isIdentifiable {
                                identifiable += 1
                                #expect(abs(solution.volatility - sigma) <= 1e-6, "\(label) → \(solution.volatility)")
                                if abs(solution.volatility - sigma) <= 1e-6 { recovered += 1 }
                            } else if abs(solution.volatility - sigma) <= 1e-6 {
                                recoveredAnyway += 1
                            }
                        }
                    }
                }
            }
        }
        #expect(total == 2 * 13 * 9 * 10 * 2)
        #expect(identifiable == recovered)
        #expect(Double(identifiable) >= 0.7 * Double(total), """
            identifiable \(identifiable) of \(total), zero \(zeroPrices), recovered outside the criterion \
            \(recoveredAnyway), unresolvable \(unresolvable)
            """)
        #expect(maxIterations <= 40)
    }

    @Test("a looser tolerance stops earlier and still holds the price to it")
    func configurableTolerance() throws {
        let t = 30.0 / 365
        let target = Self.price(.call, spot: 24_700, strike: 25_500, rate: 0.065, volatility: 0.14, timeToExpiry: t)
        let tight = try ImpliedVolatility(tolerance: 1e-10).solve(price: target, kind: .call, spot: 24_700, strike: 25_500,
                                                                  rate: 0.065, timeToExpiry: t)
        let loose = try ImpliedVolatility(tolerance: 0.05).solve(price: target, kind: .call, spot: 24_700, strike: 25_500,
                                                                 rate: 0.065, timeToExpiry: t)
        #expect(abs(tight.priceError) <= 1e-10 && abs(tight.volatility - 0.14) < 1e-10)
        #expect(abs(loose.priceError) <= 0.05)
        #expect(loose.iterations <= tight.iterations)
    }

    // MARK: Documented failures

    @Test("a price below the discounted intrinsic value is an arbitrage")
    func belowIntrinsic() {
        let t = 3.0 / 365
        let floor = 24_700 - 24_000 * exp(-0.065 * t)   // ≈ 712.8
        #expect(Self.failure { () throws(ImpliedVolatilityError) in
            try Self.solver.solve(price: 650, kind: .call, spot: 24_700, strike: 24_000, rate: 0.065, timeToExpiry: t)
        } == .belowIntrinsic(price: 650, lowerBound: floor))
        let putFloor = 25_000 * exp(-0.065 * t) - 24_700
        #expect(Self.failure { () throws(ImpliedVolatilityError) in
            try Self.solver.solve(price: 250, kind: .put, spot: 24_700, strike: 25_000, rate: 0.065, timeToExpiry: t)
        } == .belowIntrinsic(price: 250, lowerBound: putFloor))
    }

    @Test("a price at or above S·e^(−qT) (call) or K·e^(−rT) (put) is above the upper bound")
    func aboveUpperBound() {
        let t = 0.5
        #expect(Self.failure { () throws(ImpliedVolatilityError) in
            try Self.solver.solve(price: 24_700, kind: .call, spot: 24_700, strike: 24_800, rate: 0.065,
                                  dividendYield: 0.01, timeToExpiry: t)
        } == .aboveUpperBound(price: 24_700, upperBound: 24_700 * exp(-0.01 * t)))
        #expect(Self.failure { () throws(ImpliedVolatilityError) in
            try Self.solver.solve(price: 24_800, kind: .put, spot: 24_700, strike: 24_800, rate: 0.065, timeToExpiry: t)
        } == .aboveUpperBound(price: 24_800, upperBound: 24_800 * exp(-0.065 * t)))
    }

    @Test("zero time to expiry has no implied volatility")
    func zeroTime() {
        #expect(Self.failure { () throws(ImpliedVolatilityError) in
            try Self.solver.solve(price: 50, kind: .call, spot: 24_700, strike: 24_700, rate: 0.065, timeToExpiry: 0)
        } == .zeroTimeToExpiry)
    }

    @Test("non-positive and non-finite inputs are named", arguments: [
        // (price, spot, strike, rate, T, expected)
        (0.0, 24_700.0, 24_800.0, 0.065, 0.01, ImpliedVolatilityError.nonPositiveInput(field: "price", value: 0)),
        (-5, 24_700, 24_800, 0.065, 0.01, .nonPositiveInput(field: "price", value: -5)),
        (50, 0, 24_800, 0.065, 0.01, .nonPositiveInput(field: "spot", value: 0)),
        (50, 24_700, -1, 0.065, 0.01, .nonPositiveInput(field: "strike", value: -1)),
        (50, 24_700, 24_800, 0.065, -0.01, .nonPositiveInput(field: "timeToExpiry", value: -0.01)),
        (.infinity, 24_700, 24_800, 0.065, 0.01, .nonFiniteInput(field: "price", value: .infinity)),
        (50, 24_700, 24_800, -.infinity, 0.01, .nonFiniteInput(field: "rate", value: -.infinity)),
        (50, 24_700, 24_800, 0.065, .infinity, .nonFiniteInput(field: "timeToExpiry", value: .infinity)),
        (50, 24_700, 24_800, 1e6, 1, .nonFiniteInput(field: "discountFactor", value: 0)),  // e^(−10⁶) underflows
    ])
    func invalidInputs(price: Double, spot: Double, strike: Double, rate: Double, t: Double,
                       expected: ImpliedVolatilityError) {
        #expect(Self.failure { () throws(ImpliedVolatilityError) in
            try Self.solver.solve(price: price, kind: .call, spot: spot, strike: strike, rate: rate, timeToExpiry: t)
        } == expected)
    }

    @Test("NaN inputs are named (NaN ≠ NaN, so matched by field)")
    func nanInput() {
        let error = Self.failure { () throws(ImpliedVolatilityError) in
            try Self.solver.solve(price: 50, kind: .put, spot: .nan, strike: 24_800, rate: 0.065, timeToExpiry: 0.01)
        }
        guard case .nonFiniteInput(field: "spot", value: let value)? = error else {
            Issue.record("expected nonFiniteInput for spot, got \(String(describing: error))")
            return
        }
        #expect(value.isNaN)
    }

    @Test("a volatility outside the search range is reported with the range's prices")
    func outsideSearchRange() {
        let t = 0.25
        let low = Self.price(.call, spot: 24_700, strike: 24_700, rate: 0.065, volatility: 1e-4, timeToExpiry: t)
        let high = Self.price(.call, spot: 24_700, strike: 24_700, rate: 0.065, volatility: 5.0, timeToExpiry: t)
        // σ = 6: within the no-arbitrage bounds, above the 500 % ceiling.
        let wild = Self.price(.call, spot: 24_700, strike: 24_700, rate: 0.065, volatility: 6.0, timeToExpiry: t)
        #expect(Self.failure { () throws(ImpliedVolatilityError) in
            try Self.solver.solve(price: wild, kind: .call, spot: 24_700, strike: 24_700, rate: 0.065, timeToExpiry: t)
        } == .outsideSearchRange(price: wild, minimumPrice: low, maximumPrice: high))
        // σ = 1e-5 at the forward (K = F, floor 0): above the arbitrage floor, below the range's 0.01 %.
        let forward = 24_700 * exp(0.065 * t)
        let calm = Self.price(.call, spot: 24_700, strike: forward, rate: 0.065, volatility: 1e-5, timeToExpiry: t)
        let forwardLow = Self.price(.call, spot: 24_700, strike: forward, rate: 0.065, volatility: 1e-4, timeToExpiry: t)
        let forwardHigh = Self.price(.call, spot: 24_700, strike: forward, rate: 0.065, volatility: 5.0, timeToExpiry: t)
        #expect(calm > 0.04 && forwardLow > calm + 0.4)   // ≈ 0.4·S·σ·√T: 0.049 and 0.49
        #expect(Self.failure { () throws(ImpliedVolatilityError) in
            try Self.solver.solve(price: calm, kind: .call, spot: 24_700, strike: forward, rate: 0.065, timeToExpiry: t)
        } == .outsideSearchRange(price: calm, minimumPrice: forwardLow, maximumPrice: forwardHigh))
        // A narrower configured range moves the boundary.
        let target = Self.price(.call, spot: 24_700, strike: 24_700, rate: 0.065, volatility: 0.9, timeToExpiry: t)
        let narrow = ImpliedVolatility(searchRange: 0.05...0.8)
        guard case .outsideSearchRange? = Self.failure({ () throws(ImpliedVolatilityError) in
            try narrow.solve(price: target, kind: .call, spot: 24_700, strike: 24_700, rate: 0.065, timeToExpiry: t)
        }) else {
            Issue.record("expected outsideSearchRange")
            return
        }
    }

    @Test("a price exactly at the range's end returns that end")
    func rangeEnd() throws {
        let target = Self.price(.put, spot: 24_700, strike: 24_700, rate: 0.065, volatility: 5.0, timeToExpiry: 0.1)
        let solution = try Self.solver.solve(price: target, kind: .put, spot: 24_700, strike: 24_700, rate: 0.065,
                                             timeToExpiry: 0.1)
        #expect(solution.volatility == 5.0 && solution.iterations == 0)
    }

    @Test("too few iterations, or a tolerance finer than the price's rounding, is no convergence")
    func noConvergence() {
        let t = 30.0 / 365
        let target = Self.price(.call, spot: 24_700, strike: 27_000, rate: 0.065, volatility: 0.35, timeToExpiry: t)
        let hurried = ImpliedVolatility(maximumIterations: 1)
        guard case .noConvergence(iterations: 1, volatility: let sigma, priceError: let error)? =
            Self.failure({ () throws(ImpliedVolatilityError) in
                try hurried.solve(price: target, kind: .call, spot: 24_700, strike: 27_000, rate: 0.065, timeToExpiry: t)
            })
        else {
            Issue.record("expected noConvergence after one iteration")
            return
        }
        #expect(sigma.isFinite && error.isFinite && abs(error) > 1e-8)

        // A ₹24 700 underlying prices to about 1e-12 at best; 1e-300 is unreachable, and the
        // bracket closes onto neighbouring doubles long before 10 000 iterations.
        let pedantic = ImpliedVolatility(tolerance: 1e-300, maximumIterations: 10_000)
        guard case .noConvergence(iterations: let iterations, volatility: let best, priceError: _)? =
            Self.failure({ () throws(ImpliedVolatilityError) in
                try pedantic.solve(price: target, kind: .call, spot: 24_700, strike: 27_000, rate: 0.065, timeToExpiry: t)
            })
        else {
            // An exact hit (error 0 ≤ 1e-300) would also be honest; it only happens by luck.
            return
        }
        #expect(iterations < 10_000)
        #expect(abs(best - 0.35) < 1e-9)
    }
}
