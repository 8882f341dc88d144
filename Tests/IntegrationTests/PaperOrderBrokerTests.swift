import Foundation
import ServiceKit
import Testing
import TradingCore

/// The paper exchange behind the broker interface, and its order poll fed through the same
/// tracker the executor uses: fills it already reported directly are never booked twice.
@Suite("Paper order broker")
struct PaperOrderBrokerTests {
    let at = Date(timeIntervalSince1970: 1_763_613_000)

    @Test("place, quote fills (30 % then the rest), poll reports the working order; the tracker books nothing twice")
    func pollAfterDirectFills() async throws {
        let broker = PaperOrderBroker(config: PaperBrokerConfig(seed: 7, impactBpsPerThousandUnits: 0, partialFillProbability: 1,
                                                                partialFillFraction: 0.3))
        var tracker = OrderUpdateTracker()
        let request = OrderRequest(clientOrderId: "P-1-E", symbol: "NIFTY", side: .buy, type: .market, quantity: 750, opensPosition: true,
                                   lotSize: 75)
        #expect(try await broker.place(request, at: at) == .accepted(clientOrderId: "P-1-E", at: at))
        tracker.track("P-1-E", quantity: 750)
        #expect(await broker.workingMarketSymbols() == ["NIFTY"])

        let first = await broker.onQuote("NIFTY", Quote(last: Paise(10_000), bid: Paise(9_995), ask: Paise(10_005)), at: at)
        guard case .filled(_, let quantity, let price, let remaining, _) = try #require(first.first) else {
            Issue.record("expected a fill")
            return
        }
        #expect(quantity == 225)        // 30 % of 10 lots, whole lots
        #expect(remaining == 525)
        tracker.noteFill("P-1-E", quantity: quantity, price: price)

        let polled = try await broker.orderUpdates(at: at)
        #expect(polled.count == 1)
        #expect(polled[0].clientOrderId == "P-1-E")
        #expect(polled[0].state == .working)
        #expect(polled[0].filledQuantity == 225)
        #expect(tracker.apply(polled[0], clientOrderId: "P-1-E").isEmpty)

        let rest = await broker.onQuote("NIFTY", Quote(last: Paise(10_010)), at: at)
        #expect(rest.count == 1)
        #expect(try await broker.orderUpdates(at: at).isEmpty)
        #expect(await broker.workingMarketSymbols().isEmpty)
        #expect(try await broker.cancel("P-1-E", at: at) == nil)
    }

    @Test("the flatten fast path's copy: changes on a copy stay out until it is put back")
    func copyAndPutBack() async throws {
        let broker = PaperOrderBroker(config: PaperBrokerConfig())
        let stop = OrderRequest(clientOrderId: "P-1-S", symbol: "NIFTY", side: .sell, type: .stopMarket, quantity: 75, trigger: Paise(9_800))
        _ = try await broker.place(stop, at: at)
        var copy = broker.state
        _ = copy.cancel("P-1-S", at: at)
        #expect(broker.isWorking("P-1-S"))
        broker.state = copy
        #expect(!broker.isWorking("P-1-S"))
    }
}
