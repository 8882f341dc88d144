import Foundation
import Messages
import RedisBus
import Testing
import TestSupport
import TradingCore

/// The real marketdata process on the simulator: ticks with bid/ask, bars on every configured
/// timeframe, option chains with greeks, `chain.refresh` and `POST /universe/reload` handled.
@Suite("marketdata end to end", .serialized)
struct MarketdataEndToEndTests {
    @Test func simulatorPublishesTicksBarsAndChainsAndAnswersJobs() async throws {
        let stack = try await ServiceStack(overrides: [
            "AITRAPP_MARKETDATA_FEED": "sim", "AITRAPP_MARKETDATA_SYMBOLS": "NIFTY,BANKNIFTY",
            "AITRAPP_MARKETDATA_TIMEFRAMES": "5s,1m", "AITRAPP_MARKETDATA_SIM_BAR_MS": "120", "AITRAPP_MARKETDATA_TICKS_PER_BAR": "12",
        ])
        defer { Task { await stack.shutdown() } }
        let recorder = try EventRecorder(redisURL: stack.redisURL)
        #expect(await recorder.start())
        defer { recorder.stop() }
        try stack.start("marketdata")
        try stack.start("control-api")

        let chainsSeen = await TestEnvironment.eventually(timeout: .seconds(30)) {
            Set(recorder.all.filter { $0.header.type == .chain }.map(\.channel)) == ["md.chain.NIFTY", "md.chain.BANKNIFTY"]
                && recorder.all.contains { $0.channel == "md.bar.1m.BANKNIFTY" }
        }
        #expect(chainsSeen, "\(stack.log("marketdata").suffix(2000))")
        let decoder = MessageCoding.makeDecoder()
        let tick = try #require(recorder.all.first { $0.channel == "md.tick.NIFTY" })
        let tickPayload = try decoder.decode(Envelope<TickPayload>.self, from: Data(tick.raw.utf8)).payload
        #expect((tickPayload.bidPaise ?? 0) < (tickPayload.askPaise ?? 0) && tickPayload.lastPricePaise > 0)
        let fiveSecondBars = recorder.all.filter { $0.channel == "md.bar.5s.NIFTY" }.count
        let minuteBars = recorder.all.filter { $0.channel == "md.bar.1m.NIFTY" }.count
        #expect(fiveSecondBars >= 10 * minuteBars && minuteBars >= 1)
        let chain = try #require(recorder.all.first { $0.channel == "md.chain.NIFTY" })
        let chainPayload = try decoder.decode(Envelope<ChainPayload>.self, from: Data(chain.raw.utf8)).payload
        #expect(chainPayload.rows.count == 42 && chainPayload.rows.allSatisfy { $0.iv != nil && $0.delta != nil })

        // A chain.refresh job republishes every chain under the job's trace.
        let redis = RedisClient(configuration: try RedisConfiguration(url: stack.redisURL), logger: TestEnvironment.logger)
        let job = Envelope(type: .job, ts: Date(), source: "test", trace: "refresh0000000001", mode: .paper,
                           payload: JobPayload(job: "chain.refresh", tradingDay: "2026-11-23", slot: "10:00", scheduledAt: Date()))
        try await redis.publish(String(decoding: try MessageCoding.makeEncoder().encode(job), as: UTF8.self), to: Channel.jobs)
        #expect(await TestEnvironment.eventually {
            Set(recorder.events(trace: "refresh0000000001").filter { $0.header.type == .chain }.map(\.channel)) == ["md.chain.NIFTY", "md.chain.BANKNIFTY"]
        })

        // POST /universe/reload: an audited instruments.sync, answered with md.instruments.
        let reload = try await stack.http("POST", "/universe/reload")
        #expect(reload.status == 202, "\(reload.body)")
        let trace = try #require(try JSONSerialization.jsonObject(with: Data(reload.body.utf8)) as? [String: Any])["trace"] as? String
        #expect(await TestEnvironment.eventually { recorder.events(trace: trace ?? "").contains { $0.header.type == .instruments } })
        let audit = try await stack.database.connect().query("SELECT count(*) AS n FROM audit_log WHERE action = 'universe.reload'")
        #expect(try audit.first?.int("n") == 1)
    }
}
