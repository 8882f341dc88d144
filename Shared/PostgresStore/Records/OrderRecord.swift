import Foundation
import TradingCore

/// A row of `orders`.
public struct OrderRecord: Sendable, Hashable {
    public var id: UUID
    public var clientOrderId: String
    public var decisionId: UUID
    public var ocoGroup: UUID
    public var leg: OcoLeg
    public var trace: String
    public var mode: TradingMode
    public var symbol: String
    public var side: Side
    /// MARKET, LIMIT or SL-M.
    public var orderType: String
    public var quantity: Int
    public var price: Paise?
    public var triggerPrice: Paise?
    /// OPEN, FILLED, CANCELLED or REJECTED.
    public var status: String

    public init(id: UUID = UUID(), clientOrderId: String, decisionId: UUID, ocoGroup: UUID, leg: OcoLeg, trace: String,
                mode: TradingMode, symbol: String, side: Side, orderType: String, quantity: Int, price: Paise?,
                triggerPrice: Paise?, status: String) {
        self.id = id
        self.clientOrderId = clientOrderId
        self.decisionId = decisionId
        self.ocoGroup = ocoGroup
        self.leg = leg
        self.trace = trace
        self.mode = mode
        self.symbol = symbol
        self.side = side
        self.orderType = orderType
        self.quantity = quantity
        self.price = price
        self.triggerPrice = triggerPrice
        self.status = status
    }

    init(row: PostgresRow) throws {
        guard let leg = OcoLeg(rawValue: try row.string("leg")),
              let mode = TradingMode(rawValue: try row.string("mode")),
              let side = Side(rawValue: try row.string("side")) else { throw PostgresError.decode("order enum value") }
        self.init(id: try row.uuid("id"), clientOrderId: try row.string("client_order_id"),
                  decisionId: try row.uuid("decision_id"), ocoGroup: try row.uuid("oco_group"), leg: leg,
                  trace: try row.string("trace"), mode: mode, symbol: try row.string("symbol"), side: side,
                  orderType: try row.string("order_type"), quantity: try row.int("quantity"),
                  price: try row.optionalPaise("price"), triggerPrice: try row.optionalPaise("trigger_price"),
                  status: try row.string("status"))
    }
}
