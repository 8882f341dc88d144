import Foundation

/// `order.placed` / `order.filled` / `order.cancelled` / `order.rejected` on `orders`.
public struct OrderPayload: Codable, Sendable, Hashable {
    public var orderId: UUID
    public var clientOrderId: String
    public var decisionId: UUID
    public var ocoGroup: UUID
    /// ENTRY, STOP, TARGET or EXIT.
    public var leg: String
    public var symbol: String
    public var side: String
    /// MARKET, LIMIT or SL-M.
    public var orderType: String
    public var quantity: Int
    public var pricePaise: Int64?
    public var triggerPaise: Int64?
    /// OPEN, FILLED, CANCELLED, REJECTED.
    public var status: String

    public init(orderId: UUID, clientOrderId: String, decisionId: UUID, ocoGroup: UUID, leg: String, symbol: String,
                side: String, orderType: String, quantity: Int, pricePaise: Int64?, triggerPaise: Int64?, status: String) {
        self.orderId = orderId
        self.clientOrderId = clientOrderId
        self.decisionId = decisionId
        self.ocoGroup = ocoGroup
        self.leg = leg
        self.symbol = symbol
        self.side = side
        self.orderType = orderType
        self.quantity = quantity
        self.pricePaise = pricePaise
        self.triggerPaise = triggerPaise
        self.status = status
    }
}
