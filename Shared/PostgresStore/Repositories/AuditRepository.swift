/// `audit_log`: every operator command with who, what, from where and the result.
public enum AuditRepository {
    public static func insert(actor: String, action: String, requestJSON: String, result: String, remoteAddress: String?,
                              configSha: String?, on db: any SQLRunner) throws {
        try db.query("""
            INSERT INTO audit_log (actor, action, request, result, remote_addr, config_sha)
            VALUES ($1, $2, $3::jsonb, $4, $5, $6)
            """, [actor, action, requestJSON, result, remoteAddress, configSha])
    }
}
