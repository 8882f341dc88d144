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

    /// Lot size of a symbol in the universe, if known.
    public static func lotSize(symbol: String, on db: any SQLRunner) throws -> Int? {
        try db.query("SELECT lot_size FROM instruments WHERE tradingsymbol = $1 ORDER BY in_universe DESC LIMIT 1",
                     [symbol]).first?.int("lot_size")
    }
}
