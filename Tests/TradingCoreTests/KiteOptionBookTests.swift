import Foundation
import Testing
import TradingCore

@Suite("KiteOptionBook")
struct KiteOptionBookTests {
    static func option(_ token: Int64, strike: Int64, _ type: KiteInstrumentType, expiry: String) -> KiteInstrument {
        KiteInstrument(instrumentToken: token, exchangeToken: token, tradingsymbol: "NIFTY26NOV\(strike)\(type == .call ? "CE" : "PE")",
                       name: "NIFTY", lastPrice: .zero, expiry: expiry, strike: Paise(strike * 100), tickSize: Paise(5), lotSize: 75,
                       instrumentType: type, segment: "NFO-OPT", exchange: "NFO")
    }

    static let instruments: [KiteInstrument] = {
        var list: [KiteInstrument] = []
        var token: Int64 = 10_000
        for strike in stride(from: Int64(24_850), through: 25_050, by: 50) {
            for type in [KiteInstrumentType.call, .put] {
                token += 1
                list.append(option(token, strike: strike, type, expiry: "2026-11-24"))
                list.append(option(token + 500, strike: strike, type, expiry: "2026-12-01"))   // a later expiry: not subscribed
            }
        }
        return list
    }()

    static func tick(_ token: UInt32, last: Int64, bid: Int64, ask: Int64, oi: Int64 = 1_000) -> KiteTick {
        var tick = KiteTick(instrumentToken: token, mode: .full, isTradable: true, lastPrice: Paise(last))
        tick.volume = 5_000
        tick.openInterest = oi
        tick.depth = KiteMarketDepth(buy: [KiteDepthLevel(quantity: 75, price: Paise(bid), orders: 1)],
                                     sell: [KiteDepthLevel(quantity: 75, price: Paise(ask), orders: 1)])
        return tick
    }

    @Test("subscribes every strike of the nearest expiry; option ticks become quotes, others pass through")
    func recordsQuotes() throws {
        var book = KiteOptionBook(instruments: Self.instruments, underlyings: ["NIFTY", "BANKNIFTY"], today: "2026-11-23")
        #expect(book.expiries == ["NIFTY": "2026-11-24"])
        #expect(book.tokens.count == 10 && book.tokens.allSatisfy { $0 > 10_000 && $0 <= 10_010 })
        let index = KiteTick(instrumentToken: 256_265, mode: .full, isTradable: false, lastPrice: Paise(2_495_500))
        let rest = book.record([Self.tick(10_005, last: 9_000, bid: 8_990, ask: 9_010), index, Self.tick(10_006, last: 8_500, bid: 8_490, ask: 8_510),
                                Self.tick(10_505, last: 1, bid: 1, ask: 2)])
        #expect(rest.map(\.instrumentToken) == [256_265, 10_505])        // the index and the later expiry pass through
        let quotes = book.quotes(for: "NIFTY", spot: Paise(2_495_500), strikesEachSide: 1)
        #expect(quotes.count == 2)                                       // only the 24,950 call and put have ticked
        let call = try #require(quotes.first { $0.kind == .call })
        #expect(call.strike == Paise(2_495_000) && call.bid == Paise(8_990) && call.ask == Paise(9_010) && call.last == Paise(9_000))
        #expect(call.volume == 5_000 && call.openInterest == 1_000)
        #expect(book.quotes(for: "BANKNIFTY", spot: Paise(5_000_000), strikesEachSide: 1).isEmpty)
    }

    @Test("the window follows spot: strikes either side of the nearest one, fewer at the edges")
    func windowFollowsSpot() {
        var book = KiteOptionBook(instruments: Self.instruments, underlyings: ["NIFTY"], today: "2026-11-23")
        _ = book.record(book.tokens.map { Self.tick($0, last: 100, bid: 95, ask: 105) })
        #expect(Set(book.quotes(for: "NIFTY", spot: Paise(2_495_000), strikesEachSide: 1).map(\.strike)) == [Paise(2_490_000), Paise(2_495_000), Paise(2_500_000)])
        #expect(Set(book.quotes(for: "NIFTY", spot: Paise(2_000_000), strikesEachSide: 2).map(\.strike)) == [Paise(2_485_000), Paise(2_490_000), Paise(2_495_000)])
        #expect(book.quotes(for: "NIFTY", spot: Paise(2_495_000), strikesEachSide: 10).count == 10)
    }
}
