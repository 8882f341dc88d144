import Foundation
import PostgresStore
import Testing
import TestSupport
import TradingCore

@Suite("Postgres store on a real Postgres")
struct PostgresStoreTests {
    @Test func parameterizedQueryAndTypedDecoding() async throws {
        let db = PostgresDatabase(url: TestEnvironment.postgresURL, logger: TestEnvironment.logger)
        let id = UUID()
        let when = Date(timeIntervalSince1970: 1_763_800_000.123456)
        let rows = try await db.query("""
            SELECT $1::uuid AS id, $2::numeric(18,2) AS price, $3::timestamptz AS at, $4::int AS n, $5::text AS t,
                   $6::text AS missing, $7::bool AS flag
            """, [id, Paise(2_473_405), when, 42, "it's; DROP TABLE x", nil, true])
        let row = try #require(rows.first)
        #expect(try row.uuid("id") == id)
        #expect(try row.paise("price") == Paise(2_473_405))
        #expect(abs(try row.date("at").timeIntervalSince(when)) < 0.000_01)
        #expect(try row.int("n") == 42)
        #expect(try row.string("t") == "it's; DROP TABLE x")
        #expect(try row.optionalString("missing") == nil)
        #expect(try row.bool("flag"))
        #expect(throws: PostgresError.self) { try row.string("missing") }
        #expect(throws: PostgresError.self) { try row.int("t") }
    }

    @Test func transactionRollsBackOnError() async throws {
        let temporary = try await TemporaryDatabase.create()
        let db = temporary.connect()
        try await db.query("CREATE TABLE t (id int PRIMARY KEY)")
        struct Boom: Error {}
        await #expect(throws: Boom.self) {
            try await db.transaction { runner in
                try runner.query("INSERT INTO t VALUES (1)", [])
                throw Boom()
            }
        }
        #expect(try await db.query("SELECT count(*) AS n FROM t").first?.int("n") == 0)
        do {
            try await db.transaction { runner in
                try runner.query("INSERT INTO t VALUES (2)", [])
                try runner.query("INSERT INTO t VALUES (2)", [])
            }
            Issue.record("duplicate key was accepted")
        } catch let error as PostgresError {
            #expect(error.isUniqueViolation)
        }
        #expect(try await db.query("SELECT count(*) AS n FROM t").first?.int("n") == 0)
        // The connection is still usable after the failed transaction.
        try await db.query("INSERT INTO t VALUES (3)")
        #expect(try await db.query("SELECT count(*) AS n FROM t").first?.int("n") == 1)
        await temporary.drop()
    }

    @Test func connectionErrorNeverLeaksThePassword() async throws {
        let db = PostgresDatabase(url: "postgres://aitrapp:hunter2secret@127.0.0.1:\(TestEnvironment.freePort())/nope?connect_timeout=2",
                                  logger: TestEnvironment.logger)
        do {
            try await db.query("SELECT 1")
            Issue.record("connected to a closed port")
        } catch {
            #expect("\(error)".contains("cannot connect to Postgres"))
            #expect(!"\(error)".contains("hunter2secret"))
        }
    }

    @Test func reconnectsAfterTheBackendIsTerminated() async throws {
        let db = PostgresDatabase(url: TestEnvironment.postgresURL, logger: TestEnvironment.logger)
        let pid = try #require(try await db.query("SELECT pg_backend_pid() AS pid").first?.int("pid"))
        let admin = PostgresDatabase(url: TestEnvironment.postgresURL, logger: TestEnvironment.logger)
        try await admin.query("SELECT pg_terminate_backend($1)", [pid])
        // The first statement on the dead connection fails; the next one reconnects.
        _ = try? await db.query("SELECT 1")
        let newPid = try await db.query("SELECT pg_backend_pid() AS pid").first?.int("pid")
        #expect(newPid != nil && newPid != pid)
    }
}
