import Foundation
import TradingCore

/// `positions`: one per approved decision whose entry filled.
public enum PositionRepository {
    public static func insert(_ position: PositionRecord, on db: any SQLRunner) throws {
        try db.query("""
            INSERT INTO positions (id, decision_id, oco_group, trace, mode, symbol, side, quantity, entry_price,
                                   stop_price, target_price, status, opened_at, ordered_quantity, open_quantity, lot_size,
                                   initial_stop_price, stop_reason, target2_price, entry_atr)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'OPEN', $12, $13, $14, $15, $16, $17, $18, $19)
            """, [position.id, position.decisionId, position.ocoGroup, position.trace, position.mode.rawValue,
                  position.symbol, position.side.rawValue, position.quantity, position.entryPrice,
                  position.stopPrice, position.targetPrice, position.openedAt, position.orderedQuantity,
                  position.openQuantity, position.lotSize, position.initialStopPrice, position.stopReason.rawValue,
                  position.target2Price, position.entryAtr])
    }

    /// A later entry fill or a partial close: the filled and open quantities and the average entry.
    public static func updateQuantities(id: UUID, quantity: Int, openQuantity: Int, entryPrice: Paise, on db: any SQLRunner) throws {
        try db.query("""
            UPDATE positions SET quantity = $2, open_quantity = $3, entry_price = $4 WHERE id = $1 AND status = 'OPEN'
            """, [id, quantity, openQuantity, entryPrice])
    }

    /// The stop moved (breakeven after TP1, or the ATR trail).
    public static func updateStop(id: UUID, stopPrice: Paise, reason: ExitReason, on db: any SQLRunner) throws {
        try db.query("UPDATE positions SET stop_price = $2, stop_reason = $3 WHERE id = $1 AND status = 'OPEN'",
                     [id, stopPrice, reason.rawValue])
    }

    /// Closes an open position; returns false if it was not open (already closed).
    public static func close(id: UUID, reason: ExitReason, at: Date, on db: any SQLRunner) throws -> Bool {
        !(try db.query("""
            UPDATE positions SET status = 'CLOSED', exit_reason = $2, closed_at = $3, open_quantity = 0
            WHERE id = $1 AND status = 'OPEN' RETURNING id
            """, [id, reason.rawValue, at])).isEmpty
    }

    public static func open(on db: any SQLRunner) throws -> [PositionRecord] {
        try db.query("SELECT * FROM positions WHERE status = 'OPEN' ORDER BY opened_at").map(PositionRecord.init(row:))
    }

    public static func find(ocoGroup: UUID, on db: any SQLRunner) throws -> PositionRecord? {
        try db.query("SELECT * FROM positions WHERE oco_group = $1", [ocoGroup]).first.map(PositionRecord.init(row:))
    }

    public static func openCount(on db: any SQLRunner) throws -> Int {
        try db.query("SELECT count(*) AS n FROM positions WHERE status = 'OPEN'").first?.int("n") ?? 0
    }

    public static func recentJSON(status: String?, limit: Int, on db: any SQLRunner) throws -> String {
        try JSONQuery.array("""
            SELECT id, decision_id, oco_group, trace, mode, symbol, side, quantity, open_quantity, entry_price, stop_price,
                   stop_reason, target_price, target2_price, status, exit_reason, opened_at, closed_at
            FROM positions WHERE ($1::text IS NULL OR status = $1) ORDER BY opened_at DESC LIMIT $2
            """, [status, limit], on: db)
    }
}

extension PositionRepository {
    /// A position's status (`OPEN` / `CLOSED`), nil when there is no such position.
    public static func status(id: UUID, on db: any SQLRunner) throws -> String? {
        try db.query("SELECT status FROM positions WHERE id = $1", [id]).first?.string("status")
    }
}
