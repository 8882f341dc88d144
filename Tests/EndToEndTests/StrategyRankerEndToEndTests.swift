import Foundation
import Messages
import PostgresStore
import Testing
import TestSupport
import TradingCore

/// The real strategy-ranker and marketdata on the replayed fixture: every signal is stored with
/// its regime, score, rank and explanation under the bar's trace; the regime is published; and
/// `strategies.reload` on `control` applies an edited config file without a restart (a bad one
/// is refused naming the key).
@Suite("End to end: strategy-ranker signals, regime and reload", .serialized)
struct StrategyRankerEndToEndTests {
    @Test func rankedSignalsRegimeAndReload() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(TestEnvironment.uniqueName("aitrapp-ranker"))
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let configDir = TestEnvironment.root.appendingPathComponent("deploy/config")
        let original = try String(contentsOf: configDir.appendingPathComponent("aitrapp.yaml"), encoding: .utf8)
        let config = folder.appendingPathComponent("aitrapp.yaml")
        try original.write(to: config, atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(at: configDir.appendingPathComponent("events.csv"), to: folder.appendingPathComponent("events.csv"))
        try FileManager.default.copyItem(at: configDir.appendingPathComponent("calendar"), to: folder.appendingPathComponent("calendar"))
        let stack = try await ServiceStack(overrides: [
            "AITRAPP_CONFIG": config.path,
            "AITRAPP_MARKETDATA_FEED": "replay",
            "AITRAPP_MARKETDATA_REPLAY_FILE": PaperTradeEndToEndTests.fixture,
            "AITRAPP_MARKETDATA_REPLAY_SPEED": "2400",
        ])
        let recorder = try EventRecorder(redisURL: stack.redisURL)
        defer { try? FileManager.default.removeItem(at: folder) }
        do {
            #expect(await recorder.start())
            try stack.start("strategy-ranker")
            try #require(await TestEnvironment.eventually(timeout: .seconds(30)) { stack.log("strategy-ranker").contains("redis subscribed") })
            try stack.start("marketdata")
            let db = stack.database.connect()
            try #require(await TestEnvironment.eventually(timeout: .seconds(30)) {
                (try? await db.query("SELECT count(*) AS n FROM signals WHERE strategy = 'ema_cross'").first?.int("n")) == 1
            }, "no EMA-cross signal")
            let row = try #require(try await db.query("""
                SELECT trace, side, regime, score, rank, passed, target2_price, explanation::text AS explanation, config_sha
                FROM signals WHERE strategy = 'ema_cross'
                """).first)
            #expect(try row.string("side") == "BUY")
            #expect(["TREND", "RANGE", "VOLATILE"].contains(try row.string("regime")))
            #expect(try row.int("rank") >= 1 && row.bool("passed"))
            #expect(try row.double("score") > 0)
            let explanation = try row.string("explanation")
            for key in ["\"momentum\"", "\"reward_risk\"", "\"normalized\"", "\"contribution\"", "\"penalties\""] { #expect(explanation.contains(key)) }
            let trace = try row.string("trace")
            #expect(await TestEnvironment.eventually(timeout: .seconds(5)) {
                let types = Set(recorder.events(trace: trace).map { "\($0.channel)|\($0.header.type.rawValue)" })
                return types.contains("md.bar.1m.NIFTY|md.bar") && types.contains("signals|signal.created")
            })
            #expect(recorder.all.contains { $0.channel == "regime" && $0.header.type == .regimeUpdated })
            let firstSha = try row.string("config_sha")

            // A bad edit is refused naming the key; a good one is applied without a restart.
            let redis = RedisClientFactory.make(stack.redisURL)
            func reload() async throws {
                let envelope = Envelope(type: .strategiesReload, ts: Date(), source: "control-api", trace: TraceID.make(), mode: .paper,
                                        payload: ControlPayload(actor: "e2e"))
                try await redis.publish(String(decoding: try MessageCoding.makeEncoder().encode(envelope), as: UTF8.self), to: "control")
            }
            try original.replacingOccurrences(of: "    confirmations: 3", with: "    confirmations: three").write(to: config, atomically: true, encoding: .utf8)
            try await reload()
            #expect(await TestEnvironment.eventually(timeout: .seconds(10)) {
                stack.log("strategy-ranker").contains("strategies reload rejected") && stack.log("strategy-ranker").contains("strategies.orb.confirmations")
            })
            try original.replacingOccurrences(of: "  enabled: [ema_cross, orb,", with: "  enabled: [orb,").write(to: config, atomically: true, encoding: .utf8)
            try await reload()
            #expect(await TestEnvironment.eventually(timeout: .seconds(10)) { stack.log("strategy-ranker").contains("strategies reloaded") })
            let reloadedLine = stack.log("strategy-ranker").split(separator: "\n").first { $0.contains("strategies reloaded") } ?? ""
            #expect(!reloadedLine.contains(firstSha) && !reloadedLine.contains("ema_cross"))
            #expect(stack.isRunning("strategy-ranker"))
        } catch {
            print("---- strategy-ranker log ----\n\(stack.log("strategy-ranker").suffix(4000))")
            recorder.stop()
            await stack.shutdown()
            throw error
        }
        recorder.stop()
        await stack.shutdown()
    }
}
