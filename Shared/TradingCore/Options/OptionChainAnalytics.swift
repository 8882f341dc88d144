import Foundation

/// Values a quoted option chain: each quote's implied volatility, solved from its mid (or its
/// last trade when not two-sided), and its Black-Scholes greeks at that volatility. A quote whose
/// volatility cannot be solved keeps the reason instead of greeks.
public struct OptionChainAnalytics: Hashable, Sendable {
    /// Continuously compounded risk-free rate (0.065 is 6.5 %).
    public var rate: Double
    /// Continuous dividend yield of the underlying.
    public var dividendYield: Double
    public var solver: ImpliedVolatility

    /// The default solver converges to a ten-thousandth of a paisa: far below the tick, and loose
    /// enough to converge where vega is tiny.
    public init(rate: Double, dividendYield: Double = 0, solver: ImpliedVolatility = ImpliedVolatility(tolerance: 1e-6)) {
        precondition(rate.isFinite && dividendYield.isFinite, "rate and dividend yield must be finite")
        self.rate = rate
        self.dividendYield = dividendYield
        self.solver = solver
    }

    /// Years from `now` to 15:30 IST on `expiry`'s IST day, counting calendar time (days / 365);
    /// 0 once that instant has passed.
    public static func timeToExpiry(from now: Date, expiry: Date) -> Double {
        max(0, NSESession.close(onDayOf: expiry).timeIntervalSince(now)) / (BlackScholes.daysPerYear * 86_400)
    }

    /// The chain at `now` with the underlying at `spot`, for options expiring on `expiry`'s IST day.
    public func snapshot(spot: Paise, expiry: Date, now: Date, quotes: [ChainQuote]) -> OptionChainSnapshot {
        let years = Self.timeToExpiry(from: now, expiry: expiry)
        let sorted = quotes.sorted {
            ($0.strike, $0.kind == .call ? 0 : 1) < ($1.strike, $1.kind == .call ? 0 : 1)
        }
        let strikes = Set(quotes.map(\.strike)).sorted()
        let atm = strikes.min { ($0 - spot).magnitude < ($1 - spot).magnitude }
        return OptionChainSnapshot(spot: spot, expiry: NSESession.close(onDayOf: expiry), asOf: now, rate: rate,
                                   dividendYield: dividendYield, timeToExpiry: years, atmStrike: atm,
                                   rows: sorted.map { row(for: $0, spot: spot.rupees, timeToExpiry: years) })
    }

    /// One quote valued with the underlying at `spot` rupees, `timeToExpiry` years out.
    public func row(for quote: ChainQuote, spot: Double, timeToExpiry: Double) -> ChainGreeksRow {
        guard let reference = quote.referencePrice else {
            return ChainGreeksRow(quote: quote, priceSource: nil, price: nil, impliedVolatility: nil, greeks: nil,
                                  failure: ChainGreeksFailure(reason: .noPrice, detail: "no two-sided quote and no last price"))
        }
        let (price, source) = reference
        let solution: ImpliedVolatilitySolution
        do throws(ImpliedVolatilityError) {
            solution = try solver.solve(price: price, kind: quote.kind, spot: spot, strike: quote.strike.rupees, rate: rate,
                                        dividendYield: dividendYield, timeToExpiry: timeToExpiry)
        } catch {
            return ChainGreeksRow(quote: quote, priceSource: source, price: price, impliedVolatility: nil, greeks: nil,
                                  failure: ChainGreeksFailure(error))
        }
        guard solution.volatility.isFinite,
              let model = BlackScholes(kind: quote.kind, spot: spot, strike: quote.strike.rupees, rate: rate,
                                       dividendYield: dividendYield, volatility: solution.volatility,
                                       timeToExpiry: timeToExpiry),
              let greeks = OptionGreeks(model) else {
            return ChainGreeksRow(quote: quote, priceSource: source, price: price, impliedVolatility: nil, greeks: nil,
                                  failure: ChainGreeksFailure(reason: .invalidContract,
                                                              detail: "volatility \(solution.volatility) gives no finite greeks"))
        }
        return ChainGreeksRow(quote: quote, priceSource: source, price: price, impliedVolatility: solution.volatility,
                              greeks: greeks, failure: nil)
    }
}
