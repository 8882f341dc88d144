/// `system_state`: the durable copy of mode, paused, halted and pending commands.
public enum SystemStateRepository {
    public static func set(_ key: String, json: String, on db: any SQLRunner) throws {
        try db.query("""
            INSERT INTO system_state (key, value, updated_at) VALUES ($1, $2::jsonb, now())
            ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()
            """, [key, json])
    }

    public static func get(_ key: String, on db: any SQLRunner) throws -> String? {
        try db.query("SELECT value::text AS v FROM system_state WHERE key = $1", [key]).first?.string("v")
    }

    public static func allJSON(on db: any SQLRunner) throws -> String {
        try db.query("SELECT coalesce(json_object_agg(key, value), '{}'::json)::text AS body FROM system_state")
            .first?.string("body") ?? "{}"
    }
}
