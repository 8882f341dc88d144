import Foundation
import Testing
import TradingCore

@Suite("KiteTokenMap")
struct KiteTokenMapTests {
    @Test("SYMBOL=token entries; tokens sorted for the subscription")
    func parse() throws {
        let map = try KiteTokenMap.parse(entries: ["NIFTY=256265", " INFY = 408065 "])
        #expect(map.symbolsByToken == [256_265: "NIFTY", 408_065: "INFY"])
        #expect(map.tokens == [256_265, 408_065])
    }

    @Test("bad, zero and repeated entries are refused", arguments: [
        ["NIFTY"], ["NIFTY=abc"], ["=1"], ["NIFTY=0"], ["NIFTY=1", "NIFTY=2"], ["A=1", "B=1"],
    ])
    func refused(entries: [String]) {
        #expect(throws: KiteTokenMap.ResolveError.self) { try KiteTokenMap.parse(entries: entries) }
    }

    static func instrument(_ token: Int64, _ symbol: String, exchange: String = "NSE", segment: String = "NSE") -> KiteInstrument {
        KiteInstrument(instrumentToken: token, exchangeToken: token >> 8, tradingsymbol: symbol, name: symbol, lastPrice: .zero,
                       expiry: nil, strike: .zero, tickSize: Paise(5), lotSize: 1, instrumentType: .equity, segment: segment,
                       exchange: exchange)
    }

    @Test("symbols looked up in the dump: indices by their INDICES name, stocks on NSE")
    func resolve() throws {
        let dump = [Self.instrument(256_265, "NIFTY 50", segment: "INDICES"), Self.instrument(408_065, "INFY"),
                    Self.instrument(128_053_508, "INFY", exchange: "BSE", segment: "BSE")]
        let map = try KiteTokenMap.resolve(symbols: ["NIFTY", "INFY"], in: dump)
        #expect(map.symbolsByToken == [256_265: "NIFTY", 408_065: "INFY"])
        #expect(throws: KiteTokenMap.ResolveError.self) { try KiteTokenMap.resolve(symbols: ["TCS"], in: dump) }
    }
}
