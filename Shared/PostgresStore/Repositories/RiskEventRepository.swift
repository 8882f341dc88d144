/// `risk_events`: warnings and critical conditions raised by any service.
public enum RiskEventRepository {
    /// `detailsJSON` is a JSON object with the numbers behind the event (`{}` when none).
    public static func insert(kind: String, severity: String, message: String, trace: String?, detailsJSON: String = "{}",
                              on db: any SQLRunner) throws {
        try db.query("INSERT INTO risk_events (kind, severity, message, trace, details) VALUES ($1, $2, $3, $4, $5::jsonb)",
                     [kind, severity, message, trace, detailsJSON])
    }

    public static func count(kind: String, on db: any SQLRunner) throws -> Int {
        try db.query("SELECT count(*) AS n FROM risk_events WHERE kind = $1", [kind]).first?.int("n") ?? 0
    }
}
