import Foundation
import Logging
import Messages
import Metrics
import RedisBus
import TradingCore

/// Publishes envelopes. Callers write Postgres first, then publish: a publish failure is
/// logged and counted, never undoes the recorded state (consumers reconcile from Postgres).
public final class EventBus: Sendable {
    public let redis: RedisClient
    public let source: String
    let logger: Logger
    private let clock: any ServiceClock

    public init(redis: RedisClient, source: String, clock: any ServiceClock, logger: Logger) {
        self.redis = redis
        self.source = source
        self.clock = clock
        self.logger = logger
    }

    /// Encodes an envelope (timestamped now) as JSON text.
    public func encode<P: Codable & Sendable>(_ type: MessageType, trace: String, mode: TradingMode, payload: P) throws -> String {
        let envelope = Envelope(type: type, ts: clock.now(), source: source, trace: trace, mode: mode, payload: payload)
        return String(decoding: try MessageCoding.makeEncoder().encode(envelope), as: UTF8.self)
    }

    /// Publishes one message; returns false (after logging) when Redis is unreachable.
    @discardableResult
    public func publish<P: Codable & Sendable>(_ type: MessageType, on channel: String, trace: String, mode: TradingMode,
                                              payload: P) async -> Bool {
        do {
            let text = try encode(type, trace: trace, mode: mode, payload: payload)
            try await redis.publish(text, to: channel)
            Counter(label: "aitrapp_messages_published_total", dimensions: [("channel", ChannelGroup.of(channel))]).increment()
            return true
        } catch {
            Counter(label: "aitrapp_publish_failures_total", dimensions: [("channel", ChannelGroup.of(channel))]).increment()
            logger.error("publish failed", metadata: ["trace": "\(trace)", "bus.channel": "\(channel)", "bus.error": "\(error)"])
            return false
        }
    }
}

extension EventBus {
    /// Publishes already-encoded messages in one pipelined round trip (marketdata's hot
    /// path). Returns false (after logging) when Redis is unreachable; the batch is then lost
    /// as a whole, which for market data is the right trade: the next ticks supersede it.
    /// `settingKeys` are SET (with `ttlSeconds`) in the same round trip.
    @discardableResult
    public func publish(batch: [OutgoingMessage], settingKeys: [String: String] = [:], ttlSeconds: Int = 0) async -> Bool {
        await submit(batch: batch, settingKeys: settingKeys, ttlSeconds: ttlSeconds).completed()
    }

    /// Queues the batch on the Redis connection now (batches keep the order they were
    /// submitted in) and returns at once; `completed()` waits for Redis and counts the result.
    public func submit(batch: [OutgoingMessage], settingKeys: [String: String] = [:], ttlSeconds: Int = 0) -> PendingPublish {
        var commands = batch.map { ["PUBLISH", $0.channel, $0.text] }
        for (key, value) in settingKeys.sorted(by: { $0.key < $1.key }) {
            commands.append(ttlSeconds > 0 ? ["SET", key, value, "EX", String(ttlSeconds)] : ["SET", key, value])
        }
        var groups: [String: Int64] = [:]
        for message in batch { groups[ChannelGroup.of(message.channel), default: 0] += 1 }
        return PendingPublish(replies: commands.isEmpty ? nil : redis.submitPipeline(commands), groups: groups, logger: logger)
    }
}

/// A batch queued by `EventBus.submit`; `completed()` waits for Redis's replies, counts the
/// messages (or the failures) and logs a failure.
public struct PendingPublish: Sendable {
    let replies: PendingReplies?
    let groups: [String: Int64]
    let logger: Logger

    /// True when Redis accepted every command of the batch.
    @discardableResult
    public func completed() async -> Bool {
        guard let replies else { return true }
        do {
            let answers = try await replies.value()
            if let failure = answers.first(where: { if case .error = $0 { return true } else { return false } }) {
                throw BatchRefused(reply: "\(failure)")
            }
            for (group, count) in groups {
                Counter(label: "aitrapp_messages_published_total", dimensions: [("channel", group)]).increment(by: count)
            }
            return true
        } catch {
            for (group, count) in groups {
                Counter(label: "aitrapp_publish_failures_total", dimensions: [("channel", group)]).increment(by: count)
            }
            logger.error("batch publish failed", metadata: ["bus.messages": "\(groups.values.reduce(0, +))", "bus.error": "\(error)"])
            return false
        }
    }
}

/// Redis answered a pipelined PUBLISH with an error reply.
struct BatchRefused: Error, CustomStringConvertible {
    let reply: String
    var description: String { "Redis refused a publish: \(reply)" }
}

/// Low-cardinality metric label for a channel: `md.tick.NIFTY` → `md.tick`.
public enum ChannelGroup {
    public static func of(_ channel: String) -> String {
        if channel.hasPrefix("md.tick.") { return "md.tick" }
        if channel.hasPrefix("md.bar.") { return "md.bar" }
        if channel.hasPrefix("md.chain.") { return "md.chain" }
        return channel
    }
}
