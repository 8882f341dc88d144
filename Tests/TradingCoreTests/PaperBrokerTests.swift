import Foundation
import Testing
import TradingCore

@Suite("PaperBroker")
struct PaperBrokerTests {
    static let t0 = Date(timeIntervalSince1970: 1_760_000_000)
    // NIFTY at ₹24,000.00, bid 23,999.00, ask 24,001.00.
    static let quote = Quote(last: Paise(2_400_000), bid: Paise(2_399_900), ask: Paise(2_400_100))

    static func broker(_ configure: (inout PaperBrokerConfig) -> Void = { _ in }) -> PaperBroker {
        var config = PaperBrokerConfig(seed: 1, spreadSlippageFraction: 0.5, impactBpsPerThousandUnits: 0, tickSize: Paise(5))
        configure(&config)
        return PaperBroker(config: config)
    }

    static func market(_ id: String, _ side: Side, _ quantity: Int = 75, lotSize: Int = 1) -> OrderRequest {
        OrderRequest(clientOrderId: id, symbol: "NIFTY", side: side, type: .market, quantity: quantity, opensPosition: true, lotSize: lotSize)
    }

    @Test("a market order fills at the next quote's ask (buy) / bid (sell) plus half the spread")
    func marketAtTouchPlusSlippage() {
        var broker = Self.broker()
        #expect(broker.place(Self.market("B", .buy), at: Self.t0) == .accepted(clientOrderId: "B", at: Self.t0))
        #expect(broker.place(Self.market("S", .sell), at: Self.t0) == .accepted(clientOrderId: "S", at: Self.t0))
        let events = broker.onQuote("NIFTY", Self.quote, at: Self.t0)
        // spread ₹2.00 → half is ₹1.00: buy 24,001 + 1 = 24,002; sell 23,999 − 1 = 23,998.
        #expect(events == [.filled(clientOrderId: "B", quantity: 75, price: Paise(2_400_200), remaining: 0, at: Self.t0),
                           .filled(clientOrderId: "S", quantity: 75, price: Paise(2_399_800), remaining: 0, at: Self.t0)])
        #expect(broker.orders.isEmpty)
    }

    @Test("size impact makes a bigger market order fill worse, rounded against the trader to the tick")
    func sizeImpact() {
        var broker = Self.broker { $0.impactBpsPerThousandUnits = 2; $0.spreadSlippageFraction = 0 }
        _ = broker.place(Self.market("B", .buy, 1_800), at: Self.t0)
        // 24,001 × 2 bps × 1.8 = ₹8.64 → 24,009.64 → up to the tick: 24,009.65
        #expect(broker.onQuote("NIFTY", Self.quote, at: Self.t0).first
            == .filled(clientOrderId: "B", quantity: 1_800, price: Paise(2_400_965), remaining: 0, at: Self.t0))
    }

    @Test("a market order can never fill at or below zero")
    func neverZero() {
        var broker = Self.broker { $0.spreadSlippageFraction = 10 }
        _ = broker.place(Self.market("S", .sell), at: Self.t0)
        let events = broker.onQuote("NIFTY", Quote(last: Paise(10), bid: Paise(5), ask: Paise(15)), at: Self.t0)
        guard case .filled(_, _, let price, _, _) = events.first else { Issue.record("no fill"); return }
        #expect(price >= Paise(5))
        #expect(broker.onQuote("NIFTY", Quote(last: .zero), at: Self.t0).isEmpty)
    }

    @Test("nothing fills before the simulated latency has passed")
    func latency() {
        var broker = Self.broker { $0.latencyMilliseconds = 250 }
        _ = broker.place(Self.market("B", .buy), at: Self.t0)
        #expect(broker.onQuote("NIFTY", Self.quote, at: Self.t0.addingTimeInterval(0.1)).isEmpty)
        #expect(broker.onQuote("NIFTY", Self.quote, at: Self.t0.addingTimeInterval(0.25)).count == 1)
    }

    @Test("a LIMIT fills at its price once touched, not before")
    func limitWhenTouched() {
        var broker = Self.broker()
        _ = broker.onQuote("NIFTY", Self.quote, at: Self.t0)
        _ = broker.place(OrderRequest(clientOrderId: "T", symbol: "NIFTY", side: .sell, type: .limit, quantity: 75,
                                      price: Paise(2_410_000)), at: Self.t0)
        #expect(broker.onQuote("NIFTY", Quote(last: Paise(2_409_000), bid: Paise(2_408_900), ask: Paise(2_409_100)), at: Self.t0).isEmpty)
        #expect(broker.onQuote("NIFTY", Quote(last: Paise(2_410_000), bid: Paise(2_410_000), ask: Paise(2_410_200)), at: Self.t0)
            == [.filled(clientOrderId: "T", quantity: 75, price: Paise(2_410_000), remaining: 0, at: Self.t0)])
    }

    @Test("a touched LIMIT fills with the configured probability, the same way for the same seed")
    func limitProbability() {
        func fills(seed: UInt64) -> Int {
            var config = PaperBrokerConfig(seed: seed, limitFillProbability: 0.3)
            config.priceBandFraction = 1
            var broker = PaperBroker(config: config)
            var count = 0
            for index in 0..<2_000 {
                _ = broker.place(OrderRequest(clientOrderId: "L\(index)", symbol: "X", side: .buy, type: .limit, quantity: 1,
                                              price: Paise(100)), at: Self.t0)
                count += broker.onQuote("X", Quote(last: Paise(100)), at: Self.t0).count
                _ = broker.cancel("L\(index)", at: Self.t0)
            }
            return count
        }
        let count = fills(seed: 9)
        #expect(count > 500 && count < 700)   // ≈ 600 of 2,000
        #expect(count == fills(seed: 9))
    }

    @Test("an SL-M fills at the market once the trigger is reached")
    func stopWhenTriggered() {
        var broker = Self.broker()
        _ = broker.onQuote("NIFTY", Self.quote, at: Self.t0)
        _ = broker.place(OrderRequest(clientOrderId: "S", symbol: "NIFTY", side: .sell, type: .stopMarket, quantity: 75,
                                      trigger: Paise(2_390_000)), at: Self.t0)
        #expect(broker.onQuote("NIFTY", Quote(last: Paise(2_395_000), bid: Paise(2_394_900), ask: Paise(2_395_100)), at: Self.t0).isEmpty)
        // Gapped through: last 23,880, bid 23,879 → fills at the bid less half the ₹2 spread.
        #expect(broker.onQuote("NIFTY", Quote(last: Paise(2_388_000), bid: Paise(2_387_900), ask: Paise(2_388_100)), at: Self.t0)
            == [.filled(clientOrderId: "S", quantity: 75, price: Paise(2_387_800), remaining: 0, at: Self.t0)])
    }

    @Test("one bar reaching both the stop and the target of one group fills the stop only")
    func stopWinsTheBar() {
        var broker = Self.broker()
        _ = broker.onQuote("NIFTY", Self.quote, at: Self.t0)
        _ = broker.place(OrderRequest(clientOrderId: "T", symbol: "NIFTY", side: .sell, type: .limit, quantity: 75,
                                      price: Paise(2_410_000), ocoTag: "G"), at: Self.t0)
        _ = broker.place(OrderRequest(clientOrderId: "S", symbol: "NIFTY", side: .sell, type: .stopMarket, quantity: 75,
                                      trigger: Paise(2_390_000), ocoTag: "G"), at: Self.t0)
        let events = broker.onBar("NIFTY", high: Paise(2_412_000), low: Paise(2_388_000), close: Paise(2_400_000), at: Self.t0)
        #expect(events.map(\.clientOrderId) == ["S"])
        #expect(broker.orders.keys.sorted() == ["T"])
    }

    @Test("partial fills: 30% first, the rest on the next quote")
    func partialFills() {
        var broker = Self.broker { $0.partialFillProbability = 1; $0.partialFillFraction = 0.3 }
        _ = broker.place(Self.market("B", .buy, 750, lotSize: 75), at: Self.t0)
        let first = broker.onQuote("NIFTY", Self.quote, at: Self.t0)
        guard case .filled(_, let q1, _, let left1, _) = first.first else { Issue.record("no fill"); return }
        #expect(q1 == 225 && left1 == 525)
        #expect(broker.onQuote("NIFTY", Self.quote, at: Self.t0)
            == [.filled(clientOrderId: "B", quantity: 525, price: Paise(2_400_200), remaining: 0, at: Self.t0)])
        #expect(broker.orders.isEmpty)
    }

    @Test("exchange-style rejections: freeze quantity, price band, margin, duplicate id")
    func rejections() {
        var broker = Self.broker {
            $0.freezeQuantities = ["NIFTY": 1_800]
            $0.availableMargin = Paise(50_000_000)   // ₹5,00,000
            $0.marginFraction = 0.15
        }
        _ = broker.onQuote("NIFTY", Self.quote, at: Self.t0)
        #expect(broker.place(Self.market("A", .buy, 1_875), at: Self.t0)
            == .rejected(clientOrderId: "A", reason: .freezeQuantityExceeded, at: Self.t0))
        #expect(broker.place(OrderRequest(clientOrderId: "B", symbol: "NIFTY", side: .sell, type: .limit, quantity: 75,
                                          price: Paise(2_700_000)), at: Self.t0)
            == .rejected(clientOrderId: "B", reason: .priceOutsideBand, at: Self.t0))
        // 75 × 24,000 × 15% = ₹2,70,000 fits once, not twice.
        #expect(broker.place(Self.market("C", .buy, 75), at: Self.t0) == .accepted(clientOrderId: "C", at: Self.t0))
        #expect(broker.place(Self.market("D", .buy, 75), at: Self.t0)
            == .rejected(clientOrderId: "D", reason: .insufficientMargin, at: Self.t0))
        #expect(broker.place(Self.market("C", .buy, 75), at: Self.t0)
            == .rejected(clientOrderId: "C", reason: .duplicateOrder, at: Self.t0))
    }

    @Test("the same seed and inputs give the same fills")
    func deterministic() {
        func run() -> [BrokerEvent] {
            var broker = Self.broker { $0.partialFillProbability = 0.5; $0.limitFillProbability = 0.5; $0.seed = 77 }
            var events: [BrokerEvent] = []
            for index in 0..<50 {
                events.append(broker.place(Self.market("M\(index)", index % 2 == 0 ? .buy : .sell, 150), at: Self.t0))
                events += broker.onQuote("NIFTY", Self.quote, at: Self.t0)
            }
            return events
        }
        #expect(run() == run())
    }

    @Test("cancel and modify act only on working orders")
    func cancelAndModify() {
        var broker = Self.broker()
        _ = broker.place(OrderRequest(clientOrderId: "S", symbol: "NIFTY", side: .sell, type: .stopMarket, quantity: 150,
                                      trigger: Paise(2_390_000)), at: Self.t0)
        #expect(broker.modify("S", remaining: 75, trigger: Paise(2_400_000), at: Self.t0) == .modified(clientOrderId: "S", at: Self.t0))
        #expect(broker.orders["S"]?.remaining == 75)
        #expect(broker.orders["S"]?.request.trigger == Paise(2_400_000))
        #expect(broker.cancel("S", at: Self.t0) == .cancelled(clientOrderId: "S", remaining: 75, at: Self.t0))
        #expect(broker.cancel("S", at: Self.t0) == nil)
        #expect(broker.modify("S", remaining: 10, at: Self.t0) == nil)
    }
}
