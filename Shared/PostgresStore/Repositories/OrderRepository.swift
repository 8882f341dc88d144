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

    /// Books an incremental fill of a working order: the filled quantity and average price
    /// grow, and the order is FILLED once nothing is left. False when it was not working.
    public static func recordFill(id: UUID, quantity: Int, price: Paise, on db: any SQLRunner) throws -> Bool {
        !(try db.query("""
            UPDATE orders SET
                average_price = round((coalesce(average_price, 0) * filled_quantity + $3::numeric * $2) / (filled_quantity + $2), 2),
                filled_quantity = filled_quantity + $2,
                status = CASE WHEN filled_quantity + $2 >= quantity THEN 'FILLED' ELSE 'OPEN' END,
                updated_at = now()
            WHERE id = $1 AND status = 'OPEN' AND filled_quantity + $2 <= quantity RETURNING id
            """, [id, quantity, price])).isEmpty
    }

    /// A working order now has `remaining` units left to fill (and, for a stop, a new trigger).
    public static func resize(id: UUID, remaining: Int, trigger: Paise?, on db: any SQLRunner) throws -> Bool {
        !(try db.query("""
            UPDATE orders SET quantity = filled_quantity + $2, trigger_price = coalesce($3, trigger_price), updated_at = now()
            WHERE id = $1 AND status = 'OPEN' RETURNING id
            """, [id, remaining, trigger])).isEmpty
    }

    /// The broker refused the order.
    public static func reject(id: UUID, reason: String, on db: any SQLRunner) throws {
        try db.query("""
            UPDATE orders SET status = 'REJECTED', status_detail = $2, updated_at = now() WHERE id = $1 AND status = 'OPEN'
            """, [id, reason])
    }

    /// Cancels working orders; returns the ids actually cancelled.
    public static func cancel(ids: [UUID], reason: String, on db: any SQLRunner) throws -> [UUID] {
        guard !ids.isEmpty else { return [] }
        // One statement for the lot (the kill switch cancels hundreds at once).
        let array = "{" + ids.map(\.postgresText).joined(separator: ",") + "}"
        let rows = try db.query("""
            UPDATE orders SET status = 'CANCELLED', status_detail = $2, updated_at = now()
            WHERE id = ANY($1::uuid[]) AND status = 'OPEN' RETURNING id
            """, [array, reason])
        let cancelled = Set(try rows.map { try $0.uuid("id") })
        return ids.filter(cancelled.contains)
    }

    public static func working(on db: any SQLRunner) throws -> [OrderRecord] {
        try db.query("SELECT * FROM orders WHERE status = 'OPEN' ORDER BY created_at").map(OrderRecord.init(row:))
    }

    /// Every order of one OCO group, oldest first.
    public static func group(_ ocoGroup: UUID, on db: any SQLRunner) throws -> [OrderRecord] {
        try db.query("SELECT * FROM orders WHERE oco_group = $1 ORDER BY created_at, client_order_id", [ocoGroup])
            .map(OrderRecord.init(row:))
    }

    public static func find(clientOrderId: String, on db: any SQLRunner) throws -> OrderRecord? {
        try db.query("SELECT * FROM orders WHERE client_order_id = $1", [clientOrderId]).first.map(OrderRecord.init(row:))
    }

    public static func count(decisionId: UUID, on db: any SQLRunner) throws -> Int {
        try db.query("SELECT count(*) AS n FROM orders WHERE decision_id = $1", [decisionId]).first?.int("n") ?? 0
    }

    public static func recentJSON(status: String?, limit: Int, on db: any SQLRunner) throws -> String {
        try JSONQuery.array("""
            SELECT id, client_order_id, decision_id, oco_group, leg, trace, mode, symbol, side, order_type, quantity,
                   price, trigger_price, status, filled_quantity, average_price, status_detail, created_at, updated_at
            FROM orders WHERE ($1::text IS NULL OR status = $1) ORDER BY created_at DESC LIMIT $2
            """, [status, limit], on: db)
    }
}
