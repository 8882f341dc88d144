import Foundation
import TradingCore

/// Multi-row writes for the kill switch: each statement covers every row of its kind
/// (`unnest` of array parameters), so flattening N positions costs a handful of round
/// trips instead of about five per position. Same rules as the single-row statements:
/// an order id used before inserts nothing, a fill is booked only against a working order
/// with room for it, a position closes only if open — and a shortfall throws, so the
/// caller's transaction rolls back whole.
public enum BatchWriteRepository {
    public struct Fill: Sendable {
        public var id: UUID
        public var orderId: UUID
        public var trace: String
        public var quantity: Int
        public var price: Paise
        public var fees: Paise

        public init(id: UUID, orderId: UUID, trace: String, quantity: Int, price: Paise, fees: Paise) {
            self.id = id
            self.orderId = orderId
            self.trace = trace
            self.quantity = quantity
            self.price = price
            self.fees = fees
        }
    }

    /// Inserts new orders; throws unless every one was new. `filled`: orders that have
    /// already filled (quantity, price) when they are recorded — the kill switch's exits —
    /// go in with that fill booked (FILLED when complete).
    public static func insertOrders(_ orders: [OrderRecord], filled: [UUID: (Int, Paise)] = [:], on db: any SQLRunner) throws {
        guard !orders.isEmpty else { return }
        func column(_ value: (OrderRecord) -> (any PostgresEncodable)?) -> String { PostgresArray.literal(orders.map(value)) }
        let rows = try db.query("""
            INSERT INTO orders (id, client_order_id, decision_id, oco_group, leg, trace, mode, symbol, side, order_type,
                                quantity, price, trigger_price, status, filled_quantity, average_price)
            SELECT v.id, v.client_order_id, v.decision_id, v.oco_group, v.leg, v.trace, v.mode, v.symbol, v.side, v.order_type,
                   v.quantity, v.price, v.trigger_price,
                   CASE WHEN v.filled >= v.quantity THEN 'FILLED' ELSE v.status END, v.filled, v.average_price
            FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::text[],
                        $9::text[], $10::text[], $11::int[], $12::numeric[], $13::numeric[], $14::text[], $15::int[], $16::numeric[])
                 AS v(id, client_order_id, decision_id, oco_group, leg, trace, mode, symbol, side, order_type, quantity, price,
                      trigger_price, status, filled, average_price)
            ON CONFLICT (client_order_id) DO NOTHING
            RETURNING id
            """, [column { $0.id }, column { $0.clientOrderId }, column { $0.decisionId }, column { $0.ocoGroup },
                  column { $0.leg.rawValue }, column { $0.trace }, column { $0.mode.rawValue }, column { $0.symbol },
                  column { $0.side.rawValue }, column { $0.orderType }, column { $0.quantity }, column { $0.price },
                  column { $0.triggerPrice }, column { $0.status }, column { filled[$0.id]?.0 ?? 0 }, column { filled[$0.id]?.1 }])
        guard rows.count == orders.count else { throw PostgresError.decode("\(orders.count - rows.count) orders already existed") }
    }

    /// Inserts fill rows (their orders' quantities are booked by the caller).
    public static func insertFills(_ fills: [Fill], at filledAt: Date, on db: any SQLRunner) throws {
        guard !fills.isEmpty else { return }
        func column(_ value: (Fill) -> (any PostgresEncodable)?) -> String { PostgresArray.literal(fills.map(value)) }
        try db.query("""
            INSERT INTO fills (id, order_id, trace, quantity, price, fees, filled_at)
            SELECT v.id, v.order_id, v.trace, v.quantity, v.price, v.fees, $7::timestamptz
            FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::int[], $5::numeric[], $6::numeric[])
                 AS v(id, order_id, trace, quantity, price, fees)
            """, [column { $0.id }, column { $0.orderId }, column { $0.trace }, column { $0.quantity }, column { $0.price },
                  column { $0.fees }, filledAt])
    }

    /// Books one incremental fill per working order (at most one per order in a batch) and
    /// inserts the fill rows; throws unless every order was working with room for its fill.
    public static func recordFills(_ fills: [Fill], at filledAt: Date, on db: any SQLRunner) throws {
        guard !fills.isEmpty else { return }
        guard Set(fills.map(\.orderId)).count == fills.count else { throw PostgresError.decode("two fills for one order in a batch") }
        func column(_ value: (Fill) -> (any PostgresEncodable)?) -> String { PostgresArray.literal(fills.map(value)) }
        let updated = try db.query("""
            UPDATE orders o SET
                average_price = round((coalesce(o.average_price, 0) * o.filled_quantity + v.price * v.quantity)
                                      / (o.filled_quantity + v.quantity), 2),
                filled_quantity = o.filled_quantity + v.quantity,
                status = CASE WHEN o.filled_quantity + v.quantity >= o.quantity THEN 'FILLED' ELSE 'OPEN' END,
                updated_at = now()
            FROM unnest($1::uuid[], $2::int[], $3::numeric[]) AS v(id, quantity, price)
            WHERE o.id = v.id AND o.status = 'OPEN' AND o.filled_quantity + v.quantity <= o.quantity
            RETURNING o.id
            """, [column { $0.orderId }, column { $0.quantity }, column { $0.price }])
        guard updated.count == fills.count else { throw PostgresError.decode("\(fills.count - updated.count) fills for orders not working") }
        try insertFills(fills, at: filledAt, on: db)
    }

    /// Closes open positions with their exit reasons; throws unless every one was open.
    public static func closePositions(_ closes: [(id: UUID, reason: ExitReason)], at: Date, on db: any SQLRunner) throws {
        guard !closes.isEmpty else { return }
        let rows = try db.query("""
            UPDATE positions p SET status = 'CLOSED', exit_reason = v.reason, closed_at = $3::timestamptz, open_quantity = 0
            FROM unnest($1::uuid[], $2::text[]) AS v(id, reason)
            WHERE p.id = v.id AND p.status = 'OPEN'
            RETURNING p.id
            """, [PostgresArray.literal(closes.map(\.id)), PostgresArray.literal(closes.map { $0.reason.rawValue }), at])
        guard rows.count == closes.count else { throw PostgresError.decode("\(closes.count - rows.count) positions were not open") }
    }

    /// Inserts trades (each linked to its decision's signal); returns trade id → signal id.
    public static func insertTrades(_ trades: [TradeRepository.NewTrade], on db: any SQLRunner) throws -> [UUID: UUID] {
        guard !trades.isEmpty else { return [:] }
        func column(_ value: (TradeRepository.NewTrade) -> (any PostgresEncodable)?) -> String { PostgresArray.literal(trades.map(value)) }
        let rows = try db.query("""
            INSERT INTO trades (id, position_id, signal_id, decision_id, entry_fill_id, exit_fill_id, trace, mode, symbol,
                                side, quantity, entry_price, exit_price, gross_pnl, fees, net_pnl, exit_reason,
                                opened_at, closed_at, r_multiple, mae, mfe, holding_seconds)
            SELECT v.id, v.position_id, d.signal_id, d.id, v.entry_fill_id, v.exit_fill_id, v.trace, v.mode, v.symbol,
                   v.side, v.quantity, v.entry_price, v.exit_price, v.gross_pnl, v.fees, v.net_pnl, v.exit_reason,
                   v.opened_at, v.closed_at, v.r_multiple, v.mae, v.mfe, v.holding_seconds
            FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::uuid[], $6::text[], $7::text[], $8::text[],
                        $9::text[], $10::int[], $11::numeric[], $12::numeric[], $13::numeric[], $14::numeric[], $15::numeric[],
                        $16::text[], $17::timestamptz[], $18::timestamptz[], $19::float8[], $20::numeric[], $21::numeric[],
                        $22::int[])
                 AS v(id, position_id, decision_id, entry_fill_id, exit_fill_id, trace, mode, symbol, side, quantity,
                      entry_price, exit_price, gross_pnl, fees, net_pnl, exit_reason, opened_at, closed_at, r_multiple,
                      mae, mfe, holding_seconds)
            JOIN decisions d ON d.id = v.decision_id
            RETURNING id, signal_id
            """, [column { $0.id }, column { $0.position.id }, column { $0.position.decisionId }, column { $0.entryFillId },
                  column { $0.exitFillId }, column { $0.position.trace }, column { $0.position.mode.rawValue },
                  column { $0.position.symbol }, column { $0.position.side.rawValue }, column { $0.position.quantity },
                  column { $0.position.entryPrice }, column { $0.exitPrice }, column { $0.result.grossPnl },
                  column { $0.result.fees }, column { $0.result.netPnl }, column { $0.exitReason.rawValue },
                  column { $0.position.openedAt }, column { $0.closedAt }, column { $0.rMultiple }, column { $0.mae },
                  column { $0.mfe }, column { $0.holdingSeconds }])
        guard rows.count == trades.count else { throw PostgresError.decode("\(trades.count - rows.count) trades without their decision") }
        var signals: [UUID: UUID] = [:]
        for row in rows { signals[try row.uuid("id")] = try row.uuid("signal_id") }
        return signals
    }
}
