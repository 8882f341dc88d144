import Foundation
import TradingCore

/// `trades`: closed round trips, linked back to signal, decision and both fills.
public enum TradeRepository {
    public struct NewTrade: Sendable {
        public var id: UUID
        public var position: PositionRecord
        public var entryFillId: UUID
        public var exitFillId: UUID
        public var exitPrice: Paise
        public var result: TradeResult
        public var exitReason: ExitReason
        public var closedAt: Date
        public var rMultiple: Double?
        public var mae: Paise?
        public var mfe: Paise?
        public var holdingSeconds: Int?

        public init(id: UUID = UUID(), position: PositionRecord, entryFillId: UUID, exitFillId: UUID, exitPrice: Paise,
                    result: TradeResult, exitReason: ExitReason, closedAt: Date, metrics: TradeMetrics? = nil) {
            self.rMultiple = metrics?.rMultiple
            self.mae = metrics?.maePaise
            self.mfe = metrics?.mfePaise
            self.holdingSeconds = metrics?.holdingSeconds
            self.id = id
            self.position = position
            self.entryFillId = entryFillId
            self.exitFillId = exitFillId
            self.exitPrice = exitPrice
            self.result = result
            self.exitReason = exitReason
            self.closedAt = closedAt
        }
    }

    /// Inserts the trade; the signal id is taken from the position's decision. Returns it.
    @discardableResult
    public static func insert(_ trade: NewTrade, on db: any SQLRunner) throws -> UUID {
        let position = trade.position
        let rows = try db.query("""
            INSERT INTO trades (id, position_id, signal_id, decision_id, entry_fill_id, exit_fill_id, trace, mode, symbol,
                                side, quantity, entry_price, exit_price, gross_pnl, fees, net_pnl, exit_reason,
                                opened_at, closed_at, r_multiple, mae, mfe, holding_seconds)
            SELECT $1, $2, d.signal_id, d.id, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17,
                   $19, $20, $21, $22
            FROM decisions d WHERE d.id = $18
            RETURNING signal_id
            """, [trade.id, position.id, trade.entryFillId, trade.exitFillId, position.trace, position.mode.rawValue,
                  position.symbol, position.side.rawValue, position.quantity, position.entryPrice, trade.exitPrice,
                  trade.result.grossPnl, trade.result.fees, trade.result.netPnl, trade.exitReason.rawValue,
                  position.openedAt, trade.closedAt, position.decisionId, trade.rMultiple, trade.mae, trade.mfe,
                  trade.holdingSeconds])
        guard let row = rows.first else { throw PostgresError.decode("decision \(position.decisionId) not found for trade") }
        return try row.uuid("signal_id")
    }

    public static func recentJSON(limit: Int, on db: any SQLRunner) throws -> String {
        try JSONQuery.array("""
            SELECT id, position_id, signal_id, decision_id, entry_fill_id, exit_fill_id, trace, mode, symbol, side,
                   quantity, entry_price, exit_price, gross_pnl, fees, net_pnl, exit_reason, r_multiple, mae, mfe,
                   holding_seconds, opened_at, closed_at
            FROM trades ORDER BY closed_at DESC LIMIT $1
            """, [limit], on: db)
    }
}

extension TradeRepository {
    /// One trade with its whole chain as a JSON object: the trade, the signal that started
    /// it, the risk decision, every order of the decision (entry and OCO children) and every
    /// fill of those orders. Nil when there is no such trade.
    public static func chainJSON(id: UUID, on db: any SQLRunner) throws -> String? {
        let rows = try db.query("""
            SELECT json_build_object(
                'trade', (SELECT row_to_json(t) FROM trades t WHERE t.id = $1),
                'signal', (SELECT row_to_json(s) FROM signals s WHERE s.id = tr.signal_id),
                'decision', (SELECT row_to_json(d) FROM decisions d WHERE d.id = tr.decision_id),
                'orders', (SELECT coalesce(json_agg(o ORDER BY o.created_at, o.id), '[]'::json) FROM orders o
                           WHERE o.decision_id = tr.decision_id),
                'fills', (SELECT coalesce(json_agg(f ORDER BY f.filled_at, f.id), '[]'::json) FROM fills f
                          JOIN orders o ON o.id = f.order_id WHERE o.decision_id = tr.decision_id)
            )::text AS body
            FROM trades tr WHERE tr.id = $1
            """, [id])
        return try rows.first?.string("body")
    }
}
