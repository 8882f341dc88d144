import Foundation
import Logging

/// Subscribes and psubscribes on a dedicated connection owned by a dedicated thread
/// (pub/sub needs its own connection; the blocking reads stay off Swift's pool).
/// On a lost connection it reconnects with backoff and subscribes again; messages
/// published meanwhile are lost (pub/sub is at-most-once; consumers reconcile from
/// Postgres). Messages arrive on `messages` in order.
public final class RedisSubscriber: @unchecked Sendable {
    public let messages: AsyncStream<RedisMessage>
    private let continuation: AsyncStream<RedisMessage>.Continuation
    private let configuration: RedisConfiguration
    private let channels: [String]
    private let patterns: [String]
    private let logger: Logger
    private let lock = NSLock()
    private var stopped = false
    private var subscribedOnce = false
    private var thread: Thread?
    /// Called whenever the subscription is (re)established; consumers use it to reconcile.
    private let onSubscribed: @Sendable () -> Void

    public init(configuration: RedisConfiguration, channels: [String], patterns: [String] = [], logger: Logger,
                bufferLimit: Int = 100_000, onSubscribed: @escaping @Sendable () -> Void = {}) {
        precondition(!channels.isEmpty || !patterns.isEmpty, "subscribe to at least one channel or pattern")
        self.configuration = configuration
        self.channels = channels
        self.patterns = patterns
        self.logger = logger
        self.onSubscribed = onSubscribed
        (messages, continuation) = AsyncStream.makeStream(of: RedisMessage.self, bufferingPolicy: .bufferingOldest(bufferLimit))
    }

    /// Starts the reader thread. Call once.
    public func start() {
        let thread = Thread { [self] in self.readLoop() }
        thread.name = "redis-subscriber"
        lock.withLock { self.thread = thread }
        thread.start()
    }

    /// Stops reading (within the poll interval) and finishes `messages`.
    public func stop() {
        lock.withLock { stopped = true }
        continuation.finish()
    }

    private var isStopped: Bool { lock.withLock { stopped } }

    /// True once the first SUBSCRIBE was acknowledged.
    public var isSubscribed: Bool { lock.withLock { subscribedOnce } }

    private func readLoop() {
        var backoff = Backoff()
        while !isStopped {
            do {
                let connection = try RedisConnection(configuration: configuration)
                if !channels.isEmpty { try connection.append(["SUBSCRIBE"] + channels) }
                if !patterns.isEmpty { try connection.append(["PSUBSCRIBE"] + patterns) }
                try connection.flush()
                var pending = channels.count + patterns.count
                backoff.reset()
                while !isStopped {
                    guard let reply = try connection.pollReply(timeoutMilliseconds: 250) else { continue }
                    guard case .array(let parts) = reply, let kind = parts.first?.string else { continue }
                    switch kind {
                    case "message" where parts.count == 3:
                        deliver(RedisMessage(channel: parts[1].string ?? "", pattern: nil, payload: parts[2].string ?? ""))
                    case "pmessage" where parts.count == 4:
                        deliver(RedisMessage(channel: parts[2].string ?? "", pattern: parts[1].string, payload: parts[3].string ?? ""))
                    case "subscribe", "psubscribe":
                        pending -= 1
                        if pending == 0 {
                            lock.withLock { subscribedOnce = true }
                            logger.info("redis subscribed", metadata: ["redis.channels": "\(channels + patterns)"])
                            onSubscribed()
                        }
                    default:
                        continue
                    }
                }
            } catch {
                if isStopped { break }
                let delay = backoff.nextDelayMilliseconds()
                logger.warning("redis subscriber disconnected, retrying", metadata: [
                    "redis.error": "\(error)", "redis.retry_ms": "\(delay)",
                ])
                Thread.sleep(forTimeInterval: Double(delay) / 1000)
            }
        }
        continuation.finish()
    }

    private func deliver(_ message: RedisMessage) {
        if case .dropped = continuation.yield(message) {
            logger.error("subscriber buffer full, message dropped", metadata: ["redis.channel": "\(message.channel)"])
        }
    }
}
