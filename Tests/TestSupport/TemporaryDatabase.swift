import Foundation
import Logging
import PostgresStore

/// A fresh, empty Postgres database on the test server, dropped by `drop()`.
public struct TemporaryDatabase: Sendable {
    public let name: String
    public let url: String
    private let admin: PostgresDatabase

    public static func create() async throws -> TemporaryDatabase {
        let name = TestEnvironment.uniqueName("aitrapp_test")
        let admin = PostgresDatabase(url: replacingDatabase(in: TestEnvironment.postgresURL, with: "postgres"),
                                     logger: TestEnvironment.logger, label: "admin")
        try await admin.query("CREATE DATABASE \(name)")
        return TemporaryDatabase(name: name, url: replacingDatabase(in: TestEnvironment.postgresURL, with: name), admin: admin)
    }

    /// A database connection to it.
    public func connect(label: String = "test") -> PostgresDatabase {
        PostgresDatabase(url: url, logger: TestEnvironment.logger, label: label)
    }

    /// Applies the repository's migrations.
    public func migrate() async throws {
        _ = try await Migrator(database: connect(label: "migrate"), directory: TestEnvironment.root.appendingPathComponent("migrations").path).up()
    }

    public func drop() async {
        _ = try? await admin.query("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
    }

    static func replacingDatabase(in url: String, with database: String) -> String {
        guard var components = URLComponents(string: url) else { return url }
        components.path = "/" + database
        return components.string ?? url
    }
}
