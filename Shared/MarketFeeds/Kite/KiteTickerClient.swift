import Foundation
import HummingbirdWSClient
import Logging
import Metrics
import NIOCore
import RedisBus
import ServiceKit
import ServiceLifecycle
import TradingCore

/// The Kite Connect v3 WebSocket ticker: connects to `url?api_key=…&access_token=…`,
/// subscribes the tokens in the configured mode, decodes every binary message with
/// `KiteTickerFrameParser`, and reports what happens as `KiteTickerEvent`s.
///
/// - Heartbeats are reported and otherwise ignored; text messages are reported by their
///   `type` only (their data can hold order details).
/// - Packets the parser skips are counted in `aitrapp_kite_packets_skipped_total{reason}`
///   (`truncated`, `unknown_length`, `unsupported_segment`) and a message with bytes after
///   its last packet in `aitrapp_kite_frames_rejected_total{reason="trailing_bytes"}`;
///   nothing a server sends stops the client.
/// - When the connection ends, fails or is closed as silent, the client reconnects after an
///   exponential backoff (`reconnect_initial_ms`, doubling, capped at `reconnect_max_ms`),
///   reset once a connection has delivered a tick or stayed up for `healthyAfter`, and
///   subscribes again on the new connection.
/// - A `FeedWatchdog` checks the clock every `checkInterval`: no tick for `silenceSeconds`
///   while the market is open closes the connection (`.silent`), then reconnects.
///
/// The credentials are never logged: every URL in a log line is `redactedURL`.
public struct KiteTickerClient: Sendable {
    public struct Configuration: Sendable {
        public var url: String
        public var credentials: KiteCredentials
        public var subscription: KiteSubscription
        public var silenceSeconds: Double
        public var checkInterval: Duration
        public var reconnectInitialMilliseconds: Int
        public var reconnectMaximumMilliseconds: Int
        public var healthyAfter: Duration

        public init(url: String, credentials: KiteCredentials, subscription: KiteSubscription, silenceSeconds: Double = 10,
                    checkInterval: Duration = .milliseconds(250), reconnectInitialMilliseconds: Int = 500,
                    reconnectMaximumMilliseconds: Int = 30_000, healthyAfter: Duration = .seconds(30)) {
            self.url = url
            self.credentials = credentials
            self.subscription = subscription
            self.silenceSeconds = silenceSeconds
            self.checkInterval = checkInterval
            self.reconnectInitialMilliseconds = reconnectInitialMilliseconds
            self.reconnectMaximumMilliseconds = reconnectMaximumMilliseconds
            self.healthyAfter = healthyAfter
        }
    }

    /// Why one connection ended.
    private enum Ending: Sendable {
        case closedByServer
        case silent
    }

    public let configuration: Configuration
    let clock: any ServiceClock
    let logger: Logger

    /// Kite's largest message is well under this (a 3,000-instrument full frame is ~560 KB).
    static let maxMessageSize = 4 << 20

    public init(configuration: Configuration, clock: any ServiceClock, logger: Logger) {
        self.configuration = configuration
        self.clock = clock
        self.logger = logger
    }

    /// The URL with the credentials as query parameters (never logged).
    var connectURL: String {
        let separator = configuration.url.contains("?") ? "&" : "?"
        return configuration.url + separator + "api_key=" + Self.percentEncoded(configuration.credentials.apiKey)
            + "&access_token=" + Self.percentEncoded(configuration.credentials.accessToken)
    }

    /// The URL as it may appear in a log line.
    public var redactedURL: String {
        let separator = configuration.url.contains("?") ? "&" : "?"
        return configuration.url + separator + "api_key=<redacted>&access_token=<redacted>"
    }

    private static func percentEncoded(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }

    /// Connects, and reconnects, until the task is cancelled or the service shuts down.
    public func run(onEvent: @escaping @Sendable (KiteTickerEvent) async -> Void) async {
        let monitor = KiteConnectionMonitor(silenceSeconds: configuration.silenceSeconds)
        var backoff = Backoff(initialMilliseconds: configuration.reconnectInitialMilliseconds,
                              maximumMilliseconds: configuration.reconnectMaximumMilliseconds)
        var attempt = 0
        let reconnects = Counter(label: "aitrapp_kite_connections_total")
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            attempt += 1
            reconnects.increment()
            let started = ContinuousClock.now
            let reason: String
            do {
                let ending = try await connectOnce(attempt: attempt, monitor: monitor, onEvent: onEvent)
                reason = ending == .silent ? "silent" : "closed"
            } catch {
                if Task.isCancelled || Task.isShuttingDownGracefully { return }
                reason = "error"
                // The error's text could echo the URL with its query: log its type only.
                logger.warning("kite ticker connection failed", metadata: [
                    "kite.url": "\(redactedURL)", "kite.attempt": "\(attempt)", "error.type": "\(type(of: error))"])
            }
            if Task.isCancelled || Task.isShuttingDownGracefully { return }
            if await monitor.tickSeen || ContinuousClock.now - started >= configuration.healthyAfter { backoff.reset() }
            let delay = backoff.nextDelayMilliseconds()
            Counter(label: "aitrapp_kite_disconnects_total", dimensions: [("reason", reason)]).increment()
            logger.info("kite ticker disconnected, reconnecting", metadata: [
                "kite.reason": "\(reason)", "kite.attempt": "\(attempt)", "kite.retry_ms": "\(delay)"])
            await onEvent(.disconnected(reason: reason, retryInMilliseconds: delay))
            try? await Task.sleep(for: .milliseconds(delay))
        }
    }

    /// One connection: subscribe, then read messages and watch the clock until either ends it.
    private func connectOnce(attempt: Int, monitor: KiteConnectionMonitor,
                             onEvent: @escaping @Sendable (KiteTickerEvent) async -> Void) async throws -> Ending {
        var wsConfiguration = WebSocketClientConfiguration()
        wsConfiguration.maxFrameSize = Self.maxMessageSize
        wsConfiguration.closeTimeout = .seconds(2)
        let subscription = configuration.subscription
        let checkInterval = configuration.checkInterval
        let clock = self.clock
        let logger = self.logger
        let url = redactedURL
        try await WebSocketClient.connect(url: connectURL, configuration: wsConfiguration, logger: logger) { inbound, outbound, _ in
            try await outbound.write(.text(subscription.subscribeMessage))
            try await outbound.write(.text(subscription.modeMessage))
            await monitor.connected(at: clock.now())
            logger.info("kite ticker connected", metadata: [
                "kite.url": "\(url)", "kite.attempt": "\(attempt)", "kite.tokens": "\(subscription.tokens.count)",
                "kite.mode": "\(subscription.mode.rawValue)"])
            await onEvent(.connected(attempt: attempt))
            let ending = try await withThrowingTaskGroup(of: Ending.self) { group in
                group.addTask {
                    for try await message in inbound.messages(maxSize: Self.maxMessageSize) {
                        await Self.handle(message, monitor: monitor, clock: clock, logger: logger, onEvent: onEvent)
                    }
                    return .closedByServer
                }
                group.addTask {
                    while !Task.isCancelled {
                        try await Task.sleep(for: checkInterval)
                        if case let .reconnect(seconds, consecutive, report) = await monitor.check(at: clock.now()) {
                            await monitor.markSilent()
                            Counter(label: "aitrapp_kite_silences_total").increment()
                            logger.warning("kite ticker silent, reconnecting", metadata: [
                                "kite.silent_seconds": "\(seconds)", "kite.consecutive": "\(consecutive)"])
                            await onEvent(.silent(seconds: seconds, consecutive: consecutive, report: report))
                            return .silent
                        }
                    }
                    return .closedByServer
                }
                let first = try await group.next() ?? .closedByServer
                group.cancelAll()
                return first
            }
            if ending == .silent { try? await outbound.close(.goingAway, reason: "silent feed") }
        }
        return await monitor.endedSilent ? .silent : .closedByServer
    }

    private static func handle(_ message: WebSocketMessage, monitor: KiteConnectionMonitor, clock: any ServiceClock,
                               logger: Logger, onEvent: @Sendable (KiteTickerEvent) async -> Void) async {
        switch message {
        case .binary(let buffer):
            let receivedAt = clock.now()
            let frame = KiteTickerFrameParser.parse(Array(buffer.readableBytesView))
            if frame.isHeartbeat {
                await onEvent(.heartbeat)
                return
            }
            count(frame)
            if !frame.ticks.isEmpty { await monitor.ticksArrived(at: receivedAt) }
            await onEvent(.frame(frame, receivedAt: receivedAt))
        case .text(let text):
            let type = textType(text)
            Counter(label: "aitrapp_kite_text_messages_total", dimensions: [("type", type)]).increment()
            if type == "error" {
                logger.warning("kite ticker error message", metadata: ["kite.message_type": "\(type)"])
            } else {
                logger.info("kite ticker text message", metadata: ["kite.message_type": "\(type)"])
            }
            await onEvent(.text(type: type))
        }
    }

    private static func count(_ frame: KiteTickerFrame) {
        for (reason, packets) in [("truncated", frame.truncatedPackets), ("unknown_length", frame.unknownLengthPackets),
                                  ("unsupported_segment", frame.unsupportedSegmentPackets)] where packets > 0 {
            Counter(label: "aitrapp_kite_packets_skipped_total", dimensions: [("reason", reason)]).increment(by: packets)
        }
        if frame.trailingBytes > 0 {
            Counter(label: "aitrapp_kite_frames_rejected_total", dimensions: [("reason", "trailing_bytes")]).increment()
        }
    }

    /// The `type` of a JSON text message, or `unparseable` (a bounded label set for the metric).
    static func textType(_ text: String) -> String {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
              let type = object["type"] as? String else { return "unparseable" }
        return ["order", "error", "message"].contains(type) ? type : "other"
    }
}
