/// A Redis failure. The description never includes the password from the URL.
public struct RedisError: Error, CustomStringConvertible, Sendable {
    private enum Code: Sendable {
        case invalidURL
        case connectFailed
        case io
        case serverError
        case unexpectedReply
        case closed
    }

    private let code: Code
    private let detail: String

    private init(_ code: Code, _ detail: String) {
        self.code = code
        self.detail = detail
    }

    static func invalidURL(_ detail: String) -> RedisError { RedisError(.invalidURL, detail) }
    static func connectFailed(_ detail: String) -> RedisError { RedisError(.connectFailed, detail) }
    static func io(_ detail: String) -> RedisError { RedisError(.io, detail) }
    static func serverError(_ detail: String) -> RedisError { RedisError(.serverError, detail) }
    static func unexpectedReply(_ detail: String) -> RedisError { RedisError(.unexpectedReply, detail) }
    static let closed = RedisError(.closed, "client closed")

    /// Whether the connection is unusable after this error and must be replaced.
    public var requiresReconnect: Bool {
        switch code {
        case .connectFailed, .io, .closed: return true
        case .invalidURL, .serverError, .unexpectedReply: return false
        }
    }

    public var description: String {
        switch code {
        case .invalidURL: return "invalid Redis URL: \(detail)"
        case .connectFailed: return "cannot connect to Redis: \(detail)"
        case .io: return "Redis I/O error: \(detail)"
        case .serverError: return "Redis error reply: \(detail)"
        case .unexpectedReply: return "unexpected Redis reply: \(detail)"
        case .closed: return "Redis \(detail)"
        }
    }
}
