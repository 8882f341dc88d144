import Foundation
import Logging
import Metrics
import RedisBus
import ServiceLifecycle

/// The one Redis subscription behind `/ws`: every streamable channel is subscribed once,
/// when control-api starts, and each message is fanned out to the clients whose filter
/// matches. A message that is not a JSON object is counted and dropped.
final class StreamHub: Service, @unchecked Sendable {
    let capacity: Int
    let heartbeat: Duration
    private let subscriber: RedisSubscriber
    private let logger: Logger
    private let lock = NSLock()
    private var clients: [UUID: StreamClient] = [:]
    private var closed = false
    private let clientsGauge = Gauge(label: "aitrapp_ws_clients")
    private let malformed = Counter(label: "aitrapp_ws_malformed_total")
    private let delivered = Counter(label: "aitrapp_ws_frames_total")

    init(configuration: RedisConfiguration, capacity: Int, heartbeat: Duration, logger: Logger) {
        self.capacity = capacity
        self.heartbeat = heartbeat
        self.logger = logger
        subscriber = RedisSubscriber(configuration: configuration, channels: StreamChannels.subscribedChannels,
                                     patterns: StreamChannels.subscribedPatterns, logger: logger)
    }

    var isSubscribed: Bool { subscriber.isSubscribed }

    /// Registers a client; nil once the hub is shutting down.
    func add(filter: StreamFilter, principal: APIPrincipal) -> StreamClient? {
        let client = StreamClient(filter: filter, principal: principal, capacity: capacity)
        let count: Int? = lock.withLock {
            guard !closed else { return nil }
            clients[client.id] = client
            return clients.count
        }
        guard let count else { return nil }
        clientsGauge.record(count)
        logger.info("stream client connected", metadata: ["ws.client": "\(client.id)", "ws.actor": "\(principal.name)",
                                                          "ws.channels": "\(filter.names.joined(separator: ","))"])
        return client
    }

    func remove(_ client: StreamClient) {
        let count = lock.withLock { () -> Int in
            clients[client.id] = nil
            return clients.count
        }
        client.finish()
        clientsGauge.record(count)
        logger.info("stream client disconnected", metadata: ["ws.client": "\(client.id)", "ws.dropped": "\(client.dropped)"])
    }

    func run() async throws {
        subscriber.start()
        await withGracefulShutdownHandler {
            for await message in subscriber.messages {
                route(message)
            }
        } onGracefulShutdown: {
            self.subscriber.stop()
        }
        let remaining = lock.withLock { () -> [StreamClient] in
            closed = true
            defer { clients.removeAll() }
            return Array(clients.values)
        }
        for client in remaining { client.finish() }
    }

    /// One message to every client that asked for its channel, as
    /// `{"channel":"…","event":<the envelope as published>}`.
    func route(_ message: RedisMessage) {
        let targets = lock.withLock { clients.values.filter { $0.filter.matches(message.channel) } }
        guard !targets.isEmpty else { return }
        guard let data = message.payload.data(using: .utf8),
              (try? JSONSerialization.jsonObject(with: data)) is [String: Any] else {
            malformed.increment()
            logger.warning("stream message is not a JSON object, dropped", metadata: ["redis.channel": "\(message.channel)"])
            return
        }
        let frame = "{\"channel\":\(JSONResponse.quote(message.channel)),\"event\":\(message.payload)}"
        for client in targets { client.offer(frame) }
        delivered.increment(by: targets.count)
    }
}
