import Foundation
import Logging
import MarketFeeds
import Metrics
import Prometheus
import ServiceKit
import Testing
import TestSupport
import TradingCore

/// The Kite ticker client against a local WebSocket server speaking Kite's protocol, fed
/// the real frames of ../shared/data/kite/ticker_*.packet. No mocks: real sockets, the real
/// parser, real reconnects.
@Suite("Kite ticker client", .serialized)
struct KiteTickerClientTests {
    static let kiteDirectory = TestEnvironment.root.appendingPathComponent("../shared/data/kite").standardizedFileURL.path
    static let fixturesPresent = ["ticker_full.packet", "ticker_quote.packet"]
        .allSatisfy { FileManager.default.fileExists(atPath: kiteDirectory + "/" + $0) }

    /// Counters land in this registry (bootstrapped once for the test process).
    static let registry: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return registry
    }()

    static func packet(_ name: String) throws -> [UInt8] {
        let text = try String(contentsOfFile: kiteDirectory + "/" + name, encoding: .utf8)
        return [UInt8](try #require(Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines))))
    }

    static func be32(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24 & 0xFF), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }

    static let infy: UInt32 = 408_065
    static let nifty: UInt32 = 256_265
    static let subscription = KiteSubscription(tokens: [nifty, infy], mode: .full)
    static let expectedSubscribe = #"{"a":"subscribe","v":[256265,408065]}"#
    static let expectedMode = #"{"a":"mode","v":["full",[256265,408065]]}"#
    /// Wednesday 2025-09-10 10:00 IST: the market is open.
    static let marketOpen = Date(timeIntervalSince1970: 1_757_478_600)

    static func client(_ server: KiteTestServer, clock: any ServiceClock = ManualClock(marketOpen),
                       silenceSeconds: Double = 3600) -> KiteTickerClient {
        var logger = Logger(label: "kite-client-test")
        logger.logLevel = .warning
        return KiteTickerClient(
            configuration: .init(url: server.url, credentials: KiteCredentials(apiKey: "test key", accessToken: "tok/en+1"),
                                 subscription: subscription, silenceSeconds: silenceSeconds, checkInterval: .milliseconds(50),
                                 reconnectInitialMilliseconds: 50, reconnectMaximumMilliseconds: 400),
            clock: clock, logger: logger)
    }

    /// Runs the client until `body` returns, then cancels it.
    static func withClient(_ client: KiteTickerClient, _ events: KiteEventLog,
                           _ body: () async throws -> Void) async throws {
        let task = Task { await client.run { await events.append($0) } }
        defer { task.cancel() }
        try await body()
        task.cancel()
        _ = await task.value
    }

    static func metric(_ line: String) -> Int? {
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        let text = String(decoding: buffer, as: UTF8.self)
        return text.split(separator: "\n").first { $0.hasPrefix(line + " ") }.flatMap { Int($0.split(separator: " ").last ?? "") }
    }

    @Test("subscribes with the tokens and mode, delivers exactly what the parser yields, counts and skips bad packets",
          .enabled(if: fixturesPresent))
    func realFrames() async throws {
        _ = Self.registry
        let full = try Self.packet("ticker_full.packet"), quote = try Self.packet("ticker_quote.packet")
        let ltp = Array(quote.prefix(KiteTickerFrameParser.ltpLength))
        let index = Self.be32(Self.nifty) + Self.be32(2_497_755)    // an LTP packet of NIFTY 50: ₹24,977.55
        let frames: [[UInt8]] = [
            KiteTestServer.message([full, quote]),
            KiteTestServer.message([index, ltp]),
            Array(KiteTestServer.message([quote, full]).prefix(100)),   // the full packet cut short
            KiteTestServer.message([Array(repeating: 0x5A, count: 10), ltp]),  // a packet of unknown length
            KiteTestServer.message([full]),
        ]
        let truncatedBefore = Self.metric(#"aitrapp_kite_packets_skipped_total{reason="truncated"}"#) ?? 0
        let unknownBefore = Self.metric(#"aitrapp_kite_packets_skipped_total{reason="unknown_length"}"#) ?? 0
        let server = try await KiteTestServer { _, send in
            try await send.binary([0x00])                             // heartbeat
            try await send.text(#"{"type":"error","data":"subscription limit"}"#)
            for frame in frames { try await send.binary(frame) }
            try await Task.sleep(for: .seconds(60))                  // stay connected
        }
        let events = KiteEventLog()
        try await Self.withClient(Self.client(server), events) {
            let delivered = await TestEnvironment.eventually { await events.frames.count == frames.count }
            #expect(delivered)
        }
        await server.stop()

        let connections = await server.recorder.connections
        try #require(connections.count == 1)
        #expect(connections[0].texts == [Self.expectedSubscribe, Self.expectedMode])
        #expect(connections[0].path == "/?api_key=test%20key&access_token=tok%2Fen%2B1")

        let received = await events.frames
        #expect(received == frames.map(KiteTickerFrameParser.parse))
        #expect(received.flatMap(\.ticks).count == 7)
        #expect(received[2].truncatedPackets == 1 && received[2].ticks.count == 1)
        #expect(received[3].unknownLengthPackets == 1 && received[3].ticks.count == 1)
        let log = await events.all
        #expect(log.contains(.heartbeat))
        #expect(log.contains(.text(type: "error")))
        #expect(!log.contains { if case .disconnected = $0 { true } else { false } })
        #expect((Self.metric(#"aitrapp_kite_packets_skipped_total{reason="truncated"}"#) ?? 0) >= truncatedBefore + 1)
        #expect((Self.metric(#"aitrapp_kite_packets_skipped_total{reason="unknown_length"}"#) ?? 0) >= unknownBefore + 1)
    }

    @Test("a dropped connection is reconnected and subscribed again with the same tokens and mode",
          .enabled(if: fixturesPresent))
    func reconnectsAndResubscribes() async throws {
        let full = try Self.packet("ticker_full.packet")
        let server = try await KiteTestServer { connection, send in
            await send.waitForTexts(2)                               // the subscribe and mode messages
            try await send.binary(KiteTestServer.message([full]))
            if connection < 2 { return }                              // drop the first two connections
            try await Task.sleep(for: .seconds(60))
        }
        let events = KiteEventLog()
        try await Self.withClient(Self.client(server), events) {
            let third = await TestEnvironment.eventually { await events.frames.count == 3 }
            #expect(third)
        }
        await server.stop()

        let connections = await server.recorder.connections
        #expect(connections.count == 3)
        for connection in connections {
            #expect(connection.texts == [Self.expectedSubscribe, Self.expectedMode])
        }
        let log = await events.all
        #expect(log.filter { if case .connected = $0 { true } else { false } } == [
            .connected(attempt: 1), .connected(attempt: 2), .connected(attempt: 3)])
        #expect(log.contains(.disconnected(reason: "closed", retryInMilliseconds: 50)))
        #expect(await events.frames.flatMap(\.ticks).map(\.instrumentToken) == [Self.infy, Self.infy, Self.infy])
    }

    @Test("a feed silent during market hours is closed, reported and reconnected with a new subscription",
          .enabled(if: fixturesPresent))
    func silentFeed() async throws {
        let full = try Self.packet("ticker_full.packet")
        let server = try await KiteTestServer { connection, send in
            if connection == 0 { try await send.binary(KiteTestServer.message([full])) }
            while true {                                              // heartbeats only: no ticks
                try await send.binary([0x00])
                try await Task.sleep(for: .milliseconds(100))
            }
        }
        let clock = ManualClock(Self.marketOpen)
        let events = KiteEventLog()
        try await Self.withClient(Self.client(server, clock: clock, silenceSeconds: 5), events) {
            #expect(await TestEnvironment.eventually { await events.frames.count == 1 })
            // Within the window nothing happens, however long the wall clock runs.
            clock.advance(by: 4)
            try await Task.sleep(for: .milliseconds(300))
            #expect(await server.recorder.connections.count == 1)
            clock.advance(by: 2)
            #expect(await TestEnvironment.eventually { await server.recorder.connections.count == 2 })
            #expect(await TestEnvironment.eventually { await server.recorder.connections.last?.texts.count == 2 })
            // Still silent on the new connection: reconnected again, but reported once per streak.
            clock.advance(by: 6)
            #expect(await TestEnvironment.eventually { await server.recorder.connections.count == 3 })
        }
        await server.stop()

        let connections = await server.recorder.connections
        #expect(connections.prefix(2).allSatisfy { $0.texts == [Self.expectedSubscribe, Self.expectedMode] })
        #expect(!connections[0].isOpen)
        let silences = await events.all.filter { if case .silent = $0 { true } else { false } }
        #expect(silences == [.silent(seconds: 6, consecutive: 1, report: true), .silent(seconds: 12, consecutive: 2, report: false)])
        #expect(await events.all.contains(.disconnected(reason: "silent", retryInMilliseconds: 50)))
    }

    @Test("outside market hours a quiet feed is left alone")
    func closedMarketIsNotSilent() async throws {
        let server = try await KiteTestServer { _, _ in try await Task.sleep(for: .seconds(60)) }
        let saturday = ManualClock(Date(timeIntervalSince1970: 1_757_737_800))  // 2025-09-13 10:00 IST
        let events = KiteEventLog()
        try await Self.withClient(Self.client(server, clock: saturday, silenceSeconds: 1), events) {
            #expect(await TestEnvironment.eventually { await server.recorder.connections.count == 1 })
            saturday.advance(by: 3600)
            try await Task.sleep(for: .milliseconds(300))
        }
        await server.stop()
        #expect(await server.recorder.connections.count == 1)
        #expect(!(await events.all.contains { if case .silent = $0 { true } else { false } }))
    }

    @Test("a refused connection is retried with backoff until a server answers")
    func connectionRefused() async throws {
        let port = TestEnvironment.freePort()
        var logger = Logger(label: "kite-client-test")
        logger.logLevel = .critical
        let client = KiteTickerClient(
            configuration: .init(url: "ws://127.0.0.1:\(port)/", credentials: KiteCredentials(apiKey: "k", accessToken: "t"),
                                 subscription: Self.subscription, reconnectInitialMilliseconds: 20, reconnectMaximumMilliseconds: 80),
            clock: ManualClock(Self.marketOpen), logger: logger)
        #expect(!client.redactedURL.contains("k&") && client.redactedURL.hasSuffix("?api_key=<redacted>&access_token=<redacted>"))
        let events = KiteEventLog()
        try await Self.withClient(client, events) {
            #expect(await TestEnvironment.eventually {
                await events.all.filter { if case .disconnected = $0 { true } else { false } }.count >= 4
            })
        }
        let delays = await events.all.compactMap { event -> Int? in
            if case let .disconnected(reason, delay) = event, reason == "error" { delay } else { nil }
        }
        #expect(Array(delays.prefix(4)) == [20, 40, 80, 80])
    }
}
