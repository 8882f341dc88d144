import CLibpq
import Foundation

/// One blocking libpq connection. Not thread-safe: `PostgresDatabase` calls it from its
/// own serial queue only. No libpq pointer leaves this file; every `PGresult` is freed
/// with `defer`.
final class PostgresConnection {
    private let connection: OpaquePointer

    /// Connects with a 5 s connect timeout and TCP keepalives (the URL may override them),
    /// and a per-statement timeout (`statementTimeoutSeconds`, 0 = none).
    init(url: String, statementTimeoutSeconds: Int) throws(PostgresError) {
        // Later keywords win, so the defaults come first and the URL (expanded from dbname) last.
        let keywords = ["connect_timeout", "keepalives", "keepalives_idle", "keepalives_interval", "keepalives_count", "dbname"]
        let values = ["5", "1", "10", "5", "3", url]
        let keywordCopies = keywords.map { strdup($0) }
        let valueCopies = values.map { strdup($0) }
        defer {
            keywordCopies.forEach { free($0) }
            valueCopies.forEach { free($0) }
        }
        var keywordPointers: [UnsafePointer<CChar>?] = keywordCopies.map { UnsafePointer($0) } + [nil]
        var valuePointers: [UnsafePointer<CChar>?] = valueCopies.map { UnsafePointer($0) } + [nil]
        let made = keywordPointers.withUnsafeMutableBufferPointer { keys in
            valuePointers.withUnsafeMutableBufferPointer { vals in PQconnectdbParams(keys.baseAddress, vals.baseAddress, 1) }
        }
        guard let connection = made else { throw .connect("out of memory") }
        guard PQstatus(connection) == CONNECTION_OK else {
            let message = Self.message(connection)
            PQfinish(connection)
            throw .connect(message)
        }
        self.connection = connection
        _ = try execute("SET TIME ZONE 'UTC'", [])
        _ = try execute("SET client_min_messages = warning", [])
        _ = try execute("SET statement_timeout = \(max(0, statementTimeoutSeconds) * 1000)", [])
    }

    deinit {
        PQfinish(connection)
    }

    var isHealthy: Bool { PQstatus(connection) == CONNECTION_OK }

    /// One parameterized statement (`$1`, `$2`, … bound as text; nil is NULL).
    func execute(_ sql: String, _ parameters: [(any PostgresEncodable)?]) throws(PostgresError) -> [PostgresRow] {
        // C copies that outlive the call; NULL for a nil parameter.
        let copies: [UnsafeMutablePointer<CChar>?] = parameters.map { $0.flatMap { strdup($0.postgresText) } }
        defer { copies.forEach { free($0) } }
        var pointers: [UnsafePointer<CChar>?] = copies.map { $0.map { UnsafePointer($0) } }
        let result = pointers.withUnsafeMutableBufferPointer { buffer in
            PQexecParams(connection, sql, Int32(parameters.count), nil, buffer.baseAddress, nil, nil, 0)
        }
        return try rows(of: result)
    }

    /// A whole script of statements without parameters. Used only by `migrate`, whose
    /// files hold several statements; everything else goes through `execute`.
    func executeScript(_ sql: String) throws(PostgresError) {
        _ = try rows(of: PQexec(connection, sql))
    }

    private func rows(of result: OpaquePointer?) throws(PostgresError) -> [PostgresRow] {
        guard let result else {
            throw isHealthy ? .query(Self.message(connection), sqlState: nil) : .connectionLost(Self.message(connection))
        }
        defer { PQclear(result) }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_EMPTY_QUERY:
            return []
        case PGRES_TUPLES_OK:
            let rowCount = Int(PQntuples(result))
            let columnCount = Int(PQnfields(result))
            var columns: [String: Int] = [:]
            for column in 0..<columnCount {
                columns[String(cString: PQfname(result, Int32(column)))] = column
            }
            var rows: [PostgresRow] = []
            rows.reserveCapacity(rowCount)
            for row in 0..<rowCount {
                var values: [String?] = []
                values.reserveCapacity(columnCount)
                for column in 0..<columnCount {
                    if PQgetisnull(result, Int32(row), Int32(column)) == 1 {
                        values.append(nil)
                    } else {
                        values.append(String(cString: PQgetvalue(result, Int32(row), Int32(column))))
                    }
                }
                rows.append(PostgresRow(columns: columns, values: values))
            }
            return rows
        default:
            guard isHealthy else { throw .connectionLost(Self.message(connection)) }
            let sqlState = PQresultErrorField(result, Int32(UInt8(ascii: "C"))).map { String(cString: $0) }
            let primary = PQresultErrorField(result, Int32(UInt8(ascii: "M"))).map { String(cString: $0) }
            throw .query(primary ?? Self.message(connection), sqlState: sqlState)
        }
    }

    private static func message(_ connection: OpaquePointer) -> String {
        guard let raw = PQerrorMessage(connection) else { return "unknown error" }
        return String(cString: raw).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
