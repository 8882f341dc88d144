import Foundation
import Logging
import Messages
import RedisBus
import ServiceLifecycle

/// Sets `heartbeat:<service>` every `interval` with a TTL of three intervals, so the key
/// disappears soon after the process stops.
public struct HeartbeatService: Service {
    private let redis: RedisClient
    private let service: String
    private let interval: Duration
    private let clock: any ServiceClock
    private let logger: Logger

    public init(redis: RedisClient, service: String, clock: any ServiceClock, interval: Duration = .seconds(5), logger: Logger) {
        self.redis = redis
        self.service = service
        self.clock = clock
        self.interval = interval
        self.logger = logger
    }

    public func run() async throws {
        let ttl = Int(interval.components.seconds * 3)
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                try await redis.set(Channel.Key.heartbeat(service), Timestamp.format(clock.now()), ttlSeconds: max(ttl, 3))
            } catch {
                logger.warning("heartbeat failed", metadata: ["redis.error": "\(error)"])
            }
            try? await Task.sleep(for: interval)
        }
    }
}
