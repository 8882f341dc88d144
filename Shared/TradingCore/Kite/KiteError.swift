/// A failed Kite Connect call: Kite's own error (`{"status":"error","error_type":…}`), an
/// HTTP status without one, a transport failure, or a body that could not be read.
/// `description` carries Kite's type, the HTTP status and Kite's message — never the
/// api key, the access token or the api secret (they are not part of any field here).
public struct KiteError: Error, Hashable, Sendable, CustomStringConvertible {
    private enum Code: Hashable, Sendable {
        /// `TokenException` (403): the session expired or was invalidated; a new login is needed.
        case token
        /// `InputException` (400): missing or bad parameters.
        case input
        /// `OrderException`: the order could not be placed, modified or cancelled (final).
        case order
        /// `MarginException`: not enough funds.
        case margin
        /// `PermissionException`: the call is not allowed for this app or account.
        case permission
        /// `UserException`, `HoldingException`, `DataException`, `GeneralException` and
        /// error types Kite may add later.
        case other(type: String)
        /// `NetworkException` (502/503): Kite could not reach its order system.
        case network
        /// HTTP 429: more requests than Kite's rate limit.
        case rateLimited
        /// 5xx without an error type Kite documents as final.
        case server(status: Int)
        /// The request never got an HTTP answer (connection refused, reset, timeout).
        case transport
        /// An answer that is not Kite's JSON envelope or does not match the call.
        case malformed
    }

    private let code: Code
    /// HTTP status when there was an answer, else 0.
    public let httpStatus: Int
    /// Kite's `error_type` when it sent one.
    public let errorType: String?
    /// Kite's message (or ours for a transport/parse failure); never contains a credential.
    public let message: String

    private init(_ code: Code, httpStatus: Int, errorType: String?, message: String) {
        self.code = code
        self.httpStatus = httpStatus
        self.errorType = errorType
        self.message = message
    }

    /// Kite's error envelope (or a status with an unreadable body: `errorType` nil).
    public static func api(httpStatus: Int, errorType: String?, message: String) -> KiteError {
        let code: Code
        switch errorType {
        case "TokenException": code = .token
        case "InputException": code = .input
        case "OrderException": code = .order
        case "MarginException": code = .margin
        case "PermissionException": code = .permission
        case "NetworkException": code = .network
        case let other?:
            code = httpStatus == 429 ? .rateLimited : (httpStatus >= 500 && other == "GeneralException" ? .server(status: httpStatus) : .other(type: other))
        case nil:
            code = httpStatus == 429 ? .rateLimited : (httpStatus >= 500 ? .server(status: httpStatus) : .other(type: "HTTP"))
        }
        return KiteError(code, httpStatus: httpStatus, errorType: errorType, message: message)
    }

    public static func transport(_ message: String) -> KiteError {
        KiteError(.transport, httpStatus: 0, errorType: nil, message: message)
    }

    public static func malformed(_ message: String, httpStatus: Int = 200) -> KiteError {
        KiteError(.malformed, httpStatus: httpStatus, errorType: nil, message: message)
    }

    /// Worth retrying with backoff: Kite's `NetworkException` (its OMS unreachable), 429,
    /// a 5xx `GeneralException` or bare 5xx, and a request that got no answer. A
    /// `TokenException` is *not*: the session is gone until the next login, and retrying
    /// only burns the rate limit. Input, order, margin and permission errors are final.
    public var isTransient: Bool {
        switch code {
        case .network, .rateLimited, .server, .transport: return true
        case .token, .input, .order, .margin, .permission, .other, .malformed: return false
        }
    }

    /// The session is invalid: trading through Kite stops until a new access token.
    public var isSessionExpired: Bool { code == .token }

    public var isMarginShortfall: Bool { code == .margin }

    public var description: String {
        "Kite \(errorType ?? "error") (HTTP \(httpStatus)): \(message)"
    }

    /// The same failure as a `BrokerError` (what the executor's retry policy reads).
    public var brokerError: BrokerError {
        switch code {
        case .network, .transport: return .network(description)
        case .rateLimited: return .rateLimited(description)
        case .server(let status): return .server(status: status, description)
        case .margin: return .rejected(.insufficientMargin, description)
        case .order: return .rejected(.invalidOrder, description)
        case .input: return .input(description)
        case .token, .permission, .other, .malformed: return .input(description)
        }
    }
}
