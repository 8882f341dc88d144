import Foundation
import Logging
import Messages
import PostgresStore
import Prometheus
import RedisBus
import ServiceLifecycle
import TradingCore

#if canImport(Glibc)
import Glibc
#endif

/// What every service process sets up the same way: configuration, logging, metrics,
/// Redis, Postgres, the bus and the clock.
public struct ServiceKitContext: Sendable {
    public let name: String
    public let config: AppConfig
    public let logger: Logger
    public let registry: PrometheusCollectorRegistry
    public let redisConfiguration: RedisConfiguration
    public let redis: RedisClient
    public let database: PostgresDatabase
    public let bus: EventBus
    public let clock: any ServiceClock

    /// A context from parts, without touching the process-wide logging and metrics systems
    /// (for tests and tools that drive a service's components in-process).
    public init(name: String, config: AppConfig, logger: Logger, redisConfiguration: RedisConfiguration,
                database: PostgresDatabase, clock: any ServiceClock, registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        let redis = RedisClient(configuration: redisConfiguration.named(name), logger: logger, label: "\(name).commands")
        self.init(name: name, config: config, logger: logger, registry: registry, redisConfiguration: redisConfiguration,
                  redis: redis, database: database, bus: EventBus(redis: redis, source: name, clock: clock, logger: logger), clock: clock)
    }

    private init(name: String, config: AppConfig, logger: Logger, registry: PrometheusCollectorRegistry,
                 redisConfiguration: RedisConfiguration, redis: RedisClient, database: PostgresDatabase, bus: EventBus,
                 clock: any ServiceClock) {
        self.name = name
        self.config = config
        self.logger = logger
        self.registry = registry
        self.redisConfiguration = redisConfiguration
        self.redis = redis
        self.database = database
        self.bus = bus
        self.clock = clock
    }

    /// Reads config and bootstraps logging and metrics. Exits with a clear message on a bad config.
    public static func bootstrap(service name: String, clock: (any ServiceClock)? = nil) -> ServiceKitContext {
        signal(SIGPIPE, SIG_IGN)
        let config: AppConfig
        let redisConfiguration: RedisConfiguration
        do {
            config = try AppConfig.load()
            redisConfiguration = try RedisConfiguration(url: config.string("redis.url", default: "redis://127.0.0.1:6379")).named(name + ".sub")
        } catch {
            FileHandle.standardError.write(Data("\(name): \(error)\n".utf8))
            exit(2)
        }
        let registry = Observability.bootstrap(service: name, level: config.string("log.level", default: "info"))
        let logger = Logger(label: name)
        let clock = clock ?? SystemClock()
        let redis = RedisClient(configuration: redisConfiguration.named(name), logger: logger, label: "\(name).commands")
        let database = PostgresDatabase(url: config.string("postgres.url", default: "postgres://aitrapp@127.0.0.1:55432/aitrapp"),
                                        logger: logger, label: name)
        return ServiceKitContext(name: name, config: config, logger: logger, registry: registry,
                                 redisConfiguration: redisConfiguration, redis: redis, database: database,
                                 bus: EventBus(redis: redis, source: name, clock: clock, logger: logger), clock: clock)
    }

    /// The configuration alone, before logging is bootstrapped (to choose a clock, say).
    public static func bootstrapConfigOnly() -> AppConfig {
        do {
            return try AppConfig.load()
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            exit(2)
        }
    }

    /// The wall clock, or a simulated one when `<section>.clock_start` (ISO-8601) is set,
    /// running `<section>.clock_speed` simulated seconds per wall second (for tests and dry runs).
    /// Exits naming the key on a bad timestamp.
    public static func configuredClock(_ config: AppConfig, section: String, service: String) -> any ServiceClock {
        let start = config.string("\(section).clock_start", default: "")
        guard !start.isEmpty else { return SystemClock() }
        guard let startDate = Timestamp.parse(start) else {
            FileHandle.standardError.write(Data("\(service): config \(section).clock_start: expected an ISO-8601 timestamp\n".utf8))
            exit(2)
        }
        return ScaledClock(start: startDate, speed: (try? config.double("\(section).clock_speed", default: 1)) ?? 1)
    }

    /// Reads a config value or exits naming the bad key.
    public func require<T>(_ read: () throws -> T) -> T {
        do {
            return try read()
        } catch {
            logger.critical("invalid configuration", metadata: ["config.error": "\(error)"])
            FileHandle.standardError.write(Data("\(name): \(error)\n".utf8))
            exit(2)
        }
    }

    /// The metrics endpoint for the section's `metrics_port`.
    public func metricsServer(section: String, defaultPort: Int) -> some Service {
        let port = require { try config.int("\(section).metrics_port", default: defaultPort) }
        return MetricsServer.make(registry: registry, host: config.string("metrics.host", default: "127.0.0.1"),
                                  port: port, logger: logger)
    }

    public func heartbeat() -> HeartbeatService {
        HeartbeatService(redis: redis, service: name, clock: clock, logger: logger)
    }

    /// Runs the services until SIGTERM / SIGINT, then shuts them down gracefully in reverse order.
    public func run(_ services: [any Service]) async {
        let group = ServiceGroup(configuration: .init(services: services, gracefulShutdownSignals: [.sigterm, .sigint],
                                                      logger: logger))
        logger.info("service starting", metadata: ["service.name": "\(name)"])
        do {
            try await group.run()
            logger.info("service stopped", metadata: ["service.name": "\(name)"])
        } catch {
            logger.critical("service failed", metadata: ["service.name": "\(name)", "error": "\(error)"])
            exit(1)
        }
    }
}
