import Foundation
import Testing
import TradingCore

@Suite("OptionChainAnalytics")
struct OptionChainAnalyticsTests {
    private static let analytics = OptionChainAnalytics(rate: 0.065)
    /// Monday 11:00 IST; expiry Thursday (15:30 IST), 3 days 4.5 hours away.
    private static let now = istInstant(2026, 11, 23, 11, 0)
    private static let expiry = istInstant(2026, 11, 26)
    private static let spot = Paise(2_495_000)

    private static func theoretical(_ kind: OptionKind, strike: Double, volatility: Double) -> Double {
        let years = OptionChainAnalytics.timeToExpiry(from: now, expiry: expiry)
        return BlackScholes(kind: kind, spot: spot.rupees, strike: strike, rate: 0.065, volatility: volatility,
                            timeToExpiry: years)!.price
    }

    /// Encodes and decodes: JSONEncoder refuses NaN and infinity, so this also proves every number is finite.
    private static func roundTrip(_ snapshot: OptionChainSnapshot) throws -> OptionChainSnapshot {
        try JSONDecoder().decode(OptionChainSnapshot.self, from: JSONEncoder().encode(snapshot))
    }

    @Test("time to expiry runs to 15:30 IST on the expiry day, in calendar years")
    func timeToExpiry() {
        let thursdayMorning = istInstant(2026, 11, 26, 9, 30)
        for expiry in [istInstant(2026, 11, 26), istInstant(2026, 11, 26, 23, 59), istInstant(2026, 11, 26, 15, 30)] {
            #expect(approximatelyEqual(OptionChainAnalytics.timeToExpiry(from: thursdayMorning, expiry: expiry),
                                       6.0 / (365 * 24), tolerance: 1e-15))
        }
        #expect(approximatelyEqual(OptionChainAnalytics.timeToExpiry(from: istInstant(2026, 11, 23, 15, 30), expiry: Self.expiry),
                                   3.0 / 365, tolerance: 1e-15))
        #expect(OptionChainAnalytics.timeToExpiry(from: istInstant(2026, 11, 26, 15, 31), expiry: Self.expiry) == 0)
    }

    @Test("recovers a known volatility from a mid, and its greeks are Black-Scholes'")
    func knownVolatility() throws {
        let price = Paise(rupees: Self.theoretical(.call, strike: 25_000, volatility: 0.15))
        let quote = ChainQuote(strike: Paise(2_500_000), kind: .call, bid: price - Paise(10), ask: price + Paise(10), last: nil,
                               volume: 6_500, openInterest: 65_000)
        let snapshot = Self.analytics.snapshot(spot: Self.spot, expiry: Self.expiry, now: Self.now, quotes: [quote])
        let row = try #require(snapshot.rows.first)
        #expect(row.priceSource == .mid && row.price == price.rupees && row.failure == nil && row.isSolved)
        let volatility = try #require(row.impliedVolatility)
        #expect(abs(volatility - 0.15) < 1e-4)
        let model = BlackScholes(kind: .call, spot: Self.spot.rupees, strike: 25_000, rate: 0.065, volatility: volatility,
                                 timeToExpiry: snapshot.timeToExpiry)!
        #expect(row.greeks == OptionGreeks(delta: model.delta, gamma: model.gamma, theta: model.theta, vega: model.vega))
        #expect(snapshot.expiry == istInstant(2026, 11, 26, 15, 30) && snapshot.asOf == Self.now && snapshot.rate == 0.065)
    }

    @Test("greek signs on a simulated chain: call Δ in (0,1), put Δ in (−1,0), Γ > 0, vega > 0, θ < 0; Δc − Δp ≈ 1")
    func greekSigns() throws {
        var simulator = MarketSimulator(seed: 60)
        _ = simulator.ticks(at: istInstant(2026, 11, 23, 9, 15))
        _ = simulator.ticks(at: Self.now)
        let chain = simulator.optionChain(for: "NIFTY", at: Self.now, expiry: Self.expiry, strikesEachSide: 5)
        let snapshot = Self.analytics.snapshot(spot: chain[0].spot, expiry: Self.expiry, now: Self.now,
                                               quotes: chain.map(\.chainQuote))
        #expect(snapshot.rows.count == 22 && snapshot.rows.allSatisfy { $0.isSolved })
        for row in snapshot.rows {
            let greeks = try #require(row.greeks)
            switch row.quote.kind {
            case .call: #expect(greeks.delta > 0 && greeks.delta < 1, "\(row)")
            case .put: #expect(greeks.delta > -1 && greeks.delta < 0, "\(row)")
            }
            #expect(greeks.gamma > 0 && greeks.vega > 0 && greeks.theta < 0, "\(row)")
        }
        for strike in Set(snapshot.rows.map(\.quote.strike)) {
            let call = try #require(snapshot.row(strike: strike, kind: .call)?.greeks)
            let put = try #require(snapshot.row(strike: strike, kind: .put)?.greeks)
            #expect(abs(call.delta - put.delta - 1) < 0.01, "K=\(strike)")
        }
        // Calls' delta falls with the strike.
        let calls = snapshot.rows.filter { $0.quote.kind == .call }.compactMap(\.greeks?.delta)
        #expect(zip(calls, calls.dropFirst()).allSatisfy { $0 > $1 })
    }

    @Test("a price below intrinsic reports the reason, with no volatility, no greeks and no NaN")
    func belowIntrinsic() throws {
        // The 24 000 CE is worth at least ₹950 with NIFTY at 24 950; quoted at ₹10.00 / ₹11.00.
        let quote = ChainQuote(strike: Paise(2_400_000), kind: .call, bid: Paise(1_000), ask: Paise(1_100), last: Paise(1_050))
        let snapshot = Self.analytics.snapshot(spot: Self.spot, expiry: Self.expiry, now: Self.now, quotes: [quote])
        let row = try #require(snapshot.rows.first)
        #expect(row.failure?.reason == .belowIntrinsic)
        #expect(row.failure?.detail.contains("10.5000") == true)
        #expect(row.impliedVolatility == nil && row.greeks == nil && !row.isSolved)
        #expect(row.priceSource == .mid && row.price == 10.5)
        #expect(try Self.roundTrip(snapshot) == snapshot)
    }

    @Test("every failure carries its reason", arguments: [
        (ChainQuote(strike: Paise(10_000), kind: .put, bid: Paise(20_000), ask: Paise(20_100), last: nil), ChainGreeksFailureReason.aboveUpperBound),
        (ChainQuote(strike: Paise(2_500_000), kind: .call, bid: nil, ask: nil, last: nil), .noPrice),
        (ChainQuote(strike: Paise(2_500_000), kind: .call, bid: Paise(0), ask: Paise(0), last: Paise(0)), .noPrice),
        (ChainQuote(strike: Paise(2_500_000), kind: .call, bid: Paise(5_000), ask: Paise(4_000), last: nil), .noPrice),
    ])
    func failures(quote: ChainQuote, reason: ChainGreeksFailureReason) throws {
        let row = try #require(Self.analytics.snapshot(spot: Self.spot, expiry: Self.expiry, now: Self.now, quotes: [quote]).rows.first)
        #expect(row.failure?.reason == reason)
        #expect(row.greeks == nil && row.impliedVolatility == nil)
        #expect(row.failure?.detail.isEmpty == false)
    }

    @Test("the last trade is used when the quote is one-sided or crossed")
    func lastTradeFallback() throws {
        let price = Paise(rupees: Self.theoretical(.put, strike: 24_800, volatility: 0.14))
        for quote in [ChainQuote(strike: Paise(2_480_000), kind: .put, bid: nil, ask: price + Paise(50), last: price),
                      ChainQuote(strike: Paise(2_480_000), kind: .put, bid: price + Paise(100), ask: price, last: price)] {
            let row = try #require(Self.analytics.snapshot(spot: Self.spot, expiry: Self.expiry, now: Self.now, quotes: [quote]).rows.first)
            #expect(row.priceSource == .last && row.price == price.rupees)
            #expect(approximatelyEqual(row.impliedVolatility, 0.14, tolerance: 1e-4))
        }
    }

    @Test("after expiry, or with no spot, every row says why and nothing is NaN")
    func degenerateInputs() throws {
        let quotes = [ChainQuote(strike: Paise(2_500_000), kind: .call, bid: Paise(10_000), ask: Paise(10_200), last: nil),
                      ChainQuote(strike: Paise(2_500_000), kind: .put, bid: Paise(14_000), ask: Paise(14_200), last: nil)]
        let expired = Self.analytics.snapshot(spot: Self.spot, expiry: Self.expiry, now: istInstant(2026, 11, 26, 16, 0), quotes: quotes)
        #expect(expired.timeToExpiry == 0)
        #expect(expired.rows.allSatisfy { $0.failure?.reason == .zeroTimeToExpiry && $0.greeks == nil })
        #expect(try Self.roundTrip(expired) == expired)

        let noSpot = Self.analytics.snapshot(spot: .zero, expiry: Self.expiry, now: Self.now, quotes: quotes)
        #expect(noSpot.rows.allSatisfy { $0.failure?.reason == .nonPositiveInput && $0.failure!.detail.contains("spot") })
        #expect(try Self.roundTrip(noSpot) == noSpot)
    }

    @Test("rows sorted by strike, call first; ATM strike nearest the spot; put/call OI ratio")
    func ordering() throws {
        let strikes: [Int64] = [2_505_000, 2_490_000, 2_500_000, 2_495_000]
        var quotes: [ChainQuote] = []
        for (index, strike) in strikes.enumerated() {
            for kind in [OptionKind.put, .call] {
                let price = Paise(rupees: Self.theoretical(kind, strike: Double(strike) / 100, volatility: 0.12))
                quotes.append(ChainQuote(strike: Paise(strike), kind: kind, bid: price - Paise(5), ask: price + Paise(5), last: price,
                                         volume: 0, openInterest: Int64(kind == .put ? 300 : 100) * Int64(index + 1)))
            }
        }
        let snapshot = Self.analytics.snapshot(spot: Paise(2_496_000), expiry: Self.expiry, now: Self.now, quotes: quotes)
        #expect(snapshot.rows.map(\.quote.strike) == [2_490_000, 2_490_000, 2_495_000, 2_495_000, 2_500_000, 2_500_000,
                                                      2_505_000, 2_505_000].map { Paise($0) })
        #expect(snapshot.rows.map(\.quote.kind) == Array(repeating: [OptionKind.call, .put], count: 4).flatMap { $0 })
        #expect(snapshot.atmStrike == Paise(2_495_000))
        #expect(approximatelyEqual(snapshot.putCallOpenInterestRatio, 3, tolerance: 1e-12))
        #expect(snapshot.rows.allSatisfy { $0.isSolved })
        #expect(try Self.roundTrip(snapshot) == snapshot)

        let empty = Self.analytics.snapshot(spot: Self.spot, expiry: Self.expiry, now: Self.now, quotes: [])
        #expect(empty.rows.isEmpty && empty.atmStrike == nil && empty.putCallOpenInterestRatio == nil)
    }

    @Test("implied-volatility errors map to their reasons with readable details")
    func failureMapping() {
        #expect(ChainGreeksFailure(.zeroTimeToExpiry).reason == .zeroTimeToExpiry)
        #expect(ChainGreeksFailure(.belowIntrinsic(price: 10, lowerBound: 950)).detail == "price 10.0000 is below the no-arbitrage floor 950.0000")
        #expect(ChainGreeksFailure(.aboveUpperBound(price: 200, upperBound: 100)).reason == .aboveUpperBound)
        #expect(ChainGreeksFailure(.outsideSearchRange(price: 1, minimumPrice: 2, maximumPrice: 3)).reason == .outsideSearchRange)
        #expect(ChainGreeksFailure(.noConvergence(iterations: 100, volatility: 0.2, priceError: 1e-7)).reason == .noConvergence)
        #expect(ChainGreeksFailure(.nonFiniteInput(field: "price", value: .nan)).reason == .nonFiniteInput)
        #expect(ChainGreeksFailure(.nonPositiveInput(field: "strike", value: 0)).detail.contains("strike"))
    }
}
