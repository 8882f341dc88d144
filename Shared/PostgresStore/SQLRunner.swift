/// Runs statements synchronously on a connection the caller already holds (inside
/// `PostgresDatabase.transaction` or `withConnection`). Repositories take one, so the
/// same repository call works alone or as part of a larger transaction.
public protocol SQLRunner {
    @discardableResult
    func query(_ sql: String, _ parameters: [(any PostgresEncodable)?]) throws -> [PostgresRow]
}

extension SQLRunner {
    @discardableResult
    public func query(_ sql: String) throws -> [PostgresRow] { try query(sql, []) }
}

struct ConnectionRunner: SQLRunner {
    let connection: PostgresConnection

    func query(_ sql: String, _ parameters: [(any PostgresEncodable)?]) throws -> [PostgresRow] {
        try connection.execute(sql, parameters)
    }

    func executeScript(_ sql: String) throws {
        try connection.executeScript(sql)
    }
}
