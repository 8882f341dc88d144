import TradingCore

/// `instruments`: what can be traded, with lot and tick sizes.
public enum InstrumentRepository {
    public static func upsert(token: Int64, exchange: String, symbol: String, name: String, segment: String,
                              instrumentType: String, tickSize: Paise, lotSize: Int, inUniverse: Bool, on db: any SQLRunner) throws {
        try db.query("""
            INSERT INTO instruments (instrument_token, exchange, tradingsymbol, name, segment, instrument_type, tick_size,
                                     lot_size, in_universe, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, now())
            ON CONFLICT (instrument_token) DO UPDATE SET tick_size = EXCLUDED.tick_size, lot_size = EXCLUDED.lot_size,
                in_universe = EXCLUDED.in_universe, updated_at = now()
            """, [token, exchange, symbol, name, segment, instrumentType, tickSize, lotSize, inUniverse])
    }

    /// Rows per INSERT of `upsertKite`: 11 parameters each, well under Postgres' 65 535.
    static let kiteBatchSize = 500

    /// Loads a parsed Kite instrument dump: inserts or updates every row by `instrument_token`
    /// (all columns from the dump, `freeze_quantity` left as it was) and sets `in_universe`
    /// for the tokens in `universeTokens`, false for every other row of the table (rows of
    /// earlier dumps included), so the caller registers anything else it trades afterwards.
    /// Run it inside `PostgresDatabase.transaction` so a failure loads nothing half-way.
    ///
    /// A stale row with the same exchange and tradingsymbol under another token (a reissued
    /// contract) is deleted first. Kite gives indices a lot size and tick size of 0, which the
    /// table refuses; they are stored with lot size 1 and tick size ₹0.05. Returns the number of
    /// rows written.
    @discardableResult
    public static func upsertKite(_ instruments: [KiteInstrument], universeTokens: Set<Int64>, on db: any SQLRunner) throws -> Int {
        var start = 0
        while start < instruments.count {
            let batch = instruments[start..<min(start + kiteBatchSize, instruments.count)]
            var rows: [String] = []
            var parameters: [(any PostgresEncodable)?] = []
            rows.reserveCapacity(batch.count)
            parameters.reserveCapacity(batch.count * 11)
            for instrument in batch {
                let base = parameters.count
                rows.append("(" + (1...11).map { column in
                    switch column {
                    case 1: "$\(base + 1)::bigint"
                    case 7: "$\(base + 7)::date"
                    case 8, 9: "$\(base + column)::numeric"
                    case 10: "$\(base + 10)::integer"
                    case 11: "$\(base + 11)::boolean"
                    default: "$\(base + column)"
                    }
                }.joined(separator: ", ") + ")")
                let strike: Paise? = instrument.instrumentType.isOption || instrument.strike != Paise(0) ? instrument.strike : nil
                parameters += [instrument.instrumentToken, instrument.exchange, instrument.tradingsymbol,
                               instrument.name.isEmpty ? nil : instrument.name, instrument.segment,
                               instrument.instrumentType.rawValue, instrument.expiry, strike,
                               instrument.tickSize > Paise(0) ? instrument.tickSize : Paise(5), max(1, instrument.lotSize),
                               universeTokens.contains(instrument.instrumentToken)]
            }
            let values = rows.joined(separator: ",\n")
            try db.query("""
                WITH v (instrument_token, exchange, tradingsymbol, name, segment, instrument_type, expiry, strike,
                        tick_size, lot_size, in_universe) AS (VALUES \(values))
                DELETE FROM instruments i USING v
                 WHERE i.exchange = v.exchange AND i.tradingsymbol = v.tradingsymbol AND i.instrument_token <> v.instrument_token
                """, parameters)
            try db.query("""
                INSERT INTO instruments (instrument_token, exchange, tradingsymbol, name, segment, instrument_type, expiry, strike,
                                         tick_size, lot_size, in_universe, updated_at)
                SELECT v.*, now() FROM (VALUES \(values)) AS v
                ON CONFLICT (instrument_token) DO UPDATE SET exchange = EXCLUDED.exchange, tradingsymbol = EXCLUDED.tradingsymbol,
                    name = EXCLUDED.name, segment = EXCLUDED.segment, instrument_type = EXCLUDED.instrument_type,
                    expiry = EXCLUDED.expiry, strike = EXCLUDED.strike, tick_size = EXCLUDED.tick_size,
                    lot_size = EXCLUDED.lot_size, in_universe = EXCLUDED.in_universe, updated_at = now()
                """, parameters)
            start += kiteBatchSize
        }
        let tokens = "{" + instruments.map { String($0.instrumentToken) }.joined(separator: ",") + "}"
        try db.query("""
            UPDATE instruments SET in_universe = false, updated_at = now()
             WHERE in_universe AND NOT (instrument_token = ANY ($1::bigint[]))
            """, [tokens])
        return instruments.count
    }

    /// Lot size of a symbol in the universe, if known.
    public static func lotSize(symbol: String, on db: any SQLRunner) throws -> Int? {
        try db.query("SELECT lot_size FROM instruments WHERE tradingsymbol = $1 ORDER BY in_universe DESC LIMIT 1",
                     [symbol]).first?.int("lot_size")
    }
}
