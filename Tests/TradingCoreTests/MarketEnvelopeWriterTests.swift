import Foundation
import Messages
import Testing
import TradingCore

@Suite("MarketEnvelopeWriter")
struct MarketEnvelopeWriterTests {
    private func encoderText(_ payload: TickPayload, id: UUID, ts: Date, source: String, trace: String, mode: TradingMode) throws -> String {
        let envelope = Envelope(type: .tick, ts: ts, source: source, trace: trace, mode: mode, payload: payload, id: id)
        return String(decoding: try MessageCoding.makeEncoder().encode(envelope), as: UTF8.self)
    }

    @Test("writes byte for byte what JSONEncoder writes", arguments: [
        TickPayload(symbol: "NIFTY", exchangeTs: Date(timeIntervalSince1970: 1_795_000_000.123456), lastPricePaise: 2_473_405, volume: 75),
        TickPayload(symbol: "M&M", exchangeTs: Date(timeIntervalSince1970: 1_795_000_000), lastPricePaise: 1, volume: 0,
                    bidPaise: 2_473_400, askPaise: 2_473_410),
        TickPayload(symbol: "BAJAJ-AUTO", exchangeTs: Date(timeIntervalSince1970: 0.5), lastPricePaise: -5, volume: 9_000_000_000,
                    bidPaise: 10),
        TickPayload(symbol: "we\"ird\\sym/\n\t\u{01}é", exchangeTs: Date(timeIntervalSince1970: 1_795_000_000.999999),
                    lastPricePaise: 5, volume: 1, askPaise: 6),
    ])
    func matchesEncoder(payload: TickPayload) throws {
        let id = UUID()
        let ts = Date(timeIntervalSince1970: 1_795_000_001.000_250)
        for mode in [TradingMode.paper, .live] {
            let fast = MarketEnvelopeWriter(source: "marketdata").write(payload, id: id, ts: ts, trace: "0123456789abcdef", mode: mode)
            #expect(fast == (try encoderText(payload, id: id, ts: ts, source: "marketdata", trace: "0123456789abcdef", mode: mode)))
            let decoded = try MessageCoding.makeDecoder().decode(Envelope<TickPayload>.self, from: Data(fast.utf8))
            #expect(decoded.payload.symbol == payload.symbol)
            #expect(decoded.payload.bidPaise == payload.bidPaise && decoded.payload.askPaise == payload.askPaise)
            #expect(decoded.type == .tick && decoded.mode == mode && decoded.id == id)
        }
    }
}

@Suite("MarketEnvelopeWriter bars")
struct MarketEnvelopeWriterBarTests {
    @Test("bar envelopes match JSONEncoder byte for byte, indicator numbers included")
    func barMatchesEncoder() throws {
        let values: [Double] = [0, 1, -1, 24_500, 24_734.05, 0.1, 1e-5, 1.5e-7, 123_456_789.123, 1e16, 3.0e21, -0.000_25, 65.432_109_876_543_21,
                                Double.ulpOfOne, 2_473_405.5]
        var indicators: [String: Double] = [:]
        for (index, value) in values.enumerated() { indicators["ind_\(index)"] = value }
        indicators["supertrend_dir_10_3"] = -1
        let payload = BarPayload(symbol: "M&M", timeframe: "5s", start: Date(timeIntervalSince1970: 1_795_000_000), openPaise: 100,
                                 highPaise: 110, lowPaise: 90, closePaise: 105, volume: 12_345, indicators: indicators)
        let id = UUID()
        let ts = Date(timeIntervalSince1970: 1_795_000_001.5)
        let fast = MarketEnvelopeWriter(source: "marketdata").write(payload, id: id, ts: ts, trace: "feedbeef00112233", mode: .paper)
        let envelope = Envelope(type: .bar, ts: ts, source: "marketdata", trace: "feedbeef00112233", mode: .paper, payload: payload, id: id)
        #expect(fast == String(decoding: try MessageCoding.makeEncoder().encode(envelope), as: UTF8.self))
        let empty = BarPayload(symbol: "NIFTY", timeframe: "1m", start: ts, openPaise: 1, highPaise: 1, lowPaise: 1, closePaise: 1,
                               volume: 0, indicators: [:])
        let emptyEnvelope = Envelope(type: .bar, ts: ts, source: "marketdata", trace: "t", mode: .live, payload: empty, id: id)
        #expect(MarketEnvelopeWriter(source: "marketdata").write(empty, id: id, ts: ts, trace: "t", mode: .live)
                == String(decoding: try MessageCoding.makeEncoder().encode(emptyEnvelope), as: UTF8.self))
    }
}

@Suite("MessageIDGenerator")
struct MessageIDGeneratorTests {
    @Test("ids are version-4 UUIDs, distinct, and the same sequence for the same seed")
    func versionFourAndUnique() {
        var generator = MessageIDGenerator(seed: 7)
        let ids = (0..<10_000).map { _ in generator.next() }
        #expect(Set(ids).count == ids.count)
        for id in ids.prefix(100) {
            let text = id.uuidString
            #expect(Array(text)[14] == "4")
            #expect("89AB".contains(Array(text)[19]))
            #expect(UUID(uuidString: text) == id)
        }
        var again = MessageIDGenerator(seed: 7)
        #expect(again.next() == ids[0])
        var other = MessageIDGenerator(seed: 8)
        #expect(other.next() != ids[0])
    }
}
