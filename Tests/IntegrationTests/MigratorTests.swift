import Foundation
import PostgresStore
import Testing
import TestSupport

@Suite("migrate on a real Postgres")
struct MigratorTests {
    /// A copy of the repository's migrations in a temporary folder the test may change.
    func migrationsCopy() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(TestEnvironment.uniqueName("migrations")).path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let source = TestEnvironment.root.appendingPathComponent("migrations").path
        for name in try FileManager.default.contentsOfDirectory(atPath: source) {
            try FileManager.default.copyItem(atPath: source + "/" + name, toPath: folder + "/" + name)
        }
        return folder
    }

    @Test func appliesInOrderOnceAndRecordsChecksums() async throws {
        let temporary = try await TemporaryDatabase.create()
        let folder = try migrationsCopy()
        let migrator = Migrator(database: temporary.connect(), directory: folder)
        let first = try await migrator.up()
        #expect(first.first == "0001_initial.sql")
        #expect(try await migrator.up().isEmpty)
        #expect(try await migrator.status().allSatisfy { $0.state == "applied" })
        let db = temporary.connect()
        let tables = try await db.query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")
            .map { try $0.string("table_name") }
        for table in ["instruments", "signals", "decisions", "orders", "fills", "positions", "trades", "risk_events",
                      "audit_log", "system_state", "config_versions", "job_runs", "schema_migrations"] {
            #expect(tables.contains(table), "missing table \(table)")
        }
        let checksum = try await db.query("SELECT checksum FROM schema_migrations WHERE name = '0001_initial.sql'").first?.string("checksum")
        #expect(checksum?.count == 64)
        await temporary.drop()
    }

    @Test func refusesToContinueWhenAnAppliedFileChanged() async throws {
        let temporary = try await TemporaryDatabase.create()
        let folder = try migrationsCopy()
        let migrator = Migrator(database: temporary.connect(), directory: folder)
        _ = try await migrator.up()
        let path = folder + "/0001_initial.sql"
        try (try String(contentsOfFile: path, encoding: .utf8) + "\n-- edited\n").write(toFile: path, atomically: true, encoding: .utf8)
        try "CREATE TABLE later (id int);".write(toFile: folder + "/0002_later.sql", atomically: true, encoding: .utf8)
        do {
            _ = try await migrator.up()
            Issue.record("a changed migration was accepted")
        } catch {
            #expect("\(error)".contains("0001_initial.sql"))
            #expect("\(error)".contains("changed since it was applied"))
        }
        #expect(try await migrator.status().first?.state == "CHANGED")
        let later = try await temporary.connect().query("SELECT to_regclass('later') IS NOT NULL AS present").first?.bool("present")
        #expect(later == false)
        await temporary.drop()
    }

    @Test func brokenFileStopsWithItsNameAndLeavesNothingOfIt() async throws {
        let temporary = try await TemporaryDatabase.create()
        let folder = try migrationsCopy()
        try """
            CREATE TABLE half_done (id int);
            INSERT INTO no_such_table VALUES (1);
            """.write(toFile: folder + "/0002_broken.sql", atomically: true, encoding: .utf8)
        let migrator = Migrator(database: temporary.connect(), directory: folder)
        do {
            _ = try await migrator.up()
            Issue.record("a broken migration was applied")
        } catch {
            #expect("\(error)".contains("0002_broken.sql"))
            #expect("\(error)".contains("no_such_table"))
        }
        let db = temporary.connect()
        #expect(try await db.query("SELECT to_regclass('half_done') IS NOT NULL AS present").first?.bool("present") == false)
        let names = try await db.query("SELECT name FROM schema_migrations ORDER BY name").map { try $0.string("name") }
        #expect(names == ["0001_initial.sql"])
        await temporary.drop()
    }

    @Test func rejectsBadlyNamedFiles() async throws {
        let folder = try migrationsCopy()
        try "SELECT 1;".write(toFile: folder + "/1_bad.sql", atomically: true, encoding: .utf8)
        let migrator = Migrator(database: PostgresDatabase(url: TestEnvironment.postgresURL, logger: TestEnvironment.logger),
                                directory: folder)
        #expect(throws: Migrator.Failure.self) { try migrator.files() }
    }
}
