import Foundation
import Logging
import Messages
import Metrics
import RedisBus
import ServiceLifecycle

/// A long-lived service that reads channels and hands each well-formed message to
/// `handler`. A malformed message (not JSON, wrong version, unknown type, bad payload)
/// is counted, logged and dropped; the consumer keeps running. Handler errors are
/// logged and counted the same way.
public struct MessageConsumer: Service {
    public typealias Handler = @Sendable (IncomingMessage) async throws -> Void

    private let subscriber: RedisSubscriber
    private let handler: Handler
    private let logger: Logger

    public init(redis: RedisConfiguration, channels: [String], patterns: [String] = [], logger: Logger,
                onSubscribed: @escaping @Sendable () -> Void = {}, handler: @escaping Handler) {
        self.subscriber = RedisSubscriber(configuration: redis, channels: channels, patterns: patterns, logger: logger,
                                          onSubscribed: onSubscribed)
        self.handler = handler
        self.logger = logger
    }

    public func run() async throws {
        subscriber.start()
        await withGracefulShutdownHandler {
            let decoder = MessageCoding.makeDecoder()
            for await message in subscriber.messages {
                let group = ChannelGroup.of(message.channel)
                Counter(label: "aitrapp_messages_received_total", dimensions: [("channel", group)]).increment()
                let raw = Data(message.payload.utf8)
                let header: EnvelopeHeader
                do {
                    header = try decoder.decode(EnvelopeHeader.self, from: raw)
                    guard header.v == Envelope<EmptyPayload>.currentVersion else {
                        throw MalformedMessage(reason: "unsupported envelope version \(header.v)")
                    }
                } catch {
                    reject(message, group: group, error: error)
                    continue
                }
                do {
                    try await handler(IncomingMessage(channel: message.channel, header: header, raw: raw))
                } catch is DecodingError {
                    reject(message, group: group, error: MalformedMessage(reason: "payload does not match \(header.type.rawValue)"))
                } catch {
                    Counter(label: "aitrapp_handler_errors_total", dimensions: [("channel", group)]).increment()
                    logger.error("message handling failed", metadata: [
                        "trace": "\(header.trace)", "bus.channel": "\(message.channel)",
                        "bus.type": "\(header.type.rawValue)", "error": "\(error)",
                    ])
                }
            }
        } onGracefulShutdown: {
            subscriber.stop()
        }
        subscriber.stop()
    }

    private func reject(_ message: RedisMessage, group: String, error: any Error) {
        Counter(label: "aitrapp_messages_malformed_total", dimensions: [("channel", group)]).increment()
        logger.warning("malformed message dropped", metadata: [
            "bus.channel": "\(message.channel)", "bus.error": "\(error)",
            "bus.payload_prefix": "\(message.payload.prefix(120))",
        ])
    }
}

/// Thrown for a message that is well-formed JSON but not a valid envelope.
public struct MalformedMessage: Error, CustomStringConvertible {
    public let reason: String
    public init(reason: String) { self.reason = reason }
    public var description: String { reason }
}

/// A payload with no fields.
public struct EmptyPayload: Codable, Sendable {}
