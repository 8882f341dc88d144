import Foundation
import TradingCore

/// `orders`, keyed by `client_order_id`.
public enum OrderRepository {
    /// Inserts an order; returns false when the client order id exists (a replay).
    public static func insert(_ order: OrderRecord, on db: any SQLRunner) throws -> Bool {
        let rows = try db.query("""
            INSERT INTO orders (id, client_order_id, decision_id, oco_group, leg, trace, mode, symbol, side, order_type,
                                quantity, price, trigger_price, status)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
            ON CONFLICT (client_order_id) DO NOTHING
            RETURNING id
            """, [order.id, order.clientOrderId, order.decisionId, order.ocoGroup, order.leg.rawValue, order.trace,
                  order.mode.rawValue, order.symbol, order.side.rawValue, order.orderType, order.quantity,
                  order.price, order.triggerPrice, order.status])
        return !rows.isEmpty
    }

    /// Marks a working order filled at `averagePrice`; false when it was not working
    /// (a fill must never be booked against a cancelled or filled order).
    public static func markFilled(id: UUID, quantity: Int, averagePrice: Paise, on db: any SQLRunner) throws -> Bool {
        !(try db.query("""
            UPDATE orders SET status = 'FILLED', filled_quantity = $2, average_price = $3, updated_at = now()
            WHERE id = $1 AND status = 'OPEN' RETURNING id
            """, [id, quantity, averagePrice])).isEmpty
    }

    /// Cancels working orders; returns the ids actually cancelled.
    public static func cancel(ids: [UUID], reason: String, on db: any SQLRunner) throws -> [UUID] {
        var cancelled: [UUID] = []
        for id in ids {
            let rows = try db.query("""
                UPDATE orders SET status = 'CANCELLED', status_detail = $2, updated_at = now()
                WHERE id = $1 AND status = 'OPEN' RETURNING id
                """, [id, reason])
            if !rows.isEmpty { cancelled.append(id) }
        }
        return cancelled
    }

    public static func working(on db: any SQLRunner) throws -> [OrderRecord] {
        try db.query("SELECT * FROM orders WHERE status = 'OPEN' ORDER BY created_at").map(OrderRecord.init(row:))
    }

    public static func find(clientOrderId: String, on db: any SQLRunner) throws -> OrderRecord? {
        try db.query("SELECT * FROM orders WHERE client_order_id = $1", [clientOrderId]).first.map(OrderRecord.init(row:))
    }

    public static func recentJSON(status: String?, limit: Int, on db: any SQLRunner) throws -> String {
        try JSONQuery.array("""
            SELECT id, client_order_id, decision_id, oco_group, leg, trace, mode, symbol, side, order_type, quantity,
                   price, trigger_price, status, filled_quantity, average_price, status_detail, created_at, updated_at
            FROM orders WHERE ($1::text IS NULL OR status = $1) ORDER BY created_at DESC LIMIT $2
            """, [status, limit], on: db)
    }
}
