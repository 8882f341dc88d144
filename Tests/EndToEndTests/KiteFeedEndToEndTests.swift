import Foundation
import Messages
import Testing
import TestSupport

/// The real marketdata executable on `feed: kite`, pointed at a local WebSocket server that
/// speaks Kite's protocol and sends the real ../shared/data/kite/ticker_full.packet.
@Suite("End to end: marketdata on the Kite ticker", .serialized)
struct KiteFeedEndToEndTests {
    static let packetPath = TestEnvironment.root.appendingPathComponent("../shared/data/kite/ticker_full.packet").standardizedFileURL.path
    static let fixturePresent = FileManager.default.fileExists(atPath: packetPath)

    @Test("ticks are published on md.tick.<SYMBOL>; a silent feed in market hours reconnects and raises feed.silent",
          .enabled(if: fixturePresent))
    func publishesTicksAndReportsSilence() async throws {
        let text = try String(contentsOfFile: Self.packetPath, encoding: .utf8)
        let packet = [UInt8](try #require(Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines))))
        let server = try await KiteTestServer { connection, send in
            if connection == 0 { try await send.binary(KiteTestServer.message([packet])) }
            while true {                                   // then heartbeats only
                try await send.binary([0x00])
                try await Task.sleep(for: .milliseconds(200))
            }
        }
        let stack = try await ServiceStack(overrides: [
            "AITRAPP_MARKETDATA_FEED": "kite",
            "AITRAPP_MARKETDATA_KITE_URL": server.url,
            "AITRAPP_MARKETDATA_KITE_TOKENS": "INFY=408065",
            "AITRAPP_MARKETDATA_KITE_SILENCE_SECONDS": "2",
            "AITRAPP_MARKETDATA_KITE_RECONNECT_INITIAL_MS": "100",
            // Wednesday 10:00 IST, so the market is open for the watchdog.
            "AITRAPP_MARKETDATA_CLOCK_START": "2025-09-10T10:00:00+05:30",
        ])
        let recorder = try EventRecorder(redisURL: stack.redisURL)
        #expect(await recorder.start())
        try stack.start("marketdata", extraEnvironment: ["KITE_API_KEY": "e2e-key", "KITE_ACCESS_TOKEN": "e2e-secret-token"])
        let ticked = await TestEnvironment.eventually(timeout: .seconds(30)) {
            recorder.all.contains { $0.channel == "md.tick.INFY" }
        }
        let silent = await TestEnvironment.eventually(timeout: .seconds(30)) {
            recorder.all.contains { $0.channel == Channel.risk && $0.raw.contains("feed.silent") }
        }
        let resubscribed = await TestEnvironment.eventually(timeout: .seconds(10)) {
            let connections = await server.recorder.connections
            return connections.count >= 2 && connections[1].texts.count == 2
        }
        let db = stack.database.connect()
        let rows = try await db.query("SELECT kind, severity FROM risk_events")
        let tickRaw = recorder.all.first { $0.channel == "md.tick.INFY" }?.raw ?? ""
        recorder.stop()
        let status = await stack.stop("marketdata")
        let log = stack.log("marketdata")
        await stack.shutdown()
        let connections = await server.recorder.connections
        await server.stop()

        #expect(ticked)
        #expect(status == 0, "SIGTERM stops the kite feed gracefully")
        let tick = try MessageCoding.makeDecoder().decode(Envelope<TickPayload>.self, from: Data(tickRaw.utf8)).payload
        #expect(tick.symbol == "INFY" && tick.lastPricePaise == 157_370 && tick.bidPaise == 157_340 && tick.askPaise == 157_370)
        #expect(silent)
        #expect(resubscribed)
        #expect(connections.allSatisfy { $0.texts.prefix(2) == [#"{"a":"subscribe","v":[408065]}"#, #"{"a":"mode","v":["full",[408065]]}"#] })
        #expect(connections.first?.path == "/?api_key=e2e-key&access_token=e2e-secret-token")
        #expect(try rows.map { try $0.string("kind") + "/" + $0.string("severity") }.contains("feed.silent/WARNING"))
        #expect(!log.contains("e2e-secret-token"), "the access token never appears in the log")
        #expect(log.contains("access_token=<redacted>"))
    }

    @Test("feed kite without credentials stops at start, naming the environment variables")
    func missingCredentials() async throws {
        let stack = try await ServiceStack(overrides: ["AITRAPP_MARKETDATA_FEED": "kite",
                                                       "AITRAPP_MARKETDATA_KITE_TOKENS": "INFY=408065"])
        try stack.start("marketdata")
        let exited = await TestEnvironment.eventually(timeout: .seconds(15)) { !stack.isRunning("marketdata") }
        let status = await stack.stop("marketdata")
        let log = stack.log("marketdata")
        await stack.shutdown()
        #expect(exited)
        #expect(status == 2)
        #expect(log.contains("KITE_API_KEY") && log.contains("KITE_ACCESS_TOKEN"))
    }
}
