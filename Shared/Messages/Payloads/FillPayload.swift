import Foundation

/// `fill.created` on `fills`.
public struct FillPayload: Codable, Sendable, Hashable {
    public var fillId: UUID
    public var orderId: UUID
    public var clientOrderId: String
    public var leg: String
    public var symbol: String
    public var side: String
    public var quantity: Int
    public var pricePaise: Int64
    public var feesPaise: Int64
    public var filledAt: Date

    public init(fillId: UUID, orderId: UUID, clientOrderId: String, leg: String, symbol: String, side: String,
                quantity: Int, pricePaise: Int64, feesPaise: Int64, filledAt: Date) {
        self.fillId = fillId
        self.orderId = orderId
        self.clientOrderId = clientOrderId
        self.leg = leg
        self.symbol = symbol
        self.side = side
        self.quantity = quantity
        self.pricePaise = pricePaise
        self.feesPaise = feesPaise
        self.filledAt = filledAt
    }
}
