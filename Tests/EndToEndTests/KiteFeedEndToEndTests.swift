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

    /// A Kite packet: big-endian 32-bit fields (prices in paise), as the ticker sends them.
    static func packet(_ fields: [Int64], length: Int) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: length)
        for (index, value) in fields.enumerated() where index * 4 + 4 <= length {
            for byte in 0..<4 { bytes[index * 4 + byte] = UInt8(truncatingIfNeeded: value >> (24 - 8 * Int64(byte))) }
        }
        return bytes
    }

    /// A 184-byte full-mode option packet with one level of depth each side.
    static func optionPacket(token: Int64, last: Int64, bid: Int64, ask: Int64, volume: Int64, oi: Int64) -> [UInt8] {
        var bytes = packet([token, last, 75, last, volume, 1_000, 1_000, last, last, last, last, 1_757_478_600, oi, oi, oi, 1_757_478_600], length: 184)
        let levels = packet([75, bid], length: 8) + [0, 1, 0, 0] + [UInt8](repeating: 0, count: 48) + packet([75, ask], length: 8) + [0, 1, 0, 0]
        bytes.replaceSubrange(64..<(64 + levels.count), with: levels)
        return bytes
    }

    @Test("with an instrument file, the nearest-expiry options are subscribed and md.chain.<UNDERLYING> is built from their ticks")
    func optionChainFromTicks() async throws {
        let call = Int64(10_000 << 8 | 2), put = Int64(10_001 << 8 | 2), later = Int64(10_002 << 8 | 2)   // NFO tokens end in segment 2
        let instruments = FileManager.default.temporaryDirectory.appendingPathComponent(TestEnvironment.uniqueName("instruments") + ".csv")
        try """
            instrument_token,exchange_token,tradingsymbol,name,last_price,expiry,strike,tick_size,lot_size,instrument_type,segment,exchange
            256265,1001,NIFTY 50,NIFTY 50,0,,0,0,0,EQ,INDICES,NSE
            \(call),10000,NIFTY25SEP24950CE,NIFTY,0,2025-09-16,24950,0.05,75,CE,NFO-OPT,NFO
            \(put),10001,NIFTY25SEP24950PE,NIFTY,0,2025-09-16,24950,0.05,75,PE,NFO-OPT,NFO
            \(later),10002,NIFTY25SEP24950CE2,NIFTY,0,2025-09-23,24950,0.05,75,CE,NFO-OPT,NFO
            """.write(to: instruments, atomically: true, encoding: .utf8)
        let index = Self.packet([256_265, 2_495_000, 2_500_000, 2_490_000, 2_495_000, 2_494_000, 0, 1_757_478_600], length: 32)
        let options = [Self.optionPacket(token: call, last: 25_000, bid: 24_950, ask: 25_050, volume: 90_000, oi: 30_000),
                       Self.optionPacket(token: put, last: 22_000, bid: 21_950, ask: 22_050, volume: 80_000, oi: 40_000)]
        let server = try await KiteTestServer { _, send in
            while true {
                try await send.binary(KiteTestServer.message([index] + options))
                try await Task.sleep(for: .milliseconds(200))
            }
        }
        let stack = try await ServiceStack(overrides: [
            "AITRAPP_MARKETDATA_FEED": "kite", "AITRAPP_MARKETDATA_KITE_URL": server.url, "AITRAPP_MARKETDATA_SYMBOLS": "NIFTY",
            "AITRAPP_MARKETDATA_INSTRUMENTS_FILE": instruments.path, "AITRAPP_MARKETDATA_KITE_CHAIN_SECONDS": "1",
            "AITRAPP_MARKETDATA_CLOCK_START": "2025-09-10T10:00:00+05:30",
        ])
        let recorder = try EventRecorder(redisURL: stack.redisURL)
        #expect(await recorder.start())
        try stack.start("marketdata", extraEnvironment: ["KITE_API_KEY": "e2e-key", "KITE_ACCESS_TOKEN": "e2e-token"])
        let chained = await TestEnvironment.eventually(timeout: .seconds(30)) { recorder.all.contains { $0.channel == "md.chain.NIFTY" } }
        let raw = recorder.all.first { $0.channel == "md.chain.NIFTY" }?.raw ?? ""
        let log = stack.log("marketdata")
        recorder.stop()
        await stack.shutdown()
        let connections = await server.recorder.connections
        await server.stop()

        #expect(chained, "\(log.suffix(3000))")
        #expect(connections.first?.texts.first == "{\"a\":\"subscribe\",\"v\":[256265,\(call),\(put)]}")
        let chain = try MessageCoding.makeDecoder().decode(Envelope<ChainPayload>.self, from: Data(raw.utf8)).payload
        #expect(chain.expiry == "2025-09-16" && chain.spotPaise == 2_495_000 && chain.atmStrikePaise == 2_495_000)
        #expect(chain.rows.map(\.kind) == ["CE", "PE"])
        #expect(chain.rows.first?.bidPaise == 24_950 && chain.rows.first?.openInterest == 30_000)
        #expect(chain.rows.allSatisfy { ($0.iv ?? 0) > 0.05 && ($0.iv ?? 1) < 1 && $0.delta != nil }, "\(chain.rows)")
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
