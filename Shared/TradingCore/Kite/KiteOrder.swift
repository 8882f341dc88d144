import Foundation

/// One order as Kite reports it: an entry of `GET /orders`, of `GET /orders/:id` (its
/// history) and the body of an order-update postback. Prices are `Paise`.
public struct KiteOrder: Hashable, Sendable, Decodable {
    public var orderId: String
    public var exchangeOrderId: String?
    public var parentOrderId: String?
    public var statusText: String
    public var statusMessage: String?
    /// `order_timestamp` exactly as Kite sent it (the postback checksum covers this text).
    public var orderTimestampText: String?
    public var orderTimestamp: Date?
    public var exchangeUpdateTimestamp: Date?
    public var variety: String
    public var exchange: String
    public var tradingSymbol: String
    public var instrumentToken: Int64
    public var orderType: String
    public var transactionType: String
    public var validity: String?
    public var product: String
    public var quantity: Int
    public var price: Paise
    public var triggerPrice: Paise
    public var averagePrice: Paise
    public var filledQuantity: Int
    public var pendingQuantity: Int
    public var cancelledQuantity: Int
    public var tag: String?
    public var tags: [String]

    public var status: KiteOrderStatus { KiteOrderStatus(statusText) }

    /// The side, when Kite's `transaction_type` is one this code knows.
    public var side: Side? { Side(rawValue: transactionType) }

    enum CodingKeys: String, CodingKey {
        case orderId = "order_id", exchangeOrderId = "exchange_order_id", parentOrderId = "parent_order_id", status
        case statusMessage = "status_message", orderTimestamp = "order_timestamp"
        case exchangeUpdateTimestamp = "exchange_update_timestamp", variety, exchange, tradingSymbol = "tradingsymbol"
        case instrumentToken = "instrument_token", orderType = "order_type", transactionType = "transaction_type", validity
        case product, quantity, price, triggerPrice = "trigger_price", averagePrice = "average_price"
        case filledQuantity = "filled_quantity", pendingQuantity = "pending_quantity", cancelledQuantity = "cancelled_quantity"
        case tag, tags
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        orderId = try c.decode(String.self, forKey: .orderId)
        exchangeOrderId = try c.decodeIfPresent(String.self, forKey: .exchangeOrderId)
        parentOrderId = try c.decodeIfPresent(String.self, forKey: .parentOrderId)
        statusText = try c.decode(String.self, forKey: .status)
        statusMessage = try c.decodeIfPresent(String.self, forKey: .statusMessage)
        orderTimestampText = try c.decodeIfPresent(String.self, forKey: .orderTimestamp)
        orderTimestamp = orderTimestampText.flatMap(KiteTimestamp.parse)
        exchangeUpdateTimestamp = try c.decodeIfPresent(String.self, forKey: .exchangeUpdateTimestamp).flatMap(KiteTimestamp.parse)
        variety = try c.decodeIfPresent(String.self, forKey: .variety) ?? "regular"
        exchange = try c.decode(String.self, forKey: .exchange)
        tradingSymbol = try c.decode(String.self, forKey: .tradingSymbol)
        instrumentToken = try c.decodeIfPresent(Int64.self, forKey: .instrumentToken) ?? 0
        orderType = try c.decode(String.self, forKey: .orderType)
        transactionType = try c.decode(String.self, forKey: .transactionType)
        validity = try c.decodeIfPresent(String.self, forKey: .validity)
        product = try c.decode(String.self, forKey: .product)
        quantity = try c.decode(Int.self, forKey: .quantity)
        price = KitePrice.paise(try c.decodeIfPresent(Decimal.self, forKey: .price) ?? 0)
        triggerPrice = KitePrice.paise(try c.decodeIfPresent(Decimal.self, forKey: .triggerPrice) ?? 0)
        averagePrice = KitePrice.paise(try c.decodeIfPresent(Decimal.self, forKey: .averagePrice) ?? 0)
        filledQuantity = try c.decodeIfPresent(Int.self, forKey: .filledQuantity) ?? 0
        pendingQuantity = try c.decodeIfPresent(Int.self, forKey: .pendingQuantity) ?? 0
        cancelledQuantity = try c.decodeIfPresent(Int.self, forKey: .cancelledQuantity) ?? 0
        tag = try c.decodeIfPresent(String.self, forKey: .tag)
        tags = try c.decodeIfPresent([String].self, forKey: .tags) ?? []
    }

    /// The order as a broker-neutral snapshot, for the executor's order-update path.
    /// `clientOrderId` is the executor's id when the caller knows it (from the tag).
    public func update(clientOrderId: String?, receivedAt: Date) -> BrokerOrderUpdate {
        let state: BrokerOrderUpdate.State
        switch status {
        case .complete: state = .complete
        case .cancelled: state = .cancelled
        case .rejected: state = .rejected
        case .working, .unknown: state = .working
        }
        return BrokerOrderUpdate(brokerOrderId: orderId, clientOrderId: clientOrderId, tag: tag, state: state,
                                 quantity: quantity, filledQuantity: filledQuantity,
                                 averagePrice: filledQuantity > 0 && averagePrice > .zero ? averagePrice : nil,
                                 message: statusMessage, at: exchangeUpdateTimestamp ?? orderTimestamp ?? receivedAt)
    }
}
