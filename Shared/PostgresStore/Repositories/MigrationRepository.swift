import Foundation

/// `schema_migrations`: which files were applied, with their checksums.
public enum MigrationRepository {
    public struct Applied: Sendable, Hashable {
        public var name: String
        public var checksum: String
        public var appliedAt: Date
    }

    public static func ensureTable(on db: any SQLRunner) throws {
        try db.query("""
            CREATE TABLE IF NOT EXISTS schema_migrations (
                name       TEXT PRIMARY KEY,
                checksum   TEXT NOT NULL,
                applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
            )
            """)
    }

    /// Serializes concurrent `migrate` runs on the same database.
    public static func lock(on db: any SQLRunner) throws {
        try db.query("SELECT pg_advisory_xact_lock(727274)")
    }

    public static func applied(on db: any SQLRunner) throws -> [Applied] {
        try db.query("SELECT name, checksum, applied_at FROM schema_migrations ORDER BY name").map {
            Applied(name: try $0.string("name"), checksum: try $0.string("checksum"), appliedAt: try $0.date("applied_at"))
        }
    }

    public static func record(name: String, checksum: String, on db: any SQLRunner) throws {
        try db.query("INSERT INTO schema_migrations (name, checksum) VALUES ($1, $2)", [name, checksum])
    }
}
