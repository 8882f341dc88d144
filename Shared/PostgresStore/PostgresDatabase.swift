import Dispatch
import Foundation
import Logging

/// A Postgres database behind one libpq connection whose blocking calls run on a private
/// serial dispatch queue (never on Swift's cooperative pool). The connection is made on
/// first use and re-made after it breaks; a statement that failed because the connection
/// broke is reported, not silently retried (it may have committed).
public final class PostgresDatabase: @unchecked Sendable {
    private let url: String
    private let statementTimeoutSeconds: Int
    private let logger: Logger
    private let queue: DispatchQueue
    // Touched only on `queue`.
    private var connection: PostgresConnection?

    /// `statementTimeoutSeconds` bounds every statement (0 = none, for migrations), so a
    /// hung server cannot block the caller's queue forever.
    public init(url: String, logger: Logger, label: String = "postgres", statementTimeoutSeconds: Int = 15) {
        self.url = url
        self.statementTimeoutSeconds = statementTimeoutSeconds
        self.logger = logger
        self.queue = DispatchQueue(label: "aitrapp.postgres.\(label)")
    }

    /// Runs `body` on the connection outside a transaction (each statement autocommits).
    public func withConnection<T: Sendable>(_ body: @escaping @Sendable (any SQLRunner) throws -> T) async throws -> T {
        try await onQueue { runner in try body(runner) }
    }

    /// Runs `body` inside BEGIN … COMMIT; any thrown error rolls back and is rethrown.
    public func transaction<T: Sendable>(_ body: @escaping @Sendable (any SQLRunner) throws -> T) async throws -> T {
        try await onQueue { runner in
            try runner.query("BEGIN")
            do {
                let value = try body(runner)
                try runner.query("COMMIT")
                return value
            } catch {
                _ = try? runner.query("ROLLBACK")
                throw error
            }
        }
    }

    /// One statement, autocommitted.
    @discardableResult
    public func query(_ sql: String, _ parameters: [(any PostgresEncodable)?] = []) async throws -> [PostgresRow] {
        try await withConnection { runner in try runner.query(sql, parameters) }
    }

    /// A multi-statement script inside a transaction; for the migrate tool only. `before`
    /// runs first in the same transaction and decides whether the script runs at all.
    public func transactionWithScript(_ script: String, before: @escaping @Sendable (any SQLRunner) throws -> Bool,
                                      then body: @escaping @Sendable (any SQLRunner) throws -> Void) async throws -> Bool {
        try await onQueue { runner in
            try runner.query("BEGIN")
            do {
                guard try before(runner) else {
                    try runner.query("COMMIT")
                    return false
                }
                try runner.executeScript(script)
                try body(runner)
                try runner.query("COMMIT")
                return true
            } catch {
                _ = try? runner.query("ROLLBACK")
                throw error
            }
        }
    }

    private func onQueue<T: Sendable>(_ body: @escaping @Sendable (ConnectionRunner) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async {
                continuation.resume(with: Result { try self.run(body) })
            }
        }
    }

    private func run<T>(_ body: (ConnectionRunner) throws -> T) throws -> T {
        if let existing = connection, !existing.isHealthy {
            connection = nil
        }
        let current: PostgresConnection
        if let existing = connection {
            current = existing
        } else {
            current = try PostgresConnection(url: url, statementTimeoutSeconds: statementTimeoutSeconds)
            connection = current
        }
        do {
            return try body(ConnectionRunner(connection: current))
        } catch let error as PostgresError where error.requiresReconnect || !current.isHealthy {
            connection = nil
            logger.warning("postgres connection lost", metadata: ["postgres.error": "\(error)"])
            throw error
        }
    }
}
