import Foundation
import Testing
import TradingCore

@Suite("Tick")
struct TickTests {
    private static let at = istInstant(2026, 11, 23, 9, 15, 1)

    @Test("bid and ask default to nil and are left out of the JSON")
    func lastPriceOnly() throws {
        let tick = Tick(symbol: "NIFTY", timestamp: Self.at, lastPrice: Paise(2_495_000), volume: 65)
        #expect(tick.bid == nil && tick.ask == nil)
        let json = String(decoding: try JSONEncoder().encode(tick), as: UTF8.self)
        #expect(!json.contains("bid") && !json.contains("ask"))
        #expect(try JSONDecoder().decode(Tick.self, from: Data(json.utf8)) == tick)
    }

    @Test("a tick with a top of book round-trips, and one without it still decodes")
    func topOfBook() throws {
        let tick = Tick(symbol: "NIFTY", timestamp: Self.at, lastPrice: Paise(2_495_000), volume: 65,
                        bid: Paise(2_494_995), ask: Paise(2_495_005))
        let data = try JSONEncoder().encode(tick)
        let decoded = try JSONDecoder().decode(Tick.self, from: data)
        #expect(decoded == tick)
        #expect(decoded.bid == Paise(2_494_995) && decoded.ask == Paise(2_495_005))
        #expect(decoded != Tick(symbol: "NIFTY", timestamp: Self.at, lastPrice: Paise(2_495_000), volume: 65))

        let old = #"{"symbol":"NIFTY","timestamp":0,"lastPrice":2495000,"volume":0}"#
        let legacy = try JSONDecoder().decode(Tick.self, from: Data(old.utf8))
        #expect(legacy.lastPrice == Paise(2_495_000) && legacy.bid == nil && legacy.ask == nil)
    }
}
