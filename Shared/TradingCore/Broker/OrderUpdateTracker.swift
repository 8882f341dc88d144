import Foundation

/// Turns cumulative order reports (postbacks, polls) into the incremental `BrokerEvent`s
/// the executor books: a report that adds filled quantity becomes one fill of the added
/// quantity at the price that moves the average from the old to the new one (exact, in
/// paise); a final state is reported once. Replayed, reordered or stale reports produce
/// nothing, so a postback and a poll can both deliver the same change.
public struct OrderUpdateTracker: Hashable, Sendable {
    public struct Known: Hashable, Sendable {
        public var quantity: Int
        public var filledQuantity: Int
        /// Filled quantity × average price, in paise (exact).
        public var filledValue: Int64
        public var final: Bool

        public init(quantity: Int, filledQuantity: Int = 0, filledValue: Int64 = 0, final: Bool = false) {
            self.quantity = quantity
            self.filledQuantity = filledQuantity
            self.filledValue = filledValue
            self.final = final
        }
    }

    public private(set) var known: [String: Known] = [:]

    public init() {}

    /// Starts following an order (placed now, or restored with what Postgres says has filled).
    public mutating func track(_ clientOrderId: String, quantity: Int, filledQuantity: Int = 0, averagePrice: Paise? = nil) {
        guard known[clientOrderId] == nil else { return }
        known[clientOrderId] = Known(quantity: quantity, filledQuantity: filledQuantity,
                                     filledValue: Int64(filledQuantity) * (averagePrice?.value ?? 0))
    }

    /// The order's quantity changed (a modify the broker accepted).
    public mutating func resize(_ clientOrderId: String, quantity: Int) {
        known[clientOrderId]?.quantity = quantity
    }

    /// A fill booked from another source (the paper exchange's own events): later reports
    /// that include it add nothing.
    public mutating func noteFill(_ clientOrderId: String, quantity: Int, price: Paise) {
        guard var state = known[clientOrderId] else { return }
        state.filledQuantity += quantity
        state.filledValue += Int64(quantity) * price.value
        known[clientOrderId] = state
    }

    public mutating func forget(_ clientOrderId: String) { known[clientOrderId] = nil }

    public func isTracking(_ clientOrderId: String) -> Bool { known[clientOrderId] != nil }

    /// The events `update` adds to what was known about `clientOrderId`.
    public mutating func apply(_ update: BrokerOrderUpdate, clientOrderId: String) -> [BrokerEvent] {
        guard var state = known[clientOrderId], !state.final else { return [] }
        var events: [BrokerEvent] = []
        let quantity = max(update.quantity, state.quantity)
        if update.filledQuantity > state.filledQuantity, let average = update.averagePrice, average > .zero {
            let added = update.filledQuantity - state.filledQuantity
            let newValue = Int64(update.filledQuantity) * average.value
            // The price of the added part; rounded to the paisa (half up), never ≤ 0.
            let addedValue = newValue - state.filledValue
            let price = max(1, (addedValue * 2 + Int64(added)) / (2 * Int64(added)))
            state.filledQuantity = update.filledQuantity
            state.filledValue = newValue
            let remaining = update.state == .working ? max(0, quantity - update.filledQuantity) : 0
            events.append(.filled(clientOrderId: clientOrderId, quantity: added, price: Paise(price), remaining: remaining, at: update.at))
        }
        switch update.state {
        case .working:
            break
        case .complete:
            state.final = true
        case .cancelled:
            state.final = true
            let left = max(0, quantity - state.filledQuantity)
            if left > 0 { events.append(.cancelled(clientOrderId: clientOrderId, remaining: left, at: update.at)) }
        case .rejected:
            state.final = true
            events.append(.rejected(clientOrderId: clientOrderId, reason: .invalidOrder, at: update.at))
        }
        known[clientOrderId] = state
        return events
    }
}
