import Foundation
import TradingCore

/// Applies `NNNN_name.sql` files in order, each in its own transaction with its record in
/// `schema_migrations` (name and SHA-256). Refuses to go on when an applied file changed.
/// A file that fails leaves nothing of itself applied; the error names it.
public struct Migrator: Sendable {
    public struct Failure: Error, CustomStringConvertible {
        public let file: String
        public let reason: String
        public var description: String { "\(file): \(reason)" }
    }

    public struct File: Sendable {
        public var name: String
        public var checksum: String
        public var sql: String
    }

    public struct Status: Sendable {
        public var name: String
        /// applied, pending or CHANGED
        public var state: String
    }

    public let database: PostgresDatabase
    public let directory: String

    public init(database: PostgresDatabase, directory: String) {
        self.database = database
        self.directory = directory
    }

    public func files() throws -> [File] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw Failure(file: directory, reason: "cannot list the migrations folder")
        }
        return try names.filter { $0.hasSuffix(".sql") }.sorted().map { name in
            guard name.count > 5, name.prefix(4).allSatisfy(\.isNumber), name.dropFirst(4).first == "_" else {
                throw Failure(file: name, reason: "migration files are named NNNN_name.sql")
            }
            guard let data = FileManager.default.contents(atPath: directory + "/" + name),
                  let sql = String(data: data, encoding: .utf8) else {
                throw Failure(file: name, reason: "cannot read the file as UTF-8")
            }
            return File(name: name, checksum: SHA256.hex(Array(data)), sql: sql)
        }
    }

    public func status() async throws -> [Status] {
        let files = try files()
        let applied = try await database.withConnection { db in
            try MigrationRepository.ensureTable(on: db)
            return try MigrationRepository.applied(on: db)
        }
        let byName = Dictionary(uniqueKeysWithValues: applied.map { ($0.name, $0.checksum) })
        return files.map { file in
            guard let checksum = byName[file.name] else { return Status(name: file.name, state: "pending") }
            return Status(name: file.name, state: checksum == file.checksum ? "applied" : "CHANGED")
        }
    }

    /// Applies what is pending; returns the names applied (empty on a second run).
    public func up() async throws -> [String] {
        let files = try files()
        try await database.withConnection { db in try MigrationRepository.ensureTable(on: db) }
        var appliedNow: [String] = []
        for file in files {
            let name = file.name, checksum = file.checksum
            let applied: Bool
            do {
                // Lock and check before running the script, all in the file's own transaction.
                applied = try await database.transactionWithScript(file.sql, before: { db in
                    try MigrationRepository.lock(on: db)
                    let existing = try MigrationRepository.applied(on: db).first { $0.name == name }
                    if let existing {
                        guard existing.checksum == checksum else {
                            throw Failure(file: name, reason: "changed since it was applied (checksum \(existing.checksum.prefix(12))… now \(checksum.prefix(12))…); add a new migration instead")
                        }
                        return false
                    }
                    return true
                }, then: { db in try MigrationRepository.record(name: name, checksum: checksum, on: db) })
            } catch let failure as Failure {
                throw failure
            } catch {
                throw Failure(file: name, reason: "\(error)")
            }
            if applied { appliedNow.append(name) }
        }
        return appliedNow
    }
}
