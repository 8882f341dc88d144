import Foundation
import Messages
import TradingCore

/// `signals`: what strategies proposed.
public enum SignalRepository {
    /// Inserts a signal; returns false when the same (strategy, symbol, bar) exists already.
    public static func insert(_ signal: TradeSignal, id: UUID, trace: String, configSha: String, on db: any SQLRunner) throws -> Bool {
        let features = String(decoding: try MessageCoding.makeEncoder().encode(signal.features), as: UTF8.self)
        let rows = try db.query("""
            INSERT INTO signals (id, trace, strategy, symbol, side, entry_price, stop_price, target_price,
                                 confidence, rationale, features, config_sha, bar_start)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb, $12, $13)
            ON CONFLICT (strategy, symbol, bar_start) DO NOTHING
            RETURNING id
            """, [id, trace, signal.strategy, signal.symbol, signal.side.rawValue, signal.entry, signal.stop, signal.target,
                  signal.confidence, signal.rationale, features, configSha, signal.barStart])
        return !rows.isEmpty
    }

    /// Recent signals as a JSON array, newest first.
    public static func recentJSON(limit: Int, on db: any SQLRunner) throws -> String {
        try JSONQuery.array("""
            SELECT id, trace, strategy, symbol, side, entry_price, stop_price, target_price, confidence,
                   rationale, features, config_sha, bar_start, created_at
            FROM signals ORDER BY created_at DESC LIMIT $1
            """, [limit], on: db)
    }
}
