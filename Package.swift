// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "AITRAPP",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "marketdata", targets: ["Marketdata"]),
        .executable(name: "strategy-ranker", targets: ["StrategyRanker"]),
        .executable(name: "risk-gate", targets: ["RiskGate"]),
        .executable(name: "executor", targets: ["Executor"]),
        .executable(name: "scheduler-worker", targets: ["SchedulerWorker"]),
        .executable(name: "control-api", targets: ["ControlAPI"]),
        .executable(name: "migrate", targets: ["Migrate"]),
        .executable(name: "latency-bench", targets: ["LatencyBench"]),
        .executable(name: "core-bench", targets: ["CoreBench"]),
        .executable(name: "publish-bench", targets: ["PublishBench"]),
        .executable(name: "aitrapp", targets: ["AitrappCLI"]),
        .library(name: "TradingCore", targets: ["TradingCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket.git", from: "2.8.1"),
    ],
    targets: [
        // C libraries, each wrapped by exactly one Swift module.
        .systemLibrary(name: "CHiredis", path: "Shared/CHiredis", pkgConfig: "hiredis",
                       providers: [.apt(["libhiredis-dev"])]),
        .systemLibrary(name: "CLibpq", path: "Shared/CLibpq", pkgConfig: "libpq",
                       providers: [.apt(["libpq-dev"])]),

        // The pure trading core: value types, no I/O, no clocks, no unseeded randomness.
        .target(name: "TradingCore", path: "Shared/TradingCore"),
        // The message envelope and the channel catalog (pure, Codable).
        .target(name: "Messages", dependencies: ["TradingCore"], path: "Shared/Messages"),
        // Shells around the C libraries.
        .target(name: "RedisBus", dependencies: ["CHiredis", .product(name: "Logging", package: "swift-log")],
                path: "Shared/RedisBus"),
        .target(name: "PostgresStore", dependencies: ["CLibpq", "TradingCore", "Messages",
                                                      .product(name: "Logging", package: "swift-log")],
                path: "Shared/PostgresStore"),
        // Config, logging, metrics, lifecycle shared by every executable.
        .target(name: "ServiceKit", dependencies: [
            "TradingCore", "Messages", "RedisBus", "PostgresStore",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Metrics", package: "swift-metrics"),
            .product(name: "Prometheus", package: "swift-prometheus"),
            .product(name: "Yams", package: "Yams"),
        ], path: "Shared/ServiceKit"),

        // marketdata's feeds and publisher (a library so benchmarks and tests can drive them).
        .target(name: "MarketFeeds", dependencies: [
            "ServiceKit", .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
        ], path: "Shared/MarketFeeds"),
        .executableTarget(name: "Marketdata", dependencies: ["MarketFeeds", "ServiceKit", "Messages"], path: "Services/Marketdata"),
        .executableTarget(name: "StrategyRanker", dependencies: ["ServiceKit"], path: "Services/StrategyRanker"),
        .executableTarget(name: "RiskGate", dependencies: ["ServiceKit"], path: "Services/RiskGate"),
        .executableTarget(name: "Executor", dependencies: [
            "ServiceKit", .product(name: "Hummingbird", package: "hummingbird"),
        ], path: "Services/Executor"),
        .executableTarget(name: "SchedulerWorker", dependencies: ["ServiceKit"], path: "Services/SchedulerWorker"),
        .executableTarget(name: "ControlAPI", dependencies: [
            "ServiceKit", "RedisBus", "Messages", .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
            .product(name: "Metrics", package: "swift-metrics"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ], path: "Services/ControlAPI"),
        .executableTarget(name: "Migrate", dependencies: ["ServiceKit"], path: "Services/Migrate"),
        .executableTarget(name: "LatencyBench", dependencies: [
            "ServiceKit", .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
        ], path: "Services/LatencyBench"),
        .executableTarget(name: "PublishBench", dependencies: ["MarketFeeds", "ServiceKit"], path: "Services/PublishBench"),
        .executableTarget(name: "CoreBench", dependencies: ["TradingCore"], path: "Services/CoreBench"),
        .executableTarget(name: "AitrappCLI", dependencies: [
            "TradingCore", "PostgresStore", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Yams", package: "Yams"), .product(name: "Logging", package: "swift-log"),
        ], path: "Services/AitrappCLI"),

        .testTarget(name: "TradingCoreTests", dependencies: ["TradingCore", "Messages"], path: "Tests/TradingCoreTests"),
        // Real Redis and Postgres, no mocks: URLs from AITRAPP_REDIS_URL / AITRAPP_POSTGRES_URL.
        .target(name: "TestSupport", dependencies: [
            "RedisBus", "PostgresStore",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
        ], path: "Tests/TestSupport"),
        .testTarget(name: "IntegrationTests", dependencies: [
            "TestSupport", "RedisBus", "PostgresStore", "ServiceKit", "MarketFeeds", "TradingCore", "Messages",
            .product(name: "Metrics", package: "swift-metrics"),
            .product(name: "Prometheus", package: "swift-prometheus"),
        ],
                    path: "Tests/IntegrationTests"),
        // Starts the real service processes against a private Redis and a fresh database.
        .testTarget(name: "EndToEndTests", dependencies: ["TestSupport", "RedisBus", "PostgresStore", "Messages", "TradingCore",
                                                          .product(name: "HummingbirdWSClient", package: "hummingbird-websocket")],
                    path: "Tests/EndToEndTests", exclude: ["Fixtures"]),
    ]
)
