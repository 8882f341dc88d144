import Foundation

/// A broker's report of where one order stands (a Kite postback, an entry of a poll of the
/// order book): cumulative, so the same report twice or an older one changes nothing.
public struct BrokerOrderUpdate: Hashable, Sendable {
    public enum State: String, Hashable, Sendable {
        case working = "WORKING"
        case complete = "COMPLETE"
        case cancelled = "CANCELLED"
        case rejected = "REJECTED"
    }

    public var brokerOrderId: String
    /// The executor's id, when the broker's order could be matched to one.
    public var clientOrderId: String?
    public var tag: String?
    public var state: State
    public var quantity: Int
    /// Filled so far, cumulative.
    public var filledQuantity: Int
    /// Average price of what has filled so far.
    public var averagePrice: Paise?
    public var message: String?
    public var at: Date

    public init(brokerOrderId: String, clientOrderId: String?, tag: String?, state: State, quantity: Int, filledQuantity: Int,
                averagePrice: Paise?, message: String?, at: Date) {
        self.brokerOrderId = brokerOrderId
        self.clientOrderId = clientOrderId
        self.tag = tag
        self.state = state
        self.quantity = quantity
        self.filledQuantity = filledQuantity
        self.averagePrice = averagePrice
        self.message = message
        self.at = at
    }
}
