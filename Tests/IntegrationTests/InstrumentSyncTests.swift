import Foundation
import MarketFeeds
import Messages
import PostgresStore
import RedisBus
import ServiceKit
import Testing
import TestSupport
import TradingCore

/// marketdata's instrument sync end to end inside one process: the real Kite dump, a ban
/// file and a volume file in, rows in a fresh database and `md.instruments` on Redis out.
@Suite("Instruments: sync with ban list, top N by volume and freeze quantities")
struct InstrumentSyncTests {
    static let dump = InstrumentLoadTests.sample

    func files(ban: String, volumes: String) throws -> (String, String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(TestEnvironment.uniqueName("universe"))
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let banFile = folder.appendingPathComponent("fo_secban.csv"), volumeFile = folder.appendingPathComponent("volumes.csv")
        try ban.write(to: banFile, atomically: true, encoding: .utf8)
        try volumes.write(to: volumeFile, atomically: true, encoding: .utf8)
        return (banFile.path, volumeFile.path)
    }

    func context(_ database: PostgresDatabase, _ values: [String: String]) throws -> ServiceKitContext {
        // The sample dump is from 2017: its contracts are live on 2017-11-01.
        ServiceKitContext(name: "marketdata", config: AppConfig(values: values), logger: TestEnvironment.logger,
                          redisConfiguration: try RedisConfiguration(url: TestEnvironment.redisURL), database: database,
                          clock: ScaledClock(start: try #require(Timestamp.parse("2017-11-01T08:30:00+05:30")), speed: 1))
    }

    @Test func banFileVolumeFileAndFreezeQuantitiesShapeThePublishedUniverse() async throws {
        guard FileManager.default.fileExists(atPath: Self.dump.path) else { return }
        let (ban, volumes) = try files(ban: "Securities in Ban For Trade Date 01-NOV-2017:\n1,INDIACEM\n",
                                       volumes: "symbol,volume\nINDIACEM,900\nADANIPORTS,500\nINFY,100\n")
        let temporary = try await TemporaryDatabase.create()
        try await temporary.migrate()
        let context = try context(temporary.connect(), [
            "marketdata.instruments_file": Self.dump.path, "marketdata.ban_list_file": ban, "marketdata.volume_file": volumes,
            "marketdata.universe_top_n": "1", "marketdata.freeze_quantities": "BANKNIFTY=900,NIFTY=1800", "marketdata.symbols": "NIFTY",
        ])
        let subscriber = RedisSubscriber(configuration: context.redisConfiguration.named("test.instruments"),
                                         channels: [Channel.instruments], logger: TestEnvironment.logger)
        subscriber.start()
        defer { subscriber.stop() }
        try await Task.sleep(for: .milliseconds(300))
        let sync = InstrumentSync(context: context, settings: try MarketdataSettings(config: context.config))
        try await sync.sync(trace: "sync-trace")

        var payload: InstrumentsPayload?
        for await message in subscriber.messages {
            let envelope = try MessageCoding.makeDecoder().decode(Envelope<InstrumentsPayload>.self, from: Data(message.payload.utf8))
            if envelope.trace == "sync-trace" { payload = envelope.payload; break }
        }
        let published = try #require(payload)
        // INDIACEM tops the volumes but is banned, so ADANIPORTS is the one stock added by volume.
        #expect(published.banned == ["INDIACEM"])
        #expect(published.universe.map(\.symbol) == ["BANKNIFTY", "ADANIPORTS", "NIFTY"])
        #expect(published.universe.first?.freezeQuantity == 900 && published.universe.first?.lotSize == 40)
        #expect(published.universe.last?.freezeQuantity == 1_800)   // the configured NIFTY, registered synthetically
        #expect(published.day == "2017-11-01")
        let flagged = try await temporary.connect().query("SELECT count(*) AS n FROM instruments WHERE in_universe AND tradingsymbol LIKE 'ADANIPORTS%'")
        #expect(try flagged.first?.int("n") ?? 0 >= 2)
    }

    @Test func aBadBanFileLineNamesTheFileAndLineAndLoadsNothing() async throws {
        guard FileManager.default.fileExists(atPath: Self.dump.path) else { return }
        let (ban, volumes) = try files(ban: "RBLBANK\nnot a symbol\n", volumes: "")
        let temporary = try await TemporaryDatabase.create()
        try await temporary.migrate()
        let context = try context(temporary.connect(), ["marketdata.instruments_file": Self.dump.path, "marketdata.ban_list_file": ban,
                                                         "marketdata.volume_file": volumes])
        let sync = InstrumentSync(context: context, settings: try MarketdataSettings(config: context.config))
        do {
            try await sync.sync(trace: TraceID.make())
            Issue.record("a bad ban file was accepted")
        } catch let error as InstrumentSync.FileError {
            #expect(error.description == "\(ban):2: expected a symbol or 'serial,SYMBOL', got 'not a symbol'")
        }
        #expect(try await temporary.connect().query("SELECT count(*) AS n FROM instruments").first?.int("n") == 0)
    }
}
