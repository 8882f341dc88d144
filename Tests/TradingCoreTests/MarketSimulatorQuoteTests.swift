import Foundation
import Testing
import TradingCore

@Suite("MarketSimulator quotes")
struct MarketSimulatorQuoteTests {
    @Test("bid < ask, bid ≤ last ≤ ask, all positive and on the tick grid; volume in whole lots")
    func topOfBook() {
        var simulator = MarketSimulator(seed: 40)
        let steps = run(&simulator, over: sessionInstants(days: 5, every: 15))
        let lots = Dictionary(uniqueKeysWithValues: SimulatedUnderlying.nseIndices.map { ($0.symbol, $0.lotSize) })
        var count = 0
        for step in steps {
            for tick in step.ticks {
                count += 1
                guard let bid = tick.bid, let ask = tick.ask else {
                    Issue.record("no top of book: \(tick)")
                    continue
                }
                #expect(bid < ask && bid <= tick.lastPrice && tick.lastPrice <= ask, "\(tick)")
                #expect(bid > .zero && tick.lastPrice > .zero)
                #expect(bid.value % 5 == 0 && ask.value % 5 == 0 && tick.lastPrice.value % 5 == 0, "\(tick)")
                #expect(tick.volume % lots[tick.symbol]! == 0)
                // Volume is what traded since the previous tick: none at 09:15:00, when no session time has passed.
                #expect(NSESession.secondsSinceOpen(step.at) == 0 ? tick.volume == 0 : tick.volume > 0, "\(tick)")
            }
        }
        #expect(count == 5 * 1_501 * 4)
        // Prices stay plausible over a week: within ±25 % of the base.
        for (index, underlying) in SimulatedUnderlying.nseIndices.enumerated() {
            let prices = steps.map { $0.ticks[index].lastPrice.rupees }
            #expect(prices.allSatisfy { $0 > underlying.basePrice.rupees * 0.75 && $0 < underlying.basePrice.rupees * 1.25 })
            #expect(Set(prices).count > 1_000)
        }
    }

    @Test("a price near zero never reaches zero: last and bid stay at least one tick")
    func tinyPrice() {
        let penny = SimulatedUnderlying(symbol: "PENNY", basePrice: Paise(10), tickSize: Paise(5), lotSize: 1,
                                        annualVolatility: 3, strikeStep: Paise(5))
        for seed: UInt64 in [1, 2, 3] {
            var simulator = MarketSimulator(seed: seed, configuration: simulatorConfiguration(regime: .volatile, gap: 0.2,
                                                                                              underlyings: [penny]))
            let ticks = run(&simulator, over: sessionInstants(days: 5, every: 60)).flatMap(\.ticks)
            #expect(ticks.allSatisfy { $0.lastPrice >= Paise(5) && $0.bid! >= Paise(5) && $0.ask! > $0.bid! })
            #expect(ticks.allSatisfy { $0.lastPrice.value % 5 == 0 && $0.bid!.value % 5 == 0 && $0.ask!.value % 5 == 0 })
        }
    }

    @Test("quotes are wider in a volatile market and at the open")
    func spreads() {
        func meanSpread(_ regime: MarketRegime, window: ClosedRange<Double>) -> Double {
            var simulator = MarketSimulator(seed: 41, configuration: simulatorConfiguration(regime: regime))
            let steps = run(&simulator, over: sessionInstants(days: 2, every: 30))
                .filter { window.contains(NSESession.secondsSinceOpen($0.at) / 60) }
            return mean(steps.flatMap(\.ticks).map { Double(($0.ask! - $0.bid!).value) / 5 })
        }
        let calmNoon = meanSpread(.range, window: 165...225), volatileNoon = meanSpread(.volatile, window: 165...225)
        let calmOpen = meanSpread(.range, window: 0...5)
        #expect(calmNoon >= 1)
        #expect(volatileNoon > calmNoon, "volatile \(volatileNoon) calm \(calmNoon)")
        #expect(calmOpen > calmNoon, "open \(calmOpen) noon \(calmNoon)")
    }

    @Test("outside the session prices hold and nothing trades")
    func outsideSession() {
        var simulator = MarketSimulator(seed: 42)
        let close = simulator.ticks(at: istInstant(2026, 11, 23, 15, 30))
        let evening = simulator.ticks(at: istInstant(2026, 11, 23, 20, 0))
        #expect(zip(close, evening).allSatisfy { $0.lastPrice == $1.lastPrice && $1.volume == 0 })
        #expect(simulator.lastTick(for: "NIFTY") == evening[0])
        #expect(simulator.price(of: "NIFTY") == evening[0].lastPrice)
        #expect(simulator.price(of: "SENSEX") == nil && simulator.lastTick(for: "SENSEX") == nil)
        // Before the first tick: the base price.
        #expect(MarketSimulator(seed: 1).price(of: "BANKNIFTY") == SimulatedUnderlying.bankNifty.basePrice)
    }
}
