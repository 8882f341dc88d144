/// A broker call that failed. Only transient failures (network, timeouts, rate limits,
/// a 5xx) are retried; a rejection by the exchange or broker is final.
public struct BrokerError: Error, Hashable, Sendable, CustomStringConvertible {
    private enum Code: Hashable, Sendable {
        case network
        case timeout
        case rateLimited
        case server(status: Int)
        case rejected(OrderRejection)
        case input(String)
        case unknownOrder(String)
    }

    private let code: Code
    public let message: String

    private init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public static func network(_ message: String) -> BrokerError { BrokerError(.network, message) }
    public static func timeout(_ message: String) -> BrokerError { BrokerError(.timeout, message) }
    public static func rateLimited(_ message: String) -> BrokerError { BrokerError(.rateLimited, message) }
    public static func server(status: Int, _ message: String) -> BrokerError { BrokerError(.server(status: status), message) }
    public static func rejected(_ reason: OrderRejection, _ message: String) -> BrokerError { BrokerError(.rejected(reason), message) }
    public static func input(_ message: String) -> BrokerError { BrokerError(.input(message), message) }
    public static func unknownOrder(_ id: String) -> BrokerError { BrokerError(.unknownOrder(id), "unknown order \(id)") }

    /// Worth trying again (with backoff).
    public var isTransient: Bool {
        switch code {
        case .network, .timeout, .rateLimited: return true
        case .server(let status): return status >= 500
        case .rejected, .input, .unknownOrder: return false
        }
    }

    /// The exchange's reason, for a rejection.
    public var rejection: OrderRejection? {
        if case .rejected(let reason) = code { return reason }
        return nil
    }

    public var description: String { message }
}
