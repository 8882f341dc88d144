import Foundation
import Messages
import TradingCore

/// `signals`: what strategies proposed, ranked or not.
public enum SignalRepository {
    /// Inserts a signal; returns false when the same (strategy, symbol, bar) exists already.
    public static func insert(_ signal: TradeSignal, id: UUID, trace: String, configSha: String, on db: any SQLRunner) throws -> Bool {
        try insert(signal, explanation: nil, timeframe: "1m", id: id, trace: trace, configSha: configSha, on: db)
    }

    /// Inserts a ranked signal with its score, rank, explanation, legs and regime; false on a replay.
    public static func insert(_ ranked: RankedSignal, timeframe: String, id: UUID, trace: String, configSha: String,
                              on db: any SQLRunner) throws -> Bool {
        try insert(ranked.signal, explanation: ranked.explanation, timeframe: timeframe, id: id, trace: trace,
                   configSha: configSha, on: db)
    }

    static func insert(_ signal: TradeSignal, explanation: SignalExplanation?, timeframe: String, id: UUID, trace: String,
                       configSha: String, on db: any SQLRunner) throws -> Bool {
        let encoder = MessageCoding.makeEncoder()
        let features = String(decoding: try encoder.encode(signal.features), as: UTF8.self)
        let legs = String(decoding: try encoder.encode(signal.legs.map(SignalLegPayload.init)), as: UTF8.self)
        let explained = try explanation.map { String(decoding: try encoder.encode($0), as: UTF8.self) } ?? "{}"
        let rows = try db.query("""
            INSERT INTO signals (id, trace, strategy, symbol, side, entry_price, stop_price, target_price,
                                 confidence, rationale, features, config_sha, bar_start, target2_price, instrument,
                                 legs, regime, score, rank, passed, explanation, timeframe)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb, $12, $13, $14, $15, $16::jsonb, $17, $18, $19, $20,
                    $21::jsonb, $22)
            ON CONFLICT (strategy, symbol, bar_start) DO NOTHING
            RETURNING id
            """, [id, trace, signal.strategy, signal.symbol, signal.side.rawValue, signal.entry, signal.stop, signal.target,
                  signal.confidence, signal.rationale, features, configSha, signal.barStart, signal.target2, signal.instrument,
                  legs, signal.regime, explanation?.score, explanation?.rank, explanation?.passed ?? true, explained, timeframe])
        return !rows.isEmpty
    }

    /// Recent signals as a JSON array, newest first.
    public static func recentJSON(limit: Int, on db: any SQLRunner) throws -> String {
        try JSONQuery.array("""
            SELECT id, trace, strategy, symbol, side, entry_price, stop_price, target_price, target2_price, instrument,
                   confidence, rationale, features, legs, regime, score, rank, passed, explanation, config_sha, timeframe,
                   bar_start, created_at
            FROM signals ORDER BY created_at DESC LIMIT $1
            """, [limit], on: db)
    }
}
