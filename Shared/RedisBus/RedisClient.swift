import Dispatch
import Foundation
import Logging

/// Commands and publishing over one hiredis connection. Every blocking C call runs on
/// this client's own serial dispatch queue, never on Swift's cooperative pool. A failed
/// connection is dropped and re-made on the next call, no sooner than the backoff allows;
/// a command that fails on I/O is retried once on a fresh connection.
public final class RedisClient: @unchecked Sendable {
    public let configuration: RedisConfiguration
    private let queue: DispatchQueue
    private let logger: Logger
    // Touched only on `queue`.
    private var connection: RedisConnection?
    private var backoff = Backoff()
    private var nextAttempt = ContinuousClock.now

    public init(configuration: RedisConfiguration, logger: Logger, label: String = "redis") {
        self.configuration = configuration
        self.logger = logger
        self.queue = DispatchQueue(label: "aitrapp.redis.\(label)")
    }

    /// Runs `arguments` as one command; a Redis error reply throws.
    @discardableResult
    public func command(_ arguments: [String]) async throws -> RedisValue {
        let reply = try await onQueue { connection in try connection.command(arguments) }
        if case .error(let message) = reply { throw RedisError.serverError(message) }
        return reply
    }

    /// Sends all commands in one round trip and returns their replies in order.
    public func pipeline(_ commands: [[String]]) async throws -> [RedisValue] {
        try await submitPipeline(commands).value()
    }

    /// Queues a pipeline at once, so pipelines submitted one after another run in that order,
    /// and returns without waiting: the caller can prepare the next batch while this one is
    /// on the wire (marketdata's hot path).
    public func submitPipeline(_ commands: [[String]]) -> PendingReplies {
        let pending = PendingReplies()
        let bytes = RESPEncoder.encode(commands)   // formatted here, off the connection's queue
        let count = commands.count
        queue.async {
            pending.fulfil(Result {
                try self.runWithRetry { connection in
                    try connection.appendFormatted(bytes)
                    var replies: [RedisValue] = []
                    replies.reserveCapacity(count)
                    for _ in 0..<count { replies.append(try connection.readReply()) }
                    return replies
                }
            })
        }
        return pending
    }

    /// Publishes and returns how many subscribers received it.
    @discardableResult
    public func publish(_ message: String, to channel: String) async throws -> Int64 {
        try await command(["PUBLISH", channel, message]).integer ?? 0
    }

    public func get(_ key: String) async throws -> String? {
        let reply = try await command(["GET", key])
        if case .null = reply { return nil }
        return reply.string
    }

    public func set(_ key: String, _ value: String, ttlSeconds: Int? = nil) async throws {
        var arguments = ["SET", key, value]
        if let ttlSeconds { arguments += ["EX", String(ttlSeconds)] }
        try await command(arguments)
    }

    public func ping() async throws -> Bool {
        try await command(["PING"]).string == "PONG"
    }

    private func onQueue<T: Sendable>(_ body: @escaping @Sendable (RedisConnection) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async {
                continuation.resume(with: Result { try self.runWithRetry(body) })
            }
        }
    }

    private func runWithRetry<T>(_ body: (RedisConnection) throws -> T) throws -> T {
        let hadConnection = connection != nil
        do {
            return try body(try currentConnection())
        } catch let error as RedisError where error.requiresReconnect {
            connection = nil
            guard hadConnection else { throw error }
            logger.warning("redis connection lost, reconnecting", metadata: ["redis.error": "\(error)"])
            do {
                return try body(try currentConnection())
            } catch let retryError as RedisError {
                if retryError.requiresReconnect { connection = nil }
                throw retryError
            }
        }
    }

    private func currentConnection() throws(RedisError) -> RedisConnection {
        if let connection { return connection }
        let now = ContinuousClock.now
        guard now >= nextAttempt else { throw RedisError.connectFailed("backing off after a failed connect") }
        do {
            let fresh = try RedisConnection(configuration: configuration)
            connection = fresh
            backoff.reset()
            return fresh
        } catch {
            nextAttempt = now + .milliseconds(backoff.nextDelayMilliseconds())
            throw error
        }
    }
}
