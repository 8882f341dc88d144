/// `audit_log`: every operator command with who, what, from where and the result.
public enum AuditRepository {
    public static func insert(actor: String, action: String, requestJSON: String, result: String, remoteAddress: String?,
                              configSha: String?, on db: any SQLRunner) throws {
        try db.query("""
            INSERT INTO audit_log (actor, action, request, result, remote_addr, config_sha)
            VALUES ($1, $2, $3::jsonb, $4, $5, $6)
            """, [actor, action, requestJSON, result, remoteAddress, configSha])
    }

    /// The newest rows first, optionally one action only.
    public static func recentJSON(action: String?, limit: Int, on db: any SQLRunner) throws -> String {
        try JSONQuery.array("""
            SELECT id, actor, action, request, result, remote_addr, config_sha, created_at
            FROM audit_log WHERE ($1::text IS NULL OR action = $1) ORDER BY id DESC LIMIT $2
            """, [action, limit], on: db)
    }
}
