import Foundation
import TradingCore

/// `fills`: executions of orders.
public enum FillRepository {
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
}
