/// `risk_events`: warnings and critical conditions raised by any service.
public enum RiskEventRepository {
    public static func insert(kind: String, severity: String, message: String, trace: String?, on db: any SQLRunner) throws {
        try db.query("INSERT INTO risk_events (kind, severity, message, trace) VALUES ($1, $2, $3, $4)",
                     [kind, severity, message, trace])
    }
}
