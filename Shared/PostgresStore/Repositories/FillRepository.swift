import Foundation
import TradingCore

/// `fills`: executions of orders.
public enum FillRepository {
    /// One fill of an OCO group's order, for replaying the group after a restart.
    public struct GroupFill: Sendable, Hashable {
        public var id: UUID
        public var orderId: UUID
        public var leg: OcoLeg
        public var quantity: Int
        public var price: Paise
        public var fees: Paise
        public var filledAt: Date
    }

    public static func insert(id: UUID, orderId: UUID, trace: String, quantity: Int, price: Paise, fees: Paise,
                              filledAt: Date, on db: any SQLRunner) throws {
        try db.query("""
            INSERT INTO fills (id, order_id, trace, quantity, price, fees, filled_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
            """, [id, orderId, trace, quantity, price, fees, filledAt])
    }

    /// The fill of the order with this client order id (the entry's, when closing a trade).
    public static func firstFill(clientOrderId: String, on db: any SQLRunner) throws -> (id: UUID, fees: Paise)? {
        guard let row = try db.query("""
            SELECT f.id, f.fees FROM fills f JOIN orders o ON o.id = f.order_id
            WHERE o.client_order_id = $1 ORDER BY f.filled_at LIMIT 1
            """, [clientOrderId]).first else { return nil }
        return (try row.uuid("id"), try row.paise("fees"))
    }

    /// Every fill of a group's orders in the order they happened (entry fills first on a tie).
    public static func group(_ ocoGroup: UUID, on db: any SQLRunner) throws -> [GroupFill] {
        try db.query("""
            SELECT f.id, f.order_id, o.leg, f.quantity, f.price, f.fees, f.filled_at
            FROM fills f JOIN orders o ON o.id = f.order_id
            WHERE o.oco_group = $1
            ORDER BY f.filled_at, CASE WHEN o.leg = 'ENTRY' THEN 0 ELSE 1 END, f.id
            """, [ocoGroup]).map { row in
            guard let leg = OcoLeg(rawValue: try row.string("leg")) else { throw PostgresError.decode("fill leg") }
            return GroupFill(id: try row.uuid("id"), orderId: try row.uuid("order_id"), leg: leg, quantity: try row.int("quantity"),
                             price: try row.paise("price"), fees: try row.paise("fees"), filledAt: try row.date("filled_at"))
        }
    }
}
