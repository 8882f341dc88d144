/// A Postgres failure. The description carries the server's message and SQLSTATE but
/// never the connection string (which may hold a password).
public struct PostgresError: Error, CustomStringConvertible, Sendable {
    private enum Code: Sendable {
        case connect
        case query
        case decode
        case connectionLost
    }

    private let code: Code
    private let detail: String
    /// The five-character SQLSTATE for server errors (e.g. `23505` unique violation).
    public let sqlState: String?

    private init(_ code: Code, _ detail: String, sqlState: String? = nil) {
        self.code = code
        self.detail = detail
        self.sqlState = sqlState
    }

    static func connect(_ detail: String) -> PostgresError { PostgresError(.connect, detail) }
    static func query(_ detail: String, sqlState: String?) -> PostgresError { PostgresError(.query, detail, sqlState: sqlState) }
    static func connectionLost(_ detail: String) -> PostgresError { PostgresError(.connectionLost, detail) }
    public static func decode(_ detail: String) -> PostgresError { PostgresError(.decode, detail) }

    public var isUniqueViolation: Bool { sqlState == "23505" }
    var requiresReconnect: Bool { code == .connect || code == .connectionLost }

    public var description: String {
        switch code {
        case .connect: return "cannot connect to Postgres: \(detail)"
        case .query: return "Postgres error" + (sqlState.map { " \($0)" } ?? "") + ": \(detail)"
        case .decode: return "cannot decode Postgres row: \(detail)"
        case .connectionLost: return "Postgres connection lost: \(detail)"
        }
    }
}
