import Foundation
import Messages
import Testing
import TradingCore

@Suite("TickEnvelopeWriter")
struct TickEnvelopeWriterTests {
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
            let fast = TickEnvelopeWriter(source: "marketdata").write(payload, id: id, ts: ts, trace: "0123456789abcdef", mode: mode)
            #expect(fast == (try encoderText(payload, id: id, ts: ts, source: "marketdata", trace: "0123456789abcdef", mode: mode)))
            let decoded = try MessageCoding.makeDecoder().decode(Envelope<TickPayload>.self, from: Data(fast.utf8))
            #expect(decoded.payload.symbol == payload.symbol)
            #expect(decoded.payload.bidPaise == payload.bidPaise && decoded.payload.askPaise == payload.askPaise)
            #expect(decoded.type == .tick && decoded.mode == mode && decoded.id == id)
        }
    }
}
