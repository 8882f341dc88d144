import Foundation
import Testing
import TradingCore

@Suite("Order update tracker")
struct OrderUpdateTrackerTests {
    let at = Date(timeIntervalSince1970: 1_700_000_000)

    func update(_ state: BrokerOrderUpdate.State, filled: Int, average: Int64?, quantity: Int = 150) -> BrokerOrderUpdate {
        BrokerOrderUpdate(brokerOrderId: "k1", clientOrderId: "P-1-E", tag: nil, state: state, quantity: quantity,
                          filledQuantity: filled, averagePrice: average.map(Paise.init), message: nil, at: at)
    }

    @Test("cumulative reports become incremental fills at the exact added price")
    func incremental() {
        var tracker = OrderUpdateTracker()
        tracker.track("P-1-E", quantity: 150)
        #expect(tracker.apply(update(.working, filled: 0, average: nil), clientOrderId: "P-1-E").isEmpty)
        // 75 @ 100.00, then 150 averaging 101.00 → the second 75 at 102.00.
        #expect(tracker.apply(update(.working, filled: 75, average: 10000), clientOrderId: "P-1-E")
            == [.filled(clientOrderId: "P-1-E", quantity: 75, price: Paise(10000), remaining: 75, at: at)])
        #expect(tracker.apply(update(.complete, filled: 150, average: 10100), clientOrderId: "P-1-E")
            == [.filled(clientOrderId: "P-1-E", quantity: 75, price: Paise(10200), remaining: 0, at: at)])
    }

    @Test("a replayed or stale report (postback, then the poll) adds nothing")
    func idempotent() {
        var tracker = OrderUpdateTracker()
        tracker.track("P-1-E", quantity: 150)
        _ = tracker.apply(update(.working, filled: 75, average: 10000), clientOrderId: "P-1-E")
        #expect(tracker.apply(update(.working, filled: 75, average: 10000), clientOrderId: "P-1-E").isEmpty)
        #expect(tracker.apply(update(.working, filled: 0, average: nil), clientOrderId: "P-1-E").isEmpty)
        _ = tracker.apply(update(.complete, filled: 150, average: 10000), clientOrderId: "P-1-E")
        #expect(tracker.apply(update(.complete, filled: 150, average: 10000), clientOrderId: "P-1-E").isEmpty)
    }

    @Test("fills booked from the paper exchange directly are known, so the poll does not book them again")
    func noteFill() {
        var tracker = OrderUpdateTracker()
        tracker.track("P-1-E", quantity: 150)
        tracker.noteFill("P-1-E", quantity: 150, price: Paise(10000))
        #expect(tracker.apply(update(.complete, filled: 150, average: 10000), clientOrderId: "P-1-E").isEmpty)
    }

    @Test("cancelled with a part filled: the fill, then the cancel of the rest; rejected once")
    func finalStates() {
        var tracker = OrderUpdateTracker()
        tracker.track("P-1-E", quantity: 150)
        #expect(tracker.apply(update(.cancelled, filled: 75, average: 10000), clientOrderId: "P-1-E") == [
            .filled(clientOrderId: "P-1-E", quantity: 75, price: Paise(10000), remaining: 0, at: at),
            .cancelled(clientOrderId: "P-1-E", remaining: 75, at: at),
        ])
        tracker.track("P-1-S", quantity: 150)
        let rejected = BrokerOrderUpdate(brokerOrderId: "k2", clientOrderId: "P-1-S", tag: nil, state: .rejected, quantity: 150,
                                         filledQuantity: 0, averagePrice: nil, message: "RMS", at: at)
        #expect(tracker.apply(rejected, clientOrderId: "P-1-S") == [.rejected(clientOrderId: "P-1-S", reason: .invalidOrder, at: at)])
        #expect(tracker.apply(rejected, clientOrderId: "P-1-S").isEmpty)
    }

    @Test("an order it does not follow produces nothing")
    func unknown() {
        var tracker = OrderUpdateTracker()
        #expect(tracker.apply(update(.complete, filled: 150, average: 10000), clientOrderId: "P-1-E").isEmpty)
    }
}
