import Foundation
import Testing
import TradingCore

@Suite("Options ranker and iron condor strategies")
struct OptionStrategiesTests {
    static let strikes = stride(from: 24100.0, through: 25100, by: 50).map { $0 }
    static let expiry = istInstant(2025, 9, 9, 15, 30)

    static func scenario(_ indicators: [String: Double] = ["ema_9": 24610, "ema_21": 24590, "vwap": 24590]) -> Scenario {
        var s = Scenario()
        for _ in 0..<5 { s.flat(24600, indicators) }
        return s
    }

    static func chain(expiry: Date = expiry, spreadFraction: Double = 0.002) -> OptionChainSnapshot {
        craftedChain(spot: 24600, strikes: strikes, expiry: expiry, asOf: istInstant(2025, 9, 8, 9, 19), spreadFraction: spreadFraction)
    }

    @Test("options ranker buys the call nearest delta 0.40 on a bullish bias with cheap IV")
    func buysCall() throws {
        let context = Self.scenario().context(chain: Self.chain(), ivHistory: Array(repeating: 0.16, count: 30))
        let signal = try #require(try OptionsRankerStrategy().evaluate(context))
        #expect(signal.side == .buy && signal.isOptions)
        #expect(signal.legs.count == 1)
        #expect(signal.legs[0].kind == .call && signal.legs[0].strike == Paise(rupees: 24700))   // delta 0.38
        #expect(signal.entry == Paise(rupees: 27.80))
        #expect(signal.stop == Paise(rupees: 13.90))
        #expect(signal.target == Paise(rupees: 41.70) && signal.target2 == Paise(rupees: 55.60))
        #expect(signal.instrument == "NIFTY 2025-09-09 24700.00 CE")
    }

    @Test("options ranker as a debit spread sells the call two strikes further out")
    func debitSpread() throws {
        var parameters = OptionsRankerStrategy.Parameters()
        parameters.structure = "debit_spread"
        let context = Self.scenario().context(chain: Self.chain(), ivHistory: Array(repeating: 0.16, count: 30))
        let signal = try #require(try OptionsRankerStrategy(parameters: parameters).evaluate(context))
        #expect(signal.legs.map(\.side) == [.buy, .sell])
        #expect(signal.legs[1].strike == Paise(rupees: 24800))
        #expect(signal.entry == Paise(rupees: 7.20))            // 27.80 − 20.60
        #expect(signal.target == Paise(rupees: 10.80))
    }

    @Test("options ranker refuses rich IV, wide spreads, far expiries and a mixed bias")
    func rankerRefuses() throws {
        let history = Array(repeating: 0.16, count: 30)
        #expect(try OptionsRankerStrategy().evaluate(Self.scenario().context(chain: Self.chain(), ivHistory: Array(repeating: 0.10, count: 30))) == nil)
        #expect(try OptionsRankerStrategy().evaluate(Self.scenario().context(chain: Self.chain(spreadFraction: 0.02), ivHistory: history)) == nil)
        #expect(try OptionsRankerStrategy().evaluate(Self.scenario().context(chain: Self.chain(expiry: istInstant(2025, 9, 18, 15, 30)), ivHistory: history)) == nil)
        let mixed = Self.scenario(["ema_9": 24610, "ema_21": 24590, "vwap": 24620])
        #expect(try OptionsRankerStrategy().evaluate(mixed.context(chain: Self.chain(), ivHistory: history)) == nil)
        #expect(try OptionsRankerStrategy().evaluate(Self.scenario().context(ivHistory: history)) == nil)
    }

    static let middlingIV = Array(repeating: 0.12, count: 15) + Array(repeating: 0.16, count: 15)

    @Test("iron condor sells the 0.14-delta strangle with wings two strikes out, as one signal with four legs")
    func condor() throws {
        let context = Self.scenario().context(regime: .range, chain: Self.chain(), ivHistory: Self.middlingIV)
        let signal = try #require(try IronCondorStrategy().evaluate(context))
        #expect(signal.side == .sell)
        #expect(signal.legs.map { "\($0.side.rawValue) \($0.strike.rupeeString) \($0.kind)" } == [
            "SELL 24900.00 call", "SELL 24300.00 put", "BUY 25000.00 call", "BUY 24200.00 put",
        ])
        #expect(signal.entry == Paise(rupees: 12.60))           // 13.40 + 13.40 − 6.20 − 8.00
        #expect(signal.stop == Paise(rupees: 25.20))
        #expect(signal.target == Paise(rupees: 6.30) && signal.target2 == Paise(rupees: 3.15))
        #expect(signal.features["max_loss"] == 87.4)
    }

    @Test("iron condor refuses cheap IV and far expiries")
    func condorRefuses() throws {
        #expect(try IronCondorStrategy().evaluate(Self.scenario().context(regime: .range, chain: Self.chain(),
                                                                          ivHistory: Array(repeating: 0.2, count: 30))) == nil)
        let far = Self.chain(expiry: istInstant(2025, 9, 30, 15, 30))
        #expect(try IronCondorStrategy().evaluate(Self.scenario().context(regime: .range, chain: far, ivHistory: Self.middlingIV)) == nil)
    }
}
