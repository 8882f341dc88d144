import Foundation
import PostgresStore
import Testing
import TestSupport
import TradingCore

/// Loads the real Kite instrument sample (`../shared/data/kite/instruments_all.csv`) into a
/// fresh database through `InstrumentRepository.upsertKite`.
@Suite("Instruments: Kite dump load")
struct InstrumentLoadTests {
    static let sample = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("shared/data/kite/instruments_all.csv")

    @Test func loadsEveryRowWithItsColumnsAndUniverseFlagsIdempotently() async throws {
        guard let text = try? String(contentsOf: Self.sample, encoding: .utf8) else {
            print("InstrumentLoadTests: skipped, no sample at \(Self.sample.path)")
            return
        }
        let instruments = try KiteInstrumentCSVParser().parse(text)
        #expect(instruments.count == 99)
        // On 2017-11-01 BANKNIFTY's options are live; ADANIPORTS has its cash row and a December put.
        let universe = UniverseBuilder(instruments: instruments, stockSymbols: ["ADANIPORTS", "INDIACEM"],
                                       bannedSymbols: ["INDIACEM"]).build(today: "2017-11-01")
        #expect(universe.symbols == ["BANKNIFTY", "ADANIPORTS"])
        let universeTokens: Set<Int64> = [12_073_986, 12_074_242, 3_861_249, 13_693_186]

        let temporary = try await TemporaryDatabase.create()
        try await temporary.migrate()
        let db = temporary.connect()
        let first = try await db.transaction { try InstrumentRepository.upsertKite(instruments, universeTokens: universeTokens, on: $0) }
        #expect(first == 99)
        #expect(try await db.query("SELECT count(*) AS n FROM instruments").first?.int("n") == 99)

        let row = try #require(try await db.query("""
            SELECT exchange, tradingsymbol, name, segment, instrument_type, expiry::text AS expiry, strike::text AS strike,
                   tick_size, lot_size, in_universe
              FROM instruments WHERE instrument_token = 12073986
            """).first)
        #expect(try row.string("exchange") == "NFO")
        #expect(try row.string("tradingsymbol") == "BANKNIFTY18JAN23500CE")
        #expect(try row.optionalString("name") == nil)
        #expect(try row.string("segment") == "NFO-OPT")
        #expect(try row.string("instrument_type") == "CE")
        #expect(try row.string("expiry") == "2018-01-25")
        #expect(try row.string("strike") == "23500.00")
        #expect(try row.paise("tick_size") == Paise(5))
        #expect(try row.int("lot_size") == 40)
        #expect(try row.bool("in_universe"))

        let cash = try #require(try await db.query("""
            SELECT name, segment, instrument_type, expiry, strike, in_universe FROM instruments WHERE instrument_token = 3861249
            """).first)
        #expect(try cash.optionalString("name") == "ADANI PORT & SEZ")
        #expect(try cash.optionalString("expiry") == nil)
        #expect(try cash.optionalString("strike") == nil)
        #expect(try cash.bool("in_universe"))

        let flagged = try await db.query("SELECT instrument_token FROM instruments WHERE in_universe ORDER BY instrument_token")
        #expect(try flagged.map { Int64(try $0.int("instrument_token")) } == universeTokens.sorted())

        // A second load changes nothing but the flags it is given.
        let second = try await db.transaction { try InstrumentRepository.upsertKite(instruments, universeTokens: [12_074_242], on: $0) }
        #expect(second == 99)
        #expect(try await db.query("SELECT count(*) AS n FROM instruments").first?.int("n") == 99)
        let after = try await db.query("SELECT instrument_token FROM instruments WHERE in_universe")
        #expect(try after.map { try $0.int("instrument_token") } == [12_074_242])
        await temporary.drop()
    }
}
