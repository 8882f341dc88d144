/// `risk_snapshots`: the risk state as published, one row per change.
public enum RiskSnapshotRepository {
    public static func insert(tradingDay: String, json: String, on db: any SQLRunner) throws {
        try db.query("INSERT INTO risk_snapshots (trading_day, snapshot) VALUES ($1::date, $2::jsonb)", [tradingDay, json])
    }

    /// The latest snapshot as JSON text, if any.
    public static func latestJSON(on db: any SQLRunner) throws -> String? {
        try db.query("SELECT snapshot::text AS s FROM risk_snapshots ORDER BY id DESC LIMIT 1").first?.optionalString("s")
    }
}
