import Foundation
import Testing
import TradingCore

@Suite("MarketSimulator option chains")
struct SimulatedOptionChainTests {
    private static let now = istInstant(2026, 11, 23, 11, 0)
    private static let rate = 0.065

    /// A simulator run from the open to `now` (a tick a minute), in `regime` (held) or switching.
    private static func simulator(seed: UInt64 = 50, regime: MarketRegime? = .trend) -> MarketSimulator {
        var simulator = MarketSimulator(seed: seed, configuration: simulatorConfiguration(regime: regime))
        var at = istInstant(2026, 11, 23, 9, 15)
        while at <= now {
            _ = simulator.ticks(at: at)
            at += 60
        }
        return simulator
    }

    private static func chain(_ symbol: String = "NIFTY", days: Double = 3, eachSide: Int = 10,
                              regime: MarketRegime? = .trend) -> [SimulatedOptionQuote] {
        simulator(regime: regime).optionChain(for: symbol, at: now, expiry: now.addingTimeInterval(days * 86_400),
                                              strikesEachSide: eachSide)
    }

    @Test("strikes on the step around the at-the-money strike, a call and a put each, ascending")
    func layout() {
        let simulator = Self.simulator()
        let spot = simulator.price(of: "NIFTY")!
        let chain = simulator.optionChain(for: "NIFTY", at: Self.now, expiry: istInstant(2026, 11, 26), strikesEachSide: 10)
        #expect(chain.count == 42)
        let strikes = stride(from: 0, to: chain.count, by: 2).map { chain[$0].strike }
        let atm = spot.rounded(toTick: Paise(5_000))
        #expect(strikes == (-10...10).map { atm + Paise(5_000) * Int64($0) })
        #expect(abs((atm - spot).value) <= 2_500)
        #expect(stride(from: 0, to: chain.count, by: 2).allSatisfy { chain[$0].kind == .call && chain[$0 + 1].kind == .put })
        #expect(chain.allSatisfy { $0.spot == spot && $0.underlying == "NIFTY" && $0.lotSize == 65 })
        #expect(chain.allSatisfy { $0.expiry == istInstant(2026, 11, 26, 15, 30) })
        // Other underlyings use their own step.
        let bank = simulator.optionChain(for: "BANKNIFTY", at: Self.now, expiry: istInstant(2026, 11, 26), strikesEachSide: 2)
        #expect(bank.count == 10 && (bank[2].strike - bank[0].strike) == Paise(10_000))
        #expect(simulator.optionChain(for: "SENSEX", at: Self.now, expiry: istInstant(2026, 11, 26), strikesEachSide: 2).isEmpty)
        #expect(simulator.optionChain(for: "NIFTY", at: Self.now, expiry: istInstant(2026, 11, 26), strikesEachSide: -1).isEmpty)
    }

    @Test("bid ≥ 0.05 < ask on the 0.05 grid, last and the theoretical price inside the quote")
    func quotes() {
        for days in [0.1, 3, 7, 30] {
            for quote in Self.chain(days: days, eachSide: 15) {
                #expect(quote.bid >= Paise(5) && quote.bid < quote.ask, "\(quote)")
                #expect(quote.bid.value % 5 == 0 && quote.ask.value % 5 == 0 && quote.last.value % 5 == 0)
                #expect(quote.bid <= quote.last && quote.last <= quote.ask)
                if quote.theoreticalPrice >= 0.05 {
                    #expect(quote.bid.rupees <= quote.theoreticalPrice && quote.theoreticalPrice <= quote.ask.rupees, "\(quote)")
                }
                #expect(quote.volume >= 0 && quote.openInterest >= 0)
                #expect(quote.volume % 65 == 0 && quote.openInterest % 65 == 0)
            }
        }
    }

    @Test("call prices fall and put prices rise with the strike")
    func monotoneInStrike() {
        let chain = Self.chain()
        let calls = chain.filter { $0.kind == .call }, puts = chain.filter { $0.kind == .put }
        #expect(zip(calls, calls.dropFirst()).allSatisfy { $0.theoreticalPrice > $1.theoreticalPrice })
        #expect(zip(puts, puts.dropFirst()).allSatisfy { $0.theoreticalPrice < $1.theoreticalPrice })
        #expect(zip(calls, calls.dropFirst()).allSatisfy { $0.midRupees >= $1.midRupees && $0.bid >= $1.bid })
        #expect(zip(puts, puts.dropFirst()).allSatisfy { $0.midRupees <= $1.midRupees && $0.ask <= $1.ask })
        #expect(calls.first!.midRupees > calls.last!.midRupees + 400)
        #expect(puts.last!.midRupees > puts.first!.midRupees + 400)
    }

    @Test("put-call parity holds within the spreads: C − P = S − K·e^(−rT)")
    func parity() {
        let now = Self.now
        for days in [1.0, 3, 7] {
            let chain = Self.chain(days: days)
            let years = OptionChainAnalytics.timeToExpiry(from: now, expiry: now.addingTimeInterval(days * 86_400))
            for index in stride(from: 0, to: chain.count, by: 2) {
                let call = chain[index], put = chain[index + 1]
                let forward = call.spot.rupees - call.strike.rupees * exp(-Self.rate * years)
                let residual = call.midRupees - put.midRupees - forward
                let halfSpreads = ((call.ask - call.bid).rupees + (put.ask - put.bid).rupees) / 2
                #expect(abs(residual) <= halfSpreads, "K=\(call.strike) residual \(residual) spreads \(halfSpreads)")
                // The theoretical prices satisfy it exactly.
                #expect(abs(call.theoreticalPrice - put.theoreticalPrice - forward) < 1e-6)
            }
        }
    }

    @Test("the IV solved from the simulated mid recovers the smile volatility within 0.5 vol points near the money",
          arguments: [1.0, 3, 7, 30])
    func impliedVolatilityRecovery(days: Double) {
        let simulator = Self.simulator(regime: nil)
        let expiry = Self.now.addingTimeInterval(days * 86_400)
        let chain = simulator.optionChain(for: "NIFTY", at: Self.now, expiry: expiry, strikesEachSide: 3)
        let snapshot = OptionChainAnalytics(rate: Self.rate).snapshot(spot: chain[0].spot, expiry: expiry, now: Self.now,
                                                                      quotes: chain.map(\.chainQuote))
        #expect(snapshot.rows.count == chain.count)
        for quote in chain {
            let row = snapshot.row(strike: quote.strike, kind: quote.kind)
            guard let volatility = row?.impliedVolatility else {
                Issue.record("no IV for \(quote): \(String(describing: row?.failure))")
                continue
            }
            #expect(abs(volatility - quote.smileVolatility) < 0.005, "\(quote.kind) K=\(quote.strike): \(volatility) vs \(quote.smileVolatility)")
        }
    }

    @Test("on expiry day the at-the-money IV is still recovered")
    func expiryDay() {
        let simulator = Self.simulator()
        let chain = simulator.optionChain(for: "NIFTY", at: Self.now, expiry: Self.now, strikesEachSide: 0)
        #expect(chain.count == 2)
        let snapshot = OptionChainAnalytics(rate: Self.rate).snapshot(spot: chain[0].spot, expiry: Self.now, now: Self.now,
                                                                      quotes: chain.map(\.chainQuote))
        for quote in chain {
            let volatility = snapshot.row(strike: quote.strike, kind: quote.kind)?.impliedVolatility
            #expect(approximatelyEqual(volatility, quote.smileVolatility, tolerance: 0.005), "\(String(describing: volatility))")
        }
    }

    @Test("the smile: puts below the money dearer in vol than calls above it; a volatile market lifts it")
    func smile() {
        let chain = Self.chain()
        let atm = chain[20]
        #expect(atm.smileVolatility > 0.1 && atm.smileVolatility < 0.13)
        #expect(chain[0].smileVolatility > atm.smileVolatility && atm.smileVolatility > chain[40].smileVolatility)
        let spot = atm.spot.rupees
        #expect(chain.allSatisfy {
            approximatelyEqual($0.smileVolatility, 0.12 - 0.6 * log($0.strike.rupees / spot)
                + 4 * pow(log($0.strike.rupees / spot), 2), tolerance: 1e-12)
        })
        let volatile = Self.chain(regime: .volatile), range = Self.chain(regime: .range)
        #expect(volatile[20].smileVolatility > atm.smileVolatility + 0.03)
        #expect(range[20].smileVolatility < atm.smileVolatility)
    }

    @Test("volume and open interest are largest near the money and decay into the wings")
    func activityDecays() {
        let chain = Self.chain(eachSide: 12)
        func average(_ quotes: [SimulatedOptionQuote], _ value: (SimulatedOptionQuote) -> Int64) -> Double {
            Double(quotes.map(value).reduce(0, +)) / Double(quotes.count)
        }
        let near = chain.filter { abs(($0.strike - chain[24].strike).value) <= 5_000 }
        let wings = chain.filter { abs(($0.strike - chain[24].strike).value) >= 55_000 }
        #expect(near.count == 6 && wings.count == 8)
        #expect(average(near, \.openInterest) > 4 * average(wings, \.openInterest))
        #expect(average(near, \.volume) > 4 * average(wings, \.volume))
        #expect(average(near, \.openInterest) > 0.6 * 50_000 * 65)
    }

    @Test("an expired chain is worth its intrinsic value")
    func expired() {
        let simulator = Self.simulator()
        let chain = simulator.optionChain(for: "NIFTY", at: Self.now, expiry: istInstant(2026, 11, 20), strikesEachSide: 4)
        #expect(chain.count == 18)
        for quote in chain {
            let intrinsic = max(0, (quote.kind == .call ? 1 : -1) * (quote.spot.rupees - quote.strike.rupees))
            #expect(approximatelyEqual(quote.theoreticalPrice, intrinsic, tolerance: 1e-9))
            #expect(quote.bid >= Paise(5) && quote.ask > quote.bid)
        }
    }
}
