import Foundation
import Testing
import TradingCore

@Suite("KiteTickConverter")
struct KiteTickConverterTests {
    static let infy: UInt32 = 408_065
    static let nifty: UInt32 = 256_265
    let now = istInstant(2025, 9, 10, 10, 0)

    static func level(_ quantity: Int64, _ price: Int64) -> KiteDepthLevel {
        KiteDepthLevel(quantity: quantity, price: Paise(price), orders: 1)
    }

    @Test("volume is the change of the cumulative volume per token; the first tick counts 0, a reset counts in full")
    func volumeDelta() {
        var converter = KiteTickConverter(symbols: [Self.infy: "INFY"])
        let volumes: [Int64] = [1_000, 1_250, 1_250, 1_300, 40]
        let ticks = volumes.map { KiteTick(instrumentToken: Self.infy, mode: .quote, isTradable: true, lastPrice: Paise(157_000), volume: $0) }
        let converted = converter.convert(ticks, receivedAt: now)
        #expect(converted.map(\.volume) == [0, 250, 0, 50, 40])
        #expect(converted.allSatisfy { $0.symbol == "INFY" && $0.timestamp == now && $0.lastPrice == Paise(157_000) })
    }

    @Test("best bid and ask from the depth; empty levels and LTP packets give none; exchange time preferred")
    func depthAndTime() {
        var converter = KiteTickConverter(symbols: [Self.infy: "INFY", Self.nifty: "NIFTY"])
        let exchange = istInstant(2025, 9, 10, 9, 59, 58)
        let full = KiteTick(instrumentToken: Self.infy, mode: .full, isTradable: true, lastPrice: Paise(157_370), volume: 10,
                            exchangeTimestamp: exchange,
                            depth: KiteMarketDepth(buy: [Self.level(5, 157_340), Self.level(1, 157_335)],
                                                   sell: [Self.level(0, 0), Self.level(3, 157_400)]))
        let index = KiteTick(instrumentToken: Self.nifty, mode: .ltp, isTradable: false, lastPrice: Paise(2_497_755))
        let unmapped = KiteTick(instrumentToken: 1, mode: .ltp, isTradable: true, lastPrice: Paise(100))
        let converted = converter.convert([full, unmapped, index], receivedAt: now)
        #expect(converted == [
            Tick(symbol: "INFY", timestamp: exchange, lastPrice: Paise(157_370), volume: 0, bid: Paise(157_340), ask: nil),
            Tick(symbol: "NIFTY", timestamp: now, lastPrice: Paise(2_497_755), volume: 0),
        ])
        #expect(converter.unmappedTokens == 1)
    }
}
